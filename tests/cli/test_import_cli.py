"""`callwise import` and `callwise export` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from callwise.cli.app import app

FIXTURES = Path(__file__).parent.parent / "fixtures"
runner = CliRunner()


@pytest.fixture
def cw(tmp_path: Path):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'imp.db'}"

    def run(*args: str, code: int = 0) -> tuple[str, str]:
        result = runner.invoke(app, ["--db", url, *args])
        assert result.exit_code == code, (result.stdout, result.stderr)
        return result.stdout, result.stderr

    return run


def test_dry_run_preview_then_import(cw) -> None:  # type: ignore[no-untyped-def]
    out, _ = cw("import", str(FIXTURES / "google_legacy.csv"), "--dry-run")
    assert "Would import: 3 new" in out and "Nothing was written" in out
    assert json.loads(cw("contacts", "list", "--json")[0])["contacts"] == []
    out, _ = cw("import", str(FIXTURES / "google_legacy.csv"))
    assert "Imported: 3 new" in out
    out, _ = cw("import", str(FIXTURES / "google_legacy.csv"))
    assert "0 new, 0 merged, 3 unchanged" in out


def test_rejections_name_their_lines(cw) -> None:  # type: ignore[no-untyped-def]
    _, err = cw("import", str(FIXTURES / "vcard_malformed.vcf"), code=3)
    assert err.startswith("error: file: line ") and "--skip-invalid" in err
    assert err.count("\n") == 1
    out, _ = cw("import", str(FIXTURES / "vcard_malformed.vcf"), "--skip-invalid")
    assert "5 rejected" in out and "line 27: the card has no END:VCARD" in out


def test_json_report(cw) -> None:  # type: ignore[no-untyped-def]
    out, _ = cw("--json", "import", str(FIXTURES / "linkedin_current.csv"), "--skip-invalid")
    data = json.loads(out)
    assert data["format"] == "linkedin" and data["added"] == 4
    assert data["rejected"] == [{"line": 8, "reason": data["rejected"][0]["reason"]}]
    assert data["new"][0]["name"] == "Aisha Bello"


def test_unknown_format_and_missing_file(cw, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, err = cw("import", str(tmp_path / "nope.vcf"), code=3)
    assert "does not exist" in err
    odd = tmp_path / "notes.txt"
    odd.write_text("just some notes\n")
    _, err = cw("import", str(odd), code=3)
    assert err.startswith("error: format: cannot tell the file's format")
    _, err = cw("import", str(FIXTURES / "outlook.csv"), "--region", "XX", code=3)
    assert err.startswith("error: region:")


@pytest.mark.parametrize(
    ("fmt", "first_line"), [("vcard", "BEGIN:VCARD"), ("csv", "First Name,Middle Name,Last Name")]
)
def test_export_formats(cw, tmp_path: Path, fmt: str, first_line: str) -> None:  # type: ignore[no-untyped-def]
    cw("import", str(FIXTURES / "outlook.csv"))
    target = tmp_path / f"out.{fmt}"
    out, _ = cw("export", "--format", fmt, "-o", str(target))
    assert "Wrote 3 contacts" in out
    assert target.read_text("utf-8").startswith(first_line)
