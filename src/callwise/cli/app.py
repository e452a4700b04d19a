"""The `callwise` command: global options, error translation, and the command groups."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from callwise.cli.state import State, err_console, print_json
from callwise.domain.errors import AmbiguousError, CallwiseError

GLOBAL_WITH_VALUE = ("--db", "--now")
GLOBAL_FLAGS = ("--json",)


def hoist_globals(args: list[str]) -> list[str]:
    """Let `--db`, `--now` and `--json` stand anywhere: move them before the command words."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        name = arg.split("=", 1)[0]
        if arg in GLOBAL_FLAGS or (name in GLOBAL_WITH_VALUE and "=" in arg):
            front.append(arg)
        elif arg in GLOBAL_WITH_VALUE and i + 1 < len(args):
            front.extend(args[i : i + 2])
            i += 1
        else:
            rest.append(arg)
        i += 1
    return front + rest


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


class CallwiseGroup(TyperGroup):
    """The root group: hoists global options and turns a CallwiseError into one line + exit code."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, hoist_globals(args))

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except CallwiseError as exc:
            state = ctx.obj if isinstance(ctx.obj, State) else None
            report_error(exc, bool(state and state.as_json))
            ctx.exit(exc.exit_code)
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:  # a defect: one line for the user, the trace on request
            if os.environ.get("CALLWISE_DEBUG"):
                raise
            err_console.print(
                f"[bold red]error:[/] unexpected {type(exc).__name__}: {exc} (a defect in "
                "callwise: please report it; CALLWISE_DEBUG=1 shows the details)",
                highlight=False,
            )
            ctx.exit(1)


app = typer.Typer(
    cls=CallwiseGroup,
    name="callwise",
    help="callwise: whom to call today, when it is courteous, and what to say.\n\n"
    "Example: callwise --now 2026-11-24T09:00:00-06:00 contacts list",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def main_options(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Database URL (default: CALLWISE_DATABASE_URL, else a SQLite "
            "file in your user data dir).",
            show_default=False,
        ),
    ] = None,
    now: Annotated[
        str | None,
        typer.Option(
            "--now",
            help="The moment callwise takes as now, ISO 8601 (or CALLWISE_NOW).",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Machine-readable JSON on stdout (see docs/json.md).")
    ] = False,
) -> None:
    """Global options, honoured by every command."""
    ctx.obj = State(db_url=db, now_text=now, as_json=as_json)


def _register() -> None:
    from callwise.cli import calls, contacts, courtesy, data, plan, serve, settings

    app.add_typer(contacts.app, name="contacts")
    app.add_typer(settings.app, name="settings")
    data.register(app)
    courtesy.register(app)
    calls.register(app)
    plan.register(app)
    serve.register(app)


_register()


def main() -> None:
    """Console entry point."""
    try:
        app()
    except KeyboardInterrupt:
        err_console.print("interrupted; nothing more was written")
        sys.exit(130)
