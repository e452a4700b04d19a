"""`callwise today` and `log` agree with the calendar (issue 14): no overdue in time, and what
comes next after a snooze."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from callwise.cli.app import app

runner = CliRunner()
NOW = "2026-11-24T15:00:00Z"  # Tue 24 Nov 2026, 09:00 in Chicago
Run = Callable[..., str]


@pytest.fixture
def cw(tmp_path: Path) -> Run:
    url = f"sqlite:///{tmp_path / 'calendar.db'}"

    def run(*args: str, now: str = NOW, code: int = 0) -> str:
        result = runner.invoke(app, ["--db", url, "--now", now, *args])
        assert result.exit_code == code, (result.stdout, result.stderr)
        return result.stdout

    return run


def test_today_on_the_demo_calls_no_connection_in_time_overdue(cw: Run) -> None:
    cw("demo")
    entries = json.loads(cw("today", "--json"))["days"][0]["entries"]
    connections = [e for e in entries if e["occasions"][0]["kind"] == "connect"]
    assert connections and all(e["overdue_days"] == 0 for e in connections)
    assert [e["priority_text"] for e in connections][:2] == [
        "2 · call by 26 Nov",
        "2 · call by 28 Nov",
    ]
    words = cw("today")
    assert "overdue" not in words.replace("Overdue: days past the date it was due.", "")
    assert "Overdue: days past the date it was due." in words


def test_log_after_a_snooze_proposes_nothing_before_the_snooze_ends(cw: Run) -> None:
    cw("settings", "set", "user_name", "Jordan Lee")
    cw("settings", "set", "user_phone", "+18165550142")
    cw("contacts", "add", "Ann Lowe", "--city", "Denver", "--region", "CO", "--country", "US")
    cw("snooze", "Ann", "--until", "2026-12-10")
    logged = json.loads(cw("log", "Ann", "--outcome", "no-answer", "--follow-up", "+2", "--json"))
    assert logged["next"], logged
    for step in logged["next"]:
        assert step["due"] >= "2026-12-10", step
        assert step["window"]["home_start"] >= "2026-12-10", step
    assert "you snoozed them" in cw("log", "Ann", "--outcome", "busy")
