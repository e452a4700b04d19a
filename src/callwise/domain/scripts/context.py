"""What a call script says, as plain values for the templates (P1-P10).

`script_context` turns a `ScriptRequest` into the variables every template sees. Spoken values
have already passed the contact's topics to avoid (P4.2); the preparation card (`prep`, never
spoken) keeps the user's own notes as they are. The template contract:

- occasion, kind; formal, business, switchboard, org_call, keep_in_touch, needs_answer (bools);
- name (how to address them in the greeting and the close, P2.6; '' for an organization),
  name_again (for any later turn: title and name, a first name, or '' when only the full name
  would do), formal_name (for a gatekeeper), titled (whether it has a title), full_name,
  target (whom to ask a gatekeeper for), target_again (them, named again to the gatekeeper),
  family_first, family_name, name_in_order (Tanaka Yuki: the family name first);
  me, my_full_name, my_number (the caller, P2.1, P2.7: national when you share their country,
  international otherwise, digits in spoken groups: '816 555 0100');
- organization, job_title, department, city, introducer;
- met {before, event, when, place, circumstances} (P2.2); alumni, alumni_of, groups (P2.4);
- talk [{kind, text, event}] (P4.2); memorable_line (P4.4);
- purpose, purpose_clause, purpose_brief (short enough for a voicemail, else ''),
  many_details (P5.2), elaborate (P5.3); promises; recap (P7.1);
- next_call (when, as people say it: 'next week', 'after the holidays'; never a date),
  next_call_day (the exact day, 'Tuesday, March 2': say it at most once; next_call_bare is the
  same), invitation (the call invites: its next call comes within weeks), next_call_in
  ('in 3 weeks or so', from the contact's cadence when no day is planned) (P6.1);
- trip {known, city, when} (P9.3); gatekeeper {known, name (to greet), full_name, role} (P2.3);
- last_call {known, when, date, outcome, recap, promises, agent, reference, asked_call_back,
  spoke, topics} (the only shared history a template may claim);
- prep {...}: the preparation card's raw values (P1.1-P1.3);
- pick(n, slot): a variant in range(n), stable for this contact, occasion and template.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Any

from callwise.domain.calls import Outcome
from callwise.domain.city_facts import CityFacts, CityInfo, name_key
from callwise.domain.model import Contact, RelationshipKind
from callwise.domain.phones import number_to_dial
from callwise.domain.scripts.address import name_context
from callwise.domain.scripts.next_call import next_call_words
from callwise.domain.scripts.purpose import asks, is_elaborate, kind_of, said
from callwise.domain.scripts.request import KEEP_IN_TOUCH, NEEDS_ANSWER, ScriptRequest
from callwise.domain.scripts.story import event_phrase, is_sentence, promise_said, stage
from callwise.domain.scripts.talk import TalkDay, small_talk
from callwise.domain.scripts.words import (
    TopicGuard,
    clause,
    day_month,
    full_date,
    gatekeeper_address,
    sentences,
    spoken_past,
    spoken_span,
    words_of,
)

_LATELY_DAYS = 14  # P10.1: a message left this lately is mentioned on the next try
_RECENT_DAYS = 7  # P9.5: a meeting this recent is followed up, not caught up on
_NO_FACTS = CityFacts("", {})  # no facts handed in: small talk without city facts
_DETAIL_WORDS = 25  # P5.2: a purpose longer than this deserves pen and paper
_DETAIL_NUMBERS = 3  # ... and so does one with this many numbers or dates in it
_BRIEF_WORDS = 20  # P10.2: a voicemail repeats the purpose only when it is this short
_MAIN_LINES = frozenset(
    {"main", "assistant", "company", "switchboard"}
)  # P2.3: someone else answers
_OUTCOMES = {
    Outcome.CONNECTED: "you spoke",
    Outcome.VOICEMAIL: "you left a voicemail",
    Outcome.NO_ANSWER: "no answer",
    Outcome.BUSY: "the line was busy",
    Outcome.GATEKEEPER: "you reached their assistant",
    Outcome.WRONG_NUMBER: "a wrong number",
    Outcome.CALL_BACK: "they asked you to call back",
    Outcome.MEETING: "you met in person",
}
_AFFILIATION_PREFIXES = ("member", "club", "group", "affiliation", "association")


class Notes:
    """Collects what was left out of the spoken script, for the preparation card."""

    def __init__(self) -> None:
        self.left_out: list[str] = []

    def screen(self, guard: TopicGuard, what: str, text: str) -> str:
        """`text` when it avoids every topic, else '' and a note naming the topic (P4.2)."""
        topic = guard.mentioned(text)
        if topic and text.strip():
            self.left_out.append(f"{what} left out: it touches {topic!r}, a topic to avoid")
            return ""
        return text.strip()

    def screen_sentences(self, guard: TopicGuard, what: str, text: str) -> str:
        kept = [s for s in sentences(text) if self.screen(guard, what, s)]
        return " ".join(kept)


def _place_phrase(place: str, contact: Contact, facts: CityFacts) -> str:
    """'in Denver' for a city, 'at the Hyatt Regency' for a venue."""
    if not place:
        return ""
    is_city = name_key(place) == name_key(contact.city) or facts.lookup(place) is not None
    return f"in {place}" if is_city else f"at {place}"


def _met(request: ScriptRequest, guard: TopicGuard, notes: Notes) -> dict[str, Any]:
    """The first meeting, as far as it can be said aloud (P2.2)."""
    met, facts = request.contact.met, _facts(request)
    event = notes.screen(guard, "Where you met", met.event)
    place = notes.screen(guard, "The meeting place", met.place)
    circumstances = notes.screen(guard, "How you met", met.circumstances)
    country = request.contact.country
    when = spoken_past(met.date, request.today, country) if met.date else ""
    before = bool(met.event or met.date or met.place or met.circumstances)
    return {
        "before": before,
        # Met within the week: the call follows the meeting up, it does not catch up (P9.5).
        "recent": met.date is not None and 0 <= (request.today - met.date).days <= _RECENT_DAYS,
        "event": event_phrase(event),
        "event_cue": event if event and not event_phrase(event) else "",
        "when": when,
        "place": _place_phrase(place, request.contact, facts),
        "circumstances": clause(circumstances),
    }


def _affiliations(contact: Contact, guard: TopicGuard) -> dict[str, Any]:
    """Shared affiliations from tags (P2.4): 'alumni', 'alumni:State University', 'State
    University alumni' or 'alum'; 'member:', 'club:', 'group:' ... name a shared group."""
    alumni, alumni_of, groups = False, "", []
    for tag in (t.strip() for t in contact.tags if guard.allows(t)):
        head, _, rest = tag.partition(":")
        words = words_of(head)
        if words and words[-1] in ("alumni", "alum", "alumnus", "alumna", "alumnae"):
            alumni = True
            alumni_of = alumni_of or rest.strip() or " ".join(head.split()[:-1])
        elif rest.strip() and words and words[0] in _AFFILIATION_PREFIXES:
            groups.append(rest.strip())
    school_words = ("university", "college", "school", "institute")
    org = contact.organization.strip()
    if alumni and not alumni_of and any(w in words_of(org) for w in school_words):
        alumni_of = org if guard.allows(org) else ""
    return {"alumni": alumni, "alumni_of": alumni_of, "groups": groups}


