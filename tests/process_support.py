"""Helpers for tests that run `callwise` as a real process and watch its children: /proc
for who forked whom, generated vCard files large enough to be read by reader processes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from callwise.interchange.vcard import write_vcards
from callwise.services.synthetic import synthetic_contacts
from conftest import NOW

WAIT_SECONDS = 60.0  # generous: the machine is shared and noisy


def callwise_process(url: str, *args: str) -> subprocess.Popen[str]:
    """`callwise --db URL ARGS` started as people run it (the installed entry point's code)."""
    script = (
        "import sys; sys.argv = ['callwise', *sys.argv[1:]]\n"
        "from callwise.cli.app import main\nmain()\n"
    )
    return subprocess.Popen(
        [sys.executable, "-c", script, "--now", NOW.isoformat(), "--db", url, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _state_and_parent(pid: int) -> tuple[str, int] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()
    return fields[0], int(fields[1])


def children_of(pid: int) -> list[int]:
    """The living child processes of `pid`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            known = _state_and_parent(int(entry.name))
            if known and known[1] == pid and known[0] != "Z":
                found.append(int(entry.name))
    return found


def forks_of(pid: int) -> list[int]:
    """The living children of `pid` that are forks of it (the same command line)."""
    own = Path(f"/proc/{pid}/cmdline").read_bytes()
    found = []
    for child in children_of(pid):
        try:
            if Path(f"/proc/{child}/cmdline").read_bytes() == own:
                found.append(child)
        except OSError:
            continue
    return found


def gone(pid: int) -> bool:
    """The process has ended (a zombie holds no memory and runs nothing)."""
    known = _state_and_parent(pid)
    return known is None or known[0] == "Z"


def wait_for(condition: object, what: str) -> None:
    """Poll `condition()` until true, for up to WAIT_SECONDS."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting after {WAIT_SECONDS:.0f} s for {what}")
        time.sleep(0.02)


def write_big_vcard(path: Path, count: int, seed: int = 7) -> Path:
    """`count` synthetic cards (about 500 bytes each)."""
    with path.open("w", encoding="utf-8", newline="") as out:
        out.writelines(write_vcards(synthetic_contacts(count, seed, today=NOW.date())))
    return path


@pytest.fixture(scope="session", name="big_vcf")
def big_vcf_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """12,000 cards (about 6 MB): each of the two readers has more than its queue holds, so
    both still run when the first batch arrives."""
    return write_big_vcard(tmp_path_factory.mktemp("big") / "big.vcf", 12_000)


def running_on_linux() -> bool:
    return sys.platform == "linux" and os.path.isdir("/proc")
