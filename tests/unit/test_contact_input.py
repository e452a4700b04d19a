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
