"""Why call this contact now: one answer, from the plan, for every surface (issue 14, P9).

Today, `callwise plan`, the script (CLI, contact page, guide, API) and the guided call must
name the same reason. The plan decides it: the contact's first call in the plan of the next
`LOOK_AHEAD_DAYS` days (the same plan `services.today.next_call` reads, kept by
services/cache.py), else a call the budget pushed past those days. Only when the plan holds
no call for them does `domain.call_log.default_occasion` pick what is due on their date.

Decisions:
- A script opened before the plan's day gets the plan's reason, with a first line saying the
  day the plan has the call on: a birthday planned for tomorrow is prepared as a birthday call
  today, and the caller is told the wishes belong to tomorrow (P9.1, P9.5). Preparing early
  is common; saying a different reason than Today would not be.
- An organization always gets its own script (P1.3: the reference details), whatever the
  plan's reason (`PlanEntry.script`); the reason's words still say why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection

from callwise.domain.call_log import default_occasion
from callwise.domain.calls import Promise
from callwise.domain.model import Contact
from callwise.domain.occasion_kinds import REASONS, script_label
from callwise.domain.occasions import PlanPolicy, day_text
from callwise.domain.plan import PlanEntry
from callwise.domain.readiness import missing_before_call
from callwise.domain.zones import resolve_location
from callwise.services.app import App
from callwise.services.plan import home_today, plan_report
from callwise.services.today import NEXT_CALL_DAYS
from callwise.store import activity

LOOK_AHEAD_DAYS = NEXT_CALL_DAYS  # the plan Today reads: one plan, kept once


@dataclass(frozen=True)
class CallReason:
    """Why to call a contact and which script that needs (P9).

    `kind` is the plan's reason id (None: the plan holds no call for them, the script follows
    what is due on their date); `why` the plan's words; `day` your date the plan has the call
    on (None: pushed past the days planned), `days_early` how many days before the leading
    occasion falls due on their date (0: it is due).
    """

    script: str
    kind: str | None = None
    why: tuple[str, ...] = ()
    day: dt.date | None = None
    days_early: int = 0
    purpose: str = ""  # a user's own occasion is about its label (P9.4)

    @property
    def label(self) -> str:
        """'Birthday', 'New connection', ... or the script's label when nothing is planned."""
        known = REASONS.get(self.kind) if self.kind else None
        return known.label if known is not None else script_label(self.script)

    @property
    def early_note(self) -> str:
        """The line a script opened before the plan's day starts with (P9.1, P9.5)."""
        if self.days_early < 1:
            return ""
        days = "a day" if self.days_early == 1 else f"{self.days_early} days"
        when = ""
        if self.day is not None:
            when = f"the plan has this call on {self.day:%A} {day_text(self.day, self.day)}, "
        return (
            f"{self.label}: {when}the day it falls due. Calling now is {days} early: "
            "say so, or wait until then."
        )


def open_promises(conn: Connection, contact_id: int, now: dt.datetime) -> tuple[Promise, ...]:
    """The contact's promises not yet kept, the soonest due first (P6.1)."""
    calls = activity.recent_calls(conn, [contact_id], now).get(contact_id, [])
    found = [p for call in sorted(calls, key=lambda c: c.at) for p in call.promises if not p.done]
    return tuple(sorted(found, key=lambda p: p.due or dt.date.max))


def planned_entry(app: App, contact_id: int) -> PlanEntry | None:
    """The contact's first call in the plan from today, or one the budget pushed past it."""
    plan = plan_report(app, home_today(app), LOOK_AHEAD_DAYS + 1).plan
    mine = (e for e in (*plan.entries, *plan.pushed) if e.contact.id == contact_id)
    return next(mine, None)


def _pushed_day(app: App, entry: PlanEntry) -> dt.date | None:
    """The plan's day of the entry, None for a call pushed past the days planned."""
    last = home_today(app) + dt.timedelta(days=LOOK_AHEAD_DAYS)
    return entry.day if entry.day <= last else None


def call_reason(app: App, contact: Contact, their_today: dt.date) -> CallReason:
    """Why to call `contact` now, and the script it needs: the plan's reason (see above)."""
    assert contact.id is not None
    entry = planned_entry(app, contact.id)
    if entry is not None:
        script = entry.script  # an organization's own script included (P1.3)
        lead = entry.occasions[0]
        early = max(0, (lead.due - their_today).days)  # not due yet on their date
        day = _pushed_day(app, entry)
        return CallReason(script, lead.kind, entry.reasons, day, early, lead.purpose)
    with app.engine.connect() as conn:
        last = activity.history(conn, contact.id, limit=1)
        promises = open_promises(conn, contact.id, app.now)
    script = default_occasion(
        contact,
        their_today,
        last_call=last[0] if last else None,
        open_promises=promises,
        policy=PlanPolicy.from_settings(app.settings()),
    )
    return CallReason(script)


def missing_data(contact: Contact, home_zone: str) -> tuple[str, ...]:
    """What a caller must know before calling `contact`: no number, no known zone (issue 14)."""
    return missing_before_call(contact, resolve_location(contact, home_zone))
