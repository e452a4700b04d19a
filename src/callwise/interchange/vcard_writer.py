"""Contacts as vCard 3.0 (RFC 2426), the version Google and Apple import best.

Apple's conventions carry what RFC 2426 cannot: item groups with X-ABLabel for custom
labels, X-ABDATE for anniversaries, X-ABRELATEDNAMES for people, and a yearless birthday
as `BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-15`. Fields no common property carries travel as
X-CALLWISE-* properties, which other address books keep or ignore, so a callwise round trip
(export, import) loses nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator

from callwise import __version__
from callwise.domain.model import Contact, PartialDate
from callwise.interchange import fields
from callwise.interchange.vcard_text import escape, fold

CALLWISE_ASSISTANT = "x-callwise-assistant"
ASSISTANT_PHONE_LABEL = "AssistantPhone"
_PHONE_TYPES = {
    "mobile": "CELL",
    "work": "WORK",
    "home": "HOME",
    "main": "MAIN",
    "fax": "FAX",
    "pager": "PAGER",
    "other": "OTHER",
}
_APPLE_LABELS = frozenset(
    {"Anniversary", "Other", "Spouse", "Child", "Mother", "Father", "Parent", "Brother",
     "Sister", "Partner", "Friend", "Manager", "Assistant"}
)  # fmt: skip


def write_vcards(contacts: Iterable[Contact]) -> Iterator[str]:
    """Each contact as vCard 3.0 text, one CRLF-ended physical line at a time."""
    for contact in contacts:
        yield from write_vcard(contact)


def write_vcard(contact: Contact) -> Iterator[str]:
    """One BEGIN:VCARD ... END:VCARD block, folded at 75 octets."""
    card = _Card()
    card.add("BEGIN", "VCARD")
    card.add("VERSION", "3.0")
    card.add("PRODID", f"-//callwise//callwise {__version__}//EN")
    if contact.id is not None:  # address books (khard, vdirsyncer) track cards by UID
        card.add(
            "UID", f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'callwise:contact:{contact.id}')}"
        )
    _identity(card, contact)
    _phones(card, contact)
    _emails(card, contact)
    _place(card, contact)
    _dates(card, contact)
    _people(card, contact)
    _web_tags_notes(card, contact)
    _extensions(card, contact)
    card.add("END", "VCARD")
    for line in card.lines:
        yield from fold(line)


class _Card:
    """The content lines of one card and its next free item group (`item1`, `item2` ...)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.items = 0

    def add(self, name: str, value: str, params: str = "") -> None:
        self.lines.append(f"{name}{params}:{value}")

    def labelled(self, name: str, value: str, label: str, params: str = "") -> None:
        """A property in an item group with its X-ABLabel, the way Apple writes custom labels."""
        self.items += 1
        group = f"item{self.items}"
        self.add(f"{group}.{name}", value, params)
        self.add(f"{group}.X-ABLabel", label)


def _apple_label(label: str) -> str:
    """Apple's `_$!<Spouse>!$_` form for the labels Apple knows; others as written."""
    shown = label.capitalize() if label in ("anniversary", "other") else label
    return f"_$!<{shown}>!$_" if shown in _APPLE_LABELS else escape(label)


def _identity(card: _Card, contact: Contact) -> None:
    """N (family; given; additional; prefix; suffix), FN, NICKNAME, ORG and TITLE."""
    name = ";".join(escape(p) for p in (contact.family_name, contact.given_name, ""))
    card.add("N", f"{name};{escape(contact.honorific)};")
    card.add("FN", escape(contact.name))
    if contact.nickname:
        card.add("NICKNAME", escape(contact.nickname))
    if contact.kind.value == "organization":
        card.add("X-ABShowAs", "COMPANY")
    if contact.organization or contact.department:
        card.add("ORG", f"{escape(contact.organization)};{escape(contact.department)}")
    if contact.job_title:
        card.add("TITLE", escape(contact.job_title))


def _phones(card: _Card, contact: Contact) -> None:
    """TEL with TYPE; the gatekeeper's number as an AssistantPhone item (P2.3)."""
    gatekeeper = contact.gatekeeper
    if gatekeeper is not None and gatekeeper.phone:
        card.labelled("TEL", escape(gatekeeper.phone), ASSISTANT_PHONE_LABEL)
    for phone in contact.phones:
        number = escape(phone.number)
        if phone.label == "assistant":
            card.add("TEL", number, f";TYPE={CALLWISE_ASSISTANT.upper()}")
        elif phone.label in _PHONE_TYPES:
            card.add("TEL", number, f";TYPE={_PHONE_TYPES[phone.label]}")
        else:
            card.labelled("TEL", number, escape(phone.label))


