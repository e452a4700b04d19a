"""The shapes of `script`, `call`, `log` and `history`: a script, a call, what comes next, a
logged call and a timeline (docs/json.md, issue 6; P1-P10)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from callwise.domain.scripts import VOICEMAIL_LIMIT_SECONDS
from callwise.services.shapes import contact_ref, day_text, utc_text
from callwise.services.shapes.courtesy import optional_window_shape

if TYPE_CHECKING:
    from callwise.domain.calls import Call
    from callwise.domain.scripts import Section
    from callwise.services.calls import LoggedCall, NextStep, Prepared, Timeline
    from callwise.services.reason import CallReason


def section_shape(section: Section) -> dict[str, Any]:
    return {
        "key": section.key,
        "title": section.title,
        "rules": list(section.rules),
        "spoken": section.spoken,
        "lines": list(section.lines),
    }


def script_shape(prepared: Prepared) -> dict[str, Any]:
    """What to say, section by section, in the order a call needs them."""
    script = prepared.script
    return {
        "contact": contact_ref(prepared.contact),
        "occasion": script.occasion,
        "local_time": prepared.local_time.isoformat(),
        "local_time_text": prepared.local_time_text,
        "next_call": day_text(prepared.next_call),
        "needs_answer": script.needs_answer,
        "voicemail_seconds": round(script.voicemail_seconds, 1),
        "voicemail_limit_seconds": VOICEMAIL_LIMIT_SECONDS,
        "voicemail_over_limit": script.voicemail_over_limit,
        "sections": [section_shape(s) for s in script.sections],
        "warnings": list(script.warnings),
        "missing": list(prepared.missing),
        "reason": reason_shape(prepared.reason),
    }


def reason_shape(reason: CallReason | None) -> dict[str, Any] | None:
    """Why the plan has the call (`services.reason`); None when the caller named the occasion."""
    if reason is None:
        return None
    return {
        "kind": reason.kind,
        "label": reason.label,
        "why": list(reason.why),
        "day": day_text(reason.day),
        "days_early": reason.days_early,
    }


def call_shape(call: Call, zone: str) -> dict[str, Any]:
    """A stored call: instants in UTC with a Z, `local_at` in your home zone `zone`."""
    return {
        "id": call.id,
        "at": utc_text(call.at),
        "local_at": call.at.astimezone(ZoneInfo(zone)).isoformat(),
        "outcome": call.outcome.value,
        "occasion": call.occasion,
        "duration_seconds": call.duration_seconds,
        "notes": call.notes,
        "topics": list(call.topics),
        "promises": [
            {"text": p.text, "due": day_text(p.due), "done": p.done} for p in call.promises
        ],
        "follow_up": day_text(call.follow_up),
        "call_back_at": utc_text(call.call_back_at),
        "agent_name": call.agent_name,
        "reference": call.reference,
        "recap": call.recap,
    }


def step_shape(step: NextStep) -> dict[str, Any]:
    """What the plan now holds for them: a follow-up, a retry or the cadence, and its window."""
    return {
        "kind": step.kind,
        "due": step.due.isoformat(),
        "reason": step.reason,
        "window": optional_window_shape(step.window),
    }


def logged_shape(logged: LoggedCall) -> dict[str, Any]:
    """The stored call, its warnings, and what comes next (P6.1, P10.3)."""
    return {
        "contact": contact_ref(logged.contact),
        "home_zone": logged.home_zone,
        "call": call_shape(logged.call, logged.home_zone),
        "warnings": list(logged.warnings),
        "settled_promises": logged.settled_promises,
        "next": [step_shape(s) for s in logged.next],
    }


def timeline_shape(timeline: Timeline) -> dict[str, Any]:
    """A contact's calls, newest first, dated in your zone (P7.1)."""
    return {
        "contact": contact_ref(timeline.contact),
        "home_zone": timeline.home_zone,
        "calls": [call_shape(c, timeline.home_zone) for c in timeline.calls],
    }
