"""The call log's rules (issue 6): outcomes, typed dates, the identity guard, the recap and the
default occasion. Each test names the playbook rule it checks."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callwise.domain.call_log import (
    RECAP_CHARS,
    CallClock,
    CallEntry,
    default_occasion,
    make_call,
    pair_promises,
    parse_day,
    parse_moment,
    parse_outcome,
    recap_of,
)
from callwise.domain.calls import Call, Outcome, Promise
from callwise.domain.errors import ValidationError
from callwise.domain.model import Contact, PartialDate, RelationshipKind

NOW = dt.datetime(2026, 11, 24, 15, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 24)
CHICAGO = ZoneInfo("America/Chicago")
CLOCK = CallClock(NOW, NOW, CHICAGO, TODAY)


def log(**typed: object) -> tuple[Call, tuple[str, ...]]:
    typed.setdefault("outcome", "connected")
    return make_call(CallEntry(**typed), 7, CLOCK)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("connected", Outcome.CONNECTED),
        ("Left voicemail", Outcome.VOICEMAIL),
        ("no-answer", Outcome.NO_ANSWER),
        ("no_answer", Outcome.NO_ANSWER),
        ("gatekeeper", Outcome.GATEKEEPER),
        ("message left", Outcome.GATEKEEPER),
        ("wrong number", Outcome.WRONG_NUMBER),
        ("asked to call back", Outcome.CALL_BACK),
        ("call-back", Outcome.CALL_BACK),
        ("meeting", Outcome.MEETING),
    ],
)
def test_outcomes_by_name_or_phrase(text: str, outcome: Outcome) -> None:
    assert parse_outcome(text) is outcome


def test_an_unknown_outcome_names_the_field_and_the_choices() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_outcome("chatted")
    assert caught.value.field == "outcome" and "no-answer" in caught.value.message


@given(st.dates(dt.date(2000, 1, 1), dt.date(2090, 1, 1)), st.integers(0, 400))
def test_relative_days_and_weeks_count_from_today(today: dt.date, n: int) -> None:
    assert parse_day(f"+{n}", today, field="due") == today + dt.timedelta(days=n)
    assert parse_day(f"in {n} days", today, field="due") == today + dt.timedelta(days=n)
    assert parse_day(f"+{n}w", today, field="due") == today + dt.timedelta(weeks=n)
    assert parse_day(today.isoformat(), TODAY, field="due") == today


@pytest.mark.parametrize("text", ["next week", "2026-13-01", "2026", "soon"])
def test_an_unreadable_date_names_the_field_and_the_forms(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_day(text, TODAY, field="follow_up")
    assert caught.value.field == "follow_up" and "YYYY-MM-DD" in caught.value.message


@given(
    st.datetimes(dt.datetime(2025, 1, 1), dt.datetime(2030, 1, 1)).map(
        lambda d: d.replace(second=0, microsecond=0)
    ),
    st.sampled_from(["America/Chicago", "Australia/Sydney", "Europe/London", "Asia/Kolkata"]),
)
def test_a_call_back_time_without_offset_is_their_wall_clock_time(
    wall: dt.datetime, zone_name: str
) -> None:
    """P3.4: they said when, in their own hours; a time skipped by a clock change moves on."""
    zone = ZoneInfo(zone_name)
    moment = parse_moment(wall.isoformat(), zone, NOW)
    assert moment.tzinfo is not None and moment.utcoffset() == dt.timedelta(0)
    local = moment.astimezone(zone).replace(tzinfo=None)
    assert local == wall or dt.timedelta(0) < local - wall <= dt.timedelta(hours=1)


def test_a_bare_clock_time_is_the_next_such_time_where_they_are() -> None:
    at = parse_moment("15:00", CHICAGO, NOW)  # 09:00 in Chicago now
    assert at.astimezone(CHICAGO) == dt.datetime(2026, 11, 24, 15, 0, tzinfo=CHICAGO)
    at = parse_moment("08:00", CHICAGO, NOW)
    assert at.astimezone(CHICAGO).date() == dt.date(2026, 11, 25)
    with pytest.raises(ValidationError) as caught:
        parse_moment("2026-11-25", CHICAGO, NOW)
    assert caught.value.field == "call_back_at"


def test_sensitive_numbers_are_masked_in_every_field_with_a_warning_each() -> None:
    """P8.2: the log never holds a full SSN or card number."""
    call, warnings = log(
        outcome="connected",
        note="Gave SSN 123-45-6789 by mistake",
        promises=(("check card 4111 1111 1111 1111", None),),
        reference="4012888888881881",
    )
    assert "123-45-6789" not in call.notes and call.notes.endswith("***-**-6789 by mistake")
    assert call.promises[0].text == "check card **** **** **** 1111"
    assert call.reference == "************1881"
    assert "123-45-6789" not in call.recap
    assert [w.split(":")[0] for w in warnings] == ["notes", "promise", "reference"]
    assert warnings[0].startswith("notes: a social security number was masked (ending 6789)")


def test_values_are_checked_and_name_their_field() -> None:
    cases = {
        "follow_up": {"follow_up": "2026-11-01"},
        "due": {"promises": (("send deck", "2026-01-01"),)},
        "promise": {"promises": (("  ", "+3"),)},
        "call_back_at": {"call_back_at": "2026-11-25T15:00"},
        "duration": {"duration_minutes": -1.0},
        "occasion": {"occasion": "wedding"},
    }
    for field, typed in cases.items():
        with pytest.raises(ValidationError) as caught:
            log(**typed)
        assert caught.value.field == field, field


def test_a_call_back_goes_with_its_outcome_and_lies_ahead() -> None:
    call, _ = log(outcome="call back", call_back_at="2026-11-24T16:30")
    assert call.call_back_at == dt.datetime(2026, 11, 24, 22, 30, tzinfo=dt.UTC)
    call, _ = log(outcome="call back")  # they did not say when: the plan retries (P10.3)
    assert call.call_back_at is None
    with pytest.raises(ValidationError):
        log(outcome="call back", call_back_at="2026-11-24T08:00-06:00")


def test_promises_pair_with_due_dates_in_order() -> None:
    assert pair_promises(["a", "b"], ["+1", "-"]) == (("a", "+1"), ("b", "-"))
    assert pair_promises(["a"], []) == (("a", None),)
    with pytest.raises(ValidationError) as caught:
        pair_promises(["a", "b"], ["+1"])
    assert caught.value.field == "due"
    call, _ = log(promises=pair_promises(["deck", "intro"], ["+3", "none"]))
    assert call.promises == (Promise("deck", dt.date(2026, 11, 27)), Promise("intro"))


def test_the_recap_is_one_line_for_the_next_card() -> None:
    """P7.1: the recap opens the next call's preparation card."""
    assert recap_of("Lunch agreed.\n  Kids   doing well.") == "Lunch agreed. Kids doing well."
    assert recap_of("", ["the merger", "golf"]) == "talked about the merger, golf"
    long = recap_of("word " * 200)
    assert len(long) <= RECAP_CHARS + 1 and long.endswith("…")
    call, _ = log(note="long notes", recap="Agreed: lunch on the 8th")
    assert call.recap == "Agreed: lunch on the 8th" and call.notes == "long notes"


