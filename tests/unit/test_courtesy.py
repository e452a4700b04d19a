"""When to call: courteous windows in the contact's own local time (P3.1, P3.2, P3.3, P3.4)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callwise.domain.courtesy import (
    CourtesyPlanner,
    Verdict,
    Window,
    next_window,
    windows,
)
from callwise.domain.errors import ValidationError
from callwise.domain.model import Contact, RelationshipKind
from callwise.domain.settings import Settings
from callwise.domain.stated_hours import parse_stated_hours

UTC = dt.UTC
CHICAGO = ZoneInfo("America/Chicago")
BUSINESS = RelationshipKind.BUSINESS


def is_courteous(contact: Contact, moment: dt.datetime, settings: Settings) -> Verdict:
    """Whether calling `contact` at `moment` is courteous, and why (P3.1-P3.4)."""
    planner = CourtesyPlanner(settings, settings.home_zone)
    return planner.verdict(contact, moment)


def next_windows_bulk(
    contacts: list[Contact], after: dt.datetime, settings: Settings
) -> list[Window | None]:
    """The planner's `next_windows` for many contacts, as the plan asks for them."""
    return CourtesyPlanner(settings, settings.home_zone).next_windows(contacts, after)


def prefs(**texts: str) -> Settings:
    return Settings.from_texts(texts)


# The user is free around the clock, so only the contact's side decides.
ALWAYS = prefs(home_zone="UTC", calling_hours="00:00-23:59", calling_days="Mo-Su")


def at(zone: str, *parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=ZoneInfo(zone))  # type: ignore[misc]


def local_spans(found: list[Window]) -> list[tuple[str, str, str]]:
    return [(f"{w.start:%H:%M}", f"{w.end:%H:%M}", w.tag) for w in found]


def home_spans(found: list[Window]) -> list[tuple[str, str, str]]:
    return [(f"{w.home_start:%H:%M}", f"{w.home_end:%H:%M}", w.tag) for w in found]


# Verdicts in words.


def test_p3_2_dawn_is_too_early() -> None:
    contact = Contact(city="Kansas City", region="MO")
    verdict = is_courteous(contact, at("America/Chicago", 2024, 11, 26, 5, 40), prefs())
    assert not verdict.ok
    assert verdict.reason == "05:40 in Kansas City: too early"


def test_p3_2_night_is_too_late() -> None:
    contact = Contact(city="Berlin")
    verdict = is_courteous(contact, at("Europe/Berlin", 2024, 11, 26, 21, 30), ALWAYS)
    assert verdict.reason == "21:30 in Berlin: too late"


def test_p3_1_mid_afternoon_is_a_good_time() -> None:
    contact = Contact(city="Berlin", kind=BUSINESS)
    verdict = is_courteous(contact, at("Europe/Berlin", 2024, 11, 26, 14, 10), ALWAYS)
    assert (verdict.ok, verdict.tag) == (True, "preferred")
    assert verdict.reason == "14:10 in Berlin: a good time"
    assert verdict.local_time == at("Europe/Berlin", 2024, 11, 26, 14, 10)


def test_p3_1_late_morning_is_acceptable_for_a_personal_contact() -> None:
    verdict = is_courteous(Contact(city="Berlin"), at("Europe/Berlin", 2024, 11, 26, 10), ALWAYS)
    assert (verdict.ok, verdict.tag) == (True, "acceptable")
    assert "mid-afternoon or early evening is better" in verdict.reason


def test_p3_1_business_contacts_keep_working_days_and_hours() -> None:
    contact = Contact(city="Berlin", kind=BUSINESS)
    saturday = is_courteous(contact, at("Europe/Berlin", 2024, 11, 30, 11), ALWAYS)
    assert saturday.reason == "Saturday in Berlin: not a working day"
    evening = is_courteous(contact, at("Europe/Berlin", 2024, 11, 26, 18), ALWAYS)
    assert evening.reason == "18:00 in Berlin: outside working hours"
    lunch = is_courteous(contact, at("Europe/Berlin", 2024, 11, 26, 12, 15), ALWAYS)
    assert lunch.reason.startswith("12:15 in Berlin: a busy time of the working day")


