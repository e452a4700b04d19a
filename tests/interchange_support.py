"""Helpers for the interchange tests: reading fixtures, and what a round trip may normalise."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from callwise.domain.model import Contact, Gatekeeper, OtherDate
from callwise.interchange import fields
from callwise.interchange.records import ParsedRecord, RejectedRecord

FIXTURES = Path(__file__).parent / "fixtures"
Reader = Callable[[Iterable[str]], Iterator[ParsedRecord | RejectedRecord]]
# Every reader fixture and its format (test_interchange_readers checks none is left out).
FIXTURE_FORMATS = {
    "vcard21_quoted_printable.vcf": "vcard",
    "vcard30_apple_itemgroups.vcf": "vcard",
    "vcard40_partial_dates.vcf": "vcard",
    "vcard_google_export.vcf": "vcard",
    "vcard_outlook.vcf": "vcard",
    "vcard_thunderbird.vcf": "vcard",
    "vcard_bom_crlf.vcf": "vcard",
    "vcard_folded_escapes.vcf": "vcard",
    "vcard_malformed.vcf": "vcard",
    "vcard_kinds.vcf": "vcard",
    "google_current.csv": "google",
    "google_kinds.csv": "google",
    "google_legacy.csv": "google",
    "outlook.csv": "outlook",
    "outlook_com.csv": "outlook",
    "linkedin_current.csv": "linkedin",
    "linkedin_legacy.csv": "linkedin",
}


def read_fixture(name: str, reader: Reader) -> list[ParsedRecord | RejectedRecord]:
    """Every record of a fixture, read the way services open files (UTF-8, newline='')."""
    with (FIXTURES / name).open(encoding="utf-8", newline="") as handle:
        return list(reader(handle))


def parsed(records: list[ParsedRecord | RejectedRecord]) -> list[ParsedRecord]:
    return [r for r in records if isinstance(r, ParsedRecord)]


def by_name(records: list[ParsedRecord | RejectedRecord]) -> dict[str, ParsedRecord]:
    return {r.contact.name: r for r in parsed(records)}


def read_text(text: str, reader: Reader) -> list[ParsedRecord | RejectedRecord]:
    """Records of in-memory text, split only at CR/LF as an open text file would be."""
    return list(reader(io.StringIO(text, newline="")))


def _display(contact: Contact, *, any_order: bool) -> str:
    """The display name a reader keeps: dropped when it says no more than the other names."""
    plain = f"{contact.given_name} {contact.family_name}"
    base = contact.with_changes(display_name="").name
    display = contact.display_name
    redundant = fields.same_name(display, plain, f"{contact.honorific} {plain}", base)
    if any_order and fields.same_name(display, plain, any_order=True):
        redundant = True
    return "" if redundant else display


def _occasions(contact: Contact) -> tuple[OtherDate, ...]:
    kept: list[OtherDate] = []
    for occasion in contact.other_dates:
        label = fields.date_label(occasion.label) or "other"
        if OtherDate(label, occasion.date) not in kept:
            kept.append(OtherDate(label, occasion.date))
    return tuple(kept)


def canonical_vcard(contact: Contact) -> Contact:
    """`contact` as it reads back from vCard 3.0: the documented normalisations only."""
    tags = tuple(t for t in contact.tags if t.casefold() not in fields.SYSTEM_GROUPS)
    return contact.with_changes(
        display_name=_display(contact, any_order=False),
        other_dates=_occasions(contact),
        tags=tags,
    )


def canonical_google(contact: Contact) -> Contact:
    """`contact` as it reads back from Google CSV: only the fields Google has columns for."""
    phones = list(contact.phones)
    gatekeeper = contact.gatekeeper
    assistant = next((p for p in phones if p.label == "assistant"), None)
    if assistant is not None and (gatekeeper is None or not gatekeeper.phone):
        phones.remove(assistant)
        gatekeeper = dataclasses.replace(gatekeeper or Gatekeeper(), phone=assistant.number)
    if gatekeeper is not None:
        known = gatekeeper.role in fields.GATEKEEPER_ROLES and gatekeeper.name
        gatekeeper = dataclasses.replace(gatekeeper, role=gatekeeper.role if known else "assistant")
    tags = fields.user_tags(part for tag in contact.tags for part in tag.split(":::"))
    return Contact(
        given_name=contact.given_name,
        family_name=contact.family_name,
        display_name=_display(contact, any_order=True),
        nickname=contact.nickname,
        honorific=contact.honorific,
        kind=contact.kind,  # the "callwise kind" custom field
        kind_guessed=contact.kind_guessed,  # and "callwise kind guessed"
        job_title=contact.job_title,
        organization=contact.organization,
        department=contact.department,
        phones=tuple(phones),
        emails=contact.emails,
        city=contact.city,
        region=contact.region,
        country=contact.country,
        gatekeeper=gatekeeper,
        family_notes=contact.family_notes,
        birthday=contact.birthday,
        other_dates=_occasions(contact),
        linkedin_url=contact.linkedin_url,
        tags=tuple(dict.fromkeys(tags)),
        notes=contact.notes,
    )
