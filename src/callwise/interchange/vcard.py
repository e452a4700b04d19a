"""vCard 2.1, 3.0 and 4.0 in (RFC 2426, RFC 6350), card by card; vCard 3.0 out.

Reading never holds more than one card: a 100,000-card file streams in flat memory.
A card that cannot be read becomes a `RejectedRecord` and reading goes on.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from callwise.domain.errors import ValidationError
from callwise.domain.model import AddressForm, Phone, RelationshipKind
from callwise.interchange import fields
from callwise.interchange.draft import ContactDraft, nameless_reason
from callwise.interchange.limits import MAX_VALUES, too_many
from callwise.interchange.records import ParsedRecord, RejectedRecord, Share
from callwise.interchange.vcard_text import (
    CardProblem,
    Property,
    RawCard,
    parse_property,
    split_cards,
    split_escaped,
    unescape,
)
from callwise.interchange.vcard_writer import CALLWISE_ASSISTANT, write_vcards

__all__ = ["read_card", "read_vcards", "write_vcards"]

_ANNIVERSARIES = frozenset(
    {"ANNIVERSARY", "X-ANNIVERSARY", "X-MS-ANNIVERSARY", "X-EVOLUTION-ANNIVERSARY"}
)
# Related people that other address books keep in their own properties.
_NAMED_RELATIONS = {
    "X-ASSISTANT": "assistant",
    "X-EVOLUTION-ASSISTANT": "assistant",
    "X-MS-ASSISTANT": "assistant",
    "X-KADDRESSBOOK-X-ASSISTANTSNAME": "assistant",
    "X-SPOUSE": "spouse",
    "X-EVOLUTION-SPOUSE": "spouse",
    "X-MS-SPOUSE": "spouse",
    "X-KADDRESSBOOK-X-SPOUSENAME": "spouse",
    "X-MANAGER": "manager",
    "X-EVOLUTION-MANAGER": "manager",
    "X-MS-MANAGER": "manager",
    "X-KADDRESSBOOK-X-MANAGERSNAME": "manager",
}


def read_vcards(
    lines: Iterable[str], first_line: int = 1, share: Share | None = None
) -> Iterator[ParsedRecord | RejectedRecord]:
    """Each card of a vCard stream as a parsed or rejected record, in file order; the stream's
    first line is the file's line `first_line`. With a `share`, only the cards starting in
    its blocks.

    Raises ValidationError, before yielding anything, when the stream is not vCard at all.
    """
    for card in split_cards(lines, first_line):
        if share is not None and not share.owns(card.line):
            continue
        if isinstance(card, CardProblem):
            yield RejectedRecord(card.line, card.reason)
        else:
            yield read_card(card)


def read_card(card: RawCard) -> ParsedRecord | RejectedRecord:
    """One card's properties mapped onto a contact; an unreadable line rejects the card."""
    warnings: list[str] = []
    try:
        props = [parse_property(number, text, warnings) for number, text in card.lines]
        draft = ContactDraft(warnings=warnings)
        _CardReader(draft, props).read_all()
    except ValidationError as exc:
        return RejectedRecord(card.line, exc.message)
    contact = draft.build()
    if reason := nameless_reason(contact):
        return RejectedRecord(card.line, reason)
    return ParsedRecord(card.line, contact, tuple(draft.warnings), draft.guessed_business)


