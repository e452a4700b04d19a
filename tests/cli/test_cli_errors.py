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
