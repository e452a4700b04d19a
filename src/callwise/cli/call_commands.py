"""The commands around one call, in the order `--help` lists them: script, call, log, history.

They are registered here rather than in `cli.calls` because `call` (cli/guided_call.py) builds on
the options of `cli.calls`; registering it from there made the two modules import each other."""

from __future__ import annotations

import typer

from callwise.cli import calls, guided_call


def register(app: typer.Typer) -> None:
    app.command("script")(calls.script)
    app.command("call")(guided_call.call)
    app.command("log")(calls.log)
    app.command("history")(calls.history)
