"""The plan as an .ics file, read back by a real calendar program, khal (RFC 5545, P3.1, P9.1)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from callwise.domain.calls import Call, Outcome
from callwise.domain.courtesy import CourtesyPlanner
from callwise.domain.model import Contact, PartialDate, Phone
from callwise.domain.occasions import ContactHistory, PlanPolicy
from callwise.domain.plan import Plan, build_plan, candidate_for
from callwise.domain.settings import Settings
from callwise.interchange.ical import calendar_bytes

CHICAGO = ZoneInfo("America/Chicago")
NOW = dt.datetime(2026, 11, 24, 6, 0, tzinfo=CHICAGO)  # Tuesday, before your calling hours
TODAY = NOW.date()
KHAL = Path(sys.executable).parent / "khal"

ANA = Contact(
    id=1,
    given_name="Ana",
    family_name="Berger",
    time_zone="Europe/Berlin",
    birthday=PartialDate(11, 24, 1976),
    phones=(Phone("+49 30 1234567", valid=False), Phone("+4930901820")),
    created_at=NOW,
)
RAJ = Contact(id=2, given_name="Raj", time_zone="America/New_York", created_at=NOW)
EVE = Contact(id=3, given_name="Eve", time_zone="America/Chicago", birthday=PartialDate(2, 29))


def no_holidays(country: str, subdivision: str, day: dt.date) -> str | None:
    return None


def small_plan() -> Plan:
    settings = Settings.defaults()
    planner = CourtesyPlanner(settings, settings.home_zone, no_holidays)
    raj_call = Call(2, NOW - dt.timedelta(days=45), Outcome.CONNECTED)
    histories = [ContactHistory(ANA), ContactHistory(RAJ, calls=(raj_call,))]
    policy = PlanPolicy.from_settings(settings)
    candidates = [
        candidate_for(h, start=TODAY, days=1, now=NOW, planner=planner, policy=policy)
        for h in histories
    ]
    return build_plan(candidates, TODAY, 1, NOW, settings, planner)


def export(tmp_path: Path) -> tuple[Plan, Path]:
    plan = small_plan()
    data = calendar_bytes(
        plan,
        [(ANA, PartialDate(11, 24, 1976)), (EVE, PartialDate(2, 29))],
        opening_lines={1: "Happy birthday, Ana! It's Sam from the Lisbon summit."},
        home_zone="America/Chicago",
        now=NOW,
    )
    path = tmp_path / "plan.ics"
    path.write_bytes(data)
    return plan, path


def khal(tmp_path: Path, *args: str) -> str:
    """Run the real khal CLI against a config and a vdir calendar inside `tmp_path`."""
    if not KHAL.exists():
        pytest.skip(f"khal is not installed next to {sys.executable}")
    config = tmp_path / "config" / "khal" / "config"
    if not config.exists():
        vdir = tmp_path / "calendars" / "callwise"
        vdir.mkdir(parents=True)
        config.parent.mkdir(parents=True)
        config.write_text(
            "[calendars]\n[[callwise]]\n"
            f"path = {vdir}\ntype = calendar\n\n"
            "[locale]\nlocal_timezone = America/Chicago\ndefault_timezone = America/Chicago\n"
            "timeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
            "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n\n"
            "[default]\ndefault_calendar = callwise\n"
        )
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    done = subprocess.run(
        [str(KHAL), *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def listed(tmp_path: Path, start: str, span: str) -> list[dict[str, str]]:
    fields = ("title", "start-long-full", "end-long-full", "url", "description", "all-day")
    options = [item for name in fields for item in ("--json", name)]
    out = khal(tmp_path, "list", *options, start, span)
    return [event for line in out.splitlines() if line.strip() for event in json.loads(line)]


def test_planned_calls_land_in_khal_at_their_courteous_time(tmp_path: Path) -> None:
    plan, path = export(tmp_path)
    khal(tmp_path, "import", "--batch", "-a", "callwise", str(path))
    events = {e["title"]: e for e in listed(tmp_path, "2026-11-24", "1d")}
    # Berlin is 7 hours ahead: her window opens 16:00 there when your calling hours open, 09:00.
    ana, raj = events["Call Ana Berger"], events["Call Raj"]
    (ana_entry,) = [e for e in plan.entries if e.contact.id == 1]
    assert ana_entry.window is not None
    expected = ana_entry.window.start.astimezone(CHICAGO)
    assert ana["start-long-full"] == f"{expected:%Y-%m-%d %H:%M}" == "2026-11-24 09:00"
    minutes = ana_entry.estimated_minutes
    assert ana["end-long-full"] == f"{expected + dt.timedelta(minutes=minutes):%Y-%m-%d %H:%M}"
    assert ana["url"] == "tel:+49-30-901820"
    assert "Birthday today: turns 50" in ana["description"]
    assert "Happy birthday, Ana!" in ana["description"]
    # New York is an hour ahead; Raj's call follows Ana's so the day reads as a schedule.
    assert raj["start-long-full"] >= ana["end-long-full"]
    assert "Keep in touch every 30 days: last contact 45 days ago" in raj["description"]
    assert events["Birthday: Ana Berger (born 1976)"]["all-day"] == "True"


def test_birthdays_recur_yearly_and_29_february_falls_on_28_february(tmp_path: Path) -> None:
    _, path = export(tmp_path)
    khal(tmp_path, "import", "--batch", "-a", "callwise", str(path))
    assert [e["title"] for e in listed(tmp_path, "2027-02-27", "3d")] == ["Birthday: Eve"]
    common = listed(tmp_path, "2027-02-28", "1d")
    assert [e["title"] for e in common] == ["Birthday: Eve"]
    assert [e["title"] for e in listed(tmp_path, "2028-02-29", "1d")] == ["Birthday: Eve"]
    next_year = [e["title"] for e in listed(tmp_path, "2027-11-24", "1d")]
    assert next_year == ["Birthday: Ana Berger (born 1976)"]


def test_calendar_has_timezones_alarms_and_stable_uids(tmp_path: Path) -> None:
    _, path = export(tmp_path)
    calendar = Calendar.from_ical(path.read_bytes())
    zones = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    assert {"Europe/Berlin", "America/New_York"} <= zones
    calls = [e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]).startswith("Call ")]
    assert {str(e["UID"]) for e in calls} == {
        "call-1-2026-11-24@callwise",
        "call-2-2026-11-24@callwise",
    }
    for event in calls:
        (alarm,) = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm.decoded("TRIGGER") == -dt.timedelta(minutes=10)
    (tmp_path / "again").mkdir()
    _, again = export(tmp_path / "again")
    assert again.read_bytes() == path.read_bytes()  # the same plan, the same file
