"""The Typer application: global options, error translation, and the command groups.

`callwise.cli.app.main` loads it for every command the quick path (cli/quick.py) does not run."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from callwise.cli.args import hoist_globals
from callwise.cli.pipe import stdout_closed
from callwise.cli.state import State, report_defect, report_error
from callwise.domain.errors import CallwiseError

# Usage errors (a missing option, a bad value) are click's to print, with exit code 2. Newer
# Typer releases carry their own copy of click, so its ClickException is found through Typer.
_USAGE_ERRORS = [c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"]
PASSED_ON: tuple[type[BaseException], ...] = (
    *_USAGE_ERRORS,
    typer.Exit,
    typer.Abort,
    KeyboardInterrupt,
)


HELP_NAMES = ["-h", "--help"]


def _plain_flags(command: Any) -> None:
    """Help shows a flag as a flag (`--json`, never `--json <bool>`): a flag takes no value,
    so its value column stays empty (issue 15). For `command` and every command under it,
    its --help included."""
    help_option = command.get_help_option(typer.Context(command, help_option_names=HELP_NAMES))
    for param in [*command.params, help_option]:
        if getattr(param, "is_flag", False) and param.metavar is None:
            param.metavar = ""
    for sub in getattr(command, "commands", {}).values():
        _plain_flags(sub)


class CallwiseGroup(TyperGroup):
    """The root group: hoists global options and turns a CallwiseError into one line + exit code."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_flags(self)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, hoist_globals(args))

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except CallwiseError as exc:
            state = ctx.obj if isinstance(ctx.obj, State) else None
            report_error(exc, bool(state and state.as_json))
            ctx.exit(exc.exit_code)
        except BrokenPipeError:  # the reader of our output has gone: end quietly
            ctx.exit(stdout_closed())
        except PASSED_ON:
            raise  # usage errors are click's to print, with exit code 2
        except Exception as exc:  # a defect: one line for the user, the trace on request
            report_defect(exc)
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
    context_settings={"help_option_names": HELP_NAMES},
)


@app.callback()
def main_options(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="URL",
            help="Database URL (default: CALLWISE_DATABASE_URL, else a SQLite "
            "file in your user data dir).",
            show_default=False,
        ),
    ] = None,
    now: Annotated[
        str | None,
        typer.Option(
            "--now",
            metavar="ISO-8601",
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
    from callwise.cli import (
        call_commands,
        contacts,
        courtesy,
        data,
        duplicates,
        plan,
        serve,
        settings,
    )

    duplicates.register(contacts.app)
    app.add_typer(contacts.app, name="contacts")
    app.add_typer(settings.app, name="settings")
    data.register(app)
    courtesy.register(app)
    call_commands.register(app)
    plan.register(app)
    serve.register(app)


_register()
