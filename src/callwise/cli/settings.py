"""`callwise settings show | set KEY VALUE`."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from callwise.cli.state import console, print_json, state
from callwise.services import settings as service
from callwise.services.shapes.settings import setting_values

app = typer.Typer(
    help="Your name and number, your zone and hours, the courtesy policy, budgets.",
    no_args_is_help=True,
)


@app.command("show")
def show(ctx: typer.Context) -> None:
    """Show every setting, its value and what it is for.

    Example: callwise settings show
    """
    rows = service.setting_texts(state(ctx).app)
    if state(ctx).as_json:
        print_json(setting_values(rows))
        return
    table = Table(header_style="bold")
    table.add_column("Key")
    table.add_column("Value")
    table.add_column("What it is", style="dim")
    for key, value, help_text, is_default in rows:
        table.add_row(key, value + (" (default)" if is_default else ""), help_text)
    console.print(table)


@app.command("set")
def set_(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="A key from `callwise settings show`.")],
    value: Annotated[str, typer.Argument(help="The new value.")],
) -> None:
    """Change one setting (checked before it is stored).

    Example: callwise settings set user_name "Alex Morgan"
    """
    stored = service.set_setting(state(ctx).app, key, value)
    if state(ctx).as_json:
        print_json({key: stored})
    else:
        console.print(f"{key} = {stored}")


@app.command("password")
def password(
    ctx: typer.Context,
    stdin: Annotated[
        bool,
        typer.Option("--stdin", help="Read the password from the first line of stdin (scripts)."),
    ] = False,
) -> None:
    """Set the web app's password (asked twice on a terminal, never echoed).

    Example: callwise settings password
    """
    import sys

    from callwise.domain.errors import AbortedError
    from callwise.services import access

    if stdin:
        text = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        text = typer.prompt("New password", hide_input=True, confirmation_prompt=True)
    else:
        raise AbortedError(
            "needs a terminal to ask for it; run it in one, or pipe it in with --stdin",
            field="password",
        )
    access.set_password(state(ctx).app, text)
    console.print("Password set. Turn the login on with `callwise settings set web_login on`.")