def _purpose(request: ScriptRequest, guard: TopicGuard, notes: Notes) -> dict[str, Any]:
    """The purpose in the user's words, and how much handling it needs (P5.1-P5.3)."""
    text = notes.screen_sentences(guard, "Part of the purpose", request.purpose)
    words = words_of(text)
    numbers = re.findall(r"\d+", text)
    many = len(words) > _DETAIL_WORDS or len(numbers) >= _DETAIL_NUMBERS or text.count(",") >= 3
    elaborate = request.elaborate
    if elaborate is None:
        elaborate = bool(text) and is_elaborate(text)
    first = sentences(text)[:1]
    brief = first[0] if first and len(words_of(first[0])) <= _BRIEF_WORDS else ""
    whole, short = said(text), said(brief)
    return {
        "purpose": text,
        "purpose_kind": kind_of(text),
        "said": {"form": whole.form, "body": whole.body, "rest": whole.rest},
        "said_brief": {"form": short.form, "body": short.body, "rest": ""},
        "purpose_brief": clause(brief),
        "many_details": many and not request.org_call,
        "elaborate": elaborate and not request.org_call,
    }


def _needs_answer(request: ScriptRequest, purpose: dict[str, Any]) -> bool:
    """Ask for a call back only when an answer is needed (P10.3): the caller's say, else the
    occasion's, the purpose's meaning, or an offer of lunch made in the script (P5.3)."""
    if request.needs_answer is not None:
        return request.needs_answer
    registry = NEEDS_ANSWER.get(request.occasion)
    return bool(registry) or bool(purpose["elaborate"]) or asks(purpose["purpose"])


