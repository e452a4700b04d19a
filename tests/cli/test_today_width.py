"""`callwise today` fits an 80-column terminal (issue 15): on a narrow terminal each call is
a short block of lines instead of a table squeezed until its numbers and windows are cut."""

from __future__ import annotations

import datetime as dt
import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

CALLWISE = str(Path(sys.executable).with_name("callwise"))
NOW = "2026-12-24T15:00:00Z"  # a month after the demo is loaded: birthdays and overdue calls
ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('width') / 'demo.db'}"
    loaded = subprocess.run(
        [CALLWISE, "--db", url, "--now", "2026-11-24T15:00:00Z", "demo"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert loaded.returncode == 0, loaded.stderr
    return url


def _on_a_terminal(columns: int, *args: str) -> str:
    """What `callwise ARGS` shows on a terminal `columns` wide (a real pseudo-terminal)."""
    import fcntl
    import struct
    import termios

    main_fd, terminal_fd = pty.openpty()
    fcntl.ioctl(terminal_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {**os.environ, "COLUMNS": str(columns), "TERM": "dumb"}
    process = subprocess.Popen(
        [CALLWISE, *args], stdin=terminal_fd, stdout=terminal_fd, stderr=terminal_fd, env=env
    )
    os.close(terminal_fd)
    chunks = []
    while True:
        try:
            chunk = os.read(main_fd, 65536)
        except OSError:  # the terminal closes when the command ends
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main_fd)
    assert process.wait(timeout=120) == 0
    return ESCAPES.sub("", b"".join(chunks).decode()).replace("\r\n", "\n")


def _hours(start: str, end: str) -> str:
    return f"{dt.datetime.fromisoformat(start):%H:%M}-{dt.datetime.fromisoformat(end):%H:%M}"


def test_today_fits_80_columns_and_keeps_every_detail(demo_url: str) -> None:
    shown = _on_a_terminal(80, "--db", demo_url, "--now", NOW, "today")
    too_wide = [line for line in shown.splitlines() if cell_len(line) > 80]
    assert not too_wide, "\n".join(too_wide)
    assert "…" not in shown, shown
    planned = subprocess.run(
        [CALLWISE, "--db", demo_url, "--now", NOW, "--json", "today"],
        capture_output=True,
        text=True,
        check=True,
    )
    entries = json.loads(planned.stdout)["days"][0]["entries"]
    assert len(entries) >= 4
    flat = " ".join(shown.split())
    for entry in entries:
        window = entry["window"]
        for words in (
            entry["contact"]["name"],
            entry["why_now"],
            _hours(window["start"], window["end"]),
            _hours(window["home_start"], window["home_end"]),
            *entry["reasons"],
        ):
            assert words in flat, (words, shown)
    assert "Left today:" in shown and "Week ahead" in shown


def test_a_width_asked_for_with_columns_holds_in_a_pipe_too(demo_url: str) -> None:
    piped = subprocess.run(
        [CALLWISE, "--db", demo_url, "--now", NOW, "today"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": "80"},
    )
    assert max(cell_len(line) for line in piped.stdout.splitlines()) <= 80, piped.stdout
    assert "…" not in piped.stdout
    wide = subprocess.run(
        [CALLWISE, "--db", demo_url, "--now", NOW, "today"],
        capture_output=True,
        text=True,
        check=True,
        env={k: v for k, v in os.environ.items() if k != "COLUMNS"},
    )
    assert "┃ Priority" in wide.stdout  # without COLUMNS a pipe gets the wide table, as before
