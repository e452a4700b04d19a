"""`callwise call CONTACT`: the guided call, stage by stage on the terminal (P1-P10).

Did they answer? A gatekeeper gets the gatekeeper lines (P2.3) and either puts you through or
takes a message; an answer leads through the opener, confirmation, small talk, purpose, next
call and close with a notes prompt at each stage (P4-P7); no answer shows the voicemail and
asks whether one was left (P10.1). At the end the call is logged and what comes next is shown.

Decisions: the walk reads answers from stdin, so it runs on a terminal or with answers piped
in; if the input ends before the end, nothing is recorded (exit 7, pointing to `callwise log`).
With `--json` the walk and its prompts go to stderr and stdout holds only the logged call.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar
from zoneinfo import ZoneInfo

import typer
from rich.console import Console
from rich.text import Text

from callwise.cli import call_render as render
from callwise.cli.calls import (
    ContactArg,
    Line,
    NeedsAnswer,
    Occasion,
    Purpose,
    naming_options,
    show_logged,
)
from callwise.cli.state import console, err_console, state
from callwise.domain.errors import AbortedError, ConflictError, ValidationError
from callwise.domain.phones import number_to_dial

if TYPE_CHECKING:
    from callwise.domain.model import Contact
    from callwise.services.app import App
    from callwise.services.calls import Prepared

T = TypeVar("T")
TALK_STAGES = ("opener", "confirm", "small_talk", "next_call", "purpose", "identity", "close")
LABELS = {
    "opener": "opener",
    "confirm": "confirmation",
    "small_talk": "small talk",
    "next_call": "next call",
    "purpose": "purpose",
    "close": "close",
    "gatekeeper": "gatekeeper",
    "voicemail": "voicemail",
}
STOPPED = (
    "the walk-through stopped before the call was logged; nothing was recorded "
    "(record it with `callwise log CONTACT --outcome ...`)"
)


@dataclass
class Walk:
    """The answers gathered during one guided call."""

    prepared: Prepared
    out: Console
    notes: list[str] = field(default_factory=list)
    outcome: str = ""
    call_back_at: dt.datetime | None = None
    agent: str = ""
    reference: str = ""
    recap: str = ""
    follow_up: dt.date | None = None
    promises: list[tuple[str, str | dt.date | None]] = field(default_factory=list)
    kept: bool = False

    # Asking.

    def ask(self, question: str, default: str = "") -> str:
        """One line of input; Enter gives `default`. The end of input stops the walk."""
        shown = f"{question} [{default}]: " if default else f"{question}: "
        self.out.print(Text(shown, style="bold"), end="")
        line = sys.stdin.readline()
        if not line:
            self.out.print()
            raise AbortedError(STOPPED)
        return line.strip() or default

    def yes(self, question: str, default: bool) -> bool:
        options = ("yes", "no") if default else ("no", "yes")
        return self.choose(question, options, default=options[0]) == "yes"

    def choose(self, question: str, options: Sequence[str], default: str = "") -> str:
        """One of `options`, by any unambiguous beginning; asks again otherwise."""
        while True:
            answer = self.ask(f"{question} ({' / '.join(options)})", default).lower()
            found = [o for o in options if answer and o.startswith(answer)]
            exact = [o for o in options if o == answer]
            if exact or len(found) == 1:
                return (exact or found)[0]
            self.out.print(f"Please answer one of: {', '.join(options)}")

    def valid(self, question: str, read: Callable[[str], T], default: str = "") -> T | None:
        """An answer `read` accepts (None when skipped); a refused one is asked again."""
        while True:
            text = self.ask(question, default)
            if not text or text == "-":
                return None
            try:
                return read(text)
            except ValidationError as exc:
                self.out.print(Text.assemble(("  not accepted: ", "yellow"), exc.message))

    def note(self, key: str) -> None:
        text = self.ask(f"Notes on the {LABELS.get(key, key)} (Enter to skip)")
        if text:
            self.notes.append(f"{LABELS.get(key, key).capitalize()}: {text}")

    def show(self, key: str) -> bool:
        section = self.prepared.script.section(key)
        if section is not None:
            self.out.print()
            self.out.print(render.section_text(section, self.prepared.script))
        return section is not None

    # The stages.

    def run(self) -> None:
        self.out.print(render.script_header(self.prepared))
        for line in render.script_notes(self.prepared):
            self.out.print(line)
        self.show("preparation")
        self.show("names")
        self.out.print()
        answer = self.choose(
            "Did they answer?", ("yes", "gatekeeper", "no answer", "busy", "wrong number")
        )
        if answer == "gatekeeper":
            answer = self.gatekeeper()
        if answer == "yes":
            self.conversation()
        elif answer == "no answer":
            self.voicemail()
        elif answer in ("busy", "wrong number"):
            self.outcome = answer.replace(" ", "_")
        self.wrap_up()

    def gatekeeper(self) -> str:
        """Their assistant answered: the lines for them, then through or a message (P2.3)."""
        if not self.show("gatekeeper"):
            self.out.print("Say who you are and how you met, and ask for them (P2.3).")
        self.note("gatekeeper")
        through = self.choose(
            "Did they put you through?", ("yes", "message left", "call back later")
        )
        if through == "message left":
            self.outcome = "gatekeeper"
        elif through == "call back later":
            self.later()
        return "yes" if through == "yes" else "done"

    def conversation(self) -> None:
        """Stage by stage in the script's order, notes at each (P2.5-P7.2, P8.1)."""
        keys = [k for k in self.prepared.script.keys if k in TALK_STAGES]
        # P2.5 then P2.1: check who answered, greet them, and only then ask about the moment.
        ask_after = "opener" if "opener" in keys else "confirm"
        for key in keys:
            self.show(key)
            if key == ask_after and not self.confirmed():
                return
            if key == "confirm":
                continue
            elif key == "identity":
                self.agent = self.ask("Their name, as they gave it (P8.1; Enter to skip)")
                self.reference = self.ask("Reference number (Enter to skip)")
            elif key == "close":
                self.recap = self.ask("Recap: what you agreed (P7.1; Enter to skip)")
            else:
                self.note(key)
        self.outcome = "connected"

    def confirmed(self) -> bool:
        """The right person, with a moment to talk (P2.5)? Otherwise the call ends here."""
        answer = self.choose(
            "Right person, and a good moment?", ("yes", "wrong number", "call back later")
        )
        if answer == "wrong number":
            self.outcome = "wrong_number"
        elif answer == "call back later":
            self.later()
        return answer == "yes"

    def later(self) -> None:
        """They asked to be called back: when, in their time (P3.4)."""
        from callwise.domain.call_log import parse_moment

        self.outcome = "call_back"
        zone, now = ZoneInfo(self.prepared.zone), self.prepared.local_time
        self.call_back_at = self.valid(
            "When? Their time, e.g. 15:00 or 2026-11-25 15:00 (Enter if they didn't say)",
            lambda text: parse_moment(text, zone, now),
        )

    def voicemail(self) -> None:
        """Nobody answered: the voicemail, short, and always left (P10.1, P10.2)."""
        self.show("voicemail")
        left = self.yes("Did you leave a voicemail?", default=True)
        self.outcome = "voicemail" if left else "no_answer"

    def wrap_up(self) -> None:
        """The next call agreed (suggested, P6.1), promises with due dates, kept promises."""
        from callwise.domain.call_log import parse_day

        today = self.prepared.local_time.date()

        def day(text: str) -> dt.date:
            return parse_day(text, today, field="date")

        if self.outcome == "connected":
            suggested = self.prepared.next_call.isoformat() if self.prepared.next_call else ""
            self.follow_up = self.valid("Next call agreed for ('-' for none)", day, suggested)
        if self.outcome in ("connected", "voicemail", "gatekeeper", "call_back"):
            while text := self.ask("Anything you promised? (Enter when done)"):
                self.promises.append((text, self.valid("Due (Enter for no date)", day)))
        if self.outcome == "connected" and self.prepared.open_promises:
            question = "Did you keep your earlier promises (mark them done)?"
            self.kept = self.yes(question, default=False)