def _emails(card: _Card, contact: Contact) -> None:
    for email in contact.emails:
        address = escape(email.address)
        if email.label in ("home", "work", "other"):
            card.add("EMAIL", address, f";TYPE=INTERNET,{email.label.upper()}")
        elif email.label:
            card.labelled("EMAIL", address, escape(email.label), ";TYPE=INTERNET")
        else:
            card.add("EMAIL", address, ";TYPE=INTERNET")


def _place(card: _Card, contact: Contact) -> None:
    """ADR (city, region, country only: callwise keeps no street) and TZ as an IANA name."""
    if contact.city or contact.region or contact.country:
        parts = (
            "",
            "",
            "",
            contact.city,
            contact.region,
            "",
            fields.export_country(contact.country),
        )
        card.add("ADR", ";".join(escape(p) for p in parts))
    if contact.time_zone:
        card.add("TZ", escape(contact.time_zone), ";VALUE=text")


def _date_value(date: PartialDate) -> tuple[str, str]:
    """(value, params): Apple's yearless form `1604-MM-DD` with X-APPLE-OMIT-YEAR=1604."""
    if date.year is None:
        return f"1604-{date.month:02d}-{date.day:02d}", ";X-APPLE-OMIT-YEAR=1604"
    return date.isoformat(), ""


def _dates(card: _Card, contact: Contact) -> None:
    if contact.birthday is not None:
        value, params = _date_value(contact.birthday)
        card.add("BDAY", value, params)
    for occasion in contact.other_dates:
        value, params = _date_value(occasion.date)
        card.labelled("X-ABDATE", value, _apple_label(occasion.label), params)


def _people(card: _Card, contact: Contact) -> None:
    """The gatekeeper and family as X-ABRELATEDNAMES items (free text: X-CALLWISE)."""
    gatekeeper = contact.gatekeeper
    if gatekeeper is not None and gatekeeper.name:
        card.labelled("X-ABRELATEDNAMES", escape(gatekeeper.name), _apple_label("Assistant"))
    if not contact.family_notes:
        return
    relations = fields.family_relations(contact.family_notes)
    if relations is None:
        card.add("X-CALLWISE-FAMILY-NOTES", escape(contact.family_notes))
        return
    for label, name in relations:
        card.labelled("X-ABRELATEDNAMES", escape(name), _apple_label(label))


def _web_tags_notes(card: _Card, contact: Contact) -> None:
    if fields.is_linkedin_profile(contact.linkedin_url):
        card.add("URL", contact.linkedin_url.replace("\n", ""))
    if contact.tags:
        card.add("CATEGORIES", ",".join(escape(t) for t in contact.tags))
    if contact.notes:
        card.add("NOTE", escape(contact.notes))


def _extensions(card: _Card, contact: Contact) -> None:
    """X-CALLWISE-*: relationship, how we met, cadence and the other callwise-only fields."""
    met, gatekeeper = contact.met, contact.gatekeeper
    values = {
        "KIND": contact.kind.value,
        "KIND-GUESSED": "yes" if contact.kind_guessed else "",  # a later import may guess again
        "ADDRESS-FORM": contact.address_form.value if contact.address_form else "",
        "MET-EVENT": met.event,
        "MET-DATE": met.date.isoformat() if met.date else "",
        "MET-PLACE": met.place,
        "MET-CIRCUMSTANCES": met.circumstances,
        "AVAILABILITY": contact.availability,
        "SOURCE": contact.source,
        "CONNECTED-ON": contact.connected_on.isoformat() if contact.connected_on else "",
        "CADENCE-DAYS": str(contact.cadence_days) if contact.cadence_days else "",
        "GATEKEEPER-ROLE": gatekeeper.role if gatekeeper and gatekeeper.role != "assistant" else "",
    }
    for key, value in values.items():
        if value:
            card.add(f"X-CALLWISE-{key}", escape(value))
    for key, items in (("INTERESTS", contact.interests), ("AVOID-TOPICS", contact.avoid_topics)):
        if items:
            card.add(f"X-CALLWISE-{key}", ",".join(escape(i) for i in items))
    if contact.linkedin_url and not fields.is_linkedin_profile(contact.linkedin_url):
        card.add("X-CALLWISE-LINKEDIN-URL", escape(contact.linkedin_url))