class _CardReader:
    """Maps the properties of one card onto a draft, property by property."""

    def __init__(self, draft: ContactDraft, props: list[Property]) -> None:
        self.draft = draft
        self.props = props
        self.version = next((p.value.strip() for p in props if p.name == "VERSION"), "3.0")
        self.labels = {p.group: p.value for p in props if p.name == "X-ABLABEL" and p.group}

    def read_all(self) -> None:
        for prop in self.props:
            handler = _HANDLERS.get(prop.name)
            if handler is not None:
                handler(self, prop)
            elif prop.name in _ANNIVERSARIES:
                self.draft.add_date("anniversary", self.text(prop))
            elif prop.name in _NAMED_RELATIONS:
                self.draft.add_relation(_NAMED_RELATIONS[prop.name], self.text(prop))
            elif prop.name.startswith("X-CALLWISE-"):
                self._extension(prop)

    def text(self, prop: Property) -> str:
        return unescape(prop.value, self.version).strip()

    def parts(self, prop: Property, separator: str = ";") -> list[str]:
        return [unescape(p, self.version).strip() for p in _values(prop, separator)]

    def label(self, prop: Property) -> str:
        """The Apple item-group label of a property (`item1.X-ABLabel`), unescaped."""
        return unescape(self.labels.get(prop.group, ""), self.version) if prop.group else ""

    def _name(self, prop: Property) -> None:
        """N: family; given; additional; prefix; suffix (RFC 2426 3.1.2), lists joined."""
        draft = self.draft
        if draft.given_name or draft.family_name:
            return
        raw = _values(prop, ";") + [""] * 5
        family, given, middle, prefix, suffix = (self._words(part) for part in raw[:5])
        draft.family_name, draft.given_name, draft.middle_name = family, given, middle
        draft.honorific, draft.name_suffix = prefix, suffix

    def _words(self, component: str) -> str:
        if self.version == "2.1":
            return unescape(component, self.version).strip()
        words = (unescape(w, self.version).strip() for w in _bounded(component, ",", "N"))
        return " ".join(w for w in words if w)

    def _formatted_name(self, prop: Property) -> None:
        if not self.draft.display_name:
            self.draft.display_name = self.text(prop)

    def _nickname(self, prop: Property) -> None:
        names = [n for n in self.parts(prop, ",") if n]
        if self.draft.nickname:
            names.insert(0, self.draft.nickname)
        self.draft.nickname = ", ".join(names)

    def _organization(self, prop: Property) -> None:
        if self.draft.organization or self.draft.department:
            return
        name, *units = self.parts(prop)
        self.draft.organization = name
        self.draft.department = ", ".join(u for u in units if u)

    def _title(self, prop: Property) -> None:
        if not self.draft.job_title:
            self.draft.job_title = self.text(prop)

    def _role(self, prop: Property) -> None:
        if not self.draft.job_title:
            self.draft.job_title = self.text(prop)
        elif self.text(prop):
            self.draft.keep_in_notes("Role", self.text(prop))

    def _phone(self, prop: Property) -> None:
        number = self.text(prop)
        if number.casefold().startswith("tel:"):  # vCard 4.0 VALUE=uri (RFC 3966)
            number = number[4:].replace(";ext=", " ext. ").split(";", 1)[0]
        if CALLWISE_ASSISTANT in prop.types:
            self.draft.phones.append(Phone(number, "assistant"))
            return
        self.draft.add_phone(number, [self.label(prop), *prop.types])

    def _email(self, prop: Property) -> None:
        address = self.text(prop).removeprefix("mailto:")
        self.draft.add_email(address, fields.email_label([self.label(prop), *prop.types]))

    def _address(self, prop: Property) -> None:
        """ADR: box; extended; street; city; region; code; country (RFC 2426 3.2.1)."""
        parts = self.parts(prop) + [""] * 7
        self.draft.set_place(parts[3], parts[4], parts[6])

    def _birthday(self, prop: Property) -> None:
        """Yearless forms: `--0415`, `--04-15`, Apple's 1604 with X-APPLE-OMIT-YEAR."""
        self.draft.set_birthday(self.text(prop), omit_year=_omit_year(prop))

    def _occasion(self, prop: Property) -> None:
        label = self.label(prop) or "other"
        self.draft.add_date(label, self.text(prop), omit_year=_omit_year(prop))

    def _related(self, prop: Property) -> None:
        """X-ABRELATEDNAMES (Apple, Google) and RELATED (RFC 6350 6.6.6): gatekeeper or note."""
        kinds = [t.removeprefix("x-") for t in prop.types if t not in ("pref", "text", "uri")]
        label = self.label(prop) or (kinds[0] if kinds else "related")
        value = self.text(prop)
        if prop.name == "RELATED" and value.casefold().startswith(("urn:", "http", "mailto:")):
            self.draft.warn(f"RELATED {value!r} points at another card; not imported")
            return
        self.draft.add_relation(label, value)

    def _zone(self, prop: Property) -> None:
        """TZ: IANA names are kept; UTC offsets (RFC 2426 3.4.1) say nothing of DST."""
        self.draft.set_time_zone(self.text(prop))

    def _note(self, prop: Property) -> None:
        if text := self.text(prop):
            self.draft.notes.append(text)

    def _url(self, prop: Property) -> None:
        self.draft.add_url(self.text(prop))

    def _social(self, prop: Property) -> None:
        value = self.text(prop)
        if fields.is_linkedin_profile(value):
            self.draft.add_url(value)

    def _categories(self, prop: Property) -> None:
        tags = [t for t in self.parts(prop, ",") if t.casefold() not in fields.SYSTEM_GROUPS]
        self.draft.add_tags(tags)

    def _kind(self, prop: Property) -> None:
        """KIND:org (RFC 6350 6.1.4) or Apple's X-ABShowAs:COMPANY mark an organization."""
        if self.text(prop).casefold() in ("org", "organization", "company"):
            self.draft.kind = self.draft.kind or RelationshipKind.ORGANIZATION

    def _extension(self, prop: Property) -> None:
        """X-CALLWISE-* properties: the fields no common vCard property carries."""
        key = prop.name.removeprefix("X-CALLWISE-")
        if key in ("INTERESTS", "AVOID-TOPICS"):
            items = [p for p in self.parts(prop, ",") if p]
            setattr(self.draft, key.lower().replace("-", "_"), items)
        elif key == "FAMILY-NOTES":
            self.draft.family_lines.append(self.text(prop))
        elif key in _EXTENSIONS:
            attribute, parse = _EXTENSIONS[key]
            try:
                value = parse(self.text(prop))
            except ValueError:
                self.draft.warn(f"{prop.name}: {self.text(prop)!r} is not readable; ignored")
                return
            if attribute.startswith("met."):
                self.draft.met = dataclasses.replace(self.draft.met, **{attribute[4:]: value})
            else:
                setattr(self.draft, attribute, value)


