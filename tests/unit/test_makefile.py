"""`make run` says what it is installing instead of a silent minute (issue 15)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


def test_the_install_step_announces_itself_and_shows_pip(tmp_path: Path) -> None:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    planned = subprocess.run(
        ["make", "--dry-run", "--always-make", f"VENV={tmp_path / 'venv'}", "install"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    said = [i for i, line in enumerate(planned) if "Installing callwise and its" in line]
    installs = [i for i, line in enumerate(planned) if "pip install" in line and ".[dev]" in line]
    assert said and installs and said[0] < installs[0], planned
    assert "about a minute" in planned[said[0]] and planned[said[0]].startswith("echo")
    words = planned[installs[0]].split()
    assert "--quiet" not in words and "-q" not in words, planned[installs[0]]
