"""The day a script proposes for the next call (P6.1): the first courteous window once the
contact's cadence has passed, moved off their holidays and said as people say it
(`domain/spoken.py`). Kept apart from `services/calls.py`, which prepares the rest."""

from __future__ import annotations

import datetime as dt

from callwise.domain.courtesy import CourtesyPlanner, PolicyKey
from callwise.domain.model import Contact
from callwise.domain.occasions import PlanPolicy
from callwise.domain.scripts.next_call import is_invitation
from callwise.domain.spoken import proposed_day

_DAY = dt.timedelta(days=1)


def _next_call(
    planner: CourtesyPlanner, key: PolicyKey, every: int | None, local_now: dt.datetime
) -> dt.date | None:
    """The date of the first courteous window once the cadence has passed (P6.1)."""
    if not every:
        return None
    day = local_now.date() + every * _DAY
    start = dt.datetime.combine(day, dt.time(), local_now.tzinfo)
    window = planner.next_window(key, start)
    return max(window.start, start).date() if window else day


def proposed_next_call(
    planner: CourtesyPlanner,
    policy: PlanPolicy,
    contact: Contact,
    local: dt.datetime,
    holidays: frozenset[dt.date],
    script: str,
) -> dt.date | None:
    """The day the script proposes for the next call: the cadence's, never a holiday (P6.1)."""
    found = _next_call(planner, planner.key(contact), policy.cadence_for(contact), local)
    if found is None:
        return None
    return proposed_day(found, local.date(), holidays, invitation=is_invitation(script))