def _next_call_in(days: int | None) -> str:
    """A keep-in-touch cadence as said aloud: 'in 3 weeks or so'."""
    if not days:
        return ""
    if days <= 10:
        return "in a week or so"
    if days <= 45:
        return f"in {round(days / 7)} weeks or so"
    return f"in {max(2, round(days / 30))} months or so"


def _trip(request: ScriptRequest) -> dict[str, Any]:
    trip = request.trip
    if trip is None:
        return {"known": False, "city": "", "when": ""}
    when = spoken_span(trip.start, trip.end, request.today, request.contact.country)
    return {"known": True, "city": trip.city.strip(), "when": when}


def _last_call(request: ScriptRequest, guard: TopicGuard) -> dict[str, Any]:
    """The last call, for the preparation card and a returned call (P1.1, P3.4, P8.1). Only
    what is logged here may be said as shared history: `spoke` (you talked) and `topics`."""
    call = request.last_call
    if call is None:
        return {
            "known": False,
            "when": "",
            "date": "",
            "outcome": "",
            "recap": "",
            "promises": [],
            "agent": "",
            "reference": "",
            "asked_call_back": False,
            "spoke": False,
            "left_message": False,
            "topics": [],
        }
    local = call.at.astimezone(request.now.tzinfo).date()
    return {
        "known": True,
        "when": spoken_past(local, request.today, request.contact.country),
        "date": full_date(local, request.contact.country),
        "outcome": _OUTCOMES.get(call.outcome, call.outcome.value.replace("_", " ")),
        "recap": (call.recap or call.notes).strip(),
        "promises": [p.text.strip() for p in call.promises if not p.done and p.text.strip()],
        "recap_cue": (call.recap or call.notes).strip()
        if guard.allows(call.recap, call.notes)
        else "",
        "agent": call.agent_name.strip(),
        "reference": call.reference.strip(),
        "asked_call_back": call.outcome is Outcome.CALL_BACK,
        "spoke": call.outcome in (Outcome.CONNECTED, Outcome.MEETING),
        # A message you left lately: the next try says so, once (P10.1).
        "left_message": call.outcome in (Outcome.VOICEMAIL, Outcome.GATEKEEPER)
        and (request.today - local).days <= _LATELY_DAYS,
        "topics": [_to_them(t) for t in call.topics if t.strip() and guard.allows(t)][:2],
    }


def _to_them(topic: str) -> str:
    """A logged topic said to them: 'her photo show' -> 'your photo show' (the log speaks of
    them in the third person, the script speaks to them)."""
    text = " ".join(topic.split())
    return re.sub(r"^(?:her|his|their)\b", "your", text, flags=re.IGNORECASE)


def _followups(request: ScriptRequest) -> list[dict[str, Any]]:
    """Open promises, with their due dates, for the preparation card (P6.1)."""
    items = []
    for promise in request.open_promises:
        if promise.done or not promise.text.strip():
            continue
        due = promise.due
        items.append(
            {
                "text": promise.text.strip(),
                "due": day_month(due, request.contact.country) if due else "",
                "overdue": bool(due and due < request.today),
            }
        )
    return items


def _prep(request: ScriptRequest, guard: TopicGuard, notes: Notes) -> dict[str, Any]:
    """The preparation card (P1.1-P1.3): the user's own data, never spoken. Interests and
    family notes that touch a topic to avoid stay off it, so the card never suggests what
    it says not to raise (P4.2)."""
    c = request.contact
    met_date = full_date(c.met.date, c.country) if c.met.date else ""
    return {
        "met_event": c.met.event.strip(),
        "met_date": met_date,
        "met_place": c.met.place.strip(),
        "met_circumstances": c.met.circumstances.strip(),
        "introducer": request.introducer.strip(),
        "job_title": c.job_title.strip(),
        "department": c.department.strip(),
        "organization": c.organization.strip(),
        "local_time": request.local_time_text.strip(),
        "interests": [i.strip() for i in guard.keep(c.interests) if i.strip()],
        "family": c.family_notes.strip() if guard.allows(c.family_notes) else "",
        "avoid": [t.strip() for t in c.avoid_topics if t.strip()],
        "followups": _followups(request),
        "left_out": notes.left_out,
    }


def _facts(request: ScriptRequest) -> CityFacts:
    return request.city_facts if request.city_facts is not None else _NO_FACTS


