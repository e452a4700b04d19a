"""A new acquaintance gets a prompt first call, not their cadence's date (P9.5, P6.1, P2.2).

"I met you at yesterday's luncheon" is a warm opener only while it is true: someone met in the
last few days is called the day after the meeting, before the keep-in-touch rhythm takes over.

Decisions:
- The first call falls due `FIRST_CALL_AFTER_DAYS` after the day you met (`met.date`), unless
  a touching call (a conversation, a voicemail, a meeting) was made on or after that day.
- Only a new acquaintance: the contact was added no more than `NEW_WITHIN_DAYS` after the
  meeting. A card imported today for someone met in 2019 keeps the plain cadence (a fresh
  import must not flood the plan).
- The keep-in-touch date is the earlier of the two (`keep_in_touch_due`): the plan, the
  Contacts filter and Insights read the same date (the store keeps it in `cadence_due`).
"""

from __future__ import annotations

import datetime as dt

FIRST_CALL_AFTER_DAYS = 1
NEW_WITHIN_DAYS = 14


def first_call_due(
    met: dt.date | None, added: dt.date | None, last_touch: dt.date | None
) -> dt.date | None:
    """The prompt first call after meeting someone new, or None (P9.5)."""
    if met is None or (last_touch is not None and last_touch >= met):
        return None
    if added is not None and (added - met).days > NEW_WITHIN_DAYS:
        return None
    return met + dt.timedelta(days=FIRST_CALL_AFTER_DAYS)


def keep_in_touch_due(
    anchor: dt.date, every: int | None, first_call: dt.date | None
) -> dt.date | None:
    """The next keep-in-touch date: `every` days after the anchor (last touch, else the day
    added), or the prompt first call when that comes sooner (P6.1, P9.5)."""
    dues = [d for d in (anchor + dt.timedelta(days=every) if every else None, first_call) if d]
    return min(dues) if dues else None
