"""The shape of a golden case (issue 14): what `golden_render.py` stores and asks for; the
cases themselves are in `golden_cases.py`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Json = dict[str, Any]

# You, the caller (settings user_name, user_phone, home_zone), unless a case says otherwise.
ME = {"user_name": "Robin Calder", "user_phone": "+1 312 555 0186", "home_zone": "America/Chicago"}
WEDNESDAY = "2026-12-02T21:00:00Z"  # 15:00 in Chicago, the default moment of a call


@dataclass(frozen=True)
class Logged:
    """A call logged with the contact before this one (`services/calls.py` log_call)."""

    at: str  # ISO 8601 with an offset: the moment it was logged
    outcome: str
    note: str = ""
    promises: tuple[tuple[str, str], ...] = ()  # (what you promised, due YYYY-MM-DD or '-')
    follow_up: str | None = None
    call_back_at: str | None = None
    agent: str = ""
    reference: str = ""
    topics: tuple[str, ...] = ()
    recap: str = ""
    occasion: str | None = None


@dataclass(frozen=True)
class Trip:
    """A trip of yours (`services/occasions.py` add_trip), for a lunch invitation (P9.3)."""

    city: str
    start: str
    end: str
    country: str = ""


@dataclass(frozen=True)
class Case:
    slug: str
    title: str
    contact: Json
    cites: tuple[str, ...]
    now: str = WEDNESDAY
    added: str = "2026-09-01T15:00:00Z"  # when the contact was saved
    introducer: Json | None = None  # saved first; the contact's met.introduced_by points at it
    calls: tuple[Logged, ...] = ()
    trips: tuple[Trip, ...] = ()
    occasion: str | None = None  # None: the default the script service picks
    purpose: str = ""
    line: str = ""
    recap: str = ""
    needs_answer: bool | None = None  # what the voicemail must do (P10.3); None: not checked
    never_says: tuple[str, ...] = ()
    settings: Json = field(default_factory=dict)


def phone(number: str, label: str = "mobile") -> Json:
    return {"number": number, "label": label}
