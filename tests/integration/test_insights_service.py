"""Insights over calls logged at chosen moments, on SQLite and PostgreSQL (issue 7, P6.1)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from callwise.domain.model import Contact, RelationshipKind
from callwise.services import calls
from callwise.services.app import App
from callwise.services.contacts import save_contact
from callwise.services.insights import insights

UTC = dt.UTC


def _added(app: App, days_ago: int, given: str, **more: object) -> Contact:
    """A contact stored `days_ago` days before NOW (their rhythm starts on that day)."""
    then = dataclasses.replace(app, now=app.now - dt.timedelta(days=days_ago))
    return save_contact(then, Contact(given_name=given, family_name="Test", **more))  # type: ignore[arg-type]


def _log(app: App, who: str, outcome: str, at: dt.datetime) -> None:
    calls.log_call(app, who, outcome, at=at)


def _setup(app: App) -> None:
    """NOW is Tue 24 Nov 2026 09:00 in Chicago (the default home zone): this week began on
    Mon 23 Nov at 06:00 UTC, the twelfth week back on Mon 7 Sep at 05:00 UTC (CDT)."""
    _added(app, 40, "Ada", cadence_days=7)  # never called: 33 days late
    _added(app, 100, "Bea")  # personal, every 30 days by default: 70 days late
    _added(app, 200, "Cy", kind=RelationshipKind.BUSINESS)  # every 90 days, called below
    _added(app, 300, "Dot", kind=RelationshipKind.ORGANIZATION)  # no default rhythm
    _added(app, 60, "Eve")  # personal; a voicemail on 30 Oct makes her due on 29 Nov
    _log(app, "Cy", "connected", dt.datetime(2026, 11, 23, 6, 0, tzinfo=UTC))  # this week
    _log(app, "Cy", "no_answer", dt.datetime(2026, 11, 23, 5, 59, tzinfo=UTC))  # last week
    _log(app, "Cy", "meeting", dt.datetime(2026, 11, 14, 18, 0, tzinfo=UTC))
    _log(app, "Cy", "voicemail", dt.datetime(2026, 9, 7, 5, 0, tzinfo=UTC))  # first week
    _log(app, "Cy", "busy", dt.datetime(2026, 9, 7, 4, 59, tzinfo=UTC))  # before the weeks
    _log(app, "Eve", "voicemail", dt.datetime(2026, 10, 30, 15, 0, tzinfo=UTC))


def test_calls_per_week_follow_the_home_zone_and_split_reached_from_not(app: App) -> None:
    _setup(app)
    found = insights(app)
    assert len(found.weeks) == 12
    assert found.weeks[0].start == dt.date(2026, 9, 7)
    assert found.weeks[-1].start == dt.date(2026, 11, 23)
    by_start = {w.start: (w.reached, w.not_reached) for w in found.weeks if w.total}
    assert by_start == {
        dt.date(2026, 9, 7): (0, 1),
        dt.date(2026, 10, 26): (0, 1),
        dt.date(2026, 11, 9): (1, 0),  # met in person counts as reached
        dt.date(2026, 11, 16): (0, 1),
        dt.date(2026, 11, 23): (1, 0),
    }
    assert (found.calls, found.reached) == (5, 2)
    assert found.weeks[-1].by_outcome == {"connected": 1}


def test_contacts_going_cold_are_ranked_by_days_past_due(app: App) -> None:
    _setup(app)
    found = insights(app)
    assert (found.overdue, found.with_cadence, found.contacts) == (2, 4, 5)
    cold = [
        (c.name, c.days_since, c.cadence_days, c.days_late, c.ever_called) for c in found.coldest
    ]
    assert cold == [("Bea Test", 100, 30, 70, False), ("Ada Test", 40, 7, 33, False)]
    assert round(found.coldest[1].ratio, 2) == 5.71
    bands = {b.label: b.count for b in found.bands}
    assert bands == {
        "due in the next 7 days": 1,  # Eve, due on 29 Nov
        "1-7 days late": 0,
        "8-30 days late": 0,
        "31-90 days late": 2,
        "over 90 days late": 0,
    }


def test_a_call_warms_a_contact_up_and_an_empty_database_has_nothing(app: App) -> None:
    empty = insights(app)
    assert (empty.calls, empty.overdue, empty.with_cadence, empty.coldest) == (0, 0, 0, ())
    _setup(app)
    _log(app, "Bea", "connected", app.now - dt.timedelta(hours=1))
    found = insights(app)
    assert [c.name for c in found.coldest] == ["Ada Test"]
    assert found.overdue == 1


def test_the_list_of_coldest_is_cut_at_the_limit_across_rhythms(app: App) -> None:
    _setup(app)
    _added(app, 400, "Flo", kind=RelationshipKind.BUSINESS)  # 310 days late
    found = insights(app, coldest=2)
    assert [c.name for c in found.coldest] == ["Flo Test", "Bea Test"]
    assert found.overdue == 3
