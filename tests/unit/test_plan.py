"""Whom to call today, and why: merging, order, budget, snoozes (P3.1, P6.1, P9.1-P9.5, P10.3)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st

from callwise.domain.calls import Call, Outcome, Promise, Snooze, Trip
from callwise.domain.courtesy import CourtesyPlanner
from callwise.domain.errors import ValidationError
from callwise.domain.model import Contact, PartialDate, RelationshipKind
from callwise.domain.occasions import ContactHistory, Occasion, PlanPolicy, TripStop
from callwise.domain.plan import (
    Candidate,
    Plan,
    PlanEntry,
    build_plan,
    candidate_for,
    estimate_minutes,
)
from callwise.domain.settings import Settings

UTC = dt.UTC
CHICAGO = ZoneInfo("America/Chicago")
TODAY = dt.date(2026, 11, 24)  # a Tuesday
NOW = dt.datetime(2026, 11, 24, 9, 0, tzinfo=CHICAGO)
DEFAULTS = Settings.defaults()  # home zone America/Chicago
ALWAYS = Settings.from_texts({"calling_hours": "00:00-23:59", "calling_days": "Mo-Su"})


def no_holidays(country: str, subdivision: str, day: dt.date) -> str | None:
    return None


def person(contact_id: int, name: str, **changes: object) -> Contact:
    values: dict[str, object] = {
        "id": contact_id,
        "given_name": name,
        "time_zone": "America/Chicago",
        "created_at": NOW,
    }
    values.update(changes)
    return Contact(**values)  # type: ignore[arg-type]


def touched(contact: Contact, days_ago: int, outcome: Outcome = Outcome.CONNECTED) -> Call:
    assert contact.id is not None
    return Call(contact.id, NOW - dt.timedelta(days=days_ago), outcome)


def overdue(contact_id: int, name: str, days: int, **changes: object) -> ContactHistory:
    """A personal contact (30-day cadence) last reached `30 + days` days ago."""
    contact = person(contact_id, name, **changes)
    return ContactHistory(contact, calls=(touched(contact, 30 + days),))


def plan_of(
    *histories: ContactHistory,
    start: dt.date = TODAY,
    days: int = 1,
    now: dt.datetime = NOW,
    settings: Settings = DEFAULTS,
    planner: CourtesyPlanner | None = None,
    budget_calls: int | None = None,
    budget_minutes: int | None = None,
) -> Plan:
    planner = planner or CourtesyPlanner(settings, settings.home_zone, no_holidays)
    policy = PlanPolicy.from_settings(settings)
    candidates = [
        candidate_for(h, start=start, days=days, now=now, planner=planner, policy=policy)
        for h in histories
    ]
    return build_plan(candidates, start, days, now, settings, planner, budget_calls, budget_minutes)


def names(entries: tuple[PlanEntry, ...]) -> list[str]:
    return [e.contact.name for e in entries]


# P9.1 A birthday falls due on the contact's own date


def test_p9_1_birthday_today_in_the_contacts_zone_while_still_yesterday_for_you() -> None:
    evening = dt.datetime(2026, 11, 24, 20, 0, tzinfo=CHICAGO)  # Wed 25 Nov 11:00 in Tokyo
    birthday = PartialDate(11, 25, 1976)
    tokyo = person(1, "Ana", time_zone="Asia/Tokyo", birthday=birthday)
    chicago = person(2, "Carl", birthday=birthday)
    plan = plan_of(ContactHistory(tokyo), ContactHistory(chicago), now=evening, settings=ALWAYS)
    (entry,) = plan.days[0].entries
    assert entry.contact.name == "Ana"
    assert entry.reasons[0] == "Birthday today: turns 50 (a round number)"
    assert entry.priority_text == "1 · fixed day (birthday today)"
    assert entry.local_time_now == evening and entry.local_time_now.tzinfo == ZoneInfo("Asia/Tokyo")
    assert f"{entry.local_time_now:%a %H:%M}" == "Wed 11:00"
    assert entry.window is not None and entry.window.start.date() == dt.date(2026, 11, 25)
    assert not entry.needs_answer  # P10.3: a birthday wish needs no call back


def test_p9_1_birthday_without_a_courteous_time_left_is_kept_with_a_note() -> None:
    evening = dt.datetime(2026, 11, 24, 20, 0, tzinfo=CHICAGO)  # past your calling hours
    tokyo = person(1, "Ana", time_zone="Asia/Tokyo", birthday=PartialDate(11, 25))
    (entry,) = plan_of(ContactHistory(tokyo), now=evening).days[0].entries
    assert entry.fixed_day
    assert any(note.startswith("no courteous time left that day") for note in entry.notes)


# One call per person


def test_several_occasions_merge_into_one_call() -> None:
    contact = person(3, "Bea", birthday=PartialDate(11, 24), created_at=NOW - dt.timedelta(100))
    promise = Promise("send the deck", dt.date(2026, 11, 20))
    call = Call(3, NOW - dt.timedelta(days=40), Outcome.CONNECTED, promises=(promise,))
    (entry,) = plan_of(ContactHistory(contact, calls=(call,))).entries
    assert entry.reasons == (
        "Birthday today",
        "Keep in touch every 30 days: last contact 40 days ago",
        "You promised to send the deck (due 20 Nov)",
    )
    assert entry.script == "birthday"
    assert entry.overdue_days == 10
    assert entry.estimated_minutes == 10 + 2 * 3  # the longest script, plus each extra topic
    assert entry.priority_text == "1 · fixed day (birthday today)"


def test_estimated_minutes_by_occasion_and_relationship() -> None:
    def occasion(script: str) -> Occasion:
        return Occasion(1, "custom", TODAY, "", False, False, script)  # type: ignore[arg-type]

    assert estimate_minutes(person(1, "A"), [occasion("birthday")]) == 5
    assert estimate_minutes(person(1, "A"), [occasion("connect")]) == 15
    assert estimate_minutes(person(1, "A"), [occasion("lunch")]) == 5
    org = person(1, "Acme", kind=RelationshipKind.ORGANIZATION)
    assert estimate_minutes(org, [occasion("follow-up")]) == 20


# Ordering: fixed day, then overdue, then the window


def test_ordering_fixed_day_then_most_overdue_then_window_start() -> None:
    birthday = ContactHistory(person(1, "Zoe", birthday=PartialDate(11, 24)))
    plan = plan_of(
        overdue(2, "Bob", 5),
        overdue(3, "Cal", 20),
        overdue(4, "Dee", 5, availability="Mo-Su 16:00-18:00"),
        overdue(5, "Eli", 5, availability="Mo-Su 13:00-15:00"),
        birthday,
        settings=ALWAYS,
    )
    (day,) = plan.days
    # Bob has no stated hours: his call waits for the preferred 14:00 (P3.1), after Eli's 13:00.
    assert names(day.entries) == ["Zoe", "Cal", "Eli", "Bob", "Dee"]
    assert [e.priority_text for e in day.entries[:3]] == [
        "1 · fixed day (birthday today)",
        "2 · 20 days overdue",
        "2 · 5 days overdue",
    ]
    starts = [e.window.start for e in day.entries[2:] if e.window]
    assert starts == sorted(starts) and len(starts) == 3  # equal rank reads as a schedule


# The daily budget


def test_budget_fills_today_and_pushes_the_rest_forward() -> None:
    histories = [overdue(i, name, i) for i, name in enumerate(["Al", "Bo", "Cy", "Di"], 1)]
    plan = plan_of(*histories, days=2, budget_calls=2, settings=ALWAYS)
    assert names(plan.days[0].entries) == ["Di", "Cy"]
    assert names(plan.days[1].entries) == ["Bo", "Al"]
    assert plan.days[1].entries[0].overdue_days == 3  # one day later, one day more overdue
    assert plan.days[1].entries[0].notes == ("moved from Tue 24 Nov: the daily budget was full",)
    assert plan.days[0].calls == 2 and plan.days[0].minutes == 20
    assert not plan.pushed


def test_calls_that_do_not_fit_the_range_are_pushed() -> None:
    histories = [overdue(i, name, i) for i, name in enumerate(["Al", "Bo", "Cy"], 1)]
    plan = plan_of(*histories, budget_calls=5, budget_minutes=25, settings=ALWAYS)
    assert names(plan.days[0].entries) == ["Cy", "Bo"]  # 10 minutes each
    assert names(plan.pushed) == ["Al"]


def test_a_fixed_day_is_never_pushed_past_its_day_but_flagged_over_budget() -> None:
    plan = plan_of(
        ContactHistory(person(1, "Ann", birthday=PartialDate(11, 24))),
        ContactHistory(person(2, "Ben", birthday=PartialDate(11, 24))),
        overdue(3, "Cid", 50),
        budget_calls=1,
        settings=ALWAYS,
    )
    (day,) = plan.days
    assert names(day.entries) == ["Ann", "Ben"]
    assert [e.over_budget for e in day.entries] == [False, True]
    assert "over your daily budget" in day.entries[1].notes[-1]
    assert day.over_budget
    assert names(plan.pushed) == ["Cid"]


def test_an_invitation_becomes_pinned_on_its_last_day() -> None:
    trip = TripStop(Trip("Denver", dt.date(2026, 11, 27), dt.date(2026, 11, 29)), (39.74, -104.99))
    guest = person(9, "Gus", time_zone="America/Denver", created_at=NOW)
    invite = ContactHistory(guest, trips=(trip,), coordinates=(40.01, -105.27))
    busy = [overdue(1, "Ola", 100), overdue(2, "Pia", 90), overdue(3, "Quy", 80)]
    plan = plan_of(invite, *busy, days=3, budget_calls=1, settings=ALWAYS)
    assert [names(d.entries) for d in plan.days] == [["Ola"], ["Pia"], ["Gus"]]
    (last_day,) = plan.days[2].entries
    assert last_day.priority_text == "1 · last day to invite before your trip (Thu 26 Nov)"
    assert last_day.needs_answer and last_day.script == "lunch"


# Snoozes


def test_snoozed_contacts_are_left_out_until_the_snooze_date() -> None:
    contact = person(1, "Sam", birthday=PartialDate(11, 25), created_at=NOW - dt.timedelta(60))
    snooze = Snooze(1, dt.date(2026, 11, 26), "travelling")
    history = ContactHistory(contact, snoozes=(snooze,))
    plan = plan_of(history, days=4, settings=ALWAYS)
    assert [names(d.entries) for d in plan.days] == [[], [], ["Sam"], []]
    (entry,) = plan.days[2].entries
    assert entry.reasons == (
        "Keep in touch every 30 days: no contact logged since you added them on 25 Sep",
    )


# P10.3 Attempts


def test_p10_3_retry_at_a_different_hour_than_the_failed_call() -> None:
    settings = Settings.from_texts(
        {
            "calling_hours": "00:00-23:59",
            "calling_days": "Mo-Su",
            "business_hours": "14:00-17:00",
            "business_avoid": "",
        }
    )
    failed_at = dt.datetime(2026, 11, 23, 14, 5, tzinfo=CHICAGO)  # Monday
    now = dt.datetime(2026, 11, 23, 17, 30, tzinfo=CHICAGO)
    kind = RelationshipKind.BUSINESS
    retried = person(1, "Ray", kind=kind)
    failed = Call(1, failed_at, Outcome.NO_ANSWER, occasion="follow-up")
    fresh = overdue(2, "Fay", 3, kind=kind, cadence_days=30)
    plan = plan_of(
        ContactHistory(retried, calls=(failed,)),
        fresh,
        start=dt.date(2026, 11, 23),
        days=2,
        now=now,
        settings=settings,
    )
    assert plan.days[0].entries == ()  # no business hours left on Monday
    by_name = {e.contact.name: e for e in plan.days[1].entries}
    retry, other = by_name["Ray"], by_name["Fay"]
    assert retry.window is not None and other.window is not None
    assert f"{other.window.start:%a %H:%M}" == "Tue 14:00"
    assert f"{retry.window.start:%a %H:%M}" == "Tue 15:00"  # not the hour that failed
    assert retry.reasons == ("No answer on 23 Nov: try again at a different time (attempt 2 of 3)",)
    assert retry.notes == ("moved from Mon 23 Nov: no courteous time left that day",)


def test_p10_3_no_new_attempt_right_after_a_voicemail_unless_an_answer_is_needed() -> None:
    contact = person(1, "Val")
    promise = Promise("send the deck", dt.date(2026, 11, 20))
    voicemail = Call(1, NOW - dt.timedelta(hours=20), Outcome.VOICEMAIL, occasion="follow-up")
    history = ContactHistory(
        contact,
        calls=(Call(1, NOW - dt.timedelta(20), Outcome.CONNECTED, promises=(promise,)), voicemail),
    )
    plan = plan_of(history, days=5, settings=ALWAYS)
    assert [d.date for d in plan.days if d.entries] == [dt.date(2026, 11, 27)]  # 4 quiet days


def test_p10_3_an_invitation_voicemail_is_retried_later_the_same_day() -> None:
    trip = TripStop(Trip("Chicago", dt.date(2026, 11, 28), dt.date(2026, 11, 30)), (41.88, -87.63))
    contact = person(1, "Ivy")
    voicemail = Call(1, NOW - dt.timedelta(hours=1), Outcome.VOICEMAIL, occasion="lunch")
    history = ContactHistory(contact, calls=(voicemail,), trips=(trip,), coordinates=(41.9, -87.7))
    (entry,) = plan_of(history, settings=ALWAYS).days[0].entries
    assert entry.needs_answer
    assert entry.window is not None
    assert entry.window.start >= voicemail.at + dt.timedelta(hours=3)
    assert entry.window.start.hour != voicemail.at.hour


# Windows


def test_a_contact_without_any_courteous_window_is_listed_with_a_note() -> None:
    def always_a_holiday(country: str, subdivision: str, day: dt.date) -> str | None:
        return "Holiday"

    planner = CourtesyPlanner(DEFAULTS, "America/Chicago", always_a_holiday)
    history = overdue(1, "Hal", 10, kind=RelationshipKind.BUSINESS, cadence_days=30)
    (entry,) = plan_of(history, planner=planner).days[0].entries
    assert entry.window is None
    assert entry.notes == (
        "no courteous time to call within a year: check their stated hours (P3.3)",
    )


def test_window_is_in_the_contacts_zone_and_yours() -> None:
    history = overdue(1, "Ben", 2, time_zone="Europe/Berlin")
    (entry,) = plan_of(history).days[0].entries
    assert entry.window is not None
    assert entry.window.start.tzinfo == ZoneInfo("Europe/Berlin")
    assert entry.window.home_start.tzinfo == CHICAGO
    assert entry.window.start == entry.window.home_start
    assert f"{entry.local_time_now:%H:%M}" == "16:00"


# Inputs


def test_build_plan_refuses_a_naive_time_and_an_empty_range() -> None:
    planner = CourtesyPlanner(DEFAULTS, "America/Chicago", no_holidays)
    with pytest.raises(ValidationError) as caught:
        build_plan([], TODAY, 1, dt.datetime(2026, 11, 24, 9), DEFAULTS, planner)
    assert caught.value.field == "now"
    with pytest.raises(ValidationError) as caught:
        build_plan([], TODAY, 0, NOW, DEFAULTS, planner)
    assert caught.value.field == "days"


def test_candidates_can_be_built_directly() -> None:
    contact = person(1, "Dot")
    occasion = Occasion(1, "follow-up", TODAY, "You promised to call", False, False, "follow-up")
    planner = CourtesyPlanner(ALWAYS, "America/Chicago", no_holidays)
    plan = build_plan([Candidate(contact, (occasion,))], TODAY, 1, NOW, ALWAYS, planner)
    assert plan.entries[0].priority_text == "2 · due today"


# Properties over zones, instants and budgets

ZONES = [
    "Pacific/Kiritimati",
    "Asia/Tokyo",
    "Europe/Berlin",
    "UTC",
    "America/Chicago",
    "Pacific/Pago_Pago",
]


@examples(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    zone=st.sampled_from(ZONES),
    moment=st.datetimes(dt.datetime(2026, 1, 1), dt.datetime(2028, 12, 31), timezones=st.just(UTC)),
)
def test_p9_1_birthday_is_due_on_the_contacts_local_date_wherever_they_are(
    zone: str, moment: dt.datetime
) -> None:
    """The call falls in a window of their birthday, on the day of yours that window is in;
    when their day has no courteous time left it is still listed, with a note."""
    local = moment.astimezone(ZoneInfo(zone)).date()
    contact = person(1, "Ana", time_zone=zone, birthday=PartialDate(local.month, local.day))
    start = moment.astimezone(CHICAGO).date()
    plan = plan_of(ContactHistory(contact), start=start, days=2, now=moment, settings=ALWAYS)
    (entry,) = [e for e in plan.entries if e.reasons[0].startswith("Birthday today")]
    assert entry.local_time_now.date() == local
    window = entry.window
    on_their_day = window is not None and window.start.date() == local
    assert (on_their_day and window is not None and window.home_start.date() == entry.day) or any(
        note.startswith("no courteous time left that day") for note in entry.notes
    )


@examples(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    overdue_days=st.lists(st.integers(0, 60), min_size=1, max_size=8),
    birthdays=st.integers(0, 3),
    calls=st.integers(1, 4),
    days=st.integers(1, 4),
)
def test_budget_never_loses_a_call_and_only_fixed_days_go_over(
    overdue_days: list[int], birthdays: int, calls: int, days: int
) -> None:
    histories = [overdue(i, f"C{i}", n) for i, n in enumerate(overdue_days, 1)]
    histories += [
        ContactHistory(person(100 + i, f"B{i}", birthday=PartialDate(11, 24)))
        for i in range(birthdays)
    ]
    plan = plan_of(*histories, days=days, budget_calls=calls, settings=ALWAYS)
    planned = [e.contact.id for e in plan.entries] + [e.contact.id for e in plan.pushed]
    assert sorted(planned) == sorted(h.contact.id for h in histories if h.contact.id)
    for day in plan.days:
        waiting = [e for e in day.entries if not e.fixed_day]
        assert len(day.entries) <= calls or not waiting
        assert all(e.fixed_day for e in day.entries if e.over_budget)
        ranks = [e.priority for e in day.entries]
        assert ranks == sorted(ranks)
