"""The call log, trips and snoozes: what happened, and what the plan must know (P6.1, P7.1, P10)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Outcome(StrEnum):
    """How a call ended. A meeting in person is logged the same way and resets the cadence."""

    CONNECTED = "connected"
    VOICEMAIL = "voicemail"
    NO_ANSWER = "no_answer"
    BUSY = "busy"
    GATEKEEPER = "gatekeeper"
    WRONG_NUMBER = "wrong_number"
    CALL_BACK = "call_back"
    MEETING = "meeting"


# Outcomes after which the relationship was touched: they reset the keep-in-touch timer (P6.1).
TOUCHING = frozenset({Outcome.CONNECTED, Outcome.VOICEMAIL, Outcome.GATEKEEPER, Outcome.MEETING})
# Outcomes that call for another attempt at a different window (P10.3).
UNANSWERED = frozenset({Outcome.NO_ANSWER, Outcome.BUSY})


@dataclass(frozen=True, slots=True)
class Promise:
    """Something promised in a call, with the date it is due; it becomes a follow-up (P6.1)."""

    text: str
    due: dt.date | None = None
    done: bool = False


@dataclass(frozen=True, slots=True)
class Call:
    """One logged call (or meeting). `at` is an aware UTC instant."""

    contact_id: int
    at: dt.datetime
    outcome: Outcome
    id: int | None = None
    occasion: str = ""
    duration_seconds: int | None = None
    notes: str = ""
    topics: tuple[str, ...] = ()
    promises: tuple[Promise, ...] = ()
    follow_up: dt.date | None = None
    call_back_at: dt.datetime | None = None
    agent_name: str = ""
    reference: str = ""
    recap: str = ""


@dataclass(frozen=True, slots=True)
class Trip:
    """A trip of the user's: contacts near `city` get a lunch or coffee invitation (P9.3)."""

    city: str
    start: dt.date
    end: dt.date
    id: int | None = None
    region: str = ""
    country: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Snooze:
    """The user put off calling this contact until a date."""

    contact_id: int
    until: dt.date
    reason: str = ""


@dataclass(frozen=True, slots=True)
class CustomOccasion:
    """A user-defined occasion with an RFC 5545 recurrence rule (P9.4)."""

    contact_id: int
    label: str
    rrule: str
    start: dt.date
    id: int | None = None
    needs_answer: bool = False
