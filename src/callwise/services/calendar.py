"""`callwise calendar export`: the plan as an iCalendar file (RFC 5545, P3.1, P9.1, P9.5).

Decisions:
- The calls are those of `plan_days` over the exported days, each at its courteous window in
  the contact's zone, with the opening line of its script when your name and number are set
  (scripts say them, P2.7; without them the events carry the reasons only).
- Birthdays are yearly all-day events. By default (`range`) only those of contacts with a
  planned call or a birthday within the exported days: the cost and the file then grow with
  the calls due, not with the address book, and exporting again adds the next ones (stable
  UIDs). `all` writes every birthday in the address book, for a one-off import.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from callwise.domain.errors import CallwiseError, ValidationError
from callwise.domain.model import Contact, PartialDate, RelationshipKind
from callwise.domain.occasion_kinds import ORGANIZATION_SCRIPT
from callwise.domain.plan import Plan, PlanEntry
from callwise.domain.scripts import Caller, build_script
from callwise.domain.settings import Settings
from callwise.interchange.ical import calendar_bytes
from callwise.services.app import App
from callwise.services.plan import home_today, parse_day, plan_days
from callwise.services.reference_data import load_city_facts
from callwise.services.script_templates import script_templates
from callwise.store import candidates
from callwise.store import contacts as contact_store

BirthdayScope = Literal["range", "all"]
_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class CalendarFile:
    """The .ics bytes and what they hold."""

    data: bytes
    calls: int
    birthdays: int
    opening_lines: int
    note: str = ""


def _opening(entry: PlanEntry, caller: Caller, now: dt.datetime) -> str:
    """The words to open the call with, from the entry's script (P2.1, P10.4)."""
    organization = entry.contact.kind is RelationshipKind.ORGANIZATION
    occasion = ORGANIZATION_SCRIPT if organization else entry.script
    script = build_script(
        entry.contact,
        occasion,
        user=caller,
        now=now,
        local_time_text=f"{entry.local_time_now:%H:%M}",
        last_call=None,
        open_promises=(),
        purpose=entry.reasons[0] if entry.reasons else "",
        needs_answer=entry.needs_answer,
        templates=script_templates(),
        city_facts=load_city_facts(),
    )
    opener = script.section("opener")
    return " ".join(opener.said) if opener else ""


def _opening_lines(plan: Plan, settings: Settings, now: dt.datetime) -> tuple[dict[int, str], str]:
    try:
        caller = Caller.from_settings(settings)
    except ValidationError:
        return {}, "no opening lines: set user_name and user_phone (`callwise settings set`)"
    lines: dict[int, str] = {}
    for entry in plan.entries:
        if entry.contact.id is None:
            continue
        try:
            lines[entry.contact.id] = _opening(entry, caller, now)
        except CallwiseError:
            continue  # the reasons still say why to call
    return lines, ""


def _birthdays(
    app: App, plan: Plan, start: dt.date, days: int, scope: BirthdayScope
) -> list[tuple[Contact, PartialDate]]:
    planned = {e.contact.id: e.contact for e in plan.entries if e.contact.id is not None}
    with app.engine.connect() as conn:
        if scope == "all":
            ids = candidates.birthday_ids(conn, None, None)
        else:
            last = start + (days - 1) * _DAY
            ids = sorted(set(candidates.birthday_ids(conn, start, last)) | set(planned))
        loaded = {i: planned[i] for i in ids if i in planned}
        missing = [i for i in ids if i not in loaded]
        loaded.update((c.id, c) for c in contact_store.get_contacts(conn, missing) if c.id)
    return [(loaded[i], b) for i in ids if i in loaded and (b := loaded[i].birthday) is not None]


def calendar_export(
    app: App, start: str | dt.date, days: int, *, birthdays: BirthdayScope = "range"
) -> CalendarFile:
    """The planned calls of `days` days from `start`, and birthdays, as one .ics file."""
    if birthdays not in ("range", "all"):
        raise ValidationError("use range or all", field="birthdays")
    start = parse_day(start, field="from", today=home_today(app))
    settings = app.settings()
    plan = plan_days(app, start, days)
    lines, note = _opening_lines(plan, settings, app.now)
    born = _birthdays(app, plan, start, days, birthdays)
    data = calendar_bytes(
        plan, born, opening_lines=lines, home_zone=settings.home_zone, now=app.now
    )
    opened = sum(1 for text in lines.values() if text)
    return CalendarFile(data, len(plan.entries), len(born), opened, note)
