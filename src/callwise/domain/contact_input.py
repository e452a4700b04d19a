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


# Times and days as people write them (issue 15): the settings' calling hours and days, and
# the web's time pickers and day boxes, all end here. P3.1, P3.2: hours are judged by a clock.
TimeRange = tuple[dt.time, dt.time]
DAY_CODES = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_GROUPS = {
    "weekdays": range(5),
    "workdays": range(5),
    "weekends": range(5, 7),
    "daily": range(7),
    "everyday": range(7),
    "allweek": range(7),
}
_CLOCK = re.compile(r"(\d{1,2})(?:[:.h]?(\d{2}))?(?::00)?(am|pm|a|p)?")
_RANGE_SPLIT = re.compile(r"\s*(?:-|–|—|\bto\b|\buntil\b|\btill\b)\s*")
_DAY_SPLIT = re.compile(r"\s*(?:-|–|\bto\b|\bthrough\b|\bthru\b)\s*")
_TIME_HINT = "write 14:30 or 2:30pm"
_RANGE_HINT = "write 09:00-17:00 or 9am-5pm, several separated by commas"
_DAYS_HINT = "write days such as Mo-Fr, Mon-Fri, weekdays or Mo,We,Sa"


def _clock(text: str) -> tuple[dt.time, str] | None:
    """'9', '9am', '2:30 p.m.', '14.30', 'noon' -> (the time, its am/pm or ''); None if not one."""
    raw = re.sub(r"\s+", "", text.lower()).replace(".m.", "m").rstrip(".")
    if raw in ("noon", "midday"):
        return dt.time(12), "pm"
    if raw == "midnight":
        return dt.time(0), "am"
    found = _CLOCK.fullmatch(raw)
    if found is None:
        return None
    hour, minute = int(found.group(1)), int(found.group(2) or 0)
    suffix = (found.group(3) or "")[:1]
    if suffix:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "p" else 0)
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute), suffix


def clock_time(text: str, field: str) -> dt.time:
    """'14:30', '9', '9am', '2:30 pm', 'noon' -> a time; anything else names the forms."""
    found = _clock(text)
    if found is None:
        raise ValidationError(f"{text.strip()!r} is not a time; {_TIME_HINT}", field=field)
    return found[0]


def _time_range(part: str, field: str) -> TimeRange:
    """'9am-5pm', '9-5' (the end in the afternoon), '2-4:30pm' (both in the afternoon)."""
    ends = _RANGE_SPLIT.split(part.strip(), maxsplit=2)
    first, last = (_clock(e) for e in ends) if len(ends) == 2 else (None, None)
    if first is None or last is None:
        raise ValidationError(f"{part.strip()!r} is not a time range; {_RANGE_HINT}", field=field)
    (start, start_suffix), (end, end_suffix) = first, last
    if end_suffix and not start_suffix and start.hour < 12:
        shared = _clock(f"{ends[0]}{end_suffix}m")
        if shared is not None and shared[0] < end:
            start = shared[0]
    if not (start_suffix or end_suffix) and end <= start and end.hour < 12:
        end = end.replace(hour=end.hour + 12)
    if start >= end:
        raise ValidationError(
            f"{part.strip()!r} ends before it starts; give the earlier time first", field=field
        )
    return start, end


def time_ranges(text: str, field: str) -> tuple[TimeRange, ...]:
    """'14:00-16:30, 17:30-19:30' or '9am-5pm' -> the ranges, in order (P3.1)."""
    parts = [p for p in text.split(",") if p.strip()]
    return tuple(sorted(_time_range(part, field) for part in parts))


def ranges_text(ranges: tuple[TimeRange, ...]) -> str:
    """The canonical form: '09:00-17:00, 18:00-20:00'."""
    return ", ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in ranges)


def _day(word: str) -> int | None:
    """'Mo', 'mon', 'Monday', 'mondays', 'tues', 'thurs' -> 0-6; None when not a day."""
    word = word.strip().lower().rstrip(".")
    for candidate in dict.fromkeys(w for w in (word, word.removesuffix("s")) if len(w) >= 2):
        found = [i for i, name in enumerate(_DAY_NAMES) if name.startswith(candidate)]
        if len(found) == 1:
            return found[0]
    return None


def _day_part(part: str, field: str) -> set[int]:
    key = re.sub(r"\s+", "", part.lower())
    group = _DAY_GROUPS.get(key) or _DAY_GROUPS.get(key + "s")
    if group is not None:
        return set(group)
    ends = [_day(e) for e in _DAY_SPLIT.split(part.strip())]
    if not 1 <= len(ends) <= 2 or None in ends:
        raise ValidationError(f"{part.strip()!r} is not a day or days; {_DAYS_HINT}", field=field)
    first, last = ends[0], ends[-1]
    assert first is not None and last is not None
    return {(first + i) % 7 for i in range((last - first) % 7 + 1)}


def week_days(text: str, field: str) -> frozenset[int]:
    """'Mo-Fr', 'Mon-Fri', 'Monday to Friday', 'weekdays', 'Mo,We,Sa' -> weekdays (Monday 0)."""
    parts = [p for p in re.split(r",|&|/|\band\b", text) if p.strip()]
    if not parts:
        raise ValidationError(f"no days given; {_DAYS_HINT}", field=field)
    return frozenset(day for part in parts for day in _day_part(part, field))


def days_text(days: frozenset[int]) -> str:
    """The canonical form: {0,1,2,3,4,6} -> 'Mo-Fr,Su'."""
    runs: list[list[int]] = []
    for day in sorted(days):
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ",".join(
        DAY_CODES[r[0]] if len(r) == 1 else f"{DAY_CODES[r[0]]}-{DAY_CODES[r[-1]]}" for r in runs
    )


def date_from_parts(day: str, month: str, year: str, field: str) -> str:
    """A date picked as day, month and optional year -> 'YYYY-MM-DD', '--MM-DD' without a year,
    '' when all three are empty (a birthday whose year you do not know, P9.1)."""
    day, month, year = day.strip(), month.strip(), year.strip()
    if not (day or month or year):
        return ""
    if not (day.isdigit() and month.isdigit()):
        raise ValidationError(
            "choose both the day and the month (the year may stay empty), or clear all three",
            field=field,
        )
    if year and not (year.isdigit() and len(year) == 4):
        raise ValidationError(f"{year!r} is not a year; write four digits, e.g. 1984", field=field)
    try:
        picked = PartialDate(int(month), int(day), int(year) if year else None)
    except ValidationError as exc:
        raise ValidationError(exc.message, field=field) from None
    return picked.isoformat()


def date_parts(text: str) -> tuple[str, str, str]:
    """A stored date as the picker shows it: (day, month, year), empty parts when unknown."""
    try:
        found = PartialDate.parse(text) if text.strip() else None
    except ValidationError:
        found = None
    if found is None:
        return "", "", ""
    return str(found.day), str(found.month), str(found.year or "")