def test_business_calls_never_on_public_holidays() -> None:
    contact = Contact(city="Kansas City", region="MO", kind=BUSINESS)
    thanksgiving = at("America/Chicago", 2024, 11, 28, 10)
    verdict = is_courteous(contact, thanksgiving, prefs())
    assert verdict.reason == "Thanksgiving Day in the US: no business calls on public holidays"


def test_personal_calls_on_holidays_follow_the_setting() -> None:
    contact = Contact(city="Kansas City", region="MO")
    thanksgiving = at("America/Chicago", 2024, 11, 28, 15)
    assert is_courteous(contact, thanksgiving, prefs()).ok
    no = is_courteous(contact, thanksgiving, prefs(personal_calls_on_holidays="no"))
    assert no.reason == (
        "Thanksgiving Day in the US: you chose no personal calls on public holidays"
    )


def test_state_holidays_come_from_the_contacts_state() -> None:
    """Truman Day (8 May) is a holiday in Missouri, not across the river in Kansas."""
    truman_day = at("America/Chicago", 2024, 5, 8, 10)
    missouri = Contact(city="Kansas City", region="MO", kind=BUSINESS)
    kansas = Contact(city="Kansas City", region="KS", kind=BUSINESS)
    assert is_courteous(missouri, truman_day, prefs()).reason.startswith("Truman Day in the US")
    assert is_courteous(kansas, truman_day, prefs()).ok


def test_p3_3_outside_stated_hours_names_them() -> None:
    contact = Contact(city="Berlin", availability="Mo-Fr 18:00-20:00")
    verdict = is_courteous(contact, at("Europe/Berlin", 2024, 11, 26, 15), ALWAYS)
    assert verdict.reason == "outside the hours they gave: Mo-Fr 18:00-20:00 (Tue 15:00 in Berlin)"
    inside = is_courteous(contact, at("Europe/Berlin", 2024, 11, 26, 19), ALWAYS)
    assert inside.reason == "19:00 in Berlin: within the hours they gave (Mo-Fr 18:00-20:00)"


def test_p3_3_stated_hours_may_go_outside_quiet_hours() -> None:
    contact = Contact(time_zone="America/New_York", availability="Mo-Fr 06:30-07:30")
    verdict = is_courteous(contact, at("America/New_York", 2024, 11, 26, 6, 45), ALWAYS)
    assert verdict.ok and verdict.tag == "preferred"


def test_the_users_own_hours_are_respected_and_explained() -> None:
    contact = Contact(city="Berlin", kind=BUSINESS)
    verdict = is_courteous(contact, at("America/Chicago", 2024, 11, 26, 7, 10), prefs())
    assert verdict.reason == "14:10 in Berlin is Tue 07:10 for you: outside your calling hours"
    sunday = is_courteous(Contact(city="Berlin"), at("America/Chicago", 2024, 12, 1, 10), prefs())
    assert sunday.reason == "17:00 in Berlin is Sun 10:00 for you: not one of your calling days"


def test_unknown_location_is_judged_in_the_home_zone_and_says_so() -> None:
    verdict = is_courteous(
        Contact(given_name="Ann"), at("America/Chicago", 2024, 11, 26, 15), prefs()
    )
    assert verdict.ok and verdict.location.source == "unknown"
    assert "assuming your own" in verdict.location.detail


# Windows with exact times.


