"""Contact input read once (issue 12.4): the cadences, dates, labels and lists the CLI and the
web form take, and the field each refusal names."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callwise.domain import contact_input as ci
from callwise.domain.errors import ValidationError
from callwise.domain.model import AddressForm, PartialDate, RelationshipKind


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("30", 30),
        (" 30 ", 30),
        ("30d", 30),
        ("30 days", 30),
        ("1 day", 1),
        ("2w", 14),
        ("2 weeks", 14),
        ("3m", 90),
        ("1 month", 30),
        ("1y", 365),
        ("monthly", 30),
        ("Weekly", 7),
        ("quarterly", 91),
        ("", None),
        ("none", None),
        ("None", None),
    ],
)
def test_cadences_in_days_spans_and_words(text: str, days: int | None) -> None:
    assert ci.cadence_days(text) == days


@pytest.mark.parametrize("text", ["often", "3s", "2 fortnights", "w2", "1.5", "9" * 5000])
def test_a_cadence_that_is_not_one_names_the_field(text: str) -> None:
    with pytest.raises(ValidationError) as raised:
        ci.cadence_days(text)
    assert raised.value.field == "cadence_days"
    assert "is not a number of days" in raised.value.message


@given(st.integers(min_value=1, max_value=36_500), st.sampled_from(sorted(ci.CADENCE_UNITS)))
def test_every_unit_multiplies(number: int, unit: str) -> None:
    assert ci.cadence_days(f"{number}{unit}") == number * ci.CADENCE_UNITS[unit]


def test_dates_full_and_without_the_year() -> None:
    assert ci.iso_date("2026-03-13", "met_date") == dt.date(2026, 3, 13)
    assert ci.iso_date(" ", "met_date") is None
    assert ci.partial_date("--04-15", "birthday") == PartialDate(4, 15)
    assert ci.partial_date("", "birthday") is None
    with pytest.raises(ValidationError) as raised:
        ci.iso_date("12/03/2026", "met_date")
    assert raised.value.field == "met_date"
    with pytest.raises(ValidationError) as raised:
        ci.partial_date("--02-30", "birthday")
    assert raised.value.field == "birthday"


def test_labels_lists_kinds_and_forms() -> None:
    assert ci.labelled("work:+1 816 555 0100", "mobile") == ("work", "+1 816 555 0100")
    assert ci.labelled("+1 816 555 0100", "mobile") == ("mobile", "+1 816 555 0100")
    assert ci.labelled("mailto:a@b.example", "") == ("", "mailto:a@b.example")
    other = ci.other_date("anniversary=2012-06-09")
    assert (other.label, other.date) == ("anniversary", PartialDate(6, 9, 2012))
    with pytest.raises(ValidationError):
        ci.other_date("2012-06-09")
    assert ci.text_list("golf, jazz , ,") == ["golf", "jazz"]
    assert ci.relationship_kind(" Business ") is RelationshipKind.BUSINESS
    assert ci.address_form("auto") is None
    assert ci.address_form("formal") is AddressForm.FORMAL
    with pytest.raises(ValidationError) as raised:
        ci.relationship_kind("friendly")
    assert raised.value.field == "kind"


# Issue 15.6: the hours and days people type, read by the one parser the pickers also feed.
@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("09:00-17:00", "09:00-17:00"),
        ("9am-5pm", "09:00-17:00"),
        ("9 a.m. to 5 p.m.", "09:00-17:00"),
        ("9-5", "09:00-17:00"),  # a working day: the end is in the afternoon
        ("2-4:30pm", "14:00-16:30"),  # the end's pm goes for both
        ("11-1pm", "11:00-13:00"),
        ("noon-2pm", "12:00-14:00"),
        ("14:00-16:30, 17:30-19:30", "14:00-16:30, 17:30-19:30"),
        ("6pm-8pm, 9am-11am", "09:00-11:00, 18:00-20:00"),
    ],
)
def test_time_ranges_in_the_forms_people_type(text: str, canonical: str) -> None:
    assert ci.ranges_text(ci.time_ranges(text, "calling_hours")) == canonical


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("nine to five", "is not a time range; write 09:00-17:00 or 9am-5pm"),
        ("9-", "is not a time range"),
        ("13pm-2pm", "is not a time range"),
        ("5pm-9am", "ends before it starts"),
    ],
)
def test_a_time_range_not_understood_is_one_line_naming_the_field(text: str, says: str) -> None:
    with pytest.raises(ValidationError) as caught:
        ci.time_ranges(text, "calling_hours")
    assert caught.value.field == "calling_hours" and says in caught.value.message
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("Mo-Fr", "Mo-Fr"),
        ("Mon-Fri", "Mo-Fr"),
        ("Monday to Friday", "Mo-Fr"),
        ("weekdays", "Mo-Fr"),
        ("weekends", "Sa-Su"),
        ("every day", "Mo-Su"),
        ("Mo,We,Sa", "Mo,We,Sa"),
        ("tues & thurs", "Tu,Th"),
        ("Sa-Mo", "Mo,Sa-Su"),
    ],
)
def test_days_in_the_forms_people_type(text: str, canonical: str) -> None:
    assert ci.days_text(ci.week_days(text, "calling_days")) == canonical


@pytest.mark.parametrize("text", ["", "T", "Mo-Fx", "someday"])
def test_days_not_understood_name_the_accepted_forms(text: str) -> None:
    with pytest.raises(ValidationError, match="Mo-Fr, Mon-Fri, weekdays") as caught:
        ci.week_days(text, "calling_days")
    assert caught.value.field == "calling_days"


@pytest.mark.parametrize(
    ("parts", "stored"),
    [
        (("15", "4", ""), "--04-15"),
        (("15", "4", "1984"), "1984-04-15"),
        (("29", "2", ""), "--02-29"),  # a yearless 29 February is a real birthday (P9.1)
        (("", "", ""), ""),
    ],
)
def test_a_date_picked_as_day_month_and_optional_year(
    parts: tuple[str, str, str], stored: str
) -> None:
    assert ci.date_from_parts(*parts, "birthday") == stored
    assert ci.date_parts(stored) == (parts if stored else ("", "", ""))


@pytest.mark.parametrize(
    ("parts", "says"),
    [
        (("31", "2", ""), "February has no day 31"),
        (("15", "", ""), "choose both the day and the month"),
        (("", "", "1984"), "choose both the day and the month"),
        (("15", "4", "84"), "'84' is not a year; write four digits"),
    ],
)
def test_a_picked_date_that_cannot_be_is_refused_for_its_field(
    parts: tuple[str, str, str], says: str
) -> None:
    with pytest.raises(ValidationError, match=says) as caught:
        ci.date_from_parts(*parts, "birthday")
    assert caught.value.field == "birthday"
