"""What "overdue" means, wherever callwise says it: past the date something was due (P6.1).

One definition for the plan, `today`, the Contacts filter, Insights and the API: a thing is
overdue once the day it was due has passed, by as many days as have passed since. The day it
was due is its last day when it has one (a connection to answer by a date, an invitation
before a trip: P9.2, P9.3), else its due date (a keep-in-touch date, a promise, an agreed
call). A call on its very day is not overdue.
"""

from __future__ import annotations

import datetime as dt

OVERDUE_MEANING = "past the date it was due"
FIRST_LATE_DAY = 1  # the first day after the due date counts as overdue


def days_overdue(due: dt.date, today: dt.date) -> int:
    """How many days past the date it was due `today` is (0: not overdue)."""
    return max(0, (today - due).days)


def overdue_text(days: int) -> str:
    """'2 days past the date it was due', in plain words ('' when not overdue)."""
    if days < FIRST_LATE_DAY:
        return ""
    return f"{days} day{'' if days == 1 else 's'} {OVERDUE_MEANING}"