def ask_number(app: App, contact: Contact, out: Console) -> None:
    """No number to dial: ask for one on a terminal and save it to the contact; without a
    terminal, or when none is typed, stop with one line (exit 7, issue 14)."""
    from callwise.services.contacts import add_phone

    fix = f'add one with `callwise contacts edit "{contact.name}" --phone NUMBER`'
    if not sys.stdin.isatty():
        raise AbortedError(f"{contact.name} has no phone number to call; {fix}", field="phone")
    assert contact.id is not None
    out.print(Text(f"{contact.name} has no phone number to call.", style="yellow"))
    while True:
        out.print(Text("Their number (Enter to stop): ", style="bold"), end="")
        typed = sys.stdin.readline().strip()
        if not typed:
            raise AbortedError(f"no number to call {contact.name}; {fix}", field="phone")
        try:
            add_phone(app, contact.id, typed)
        except (ValidationError, ConflictError) as exc:
            out.print(Text(str(exc), style="red"))
            continue
        out.print(f"Saved {typed} to {contact.name}.")
        return


def call(
    ctx: typer.Context,
    contact: ContactArg,
    occasion: Occasion = None,
    purpose: Purpose = "",
    line: Line = "",
    needs_answer: NeedsAnswer = None,
) -> None:
    """Walk through a call on the terminal: did they answer, the gatekeeper, the opener, small
    talk, purpose, next call and close with notes at each stage, or the voicemail; then log it
    and show what comes next (P1-P10).

    Example: callwise call "Amara Okafor" --occasion birthday
    """
    from callwise.services import calls as service

    st = state(ctx)
    out = err_console if st.as_json else console
    with naming_options():
        prepared = service.prepare(
            st.app, contact, occasion, purpose, line, needs_answer=needs_answer
        )
        if not number_to_dial(prepared.contact):
            ask_number(st.app, prepared.contact, out)
            again = f"#{prepared.contact.id}"
            prepared = service.prepare(
                st.app, again, occasion, purpose, line, needs_answer=needs_answer
            )
    walk = Walk(prepared, out)
    walk.run()
    with naming_options():
        logged = service.log_call(
            st.app,
            f"#{prepared.contact.id}",
            walk.outcome,
            note="\n".join(walk.notes),
            follow_up=walk.follow_up,
            promises=walk.promises,
            call_back_at=walk.call_back_at,
            agent_name=walk.agent,
            reference=walk.reference,
            occasion=prepared.script.occasion,
            recap=walk.recap,
            settle_promises=walk.kept,
        )
    walk.out.print()
    show_logged(ctx, logged)
