"""The sections of a backup: one entry per kind of record, with how its rows are read for the
export and how they are checked and restored by id. A new kind of user data (say, pairs marked
"not the same person") is one more entry in SECTIONS.

Decisions:
- Sections are restored in the order listed, so a record's references (a call's contact, a
  promise's call) are written before it; contacts' introducers are linked after all contacts.
- Derived columns (a contact's search text and last touch, a trip's coordinates) are left out
  of the file and computed again on restore.
- A record whose id is stored already is overwritten with the saved state; stored records the
  backup does not hold are kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, Protocol

from sqlalchemy import Connection, Table

from callwise.domain.calls import Outcome
from callwise.domain.codec import contact_from_dict, contact_to_dict
from callwise.domain.contacts import prepare_contact
from callwise.domain.errors import CallwiseError, ValidationError
from callwise.domain.model import TEXT_FIELDS, Contact, RelationshipKind
from callwise.domain.occasions import check_rrule
from callwise.domain.zone_evidence import city_coordinates
from callwise.services.backup_fields import (
    INT_MAX,
    Choice,
    Day,
    Flag,
    Instant,
    Kind,
    ListOf,
    Record,
    Text,
    Whole,
    fail,
    table_kinds,
)
from callwise.store import activity, tables
from callwise.store import contacts as contact_store

Json = dict[str, Any]


@dataclass(frozen=True)
class Ref:
    """A reference from a record to a record of another section, and where it is written."""

    section: str
    key: int
    path: str


@dataclass(frozen=True)
class Parsed:
    """One checked entry of a section, ready to restore."""

    key: Any
    value: Any
    refs: tuple[Ref, ...] = ()


@dataclass(frozen=True)
class Context:
    """What parsing needs beyond the entry: the phone region and the restore's moment."""

    region: str
    now: dt.datetime


class Section(Protocol):
    """One kind of record: its key in the document, its table, how it is written and read."""

    @property
    def name(self) -> str: ...

    @property
    def table(self) -> Table: ...

    def rows(self, conn: Connection) -> Iterator[Json]: ...

    def parse(self, item: Any, path: str, context: Context) -> Parsed: ...

    def restore(self, conn: Connection, entries: Sequence[Parsed]) -> int: ...


# --- contacts -------------------------------------------------------------------------------

_ID = Whole(1, INT_MAX)
_TEXT = Text()
_OPT_TEXT = Text(optional=True)
_OPT_ID = Whole(1, INT_MAX, optional=True)
_WORDS = ListOf(Text())
CONTACT_SHAPE = Record(
    {
        "id": _ID,
        **dict.fromkeys(TEXT_FIELDS, _OPT_TEXT),
        "kind": Choice(tuple(k.value for k in RelationshipKind)),
        "kind_guessed": Flag(),  # 0013: an import guessed the kind (absent: set, not guessed)
        "address_form": _OPT_TEXT,  # the codec names the allowed forms
        "met": Record(
            {
                "event": _OPT_TEXT,
                "date": _OPT_TEXT,
                "place": _OPT_TEXT,
                "circumstances": _OPT_TEXT,
                "introduced_by": _OPT_ID,
            },
            optional=True,
        ),
        "phones": ListOf(
            Record({"number": _TEXT, "label": _OPT_TEXT, "valid": Flag()}, required=("number",))
        ),
        "emails": ListOf(Record({"address": _TEXT, "label": _OPT_TEXT}, required=("address",))),
        "gatekeeper": Record({"name": _OPT_TEXT, "role": _OPT_TEXT, "phone": _OPT_TEXT}, True),
        "interests": _WORDS,
        "avoid_topics": _WORDS,
        "tags": _WORDS,
        "birthday": _OPT_TEXT,
        "other_dates": ListOf(Record({"label": _OPT_TEXT, "date": _TEXT}, required=("date",))),
        "connected_on": Day(optional=True),
        "cadence_days": Whole(1, INT_MAX, optional=True),
        "created_at": Instant(optional=True),
        "updated_at": Instant(optional=True),
    }
)


