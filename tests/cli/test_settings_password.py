"""`callwise settings password` asks on a terminal; without one it says so in one line and
exits 7, unless the password is piped on purpose with --stdin (issue 15)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from callwise.services import access
from callwise.services.app import open_app

CALLWISE = str(Path(sys.executable).with_name("callwise"))


def _password(db: Path, *args: str, **stdin: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CALLWISE, "--db", f"sqlite:///{db}", "settings", "password", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        **stdin,
    )


def _has_password(db: Path) -> bool:
    app = open_app(f"sqlite:///{db}", None)
    try:
        return access.has_password(app)
    finally:
        app.engine.dispose()


def test_without_a_terminal_it_says_so_and_exits_7(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    for stdin in ({"stdin": subprocess.DEVNULL}, {"input": "correct horse\n"}):
        done = _password(db, **stdin)
        assert done.returncode == 7, done.stderr
        assert done.stderr.count("\n") == 1 and "terminal" in done.stderr, done.stderr
        assert "--stdin" in done.stderr and "Traceback" not in done.stderr
        assert done.stdout == ""
    assert not _has_password(db)


def test_a_password_piped_with_stdin_is_set(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    done = _password(db, "--stdin", input="correct horse\n")
    assert done.returncode == 0, done.stderr
    app = open_app(f"sqlite:///{db}", None)
    try:
        assert access.check_password(app, "correct horse")
    finally:
        app.engine.dispose()
    short = _password(db, "--stdin", stdin=subprocess.DEVNULL)
    assert short.returncode == 3 and short.stderr.startswith("error: password:")
