"""The plan agrees with the calendar (issue 14): the contact's own date (P9.1), one meaning of
overdue, a prompt call after meeting someone (P9.5, P6.1), snoozes in what comes next, and
personal calls in the preferred windows (P3.1)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from callwise.domain.calls import Call, Outcome, Snooze
from callwise.domain.courtesy import CourtesyPlanner
from callwise.domain.model import Contact, HowWeMet, PartialDate, RelationshipKind
from callwise.domain.occasions import ContactHistory, PlanPolicy, find_occasions
from callwise.domain.overdue import days_overdue, overdue_text
from callwise.domain.plan import Plan, build_plan, candidate_for
from callwise.domain.plan_dates import after_snooze
from callwise.domain.settings import Settings

CHICAGO, PARIS = ZoneInfo("America/Chicago"), ZoneInfo("Europe/Paris")
SETTINGS = Settings.defaults()  # home zone America/Chicago, calling hours 09:00-19:30
DAY = dt.timedelta(days=1)
# Tue 1 Dec 2026, 21:00 in Kansas City: already Wed 2 Dec, 04:00, in Paris.
EVENING = dt.datetime(2026, 12, 1, 21, 0, tzinfo=CHICAGO)
MORNING = dt.datetime(2026, 11, 24, 9, 0, tzinfo=CHICAGO)


def no_holidays(country: str, subdivision: str, day: dt.date) -> str | None:
    return None


def plan(*histories: ContactHistory, start: dt.date, days: int, now: dt.datetime) -> Plan:
    planner = CourtesyPlanner(SETTINGS, SETTINGS.home_zone, no_holidays)
    policy = PlanPolicy.from_settings(SETTINGS)
    found = [
        candidate_for(h, start=start, days=days, now=now, planner=planner, policy=policy)
        for h in histories
    ]
    return build_plan(found, start, days, now, SETTINGS, planner)


def claire(**changes: object) -> Contact:
    values: dict[str, object] = {
        "id": 35,
        "given_name": "Claire",
        "family_name": "Dubois",
        "time_zone": "Europe/Paris",
        "birthday": PartialDate(12, 3, 1986),
        "created_at": dt.datetime(2026, 11, 24, 15, 0, tzinfo=dt.UTC),
        "cadence_days": 180,
    }
    values.update(changes)
    return Contact(**values)  # type: ignore[arg-type]


def test_p9_1_a_birthday_call_is_on_the_birthday_in_their_zone_when_planned_in_the_evening() -> (
    None
):
    """Planned on the evening of 1 Dec in Kansas City, Claire's 3 Dec birthday in Paris is
    called on 3 Dec, in a window of her 3 Dec (16:00 Paris is 09:00 yours), not on 2 Dec."""
    found = plan(ContactHistory(claire()), start=EVENING.date(), days=4, now=EVENING)
    (entry,) = found.entries
    assert entry.day == dt.date(2026, 12, 3)
    assert entry.window is not None
    assert entry.window.start.date() == dt.date(2026, 12, 3)
    assert entry.window.start.tzinfo == PARIS
    assert entry.window.home_start.date() == dt.date(2026, 12, 3)
    assert entry.priority_text == "1 · fixed day (birthday Thu 3 Dec)"
    assert not entry.notes


def test_p9_1_the_day_a_call_lands_on_does_not_shift_with_the_hour_the_plan_is_made() -> None:
    days = []
    for hour in (0, 9, 15, 21, 23):
        now = dt.datetime(2026, 12, 1, hour, 0, tzinfo=CHICAGO)
        (entry,) = plan(ContactHistory(claire()), start=now.date(), days=4, now=now).entries
        days.append(entry.day)
    assert days == [dt.date(2026, 12, 3)] * 5


def test_overdue_is_past_the_date_it_was_due_not_the_age_of_an_occasion_in_time() -> None:
    """A LinkedIn request from 26 days ago, call by 28 Nov: in time, so not overdue."""
    linked = Contact(
        id=8,
        given_name="Emily",
        time_zone="America/Los_Angeles",
        kind=RelationshipKind.BUSINESS,
        connected_on=dt.date(2026, 10, 29),
        source="linkedin",
        created_at=MORNING,
    )
    (entry,) = plan(ContactHistory(linked), start=MORNING.date(), days=1, now=MORNING).entries
    assert entry.reasons == ("Asked to connect on LinkedIn on 29 Oct: call by 28 Nov",)
    assert entry.overdue_days == 0
    assert entry.priority_text == "2 · call by 28 Nov"
    assert "overdue" not in entry.priority_text


def test_overdue_counts_days_past_a_keep_in_touch_date_in_plain_words() -> None:
    ana = Contact(id=3, given_name="Ana", time_zone="America/Chicago", created_at=MORNING)
    reached = Call(3, MORNING - 32 * DAY, Outcome.CONNECTED)  # 30-day cadence: due 2 days ago
    history = ContactHistory(ana, calls=(reached,))
    (entry,) = plan(history, start=MORNING.date(), days=1, now=MORNING).entries
    assert entry.overdue_days == 2 == days_overdue(MORNING.date() - 2 * DAY, MORNING.date())
    assert entry.priority_text == "2 · 2 days overdue"
    assert overdue_text(entry.overdue_days) == "2 days past the date it was due"
    assert overdue_text(0) == "" and days_overdue(MORNING.date() + DAY, MORNING.date()) == 0


def test_p9_5_someone_met_yesterday_gets_a_call_today_not_in_90_days() -> None:
    met = HowWeMet(event="Chamber luncheon", date=MORNING.date() - DAY)
    dana = Contact(
        id=4,
        given_name="Dana",
        time_zone="America/Chicago",
        kind=RelationshipKind.BUSINESS,
        met=met,
        cadence_days=90,
        created_at=MORNING,
    )
    (occasion,) = find_occasions(ContactHistory(dana), MORNING.date())
    assert occasion.due == MORNING.date() and occasion.kind == "cadence"
    assert occasion.reason == "You met on 23 Nov (Chamber luncheon): call while it is fresh"
    (entry,) = plan(ContactHistory(dana), start=MORNING.date(), days=1, now=MORNING).entries
    assert entry.contact.given_name == "Dana"
    # Once called after the meeting, the rhythm takes over: 90 days from that call.
    called = ContactHistory(dana, calls=(Call(4, MORNING, Outcome.CONNECTED),))
    assert not find_occasions(called, MORNING.date(), until=MORNING.date() + 89 * DAY)
    # A card imported today for someone met years ago keeps the plain cadence.
    old = ContactHistory(Contact(**{**_fields(dana), "met": HowWeMet(date=dt.date(2019, 5, 2))}))
    (rhythm,) = find_occasions(old, MORNING.date(), until=MORNING.date() + 90 * DAY)
    assert rhythm.due == MORNING.date() + 90 * DAY


def _fields(contact: Contact) -> dict[str, object]:
    return {name: getattr(contact, name) for name in contact.__dataclass_fields__}


def test_what_comes_next_honours_a_snooze() -> None:
    ana = Contact(id=3, given_name="Ana", time_zone="America/Chicago", created_at=MORNING)
    called = Call(3, MORNING, Outcome.CONNECTED, follow_up=MORNING.date() + 2 * DAY)
    history = ContactHistory(ana, calls=(called,), snoozes=(Snooze(3, MORNING.date() + 10 * DAY),))
    found = find_occasions(history, MORNING.date(), until=MORNING.date() + 60 * DAY)
    moved = after_snooze(found, MORNING.date() + 10 * DAY)
    assert [o.kind for o in moved] == ["follow-up", "cadence"]
    assert all(o.due >= MORNING.date() + 10 * DAY for o in moved)
    assert moved[0].reason.endswith("(not before 4 Dec: you snoozed them)")


def test_p3_1_a_personal_call_falls_in_a_preferred_window_when_the_day_allows() -> None:
    """At 09:00 the day is open for personal calls, but mid-afternoon is the better time."""
    ana = Contact(id=3, given_name="Ana", time_zone="America/Chicago", created_at=MORNING)
    reached = Call(3, MORNING - 31 * DAY, Outcome.CONNECTED)
    history = ContactHistory(ana, calls=(reached,))
    (entry,) = plan(history, start=MORNING.date(), days=1, now=MORNING).entries
    assert entry.window is not None and entry.window.tag == "preferred"
    assert f"{entry.window.start:%H:%M}-{entry.window.end:%H:%M}" == "14:00-16:30"
    late = dt.datetime(2026, 11, 24, 19, 0, tzinfo=CHICAGO)  # 19:00-19:30 left: preferred
    (evening,) = plan(history, start=late.date(), days=1, now=late).entries
    assert evening.window is not None and evening.window.tag == "preferred"