def test_p3_1_windows_in_both_zones_during_the_us_uk_dst_gap() -> None:
    """11 March 2024: Chicago is already on CDT (UTC-5), London still on GMT."""
    contact = Contact(city="London", country="GB")
    found = windows(
        contact, at("America/Chicago", 2024, 3, 11), at("America/Chicago", 2024, 3, 12), prefs()
    )
    assert home_spans(found) == [
        ("09:00", "11:30", "preferred"),
        ("11:30", "12:30", "acceptable"),
        ("12:30", "14:30", "preferred"),
        ("14:30", "16:00", "acceptable"),
    ]
    assert local_spans(found) == [
        ("14:00", "16:30", "preferred"),
        ("16:30", "17:30", "acceptable"),
        ("17:30", "19:30", "preferred"),
        ("19:30", "21:00", "acceptable"),
    ]


def test_p3_1_the_same_contact_a_week_earlier_is_an_hour_later_for_the_user() -> None:
    contact = Contact(city="London", country="GB")
    found = windows(
        contact, at("America/Chicago", 2024, 3, 4), at("America/Chicago", 2024, 3, 5), prefs()
    )
    assert home_spans(found)[0] == ("09:00", "10:30", "preferred")
    assert local_spans(found)[0] == ("15:00", "16:30", "preferred")


TOKYO_ALL_WEEK = prefs(home_zone="Asia/Tokyo", calling_days="Mo-Su")


def test_p3_3_stated_hours_across_spring_forward_last_two_real_hours() -> None:
    contact = Contact(time_zone="America/Chicago", availability="Su 01:00-04:00")
    found = windows(
        contact,
        at("America/Chicago", 2024, 3, 9),
        at("America/Chicago", 2024, 3, 11),
        TOKYO_ALL_WEEK,
    )
    assert len(found) == 1
    window = found[0]
    assert window.start.astimezone(UTC) == dt.datetime(2024, 3, 10, 7, 0, tzinfo=UTC)  # 01:00 CST
    assert window.end.astimezone(UTC) == dt.datetime(2024, 3, 10, 9, 0, tzinfo=UTC)  # 04:00 CDT
    assert (f"{window.start:%H:%M %z}", f"{window.end:%H:%M %z}") == ("01:00 -0600", "04:00 -0500")
    assert home_spans(found) == [("16:00", "18:00", "preferred")]


def test_p3_3_stated_hours_starting_in_the_skipped_hour_start_at_the_change() -> None:
    contact = Contact(time_zone="America/Chicago", availability="Su 02:30-03:30")
    found = windows(
        contact,
        at("America/Chicago", 2024, 3, 9),
        at("America/Chicago", 2024, 3, 11),
        TOKYO_ALL_WEEK,
    )
    assert [(f"{w.start:%H:%M %z}", f"{w.end:%H:%M %z}") for w in found] == [
        ("03:00 -0500", "03:30 -0500")
    ]


def test_p3_3_stated_hours_starting_in_the_repeated_hour_start_at_its_second_pass() -> None:
    contact = Contact(time_zone="America/Chicago", availability="Su 01:30-03:00")
    found = windows(
        contact,
        at("America/Chicago", 2024, 11, 2),
        at("America/Chicago", 2024, 11, 4),
        TOKYO_ALL_WEEK,
    )
    assert [(w.start.astimezone(UTC), w.end.astimezone(UTC)) for w in found] == [
        (dt.datetime(2024, 11, 3, 7, 30, tzinfo=UTC), dt.datetime(2024, 11, 3, 9, 0, tzinfo=UTC))
    ]
    assert f"{found[0].start:%H:%M %z}" == "01:30 -0600"


def test_p3_1_kathmandu_quarter_hour_offset() -> None:
    """Kathmandu is UTC+05:45: 14:00 there is 08:15 in London, before the user starts at 09:00."""
    london = prefs(home_zone="Europe/London")
    found = windows(
        Contact(city="Kathmandu"),
        at("Europe/London", 2024, 1, 15),
        at("Europe/London", 2024, 1, 16),
        london,
    )
    assert local_spans(found)[0] == ("14:45", "16:30", "preferred")
    assert home_spans(found)[0] == ("09:00", "10:45", "preferred")
    assert home_spans(found)[-1] == ("13:45", "15:15", "acceptable")


