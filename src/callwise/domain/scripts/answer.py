"""The words that show a purpose needs an answer, rather than its punctuation (P10.3).

A purpose needs an answer when it asks a question, invites, proposes or requests something:
"lunch next week", "could you send the contract", "I'd like to propose a partnership". A
purpose that only informs or congratulates does not (`purpose.kind_of` reads these lists).
Pure word lists, folded and whole-word.
"""

from __future__ import annotations

import re

from callwise.domain.text import fold

# Each entry is one word or a phrase of whole words.
QUESTION = (
    "could you", "would you", "can you", "will you", "are you", "do you", "did you",
    "have you", "is it", "would it", "whether", "question", "let me know", "confirm",
    "what do you think", "your thoughts", "your advice", "advise", "ask you", "ask whether",
    "like to learn", "like to know", "like to hear", "want to know", "wanted to know",
)  # fmt: skip
INVITATION = (
    "lunch", "coffee", "dinner", "breakfast", "drinks", "invite", "invitation", "meet",
    "meeting", "get together", "join us", "join me", "visit",
)  # fmt: skip
PROPOSAL = (
    "proposal", "propose", "proposing", "plan for", "suggest", "partnership", "pitch",
    "collaboration", "collaborate", "offer you", "investors", "invest",
)  # fmt: skip
REQUEST = (
    "please", "request", "need your", "need you", "need an answer", "need a reply", "rsvp",
    "reply", "approve", "approval", "decision", "decide", "sign off", "call me back",
    "get back to me",
)  # fmt: skip


def matches(phrases: tuple[str, ...], purpose: str) -> bool:
    """Whether `purpose` holds one of `phrases`, as whole words, case- and accent-blind."""
    text = " ".join(re.findall(r"\w+", fold(purpose)))
    return any(re.search(r"\b" + re.escape(fold(p)) + r"\b", text) for p in phrases)
