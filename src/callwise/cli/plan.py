"""`callwise today`, `week`, `plan` and `snooze`: whom to call, when, and why (P3.1, P6.1,
P9.1-P9.5, P10.3). `trips`, `occasions` and `calendar` live in `cli.agenda`."""

from __future__ import annotations

from typing import Annotated

import typer

from callwise.cli.dates import DATE_HELP
from callwise.cli.state import console, print_json, state
from callwise.domain.errors import renamed_fields


def today(ctx: typer.Context) -> None:
    """Today's calls in order, why each, their time now and when to call; then what is left
    and the week ahead.

    Example: callwise today --now 2026-11-24T08:00:00-06:00
    """
    from callwise.cli.plan_render import print_today
    from callwise.services import today as service
    from callwise.services.shapes.plan import today_shape

    report = service.today(state(ctx).app)
    if state(ctx).as_json:
        print_json(today_shape(report))
    else:
        print_today(report, service.planned_calls(state(ctx).app))


def week(ctx: typer.Context) -> None:
    """The next seven days: how the daily budget spreads the calls, and each day's calls.

    Example: callwise week --json
    """
    from callwise.cli.plan_render import print_plan
    from callwise.services import plan as service
    from callwise.services.shapes.plan import plan_shape

    report = service.week(state(ctx).app)
    if state(ctx).as_json:
        print_json(plan_shape(report))
    else:
        print_plan(report)


def plan(
    ctx: typer.Context,
    first: Annotated[str, typer.Option("--from", help=f"First day. {DATE_HELP}")] = "today",
    last: Annotated[
        str, typer.Option("--to", help=f"Last day (at most a year). {DATE_HELP}")
    ] = "+6",
) -> None:
    """The calls of the days from --from to --to, within your daily budget.

    Example: callwise plan --from 2026-12-01 --to 2026-12-14
    """
    from callwise.cli.plan_render import print_plan
    from callwise.services import plan as service
    from callwise.services.shapes.plan import plan_shape

    with renamed_fields({"from": "--from", "to": "--to"}):
        report = service.plan_between(state(ctx).app, first, last)
    if state(ctx).as_json:
        print_json(plan_shape(report))
    else:
        print_plan(report)


def snooze(
    ctx: typer.Context,
    contact: Annotated[str, typer.Argument(help="An id or a name that matches one contact.")],
    until: Annotated[str, typer.Option("--until", help=f"Back in the plan on. {DATE_HELP}")],
    reason: Annotated[str, typer.Option("--reason", help="Why, for your own memory.")] = "",
) -> None:
    """Leave a contact out of the plan until a date (snoozing again replaces it).

    Example: callwise snooze "Amara Okafor" --until +2w --reason "travelling"
    """
    from callwise.services import occasions as service

    with renamed_fields({"until": "--until"}):
        done = service.snooze(state(ctx).app, contact, until, reason)
    if state(ctx).as_json:
        from callwise.services.shapes.agenda import snoozed_shape

        print_json(snoozed_shape(done))
        return
    why = f" ({done.snooze.reason})" if done.snooze.reason else ""
    console.print(
        f"Snoozed {done.contact.name} until {done.snooze.until:%a} {done.snooze.until.day} "
        f"{done.snooze.until:%b %Y}{why}: out of the plan until then."
    )


def register(app: typer.Typer) -> None:
    from callwise.cli import agenda

    app.command("today")(today)
    app.command("week")(week)
    app.command("plan")(plan)
    app.command("snooze")(snooze)
    agenda.register(app)
