"""`callwise when CONTACT`: their local time, whether now is courteous, the next windows (P3)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from callwise.cli.state import console, print_json, state

if TYPE_CHECKING:
    from callwise.services.courtesy import WhenReport

SOURCE_WORDS = {
    "explicit": "the time zone you gave",
    "city": "their city",
    "phone": "their phone number",
    "unknown": "nothing known: your own zone is assumed",
}


def _day(moment: dt.datetime) -> str:
    return f"{moment:%a} {moment.day} {moment:%b}"


def _stamp(moment: dt.datetime) -> str:
    return f"{_day(moment)} {moment:%H:%M %Z}"


def _span(start: dt.datetime, end: dt.datetime) -> str:
    """'Tue 24 Nov 16:00-17:30 CST', or both ends in full when the window crosses midnight."""
    if start.date() == end.date():
        return f"{_day(start)} {start:%H:%M}-{end:%H:%M %Z}"
    return f"{_stamp(start)} - {_stamp(end)}"


def _print_report(report: WhenReport) -> None:
    loc, verdict = report.location, report.verdict
    where = loc.place or loc.zone
    console.print(
        f"[bold]{report.contact.name}[/] · {where} ({loc.zone}, from "
        f"{SOURCE_WORDS.get(loc.source, loc.source)})"
    )
    if loc.detail and (loc.ambiguous or loc.source == "unknown"):
        console.print(f"[dim]{loc.detail}[/]")
    console.print(f"Their time now: {_stamp(verdict.local_time)}")
    mark = "[green]Now is a good time[/]" if verdict.ok else "[yellow]Not now[/]"
    console.print(f"{mark}: {verdict.reason}")
    if not report.windows:
        console.print(
            "No courteous window in the coming year: check their stated hours "
            "and your calling hours (`callwise settings show`)."
        )
        return
    wait = report.windows[0].start - report.now
    if wait > dt.timedelta(days=7):
        console.print(
            f"[yellow]The next window is {wait.days} days away:[/] their hours and "
            "your calling hours barely overlap (`callwise settings show`)."
        )
    table = Table(title="Next courteous windows", header_style="bold")
    table.add_column("Their time")
    table.add_column(f"Your time ({report.home_zone})")
    table.add_column("")
    for window in report.windows:
        table.add_row(
            _span(window.start, window.end), _span(window.home_start, window.home_end), window.tag
        )
    console.print(table)


def when(
    ctx: typer.Context,
    contact: Annotated[str, typer.Argument(help="An id or a name that matches one contact.")],
    count: Annotated[
        int, typer.Option("--count", min=1, max=20, help="How many windows to show.")
    ] = 3,
) -> None:
    """Their local time now, whether calling now is courteous and why, and the next windows.

    Example: callwise when "Amara Okafor" --count 5
    """
    from callwise.services import courtesy as service  # loaded only by the command that needs it

    report = service.when(state(ctx).app, contact, count=count)
    if not state(ctx).as_json:
        _print_report(report)
        return
    from callwise.services.shapes.courtesy import when_shape

    print_json(when_shape(report))


def register(app: typer.Typer) -> None:
    app.command("when")(when)
