"""vCard syntax: cards, logical lines and property values, read as a stream and written back.

RFC 2425 section 5.8 (content lines, folding), RFC 2426 sections 2.4-4 (vCard 3.0 escapes),
RFC 6350 section 3 (vCard 4.0) and the vCard 2.1 specification (quoted-printable soft line
breaks, CHARSET, bare type parameters). Content lines are split here, in linear time, as
vobject's parser splits them (a property test checks it): plain lines (nearly all) by one
regular expression, lines with quoted parameter values by a scanner, since vobject's own
expression takes exponential time on some lines (issue 11). What vobject gets wrong for real
files (2.1 soft breaks, inline photos, charsets) is done here too.
"""

from __future__ import annotations

import base64
import binascii
import quopri
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from vobject.base import parseParams

from callwise.domain.errors import ValidationError
from callwise.interchange.limits import (
    MAX_CARD_CHARS,
    MAX_LINE_CHARS,
    MAX_PARAMS,
    bounded_lines,
    too_many,
)

BINARY_PROPERTIES = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
_PROPERTY_START = re.compile(r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)?[;:]")
_PROPERTY_NAME = re.compile(r"(?:[A-Za-z0-9_-]+\.)?([A-Za-z0-9_-]+)")
# group.NAME;PARAM=a,b;BARE:value with no quoted parameter value: vobject's grammar, restricted.
_PLAIN_LINE = re.compile(
    r"(?:([A-Za-z0-9_-]+)\.)?([A-Za-z0-9_-]+)((?:;[A-Za-z0-9_-]+(?:=[^\";:,]*(?:,[^\";:,]*)*)?)*):(.*)",
    re.DOTALL,
)
_HEAD = re.compile(r"(?:([A-Za-z0-9_-]+)\.)?([A-Za-z0-9_-]+)")
_NAME_RUN = re.compile(r"[A-Za-z0-9_-]*")
_VALUE_RUN = re.compile(r'[^";:]*')
_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})
_ESCAPED = {"n": "\n", "N": "\n"}
FOLD_OCTETS = 75
_MARKER_STARTS = frozenset("BbEe")


@dataclass(frozen=True, slots=True)
class RawCard:
    """One BEGIN:VCARD ... END:VCARD block as (line number, unfolded logical line) pairs."""

    line: int
    lines: tuple[tuple[int, str], ...]


@dataclass(frozen=True, slots=True)
class CardProblem:
    line: int
    reason: str


def _is_quoted_printable(text: str) -> bool:
    return "QUOTED-PRINTABLE" in text.split(":", 1)[0].upper()


def _is_binary(text: str) -> bool:
    match = _PROPERTY_NAME.match(text)
    return match is not None and match[1].upper() in BINARY_PROPERTIES


@dataclass
class _CardBuffer:
    """Collects one card's logical lines: unfolds, joins soft line breaks, drops photos."""

    start: int
    lines: list[tuple[int, str]] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    part_line: int = 0
    soft_break: bool = False
    binary: bool = False
    size: int = 0
    problem: str = ""

    def feed(self, number: int, text: str) -> None:
        if not self.binary or not text[:1].isspace():  # a photo's lines are dropped unread
            self.size += len(text)
        if self.size > MAX_CARD_CHARS:
            self.problem = f"the card is longer than {MAX_CARD_CHARS} characters"
            self.lines.clear()
            self.parts.clear()
        if self.problem:
            return
        if self.soft_break:  # quoted-printable `=` at the end of a line (vCard 2.1)
            self.parts[-1] = self.parts[-1][:-1]
            self._extend(text)
        elif not text.strip():
            self.binary = False  # a blank line ends a vCard 2.1 base64 block
        elif text[0] in " \t":
            if not self.binary and not self.parts:
                self.problem = f"line {number}: a folded line that continues no property"
            elif not self.binary:
                self._extend(text[1:])
        elif not (self.binary and not _PROPERTY_START.match(text)):
            self._close()
            self.binary = _is_binary(text)
            if not self.binary:
                self.part_line = number
                self._extend(text)

    def _extend(self, text: str) -> None:
        self.parts.append(text)
        self.soft_break = text.endswith("=") and _is_quoted_printable(self.parts[0])

    def _close(self) -> None:
        if self.parts:
            self.lines.append((self.part_line, "".join(self.parts)))
        self.parts = []
        self.soft_break = False

    def finish(self) -> RawCard | CardProblem:
        self._close()
        if self.problem:
            return CardProblem(self.start, self.problem)
        return RawCard(self.start, tuple(self.lines))


def _marker(text: str) -> str:
    """BEGIN/END in column 0 only: an indented line is a folded continuation (RFC 2425 5.8.1).
    Other lines give "" without being upper-cased (most lines: the reader's hot path)."""
    return text.rstrip().upper() if text[:1] in _MARKER_STARTS else ""


