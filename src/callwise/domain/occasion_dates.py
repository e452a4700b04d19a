"""Dates and places of occasions: yearly dates, custom RRULE days, distances (P9.1-P9.4).

Pure helpers of occasion finding (`domain.occasions`) and the plan's candidate lookups.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from typing import Literal

from dateutil.rrule import rrule, rrulestr

from callwise.domain.calls import CustomOccasion
from callwise.domain.errors import ValidationError
from callwise.domain.model import PartialDate

Feb29Rule = Literal["feb28", "mar1"]
Coordinates = tuple[float, float]  # (latitude, longitude) in degrees

_EARTH_RADIUS_KM = 6371.0088
_RRULE_HINT = "write an RFC 5545 rule such as FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=1"


def distance_km(a: Coordinates, b: Coordinates) -> float:
    """Great-circle distance between two (latitude, longitude) points, by haversine (P9.3)."""
    lat1, lon1, lat2, lon2 = (math.radians(v) for v in (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2
    h += math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def yearly_date(date: PartialDate, year: int, rule: Feb29Rule = "feb28") -> dt.date:
    """The day a yearly date falls on in `year`; 29 Feb in a common year by `rule` (P9.1)."""
    if (date.month, date.day) == (2, 29) and not calendar.isleap(year):
        return dt.date(year, 3, 1) if rule == "mar1" else dt.date(year, 2, 28)
    return dt.date(year, date.month, date.day)


def day_text(day: dt.date, today: dt.date) -> str:
    """'12 Nov', with the year when it is not `today`'s."""
    text = f"{day.day} {day:%b}"
    return text if day.year == today.year else f"{text} {day.year}"


def span_text(start: dt.date, end: dt.date) -> str:
    """'3-5 Dec', '30 Nov-2 Dec' or '3 Dec' for a trip."""
    if start >= end:
        return f"{start.day} {start:%b}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}-{end.day} {end:%b}"
    return f"{start.day} {start:%b}-{end.day} {end:%b}"


def check_rrule(text: str, start: dt.date | None = None) -> str:
    """The RRULE value of `text` (with or without 'RRULE:'); a bad rule names the fix (P9.4).

    Occasions fall on days, so FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY.
    """
    body = text.strip().upper().removeprefix("RRULE:").strip()
    if not body or any(c in body for c in ":\n\r"):
        raise ValidationError(f"{text!r} is not one recurrence rule; {_RRULE_HINT}", field="rrule")
    parts = dict(p.partition("=")[::2] for p in body.split(";"))
    if parts.get("FREQ") not in ("DAILY", "WEEKLY", "MONTHLY", "YEARLY"):
        raise ValidationError(
            f"{text!r}: FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY; {_RRULE_HINT}", field="rrule"
        )
    try:
        _parse_rule(body, start or dt.date(2000, 1, 1))
    except (ValueError, TypeError, KeyError) as exc:
        raise ValidationError(
            f"{text!r} is not a valid rule ({exc}); {_RRULE_HINT}", field="rrule"
        ) from None
    return body


def _parse_rule(body: str, start: dt.date) -> tuple[rrule, dt.tzinfo | None]:
    """The rule and the zone of its start: UNTIL in UTC ('...Z') needs an aware start."""
    begin = dt.datetime.combine(start, dt.time())
    zone: dt.tzinfo | None = None
    try:
        found = rrulestr(body, dtstart=begin)
    except ValueError as exc:
        if "UNTIL" not in str(exc):
            raise
        zone = dt.UTC
        found = rrulestr(body, dtstart=begin.replace(tzinfo=zone))
    if not isinstance(found, rrule):
        raise ValueError("one RRULE only")
    return found, zone


def occurrences(custom: CustomOccasion, first: dt.date, last: dt.date) -> list[dt.date]:
    """The days from `first` to `last` on which a custom occasion falls (RFC 5545, P9.4)."""
    rule, zone = _parse_rule(check_rrule(custom.rrule, custom.start), custom.start)
    low = dt.datetime.combine(first, dt.time(), zone)
    found = rule.between(low, dt.datetime.combine(last, dt.time.max, zone), inc=True)
    return sorted({moment.date() for moment in found})


def promise_reason(text: str, due: dt.date, today: dt.date) -> str:
    """'You promised to send the deck (due 1 Dec)': an open promise in words (P6.1)."""
    words = text.strip().rstrip(".")
    if words[:1].isupper() and words[1:2].islower():
        words = words[:1].lower() + words[1:]
    if not words.startswith("to "):
        words = f"to {words}"
    return f"You promised {words} (due {day_text(due, today)})"
