"""`callwise when`: their local time, whether now is courteous, the next windows (P3.1-P3.4)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from callwise.cli.app import app

runner = CliRunner()


@pytest.fixture
def cw(tmp_path: Path):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'when.db'}"

    def run(*args: str, now: str = "2026-11-24T11:40:00Z", code: int = 0) -> str:
        result = runner.invoke(app, ["--db", url, "--now", now, *args])
        assert result.exit_code == code, (result.stdout, result.stderr)
        return result.stdout + result.stderr

    run(
        "contacts",
        "add",
        "Royce Bell",
        "--kind",
        "personal",
        "--city",
        "Kansas City",
        "--region",
        "MO",
        "--country",
        "US",
    )
    return run


def test_too_early_in_kansas_city_and_the_next_windows_in_both_zones(cw) -> None:  # type: ignore[no-untyped-def]
    """P3.2: 05:40 local is too early; P3.1: the windows are mid-afternoon and early evening."""
    out = cw("when", "royce")
    assert "05:40 in Kansas City: too early" in out
    data = json.loads(cw("when", "royce", "--json"))
    assert data["ok"] is False and data["location"]["source"] == "city"
    assert data["location"]["zone"] == "America/Chicago"
    first = data["windows"][0]
    assert first["start"] == "2026-11-24T09:00:00-06:00"
    assert [w["tag"] for w in data["windows"][:2]] == ["acceptable", "preferred"]
    assert data["windows"][1]["start"] == "2026-11-24T14:00:00-06:00"


def test_stated_hours_win_and_are_shown_in_the_reason(cw) -> None:  # type: ignore[no-untyped-def]
    """P3.3: the hours the contact gave override the defaults."""
    cw("contacts", "edit", "royce", "--hours", "weekday evenings")
    data = json.loads(cw("when", "royce", "--json", now="2026-11-24T20:00:00Z"))
    assert data["ok"] is False and "outside the hours they gave" in data["reason"]
    assert all(dt.datetime.fromisoformat(w["start"]).hour >= 17 for w in data["windows"])


def test_unreadable_stated_hours_are_refused_with_the_position(cw) -> None:  # type: ignore[no-untyped-def]
    out = cw("contacts", "edit", "royce", "--hours", "Mo-Fx 18:00-20:00", code=3)
    assert "error: availability:" in out and "position 4" in out


def test_no_business_calls_on_thanksgiving(cw) -> None:  # type: ignore[no-untyped-def]
    cw("contacts", "add", "Ada Park", "--kind", "business", "--city", "Denver", "--country", "US")
    data = json.loads(cw("when", "ada park", "--json", now="2026-11-26T17:00:00Z"))
    assert data["ok"] is False and "Thanksgiving" in data["reason"]
    assert data["windows"][0]["start"].startswith("2026-11-27")


def test_an_unknown_place_uses_your_zone_and_says_so(cw) -> None:  # type: ignore[no-untyped-def]
    cw("contacts", "add", "Mo Reyes")
    data = json.loads(cw("when", "mo reyes", "--json"))
    assert data["location"]["source"] == "unknown"
    assert data["location"]["zone"] == "America/Chicago"
    assert "your own zone" in cw("when", "mo reyes")
