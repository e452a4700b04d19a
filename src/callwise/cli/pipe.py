"""When the reader of our output has gone (`callwise contacts list | head -1`), the command
stops quietly and exits 141, as `cat` or `seq` do when SIGPIPE ends them (issue 15)."""

from __future__ import annotations

import os
import stat
import sys

CLOSED_PIPE_EXIT = 141  # 128 + SIGPIPE, what a shell shows for a tool a closed pipe ended


def _is_devnull(fd: int) -> bool:
    try:
        here, null = os.fstat(fd), os.stat(os.devnull)
    except OSError:
        return False
    return stat.S_ISCHR(here.st_mode) and here.st_rdev == null.st_rdev


STARTED_ON_DEVNULL = _is_devnull(1)


def stdout_closed() -> int:
    """Send what is still buffered for stdout to /dev/null, so exiting writes no complaint
    about it, and return the exit code for a closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return CLOSED_PIPE_EXIT


def closed_by_library(code: object) -> bool:
    """Whether an exit with `code` is Rich's or click's answer to a closed pipe (help text is
    printed by Typer's own console, which swaps stdout for /dev/null and exits 1)."""
    return code == 1 and not STARTED_ON_DEVNULL and _is_devnull(1)