def split_cards(lines: Iterable[str], first_line: int = 1) -> Iterator[RawCard | CardProblem]:
    """The cards of a stream, one at a time; memory holds one card, never the file.
    `first_line` numbers the stream's first line (a part of a file that starts further on).

    Raises before yielding anything when the stream does not start with BEGIN:VCARD.
    """
    card: _CardBuffer | None = None
    stray = 0
    seen = False
    for number, raw in enumerate(bounded_lines(lines, first_line), start=first_line):
        text = raw.rstrip("\r\n")
        text = text.removeprefix("\ufeff") if number == 1 else text
        marker = _marker(text)
        if marker == "BEGIN:VCARD":
            if card is not None:
                yield CardProblem(card.start, "the card has no END:VCARD before the next card")
            if stray:
                yield CardProblem(stray, "text outside any BEGIN:VCARD ... END:VCARD block")
            card, stray, seen = _CardBuffer(number), 0, True
        elif card is not None and marker == "END:VCARD":
            yield card.finish()
            card = None
        elif card is not None:
            card.feed(number, text)
        elif text.strip() and not seen:
            raise ValidationError(
                f"not a vCard file: line {number} should be BEGIN:VCARD", field="file"
            )
        elif text.strip() and not stray:
            stray = number
    if card is not None:
        yield CardProblem(card.start, "the card has no END:VCARD (the file ends inside it)")
    if stray:
        yield CardProblem(stray, "text outside any BEGIN:VCARD ... END:VCARD block")
    if not seen:
        raise ValidationError("no vCard in the file (no BEGIN:VCARD line)", field="file")


class Property(NamedTuple):
    """One content line: NAME, group, parameters, TYPE words, value (decoded, still escaped).

    A named tuple: a 100k-card file makes one for each of its million lines."""

    name: str
    group: str
    params: dict[str, list[str]]
    types: tuple[str, ...]
    value: str
    line: int

    def param(self, name: str) -> str:
        values = self.params.get(name)
        return values[0] if values else ""


def _params(parsed: list[list[str]]) -> tuple[dict[str, list[str]], tuple[str, ...]]:
    """Parameters by upper-case name, and the TYPE words (vCard 2.1 writes them bare)."""
    params: dict[str, list[str]] = {}
    types: list[str] = []
    for name, *values in parsed:
        key = name.upper()
        if not values and key in _ENCODINGS:
            params.setdefault("ENCODING", []).append(key)
        elif not values or key == "TYPE":
            words = values if values else [name]
            types.extend(w.strip().lower() for v in words for w in v.split(",") if w.strip())
        else:
            params.setdefault(key, []).extend(values)
    return params, tuple(types)


def split_line(text: str) -> tuple[str, list[list[str]], str, str | None] | None:
    """A plain content line as vobject's `parseLine` splits it: name, [[param, values...]],
    value, group; None when the line needs the full grammar (quoted values) or is not one."""
    match = _PLAIN_LINE.fullmatch(text)
    if match is None:
        return None
    group, name, params, value = match.groups()
    parsed = []
    for param in params.split(";")[1:]:
        key, _, values = param.partition("=")
        parsed.append([key, *(v for v in values.split(",") if v)])
    return name.replace("_", "-"), parsed, value, group


def _scan_values(text: str, at: int) -> int:
    """Past one parameter's `=`/`,`-separated values from `at` (just after its name): the
    index of the `;` or `:` that ends them, or -1 when vobject's grammar cannot match.
    A quoted value opens right after `=` or `,` and closes before one of `=,;:`."""
    if text[at : at + 1] not in ("=", ",", ";", ":"):
        return -1
    while at < len(text):
        at = _VALUE_RUN.match(text, at).end()  # type: ignore[union-attr]
        if at >= len(text) or text[at] != '"':
            break
        close = text.find('"', at + 1)
        if text[at - 1] not in "=," or close < 0 or text[close + 1 : close + 2] not in "=,;:":
            return -1
        at = close + 1
    return at if at < len(text) else -1


def _params_end(text: str, at: int) -> tuple[int, int]:
    """(index of the `:` that ends the parameters starting at `at`, how many there are);
    index -1 when the line is not NAME;PARAMS:value. One pass over the line."""
    if text.startswith((";;", ";:"), at):  # the grammar allows one stray `;` first
        at += 1
    count = 0
    while at < len(text) and text[at] == ";":
        name_end = _NAME_RUN.match(text, at + 1).end()  # type: ignore[union-attr]
        count += 1
        at = _scan_values(text, name_end) if name_end > at + 1 else -1
        if at < 0 or count > MAX_PARAMS:
            return -1, count
    return (at if text[at : at + 1] == ":" else -1), count


