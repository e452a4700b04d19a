"""The occasion registry: every kind of occasion callwise knows, one entry each (issue 12).

Two concepts, two names, one table each:
- a *reason* (`Reason`, `REASONS`) is why the plan says to call: a birthday, a keep-in-touch
  cadence, a retry. Its id is `Occasion.kind` (docs/json.md, the plan's `kind`).
- a *script* (`ScriptKind`, `SCRIPTS`) is which words to say: the answered and voicemail
  wording of `templates/scripts/occasions/<id>.j2` (P10.4). Its id is `Occasion.script`,
  `Script.occasion`, `Call.occasion` and the `--occasion` of `script` and `call`.
They differ because several reasons share a script (a cadence and an anniversary both get a
check-in) and some scripts have no reason of their own (an organization is called for its
purpose, a return call answers their request). Each reason names the script it calls for.

CLI choices and help, web labels, the API's enums, the plan's minutes and priority words and
the candidate lookups (by key; `services.plan` dispatches on them) all derive from here, so a
new occasion is one entry here, its template pair and, when it needs new data, one query.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

ReasonId = Literal["birthday", "connect", "trip", "follow-up", "cadence", "date", "custom", "retry"]
ScriptId = Literal[
    "birthday", "connect", "lunch", "follow-up", "check-in", "return-call", "organization", "custom"
]


@dataclass(frozen=True, slots=True)
class ScriptKind:
    """Which script a call gets (issue 6, P9).

    `needs_answer`: whether its voicemail asks for a call back (P10.3; None: a custom call asks
    when it asks a question); `minutes`: what the call takes (P10.2); `keep_in_touch`: a call
    with no business of its own (P2.7, P5.4); `needs_purpose`: nothing to say without the
    caller's purpose (P1.3, P5.1); `planned`: the plan may name it (an organization call is
    chosen by the contact's kind instead); `invitation`: it invites them (lunch, P9.3), so
    the next call it proposes comes within weeks, not at the cadence (P6.1).
    """

    id: ScriptId
    label: str
    rule: str
    needs_answer: bool | None
    minutes: int
    keep_in_touch: bool = False
    needs_purpose: bool = False
    planned: bool = True
    invitation: bool = False

    @property
    def template(self) -> str:
        """The template with its answered and voicemail wording (P10.4)."""
        return f"occasions/{self.id}.j2"


@dataclass(frozen=True, slots=True)
class Reason:
    """Why the plan proposes a call (P6.1, P9.1-P9.5, P10.3).

    `fixed_day`: it happens on one day (else it can wait); `needs_answer`: only a conversation
    settles it (P10.3); `priority_words`: how the plan names its day when that day is the last
    (None: the reason never pins a day); `candidates`: keys of the lookups that find who may
    be due (`services.plan` maps each key to a query of `store.candidates`).
    """

    id: ReasonId
    label: str
    rule: str
    script: ScriptId
    fixed_day: bool
    needs_answer: bool
    candidates: tuple[str, ...]
    priority_words: str | None = None


_SCRIPTS = (
    ScriptKind("birthday", "Birthday", "P9.1", False, 5, keep_in_touch=True),
    ScriptKind("connect", "New connection", "P9.2", True, 15, keep_in_touch=True),
    ScriptKind("lunch", "Lunch invitation", "P9.3", True, 5, invitation=True),
    ScriptKind("follow-up", "Follow-up", "P6.1", False, 10),
    ScriptKind("check-in", "Check-in", "P5.4", False, 10, keep_in_touch=True),
    ScriptKind("return-call", "Return call", "P3.4", True, 10),
    ScriptKind("organization", "Organization", "P1.3", True, 20, needs_purpose=True, planned=False),
    ScriptKind("custom", "Your occasion", "P9.4", None, 10, needs_purpose=True),
)
_REASONS = (
    Reason("birthday", "Birthday", "P9.1", "birthday", True, False, ("yearly",), "birthday"),
    Reason(
        "connect",
        "New connection",
        "P9.2",
        "connect",
        False,
        True,
        ("connection_deadline", "connection"),
        "last day to answer the connection",
    ),
    Reason(
        "trip",
        "Trip nearby",
        "P9.3",
        "lunch",
        False,
        True,
        ("trip",),
        "last day to invite before your trip",
    ),
    Reason(
        "follow-up",
        "Follow-up",
        "P6.1",
        "follow-up",
        False,
        False,
        ("call_back", "promise", "follow_up"),
        "call back asked for",
    ),
    Reason("cadence", "Keep in touch", "P6.1", "check-in", False, False, ("cadence",)),
    Reason("date", "Anniversary", "P9.4", "check-in", True, False, ("yearly",), "anniversary"),
    Reason("custom", "Your occasion", "P9.4", "custom", True, False, ("custom",), "your occasion"),
    Reason("retry", "Try again", "P10.3", "check-in", False, False, ("attempt",)),
)

SCRIPTS: Mapping[str, ScriptKind] = MappingProxyType({s.id: s for s in _SCRIPTS})
REASONS: Mapping[str, Reason] = MappingProxyType({r.id: r for r in _REASONS})
SCRIPT_IDS: tuple[ScriptId, ...] = tuple(s.id for s in _SCRIPTS)
PLANNED_SCRIPTS: tuple[ScriptId, ...] = tuple(s.id for s in _SCRIPTS if s.planned)
DEFAULT_SCRIPT: ScriptId = "check-in"  # P5.4: when nothing else is due
ORGANIZATION_SCRIPT: ScriptId = "organization"  # P1.3: chosen by the contact's kind


def script_labels() -> dict[str, str]:
    """Script id -> the label a person reads, in registry order (CLI help, web choices)."""
    return {s.id: s.label for s in _SCRIPTS}


def script_label(name: str) -> str:
    """The label of a script id, or the text itself when it names none (an old call's)."""
    known = SCRIPTS.get(name)
    return known.label if known is not None else name


def script_choices_text() -> str:
    """'birthday, connect, ... or custom': the script ids as a sentence (CLI help, errors)."""
    *first, last = SCRIPT_IDS
    return f"{', '.join(first)} or {last}"


def candidate_keys() -> tuple[str, ...]:
    """Every candidate lookup some reason needs, once each, in registry order."""
    return tuple(dict.fromkeys(key for r in _REASONS for key in r.candidates))
