"""`callwise today`, `week`, `plan`, `snooze`, `trips`, `occasions`, `calendar export`: the
output in words and as JSON, and bad input as one line with exit code 3 (issue 5)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from callwise.cli.app import app

runner = CliRunner()
NOW = "2026-11-24T15:00:00Z"  # Tue 24 Nov 2026, 09:00 in Chicago
Run = Callable[..., str]

ENTRY_KEYS = {
    "contact",
    "date",
    "priority",
    "priority_text",
    "why_now",
    "fixed_day",
    "reasons",
    "occasions",
    "overdue_days",
    "local_time_now",
    "zone",
    "window",
    "estimated_minutes",
    "over_budget",
    "needs_answer",
    "script",
    "notes",
}
PLAN_KEYS = {"now", "home_zone", "from", "to", "budget", "days", "pushed"}


@pytest.fixture
def cw(tmp_path: Path) -> Run:
    url = f"sqlite:///{tmp_path / 'plan.db'}"

    def run(*args: str, now: str = NOW, code: int = 0) -> str:
        result = runner.invoke(app, ["--db", url, "--now", now, *args])
        assert result.exit_code == code, (result.stdout, result.stderr)
        return result.stdout if "--json" in args else result.stdout + result.stderr

    berlin = ("--city", "Berlin", "--country", "DE", "--phone", "+4930901820")
    run("contacts", "add", "Ana Berger", "--birthday", "--11-24", *berlin)
    run(
        "contacts",
        "add",
        "Raj Mehta",
        "--cadence",
        "14",
        "--city",
        "Denver",
        now="2026-10-01T12:00:00Z",
    )
    return run


def test_today_in_words_with_what_is_left_and_the_week_ahead(cw: Run) -> None:
    out = cw("today")
    for words in (
        "Fixed day (birthday",  # the words of the rank, wrapped in the table
        "Ana Berger",
        "Birthday today",
        "40 days past",
        "Keep in touch every 14 days",
        "theirs",
        "yours",
        "Left today: 2 calls, about 15 minutes",
        "Week ahead",
    ):
        assert words in out, words


def test_today_as_json(cw: Run) -> None:
    data = json.loads(cw("today", "--json"))
    assert set(data) == PLAN_KEYS | {"left_today", "waiting", "week_ahead"}
    assert data["from"] == data["to"] == "2026-11-24"
    assert data["budget"] == {"calls": 8, "minutes": 60}
    assert data["left_today"] == {"calls": 2, "minutes": 15}
    assert [d["date"] for d in data["week_ahead"]][:2] == ["2026-11-25", "2026-11-26"]
    assert set(data["week_ahead"][0]) == {
        "date",
        "birthdays",
        "dates",
        "connection_deadlines",
        "trips_starting",
    }
    first, second = data["days"][0]["entries"]
    assert set(first) == ENTRY_KEYS
    assert first["contact"] == {
        "id": 1,
        "name": "Ana Berger",
        "phone": "+4930901820",
        "tel": "tel:+49-30-901820",
    }
    assert first["priority"] == 1 and first["zone"] == "Europe/Berlin"
    assert first["local_time_now"] == "2026-11-24T16:00:00+01:00"
    assert first["occasions"][0]["kind"] == "birthday" and first["occasions"][0]["rule"] == "P9.1"
    assert set(first["window"]) == {"start", "end", "home_start", "home_end", "tag"}
    assert second["overdue_days"] == 40 and second["priority_text"] == "2 · 40 days overdue"


def test_week_spreads_the_calls_over_the_budget(cw: Run) -> None:
    cw("settings", "set", "daily_calls", "1")
    cw("contacts", "add", "Bea Holm", "--birthday", "1990-11-24", "--city", "Chicago")
    cw("contacts", "add", "Lou Finch", "--cadence", "14", "--city", "Denver", now="2026-10-02")
    data = json.loads(cw("week", "--json"))
    assert set(data) == PLAN_KEYS and len(data["days"]) == 7
    assert [d["calls"] for d in data["days"][:3]] == [2, 1, 1]  # a birthday goes over budget
    assert data["days"][0]["over_budget"] is True
    out = cw("week")
    assert "The spread" in out and "2/1" in out and "over your daily budget" in out


def test_plan_between_two_days(cw: Run) -> None:
    data = json.loads(cw("plan", "--from", "2026-11-25", "--to", "+3", "--json"))
    assert [d["date"] for d in data["days"]] == [
        "2026-11-25",
        "2026-11-26",
        "2026-11-27",
    ]


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("plan", "--from", "next week"), "--from"),
        (("plan", "--from", "2026-11-30", "--to", "2026-11-29"), "--to"),
        (("plan", "--from", "2026-11-01"), "--from"),
        (("plan", "--to", "+400"), "--to"),
        (("snooze", "Raj", "--until", "2026-11-20"), "--until"),
        (("snooze", "Raj", "--until", "soon"), "--until"),
        (("trips", "add", "Denver", "--from", "+3", "--to", "+1"), "--to"),
        (("trips", "add", "Denver", "--from", "3 Dec", "--to", "+1"), "--from"),
        (
            ("trips", "add", "Denver", "--from", "+3", "--to", "+5", "--country", "Atlantis"),
            "--country",
        ),
        (("occasions", "add", "Raj", "Name day", "--rrule", "FREQ=HOURLY"), "rrule"),
        (("occasions", "add", "Raj", "Name day", "--rrule", "every june"), "rrule"),
        (("occasions", "add", "Raj", "X", "--rrule", "FREQ=YEARLY", "--start", "x"), "--start"),
        (("calendar", "export", "-o", "x.ics", "--days", "0"), "--days"),
    ],
)
def test_bad_input_names_the_field_and_exits_3(cw: Run, args: tuple[str, ...], field: str) -> None:
    out = cw(*args, code=3)
    assert f"error: {field}:" in out
    assert len(out.strip().splitlines()) == 1


def test_snooze_leaves_the_contact_out_until_the_date(cw: Run) -> None:
    data = json.loads(
        cw("snooze", "Raj", "--until", "2026-11-27", "--reason", "travelling", "--json")
    )
    assert data == {
        "contact": {"id": 2, "name": "Raj Mehta"},
        "until": "2026-11-27",
        "reason": "travelling",
    }
    days = json.loads(cw("week", "--json"))["days"]
    names = [[e["contact"]["name"] for e in d["entries"]] for d in days]
    assert names[:4] == [["Ana Berger"], [], [], ["Raj Mehta"]]
    assert "Snoozed Raj Mehta until Fri 27 Nov 2026" in cw("snooze", "Raj", "--until", "+3")
    cw("snooze", "Nobody", "--until", "+3", code=4)


def test_trips_add_list_remove_and_the_invitation(cw: Run) -> None:
    data = json.loads(
        cw("trips", "add", "Denver", "--from", "+7", "--to", "+9", "--region", "CO", "--json")
    )
    trip = data["trip"]
    assert data["warning"] == "" and trip["id"] == 1 and trip["country"] == ""
    assert (trip["start"], trip["end"]) == ("2026-12-01", "2026-12-03")
    assert round(trip["latitude"]) == 40
    entries = json.loads(cw("plan", "--from", "+2", "--to", "+2", "--json"))["days"][0]["entries"]
    raj = next(e for e in entries if e["contact"]["name"] == "Raj Mehta")
    assert "You'll be in Denver 1-3 Dec: invite to lunch or coffee" in raj["reasons"]
    assert [t["city"] for t in json.loads(cw("trips", "list", "--json"))["trips"]] == ["Denver"]
    assert "Denver" in cw("trips", "list")
    out = cw("trips", "add", "Xyzzyville", "--from", "+1", "--to", "+2")
    assert "does not know the city 'Xyzzyville'" in out and "Trip #2" in out
    # P9.3: a name of several places says which one the trip took and how to choose another.
    some = json.loads(cw("trips", "add", "Springfield", "--from", "+1", "--to", "+2", "--json"))
    assert "the trip is to Springfield, Missouri, United States" in some["warning"]
    assert (
        "Springfield, Illinois, United States" in some["warning"] and "--region" in some["warning"]
    )
    one = cw(
        "trips", "add", "Springfield", "--region", "IL", "--from", "+1", "--to", "+2", "--json"
    )
    assert json.loads(one)["warning"] == ""
    cw("trips", "remove", "3")
    cw("trips", "remove", "4")
    assert json.loads(cw("trips", "remove", "1", "--json")) == {"removed": 1}
    cw("trips", "remove", "1", code=4)


def test_occasions_add_shows_the_next_dates(cw: Run) -> None:
    rule = "RRULE:FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=26"
    data = json.loads(cw("occasions", "add", "Ana", "Name day", "--rrule", rule, "--json"))
    assert data["occasion"]["rrule"] == "FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=26"
    assert data["occasion"]["contact"] == {"id": 1, "name": "Ana Berger"}
    assert data["next_dates"] == ["2027-07-26", "2028-07-26"]
    out = cw("occasions", "add", "Raj", "Check", "--rrule", "FREQ=MONTHLY")
    assert "Next: Tue 24 Nov 2026, Thu 24 Dec 2026, Sun 24 Jan 2027." in out


def test_calendar_export_writes_a_calendar_that_parses(cw: Run, tmp_path: Path) -> None:
    cw("settings", "set", "user_name", "Sam Lee")
    cw("settings", "set", "user_phone", "+13125550100")
    path = tmp_path / "calls.ics"
    data = json.loads(cw("calendar", "export", "-o", str(path), "--days", "3", "--json"))
    assert data == {
        "output": str(path),
        "calls": 2,
        "birthdays": 1,
        "opening_lines": 2,
        "note": "",
    }
    calendar = Calendar.from_ical(path.read_bytes())
    zones = {str(z["TZID"]) for z in calendar.walk("VTIMEZONE")}
    assert {"Europe/Berlin", "America/Denver"} <= zones
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    call = events["call-1-2026-11-24@callwise"]
    assert str(call["URL"]) == "tel:+49-30-901820"
    assert call.decoded("DTSTART").tzinfo is not None
    assert str(call["DTSTART"].params["TZID"]) == "Europe/Berlin"
    assert "Birthday today" in str(call["DESCRIPTION"]) and "Opening:" in str(call["DESCRIPTION"])
    assert call.walk("VALARM")
    assert events["birthday-1@callwise"]["RRULE"]["FREQ"] == ["YEARLY"]
    assert "Wrote 2 calls and 1 birthdays" in cw("calendar", "export", "-o", str(path))


def test_the_commands_exist_with_examples() -> None:
    for path in (
        ["today"],
        ["week"],
        ["plan"],
        ["snooze"],
        ["trips", "add"],
        ["trips", "list"],
        ["trips", "remove"],
        ["occasions", "add"],
        ["calendar", "export"],
    ):
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0 and "Example: callwise" in result.stdout, path
