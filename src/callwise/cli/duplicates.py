"""`callwise contacts duplicates`: pairs of contacts that may be one person (issue 13)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from callwise.cli.state import confirm, console, err_console, print_json, state
from callwise.services import duplicates as service
from callwise.services import merging
from callwise.services.contacts import resolve_contact

ContactArg = Annotated[str, typer.Argument(help="An id (42) or a name that matches one contact.")]
Yes = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]


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


def not_duplicates(ctx: typer.Context, first: ContactArg, second: ContactArg) -> None:
    """Mark two contacts as two people: `contacts duplicates` never proposes the pair again.

    Example: callwise contacts not-duplicates 12 48
    """
    st = state(ctx)
    a, b = resolve_contact(st.app, first), resolve_contact(st.app, second)
    assert a.id is not None and b.id is not None
    added = merging.dismiss(st.app, a.id, b.id)
    if st.as_json:
        print_json({"first": a.id, "second": b.id, "added": added})
        return
    known = "" if added else " (known already)"
    console.print(f"{a.name} (#{a.id}) and {b.name} (#{b.id}) are two people{known}.")


def _show_changes(lines: list[str], as_json: bool) -> None:
    out = err_console if as_json else console
    for line in lines:
        out.print(f"  {line}", highlight=False, markup=False)


def merge(ctx: typer.Context, keep: ContactArg, other: ContactArg, yes: Yes = False) -> None:
    """Merge OTHER into KEEP, keeping everything, after showing what will change.

    Empty fields of KEEP are filled from OTHER, lists are united, and a value of OTHER that
    differs from KEEP's is kept as an alternate in KEEP's notes (`Also: job_title: ...`).
    OTHER's calls, promises, own occasions, snooze and "introduced by" links move to KEEP;
    OTHER is removed. `callwise contacts unmerge KEEP` undoes it.

    Example: callwise contacts merge 12 48 --yes
    """
    st = state(ctx)
    kept, gone = resolve_contact(st.app, keep), resolve_contact(st.app, other)
    assert kept.id is not None and gone.id is not None
    if not yes:
        preview = merging.merge(st.app, kept.id, gone.id, dry_run=True)
        out = err_console if st.as_json else console
        out.print(f"Merging {gone.name} (#{gone.id}) into {kept.name} (#{kept.id}):")
        _show_changes(preview.lines(), st.as_json)
        confirm("Merge them?", refuse_hint="add --yes to merge")
    report = merging.merge(st.app, kept.id, gone.id)
    if st.as_json:
        print_json(report.as_dict())
        return
    console.print(f"Merged {gone.name} (#{gone.id}) into {kept.name} (#{kept.id}).")
    _show_changes(report.lines(), False)


def unmerge(ctx: typer.Context, contact: ContactArg, yes: Yes = False) -> None:
    """Undo the last merge into a contact: the other contact comes back with its own id,
    fields, calls and links; fields changed since the merge stay, and are listed.

    Example: callwise contacts unmerge 12 --yes
    """
    st = state(ctx)
    kept = resolve_contact(st.app, contact)
    assert kept.id is not None
    if not yes:
        preview = merging.unmerge(st.app, kept.id, dry_run=True)
        out = err_console if st.as_json else console
        out.print(f"Undoing the last merge into {kept.name} (#{kept.id}):")
        _show_changes(preview.lines(), st.as_json)
        confirm("Undo it?", refuse_hint="add --yes to undo the merge")
    report = merging.unmerge(st.app, kept.id)
    if st.as_json:
        print_json(report.as_dict())
        return
    console.print(f"Undid the last merge into {kept.name} (#{kept.id}).")
    _show_changes(report.lines(), False)


def register(group: typer.Typer) -> None:
    """Add the commands to the `contacts` group."""
    group.command("duplicates")(duplicates)
    group.command("not-duplicates")(not_duplicates)
    group.command("merge")(merge)
    group.command("unmerge")(unmerge)
