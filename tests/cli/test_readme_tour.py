"""The README's tour of the CLI runs as written on the demo database (issue 15): every command
of its shell block, in order, on a fresh database in a folder of its own, exits 0."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from callwise.cli.app import app

README = Path(__file__).parents[2] / "README.md"
NOW = "2026-11-24T15:00:00Z"
# Commands of the tour a test cannot run: they wait for a person at the terminal or keep
# running until stopped. Each must still be in the tour (so this list cannot go stale).
AT_THE_TERMINAL = {
    "callwise call": "the guided call asks at each stage",
    "callwise settings password": "asks for the password twice, not echoed",
    "callwise serve": "keeps serving until stopped",
}


def tour_commands() -> list[str]:
    """The commands of the fenced shell block(s) under "A short tour of the CLI", with
    continuation lines joined and comments dropped."""
    section = README.read_text().split("## A short tour of the CLI", 1)[1]
    section = re.split(r"\n#{2,3} ", section, maxsplit=1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, flags=re.S)
    joined = "\n".join(blocks).replace("\\\n", " ")
    commands = []
    for line in joined.splitlines():
        words = shlex.split(line, comments=True)
        if words:
            commands.append(shlex.join(words))
    return commands


def test_the_tour_runs_on_the_demo_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    env = {"CALLWISE_DATABASE_URL": f"sqlite:///{tmp_path / 'tour.db'}", "CALLWISE_NOW": NOW}
    commands = tour_commands()
    assert commands[:2] == ["callwise init", "callwise demo"]
    runner = CliRunner()
    for command in commands:
        if any(command.startswith(skipped) for skipped in AT_THE_TERMINAL):
            continue
        words = shlex.split(command)
        assert words[0] == "callwise", command
        result = runner.invoke(app, words[1:], env=env)
        assert result.exit_code == 0, (command, result.stdout[-2000:], result.stderr)
    for skipped in AT_THE_TERMINAL:
        assert any(c.startswith(skipped) for c in commands), skipped
