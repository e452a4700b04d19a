"""`callwise contacts duplicates`: pairs of contacts that may be one person (issue 13)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from callwise.cli.state import console, print_json, state
from callwise.services import duplicates as service


def duplicates(
    ctx: typer.Context,
    limit: Annotated[
        int, typer.Option("--limit", min=1, help="At most this many pairs, strongest first.")
    ] = 50,
) -> None:
    """List pairs of contacts that may be one person, strongest evidence first.

    A pair shares a phone, an email or a LinkedIn profile and has agreeing names (equal,
    a nickname such as Bill/William, an initial, a near spelling), or the same name at the
    same organization. A number or mailbox that several people use (a company's main line,
    a family landline, info@) is no evidence. Nothing is changed.

    Example: callwise contacts duplicates --limit 20
    """
    st = state(ctx)
    pairs = service.find_duplicates(st.app, limit=limit)
    if st.as_json:
        print_json({"duplicates": [p.as_dict() for p in pairs], "count": len(pairs)})
        return
    if not pairs:
        console.print("No possible duplicates.")
        return
    table = Table(title="Possible duplicates", header_style="bold", expand=False)
    for column in ("#", "contact", "#", "contact", "evidence", "score"):
        table.add_column(column, justify="right" if column in ("#", "score") else "left")
    for pair in pairs:
        a, b = pair.first, pair.second
        table.add_row(
            str(a.id), a.name, str(b.id), b.name, pair.describe(), f"{pair.evidence.score:.2f}"
        )
    console.print(table)


def register(group: typer.Typer) -> None:
    """Add the command to the `contacts` group."""
    group.command("duplicates")(duplicates)