def test_p3_1_kolkata_half_hour_offset_for_a_business_contact() -> None:
    london = prefs(home_zone="Europe/London")
    contact = Contact(city="Kolkata", kind=BUSINESS)
    found = windows(
        contact, at("Europe/London", 2024, 1, 15), at("Europe/London", 2024, 1, 16), london
    )
    assert local_spans(found) == [("14:30", "17:00", "preferred")]
    assert home_spans(found) == [("09:00", "11:30", "preferred")]


def test_p3_1_chatham_is_45_minutes_ahead_of_auckland() -> None:
    auckland = prefs(home_zone="Pacific/Auckland")
    contact = Contact(time_zone="Pacific/Chatham")
    found = windows(
        contact, at("Pacific/Auckland", 2024, 1, 15), at("Pacific/Auckland", 2024, 1, 16), auckland
    )
    assert local_spans(found) == [
        ("09:45", "14:00", "acceptable"),
        ("14:00", "16:30", "preferred"),
        ("16:30", "17:30", "acceptable"),
        ("17:30", "19:30", "preferred"),
        ("19:30", "20:15", "acceptable"),
    ]
    assert home_spans(found)[-1] == ("18:45", "19:30", "acceptable")


def test_p3_2_lord_howe_half_hour_dst_shifts_the_instants() -> None:
    """Lord Howe is UTC+11 on Saturday 6 April 2024 and UTC+10:30 from Sunday 7 April."""
    contact = Contact(time_zone="Australia/Lord_Howe")
    found = windows(contact, at("UTC", 2024, 4, 5, 12), at("UTC", 2024, 4, 8, 12), ALWAYS)
    preferred_starts = [w.start.astimezone(UTC) for w in found if f"{w.start:%H:%M}" == "14:00"]
    assert preferred_starts == [
        dt.datetime(2024, 4, 6, 3, 0, tzinfo=UTC),
        dt.datetime(2024, 4, 7, 3, 30, tzinfo=UTC),
        dt.datetime(2024, 4, 8, 3, 30, tzinfo=UTC),
    ]


def test_p3_2_date_line_the_contacts_monday_is_the_users_sunday() -> None:
    """Kiritimati (UTC+14) is a day and an hour ahead of Pago Pago (UTC-11)."""
    user = prefs(home_zone="Pacific/Pago_Pago", calling_days="Mo-Fr", calling_hours="09:00-17:00")
    contact = Contact(time_zone="Pacific/Kiritimati", kind=BUSINESS)
    found = windows(
        contact, at("Pacific/Pago_Pago", 2024, 6, 2), at("Pacific/Pago_Pago", 2024, 6, 9), user
    )
    assert sorted({f"{w.start:%a}" for w in found}) == ["Fri", "Thu", "Tue", "Wed"]
    assert sorted({f"{w.home_start:%a}" for w in found}) == ["Mon", "Thu", "Tue", "Wed"]
    assert local_spans(found)[0] == ("10:00", "12:00", "preferred")  # 09:00-11:00 for the user
    for window in found:
        ahead = window.start.replace(tzinfo=None) - window.home_start.replace(tzinfo=None)
        assert ahead == dt.timedelta(hours=25)


def test_p3_2_samoa_has_no_windows_on_the_day_it_skipped() -> None:
    found = windows(
        Contact(time_zone="Pacific/Apia"),
        at("Pacific/Apia", 2011, 12, 29),
        at("Pacific/Apia", 2012, 1, 1),
        ALWAYS,
    )
    assert sorted({w.start.date().isoformat() for w in found}) == ["2011-12-29", "2011-12-31"]


# The next window.


def test_p3_1_next_window_for_a_business_contact_after_friday_evening() -> None:
    berlin = prefs(home_zone="Europe/Berlin")
    found = next_window(
        Contact(city="Berlin", kind=BUSINESS), at("Europe/Berlin", 2024, 11, 29, 18), berlin
    )
    assert found is not None
    assert (found.start, found.end) == (
        at("Europe/Berlin", 2024, 12, 2, 9, 30),
        at("Europe/Berlin", 2024, 12, 2, 12),
    )


