"""Missing data is said first (issue 14.8): a contact with no phone, no place and so no known
zone gets warnings at the top of `script` (text and `--json`), no "good time" on someone
else's clock, and `call` asks for a number on a terminal or stops with one line without one
(exit 7, README "Exit codes"). Real SQLite file, real process on a real pseudo-terminal."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from callwise.cli.app import app
from conftest import NOW

runner = CliRunner()
Run = Callable[..., str]
NOBODY = "Pat Quill"
CALLWISE = str(Path(sys.executable).parent / "callwise")


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'missing.db'}"


@pytest.fixture
def cw(url: str) -> Run:
    def run(*args: str, code: int = 0, input: str | None = None, out: str = "stdout") -> str:
        result = runner.invoke(app, ["--db", url, "--now", NOW.isoformat(), *args], input=input)
        assert result.exit_code == code, (result.stdout, result.stderr)
        return {"stdout": result.stdout, "stderr": result.stderr}[out]

    run("settings", "set", "user_name", "Jordan Lee")
    run("settings", "set", "user_phone", "+18165550142")
    run("contacts", "add", NOBODY)  # no phone, no city, no country, no zone
    return run


def test_the_script_says_what_is_missing_before_anything_else(cw: Run) -> None:
    text = cw("script", NOBODY)
    first = text.splitlines()[1:3]
    assert first[0].startswith("warning: No phone number to call")
    assert first[1].startswith("warning: Their place and time zone are unknown")
    assert "a good time" not in text and "in Chicago" not in text  # your clock, not theirs
    assert "your clock: their time zone is unknown" in text
    data = json.loads(cw("--json", "script", NOBODY))
    assert len(data["missing"]) == 2 and data["warnings"][:2] == data["missing"]
    assert "a good time" not in data["local_time_text"]


def test_a_known_city_and_number_say_nothing(cw: Run) -> None:
    cw("contacts", "add", "Dana Reyes", "--phone", "+1 816 555 0133", "--city", "Kansas City")
    cw("contacts", "edit", "Dana Reyes", "--country", "US")
    assert json.loads(cw("--json", "script", "Dana Reyes"))["missing"] == []


def test_without_a_terminal_the_call_stops_with_one_line_and_records_nothing(cw: Run) -> None:
    err = cw("call", NOBODY, input="yes\n", code=7, out="stderr")
    assert err.count("\n") == 1 and "has no phone number" in err and "--phone" in err
    assert json.loads(cw("--json", "history", NOBODY))["calls"] == []


def test_on_a_terminal_the_call_asks_for_a_number_saves_it_and_goes_on(
    cw: Run, url: str, tmp_path: Path
) -> None:
    master, slave = pty.openpty()
    answers = b"not a number\n+1 816 555 0177\nbusy\n"
    env = {**os.environ, "CALLWISE_CACHE_DIR": str(tmp_path / "cache"), "COLUMNS": "120"}
    with subprocess.Popen(
        [CALLWISE, "--db", url, "--now", NOW.isoformat(), "call", NOBODY],
        stdin=slave,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    ) as proc:
        os.close(slave)
        os.write(master, answers)
        out, err = proc.communicate(timeout=120)
    os.close(master)
    text = out.decode()
    assert proc.returncode == 0, (text, err.decode())
    assert "has no phone number to call" in text and "Saved +1 816 555 0177" in text
    assert "Logged: busy with Pat Quill" in text
    shown = json.loads(cw("--json", "contacts", "show", NOBODY))
    assert [p["number"] for p in shown["phones"]] == ["+18165550177"]
