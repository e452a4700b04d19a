"""Contact fields as people type them, read once for every surface: the CLI's options and the
web's form take the same cadences, dates, labelled phones and emails, dated labels and lists.

Errors name the contact field (`cadence_days`, `birthday`, `met.date` ...); each surface
renames them to its own inputs (domain/errors.py `renamed_fields`, web/forms.py).
"""

from __future__ import annotations

import datetime as dt
import re

from callwise.domain.errors import ValidationError
from callwise.domain.model import AddressForm, OtherDate, PartialDate, RelationshipKind

NO_CADENCE = ("", "none", "never")
# P6.1: a rhythm in words, in days (a month counts 30 days, a quarter 91, a year 365).
CADENCE_WORDS = {
    "daily": 1,
    "weekly": 7,
    "fortnightly": 14,
    "biweekly": 14,
    "monthly": 30,
    "quarterly": 91,
    "yearly": 365,
    "annually": 365,
}
CADENCE_UNITS = {"d": 1, "day": 1, "w": 7, "week": 7, "m": 30, "month": 30, "y": 365, "year": 365}
_CADENCE = re.compile(r"([+-]?\d+)\s*([a-z]*)")


def cadence_days(text: str, field: str = "cadence_days") -> int | None:
    """'30', '30d', '2w', '3 months', 'monthly' -> days; '' or 'none' -> no cadence.

    The range (1 day to a hundred years) is the domain's check (domain/contacts.py)."""
    raw = text.strip().lower()
    if raw in NO_CADENCE:
        return None
    if raw in CADENCE_WORDS:
        return CADENCE_WORDS[raw]
    found = _CADENCE.fullmatch(raw)
    unit = found.group(2) if found else "?"
    if unit not in CADENCE_UNITS and unit.endswith("s"):  # 2 weeks, 30 days
        unit = unit[:-1] or "?"
    if found is None or (unit and unit not in CADENCE_UNITS):
        raise _not_a_cadence(text, field)
    try:
        return int(found.group(1)) * CADENCE_UNITS.get(unit, 1)
    except ValueError:  # more digits than Python converts
        raise _not_a_cadence(text, field) from None


def _not_a_cadence(text: str, field: str) -> ValidationError:
    return ValidationError(
        f"{text.strip()!r} is not a number of days; give a whole number such as 30, "
        "a span such as 2w or 3m, a word such as monthly, or none for no cadence",
        field=field,
    )


def iso_date(text: str, field: str) -> dt.date | None:
    """'YYYY-MM-DD' -> a date; '' -> None."""
    if not text.strip():
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(f"{text!r} is not a date; write YYYY-MM-DD", field=field) from None


def partial_date(text: str, field: str) -> PartialDate | None:
    """'YYYY-MM-DD' or '--MM-DD' (no year) -> a date; '' -> None."""
    return PartialDate.parse(text, field=field) if text.strip() else None


def labelled(text: str, default_label: str) -> tuple[str, str]:
    """'work:+1 816 555 0100' -> ('work', '+1 816 555 0100'); a bare value takes the default."""
    head, sep, tail = text.partition(":")
    if sep and head.strip().isalpha() and not head.strip().lower().startswith("mailto"):
        return head.strip().lower(), tail.strip()
    return default_label, text.strip()


def other_date(text: str, field: str = "date") -> OtherDate:
    """'anniversary=2012-06-09' -> a labelled date."""
    label, sep, when = text.partition("=")
    if not sep or not label.strip():
        raise ValidationError(
            f"{text!r}: write LABEL=DATE, e.g. anniversary=2012-06-09", field=field
        )
    return OtherDate(label.strip(), PartialDate.parse(when, field=field))


def text_list(text: str) -> list[str]:
    """'golf, jazz , ' -> ['golf', 'jazz']: interests, topics to avoid and tags in one input."""
    return [part.strip() for part in text.split(",") if part.strip()]


def relationship_kind(text: str) -> RelationshipKind:
    try:
        return RelationshipKind(text.strip().lower())
    except ValueError:
        allowed = ", ".join(k.value for k in RelationshipKind)
        raise ValidationError(
            f"{text!r} is not a relationship kind; use one of: {allowed}", field="kind"
        ) from None


def address_form(text: str) -> AddressForm | None:
    """P2.6: 'formal' or 'informal' overrides the kind's default; '' or 'auto' keeps it."""
    if text.strip().lower() in ("", "auto"):
        return None
    try:
        return AddressForm(text.strip().lower())
    except ValueError:
        raise ValidationError(
            f"{text!r}: use formal, informal or auto", field="address_form"
        ) from None