def test_p3_4_next_window_may_already_be_open() -> None:
    now = at("Europe/Berlin", 2024, 11, 26, 15)
    found = next_window(Contact(city="Berlin"), now, ALWAYS)
    assert found is not None
    assert (found.start, found.end) == (now, at("Europe/Berlin", 2024, 11, 26, 16, 30))


def test_p3_3_next_window_finds_stated_hours_months_ahead() -> None:
    berlin = prefs(home_zone="Europe/Berlin")
    contact = Contact(city="Berlin", availability="Dec 24 18:00-20:00")
    found = next_window(contact, at("Europe/Berlin", 2024, 1, 10, 12), berlin)
    assert found is not None
    assert (found.start, found.end) == (
        at("Europe/Berlin", 2024, 12, 24, 18),
        at("Europe/Berlin", 2024, 12, 24, 19, 30),
    )


def test_p3_3_next_window_is_none_when_they_said_never() -> None:
    assert (
        next_window(Contact(city="Berlin", availability="off"), at("UTC", 2024, 1, 1), ALWAYS)
        is None
    )


def test_p3_2_next_window_waits_for_the_weeks_when_us_and_uk_clocks_disagree() -> None:
    """12:00-12:45 in London is 07:00-07:45 in New York, too early, except while the US is
    already on summer time and the UK not yet (10-30 March 2024) or no longer (27 Oct-2 Nov)."""
    user = prefs(home_zone="Europe/London", calling_hours="12:00-12:45", calling_days="Mo-Su")
    contact = Contact(time_zone="America/New_York")
    spring = next_window(contact, at("Europe/London", 2024, 1, 10), user)
    assert spring is not None
    assert (spring.start, spring.end) == (
        at("America/New_York", 2024, 3, 10, 8),
        at("America/New_York", 2024, 3, 10, 8, 45),
    )
    assert spring.home_start == at("Europe/London", 2024, 3, 10, 12)
    autumn = next_window(contact, at("Europe/London", 2024, 4, 1), user)
    assert autumn is not None and autumn.start == at("America/New_York", 2024, 10, 27, 8)


def test_p3_2_next_window_is_none_when_the_hours_never_meet() -> None:
    user = prefs(home_zone="Europe/London", calling_hours="02:00-03:00", calling_days="Mo-Su")
    assert next_window(Contact(city="London", country="GB"), at("UTC", 2024, 1, 1), user) is None


def test_bulk_next_windows_match_one_by_one_and_keep_order() -> None:
    contacts = [
        Contact(given_name=f"c{i}", city=city, kind=kind, availability=hours)
        for i, (city, kind, hours) in enumerate(
            [
                ("Berlin", BUSINESS, ""),
                ("Kansas City", RelationshipKind.PERSONAL, ""),
                ("Berlin", BUSINESS, ""),
                ("Kathmandu", RelationshipKind.INFORMAL, "weekday evenings"),
                ("Sydney", RelationshipKind.ORGANIZATION, ""),
            ]
            * 20
        )
    ]
    after = at("America/Chicago", 2024, 11, 29, 16)
    bulk = next_windows_bulk(contacts, after, prefs())
    assert bulk == [next_window(c, after, prefs()) for c in contacts]
    assert bulk[0] is bulk[2]  # the same policy key: computed once


def test_planner_groups_contacts_by_policy_key() -> None:
    planner = CourtesyPlanner(prefs(), "America/Chicago")
    same = {planner.key(Contact(given_name=n, city="Berlin", kind=BUSINESS)) for n in "abc"}
    assert len(same) == 1
    organization = planner.key(Contact(city="Berlin", kind=RelationshipKind.ORGANIZATION))
    assert organization in same  # organizations keep working hours too