def _city(request: ScriptRequest, guard: TopicGuard) -> CityInfo | None:
    c = request.contact
    info = _facts(request).lookup(c.city, c.region, c.country)
    return info if info is not None and guard.allows(info.name, c.city) else None


def _spoken_contact(request: ScriptRequest, guard: TopicGuard, notes: Notes) -> dict[str, Any]:
    c = request.contact
    promises = [p.text for p in request.open_promises if not p.done and p.text.strip()]
    gatekeeper = c.gatekeeper
    return {
        "organization": notes.screen(guard, "The organization's name", c.organization),
        "job_title": notes.screen(guard, "The job title", c.job_title),
        "department": notes.screen(guard, "The department", c.department),
        "introducer": request.introducer.strip(),
        "city": c.city.strip() if guard.allows(c.city) else "",
        "promises": [
            {"text": clause(p), "said": promise_said(p)}
            for p in promises
            if notes.screen(guard, "A promise", p)
        ],
        **_memorable(notes.screen(guard, "Your memorable line", request.memorable_line)),
        "recap": clause(notes.screen(guard, "The recap", request.recap)),
        "gatekeeper": {
            "known": gatekeeper is not None,
            "name": gatekeeper_address(gatekeeper.name) if gatekeeper else "",
            "full_name": " ".join(gatekeeper.name.split()) if gatekeeper else "",
            "role": (gatekeeper.role.strip() or "assistant") if gatekeeper else "",
        },
    }


def _memorable(line: str) -> dict[str, str]:
    """Your memorable line (P4.4): said as it is when it is a sentence, else a cue to work it
    into one of your own: a fragment is never pasted into the opener."""
    if not line:
        return {"memorable_line": "", "memorable_cue": ""}
    if is_sentence(line):
        return {"memorable_line": line, "memorable_cue": ""}
    return {"memorable_line": "", "memorable_cue": line}


def has_switchboard(contact: Contact) -> bool:
    """Someone else may answer first (P2.3): the contact has an assistant on file, the number
    you dial is a main line or an assistant's (its label), a business contact's work number at
    their organization, or you call an organization. A home line or a mobile is answered by
    the person you call."""
    if contact.gatekeeper is not None or contact.kind is RelationshipKind.ORGANIZATION:
        return True
    number = number_to_dial(contact)
    dialled = next((p for p in contact.phones if p.number == number), None)
    label = dialled.label.strip().lower() if dialled is not None else ""
    # A work number at an organization may ring at its front desk; a mobile or home line won't.
    at_work = label == "work" and bool(contact.organization.strip())
    return label in _MAIN_LINES or (at_work and contact.kind is RelationshipKind.BUSINESS)


def variant_key(request: ScriptRequest) -> str:
    """What wording variants depend on: the contact (id, else name) and the occasion."""
    c = request.contact
    return f"{c.id if c.id is not None else name_key(c.name)}|{request.occasion}"


def script_context(request: ScriptRequest, guard: TopicGuard) -> dict[str, Any]:
    """All template variables for one script but `pick` (see the module docstring)."""
    c, notes = request.contact, Notes()
    key = variant_key(request)
    talk = small_talk(
        c, _city(request, guard), guard, key, TalkDay(request.today, request.last_call)
    )
    next_call = next_call_words(request)
    context: dict[str, Any] = {
        "occasion": request.occasion,
        "kind": c.kind.value,
        "business": c.kind in (RelationshipKind.BUSINESS, RelationshipKind.ORGANIZATION),
        "switchboard": has_switchboard(c),
        "org_call": request.org_call,
        "keep_in_touch": request.occasion in KEEP_IN_TOUCH,
        "met": _met(request, guard, notes),
        "talk": [] if request.org_call else [asdict(t) for t in talk],
        **next_call,
        "next_call_in": _next_call_in(c.cadence_days),
        "trip": _trip(request),
        "last_call": _last_call(request, guard),
    }
    purpose = _purpose(request, guard, notes)
    context |= name_context(request) | _affiliations(c, guard) | purpose
    context["needs_answer"] = _needs_answer(request, purpose)
    context |= _spoken_contact(request, guard, notes)
    context["stage"] = stage(
        spoke=context["last_call"]["spoke"],
        met=context["met"]["before"],
        personal=c.kind in (RelationshipKind.PERSONAL, RelationshipKind.INFORMAL),
        informal=not context["formal"],
    )
    context["prep"] = _prep(request, guard, notes)
    return context
