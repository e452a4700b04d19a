"""The plan as iCalendar (RFC 5545): calls at their courteous windows, birthdays yearly.

Pure: builds bytes, writes nothing. Each planned call is a VEVENT in the contact's own zone
(VTIMEZONE components included), with a `tel:` URL (RFC 3966) so one tap dials, the reasons
and the opening line in the description, and a display alarm 10 minutes before (P3.1, P9.5).
Calls of one day are laid one after another inside their windows, so the calendar reads as
a schedule; a call with no courteous window is an all-day event on its day. Birthdays are
yearly all-day events (P9.1); 29 February falls on the last day of February in common years
(`feb28`) or on the 60th day of the year, 1 March (`mar1`). UIDs are stable, so exporting
again updates the same events.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

from icalendar import Alarm, Calendar, Event

from callwise.domain.model import Contact, PartialDate
from callwise.domain.occasions import Feb29Rule, yearly_date
from callwise.domain.phones import dial_uri, number_to_dial
from callwise.domain.plan import Plan, PlanDay, PlanEntry
from callwise.domain.text import fold

ALARM_BEFORE = dt.timedelta(minutes=10)
PRODID = "-//callwise//whom to call//EN"


def _slug(contact: Contact) -> str:
    if contact.id is not None:
        return str(contact.id)
    return re.sub(r"[^a-z0-9]+", "-", fold(contact.name)).strip("-") or "contact"


def _tel(contact: Contact) -> str:
    """The `tel:` URI of the number to dial (RFC 3966), or ''."""
    return dial_uri(number_to_dial(contact))


def _five_minutes(moment: dt.datetime) -> dt.datetime:
    """Round up to the next five minutes, so calls start on the clock's round numbers."""
    return dt.datetime.fromtimestamp(math.ceil(moment.timestamp() / 300) * 300, dt.UTC)


def _slots(day: PlanDay) -> list[tuple[PlanEntry, dt.datetime | None]]:
    """Each call's start: one after another inside their windows, overlapping only when a
    window is too short to wait for the previous call."""
    timed = sorted(
        (e for e in day.entries if e.window is not None),
        key=lambda e: e.window.start if e.window else dt.datetime.max.replace(tzinfo=dt.UTC),
    )
    found: list[tuple[PlanEntry, dt.datetime | None]] = []
    busy: dt.datetime | None = None
    for entry in timed:
        assert entry.window is not None
        window, length = entry.window, dt.timedelta(minutes=entry.estimated_minutes)
        start = window.start if busy is None else max(window.start, busy)
        if start + length > window.end:
            start = window.start
        start = start.astimezone(window.start.tzinfo)
        found.append((entry, start))
        end = _five_minutes(start + length)
        busy = end if busy is None else max(busy, end)
    found += [(e, None) for e in day.entries if e.window is None]
    return found


def _description(entry: PlanEntry, opening: str, home_zone: str) -> str:
    """The reasons, the opening line, the window in both zones, the priority, the notes."""
    lines = [f"- {reason}" for reason in entry.reasons]
    if opening.strip():
        lines += ["", f"Opening: {opening.strip()}"]
    if entry.window is not None:
        w = entry.window
        theirs = f"{w.start:%H:%M}-{w.end:%H:%M} their time ({w.start.tzinfo})"
        yours = f"{w.home_start:%a %H:%M}-{w.home_end:%H:%M} yours ({home_zone})"
        lines += ["", f"Courteous window: {theirs}, {yours}; {w.tag}"]
    lines += [f"Priority: {entry.priority_text}", *entry.notes]
    if entry.needs_answer:
        lines.append("If nobody answers: leave a message asking them to call back (P10.3)")
    else:
        lines.append("If nobody answers: leave a message; no need to call back (P10.3)")
    return "\n".join(lines)


def _call_event(
    entry: PlanEntry, start: dt.datetime | None, opening: str, home_zone: str, stamp: dt.datetime
) -> Event:
    event = Event()
    event.add("uid", f"call-{_slug(entry.contact)}-{entry.day.isoformat()}@callwise")
    event.add("dtstamp", stamp)
    event.add("summary", f"Call {entry.contact.name}")
    if start is None:
        event.add("dtstart", entry.day)
        event.add("dtend", entry.day + dt.timedelta(days=1))
    else:
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=entry.estimated_minutes))
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", -ALARM_BEFORE)
        alarm.add("description", f"Call {entry.contact.name}")
        event.add_component(alarm)
    event.add("description", _description(entry, opening, home_zone))
    tel = _tel(entry.contact)
    if tel:
        event.add("url", tel)
    event.add("categories", ["callwise", *(o.kind for o in entry.occasions)])
    return event


def birthday_rule(born: PartialDate, year: int, feb29_rule: Feb29Rule) -> tuple[dt.date, Any]:
    """The first day and the RRULE of a yearly birthday starting in `year` (P9.1)."""
    if (born.month, born.day) != (2, 29):
        return dt.date(year, born.month, born.day), {"freq": "yearly"}
    if feb29_rule == "mar1":
        return yearly_date(born, year, "mar1"), {"freq": "yearly", "byyearday": 60}
    return yearly_date(born, year, "feb28"), {"freq": "yearly", "bymonth": 2, "bymonthday": -1}


def _birthday_event(
    contact: Contact, born: PartialDate, stamp: dt.datetime, year: int, rule: Feb29Rule
) -> Event:
    """A yearly all-day event; with the year known it starts on the birth date."""
    first, recurrence = birthday_rule(born, born.year or year, rule)
    event = Event()
    event.add("uid", f"birthday-{_slug(contact)}@callwise")
    event.add("dtstamp", stamp)
    event.add("dtstart", first)
    event.add("dtend", first + dt.timedelta(days=1))
    event.add("rrule", recurrence)
    born_in = f" (born {born.year})" if born.year else ""
    event.add("summary", f"Birthday: {contact.name}{born_in}")
    event.add("transp", "TRANSPARENT")
    event.add("description", "A call is warmer than a written note (P9.1, P9.5).")
    tel = _tel(contact)
    if tel:
        event.add("url", tel)
    return event


def calendar_bytes(
    plan: Plan,
    birthdays: Iterable[tuple[Contact, PartialDate]],
    *,
    opening_lines: Mapping[int, str] | None = None,
    home_zone: str,
    now: dt.datetime,
    feb29_rule: Feb29Rule = "feb28",
) -> bytes:
    """The plan's calls and the birthdays as one iCalendar file (RFC 5545).

    `opening_lines` maps a contact id to the line to open the call with (issue 6);
    yearless birthdays start last year.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "callwise")
    calendar.add("x-wr-timezone", home_zone)
    stamp, lines = now.astimezone(dt.UTC), opening_lines or {}
    for day in plan.days:
        for entry, start in _slots(day):
            opening = lines.get(entry.contact.id, "") if entry.contact.id is not None else ""
            calendar.add_component(_call_event(entry, start, opening, home_zone, stamp))
    for contact, born in birthdays:
        year = now.year - 1
        calendar.add_component(_birthday_event(contact, born, stamp, year, feb29_rule))
    if plan.days:
        first, last = plan.days[0].date, plan.days[-1].date
        span = (first - dt.timedelta(days=366), last + dt.timedelta(days=2 * 366))
        calendar.add_missing_timezones(first_date=span[0], last_date=span[1])
    return bytes(calendar.to_ical())
