"""The quick `contacts find` path (cli/quick.py): the same output, errors and exit codes as the
Typer command, and Typer takes over for every command line it does not recognise."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from callwise.cli import quick
from callwise.cli.app import app
from callwise.cli.args import FindArgs, quick_find

NOW = "2026-11-24T09:00:00-06:00"


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('quick') / 'quick.db'}"
    assert CliRunner().invoke(app, ["--db", url, "demo"]).exit_code == 0
    return url


def test_plain_find_forms_are_recognised() -> None:
    assert quick_find(["contacts", "find", "ana"]) == FindArgs("ana")
    assert quick_find(
        ["contacts", "--json", "find", "--limit", "5", "ana", "--db", "sqlite:///x.db"]
    ) == FindArgs("ana", 5, 0, "sqlite:///x.db", None, True)
    assert quick_find(["--now=2026-01-01", "contacts", "find", "--offset=3", "k c"]) == FindArgs(
        "k c", 50, 3, None, "2026-01-01", False
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["contacts", "find"],
        ["contacts", "find", "--help"],
        ["contacts", "find", "-h", "ana"],
        ["contacts", "find", "ana", "bo"],
        ["contacts", "find", "ana", "--limit", "0"],
        ["contacts", "find", "ana", "--limit", "x"],
        ["contacts", "find", "ana", "--offset", "-1"],
        ["contacts", "find", "ana", "--limit", "2", "--limit", "3"],
        ["contacts", "find", "ana", "--kind", "business"],
        ["contacts", "find", "--", "-ana"],
        ["contacts", "find", "ana", "--limit"],
        ["contacts", "list"],
        ["--db", "a", "--db", "b", "contacts", "find", "ana"],
        ["--json", "--json", "contacts", "find", "ana"],
        ["find", "ana"],
    ],
)
def test_anything_else_is_left_to_typer(argv: list[str]) -> None:
    assert quick_find(argv) is None


@pytest.mark.parametrize(
    "args",
    [
        ["contacts", "find", "chamber"],
        ["contacts", "find", "a", "--limit", "3", "--offset", "2"],
        ["--json", "contacts", "find", "kansas city", "--limit", "2"],
        ["contacts", "find", "nobody-by-this-name"],
        ["contacts", "find", "   "],
        ["--json", "contacts", "find", "  "],
    ],
)
def test_quick_find_prints_what_the_typer_command_prints(
    url: str, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--db", url, "--now", NOW, *args]
    typer_run = CliRunner().invoke(app, argv)
    code = quick.run(argv)
    out, err = capsys.readouterr()
    assert code == typer_run.exit_code
    assert out == typer_run.stdout
    assert err == typer_run.stderr
    assert out or err


def test_a_bad_moment_is_one_line_and_the_same_exit_code(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--db", url, "--now", "yesterday", "contacts", "find", "ana"]
    typer_run = CliRunner().invoke(app, argv)
    assert quick.run(argv) == typer_run.exit_code != 0
    _, err = capsys.readouterr()
    assert "not an ISO 8601 moment" in err
    assert err == typer_run.stderr


def test_the_installed_command_takes_the_quick_path_without_typer(url: str) -> None:
    """Run as people run it: the entry point answers without importing Typer."""
    script = (
        "import sys; sys.argv = ['callwise', *sys.argv[1:]]\n"
        "from callwise.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit as exc:\n"
        "    print('typer' in sys.modules, exc.code, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "--db", url, "contacts", "find", "chamber"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stderr.strip() == "False 0"
    assert "Matching 'chamber'" in done.stdout
    assert Path(url.removeprefix("sqlite:///")).exists()