def test_p3_3_unreadable_stated_hours_fail_with_the_field() -> None:
    with pytest.raises(ValidationError) as caught:
        windows(
            Contact(city="Berlin", availability="whenever"),
            at("UTC", 2024, 1, 1),
            at("UTC", 2024, 1, 2),
            ALWAYS,
        )
    assert caught.value.field == "availability"


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        windows(Contact(), dt.datetime(2024, 1, 1), dt.datetime(2024, 1, 2), ALWAYS)


# Properties over zones, dates, settings and stated hours.

ZONES = [
    "America/Chicago",
    "America/St_Johns",
    "America/Santiago",
    "America/Havana",
    "Europe/London",
    "Europe/Dublin",
    "Africa/Casablanca",
    "Asia/Tehran",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Australia/Adelaide",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "Pacific/Apia",
    "Antarctica/Troll",
    "UTC",
]
STATED = ["", "weekday evenings", "Mo-Fr 06:30-07:30", "10pm-2am", "weekends", "Sa 01:00-03:30"]
DATED = ["Dec 24 18:00-20:00", "Mo[1] 10:00-12:00"]  # not weekly: a full search
hhmm = st.builds(dt.time, st.integers(0, 23), st.sampled_from([0, 15, 30, 45]))


@st.composite
def user_settings(draw: st.DrawFn) -> Settings:
    def span() -> str:
        start, end = sorted(draw(st.lists(hhmm, min_size=2, max_size=2, unique=True)))
        return f"{start:%H:%M}-{end:%H:%M}"

    quiet = span().split("-")
    week = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
    days = draw(st.one_of(st.just(week), st.sets(st.sampled_from(week), min_size=1)))
    hours = ", ".join(span() for _ in range(draw(st.integers(1, 2))))
    return prefs(
        home_zone=draw(st.sampled_from(ZONES)),
        calling_hours=draw(st.sampled_from(["00:00-23:59", "09:00-19:30", hours])),
        calling_days=",".join(sorted(days)),
        quiet_start=quiet[0],
        quiet_end=quiet[1],
        personal_windows=span(),
        business_hours=span(),
        business_avoid=span(),
        personal_calls_on_holidays=draw(st.sampled_from(["yes", "no"])),
    )


contacts = st.builds(
    Contact,
    time_zone=st.sampled_from(ZONES),
    kind=st.sampled_from(list(RelationshipKind)),
    availability=st.sampled_from(STATED),
)
instants = st.datetimes(
    min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2025, 12, 1), timezones=st.just(UTC)
)
lengths = st.timedeltas(min_value=dt.timedelta(hours=1), max_value=dt.timedelta(days=9))
PROPERTY = settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])


def samples(window: Window) -> list[dt.datetime]:
    """Instants inside the window where every rule must hold."""
    start, end = window.start.astimezone(UTC), window.end.astimezone(UTC)
    return [start, start + (end - start) / 2, end - dt.timedelta(microseconds=1)]


