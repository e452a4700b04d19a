"""Spoken forms (issue 14): your number as the listener dials it (P2.7, P10.1), the next call
as people propose it (P6.1), and names in the card's order and form (P2.3, P2.6)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from callwise.domain.model import Contact, Phone, RelationshipKind
from callwise.domain.names import spoken_name
from callwise.domain.scripts.words import (
    address_name,
    first_name,
    formal_name,
    gatekeeper_address,
    name_again,
    person_again,
)
from callwise.domain.spoken import (
    listener_country,
    proposed_day,
    said_day,
    spoken_number,
    when_phrase,
)

D = dt.date
TODAY = D(2026, 11, 24)  # a Tuesday
# US federal holidays around the year end, as services/holidays.py hands them in.
US_HOLIDAYS = frozenset(
    {D(2026, 11, 26), D(2026, 12, 25), D(2027, 1, 1), D(2027, 1, 18), D(2027, 5, 31)}
)
BUSINESS = RelationshipKind.BUSINESS


# Numbers (P2.7, P10.1).


def test_a_number_is_said_in_national_form_to_a_contact_in_the_same_country() -> None:
    assert spoken_number("+18165550100", "US") == "816 555 0100"
    assert spoken_number("+442079460123", "GB") == "020 7946 0123"


def test_a_number_is_said_in_international_form_across_borders() -> None:
    assert spoken_number("+18165550100", "GB") == "+1 816 555 0100"
    assert spoken_number("+18165550100", "") == "+1 816 555 0100"  # country unknown
    assert spoken_number("+442079460123", "US") == "+44 20 7946 0123"


def test_no_dashes_or_brackets_are_left_to_read_out() -> None:
    for country in ("US", "JP", "DE"):
        said = spoken_number("+81355501234", country)
        assert not set(said) & set("-()./") and said.replace(" ", "").lstrip("+").isdigit()


def test_the_listener_country_comes_from_their_number_when_the_card_has_none() -> None:
    card = Contact(given_name="Ann", phones=(Phone("+442079460123", "work", True),))
    assert listener_country(card) == "GB"
    assert listener_country(card.with_changes(country="us")) == "US"


def test_text_that_is_no_number_is_said_as_written() -> None:
    assert spoken_number("ask   reception", "US") == "ask reception"


# The next call (P6.1).


def test_the_next_call_is_said_as_people_propose_it() -> None:
    assert when_phrase(D(2026, 11, 27), TODAY, US_HOLIDAYS) == "later this week"
    assert when_phrase(D(2026, 12, 3), TODAY, US_HOLIDAYS) == "next week"
    assert when_phrase(D(2026, 12, 16), D(2026, 12, 1), frozenset()) == "later this month"
    assert when_phrase(D(2026, 12, 17), D(2026, 12, 1), US_HOLIDAYS) == "before the holidays"
    assert when_phrase(D(2026, 12, 22), TODAY, US_HOLIDAYS) == "in a few weeks"
    assert when_phrase(D(2027, 1, 4), TODAY, US_HOLIDAYS) == "after the holidays"
    assert when_phrase(D(2027, 2, 10), D(2026, 12, 2), US_HOLIDAYS) == "in the new year"
    assert when_phrase(D(2027, 3, 2), TODAY, US_HOLIDAYS) == "in March"
    assert when_phrase(D(2026, 8, 20), D(2026, 7, 1), frozenset()) == "next month"


def test_a_next_call_on_a_public_holiday_moves_to_the_next_working_day() -> None:
    thanksgiving = D(2026, 11, 26)
    assert proposed_day(thanksgiving, TODAY, US_HOLIDAYS) == D(2026, 11, 27)
    memorial_day = D(2027, 5, 31)
    assert proposed_day(memorial_day, TODAY, US_HOLIDAYS) == D(2027, 6, 1)


def test_new_years_day_becomes_after_the_holidays() -> None:
    """The birthday call that proposed 'Friday, January 1 2027'."""
    day = proposed_day(D(2027, 1, 1), D(2026, 12, 2), US_HOLIDAYS)
    assert day == D(2027, 1, 4)  # 2 and 3 January are a weekend
    assert when_phrase(day, D(2026, 12, 2), US_HOLIDAYS) == "after the holidays"


def test_the_days_between_christmas_and_new_year_are_skipped_where_both_are_holidays() -> None:
    assert proposed_day(D(2026, 12, 28), TODAY, US_HOLIDAYS) == D(2027, 1, 4)
    # Without Christmas or New Year as public holidays, 28 December is a working day.
    assert proposed_day(D(2026, 12, 28), TODAY, frozenset()) == D(2026, 12, 28)


def test_an_invitation_proposes_its_next_call_within_weeks() -> None:
    """The lunch invitation that proposed 'Tuesday, March 2 2027'."""
    day = proposed_day(D(2027, 3, 2), TODAY, US_HOLIDAYS, invitation=True)
    assert (day - TODAY).days <= 14
    assert when_phrase(day, TODAY, US_HOLIDAYS) == "next week"
    assert proposed_day(D(2026, 12, 1), TODAY, US_HOLIDAYS, invitation=True) == D(2026, 12, 1)


def test_the_exact_day_has_no_year_when_it_is_months_away() -> None:
    assert said_day(D(2027, 3, 2), TODAY, "US") == "Tuesday, March 2"
    assert said_day(D(2027, 3, 2), TODAY, "GB") == "Tuesday 2 March"
    assert said_day(D(2026, 11, 27), TODAY, "US") == "Friday"
    assert said_day(D(2027, 11, 2), TODAY, "US") == "Tuesday, November 2 2027"


@given(
    st.dates(D(2026, 1, 1), D(2028, 12, 31)),
    st.integers(1, 400),
    st.frozensets(st.dates(D(2026, 1, 1), D(2030, 12, 31)), max_size=40),
    st.booleans(),
)
def test_a_proposed_day_is_ahead_never_a_holiday_and_said_without_digits(
    today: dt.date, ahead: int, holidays: frozenset[dt.date], invitation: bool
) -> None:
    day = proposed_day(today + dt.timedelta(days=ahead), today, holidays, invitation=invitation)
    assert day > today and day not in holidays
    if invitation:
        assert (day - today).days <= 21 + 10  # within weeks, even past the year-end stretch
    phrase = when_phrase(day, today, holidays)
    assert phrase and not any(c.isdigit() for c in phrase)


# Names (P2.3, P2.6).


TANAKA = Contact(
    given_name="Yuki",
    family_name="Tanaka",
    display_name="Tanaka Yuki",
    honorific="Ms.",
    kind=BUSINESS,
    country="JP",
)


def test_a_family_name_first_card_keeps_its_order_and_its_family_name() -> None:
    spoken = spoken_name(TANAKA)
    assert spoken.family_first and spoken.full == "Tanaka Yuki"
    assert formal_name(TANAKA) == "Ms. Tanaka"
    assert first_name(TANAKA) == "Yuki"
    untitled = TANAKA.with_changes(honorific="")
    assert formal_name(untitled) == "Tanaka Yuki"  # not 'Yuki Tanaka'


def test_a_card_without_the_family_name_takes_it_from_the_display_name() -> None:
    """'Ms. Yuki' for Tanaka Yuki: the display name shows the family name."""
    card = TANAKA.with_changes(family_name="")
    assert formal_name(card) == "Ms. Tanaka"
    assert spoken_name(card).full == "Tanaka Yuki"


def test_a_given_name_first_card_is_unchanged() -> None:
    card = Contact(given_name="Ruth", family_name="Nakamura", kind=BUSINESS, country="JP")
    assert formal_name(card) == "Ruth Nakamura"  # the card does not say otherwise


def test_an_organization_is_greeted_as_whoever_answers() -> None:
    split = Contact(
        given_name="BrightWave",
        family_name="Electronics",
        organization="BrightWave Electronics",
        kind=RelationshipKind.ORGANIZATION,
    )
    assert address_name(split) == "" and formal_name(split) == "" and first_name(split) == ""


def test_a_professional_title_in_the_display_name_still_counts() -> None:
    card = Contact(given_name="Lisa", family_name="Grant", display_name="Dr. Lisa Grant")
    assert formal_name(card.with_changes(kind=BUSINESS)) == "Dr. Grant"


def test_an_assistant_is_greeted_by_first_name_or_title_and_family_name() -> None:
    assert gatekeeper_address("Patricia Lomax") == "Patricia"
    assert gatekeeper_address("Ms. Patricia Lomax") == "Ms. Lomax"
    assert gatekeeper_address("") == ""


def test_a_full_name_is_not_the_name_for_every_turn() -> None:
    priya = Contact(given_name="Priya", family_name="Raman", kind=BUSINESS)
    assert address_name(priya) == "Priya Raman"  # the greeting and the close
    assert name_again(priya) == ""  # no full name at every turn
    assert person_again(priya) == "Priya"  # 'could you let Priya know I called?'
    okafor = Contact(given_name="Amara", family_name="Okafor", honorific="Dr.", kind=BUSINESS)
    assert name_again(okafor) == "Dr. Okafor" == person_again(okafor)
