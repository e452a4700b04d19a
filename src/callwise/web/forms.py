"""The add and edit contact forms: submitted fields to the contact dict the codec reads, a
contact back to the fields, and a service's error back to the input it is about (issue 7).

Decisions:
- Every input is kept as typed (`ContactForm.values`), so a refused form shows it again.
- Lists (interests, topics to avoid, tags) are comma separated, one rule for all three.
- Phones and emails are numbered rows (`phone_1`, `phone_1_label` ...): at least three phone
  rows and two email rows, one empty row more than the contact has; empty rows are skipped.
- Editing starts from the stored contact, so what the form does not show (other dates, who
  introduced you, when it was created) is kept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from callwise.domain.codec import contact_from_dict, contact_to_dict
from callwise.domain.errors import ValidationError
from callwise.domain.model import Contact
from callwise.domain.phones import display_number, normalise_number

MIN_PHONE_ROWS = 3
MIN_EMAIL_ROWS = 2
MAX_ROWS = 20

# Inputs copied as they are into the contact dict (input name = contact field name).
TEXT_FIELDS = (
    "given_name",
    "family_name",
    "display_name",
    "nickname",
    "honorific",
    "job_title",
    "organization",
    "department",
    "city",
    "region",
    "country",
    "time_zone",
    "availability",
    "family_notes",
    "source",
    "linkedin_url",
    "notes",
)
LIST_FIELDS = ("interests", "avoid_topics", "tags")
MET_FIELDS = {"met_event": "event", "met_place": "place", "met_circumstances": "circumstances"}
OTHER_FIELDS = (
    "kind",
    "address_form",
    "met_date",
    "gatekeeper_name",
    "gatekeeper_role",
    "gatekeeper_phone",
    "birthday",
    "connected_on",
    "cadence_days",
)
# A service's field name -> the input that shows its error.
FIELD_INPUTS = {
    "name": "given_name",
    "met.date": "met_date",
    "date": "birthday",
    "gatekeeper.phone": "gatekeeper_phone",
    "gatekeeper.name": "gatekeeper_name",
}
_INDEXED = re.compile(r"^(phones|emails)\[(\d+)\]")


@dataclass
class ContactForm:
    """What the form holds: each input's text, and how many phone and email rows to show."""

    values: dict[str, str] = field(default_factory=dict)
    phone_rows: int = MIN_PHONE_ROWS
    email_rows: int = MIN_EMAIL_ROWS
    force: bool = False

    def get(self, name: str) -> str:
        return self.values.get(name, "")

    def filled_rows(self, prefix: str) -> list[int]:
        """The row numbers (from 1) of the phone or email rows with something typed."""
        rows = self.phone_rows if prefix == "phone" else self.email_rows
        return [i for i in range(1, rows + 1) if self.get(f"{prefix}_{i}").strip()]


def blank_form() -> ContactForm:
    """The form for a new contact: a personal contact, the gatekeeper an assistant."""
    return ContactForm({"kind": "personal", "gatekeeper_role": "assistant"})


def _rows(count: int, minimum: int) -> int:
    return min(MAX_ROWS, max(minimum, count + 1))


def form_from_contact(contact: Contact) -> ContactForm:
    """The form filled with a stored contact, to edit it."""
    data = contact_to_dict(contact)
    values = {name: str(data[name] or "") for name in TEXT_FIELDS}
    values.update({name: ", ".join(data[name]) for name in LIST_FIELDS})
    values.update({name: str(data["met"][key] or "") for name, key in MET_FIELDS.items()})
    gatekeeper = data["gatekeeper"] or {"name": "", "role": "assistant", "phone": ""}
    values.update(
        kind=data["kind"],
        address_form=data["address_form"] or "",
        met_date=data["met"]["date"] or "",
        gatekeeper_name=gatekeeper["name"],
        gatekeeper_role=gatekeeper["role"],
        gatekeeper_phone=display_number(gatekeeper["phone"]) if gatekeeper["phone"] else "",
        birthday=data["birthday"] or "",
        connected_on=data["connected_on"] or "",
        cadence_days=str(data["cadence_days"]) if data["cadence_days"] is not None else "",
    )
    for i, phone in enumerate(contact.phones, 1):
        values[f"phone_{i}"] = display_number(phone.number) if phone.valid else phone.number
        values[f"phone_{i}_label"] = phone.label
    for i, email in enumerate(contact.emails, 1):
        values[f"email_{i}"] = email.address
        values[f"email_{i}_label"] = email.label
    return ContactForm(
        values,
        phone_rows=_rows(len(contact.phones), MIN_PHONE_ROWS),
        email_rows=_rows(len(contact.emails), MIN_EMAIL_ROWS),
    )


