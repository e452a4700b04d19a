"""`callwise trips`, `occasions` and `calendar`: what you add to the plan, and the plan in
your calendar (P9.3, P9.4, RFC 5545)."""

from __future__ import annotations

import os
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from callwise.cli.dates import DATE_HELP
from callwise.cli.state import console, err_console, print_json, state
from callwise.domain.errors import ValidationError, renamed_fields

if TYPE_CHECKING:
    from callwise.services.occasions import TripReport

trips_app = typer.Typer(help="Your trips: contacts near the city get a lunch invitation (P9.3).")
occasions_app = typer.Typer(help="Your own occasions to call someone, by RRULE (P9.4).")
calendar_app = typer.Typer(help="The plan in your calendar (iCalendar, RFC 5545).")


class BirthdayScope(StrEnum):
    RANGE = "range"
    ALL = "all"


def _span(report: TripReport) -> str:
    from callwise.domain.occasions import span_text

    trip = report.trip
    return f"{span_text(trip.start, trip.end)} {trip.end.year}"


@trips_app.command("add")
def trips_add(
    ctx: typer.Context,
    city: Annotated[str, typer.Argument(help="The city you travel to.")],
    start: Annotated[str, typer.Option("--from", help=f"First day there. {DATE_HELP}")],
    end: Annotated[str, typer.Option("--to", help=f"Last day there. {DATE_HELP}")],
    region: Annotated[str, typer.Option(help="State or region, to tell cities apart.")] = "",
    country: Annotated[str, typer.Option(help="Country code or name.")] = "",
    notes: Annotated[str, typer.Option(help="Anything to remember.")] = "",
) -> None:
    """Record a trip: contacts in or near the city get a lunch or coffee invitation call a few
    days before.

    Example: callwise trips add Denver --from 2026-12-03 --to 2026-12-05 --region CO
    """
    from callwise.services import occasions as service

    names = {"from": "--from", "to": "--to", "country": "--country", "city": "CITY"}
    with renamed_fields(names):
        report = service.add_trip(state(ctx).app, city, start, end, region, country, notes)
    if report.warning:
        err_console.print(f"[yellow]warning:[/] {report.warning}", highlight=False)
    if state(ctx).as_json:
        from callwise.services.shapes.agenda import trip_added_shape

        print_json(trip_added_shape(report))
        return
    console.print(f"Trip #{report.trip.id} to {report.trip.city}, {_span(report)}, recorded.")


@trips_app.command("list")
def trips_list(
    ctx: typer.Context,
    past: Annotated[bool, typer.Option("--past", help="Include trips already over.")] = False,
) -> None:
    """Your trips in date order (those already over only with --past).

    Example: callwise trips list
    """
    from callwise.services import occasions as service

    found = service.list_trips(state(ctx).app, include_past=past)
    if state(ctx).as_json:
        from callwise.services.shapes.agenda import trip_shape

        print_json({"trips": [trip_shape(r) for r in found]})
        return
    if not found:
        console.print("No trips recorded (`callwise trips add CITY --from D --to D`).")
        return
    table = Table(header_style="bold")
    for column in ("#", "City", "When", "Notes"):
        table.add_column(column)
    for r in found:
        place = ", ".join(p for p in (r.trip.city, r.trip.region, r.trip.country) if p)
        unknown = "" if r.coordinates else " (city unknown: same-name matches only)"
        table.add_row(str(r.trip.id), place + unknown, _span(r), r.trip.notes)
    console.print(table)


@trips_app.command("remove")
def trips_remove(
    ctx: typer.Context, trip_id: Annotated[int, typer.Argument(help="The trip's id.")]
) -> None:
    """Forget a trip (its invitations leave the plan).

    Example: callwise trips remove 3
    """
    from callwise.services import occasions as service

    service.remove_trip(state(ctx).app, trip_id)
    if state(ctx).as_json:
        print_json({"removed": trip_id})
    else:
        console.print(f"Trip #{trip_id} removed.")


@occasions_app.command("add")
def occasions_add(
    ctx: typer.Context,
    contact: Annotated[str, typer.Argument(help="An id or a name that matches one contact.")],
    label: Annotated[str, typer.Argument(help="What the occasion is, e.g. 'Name day'.")],
    rrule: Annotated[str, typer.Option("--rrule", help="RFC 5545 rule, e.g. FREQ=YEARLY;...")],
    start: Annotated[
        str | None, typer.Option("--start", help=f"When the rule starts. {DATE_HELP}")
    ] = None,
    needs_answer: Annotated[
        bool, typer.Option("--needs-answer", help="The voicemail asks for a call back (P10.3).")
    ] = False,
) -> None:
    """Your own occasion to call someone, on the days a recurrence rule gives.

    Example: callwise occasions add Ana "Name day" --rrule "FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=26"
    """
    from callwise.services import occasions as service

    with renamed_fields({"start": "--start", "label": "LABEL"}):
        report = service.add_occasion(state(ctx).app, contact, label, rrule, start, needs_answer)
    if state(ctx).as_json:
        from callwise.services.shapes.agenda import occasion_added_shape

        print_json(occasion_added_shape(report))
        return
    o = report.occasion
    dates = ", ".join(f"{d:%a} {d.day} {d:%b %Y}" for d in report.next_dates) or "none soon"
    console.print(f"Occasion #{o.id} for {report.contact.name}: {o.label} ({o.rrule}).")
    console.print(f"Next: {dates}.")


def _write(path: Path, data: bytes) -> None:
    """Through a temporary file in the same folder, renamed into place when complete."""
    folder = path.resolve().parent
    if not folder.is_dir():
        raise ValidationError(f"folder {folder} does not exist", field="--output")
    handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


@calendar_app.command("export")
def calendar_export(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("--output", "-o", help="The .ics file to write.")],
    days: Annotated[int, typer.Option("--days", help="How many days of calls (1-366).")] = 7,
    start: Annotated[str, typer.Option("--from", help=f"First day. {DATE_HELP}")] = "today",
    birthdays: Annotated[
        BirthdayScope,
        typer.Option(help="range: birthdays of planned contacts and in the days; all: every one."),
    ] = BirthdayScope.RANGE,
) -> None:
    """Write the planned calls (at their courteous windows, with tel: links and an alarm) and
    birthdays (yearly) to an iCalendar file.

    Example: callwise calendar export -o ~/calls.ics --days 14
    """
    from callwise.services import calendar as service

    with renamed_fields({"from": "--from", "to": "--days"}):
        made = service.calendar_export(state(ctx).app, start, days, birthdays=birthdays.value)
    _write(output, made.data)
    if made.note:
        err_console.print(f"[yellow]note:[/] {made.note}", highlight=False)
    if state(ctx).as_json:
        keys = ("calls", "birthdays", "opening_lines", "note")
        print_json({"output": str(output), **{k: getattr(made, k) for k in keys}})
        return
    console.print(
        f"Wrote {made.calls} calls and {made.birthdays} birthdays to {output} "
        "(import it, or subscribe to the file, in your calendar)."
    )


def register(app: typer.Typer) -> None:
    app.add_typer(trips_app, name="trips")
    app.add_typer(occasions_app, name="occasions")
    app.add_typer(calendar_app, name="calendar")
