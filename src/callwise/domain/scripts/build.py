"""What to say: a call script for one contact and occasion (P1-P10, issue 6).

A script is an ordered list of sections (preparation, names, gatekeeper, confirmation, opener,
small talk, purpose, identity, next call, close, voicemail), each left out when it has nothing
true to say. The wording comes from templates (see `render`); this module decides
which sections a call needs, screens every spoken line against the contact's topics to avoid
(P4.2), and times the voicemail (P10.2). Every occasion gets its answered/voicemail pair (P10.4).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import jinja2

from callwise.domain.calls import Call, Promise, Trip
from callwise.domain.city_facts import CityFacts
from callwise.domain.model import Contact
from callwise.domain.occasion_kinds import SCRIPTS
from callwise.domain.privacy import mask_field, spoken_masked
from callwise.domain.scripts.context import script_context, variant_key
from callwise.domain.scripts.render import render_lines
from callwise.domain.scripts.request import (
    Caller,
    ScriptRequest,
    check_request,
    make_guard,
    masked_request,
)
from callwise.domain.scripts.words import TopicGuard, estimate_seconds

VOICEMAIL_LIMIT_SECONDS = 30.0  # P10.2: they did not schedule it


@dataclass(frozen=True, slots=True)
class _Spec:
    template: str
    title: str
    rules: tuple[str, ...]
    spoken: bool = True


_SPECS: Mapping[str, _Spec] = {
    "preparation": _Spec("preparation.j2", "Before you call", ("P1.1", "P1.2"), spoken=False),
    "names": _Spec("names.j2", "Names to use", ("P2.6",), spoken=False),
    "opener": _Spec("opener.j2", "Who you are, and why you call", ("P2.1",)),
    "gatekeeper": _Spec("gatekeeper.j2", "If an assistant or a switchboard answers", ("P2.3",)),
    "confirm": _Spec("confirm.j2", "When they answer: check who it is", ("P2.5",)),
    "small_talk": _Spec("small_talk.j2", "Small talk", ("P4.1", "P4.2", "P4.3")),
    "purpose": _Spec("purpose.j2", "Why you are calling", ("P5.1",)),
    "identity": _Spec("identity.j2", "Their name, your reference, your identity", ("P8.1", "P8.2")),
    "next_call": _Spec("next_call.j2", "Something to look forward to", ("P6.1", "P6.2")),
    "close": _Spec("close.j2", "Closing", ("P7.1", "P7.2")),
    "voicemail": _Spec("voicemail.j2", "If nobody answers: the voicemail", ("P10.1", "P10.2")),
}


@dataclass(frozen=True, slots=True)
class Section:
    """One part of a script: its lines, and the playbook rules it serves. Lines in square
    brackets are cues for the caller, not words to say. `spoken` is False for cue cards."""

    key: str
    title: str
    lines: tuple[str, ...]
    rules: tuple[str, ...]
    spoken: bool = True

    @property
    def said(self) -> tuple[str, ...]:
        """The lines to say aloud (cues left out)."""
        return tuple(line for line in self.lines if not is_cue(line))


@dataclass(frozen=True, slots=True)
class Script:
    """A call script: ordered sections, the voicemail's length and what was left out."""

    contact_id: int | None
    occasion: str
    sections: tuple[Section, ...]
    needs_answer: bool
    voicemail_seconds: float
    voicemail_over_limit: bool
    warnings: tuple[str, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.sections)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)


def is_cue(line: str) -> bool:
    """A line in square brackets is a cue for the caller, not words to say."""
    return line.startswith("[") and line.endswith("]")


def build_script(
    contact: Contact,
    occasion: str,
    *,
    user: Caller,
    now: dt.datetime,
    local_time_text: str,
    last_call: Call | None,
    open_promises: tuple[Promise, ...],
    purpose: str = "",
    memorable_line: str = "",
    next_call: dt.date | None = None,
    templates: jinja2.Environment,
    city_facts: CityFacts | None = None,
    introducer: str = "",
    trip: Trip | None = None,
    recap: str = "",
    needs_answer: bool | None = None,
    elaborate: bool | None = None,
    holidays: frozenset[dt.date] = frozenset(),
) -> Script:
    """The script for calling `contact` on `occasion` (one of OCCASIONS), as of `now` (aware):
    `local_time_text` their local time for the caller; `introducer` who introduced you (P1.1);
    `trip` your visit to their city (P9.3); `recap` the close's summary (default: the purpose,
    P7.1); `needs_answer`, `elaborate` override the voicemail's call back (P10.3) and the offer
    of lunch (P5.3); `templates` the wording, `city_facts` small-talk facts (None: none, P4.2);
    `holidays` theirs, which the next call avoids (P6.1). Raises ValidationError naming the field.
    """
    request = ScriptRequest(
        contact=contact,
        occasion=occasion,
        user=user,
        now=now,
        local_time_text=local_time_text,
        last_call=last_call,
        open_promises=open_promises,
        purpose=purpose,
        memorable_line=memorable_line,
        next_call=next_call,
        city_facts=city_facts,
        introducer=introducer,
        trip=trip,
        recap=recap,
        needs_answer=needs_answer,
        elaborate=elaborate,
        holidays=holidays,
    )
    check_request(request)
    masked: list[str] = []
    return _compose(masked_request(request, masked), templates, masked)


