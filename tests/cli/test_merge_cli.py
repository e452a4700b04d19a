"""`callwise contacts merge | unmerge | not-duplicates` as a user types them (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from callwise.cli.app import app

runner = CliRunner()
NOW = "2026-11-24T09:00:00-06:00"


@pytest.fixture
def cw(tmp_path: Path):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'cli.db'}"

    def run(*args: str, code: int = 0) -> str:
        result = runner.invoke(app, ["--db", url, "--now", NOW, *args])
        assert result.exit_code == code, (result.stdout, result.stderr)
        return result.stdout + (result.stderr if code else "")

    return run


def _add(cw, given: str, family: str, *options: str) -> int:  # type: ignore[no-untyped-def]
    out = cw("--json", "contacts", "add", "--given", given, "--family", family, "--force", *options)
    return int(json.loads(out)["id"])


@pytest.fixture
def pair(cw):  # type: ignore[no-untyped-def]
    william = _add(cw, "William", "Hartley", "--phone", "+1 415 555 0162", "--title", "VP")
    bill = _add(cw, "Bill", "Hartley", "--phone", "+1 415 555 0162", "--org", "Harbor")
    return william, bill


def test_the_new_commands_exist_with_help() -> None:
    for name in ("merge", "unmerge", "not-duplicates"):
        result = runner.invoke(app, ["contacts", name, "--help"])
        assert result.exit_code == 0
        assert f"Example: callwise contacts {name}" in " ".join(result.stdout.split())


def test_merge_without_a_terminal_or_yes_shows_the_changes_and_changes_nothing(cw, pair) -> None:  # type: ignore[no-untyped-def]
    william, bill = pair
    out = cw("contacts", "merge", str(william), str(bill), code=7)
    assert "fill organization: Harbor" in out
    assert "keep as alternate given name: Bill (in the notes)" in out
    assert "add --yes to merge" in out
    cw("contacts", "show", str(bill))  # still there


def test_merge_with_yes_then_unmerge(cw, pair) -> None:  # type: ignore[no-untyped-def]
    william, bill = pair
    done = json.loads(cw("--json", "contacts", "merge", str(william), str(bill), "--yes"))
    assert done["keep"] == william and done["other"] == bill and done["merge_id"]
    assert done["contact"]["organization"] == "Harbor"
    assert {"field": "given_name", "value": "Bill"} in done["alternates"]
    cw("contacts", "show", str(bill), code=4)
    assert "No possible duplicates." in cw("contacts", "duplicates")
    out = cw("contacts", "unmerge", str(william), "--yes")
    assert f"#{bill} Bill Hartley is back" in out
    shown = json.loads(cw("--json", "contacts", "show", str(william)))
    assert shown["organization"] == "" and shown["notes"] == ""


def test_not_duplicates_hides_the_pair(cw, pair) -> None:  # type: ignore[no-untyped-def]
    william, bill = pair
    assert "Bill Hartley" in cw("contacts", "duplicates")
    out = cw("contacts", "not-duplicates", str(william), str(bill))
    assert "are two people" in out
    assert "No possible duplicates." in cw("contacts", "duplicates")
    again = json.loads(cw("--json", "contacts", "not-duplicates", str(bill), str(william)))
    assert again == {"first": bill, "second": william, "added": False}


def test_bad_input_is_one_line_each(cw, pair) -> None:  # type: ignore[no-untyped-def]
    william, _bill = pair
    out = cw("contacts", "merge", str(william), str(william), "--yes", code=3)
    assert "one contact; give two different contacts" in out
    out = cw("contacts", "merge", str(william), "999", "--yes", code=4)
    assert "no contact has id 999" in out
    out = cw("contacts", "merge", "Hartley", str(william), "--yes", code=5)
    assert "matches 2 contacts" in out
    out = cw("contacts", "unmerge", str(william), "--yes", code=4)
    assert "no merge into" in out
    assert "Traceback" not in out
