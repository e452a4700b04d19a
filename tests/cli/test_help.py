"""Every command explains itself with an example (DESIGN: house style)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from callwise.cli.app import app

ROOT = typer.main.get_command(app)


def _commands(group: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    if hasattr(group, "commands"):
        for name, command in group.commands.items():
            yield from _commands(command, (*path, name))
    else:
        yield path


COMMANDS = sorted(_commands(ROOT))


def test_the_documented_commands_exist() -> None:
    names = {" ".join(c) for c in COMMANDS}
    expected = {
        "init",
        "demo",
        "import",
        "export",
        "settings show",
        "settings set",
        "contacts add",
        "contacts edit",
        "contacts show",
        "contacts list",
        "contacts find",
        "contacts remove",
    }
    assert expected <= names


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_has_help_with_an_example(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(app, [*path, "--help"])
    assert result.exit_code == 0
    assert "Example: callwise" in " ".join(result.stdout.split()), result.stdout


@pytest.mark.parametrize("path", [(), *COMMANDS], ids=lambda p: " ".join(p) or "callwise")
def test_flags_show_as_plain_flags(path: tuple[str, ...]) -> None:
    """Issue 15: a flag takes no value, so its help row shows none (`--json`, not
    `--json <bool>`)."""
    result = CliRunner().invoke(app, [*path, "--help"], terminal_width=100)
    assert result.exit_code == 0
    assert "bool" not in result.stdout.lower(), result.stdout
    rows = [line for line in result.stdout.splitlines() if " --help " in line]
    assert len(rows) == 1 and rows[0].split()[1:4] == ["--help", "-h", "Show"], rows
