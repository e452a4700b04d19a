"""`callwise ... | head` ends quietly (issue 15): when the reader of the output has gone, the
command stops without a word on stderr and exits 141, as `cat` or `seq` do (128 + SIGPIPE)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import NOW

SCRIPT = (
    "import sys; sys.argv = ['callwise', *sys.argv[1:]]\n"
    "from callwise.cli.app import main\nmain()\n"
)


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('pipes') / 'demo.db'}"
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, "--db", url, "demo"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return url


def _into_closed_pipe(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run callwise with its stdout a real pipe whose reader has already gone (`| head -1`
    after head has read its line)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-c", SCRIPT, "--db", url, "--now", NOW.isoformat(), *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize(
    "args",
    [
        ["contacts", "list"],
        ["--json", "contacts", "list"],
        ["contacts", "find", "kansas"],  # the quick path, without Typer
        ["--json", "contacts", "find", "kansas"],
        ["today"],
        ["contacts", "show", "Amara Okafor"],
        ["--help"],
        ["today", "--help"],
    ],
    ids=" ".join,
)
def test_a_closed_pipe_ends_the_command_quietly(demo_url: str, args: list[str]) -> None:
    done = _into_closed_pipe(demo_url, *args)
    assert done.stderr == ""
    assert done.returncode == 141


def test_an_error_still_speaks_when_the_pipe_is_closed(demo_url: str) -> None:
    done = _into_closed_pipe(demo_url, "contacts", "show", "nobody at all")
    assert done.returncode == 4 and done.stderr.startswith("error:")


def test_output_into_an_open_pipe_is_whole(demo_url: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, "--db", demo_url, "contacts", "list"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and "Amara Okafor" in done.stdout and done.stderr == ""
