"""Google Contacts CSV, current and legacy header sets, in and out.

Current exports name columns `First Name`, `Phone 1 - Label`, `Labels`; legacy ones
`Given Name`, `Phone 1 - Type`, `Group Membership`. Both map onto one set of names here.
Several values share a cell joined by ` ::: `; `* ` marks Google's own labels.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields

from callwise.domain.errors import ValidationError
from callwise.domain.model import RELATIONSHIP_KINDS, Contact, PartialDate, RelationshipKind
from callwise.interchange import fields
from callwise.interchange.csv_common import csv_line, split_multi
from callwise.interchange.csv_records import read_table, text
from callwise.interchange.draft import ContactDraft
from callwise.interchange.records import ParsedRecord, RejectedRecord, Share

_NUMBERED = re.compile(r"(?P<kind>.+?) (?P<n>\d+) - (?P<part>.+)")
_LEGACY = {
    "given name": "First Name",
    "additional name": "Middle Name",
    "family name": "Last Name",
    "group membership": "Labels",
    "organization 1 - name": "Organization Name",
    "organization 1 - title": "Organization Title",
    "organization 1 - department": "Organization Department",
}
_FLAT = {
    "First Name": "given_name",
    "Middle Name": "middle_name",
    "Last Name": "family_name",
    "Name Prefix": "honorific",
    "Name Suffix": "name_suffix",
    "Nickname": "nickname",
    "Name": "display_name",
    "File As": "sort_name",
    "Organization Name": "organization",
    "Organization Title": "job_title",
    "Organization Department": "department",
}
FAMILY_NOTES_FIELD = "Family notes"
KIND_FIELD = "callwise kind"  # business, personal ...: stated, so an import never guesses it
KIND_GUESSED_FIELD = "callwise kind guessed"  # yes: that kind was a guess, a later one may differ


_KNOWN = {name.casefold(): name for name in (*_FLAT, "Birthday", "Notes", "Labels")}


def canonical_column(name: str) -> str:
    """A header name in the current spelling: `Phone 1 - Type` -> `Phone 1 - Label`."""
    if (alias := _LEGACY.get(name.casefold()) or _KNOWN.get(name.casefold())) is not None:
        return alias
    if (match := _NUMBERED.fullmatch(name)) and match["part"].casefold() == "type":
        return f"{match['kind']} {match['n']} - Label"
    return name


def read_google(
    lines: Iterable[str], share: Share | None = None
) -> Iterator[ParsedRecord | RejectedRecord]:
    """Records of a Google Contacts CSV export (current or legacy header set)."""
    return read_table(
        lines,
        kind="google",
        expected="Google Contacts CSV (First Name or Given Name, Phone 1 - Value ...)",
        canonical=canonical_column,
        fill=_fill,
        share=share,
    )


def _groups(record: dict[str, str]) -> dict[tuple[str, int], dict[str, str]]:
    """Numbered columns by (kind, number): {('Phone', 1): {'Label': .., 'Value': ..}}."""
    groups: dict[tuple[str, int], dict[str, str]] = {}
    for name, value in record.items():
        if match := _NUMBERED.fullmatch(name):
            key = (match["kind"].casefold(), int(match["n"]))
            groups.setdefault(key, {})[match["part"].casefold()] = value
    return groups


def _fill(record: dict[str, str], draft: ContactDraft) -> None:
    for column, attribute in _FLAT.items():
        if value := text(record, column):
            setattr(draft, attribute, value)
    draft.set_birthday(text(record, "Birthday"))
    if notes := text(record, "Notes"):
        draft.notes.append(notes)
    draft.add_tags(fields.user_tags(split_multi(text(record, "Labels"))))
    for (kind, number), parts in sorted(_groups(record).items()):
        _fill_group(draft, kind, number, {k: v.strip() for k, v in parts.items()})


def _fill_group(draft: ContactDraft, kind: str, number: int, parts: dict[str, str]) -> None:
    """One numbered group of columns: an email, phone, address, relation, event ..."""
    label, value = parts.get("label", ""), parts.get("value", "")
    if kind == "e-mail":
        for address in split_multi(value):
            draft.add_email(address, fields.email_label([label]))
    elif kind == "phone":
        for phone in split_multi(value):
            draft.add_phone(phone, [label])
    elif kind == "address":
        draft.set_place(parts.get("city", ""), parts.get("region", ""), parts.get("country", ""))
    elif kind == "relation" and value:
        draft.add_relation(label or "Related", value)
    elif kind == "website":
        for url in split_multi(value):
            draft.add_url(url)
    elif kind == "event" and value:
        draft.add_date(label or "other", value)
    elif kind == "custom field" and value:
        _custom_field(draft, label, value)
    elif kind == "organization" and number > 1:
        held = ", ".join(p for p in (parts.get("name"), parts.get("title")) if p)
        if held:
            draft.keep_in_notes("Organization", held)


def _custom_field(draft: ContactDraft, label: str, value: str) -> None:
    """Custom fields become `Label: value` lines of the notes; callwise's family notes and
    relationship kind return."""
    if label.casefold() == FAMILY_NOTES_FIELD.casefold():
        draft.family_lines.append(value.replace("\r\n", "\n"))
    elif label.casefold() == KIND_FIELD.casefold() and value.casefold() in RELATIONSHIP_KINDS:
        draft.kind = RelationshipKind(value.casefold())
    elif label.casefold() == KIND_GUESSED_FIELD.casefold():
        draft.kind_guessed = fields.yes_no(value)
    else:
        draft.keep_in_notes(label or "Custom field", value)


_HEAD = (
    "First Name", "Middle Name", "Last Name", "Phonetic First Name", "Phonetic Middle Name",
    "Phonetic Last Name", "Name Prefix", "Name Suffix", "Nickname", "File As",
    "Organization Name", "Organization Title", "Organization Department", "Birthday", "Notes",
    "Photo", "Labels",
)  # fmt: skip
_ADDRESS = tuple(
    f"Address 1 - {part}"
    for part in ("Label", "Formatted", "Street", "City", "PO Box", "Region", "Postal Code",
                 "Country", "Extended Address")
)  # fmt: skip
_PHONE_WRITTEN = {
    "mobile": "Mobile", "work": "Work", "home": "Home", "main": "Main", "fax": "Work Fax",
    "pager": "Pager", "other": "Other", "assistant": "Assistant",
}  # fmt: skip
_SLOTS = (
    ("emails", "E-mail"), ("phones", "Phone"), ("relations", "Relation"),
    ("websites", "Website"), ("events", "Event"), ("custom_fields", "Custom Field"),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class GoogleColumns:
    """How many numbered `E-mail N`, `Phone N` ... column pairs the header has."""

    emails: int = 1
    phones: int = 1
    relations: int = 1
    websites: int = 1
    events: int = 1
    custom_fields: int = 1

    @classmethod
    def fitting(cls, contacts: Iterable[Contact]) -> GoogleColumns:
        """Columns enough for every contact (a first pass over the contacts to export)."""
        most = {f.name: 1 for f in dataclass_fields(cls)}
        for contact in contacts:
            for name, pairs in _pairs(contact).items():
                most[name] = max(most[name], len(pairs))
        return cls(**most)


def google_header(columns: GoogleColumns) -> list[str]:
    """The current Google Contacts header with the numbered columns `columns` asks for."""
    header = list(_HEAD)
    for attribute, kind in _SLOTS:
        numbered = [
            f"{kind} {n} - {part}"
            for n in range(1, getattr(columns, attribute) + 1)
            for part in ("Label", "Value")
        ]
        header.extend(numbered)
        if kind == "Phone":
            header.extend(_ADDRESS)
    return header


def write_google_csv(
    contacts: Iterable[Contact], columns: GoogleColumns | None = None
) -> Iterator[str]:
    """Contacts as a Google-compatible CSV (current header set), one CRLF-ended record a time.

    Without `columns` the contacts are gathered first to size the numbered columns; pass
    `GoogleColumns.fitting(...)` from a first pass to stream a large export instead.
    """
    chosen = list(contacts) if columns is None else contacts
    sized = GoogleColumns.fitting(chosen) if columns is None else columns
    header = google_header(sized)
    yield csv_line(header)
    for contact in chosen:
        yield csv_line(_google_row(contact, sized, header))


def _csv_date(date: PartialDate) -> str:
    """Google's own spelling: ISO with a year, ` --MM-DD` (leading space) without one."""
    return date.isoformat() if date.year is not None else f" {date.isoformat()}"


