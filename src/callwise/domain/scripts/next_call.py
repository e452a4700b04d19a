"""The next call as a script proposes it (P6.1, P6.2, issue 14).

When, as people say it ('next week', 'after the holidays'), and the exact day apart, so that
a template says the date at most once and the close repeats only the phrase. The day moves off
the contact's public holidays and, for an invitation, comes within weeks (domain/spoken.py).
"""

from __future__ import annotations

from typing import Any

from callwise.domain.occasion_kinds import SCRIPTS
from callwise.domain.scripts.request import ScriptRequest
from callwise.domain.spoken import proposed_day, said_day, when_phrase


def is_invitation(occasion: str) -> bool:
    """Whether the occasion invites them (lunch): its next call settles it soon (P9.3)."""
    kind = SCRIPTS.get(occasion)
    return bool(kind and kind.invitation)


def next_call_words(request: ScriptRequest) -> dict[str, Any]:
    """Template variables for the next call: next_call (the phrase), next_call_day (the exact
    day, said once), next_call_bare (the same, for older templates), invitation."""
    invitation = is_invitation(request.occasion)
    words: dict[str, Any] = {
        "next_call": "",
        "next_call_day": "",
        "next_call_bare": "",
        "invitation": invitation,
    }
    if request.next_call is None:
        return words
    today, holidays = request.today, request.holidays
    day = proposed_day(request.next_call, today, holidays, invitation=invitation)
    near = (day - today).days <= 1  # 'tomorrow' is exact already
    exact = "" if near else said_day(day, today, request.contact.country)
    words |= {
        "next_call": when_phrase(day, today, holidays),
        "next_call_day": exact,
        "next_call_bare": exact,
    }
    return words