def wall(instant: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    return instant.astimezone(zone).replace(tzinfo=None)


@PROPERTY
@given(contacts, user_settings(), instants, lengths)
def test_p3_windows_are_sorted_disjoint_and_inside_the_range(
    contact: Contact, user: Settings, start: dt.datetime, length: dt.timedelta
) -> None:
    found = windows(contact, start, start + length, user)
    bounds = [(w.start.astimezone(UTC), w.end.astimezone(UTC)) for w in found]
    assert all(a < b for a, b in bounds)
    assert all(start <= a and b <= start + length for a, b in bounds)
    assert all(bounds[i][1] <= bounds[i + 1][0] for i in range(len(bounds) - 1))
    for window in found:
        assert window.home_start == window.start and window.home_end == window.end
        assert window.start.tzinfo == ZoneInfo(contact.time_zone)
        assert window.home_start.tzinfo == ZoneInfo(user.home_zone)


@PROPERTY
@given(contacts, user_settings(), instants, lengths)
def test_p3_2_no_window_outside_quiet_hours_unless_stated_hours_allow(
    contact: Contact, user: Settings, start: dt.datetime, length: dt.timedelta
) -> None:
    zone = ZoneInfo(contact.time_zone)
    stated = parse_stated_hours(contact.availability) if contact.availability else None
    for window in windows(contact, start, start + length, user):
        for instant in samples(window):
            local = wall(instant, zone)
            if stated is not None:
                assert stated.is_open(local), (window, local)
            if stated is None or stated.all_day:
                assert user.quiet_start <= local.time() < user.quiet_end, (window, local)


@PROPERTY
@given(contacts, user_settings(), instants, lengths)
def test_p3_every_window_is_inside_the_users_own_availability(
    contact: Contact, user: Settings, start: dt.datetime, length: dt.timedelta
) -> None:
    home = ZoneInfo(user.home_zone)
    for window in windows(contact, start, start + length, user):
        for instant in samples(window):
            mine = wall(instant, home)
            assert mine.weekday() in user.calling_days
            assert any(a <= mine.time() < b for a, b in user.calling_hours), (window, mine)


@PROPERTY
@given(contacts, user_settings(), instants, lengths)
def test_p3_1_business_windows_keep_working_hours_and_skip_holidays(
    contact: Contact, user: Settings, start: dt.datetime, length: dt.timedelta
) -> None:
    """With a made-up holiday every third day, business calls never fall on one."""

    def every_third_day(country: str, subdivision: str, day: dt.date) -> str | None:
        return "Test Day" if day.toordinal() % 3 == 0 else None

    business = Contact(time_zone=contact.time_zone, kind=BUSINESS, country="DE")
    zone = ZoneInfo(contact.time_zone)
    for window in windows(business, start, start + length, user, holidays=every_third_day):
        for instant in samples(window):
            local = wall(instant, zone)
            assert local.date().toordinal() % 3 != 0
            assert local.weekday() in user.business_days
            assert any(a <= local.time() < b for a, b in user.business_hours)
            assert not any(a <= local.time() < b for a, b in user.business_avoid)


@PROPERTY
@given(contacts, user_settings(), instants)
def test_p3_4_is_courteous_agrees_with_the_windows(
    contact: Contact, user: Settings, moment: dt.datetime
) -> None:
    around = windows(contact, moment - dt.timedelta(days=1), moment + dt.timedelta(days=1), user)
    verdict = is_courteous(contact, moment, user)
    inside = [w for w in around if w.contains(moment)]
    assert verdict.ok == bool(inside), verdict.reason
    assert verdict.tag == (inside[0].tag if inside else None)
    assert verdict.reason


@PROPERTY
@given(contacts, user_settings(), instants)
def test_p3_next_window_is_the_first_window_from_that_moment(
    contact: Contact, user: Settings, moment: dt.datetime
) -> None:
    found = next_window(contact, moment, user)
    ahead = windows(contact, moment, moment + dt.timedelta(days=8), user)
    if ahead:
        assert found is not None
        assert found.start == ahead[0].start and found.tag == ahead[0].tag
        assert found.end.astimezone(UTC) >= ahead[0].end.astimezone(UTC)
    elif found is not None:
        assert found.start.astimezone(UTC) >= moment + dt.timedelta(days=8)


@settings(deadline=None, max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(contacts, st.sampled_from(["", *DATED]), user_settings(), instants)
def test_p3_next_window_is_the_first_window_of_a_full_year_scan(
    contact: Contact, dated: str, user: Settings, moment: dt.datetime
) -> None:
    """The shortcut search (one week per pair of UTC offsets) misses nothing a scan finds."""
    contact = contact.with_changes(availability=dated or contact.availability, country="US")
    found = next_window(contact, moment, user)
    year = windows(contact, moment, moment + dt.timedelta(days=370), user)
    assert (found.start if found else None) == (year[0].start if year else None)