def _row_count(data: Mapping[str, str], prefix: str, minimum: int) -> int:
    last = max((i for i in range(1, MAX_ROWS + 1) if f"{prefix}_{i}" in data), default=0)
    return max(minimum, last)


def read_form(data: Mapping[str, Any]) -> ContactForm:
    """The submitted fields (text only; anything else is ignored), as typed."""
    values = {k: v for k, v in data.items() if isinstance(v, str)}
    return ContactForm(
        values,
        phone_rows=_row_count(values, "phone", MIN_PHONE_ROWS),
        email_rows=_row_count(values, "email", MIN_EMAIL_ROWS),
        force=values.get("force", "") in ("1", "on", "yes", "true"),
    )


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _cadence(text: str) -> int | None:
    raw = text.strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise ValidationError(
            f"{raw!r} is not a number of days; give a whole number such as 30, "
            "or leave it empty for no cadence",
            field="cadence_days",
        )
    return int(raw)


def contact_dict(form: ContactForm) -> dict[str, Any]:
    """The fields as the codec's contact dict (docs/json.md), without the stored-only parts."""
    get = form.get
    data: dict[str, Any] = {name: get(name) for name in TEXT_FIELDS}
    data.update({name: _split(get(name)) for name in LIST_FIELDS})
    data["kind"] = get("kind").strip() or "personal"
    data["address_form"] = get("address_form").strip() or None
    data["met"] = {key: get(name) for name, key in MET_FIELDS.items()}
    data["met"]["date"] = get("met_date").strip() or None
    data["phones"] = [
        {"number": get(f"phone_{i}"), "label": get(f"phone_{i}_label").strip() or "mobile"}
        for i in form.filled_rows("phone")
    ]
    data["emails"] = [
        {"address": get(f"email_{i}"), "label": get(f"email_{i}_label").strip()}
        for i in form.filled_rows("email")
    ]
    gatekeeper = {
        "name": get("gatekeeper_name"),
        "role": get("gatekeeper_role"),
        "phone": get("gatekeeper_phone"),
    }
    data["gatekeeper"] = gatekeeper if (gatekeeper["name"] + gatekeeper["phone"]).strip() else None
    data["birthday"] = get("birthday").strip() or None
    data["connected_on"] = get("connected_on").strip() or None
    data["cadence_days"] = _cadence(get("cadence_days"))
    return data


def to_contact(form: ContactForm, base: Contact | None = None) -> Contact:
    """The contact the form describes; editing keeps what the form does not show of `base`."""
    typed = contact_dict(form)
    if base is None:
        return contact_from_dict(typed)
    stored = contact_to_dict(base)
    typed["met"] = {**stored["met"], **typed["met"]}
    return contact_from_dict({**stored, **typed})


def error_input(exc: ValidationError, form: ContactForm, region: str) -> str | None:
    """The input a service's error is about (None: the form as a whole)."""
    name = exc.field or ""
    indexed = _INDEXED.match(name)
    if indexed:
        prefix = indexed.group(1)[:-1]
        rows = form.filled_rows(prefix)
        index = int(indexed.group(2))
        return f"{prefix}_{rows[index]}" if index < len(rows) else f"{prefix}_1"
    if name == "phone":
        return f"phone_{_bad_phone_row(form, region)}"
    if name == "email":
        return f"email_{_bad_email_row(form, exc.message)}"
    name = FIELD_INPUTS.get(name, name)
    known = set(TEXT_FIELDS) | set(LIST_FIELDS) | set(MET_FIELDS) | set(OTHER_FIELDS)
    return name if name in known else None


def _bad_phone_row(form: ContactForm, region: str) -> int:
    """The first phone row the domain refuses (the service's error names no row)."""
    rows = form.filled_rows("phone")
    for i in rows:
        try:
            normalise_number(form.get(f"phone_{i}"), region)
        except ValidationError:
            return i
    return rows[0] if rows else 1


def _bad_email_row(form: ContactForm, message: str) -> int:
    """The email row the message quotes, else the first one typed."""
    rows = form.filled_rows("email")
    for i in rows:
        if repr(form.get(f"email_{i}").strip()) in message:
            return i
    return rows[0] if rows else 1
