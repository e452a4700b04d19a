"""The add and edit contact forms: submitted fields to the contact dict the codec reads, a
contact back to the fields, and a service's error back to the input it is about (issue 7).

Decisions:
- Every input is kept as typed (`ContactForm.values`), so a refused form shows it again.
- Lists (interests, topics to avoid, tags) are comma separated, one rule for all three;
  cadences are read as the CLI reads them (domain/contact_input.py: 30, 2w, monthly ...).
- Phones and emails are numbered rows (`phone_1`, `phone_1_label` ...): at least three phone
  rows and two email rows, one empty row more than the contact has; empty rows are skipped.
- The birthday is picked as day, month and optional year (`birthday_day` ...), read by
  domain/contact_input.py into the one `birthday` value; a day without a month is refused
  before anything is stored (`ContactForm.problems`, issue 15.6).
- Editing starts from the stored contact, so what the form does not show (other dates, who
  introduced you, when it was created) is kept.
- No lost updates (issue 11): the edit form carries the values it was rendered with
  (`original`, hidden). Only the inputs typed differently from those are applied, to the
  contact as stored when it is written; the phone rows count as one field, the email rows
  as another. If an input typed was also changed elsewhere meanwhile, the write is refused
  (409, `EditConflict`) naming those fields, and the form comes back with what was typed
  over the newest values, so saving again keeps the typed ones.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from callwise.domain import contact_input as ci
from callwise.domain.codec import contact_from_dict, contact_to_dict
from callwise.domain.errors import ValidationError
from callwise.domain.model import TEXT_FIELDS, Contact
from callwise.domain.phones import display_number, normalise_number
from callwise.services.contacts import StaleVersionError

MIN_PHONE_ROWS = 3
MIN_EMAIL_ROWS = 2
MAX_ROWS = 20

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
BIRTHDAY_PARTS = ("birthday_day", "birthday_month", "birthday_year")
_INDEXED = re.compile(r"^(phones|emails)\[(\d+)\]")


@dataclass
class ContactForm:
    """What the form holds: each input's text, and how many phone and email rows to show."""

    values: dict[str, str] = field(default_factory=dict)
    phone_rows: int = MIN_PHONE_ROWS
    email_rows: int = MIN_EMAIL_ROWS
    force: bool = False
    original: dict[str, str] | None = None  # the values the edit form was rendered with
    problems: dict[str, str] = field(default_factory=dict)  # input -> why it cannot be read

    def original_json(self) -> str:
        """The hidden `original` input: what the form showed when it was opened."""
        return json.dumps(self.original if self.original is not None else self.values)

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
    values.update(zip(BIRTHDAY_PARTS, ci.date_parts(values["birthday"]), strict=True))
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
    problems = {}
    if "birthday" not in values and any(part in values for part in BIRTHDAY_PARTS):
        day, month, year = (values.get(part, "") for part in BIRTHDAY_PARTS)
        try:
            values["birthday"] = ci.date_from_parts(day, month, year, field="birthday")
        except ValidationError as exc:
            problems["birthday"] = exc.message
    else:  # the date as text (a client without the picker, a merged form): the picker shows it
        values.update(zip(BIRTHDAY_PARTS, ci.date_parts(values.get("birthday", "")), strict=True))
    return ContactForm(
        values,
        problems=problems,
        phone_rows=_row_count(values, "phone", MIN_PHONE_ROWS),
        email_rows=_row_count(values, "email", MIN_EMAIL_ROWS),
        force=values.get("force", "") in ("1", "on", "yes", "true"),
        original=_original(values.pop("original", "")),
    )


def _original(text: str) -> dict[str, str] | None:
    """The hidden `original` values; None when absent or not readable (then every input
    typed counts as a change, as before the form carried it)."""
    try:
        data = json.loads(text) if text else None
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    return {str(k): v for k, v in data.items() if isinstance(v, str)}


def contact_dict(form: ContactForm) -> dict[str, Any]:
    """The fields as the codec's contact dict (docs/json.md), without the stored-only parts."""
    get = form.get
    data: dict[str, Any] = {name: get(name) for name in TEXT_FIELDS}
    data.update({name: ci.text_list(get(name)) for name in LIST_FIELDS})
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
    data["cadence_days"] = ci.cadence_days(get("cadence_days"))
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


class EditConflict(StaleVersionError):
    """Inputs typed in the form that were also changed elsewhere since it was opened.
    `form` is what to show again: the typed inputs over the newest values."""

    def __init__(self, fields: tuple[str, ...], form: ContactForm) -> None:
        super().__init__(
            "changed elsewhere after you opened this form: "
            + ", ".join(fields)
            + ". What you typed is kept below, the rest shows the newest values; "
            "save again to keep what you typed",
            fields,
        )
        self.form = form


def _group(name: str) -> str:
    """The field an input belongs to: every phone row is `phones`, every email row `emails`."""
    prefix = name.split("_", 1)[0]
    if name in BIRTHDAY_PARTS:
        return "birthday"
    if prefix in ("phone", "email") and name[len(prefix) + 1 :].split("_")[0].isdigit():
        return prefix + "s"
    return name


def _field_value(values: Mapping[str, str], group: str) -> Any:
    """An input's value as compared for changes: trimmed, line ends unified; phone and email
    rows as the list of filled rows."""
    if group in ("phones", "emails"):
        form = read_form(values)
        prefix, default = ("phone", "mobile") if group == "phones" else ("email", "")
        return [
            (form.get(f"{prefix}_{i}").strip(), form.get(f"{prefix}_{i}_label").strip() or default)
            for i in form.filled_rows(prefix)
        ]
    return values.get(group, "").replace("\r\n", "\n").strip()


def _editable_groups(*forms: Mapping[str, str]) -> set[str]:
    names = set(TEXT_FIELDS) | set(LIST_FIELDS) | set(MET_FIELDS) | set(OTHER_FIELDS)
    return {g for values in forms for g in map(_group, values) if g in names | {"phones", "emails"}}


def merged_form(typed: ContactForm, stored: Contact) -> ContactForm:
    """The inputs typed differently from `typed.original`, over the values of `stored`.

    Raises EditConflict when one of them was also changed in `stored` (to something else)."""
    newest = form_from_contact(stored).values
    original = typed.original if typed.original is not None else newest
    merged = dict(newest)
    conflicts: list[str] = []
    for group in sorted(_editable_groups(typed.values, original, newest)):
        mine = _field_value(typed.values, group)
        if mine == _field_value(original, group):
            continue
        theirs = _field_value(newest, group)
        if theirs not in (_field_value(original, group), mine):
            conflicts.append(group)
        merged = {k: v for k, v in merged.items() if _group(k) != group}
        merged.update({k: v for k, v in typed.values.items() if _group(k) == group})
    form = read_form(merged)
    form.force, form.original = typed.force, newest
    if conflicts:
        raise EditConflict(tuple(conflicts), form)
    return form


def edited_contact(typed: ContactForm, stored: Contact) -> Contact:
    """The contact `stored` with the inputs typed differently applied (see merged_form)."""
    return to_contact(merged_form(typed, stored), stored)