def _pairs(contact: Contact) -> dict[str, list[tuple[str, str]]]:
    """(label, value) pairs for each numbered column kind, in the order they are written."""
    gatekeeper = contact.gatekeeper
    phones = [(_PHONE_WRITTEN.get(p.label, p.label), p.number) for p in contact.phones]
    relations: list[tuple[str, str]] = []
    custom: list[tuple[str, str]] = []
    if gatekeeper is not None:
        role = gatekeeper.role if gatekeeper.role in fields.GATEKEEPER_ROLES else "assistant"
        if gatekeeper.phone:
            phones.insert(0, ("Assistant", gatekeeper.phone))
        if gatekeeper.name:
            relations.append((role.capitalize(), gatekeeper.name))
    if contact.family_notes:
        family = fields.family_relations(contact.family_notes)
        relations.extend(family or [])
        custom.extend([] if family else [(FAMILY_NOTES_FIELD, contact.family_notes)])
    custom.append((KIND_FIELD, contact.kind.value))
    if contact.kind_guessed:
        custom.append((KIND_GUESSED_FIELD, "yes"))
    return {
        "emails": [(fields.written_email_label(e.label), e.address) for e in contact.emails],
        "phones": phones,
        "relations": relations,
        "websites": [("LinkedIn", contact.linkedin_url)] if contact.linkedin_url else [],
        "events": [
            (fields.written_date_label(o.label), _csv_date(o.date)) for o in contact.other_dates
        ],
        "custom_fields": custom,
    }


def _google_row(contact: Contact, columns: GoogleColumns, header: list[str]) -> list[str]:
    row = {
        "First Name": contact.given_name,
        "Last Name": contact.family_name,
        "Name Prefix": contact.honorific,
        "Nickname": contact.nickname,
        "File As": contact.display_name,
        "Organization Name": contact.organization,
        "Organization Title": contact.job_title,
        "Organization Department": contact.department,
        "Birthday": _csv_date(contact.birthday) if contact.birthday else "",
        "Notes": contact.notes,
        "Labels": " ::: ".join(["* myContacts", *contact.tags]),
        "Address 1 - City": contact.city,
        "Address 1 - Region": contact.region,
        "Address 1 - Country": fields.export_country(contact.country),
    }
    pairs_by_kind = _pairs(contact)
    for attribute, kind in _SLOTS:
        pairs = pairs_by_kind[attribute]
        if len(pairs) > getattr(columns, attribute):
            raise ValidationError(
                f"{contact.name} has {len(pairs)} {kind} values but the header has "
                f"{getattr(columns, attribute)}; size the columns with GoogleColumns.fitting",
                field="columns",
            )
        for n, (label, value) in enumerate(pairs, start=1):
            row[f"{kind} {n} - Label"], row[f"{kind} {n} - Value"] = label, value
    return [row.get(name, "") for name in header]
