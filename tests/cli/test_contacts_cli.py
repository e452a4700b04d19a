"""The contacts commands as a user types them, on a real SQLite file."""

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

    def run(*args: str, code: int = 0) -> tuple[str, str]:
        result = runner.invoke(app, ["--db", url, "--now", NOW, *args])
        assert result.exit_code == code, (result.stdout, result.stderr)
        return result.stdout, result.stderr

    return run


DANA = [
    "contacts",
    "add",
    "Dana Whitfield",
    "--kind",
    "business",
    "--honorific",
    "Ms.",
    "--title",
    "VP Operations",
    "--org",
    "Harbor Freight Lines",
    "--phone",
    "work:(816) 555-0142",
    "--city",
    "Kansas City",
    "--region",
    "MO",
    "--country",
    "US",
    "--met-event",
    "Chamber luncheon",
    "--met-date",
    "2026-10-02",
    "--birthday",
    "--04-15",
    "--assistant",
    "Ray Ochoa",
    "--assistant-phone",
    "816 555 0199",
    "--avoid",
    "her divorce",
    "--tag",
    "clients",
    "--cadence",
    "30",
]


def test_add_then_show_everything(cw) -> None:  # type: ignore[no-untyped-def]
    out, _ = cw(*DANA)
    assert "Added Dana Whitfield (#1)" in out
    out, _ = cw("contacts", "show", "dana")
    for expected in (
        "Ms.",
        "VP Operations",
        "Harbor Freight Lines",
        "Chamber luncheon",
        "+1 816-555-0142",
        "Ray Ochoa",
        "her divorce",
        "--04-15",
        "every 30 days",
    ):
        assert expected in out


