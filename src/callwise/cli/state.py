"""What every command shares: the global options, the opened app, and the consoles."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rich.console import Console

from callwise.domain.errors import AbortedError, AmbiguousError, CallwiseError
from callwise.services.app import App, open_app

if TYPE_CHECKING:  # typer is imported where a command needs it, not by the quick paths
    import typer


class _Console(Console):
    """Rich's console, leaving a closed pipe to the command's one handler (cli/pipe.py)."""

    def on_broken_pipe(self) -> None:
        raise BrokenPipeError


# Piped output is not squeezed to 80 columns: a wide table stays one row per contact, unless
# COLUMNS asks for a width.
_WIDTH = None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 160
console = _Console(highlight=False, soft_wrap=False, width=_WIDTH)
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


def report_error(exc: CallwiseError, as_json: bool) -> None:
    """One line on stderr naming the field and the fix; under --json also an object on stdout."""
    err_console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
    candidates = exc.candidates if isinstance(exc, AmbiguousError) else []
    for candidate in candidates:
        err_console.print(f"  {candidate}", highlight=False)
    if as_json:
        print_json(
            {
                "error": {
                    "field": exc.field,
                    "message": exc.message,
                    "exit_code": exc.exit_code,
                    "candidates": candidates,
                }
            }
        )


def report_defect(exc: Exception) -> None:
    """An unexpected exception: one line for the user; CALLWISE_DEBUG=1 lets the trace through."""
    if os.environ.get("CALLWISE_DEBUG"):
        raise exc
    err_console.print(
        f"[bold red]error:[/] unexpected {type(exc).__name__}: {exc} (a defect in "
        "callwise: please report it; CALLWISE_DEBUG=1 shows the details)",
        highlight=False,
    )


def interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def confirm(question: str, *, refuse_hint: str) -> None:
    """Ask on a terminal; without one, stop with a hint of the flag that answers yes."""
    if not interactive():
        raise AbortedError(f"{question.rstrip('?')}: not confirmed ({refuse_hint})")
    import typer

    if not typer.confirm(question, default=False):
        raise AbortedError("not confirmed; nothing was changed")