def _wanted(context: Mapping[str, Any]) -> tuple[str, ...]:
    """The section keys this call needs, in order: someone else may answer first (P2.3), then
    you make sure who answered before you greet them by name (P2.5). A business contact hears
    the next call proposed early, a personal one once rapport is there (P6.2)."""
    early = context["business"] and not context["org_call"]
    # P5.3: an offer of lunch or a conference call is the next step; no second date is set.
    agreed = () if context["elaborate"] else ("next_call",)
    return (
        *("preparation", "names"),
        *(("gatekeeper",) if context["switchboard"] else ()),  # P2.3
        *("confirm", "opener", "small_talk"),  # P2.5: who answered, before their name
        *(agreed if early else ()),
        "purpose",
        *(("identity",) if context["org_call"] else ()),  # P8
        *(() if early else agreed),
        *("close", "voicemail"),
    )


def _rules(key: str, context: Mapping[str, Any]) -> tuple[str, ...]:
    """The section's rule ids, with the ones this particular call also serves."""
    occasion_rule = SCRIPTS[context["occasion"]].rule
    person, met = not context["org_call"], context["met"]
    met_said = met["before"] and any(met[k] for k in ("event", "when", "place", "circumstances"))
    shared = context["introducer"] or context["alumni"] or context["groups"]
    work = context["business"] and (context["job_title"] or context["organization"])
    extra: dict[str, tuple[tuple[bool, str], ...]] = {
        "preparation": ((context["org_call"], "P1.3"),),
        "opener": (
            (person and met_said, "P2.2"),
            (person and not met["before"] and bool(shared or work), "P2.4"),
            (context["keep_in_touch"], "P2.7"),
            (person and bool(met.get("recent")) and context["stage"] == "met", "P9.5"),
            (bool(context["memorable_line"]), "P4.4"),
            (True, occasion_rule),
        ),
        "confirm": ((context["org_call"], "P8.1"),),
        "purpose": (
            (context["many_details"], "P5.2"),
            (context["elaborate"], "P5.3"),
            (context["keep_in_touch"], "P5.4"),
            (True, occasion_rule),
        ),
        "voicemail": ((True, "P2.7"), (True, "P10.3"), (True, "P10.4")),
    }
    found = {*_SPECS[key].rules, *(rule for wanted, rule in extra.get(key, ()) if wanted)}
    return tuple(sorted(found, key=_rule_order))


def _rule_order(rule: str) -> tuple[int, ...]:
    """'P10.1' after 'P9.5': rule ids sort by their numbers, not as text."""
    return tuple(int(part) for part in rule.removeprefix("P").split("."))


def _screen(section: Section, guard: TopicGuard, left_out: list[str]) -> Section:
    """Drop any spoken line that still touches a topic to avoid (P4.2): the last guard."""
    if not section.spoken:
        return section
    kept = []
    for line in section.lines:
        topic = guard.mentioned(line)
        if topic:
            left_out.append(f"A line of '{section.title}' left out: it touches {topic!r}")
        else:
            kept.append(line)
    return Section(section.key, section.title, tuple(kept), section.rules, section.spoken)


def _render(key: str, context: Mapping[str, Any], env: jinja2.Environment, vkey: str) -> Section:
    """One section, with any SSN or card number that reached its wording masked (P8.2):
    contact notes, the last call and a user's template all pass through here. A spoken line
    says a masked number naturally ('the number ending 6789'), never its stars."""
    spec = _SPECS[key]
    lines = []
    left_out: list[str] = context["prep"]["left_out"]
    for line in render_lines(env, spec.template, context, vkey):
        text = mask_field(spec.title, line, left_out)
        lines.append(spoken_masked(text) if spec.spoken else text)
    return Section(key, spec.title, tuple(lines), _rules(key, context), spec.spoken)


def _compose(request: ScriptRequest, env: jinja2.Environment, masked: list[str]) -> Script:
    guard, vkey = make_guard(request), variant_key(request)
    context = script_context(request, guard)
    left_out: list[str] = context["prep"]["left_out"]
    left_out[:0] = masked  # P8.2: the user sees what was masked first
    keys = _wanted(context)
    rendered = {
        key: _screen(_render(key, context, env, vkey), guard, left_out)
        for key in keys
        if key != "preparation"
    }
    seconds = estimate_seconds(" ".join(rendered["voicemail"].said))
    over = seconds > VOICEMAIL_LIMIT_SECONDS
    if over:
        left_out.append(
            f"The voicemail runs about {seconds:.0f} s; trim the reason to stay under "
            f"{VOICEMAIL_LIMIT_SECONDS:.0f} s (P10.2)"
        )
    rendered["preparation"] = _render("preparation", context, env, vkey)
    sections = tuple(rendered[k] for k in keys if rendered[k].lines)
    return Script(
        contact_id=request.contact.id,
        occasion=request.occasion,
        sections=sections,
        needs_answer=context["needs_answer"],
        voicemail_seconds=seconds,
        voicemail_over_limit=over,
        warnings=tuple(left_out),
    )