# Unbound, so a reader holds no reference cycle: cards are freed at once, memory stays flat.
_HANDLERS: dict[str, Callable[[_CardReader, Property], None]] = {
    "N": _CardReader._name, "FN": _CardReader._formatted_name,
    "NICKNAME": _CardReader._nickname, "ORG": _CardReader._organization,
    "TITLE": _CardReader._title, "ROLE": _CardReader._role, "TEL": _CardReader._phone,
    "EMAIL": _CardReader._email, "ADR": _CardReader._address, "BDAY": _CardReader._birthday,
    "X-ABDATE": _CardReader._occasion, "X-ABRELATEDNAMES": _CardReader._related,
    "RELATED": _CardReader._related, "TZ": _CardReader._zone, "NOTE": _CardReader._note,
    "URL": _CardReader._url, "X-SOCIALPROFILE": _CardReader._social,
    "CATEGORIES": _CardReader._categories, "KIND": _CardReader._kind,
    "X-ABSHOWAS": _CardReader._kind,
}  # fmt: skip


def _bounded(text: str, separator: str, name: str) -> list[str]:
    """`text` split at unescaped separators; more than MAX_VALUES parts reject the card."""
    if text.count(separator) >= MAX_VALUES:
        parts = split_escaped(text, separator)
        if len(parts) > MAX_VALUES:
            raise ValidationError(f"{name}: {too_many(len(parts), MAX_VALUES, 'values')}")
        return parts
    return split_escaped(text, separator)


def _values(prop: Property, separator: str) -> list[str]:
    return _bounded(prop.value, separator, f"line {prop.line}: {prop.name}")


def _positive(number: int) -> int:
    if number <= 0:
        raise ValueError(number)
    return number


def _omit_year(prop: Property) -> int | None:
    year = prop.param("X-APPLE-OMIT-YEAR")
    return int(year) if year.isascii() and year.isdigit() else None


_EXTENSIONS: dict[str, tuple[str, Callable[[str], Any]]] = {
    "KIND": ("kind", RelationshipKind),
    "KIND-GUESSED": ("kind_guessed", fields.yes_no),
    "ADDRESS-FORM": ("address_form", AddressForm),
    "MET-EVENT": ("met.event", str),
    "MET-DATE": ("met.date", dt.date.fromisoformat),
    "MET-PLACE": ("met.place", str),
    "MET-CIRCUMSTANCES": ("met.circumstances", str),
    "AVAILABILITY": ("availability", str),
    "SOURCE": ("source", str),
    "CONNECTED-ON": ("connected_on", dt.date.fromisoformat),
    "CADENCE-DAYS": ("cadence_days", lambda text: _positive(int(text))),
    "GATEKEEPER-ROLE": ("gatekeeper_role", str),
    "LINKEDIN-URL": ("linkedin_url", str),
}