def split_content_line(text: str) -> tuple[str, list[list[str]], str, str | None] | None:
    """Any content line as vobject's `parseLine` splits it, in linear time; None when vobject
    would not read it as one. Raises ValidationError past MAX_PARAMS or MAX_LINE_CHARS."""
    if len(text) > MAX_LINE_CHARS:
        limit = f"{MAX_LINE_CHARS:,} characters"
        raise ValidationError(f"a line is longer than the limit of {limit}", field="vcard")
    plain = split_line(text)
    if plain is not None:
        if len(plain[1]) > MAX_PARAMS:
            raise ValidationError(too_many(len(plain[1]), MAX_PARAMS, "parameters"), field="vcard")
        return plain
    head = _HEAD.match(text)
    if head is None:
        return None
    colon, count = _params_end(text, head.end())
    if count > MAX_PARAMS:
        raise ValidationError(too_many(count, MAX_PARAMS, "parameters"), field="vcard")
    if colon < 0:
        return None
    parsed = parseParams(text[head.end() : colon])
    return head[2].replace("_", "-"), parsed, text[colon + 1 :], head[1]


def parse_property(number: int, text: str, warnings: list[str]) -> Property:
    """A logical line as a `Property`; raises ValidationError when it is not one."""
    try:
        split = split_content_line(text)
    except ValidationError as exc:
        raise ValidationError(f"line {number}: {exc.message}", field="vcard") from None
    if split is None:
        shown = text if len(text) <= 60 else text[:57] + "..."
        raise ValidationError(
            f"line {number}: {shown!r} is not a vCard property (NAME;PARAMS:value)",
            field="vcard",
        )
    name, parsed, value, group = split
    upper = name.upper()
    if not parsed:  # most lines: no parameters, so no transfer encoding either
        return Property(upper, group.lower() if group else "", {}, (), value, number)
    params, types = _params(parsed)
    decoded = _decode(upper, value, params, warnings)
    return Property(upper, group.lower() if group else "", params, types, decoded, number)


def _decode(name: str, value: str, params: dict[str, list[str]], warnings: list[str]) -> str:
    """Undo QUOTED-PRINTABLE or BASE64 transfer encodings in the parameter's CHARSET."""
    encoding = (params.get("ENCODING") or [""])[0].upper()
    if encoding == "QUOTED-PRINTABLE":
        raw = quopri.decodestring(value.encode("utf-8"))
    elif encoding in ("B", "BASE64"):
        try:
            raw = base64.b64decode("".join(value.split()), validate=True)
        except (binascii.Error, ValueError):
            warnings.append(f"{name}: unreadable base64 value skipped")
            return ""
    else:
        return value
    charset = (params.get("CHARSET") or ["utf-8"])[0]
    try:
        text = raw.decode(charset)
    except UnicodeDecodeError:
        warnings.append(f"{name}: bytes that are not {charset}, read as Windows-1252")
        text = raw.decode("cp1252", errors="replace")
    except (LookupError, ValueError):  # no such codec, or a NUL in the name (issue 11)
        warnings.append(f"{name}: unknown CHARSET {charset!r}, read as UTF-8")
        text = raw.decode("utf-8", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def unescape(text: str, version: str) -> str:
    """Undo backslash escapes: `\\n` is a newline in 3.0/4.0; 2.1 escapes only `;`, `,`, `\\`."""
    if "\\" not in text:
        return text
    out: list[str] = []
    chars = iter(text)
    for char in chars:
        if char != "\\":
            out.append(char)
            continue
        following = next(chars, "")
        if version == "2.1" and following not in ";,\\":
            out.append(char + following)
        else:
            out.append(_ESCAPED.get(following, following))
    return "".join(out)


def split_escaped(text: str, separator: str) -> list[str]:
    """Split at separators not escaped by a backslash; the parts keep their escapes."""
    if "\\" not in text:
        return text.split(separator)
    parts: list[str] = []
    current: list[str] = []
    chars = iter(text)
    for char in chars:
        if char == "\\":
            current.append(char + next(chars, ""))
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def escape(text: str) -> str:
    """A text value escaped for vCard 3.0 (RFC 2426 section 4: `\\\\`, `\\n`, `\\,`, `\\;`)."""
    flat = text.replace("\r\n", "\n").replace("\r", "\n")
    return flat.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;")


def fold(line: str) -> Iterator[str]:
    """A content line as physical lines of at most 75 octets, CRLF-ended (RFC 2425 5.8.1)."""
    if len(line) * 4 <= FOLD_OCTETS or len(line.encode("utf-8")) <= FOLD_OCTETS:
        yield line + "\r\n"
        return
    chunk: list[str] = []
    size, limit = 0, FOLD_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            yield ("" if limit == FOLD_OCTETS else " ") + "".join(chunk) + "\r\n"
            chunk, size, limit = [], 0, FOLD_OCTETS - 1
        chunk.append(char)
        size += octets
    yield ("" if limit == FOLD_OCTETS else " ") + "".join(chunk) + "\r\n"