@dataclass(frozen=True)
class ContactSection:
    """Contacts, through the one contact codec (docs/json.md) without the derived `name`."""

    name: str = "contacts"
    table: Table = tables.contacts

    def rows(self, conn: Connection) -> Iterator[Json]:
        for contact in contact_store.iter_contacts(conn):
            data = contact_to_dict(contact)
            del data["name"]
            yield data

    def parse(self, item: Any, path: str, context: Context) -> Parsed:
        CONTACT_SHAPE.load(item, path)
        if item.get("id") is None:
            raise fail(path, "each contact in a backup needs its id")
        try:
            contact = prepare_contact(contact_from_dict(item), context.region, strict=False)
        except CallwiseError as exc:
            raise ValidationError(
                exc.message, field=path + (f".{exc.field}" if exc.field else "")
            ) from None
        contact = replace(
            contact,
            created_at=contact.created_at or context.now,
            updated_at=contact.updated_at or context.now,
        )
        introducer = contact.met.introduced_by
        refs = (Ref("contacts", introducer, f"{path}.met.introduced_by"),) if introducer else ()
        return Parsed(contact.id, contact, refs)

    def restore(self, conn: Connection, entries: Sequence[Parsed]) -> int:
        """Insert the missing contacts with their ids, overwrite the present ones, then link
        introducers (the foreign key needs both ends)."""
        restored: list[Contact] = [e.value for e in entries]
        unlinked = [replace(c, met=replace(c.met, introduced_by=None)) for c in restored]
        present = contact_store.existing_ids(conn, [c.id for c in unlinked if c.id is not None])
        fresh = [c for c in unlinked if c.id not in present]
        contact_store.insert_contacts(conn, fresh, keep_ids=True)
        for contact in unlinked:
            if contact.id in present:
                contact_store.update_contact(conn, contact)
        contact_store.set_introducers(
            conn, [(c.id, c.met.introduced_by) for c in restored if c.id and c.met.introduced_by]
        )
        contact_store.reset_id_sequence(conn)
        return len(fresh)


# --- tables of history ----------------------------------------------------------------------


@dataclass(frozen=True)
class TableSection:
    """A table restored row by row by its key: every column but the derived ones is in the
    file, each read by the kind its column type calls for (or an override)."""

    name: str
    table: Table
    refs: Mapping[str, str] = field(default_factory=dict)  # column -> section it points to
    overrides: Mapping[str, Kind] = field(default_factory=dict)
    derived: tuple[str, ...] = ()
    check: Callable[[Json, str], Json] = lambda row, path: row  # domain rules, derived values
    after: Callable[[Connection, Sequence[Json]], None] = lambda conn, rows: None

    @cached_property
    def kinds(self) -> dict[str, Kind]:
        return table_kinds(self.table, self.overrides, self.derived)

    def rows(self, conn: Connection) -> Iterator[Json]:
        kinds = self.kinds
        for row in activity.table_rows(conn, self.table):
            yield {name: kind.dump(row[name]) for name, kind in kinds.items()}

    def parse(self, item: Any, path: str, context: Context) -> Parsed:
        if not isinstance(item, dict):
            raise fail(path, "expected an object")
        row: Json = {}
        for name, kind in self.kinds.items():
            if name in item:
                row[name] = kind.load(item[name], f"{path}.{name}")
            else:
                row[name] = self._default(name, path)
        row = self.check(row, path)
        refs = tuple(
            Ref(section, row[column], f"{path}.{column}")
            for column, section in self.refs.items()
            if row[column] is not None
        )
        (key,) = self.table.primary_key.columns
        return Parsed(row[key.name], row, refs)

    def _default(self, name: str, path: str) -> Any:
        column = self.table.columns[name]
        default = getattr(column.default, "arg", None)
        if (default is None and not column.nullable) or callable(default):
            raise fail(f"{path}.{name}", "missing; every entry needs it")
        return default

    def restore(self, conn: Connection, entries: Sequence[Parsed]) -> int:
        rows = [e.value for e in entries]
        fresh = activity.upsert_rows(conn, self.table, rows)
        self.after(conn, rows)
        return fresh


def _check_trip(row: Json, path: str) -> Json:
    if not row["city"].strip():
        raise fail(f"{path}.city", "name the city of the trip")
    if row["end"] < row["start"]:
        raise fail(f"{path}.end", f"the trip ends ({row['end']}) before it starts")
    where = city_coordinates(row["city"], row["region"], row["country"])
    return row | {"latitude": where[0] if where else None, "longitude": where[1] if where else None}


def _check_occasion(row: Json, path: str) -> Json:
    try:
        return row | {"rrule": check_rrule(row["rrule"], row["start"])}
    except CallwiseError as exc:
        raise fail(f"{path}.rrule", exc.message) from None


def _retouch(conn: Connection, rows: Sequence[Json]) -> None:
    activity.touch_from_calls(conn, [r["contact_id"] for r in rows])


_CONTACT = {"contact_id": "contacts"}

SECTIONS: tuple[Section, ...] = (
    ContactSection(),
    TableSection(
        "calls",
        tables.calls,
        refs=_CONTACT,
        overrides={
            "outcome": Choice(tuple(o.value for o in Outcome)),
            "topics": ListOf(Text(), as_json_text=True),
            "duration_seconds": Whole(0, INT_MAX, optional=True),
        },
        after=_retouch,
    ),
    TableSection("promises", tables.promises, refs={"call_id": "calls", **_CONTACT}),
    TableSection("snoozes", tables.snoozes, refs=_CONTACT),
    TableSection("trips", tables.trips, derived=("latitude", "longitude"), check=_check_trip),
    TableSection("custom_occasions", tables.custom_occasions, refs=_CONTACT, check=_check_occasion),
    TableSection(
        "not_duplicates",
        tables.not_duplicates,
        refs={"first_id": "contacts", "second_id": "contacts"},
    ),
    TableSection("merges", tables.merges),
)
SECTION_BY_NAME = {s.name: s for s in SECTIONS}
