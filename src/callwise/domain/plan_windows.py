"""Which courteous window a planned call gets (P3.1, P3.3, P9.1, P10.3).

Decisions:
- A call starts at its window's start, or now (to the next 5 minutes) in an open window.
- A fixed day's call is looked for from the start of the contact's own date (P9.1).
- After a failed attempt, the next window starts outside the failed call's hour (P10.3).
- A personal call takes a preferred window (mid-afternoon, early evening) later the same day,
  theirs and yours, rather than an acceptable one; only when the day has none does it keep
  the acceptable hour (P3.1). Business windows are all preferred.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import replace
from zoneinfo import ZoneInfo

from callwise.domain.courtesy import CourtesyPlanner, PolicyKey, Window
from callwise.domain.occasions import Occasion

_DAY = dt.timedelta(days=1)
_HOUR = dt.timedelta(hours=1)
_RETRY_SEARCH = 14  # windows looked at for one that avoids the failed hour (P10.3)


def their_midnight(day: dt.date, key: PolicyKey) -> dt.datetime:
    """The start of a date of the contact's, in their zone."""
    return dt.datetime.combine(day, dt.time(), ZoneInfo(key.zone))


def _begin(window: Window, after: dt.datetime) -> dt.datetime:
    """When a call in `window` can start: its start, or `after` up to the next 5 minutes
    when the window is already open (in the contact's zone)."""
    if after <= window.start:
        return window.start
    rounded = dt.datetime.fromtimestamp(math.ceil(after.timestamp() / 300) * 300, dt.UTC)
    return (rounded if rounded < window.end else after).astimezone(window.start.tzinfo)


def _from(window: Window, moment: dt.datetime) -> Window:
    """The window from `moment` on."""
    if moment <= window.start:
        return window
    return replace(
        window,
        start=moment.astimezone(window.start.tzinfo),
        home_start=moment.astimezone(window.home_start.tzinfo),
    )


def _window_avoiding(
    planner: CourtesyPlanner, key: PolicyKey, after: dt.datetime, failed: dt.datetime
) -> Window | None:
    """The next window, from a start outside the hour of day of the failed attempt (P10.3)."""
    hour = failed.astimezone(ZoneInfo(key.zone)).hour
    for _ in range(_RETRY_SEARCH):
        window = planner.next_window(key, after)
        if window is None:
            return None
        begin = _begin(window, after)
        while begin < window.end and begin.astimezone(window.start.tzinfo).hour == hour:
            begin = (begin + _HOUR).replace(minute=0, second=0, microsecond=0)
        if begin < window.end:
            return _from(window, begin)
        after = window.end
    return None


def call_window(
    planner: CourtesyPlanner,
    key: PolicyKey,
    after: dt.datetime,
    occasions: Sequence[Occasion],
    day_end: dt.datetime,
) -> Window | None:
    """The next courteous window from `after` (the plan day's start, or now), past any attempt
    gap; a fixed day's call not before the contact's own date begins (P9.1); a personal call in
    a preferred window before `day_end` when there is one (P3.1, P10.3)."""
    fixed = [o.due for o in occasions if o.fixed_day]
    if fixed:
        after = max(after, their_midnight(min(fixed), key))
    after = max([after, *(o.not_before for o in occasions if o.not_before)])
    failed = [o.last_attempt for o in occasions if o.last_attempt is not None]
    if failed:
        return _window_avoiding(planner, key, after, max(failed))
    window = planner.next_window(key, after)
    if window is None:
        return None
    return _preferred(planner, key, _from(window, _begin(window, after)), day_end)


def _preferred(
    planner: CourtesyPlanner, key: PolicyKey, window: Window, day_end: dt.datetime
) -> Window:
    """A preferred window later on the same day (theirs and yours) rather than an acceptable
    one: personal calls belong mid-afternoon or early evening when the day allows (P3.1)."""
    if window.tag == "preferred":
        return window
    their_end = their_midnight(window.start.date() + _DAY, key)
    for later in planner.windows(key, window.end, min(their_end, day_end)):
        if later.tag == "preferred":
            return later
    return window
