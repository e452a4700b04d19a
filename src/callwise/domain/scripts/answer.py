"""Whether a purpose needs an answer, from what it means rather than its punctuation (P10.3).

A purpose needs an answer when it asks a question, invites, proposes or requests something:
"lunch next week", "could you send the contract", "I'd like to propose a partnership". A
purpose that only informs or congratulates does not. Pure word lists, folded and whole-word.
"""

from __future__ import annotations

import re

from callwise.domain.text import fold

# Each entry is one word or a phrase of whole words.
QUESTION = (
    "could you", "would you", "can you", "will you", "are you", "do you", "did you",
    "have you", "is it", "would it", "whether", "question", "let me know", "confirm",
    "what do you think", "your thoughts", "your advice", "advise", "ask you", "ask whether",
)  # fmt: skip
INVITATION = (
    "lunch", "coffee", "dinner", "breakfast", "drinks", "invite", "invitation", "meet",
    "meeting", "get together", "join us", "join me", "visit",
)  # fmt: skip
PROPOSAL = (
    "proposal", "propose", "proposing", "plan for", "suggest", "partnership", "pitch",
    "collaboration", "collaborate", "offer",
)  # fmt: skip
REQUEST = (
    "please", "request", "need your", "need you", "need an answer", "need a reply", "rsvp",
    "reply", "approve", "approval", "decision", "decide", "sign off", "call me back",
    "get back to me",
)  # fmt: skip
_PHRASES = tuple(fold(p) for p in (*QUESTION, *INVITATION, *PROPOSAL, *REQUEST))
_PATTERN = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in _PHRASES) + r")\b")


def asks_for_answer(purpose: str) -> bool:
    """Whether `purpose` asks a question, invites, proposes or requests (P10.3)."""
    text = " ".join(re.findall(r"\w+|\?", fold(purpose)))
    return "?" in text or bool(_PATTERN.search(text))


def needs_answer(registry: bool | None, purpose: str, offers_meeting: bool) -> bool:
    """The occasion's own need (`registry`, None for an occasion of the user's), or the
    purpose's meaning, or an offer of lunch or a call made in the script (P5.3, P10.3)."""
    return bool(registry) or offers_meeting or asks_for_answer(purpose)
