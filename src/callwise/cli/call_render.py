"""Terminal and JSON forms of scripts, logged calls and call histories (issue 6).

Script lines are printed as Rich `Text`, never as markup: a cue such as "[Pause]" stays as
written. Cues (lines in square brackets) are dimmed; the voicemail's title carries its
estimated length and a flag when it runs over 30 seconds (P10.2).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from callwise.domain.calls import Call
    from callwise.domain.scripts import Script, Section
    from callwise.services.calls import LoggedCall, NextStep, Prepared, Timeline

VOICEMAIL_LIMIT = 30.0  # P10.2; the same limit as domain.scripts.VOICEMAIL_LIMIT_SECONDS
OUTCOME_WORDS = {
    "connected": "connected",
    "voicemail": "left voicemail",
    "no_answer": "no answer",
    "busy": "busy",
    "gatekeeper": "gatekeeper (message left)",
    "wrong_number": "wrong number",
    "call_back": "asked to call back",
    "meeting": "met in person",
}


def _day(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b} {day.year}"


def _stamp(moment: dt.datetime) -> str:
    return f"{_day(moment)} {moment:%H:%M %Z}"


def _span(start: dt.datetime, end: dt.datetime) -> str:
    """'Thu 24 Dec 2026 14:00-17:30 CST', or both ends in full across midnight."""
    if start.date() == end.date():
        return f"{_day(start)} {start:%H:%M}-{end:%H:%M %Z}"
    return f"{_stamp(start)} - {_stamp(end)}"


# Scripts.


def section_text(section: Section, script: Script) -> Text:
    """One section: its title with rule ids, then its lines indented; cues dimmed."""
    text = Text()
    text.append(section.title, style="bold")
    text.append(f"  ({', '.join(section.rules)})", style="dim")
    if section.key == "voicemail":
        text.append(f"  about {script.voicemail_seconds:.0f} s")
        if script.voicemail_over_limit:
            text.append(f"  over {VOICEMAIL_LIMIT:.0f} s: trim it (P10.2)", style="bold red")
    for line in section.lines:
        cue = line.startswith("[") and line.endswith("]")
        text.append("\n  ")
        text.append(line, style="dim italic" if cue else "")
    return text


def script_header(prepared: Prepared) -> Text:
    script, contact = prepared.script, prepared.contact
    text = Text()
    text.append(f"{script.occasion.capitalize()} call to ", style="bold")
    text.append(contact.name, style="bold")
    text.append(f"  #{contact.id}", style="dim")
    return text


def script_notes(prepared: Prepared) -> list[Text]:
    """What to know first: missing data and the other warnings, then why the plan has the
    call (issue 14; the reason Today names, `services.reason`)."""
    lines = [Text.assemble(("warning: ", "yellow"), w) for w in prepared.script.warnings]
    reason = prepared.reason
    if reason is not None and reason.why:
        lines.append(Text.assemble(("Why: ", "bold"), "; ".join(reason.why)))
    return lines


def print_script(out: Console, prepared: Prepared) -> None:
    out.print(script_header(prepared))
    for line in script_notes(prepared):
        out.print(line)
    for section in prepared.script.sections:
        out.print()
        out.print(section_text(section, prepared.script))


# Logged calls and histories.


def step_text(step: NextStep) -> Text:
    text = Text("  ")
    text.append(_day(step.due), style="bold")
    text.append(f"  {step.reason}")
    if step.window:
        w = step.window
        text.append(f"\n      call {_span(w.start, w.end)}", style="dim")
        if w.start.utcoffset() != w.home_start.utcoffset():
            text.append(f" (your time {_span(w.home_start, w.home_end)})", style="dim")
    return text


def print_logged(out: Console, err: Console, logged: LoggedCall) -> None:
    """What was stored, its warnings (on stderr), and what the plan now holds (P6.1, P10.3)."""
    call = logged.call
    when = call.at.astimezone(ZoneInfo(logged.home_zone))
    head = Text("Logged: ", style="bold")
    head.append(f"{OUTCOME_WORDS[call.outcome.value]} with {logged.contact.name}")
    head.append(f", {_stamp(when)}", style="dim")
    out.print(head)
    for warning in logged.warnings:
        err.print(Text.assemble(("warning: ", "yellow"), warning))
    for p in call.promises:
        out.print(Text(f"  Promised: {p.text}" + (f" (due {_day(p.due)})" if p.due else "")))
    if logged.settled_promises:
        out.print(f"  Marked {logged.settled_promises} earlier promise(s) as kept.")
    if not logged.next:
        out.print("Nothing scheduled: no follow-up, and no keep-in-touch cadence for them.")
        return
    out.print(Text("Scheduled next:", style="bold"))
    for step in logged.next:
        out.print(step_text(step))


def _details(call: Call) -> Text:
    text = Text(call.notes)
    extras = [
        f"agent {call.agent_name}" if call.agent_name else "",
        f"ref {call.reference}" if call.reference else "",
        f"topics: {', '.join(call.topics)}" if call.topics else "",
    ]
    for extra in (e for e in extras if e):
        text.append(("\n" if text.plain else "") + extra, style="dim")
    return text


def _ahead(call: Call, zone: ZoneInfo) -> Text:
    text = Text()
    for p in call.promises:
        mark = "done" if p.done else (f"due {p.due:%d %b}" if p.due else "no date")
        text.append(("\n" if text.plain else "") + f"{p.text} ({mark})")
    if call.follow_up:
        text.append(("\n" if text.plain else "") + f"next call {call.follow_up:%d %b %Y}")
    if call.call_back_at:
        back = call.call_back_at.astimezone(zone)
        text.append(("\n" if text.plain else "") + f"call back {_stamp(back)}")
    return text


def timeline_table(timeline: Timeline) -> Table:
    """The calls, newest first, dated in the user's zone (P7.1)."""
    zone = ZoneInfo(timeline.home_zone)
    table = Table(
        title=f"Calls with {timeline.contact.name} (your time, {timeline.home_zone})",
        header_style="bold",
        show_lines=True,
    )
    table.add_column("When", no_wrap=True)
    table.add_column("Outcome")
    table.add_column("Occasion")
    table.add_column("Notes")
    table.add_column("Promises and follow-ups")
    for call in timeline.calls:
        table.add_row(
            _stamp(call.at.astimezone(zone)),
            OUTCOME_WORDS[call.outcome.value],
            call.occasion,
            _details(call),
            _ahead(call, zone),
        )
    return table
