"""`callwise contacts duplicates` as a user types it, on a real SQLite file (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from callwise.cli.app import app

runner = CliRunner()
NOW = "2026-11-24T09:00:00-06:00"
SHARED_LINE = "work:+1 312 555 0100"


@pytest.fixture
def cw(tmp_path: Path):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'cli.db'}"

    def run(*args: str, code: int = 0) -> str:
        result = runner.invoke(app, ["--db", url, "--now", NOW, *args])
        assert result.exit_code == code, (result.stdout, result.stderr)
        return result.stdout

    return run


def _add(cw, given: str, family: str, *options: str) -> int:  # type: ignore[no-untyped-def]
    out = cw("--json", "contacts", "add", "--given", given, "--family", family, "--force", *options)
    return int(json.loads(out)["id"])


@pytest.fixture
def book(cw):  # type: ignore[no-untyped-def]
    """William and Bill Hartley on one mobile; two colleagues on their firm's main line."""
    ids = {
        "william": _add(cw, "William", "Hartley", "--phone", "+1 415 555 0162"),
        "bill": _add(cw, "Bill", "Hartley", "--phone", "mobile:+1 415 555 0162"),
        "claire": _add(cw, "Claire", "Donovan", "--phone", SHARED_LINE, "--org", "Calder"),
        "marcus": _add(cw, "Marcus", "Webb", "--phone", SHARED_LINE, "--org", "Calder"),
    }
    return ids


def test_the_table_names_both_contacts_and_the_evidence(cw, book) -> None:  # type: ignore[no-untyped-def]
    out = " ".join(cw("contacts", "duplicates").split())
    assert "Possible duplicates" in out
    assert "William Hartley" in out and "Bill Hartley" in out
    assert "same phone, name (William/Bill, nickname)" in out
    assert "Claire" not in out and "Marcus" not in out


def test_json_lists_pairs_with_their_evidence(cw, book) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(cw("--json", "contacts", "duplicates"))
    assert data["count"] == 1
    (pair,) = data["duplicates"]
    assert {pair["first"]["id"], pair["second"]["id"]} == {book["william"], book["bill"]}
    assert pair["shared"] == ["phone"]
    assert pair["keys"] == ["phone:+14155550162"]
    assert pair["names"] == "nickname"
    assert pair["same_person"] is True
    assert 0 < pair["score"] <= 1


def test_json_after_the_command_works_too(cw, book) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(cw("contacts", "duplicates", "--json", "--limit", "1"))
    assert data["count"] == 1


def test_an_empty_book_says_so(cw) -> None:  # type: ignore[no-untyped-def]
    assert "No possible duplicates." in cw("contacts", "duplicates")
    assert json.loads(cw("--json", "contacts", "duplicates")) == {"duplicates": [], "count": 0}


def test_a_bad_limit_names_the_option(cw) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["contacts", "duplicates", "--limit", "0"])
    assert result.exit_code != 0
    assert "--limit" in result.stdout + result.stderr
