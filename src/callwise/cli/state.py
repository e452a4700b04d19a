"""What every command shares: the global options, the opened app, and the consoles."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from typing import Any

import typer
from rich.console import Console

from callwise.domain.errors import AbortedError
from callwise.services.app import App, open_app

# Piped output is not squeezed to 80 columns: a wide table stays one row per contact.
console = Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 160)
err_console = Console(stderr=True, highlight=False)


def print_json(data: Any) -> None:
    """JSON on stdout, nothing else: stable keys, UTF-8, one document."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@dataclass
class State:
    db_url: str | None
    now_text: str | None
    as_json: bool
    _app: App | None = field(default=None, repr=False)

    @property
    def app(self) -> App:
        """The database, opened and migrated on first use."""
        if self._app is None:
            self._app = open_app(self.db_url, self.now_text)
        return self._app


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    assert isinstance(obj, State)
    return obj


def interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def confirm(question: str, *, refuse_hint: str) -> None:
    """Ask on a terminal; without one, stop with a hint of the flag that answers yes."""
    if not interactive():
        raise AbortedError(f"{question.rstrip('?')}: not confirmed ({refuse_hint})")
    if not typer.confirm(question, default=False):
        raise AbortedError("not confirmed; nothing was changed")