@pytest.mark.parametrize(
    "at",
    [NOW + dt.timedelta(hours=1), dt.datetime(1, 1, 1, tzinfo=dt.UTC), NOW.replace(tzinfo=None)],
)
def test_a_call_is_logged_at_a_real_past_moment(at: dt.datetime) -> None:
    with pytest.raises(ValidationError) as caught:
        CallClock(at, NOW, CHICAGO, TODAY)
    assert caught.value.field == "at"


ANN = Contact(id=1, given_name="Ann", kind=RelationshipKind.PERSONAL)


def _occasion(contact: Contact = ANN, **known: object) -> str:
    known.setdefault("last_call", None)
    known.setdefault("open_promises", ())
    return default_occasion(contact, TODAY, **known)  # type: ignore[arg-type]


def test_the_default_occasion() -> None:
    """P9.1 a birthday on their date, P3.4 a call they asked for, P9.2 a fresh connection,
    P6.1 a promise due, P1.3 an organization, else a check-in (P5.4)."""
    assert _occasion() == "check-in"
    assert _occasion(ANN.with_changes(birthday=PartialDate(11, 24, 1990))) == "birthday"
    assert _occasion(ANN.with_changes(birthday=PartialDate(11, 25))) == "check-in"
    leap = ANN.with_changes(birthday=PartialDate(2, 29))
    assert default_occasion(leap, dt.date(2027, 2, 28), last_call=None, open_promises=()) == (
        "birthday"
    )
    org = ANN.with_changes(kind=RelationshipKind.ORGANIZATION, organization="Acme")
    assert _occasion(org) == "organization"
    asked = Call(1, NOW - dt.timedelta(hours=2), Outcome.CALL_BACK)
    assert _occasion(last_call=asked) == "return-call"
    fresh = ANN.with_changes(connected_on=TODAY - dt.timedelta(days=10))
    assert _occasion(fresh) == "connect"
    talked = Call(1, NOW - dt.timedelta(days=2), Outcome.CONNECTED)
    assert _occasion(fresh, last_call=talked) == "check-in"
    stale = ANN.with_changes(connected_on=TODAY - dt.timedelta(days=31))
    assert _occasion(stale) == "check-in"
    due = (Promise("send deck", TODAY), Promise("later", TODAY + dt.timedelta(days=9)))
    assert _occasion(open_promises=due) == "follow-up"
    assert _occasion(open_promises=due[1:]) == "check-in"
    agreed = Call(1, NOW - dt.timedelta(days=7), Outcome.CONNECTED, follow_up=TODAY)
    assert _occasion(last_call=agreed) == "follow-up"
