"""`callwise import` and `callwise export` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from callwise.cli.app import app
from callwise.cli.args import ImportArgs, quick_import
from callwise.cli.import_report import report_json
from callwise.domain.model import Contact
from callwise.interchange.vcard import write_vcards
from callwise.services import importer
from callwise.services.app import open_app
from callwise.services.import_source import PARALLEL_FROM_BYTES
from callwise.services.synthetic import synthetic_contacts
from callwise.store.contacts import iter_contacts
from conftest import NOW

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


def test_plain_import_lines_are_recognised_for_an_early_start() -> None:
    assert quick_import(["import", "a.vcf"]) == ImportArgs("a.vcf")
    assert quick_import(
        ["--db", "sqlite:///x.db", "import", "--format=vcard", "a.vcf", "--dry-run", "--json"]
    ) == ImportArgs("a.vcf", "vcard")
    assert quick_import(["import", "a.csv", "--region", "GB", "--skip-invalid"]) == ImportArgs(
        "a.csv"
    )
    for argv in (["import"], ["import", "--help"], ["export", "a.vcf"], ["import", "a", "b"]):
        assert quick_import(argv) is None


def _run_main(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed entry point, as people run it."""
    script = (
        "import sys; sys.argv = ['callwise', *sys.argv[1:]]\n"
        "from callwise.cli.app import main\nmain()\n"
    )
    return subprocess.run(
        [sys.executable, "-c", script, "--now", NOW.isoformat(), *args],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def big_vcf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A file large enough to be read by early readers (above PARALLEL_FROM_BYTES)."""
    path = tmp_path_factory.mktemp("big") / "big.vcf"
    made = list(synthetic_contacts(2600, 4, today=NOW.date()))
    with path.open("w", encoding="utf-8", newline="") as out:
        out.writelines(write_vcards([*made, *made[:50]]))  # the last 50 repeat the first
    assert path.stat().st_size > PARALLEL_FROM_BYTES
    return path


def _stored(url: str) -> list[Contact]:
    app_ = open_app(url, NOW)
    try:
        with app_.engine.connect() as conn:
            return list(iter_contacts(conn))
    finally:
        app_.engine.dispose()


def test_a_large_import_through_the_entry_point_stores_what_reading_in_one_process_does(
    big_vcf: Path, tmp_path: Path
) -> None:
    """Early readers, two of them sharing the file by parts: the same contacts, merges and
    report as reading it all in this process."""
    url = f"sqlite:///{tmp_path / 'early.db'}"
    done = _run_main("--db", url, "--json", "import", str(big_vcf))
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    here_url = f"sqlite:///{tmp_path / 'here.db'}"
    here_app = open_app(here_url, NOW)
    try:
        here = report_json(importer.import_file(here_app, big_vcf, parallel=False))
    finally:
        here_app.engine.dispose()
    assert report["added"] == here["added"] > 2500
    assert report["merged"] + report["unchanged"] == here["merged"] + here["unchanged"] >= 50
    assert report["new"] == here["new"] and report["conflicts"] == here["conflicts"]
    assert _stored(url) == _stored(here_url)


def test_an_early_reader_left_unused_does_not_change_the_outcome(
    big_vcf: Path, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'early.db'}"
    done = _run_main("--db", url, "import", str(big_vcf), "--format", "linkedin")
    assert done.returncode == 3 and "header" in done.stderr
    done = _run_main("--db", url, "import", str(big_vcf), "--region", "XX")
    assert done.returncode == 3 and "region" in done.stderr
    done = _run_main("--db", url, "import", str(big_vcf), "--dry-run")
    assert done.returncode == 0 and "Would import: 2600 new" in done.stdout
    assert _run_main("--db", url, "--json", "contacts", "list").stdout.count('"id"') == 0
