"""The console script at its edges: a usage mistake is not a defect."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CALLWISE = str(Path(sys.executable).with_name("callwise"))


def _run(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CALLWISE, "--db", f"sqlite:///{db}", *args], capture_output=True, text=True, check=False
    )


def test_a_missing_option_prints_usage_and_exits_2(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert _run("demo", db=db).returncode == 0
    result = _run("log", "Amara Okafor", "voicemail", db=db)
    assert result.returncode == 2
    assert "Missing option '--outcome'" in result.stderr
    assert "defect" not in result.stderr


HUGE = "99999999999999999999"


def test_numbers_and_moments_beyond_the_limits_are_refused_naming_the_field(
    tmp_path: Path,
) -> None:
    """Issue 11: a number or a date callwise cannot handle is a bad value, never a defect."""
    db = tmp_path / "c.db"
    assert _run("contacts", "add", "Ana Bell", db=db).returncode == 0
    cases = [
        (("contacts", "show", HUGE), 4, "contact"),
        (("contacts", "edit", "1", "--introduced-by", HUGE), 4, "contact"),
        (("contacts", "edit", "1", "--cadence", HUGE), 3, "cadence_days"),
        (("contacts", "edit", "1", "--cadence", "36501"), 3, "cadence_days"),
        (("contacts", "edit", "1", "--birthday", "9999-12-31"), 3, "birthday"),
        (("contacts", "edit", "1", "--met-date", "0001-01-01"), 3, "met_date"),
        (("contacts", "edit", "1", "--connected-on", "9999-12-31"), 3, "connected_on"),
        (("contacts", "edit", "1", "--date", "x=0001-01-01"), 3, "other_dates"),
        (("--now", "9999-12-31T23:59Z", "today"), 3, "now"),
        (("--now", "0001-01-01T00:00Z", "week"), 3, "now"),
    ]
    for args, code, field in cases:
        result = _run(*args, db=db)
        assert result.returncode == code, (args, result.stderr)
        assert f"{field}:" in result.stderr, (args, result.stderr)
        assert "unexpected" not in result.stderr
    now = _run("--now", "9999-12-31T23:59Z", "today", db=db).stderr
    assert "1900-01-01" in now and "9800-12-31" in now  # the accepted range is named
    for args in (
        ("contacts", "list", "--offset", HUGE),
        ("contacts", "find", "a", "--offset", HUGE),
    ):
        result = _run(*args, db=db)
        assert result.returncode == 2, (args, result.stderr)  # like --offset -1: a usage error
        assert "unexpected" not in result.stderr
    shown = _run("--json", "contacts", "show", "1", db=db)
    assert '"cadence_days": null' in shown.stdout and '"birthday": null' in shown.stdout
