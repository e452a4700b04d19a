"""Imports say how many contacts were guessed business and why, and `contacts edit
--all-matching WORDS --kind KIND` changes the relationship of every contact a search finds
(issue 14.9), on a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from callwise.cli.app import app

FIXTURES = Path(__file__).parent.parent / "fixtures"
NOW = "2026-11-24T09:00:00-06:00"
runner = CliRunner()


@pytest.fixture
def cw(tmp_path: Path):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'kinds.db'}"

    def run(*args: str, code: int = 0, given: str | None = None) -> tuple[str, str]:
        result = runner.invoke(app, ["--db", url, "--now", NOW, *args], input=given)
        assert result.exit_code == code, (result.stdout, result.stderr)
        return result.stdout, result.stderr

    return run


def _kinds(cw) -> dict[str, str]:  # type: ignore[no-untyped-def]
    out, _ = cw("--json", "contacts", "list")
    return {c["name"]: c["kind"] for c in json.loads(out)["contacts"]}


def test_the_import_report_says_how_many_were_guessed_business_and_why(cw) -> None:  # type: ignore[no-untyped-def]
    out, _ = cw("import", str(FIXTURES / "vcard_kinds.vcf"))
    assert (
        "4 guessed business (job title, company, work number, work email or professional "
        "title); change with `callwise contacts edit --all-matching WORDS --kind personal`."
    ) in " ".join(out.split())
    out, _ = cw("--json", "import", str(FIXTURES / "google_kinds.csv"), "--dry-run")
    assert json.loads(out)["guessed_business"] == {
        "count": 2,
        "evidence": ["job title", "company", "work number", "work email", "professional title"],
    }


def test_edit_all_matching_asks_then_changes_every_contact_found(cw) -> None:  # type: ignore[no-untyped-def]
    cw("import", str(FIXTURES / "google_kinds.csv"))
    cw("contacts", "add", "Leo Harbor", "--kind", "business")
    assert _kinds(cw)["Wen Li"] == "business"

    _, err = cw("contacts", "edit", "--all-matching", "harbor", "--kind", "personal", code=7)
    assert "Mark 2 of the 2 contacts matching 'harbor' as personal" in err
    assert "add --yes" in err
    assert _kinds(cw)["Wen Li"] == "business"  # declined: nothing changed

    args = ("contacts", "edit", "--all-matching", "harbor", "--kind", "personal", "--yes")
    out, _ = cw(*args)
    assert "Marked 2 contacts matching 'harbor' as personal (0 were personal already)." in out
    kinds = _kinds(cw)
    assert kinds["Wen Li"] == kinds["Leo Harbor"] == "personal"
    assert kinds["Nadia Farouk"] == "business"  # not found by the words: unchanged

    out, _ = cw("--json", *args)
    assert json.loads(out) == {"kind": "personal", "matching": 2, "changed": 0}


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (("--all-matching", "harbor"), 3, "give --kind"),
        (("--all-matching", "harbor", "--kind", "business", "--title", "CEO"), 3, "give --kind"),
        (("Wen", "--all-matching", "harbor", "--kind", "business"), 3, "no contact or other"),
        (("--all-matching", "nobody here", "--kind", "business"), 4, "no contact matches"),
        (("--all-matching", "harbor", "--kind", "friendly"), 3, "not a relationship kind"),
        (("--all-matching", "  ", "--kind", "business"), 3, "give words to search for"),
        ((), 3, "give a contact"),
    ],
)
def test_edit_all_matching_refuses_what_it_cannot_do_and_changes_nothing(
    cw,  # type: ignore[no-untyped-def]
    args: tuple[str, ...],
    code: int,
    says: str,
) -> None:
    cw("import", str(FIXTURES / "google_kinds.csv"))
    before = _kinds(cw)
    _, err = cw("contacts", "edit", *args, code=code)
    assert says in err and len(err.strip().splitlines()) == 1
    assert _kinds(cw) == before