def test_json_output_is_one_document_with_stable_keys(cw) -> None:  # type: ignore[no-untyped-def]
    cw(*DANA)
    out, _ = cw("contacts", "show", "1", "--json")
    data = json.loads(out)
    assert data["phones"] == [{"number": "+18165550142", "label": "work", "valid": True}]
    assert data["gatekeeper"] == {"name": "Ray Ochoa", "role": "assistant", "phone": "+18165550199"}
    assert data["birthday"] == "--04-15" and data["created_at"] == "2026-11-24T15:00:00Z"
    listing = json.loads(cw("--json", "contacts", "list")[0])
    assert [c["id"] for c in listing["contacts"]] == [1] and listing["more"] is False


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--phone", "12"], "phone"),
        (["--country", "Narnia"], "country"),
        (["--zone", "Mars/Olympus"], "time_zone"),
        (["--birthday", "2021-02-30"], "birthday"),
        (["--given", " ", "--family", ""], "name"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(cw, args: list[str], field: str) -> None:  # type: ignore[no-untyped-def]
    _, err = cw("contacts", "add", "Bo Jones", *args, code=3)
    assert err.startswith(f"error: {field}:") and err.count("\n") == 1, err
    assert "Traceback" not in err
    assert json.loads(cw("contacts", "list", "--json")[0])["contacts"] == []


def test_duplicate_phone_fails_without_a_terminal_unless_forced(cw) -> None:  # type: ignore[no-untyped-def]
    cw(*DANA)
    _, err = cw("contacts", "add", "Ray Ochoa", "--phone", "+18165550142", code=6)
    assert "already belongs to Dana Whitfield (#1)" in err and "--force" in err
    cw("contacts", "add", "Ray Ochoa", "--phone", "+18165550142", "--force")
    # Issue 13, item 7: editing Ray, who shares Dana's number, asks nothing more.
    cw("contacts", "edit", "Ray Ochoa", "--title", "Chef")
    _, err = cw("contacts", "edit", "Ray Ochoa", "--phone", "+18165550142", "--title", "Cook")
    assert err == ""


def test_unknown_and_ambiguous_contacts(cw) -> None:  # type: ignore[no-untyped-def]
    cw("contacts", "add", "Dan Ortiz")
    cw("contacts", "add", "Danielle Ortiz")
    _, err = cw("contacts", "show", "nobody", code=4)
    assert err.startswith("error: contact: no contact matches 'nobody'")
    _, err = cw("contacts", "show", "ortiz", code=5)
    assert "matches 2 contacts" in err and "#1 Dan Ortiz" in err and "#2 Danielle Ortiz" in err


def test_edit_replaces_text_and_adds_or_removes_list_items(cw) -> None:  # type: ignore[no-untyped-def]
    cw(*DANA)
    cw(
        "contacts",
        "edit",
        "Dana Whitfield",
        "--title",
        "COO",
        "--tag",
        "vip",
        "--remove-tag",
        "clients",
        "--phone",
        "mobile:816 555 0150",
        "--remove-phone",
        "816-555-0142",
        "--city",
        "",
        "--cadence",
        "none",
    )
    data = json.loads(cw("contacts", "show", "1", "--json")[0])
    assert data["job_title"] == "COO" and data["tags"] == ["vip"] and data["city"] == ""
    assert data["phones"] == [{"number": "+18165550150", "label": "mobile", "valid": True}]
    assert data["cadence_days"] is None


def test_find_and_global_options_anywhere(cw) -> None:  # type: ignore[no-untyped-def]
    cw(*DANA)
    cw("contacts", "add", "Zoë Müller", "--city", "Zürich", "--country", "CH")
    data = json.loads(cw("contacts", "find", "ZURICH", "--json")[0])
    assert [c["name"] for c in data["contacts"]] == ["Zoë Müller"]
    assert "Dana Whitfield" in cw("contacts", "find", "harbor freight")[0]


def test_remove_asks_and_without_a_terminal_needs_yes(cw) -> None:  # type: ignore[no-untyped-def]
    cw(*DANA)
    _, err = cw("contacts", "remove", "dana", code=7)
    assert "--yes" in err
    assert json.loads(cw("contacts", "list", "--json")[0])["contacts"] != []
    out, _ = cw("contacts", "remove", "dana", "--yes")
    assert "Removed Dana Whitfield (#1)" in out


def test_export_then_import_restores_a_removed_contact(cw, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cw(*DANA)
    backup_file = tmp_path / "backup.json"
    assert "Wrote 1 contacts" in cw("export", "--format", "json", "-o", str(backup_file))[0]
    cw("contacts", "remove", "1", "--yes")
    out, _ = cw("import", str(backup_file))
    assert "Restored 1 new" in out
    assert json.loads(cw("contacts", "show", "1", "--json")[0])["organization"] == (
        "Harbor Freight Lines"
    )


def test_errors_under_json_are_json_too(cw) -> None:  # type: ignore[no-untyped-def]
    out, _ = cw("--json", "contacts", "show", "42", code=4)
    assert json.loads(out)["error"]["field"] == "contact"


def test_bad_now_and_bad_db_are_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--now", "yesterday", "contacts", "list"])
    assert result.exit_code == 3 and result.stderr.startswith("error: now:")
    result = runner.invoke(app, ["--db", "nonsense://", "contacts", "list"])
    assert result.exit_code == 8 and result.stderr.startswith("error: db:")


def test_p8_2_contacts_add_and_edit_mask_notes_and_say_which_field(cw) -> None:  # type: ignore[no-untyped-def]
    _out, err = cw("contacts", "add", "Ana Reyes", "--notes", "SSN 123-45-6789 on file")
    assert "warning: notes: a social security number was masked (ending 6789)" in err
    _out, err = cw("contacts", "edit", "Ana Reyes", "--family-notes", "card 4111-1111-1111-1111")
    assert "warning: family notes: a payment card number was masked (ending 1111)" in err
    shown = json.loads(cw("--json", "contacts", "show", "Ana Reyes")[0])
    assert shown["notes"] == "SSN ***-**-6789 on file"
    assert shown["family_notes"] == "card ****-****-****-1111"
