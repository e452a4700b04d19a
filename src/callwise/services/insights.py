"""Insights: calls per week and contacts going cold, as plain numbers for charts (issue 7).

Everything is an indexed aggregate (see store.insights): fast with 100k contacts and a million
calls. Weeks run Monday to Sunday in the user's home zone; "reached" means a conversation
happened (connected, or met in person); a contact is overdue once the day their keep-in-touch
call fell due has passed (`domain.overdue`: their own cadence or a prompt first call after
meeting them, else their relationship kind's default, P6.1, P9.5).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from callwise.domain.calls import Outcome
from callwise.domain.model import RELATIONSHIP_KINDS
from callwise.domain.overdue import FIRST_LATE_DAY, days_overdue
from callwise.domain.zones import wall_to_utc
from callwise.services.app import App
from callwise.store import contacts as contacts_store
from callwise.store import insights as store

WEEKS = 12
COLDEST = 15
REACHED = frozenset({Outcome.CONNECTED.value, Outcome.MEETING.value})
# Bands of lateness shown as a bar each: (label, fewest days late, most days late).
BANDS = (
    ("due in the next 7 days", -7, 0),
    ("1-7 days late", 1, 7),
    ("8-30 days late", 8, 30),
    ("31-90 days late", 31, 90),
    ("over 90 days late", 91, None),
)
_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class WeekCalls:
    """The calls logged in one week, by outcome; `start` is its Monday (user's zone)."""

    start: dt.date
    by_outcome: dict[str, int]

    @property
    def reached(self) -> int:
        return sum(n for o, n in self.by_outcome.items() if o in REACHED)

    @property
    def total(self) -> int:
        return sum(self.by_outcome.values())

    @property
    def not_reached(self) -> int:
        return self.total - self.reached


@dataclass(frozen=True)
class ColdContact:
    """A contact past due: days since the last touch (or since added) against the cadence."""

    contact_id: int
    name: str
    since: dt.date
    ever_called: bool
    days_since: int
    cadence_days: int
    days_late: int

    @property
    def ratio(self) -> float:
        """How many cadences have passed: 1.0 is exactly due, 2.0 twice as long."""
        return self.days_since / self.cadence_days


@dataclass(frozen=True)
class Band:
    label: str
    count: int


@dataclass(frozen=True)
class Insights:
    """The numbers behind the insights page."""

    today: dt.date
    weeks: tuple[WeekCalls, ...]
    coldest: tuple[ColdContact, ...]
    overdue: int
    with_cadence: int
    bands: tuple[Band, ...]
    contacts: int

    @property
    def calls(self) -> int:
        return sum(w.total for w in self.weeks)

    @property
    def reached(self) -> int:
        return sum(w.reached for w in self.weeks)


def _week_bounds(today: dt.date, zone: ZoneInfo, weeks: int) -> list[dt.datetime]:
    """Local midnights of the Mondays starting each week, and of the Monday after the last."""
    monday = today - today.weekday() * _DAY
    days = [monday - (weeks - 1 - i) * 7 * _DAY for i in range(weeks + 1)]
    return [wall_to_utc(dt.datetime.combine(d, dt.time()), zone, start=True) for d in days]


def calls_per_week(app: App, weeks: int = WEEKS) -> tuple[WeekCalls, ...]:
    """The last `weeks` weeks, this one included (so far), oldest first."""
    zone = ZoneInfo(app.settings().home_zone)
    today = app.now.astimezone(zone).date()
    bounds = _week_bounds(today, zone, weeks)
    counts: list[dict[str, int]] = [{} for _ in range(weeks)]
    with app.engine.connect() as conn:
        for week, outcome, n in store.outcomes_by_week(conn, bounds):
            counts[week][outcome] = n
    monday = today - today.weekday() * _DAY
    return tuple(WeekCalls(monday - (weeks - 1 - i) * 7 * _DAY, counts[i]) for i in range(weeks))


def _defaults(app: App) -> dict[str, int | None]:
    settings = app.settings()
    return {kind: getattr(settings, f"cadence_{kind}") for kind in RELATIONSHIP_KINDS}


def insights(app: App, *, weeks: int = WEEKS, coldest: int = COLDEST) -> Insights:
    """Calls per week, the contacts longest past due and how lateness is spread (P6.1)."""
    defaults = _defaults(app)
    zone = ZoneInfo(app.settings().home_zone)
    today = app.now.astimezone(zone).date()
    groups = store.cadence_groups(defaults)
    with app.engine.connect() as conn:
        overdue = store.count_due(conn, groups, today, late_min=FIRST_LATE_DAY)
        bands = tuple(
            Band(label, store.count_due(conn, groups, today, low, high))
            for label, low, high in BANDS
        )
        due = store.most_overdue(conn, groups, today, coldest)
        cold = _cold(conn, due, defaults, today)
        with_cadence = store.count_due(conn, groups, today)
        total = contacts_store.count_contacts(conn)
    return Insights(today, calls_per_week(app, weeks), cold, overdue, with_cadence, bands, total)


def _cold(
    conn: Connection,
    due: list[tuple[int, dt.date]],
    defaults: dict[str, int | None],
    today: dt.date,
) -> tuple[ColdContact, ...]:
    """The most overdue contacts with their names and cadences, the longest past due first."""
    found = {c.id: c for c in contacts_store.get_contacts(conn, [i for i, _ in due])}
    touches = store.last_touches(conn, [i for i, _ in due])
    result = []
    for contact_id, due_day in due:
        contact = found[contact_id]
        since, called = touches[contact_id]
        every = contact.cadence_days or defaults.get(contact.kind.value) or 1
        result.append(
            ColdContact(
                contact_id,
                contact.name,
                since,
                called,
                (today - since).days,
                every,
                days_overdue(due_day, today),
            )
        )
    return tuple(result)
