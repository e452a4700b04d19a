"""Hours a contact has stated win over the default preferences (P3.3): OSM syntax or phrases."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callwise.domain.errors import ValidationError
from callwise.domain.stated_hours import StatedHours, StatedHoursError, parse_stated_hours


@pytest.mark.parametrize(
    ("text", "osm"),
    [
        ("Mo-Fr 18:00-20:00", "Mo-Fr 18:00-20:00"),
        ("mo-fr 9:00-17:00", "Mo-Fr 09:00-17:00"),
        ("Mo-Fr 18:00-20:00; PH off", "Mo-Fr 18:00-20:00; PH closed"),
        ("22:00-02:00", "22:00-02:00"),
    ],
)
def test_p3_3_openstreetmap_syntax_is_read_and_normalised(text: str, osm: str) -> None:
    assert parse_stated_hours(text).osm == osm


@pytest.mark.parametrize(
    ("text", "osm"),
    [
        ("weekday evenings", "Mo-Fr 18:00-21:00"),
        ("weekends only", "Sa-Su"),
        ("after 6pm", "18:00-21:00"),
        ("after 8pm", "20:00-22:00"),
        ("before noon", "08:00-12:00"),
        ("before 8am", "06:00-08:00"),
        ("mornings", "09:00-12:00"),
        ("afternoons", "12:00-17:00"),
        ("in the evening", "18:00-21:00"),
        ("lunchtime", "12:00-13:30"),
        ("office hours", "09:00-17:00"),
        ("weekdays 9-5", "Mo-Fr 09:00-17:00"),
        ("9am-5pm", "09:00-17:00"),
        ("6-8pm", "18:00-20:00"),
        ("7-9am", "07:00-09:00"),
        ("11-1pm", "11:00-13:00"),
        ("between 6 and 8pm", "18:00-20:00"),
        ("10pm-2am", "22:00-02:00"),
        ("Tuesdays and Thursdays after 7pm", "Tu,Th 19:00-21:00"),
        ("mon-fri 9am to 5pm; sat mornings", "Mo-Fr 09:00-17:00; Sa 09:00-12:00"),
        ("evenings on weekdays", "Mo-Fr 18:00-21:00"),
        ("weekday evenings, weekends", "Mo-Fr 18:00-21:00; Sa-Su 09:00-21:00"),
        ("Fri-Mon afternoons", "Mo,Fr-Su 12:00-17:00"),
        ("Mo-Fr 9-17", "Mo-Fr 09:00-17:00"),
    ],
)
def test_p3_3_plain_phrases_become_opening_hours(text: str, osm: str) -> None:
    assert parse_stated_hours(text).osm == osm


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("Mo-Fx 18:00-20:00", 4),
        ("weekday evenings except fridays", 18),
        ("not mornings", 1),
        ("  whenever", 3),
        ("Mo-Fr 18:00-20:00 if urgent", 19),
    ],
)
def test_p3_3_unreadable_hours_name_the_field_and_the_position(text: str, position: int) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_stated_hours(text)
    assert caught.value.field == "availability"
    assert isinstance(caught.value, StatedHoursError)
    assert caught.value.position == position
    assert f"at position {position}" in caught.value.message
    assert "Mo-Fr 18:00-20:00" in caught.value.message  # shows the accepted form


def test_p3_3_empty_text_is_rejected() -> None:
    with pytest.raises(ValidationError, match="no hours given"):
        parse_stated_hours("   ")


def test_p3_3_open_intervals_are_clipped_local_wall_clock_ranges() -> None:
    hours = parse_stated_hours("weekday evenings")
    friday, tuesday = dt.datetime(2024, 3, 8, 19, 0), dt.datetime(2024, 3, 12)
    assert hours.open_intervals(friday, tuesday) == [
        (dt.datetime(2024, 3, 8, 19, 0), dt.datetime(2024, 3, 8, 21, 0)),
        (dt.datetime(2024, 3, 11, 18, 0), dt.datetime(2024, 3, 11, 21, 0)),
    ]
    assert hours.is_open(dt.datetime(2024, 3, 11, 20, 59))
    assert not hours.is_open(dt.datetime(2024, 3, 9, 19, 0))  # a Saturday


def test_p3_3_overnight_hours_run_past_midnight() -> None:
    hours = parse_stated_hours("10pm-2am")
    spans = hours.open_intervals(dt.datetime(2024, 3, 9), dt.datetime(2024, 3, 10, 12))
    assert spans == [
        (dt.datetime(2024, 3, 9, 0, 0), dt.datetime(2024, 3, 9, 2, 0)),
        (dt.datetime(2024, 3, 9, 22, 0), dt.datetime(2024, 3, 10, 2, 0)),
    ]


def test_p3_3_stated_hours_compare_by_meaning() -> None:
    assert parse_stated_hours("weekday evenings") == parse_stated_hours("Mo-Fr 18:00-21:00")
    assert hash(parse_stated_hours("weekday evenings")) == hash(StatedHours("Mo-Fr 18:00-21:00"))
    assert parse_stated_hours("weekday evenings").text == "weekday evenings"


def test_p3_2_days_without_times_are_all_day_so_quiet_hours_still_apply() -> None:
    assert parse_stated_hours("weekends").all_day
    assert parse_stated_hours("Mo-Fr").all_day
    assert not parse_stated_hours("weekends after 10am").all_day


def test_stated_hours_are_read_in_naive_local_time() -> None:
    hours = parse_stated_hours("mornings")
    with pytest.raises(ValueError, match="naive"):
        hours.is_open(dt.datetime(2024, 3, 9, 10, tzinfo=dt.UTC))


days = st.sampled_from(["", "weekdays ", "weekends ", "mondays ", "tue-thu ", "daily "])
times = st.sampled_from(
    ["mornings", "evenings", "after 6pm", "before noon", "9-5", "6-8pm", "lunchtime", "10pm-2am"]
)


@given(st.lists(st.tuples(days, times), min_size=1, max_size=3))
def test_p3_3_phrases_give_canonical_osm_that_reads_back_the_same(
    parts: list[tuple[str, str]],
) -> None:
    text = "; ".join(f"{d}{t}" for d, t in parts)
    hours = parse_stated_hours(text)
    assert parse_stated_hours(hours.osm) == hours
    assert parse_stated_hours(hours.osm).osm == hours.osm


@given(st.text(max_size=40))
def test_p3_3_any_text_parses_or_fails_with_a_position_inside_it(text: str) -> None:
    try:
        hours = parse_stated_hours(text)
    except StatedHoursError as error:
        assert 1 <= error.position <= len(text) + 1
        assert error.field == "availability"
    else:
        assert hours.osm
