"""The kinds of value a backup holds: each reads one JSON value strictly (the wrong type, an
integer out of the database's range or a malformed date is one ValidationError naming the
path) and writes a stored value back as JSON. A table's kinds follow from its columns."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Boolean, Column, Date, DateTime, Float, Integer, String, Table

from callwise.domain.errors import ValidationError

INT_MAX = 2**31 - 1  # the range of an INTEGER column on PostgreSQL (SQLite's is wider)


class Kind(Protocol):
    """How one field is read from a backup (`load`) and written to it (`dump`)."""

    def load(self, value: Any, path: str) -> Any: ...

    def dump(self, value: Any) -> Any: ...


def fail(path: str, message: str) -> ValidationError:
    return ValidationError(message, field=path)


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return "a string" if isinstance(value, str) else "a number"


def _wrong(path: str, wanted: str, value: Any) -> ValidationError:
    return fail(path, f"expected {wanted}, found {_type_name(value)}")


@dataclass(frozen=True)
class Text:
    max_length: int | None = None
    optional: bool = False

    def load(self, value: Any, path: str) -> str | None:
        if value is None and self.optional:
            return None
        if not isinstance(value, str):
            raise _wrong(path, "a string", value)
        if self.max_length is not None and len(value) > self.max_length:
            raise fail(path, f"longer than {self.max_length} characters; shorten it")
        if "\x00" in value or not _encodable(value):
            raise fail(path, "contains a character that is not text (NUL or a lone surrogate)")
        return value

    def dump(self, value: Any) -> Any:
        return value


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@dataclass(frozen=True)
class Whole:
    """An integer in [low, high]; ids are 1..INT_MAX."""

    low: int = -INT_MAX - 1
    high: int = INT_MAX
    optional: bool = False

    def load(self, value: Any, path: str) -> int | None:
        if value is None and self.optional:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise _wrong(path, "a whole number", value)
        if not self.low <= value <= self.high:
            raise fail(path, f"{value} is out of range ({self.low} to {self.high})")
        return value

    def dump(self, value: Any) -> Any:
        return value


@dataclass(frozen=True)
class Flag:
    def load(self, value: Any, path: str) -> bool:
        if not isinstance(value, bool):
            raise _wrong(path, "true or false", value)
        return value

    def dump(self, value: Any) -> Any:
        return bool(value)


@dataclass(frozen=True)
class Number:
    optional: bool = False

    def load(self, value: Any, path: str) -> float | None:
        if value is None and self.optional:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _wrong(path, "a number", value)
        if not math.isfinite(value) or abs(value) > 1e300:
            raise fail(path, f"{value} is not a usable number")
        return float(value)

    def dump(self, value: Any) -> Any:
        return value


@dataclass(frozen=True)
class Day:
    optional: bool = False

    def load(self, value: Any, path: str) -> dt.date | None:
        if value is None and self.optional:
            return None
        if not isinstance(value, str):
            raise _wrong(path, "a date (YYYY-MM-DD)", value)
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise fail(path, f"{value[:40]!r} is not a date; write YYYY-MM-DD") from None

    def dump(self, value: Any) -> Any:
        return value.isoformat() if value is not None else None


@dataclass(frozen=True)
class Instant:
    """An aware instant, stored and written in UTC (`2026-11-24T15:00:00Z`)."""

    optional: bool = False

    def load(self, value: Any, path: str) -> dt.datetime | None:
        if value is None and self.optional:
            return None
        if not isinstance(value, str):
            raise _wrong(path, "an ISO 8601 instant", value)
        try:
            parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            aware = parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
            return aware.astimezone(dt.UTC)
        except (ValueError, OverflowError):
            raise fail(
                path, f"{value[:40]!r} is not an ISO 8601 instant; write e.g. 2026-11-24T15:00:00Z"
            ) from None

    def dump(self, value: Any) -> Any:
        if value is None:
            return None
        aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        return aware.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class Choice:
    values: tuple[str, ...]

    def load(self, value: Any, path: str) -> str:
        if not isinstance(value, str) or value not in self.values:
            shown = repr(value)[:40]
            raise fail(path, f"{shown} is not one of: {', '.join(self.values)}")
        return value

    def dump(self, value: Any) -> Any:
        return value


@dataclass(frozen=True)
class ListOf:
    """A JSON list; with `as_json_text` it is stored as JSON text (a call's topics)."""

    item: Kind
    as_json_text: bool = False

    def load(self, value: Any, path: str) -> Any:
        if not isinstance(value, list):
            raise _wrong(path, "a list", value)
        items = [self.item.load(v, f"{path}[{i}]") for i, v in enumerate(value)]
        return json.dumps(items) if self.as_json_text else items

    def dump(self, value: Any) -> Any:
        return json.loads(value) if self.as_json_text else value


@dataclass(frozen=True)
class Record:
    """A JSON object whose known keys are checked; unknown keys are ignored (later versions)."""

    fields: Mapping[str, Kind]
    optional: bool = False
    required: tuple[str, ...] = ()

    def load(self, value: Any, path: str) -> Any:
        if value is None and self.optional:
            return None
        if not isinstance(value, dict):
            raise _wrong(path, "an object", value)
        for key in self.required:
            if key not in value:
                raise fail(f"{path}.{key}", "missing; every entry needs it")
        for key, kind in self.fields.items():
            if key in value:
                kind.load(value[key], f"{path}.{key}")
        return value

    def dump(self, value: Any) -> Any:
        return value


def column_kind(column: Column[Any]) -> Kind:
    """The kind a column's type calls for; nullable columns accept null."""
    optional = bool(column.nullable)
    kind = column.type
    if isinstance(kind, Boolean):
        return Flag()
    if isinstance(kind, Integer):
        return Whole(1, INT_MAX) if column.primary_key else Whole(optional=optional)
    if isinstance(kind, DateTime):
        return Instant(optional)
    if isinstance(kind, Date):
        return Day(optional)
    if isinstance(kind, Float):
        return Number(optional)
    if isinstance(kind, String):
        return Text(kind.length, optional)
    raise TypeError(f"no backup kind for column {column.name} ({kind})")  # pragma: no cover


def table_kinds(
    table: Table, overrides: Mapping[str, Kind], leave_out: Iterable[str] = ()
) -> dict[str, Kind]:
    """The kind of every column of `table` but those left out (derived ones), in column order."""
    skipped = set(leave_out)
    return {
        c.name: overrides.get(c.name) or column_kind(c)
        for c in table.columns
        if c.name not in skipped
    }
