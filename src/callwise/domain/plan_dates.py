"""Which dates a plan's calls fall on: the contact's own date for a day of yours, and what a
snooze leaves (P9.1, P9.5).

Decisions:
- A plan day is a date of yours; the contact's date for it is theirs at noon of that day
  (`their_first_day`), so the mapping does not shift with the hour the plan is made: a plan
  made in the evening in Kansas City puts a Paris birthday on the Paris birthday (P9.1).
- A snoozed contact comes back on the snooze date (a date of yours): calls that can wait move
  to it, fixed days and last days before it are left out, in the plan and in what `log`
  says comes next (`after_snooze`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from zoneinfo import ZoneInfo

from callwise.domain.calls import Snooze
from callwise.domain.occasions import Occasion, day_text


def snoozed_until(snoozes: Iterable[Snooze], day: dt.date) -> dt.date | None:
    """The date a snoozed contact comes back, when a snooze still runs on `day`."""
    running = [s.until for s in snoozes if s.until > day]
    return max(running) if running else None


def their_first_day(start: dt.date, home_zone: str, zone: dt.tzinfo) -> dt.date:
    """The contact's own date on the plan day `start` (a date of yours): their date at noon of
    that day, so the mapping does not shift with the hour the plan is made (P9.1)."""
    noon = dt.datetime.combine(start, dt.time(12), ZoneInfo(home_zone))
    return noon.astimezone(zone).date()


def after_snooze(occasions: Iterable[Occasion], until: dt.date | None) -> tuple[Occasion, ...]:
    """What is left once a snooze ends on `until`, as the plan has it: calls that can wait
    move to that date, fixed days and last days before it are left out (snoozes)."""
    if until is None:
        return tuple(occasions)
    kept = []
    for o in occasions:
        if o.fixed_day or (o.deadline is not None and o.deadline < until):
            kept += [o] if o.fixed_day and o.due >= until else []
        elif o.due < until:
            note = f" (not before {day_text(until, o.due)}: you snoozed them)"
            kept.append(replace(o, due=until, reason=o.reason + note))
        else:
            kept.append(o)
    return tuple(kept)
