"""`callwise script | log | history` (and `call`, in guided_call.py): what to say, and the log.

Each command calls one service (imported inside it, so that starting the CLI stays fast) and
formats the result; `--json` prints the shapes documented in docs/json.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from callwise.cli import call_render as render
from callwise.cli.state import console, err_console, print_json, state
from callwise.domain.errors import ValidationError
from callwise.domain.occasion_kinds import script_choices_text

if TYPE_CHECKING:
    from callwise.services.calls import LoggedCall

ContactArg = Annotated[str, typer.Argument(help="An id (42) or a name that matches one contact.")]
Occasion = Annotated[
    str | None,
    typer.Option(
        "--occasion",
        help=f"{script_choices_text()} (default: chosen from their dates and your last call).",
        show_default=False,
    ),
]
Purpose = Annotated[
    str, typer.Option("--purpose", help="What you need from them, in your words (P5.1).")
]
Line = Annotated[
    str, typer.Option("--line", help="A memorable line to work into the opener (P4.4).")
]
Recap = Annotated[
    str, typer.Option("--recap", help="What to sum up at the close (P7.1; default: the purpose).")
]
NeedsAnswer = Annotated[
    bool | None,
    typer.Option(
        "--needs-answer/--no-answer",
        help="Whether the voicemail asks for a call back (P10.3; default: from the occasion "
        "and what the purpose asks).",
        show_default=False,
    ),
]
# The options of `log`.
Outcome_ = Annotated[
    str,
    typer.Option(
        "--outcome",
        help="connected, voicemail, no-answer, busy, gatekeeper (message left), "
        "wrong-number, call-back (they asked you to) or meeting.",
        show_default=False,
    ),
]
Note = Annotated[
    str, typer.Option("--note", help="What was said (SSNs and cards are masked, P8.2).")
]
Duration = Annotated[
    float | None, typer.Option("--duration", help="Minutes.", min=0, show_default=False)
]
FollowUp = Annotated[
    str | None,
    typer.Option("--follow-up", help="The next call agreed: YYYY-MM-DD or +N days (P6.1)."),
]
Promises = Annotated[
    list[str] | None, typer.Option("--promise", help="What you promised. Repeatable.")
]
Dues = Annotated[
    list[str] | None,
    typer.Option("--due", help="When each --promise is due, in order ('-' for none)."),
]
CallBackAt = Annotated[
    str | None,
    typer.Option(
        "--call-back-at",
        help="When they asked to be called back: their time (2026-11-25T15:00, or 15:00).",
    ),
]
Agent = Annotated[str, typer.Option("--agent", help="Who answered for an organization (P8.1).")]
Reference = Annotated[str, typer.Option("--reference", help="Their reference number (P8.1).")]
Topics = Annotated[list[str] | None, typer.Option("--topic", help="A topic. Repeatable.")]
LogRecap = Annotated[
    str, typer.Option("--recap", help="One line for the next call's card (default: the note).")
]
Kept = Annotated[
    bool, typer.Option("--kept", help="Mark your earlier open promises to them as kept.")
]
# The option that sets each field a service may refuse, for the error line.
FLAGS = {
    "outcome": "--outcome",
    "occasion": "--occasion",
    "purpose": "--purpose",
    "promise": "--promise",
    "due": "--due",
    "follow_up": "--follow-up",
    "call_back_at": "--call-back-at",
    "duration": "--duration",
    "limit": "--limit",
}


@contextmanager
def naming_options() -> Iterator[None]:
    """Say which option to fix when a service refuses a value."""
    try:
        yield
    except ValidationError as exc:
        flag = FLAGS.get(exc.field or "")
        if flag is None:
            raise
        raise ValidationError(f"{exc.message} (option {flag})", field=exc.field) from None


def script(
    ctx: typer.Context,
    contact: ContactArg,
    occasion: Occasion = None,
    purpose: Purpose = "",
    line: Line = "",
    recap: Recap = "",
    needs_answer: NeedsAnswer = None,
) -> None:
    """What to say: the preparation card, opener, gatekeeper, small talk, purpose, next call,
    close and the voicemail, for this contact and occasion (P1-P10).

    Example: callwise script "Amara Okafor" --occasion lunch --purpose "Lunch while I'm in town?"
    """
    from callwise.services import calls as service

    with naming_options():
        prepared = service.prepare(
            state(ctx).app, contact, occasion, purpose, line, recap, needs_answer=needs_answer
        )
    if state(ctx).as_json:
        from callwise.services.shapes import calls as shapes

        print_json(shapes.script_shape(prepared))
    else:
        render.print_script(console, prepared)


def log(
    ctx: typer.Context,
    contact: ContactArg,
    outcome: Outcome_,
    note: Note = "",
    duration: Duration = None,
    follow_up: FollowUp = None,
    promise: Promises = None,
    due: Dues = None,
    call_back_at: CallBackAt = None,
    agent: Agent = "",
    reference: Reference = "",
    topic: Topics = None,
    occasion: Occasion = None,
    recap: LogRecap = "",
    kept: Kept = False,
) -> None:
    """Record a call without the walk-through, and show what comes next (P6.1, P7.1, P10).

    Example: callwise log "Amara Okafor" --outcome connected --note "Agreed on lunch"
    --promise "send the deck" --due +3 --follow-up 2026-12-08
    """
    from callwise.domain.call_log import pair_promises
    from callwise.services import calls as service

    app = state(ctx).app
    with naming_options():
        logged = service.log_call(
            app,
            contact,
            outcome,
            note=note,
            duration=duration,
            follow_up=follow_up,
            promises=pair_promises(promise or [], due or []),
            call_back_at=call_back_at,
            agent_name=agent,
            reference=reference,
            topics=topic or [],
            occasion=occasion,
            recap=recap,
            settle_promises=kept,
        )
    show_logged(ctx, logged)


def show_logged(ctx: typer.Context, logged: LoggedCall) -> None:
    """The logged call on stdout: JSON, or the summary with warnings on stderr."""
    if state(ctx).as_json:
        for warning in logged.warnings:
            err_console.print(f"[yellow]warning:[/] {warning}", highlight=False)
        from callwise.services.shapes import calls as shapes

        print_json(shapes.logged_shape(logged))
    else:
        render.print_logged(console, err_console, logged)


def history(
    ctx: typer.Context,
    contact: ContactArg,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many calls.")] = 20,
) -> None:
    """The timeline of calls with a contact, newest first: outcome, notes, promises and
    follow-ups, dated in your zone (P7.1).

    Example: callwise history "Amara Okafor" --limit 5
    """
    from callwise.services import calls as service

    with naming_options():
        found = service.timeline(state(ctx).app, contact, limit)
    if state(ctx).as_json:
        from callwise.services.shapes import calls as shapes

        print_json(shapes.timeline_shape(found))
    elif not found.calls:
        console.print(f"No calls logged with {found.contact.name} yet.")
    else:
        console.print(render.timeline_table(found))
