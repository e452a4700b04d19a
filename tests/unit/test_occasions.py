"""Occasions to call, and why in words (P6.1, P9.1-P9.5, P10.3)."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callwise.domain.calls import Call, CustomOccasion, Outcome, Promise, Trip
from callwise.domain.errors import ValidationError
from callwise.domain.model import Contact, OtherDate, PartialDate, RelationshipKind
from callwise.domain.occasions import (
    ContactHistory,
    Occasion,
    PlanPolicy,
    TripStop,
    check_rrule,
    distance_km,
    find_occasions,
    occurrences,
    yearly_date,
)
from callwise.domain.settings import Settings

UTC = dt.UTC
TODAY = dt.date(2026, 11, 24)  # a Tuesday
NOON = dt.datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
DENVER = (39.7392, -104.9903)
BOULDER = (40.0150, -105.2705)  # about 40 km from Denver
COLORADO_SPRINGS = (38.8339, -104.8214)  # about 100 km


def person(**changes: object) -> Contact:
    values: dict[str, object] = {"id": 7, "given_name": "Ana", "created_at": NOON}
    values.update(changes)
    return Contact(**values)  # type: ignore[arg-type]


def call(
    days_ago: float, outcome: Outcome = Outcome.CONNECTED, occasion: str = "", **more: object
) -> Call:
    at = NOON - dt.timedelta(days=days_ago)
    return Call(7, at, outcome, occasion=occasion, **more)  # type: ignore[arg-type]


def found(
    contact: Contact,
    *calls: Call,
    today: dt.date = TODAY,
    until: dt.date | None = None,
    policy: PlanPolicy | None = None,
    **history: object,
) -> tuple[Occasion, ...]:
    record = ContactHistory(contact, calls=calls, **history)  # type: ignore[arg-type]
    return find_occasions(record, today, policy, until=until)


def of_kind(occasions: tuple[Occasion, ...], kind: str) -> list[Occasion]:
    return [o for o in occasions if o.kind == kind]


# P9.1 Birthdays


def test_p9_1_birthday_today_says_the_round_age() -> None:
    (birthday,) = of_kind(found(person(birthday=PartialDate(11, 24, 1976))), "birthday")
    assert birthday.reason == "Birthday today: turns 50 (a round number)"
    assert birthday.fixed_day and not birthday.needs_answer  # P10.3: no call back needed
    assert birthday.script == "birthday" and birthday.rule == "P9.1"


def test_p9_1_birthday_age_without_round_number() -> None:
    (birthday,) = of_kind(found(person(birthday=PartialDate(11, 24, 1983))), "birthday")
    assert birthday.reason == "Birthday today: turns 43"


def test_p9_1_birthday_without_a_year_has_no_age() -> None:
    (birthday,) = of_kind(found(person(birthday=PartialDate(11, 24))), "birthday")
    assert birthday.reason == "Birthday today"


def test_p9_1_birthday_later_in_the_range_is_dated() -> None:
    occasions = found(person(birthday=PartialDate(11, 27, 1990)), until=TODAY + dt.timedelta(3))
    (birthday,) = of_kind(occasions, "birthday")
    assert birthday.due == dt.date(2026, 11, 27)
    assert birthday.reason == "Birthday on Fri 27 Nov: turns 36"


def test_p9_1_birthday_is_never_belated() -> None:
    assert not of_kind(found(person(birthday=PartialDate(11, 23, 1990))), "birthday")


def test_p9_1_birthday_settled_by_a_call_that_day() -> None:
    wished = call(0, Outcome.VOICEMAIL, "birthday")  # a voicemail is enough: no answer needed
    assert not of_kind(found(person(birthday=PartialDate(11, 24)), wished), "birthday")


@pytest.mark.parametrize(
    ("rule", "expected"), [("feb28", dt.date(2027, 2, 28)), ("mar1", dt.date(2027, 3, 1))]
)
def test_p9_1_feb_29_in_a_common_year(rule: str, expected: dt.date) -> None:
    policy = PlanPolicy(feb29_rule=rule)  # type: ignore[arg-type]
    occasions = found(person(birthday=PartialDate(2, 29, 1988)), today=expected, policy=policy)
    (birthday,) = of_kind(occasions, "birthday")
    assert birthday.due == expected
    assert birthday.reason.startswith("Birthday today: turns 39 (born on 29 Feb")


def test_p9_1_feb_29_in_a_leap_year_is_the_day_itself() -> None:
    leap_day = dt.date(2028, 2, 29)
    occasions = found(person(birthday=PartialDate(2, 29, 1988)), today=leap_day)
    assert [o.reason for o in of_kind(occasions, "birthday")] == [
        "Birthday today: turns 40 (a round number)"
    ]
    assert not of_kind(
        found(person(birthday=PartialDate(2, 29)), today=dt.date(2028, 2, 28)), "birthday"
    )


@given(st.integers(1900, 2200), st.sampled_from(["feb28", "mar1"]))
def test_p9_1_a_29_february_birthday_happens_once_every_year(year: int, rule: str) -> None:
    day = yearly_date(PartialDate(2, 29), year, rule)  # type: ignore[arg-type]
    assert day.year == year
    if calendar.isleap(year):
        assert day == dt.date(year, 2, 29)
    else:
        expected = dt.date(year, 3, 1) if rule == "mar1" else dt.date(year, 2, 28)
        assert day == expected


# Anniversaries and other dates


def test_p9_4_work_anniversary_counts_the_years() -> None:
    dates = (OtherDate("work anniversary", PartialDate(11, 24, 2016)),)
    (anniversary,) = of_kind(found(person(other_dates=dates)), "date")
    assert anniversary.reason == "Work anniversary today (10 years)"
    assert anniversary.fixed_day


def test_p9_4_a_date_before_it_happened_is_no_anniversary() -> None:
    dates = (OtherDate("wedding", PartialDate(11, 24, 2030)),)
    assert not of_kind(found(person(other_dates=dates)), "date")


# P9.2 Connections


def test_p9_2_new_connection_within_the_window() -> None:
    contact = person(connected_on=dt.date(2026, 11, 12), source="linkedin")
    (connect,) = of_kind(found(contact), "connect")
    assert connect.reason == "Asked to connect on LinkedIn on 12 Nov: call by 12 Dec"
    assert connect.needs_answer and not connect.fixed_day  # P10.3
    assert connect.deadline == dt.date(2026, 12, 12)


def test_p9_2_connection_past_the_window_is_dropped() -> None:
    contact = person(connected_on=dt.date(2026, 10, 1), source="linkedin")
    assert not of_kind(found(contact), "connect")
    longer = PlanPolicy(connect_window_days=60)
    assert of_kind(found(contact, policy=longer), "connect")


def test_p9_2_connection_settled_by_a_conversation_not_a_voicemail() -> None:
    contact = person(connected_on=dt.date(2026, 11, 12))
    assert of_kind(found(contact, call(2, Outcome.VOICEMAIL, "connect")), "connect")
    assert not of_kind(found(contact, call(2, Outcome.CONNECTED, "connect")), "connect")


# P9.3 Trips


def denver_trip(start: dt.date = dt.date(2026, 12, 3)) -> TripStop:
    return TripStop(Trip("Denver", start, start + dt.timedelta(days=2)), DENVER)


def test_distance_km_by_haversine() -> None:
    assert distance_km((48.8566, 2.3522), (51.5074, -0.1278)) == pytest.approx(343.5, abs=1)
    assert distance_km(DENVER, DENVER) == 0
    assert distance_km(DENVER, BOULDER) == pytest.approx(39, abs=2)


def test_p9_3_trip_invitation_a_few_days_before_for_contacts_nearby() -> None:
    trip_start = dt.date(2026, 11, 29)  # the invitation is due five days before: today
    occasions = found(person(city="Boulder"), coordinates=BOULDER, trips=(denver_trip(trip_start),))
    (invite,) = of_kind(occasions, "trip")
    assert invite.due == TODAY
    assert invite.reason == "You'll be in Denver 29 Nov-1 Dec: invite to lunch or coffee"
    assert invite.script == "lunch" and invite.needs_answer
    assert invite.deadline == dt.date(2026, 11, 28)


def test_p9_3_no_invitation_too_early_or_too_far() -> None:
    trips = (denver_trip(),)  # 3-5 Dec: due on 28 Nov
    assert not of_kind(found(person(), coordinates=BOULDER, trips=trips), "trip")
    later = found(person(), coordinates=BOULDER, trips=trips, until=dt.date(2026, 11, 28))
    assert [o.due for o in of_kind(later, "trip")] == [dt.date(2026, 11, 28)]
    far = found(person(), coordinates=COLORADO_SPRINGS, trips=trips, until=dt.date(2026, 11, 28))
    assert not of_kind(far, "trip")
    wide = PlanPolicy(trip_radius_km=150)
    assert of_kind(
        found(
            person(),
            coordinates=COLORADO_SPRINGS,
            trips=trips,
            until=dt.date(2026, 12, 1),
            policy=wide,
        ),
        "trip",
    )


def test_p9_3_same_city_counts_without_coordinates() -> None:
    trip = TripStop(Trip("Denver", dt.date(2026, 11, 29), dt.date(2026, 11, 30), country="US"))
    near = found(person(city="Denver", country="United States"), trips=(trip,))
    assert [o.reason for o in of_kind(near, "trip")] == [
        "You'll be in Denver 29-30 Nov: invite to lunch or coffee"
    ]
    assert not of_kind(found(person(city="Denver", country="DE"), trips=(trip,)), "trip")


# P6.1 Follow-ups and keeping in touch


def test_p6_1_promise_due_becomes_a_follow_up() -> None:
    promised = call(12, promises=(Promise("Send the deck", dt.date(2026, 11, 20)),))
    (follow_up,) = of_kind(found(person(), promised), "follow-up")
    assert follow_up.reason == "You promised to send the deck (due 20 Nov)"
    assert follow_up.due == dt.date(2026, 11, 20) and follow_up.script == "follow-up"


def test_p6_1_done_or_undated_promises_are_not_follow_ups() -> None:
    promises = (Promise("send the deck", TODAY, done=True), Promise("say hello to Bo"))
    assert not of_kind(found(person(), call(3, promises=promises)), "follow-up")


def test_p6_1_agreed_next_call() -> None:
    agreed = call(10, follow_up=TODAY)
    (follow_up,) = of_kind(found(person(), agreed), "follow-up")
    assert follow_up.reason == "You agreed in the call of 14 Nov to talk again on 24 Nov"
    assert not of_kind(found(person(), agreed, call(0)), "follow-up")  # made on the day: done


def test_p6_1_an_agreed_call_stays_until_done_or_replaced() -> None:
    """`log --follow-up +2w`, then a quick call before that date: the agreed call stays."""
    agreed = call(10, follow_up=TODAY + dt.timedelta(days=4))
    for between in (call(3), call(2, Outcome.VOICEMAIL), call(1, Outcome.MEETING)):
        (kept,) = of_kind(
            found(person(), agreed, between, until=TODAY + dt.timedelta(days=9)), "follow-up"
        )
        assert kept.due == TODAY + dt.timedelta(days=4)
        assert kept.reason == "You agreed in the call of 14 Nov to talk again on 28 Nov"
    later = call(1, follow_up=TODAY + dt.timedelta(days=8))  # a new agreement replaces it
    (new,) = of_kind(
        found(person(), agreed, later, until=TODAY + dt.timedelta(days=9)), "follow-up"
    )
    assert new.due == TODAY + dt.timedelta(days=8)


def test_p6_1_cadence_due_after_the_last_contact() -> None:
    (cadence,) = of_kind(found(person(), call(45)), "cadence")
    assert cadence.reason == "Keep in touch every 30 days: last contact 45 days ago"
    assert cadence.due == TODAY - dt.timedelta(days=15)
    assert cadence.script == "check-in" and not cadence.fixed_day


@pytest.mark.parametrize("outcome", [Outcome.VOICEMAIL, Outcome.MEETING, Outcome.GATEKEEPER])
def test_p6_1_cadence_reset_by_a_voicemail_or_a_meeting(outcome: Outcome) -> None:
    assert not of_kind(found(person(), call(45), call(10, outcome)), "cadence")


def test_p6_1_an_unanswered_call_does_not_reset_the_cadence() -> None:
    assert of_kind(found(person(), call(45), call(20, Outcome.NO_ANSWER)), "cadence")


def test_p6_1_cadence_defaults_by_relationship_from_settings() -> None:
    policy = PlanPolicy.from_settings(Settings.from_texts({"cadence_business": "40"}))
    business = person(kind=RelationshipKind.BUSINESS)
    assert of_kind(found(business, call(45), policy=policy), "cadence")
    assert not of_kind(found(business, call(35), policy=policy), "cadence")
    own = person(kind=RelationshipKind.BUSINESS, cadence_days=30)
    assert of_kind(found(own, call(35), policy=policy), "cadence")
    assert not of_kind(found(person(kind=RelationshipKind.ORGANIZATION), call(400)), "cadence")


def test_p6_1_never_contacted_counts_from_the_day_added() -> None:
    added = person(created_at=NOON - dt.timedelta(days=40))
    (cadence,) = of_kind(found(added), "cadence")
    assert cadence.due == TODAY - dt.timedelta(days=10)
    assert cadence.reason == (
        "Keep in touch every 30 days: no contact logged since you added them on 15 Oct"
    )
    assert not of_kind(found(person()), "cadence")  # added today: due in 30 days


# P10.3 Retries and voicemails


def test_p10_3_no_answer_is_retried_later_at_another_time() -> None:
    failed = call(0.1, Outcome.NO_ANSWER, "check-in")
    (retry,) = of_kind(found(person(), failed), "retry")
    assert retry.reason == "No answer on 24 Nov: try again at a different time (attempt 2 of 3)"
    assert retry.last_attempt == failed.at
    assert retry.not_before == failed.at + dt.timedelta(hours=3)


def test_p10_3_busy_line_and_the_last_try() -> None:
    busy = call(0.2, Outcome.BUSY, "lunch")
    (retry,) = of_kind(found(person(), call(1, Outcome.NO_ANSWER), busy), "retry")
    assert retry.reason.startswith("Line busy on 24 Nov") and retry.reason.endswith(
        "(attempt 3 of 3)"
    )
    assert retry.needs_answer and retry.script == "lunch"
    three = (call(2, Outcome.NO_ANSWER), call(1, Outcome.NO_ANSWER), busy)
    assert not of_kind(found(person(), *three), "retry")


def test_p10_3_after_the_last_try_calls_that_can_wait_rest() -> None:
    tries = [call(day, Outcome.NO_ANSWER, "check-in") for day in (2, 1, 0.5)]
    occasions = found(person(), call(45), *tries, until=TODAY + dt.timedelta(days=7))
    assert not of_kind(occasions, "retry")
    (cadence,) = of_kind(occasions, "cadence")
    assert cadence.due == tries[-1].at.date() + dt.timedelta(days=4)


def test_p10_3_no_retry_right_after_a_voicemail_that_needs_no_answer() -> None:
    promised = call(20, promises=(Promise("send the deck", dt.date(2026, 11, 20)),))
    voicemail = call(1, Outcome.VOICEMAIL, "follow-up")
    occasions = found(person(), promised, voicemail, until=TODAY + dt.timedelta(days=7))
    assert not of_kind(occasions, "retry")
    (follow_up,) = of_kind(occasions, "follow-up")
    assert follow_up.due == voicemail.at.date() + dt.timedelta(days=4)  # voicemail_quiet_days
    assert not of_kind(found(person(), promised, voicemail), "follow-up")  # not today


def test_p10_3_a_voicemail_for_an_invitation_is_followed_up() -> None:
    trip = TripStop(Trip("Denver", dt.date(2026, 11, 28), dt.date(2026, 11, 30)), DENVER)
    voicemail = call(0.2, Outcome.VOICEMAIL, "lunch")
    occasions = found(person(), voicemail, coordinates=BOULDER, trips=(trip,))
    (retry,) = of_kind(occasions, "retry")
    assert retry.needs_answer and retry.script == "lunch"
    assert retry.reason.startswith("Voicemail left on 24 Nov, and the call needs an answer")
    (invite,) = of_kind(occasions, "trip")
    assert invite.due < TODAY  # not put off by the quiet days: it needs an answer
    assert invite.not_before == voicemail.at + dt.timedelta(hours=3)


def test_p10_3_call_back_asked_for_at_their_time() -> None:
    when = dt.datetime(2026, 11, 24, 16, 30, tzinfo=UTC)
    asked = call(0.1, Outcome.CALL_BACK, "check-in", call_back_at=when)
    (back,) = [o for o in found(person(), asked) if o.script == "return-call"]
    assert back.reason == "They asked you to call back on 24 Nov at 16:30 their time"
    assert back.fixed_day and back.needs_answer and back.not_before == when


# P9.4 Custom occasions


def test_p9_4_custom_rrule_occasion() -> None:
    review = CustomOccasion(
        7, "Quarterly review", "RRULE:FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=24", dt.date(2026, 2, 24)
    )
    (custom,) = of_kind(found(person(), custom=(review,)), "custom")
    assert custom.reason == "Quarterly review today"
    assert custom.fixed_day and custom.script == "custom"
    assert not of_kind(found(person(), custom=(review,), today=dt.date(2026, 12, 24)), "custom")


def test_p9_4_custom_rule_with_until_in_utc() -> None:
    monthly = CustomOccasion(
        7, "Check the lease", "FREQ=MONTHLY;UNTIL=20270101T000000Z", dt.date(2026, 1, 24)
    )
    assert occurrences(monthly, TODAY, dt.date(2027, 3, 1)) == [TODAY, dt.date(2026, 12, 24)]


@pytest.mark.parametrize(
    "text",
    [
        "every monday",
        "FREQ=WEEKLY;BYDAY=XX",
        "BYDAY=MO",
        "FREQ=HOURLY",
        "",
        "DTSTART:2026\nRRULE:FREQ=DAILY",
    ],
)
def test_p9_4_bad_rrule_names_the_field_and_the_fix(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_rrule(text)
    assert caught.value.field == "rrule"
    assert "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=1" in caught.value.message


def test_p9_4_a_bad_rule_fails_occasion_finding_too() -> None:
    broken = CustomOccasion(7, "Oops", "FREQ=WEEKLY;BYDAY=XX", TODAY)
    with pytest.raises(ValidationError):
        found(person(), custom=(broken,))


# The policy


def test_plan_policy_rejects_nonsense() -> None:
    with pytest.raises(ValidationError) as caught:
        PlanPolicy(retry_max_tries=0)
    assert caught.value.field == "retry_max_tries"
    with pytest.raises(ValidationError):
        PlanPolicy(feb29_rule="feb30")  # type: ignore[arg-type]


def test_occasions_come_sorted_by_due_date() -> None:
    contact = person(birthday=PartialDate(11, 26), connected_on=dt.date(2026, 11, 20))
    occasions = found(contact, call(45), until=TODAY + dt.timedelta(days=5))
    assert [o.due for o in occasions] == sorted(o.due for o in occasions)
    assert {o.kind for o in occasions} == {"birthday", "connect", "cadence"}
