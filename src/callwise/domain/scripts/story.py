"""What you share with the contact, as it can be said aloud (P2.2, P4.4, P6.1, P7.1).

Card fields are written for the card ("Wedding of Julien and Amy", "send the deck"); a script
says them only in a sentence that stays true: "at the wedding", "I said I'd send the deck".
What cannot be said truthfully becomes a cue for the caller, in square brackets. The stage of
the relationship (`stage`) decides which story the opener tells: the last conversation when
the log holds one, else the first meeting, else the context you share (P2.2, P2.4).
"""

from __future__ import annotations

import re

from callwise.domain.scripts.words import AUXILIARIES
from callwise.domain.text import fold

# Nouns that name an event you can be "at" (or "on", for a journey or a course).
_AT = frozenset(
    [
        "wedding",
        "conference",
        "party",
        "dinner",
        "lunch",
        "luncheon",
        "breakfast",
        "brunch",
        "meetup",
        "meet-up",
        "summit",
        "workshop",
        "seminar",
        "reception",
        "gala",
        "fair",
        "expo",
        "show",
        "festival",
        "launch",
        "barbecue",
        "bbq",
        "concert",
        "talk",
        "lecture",
        "retreat",
        "class",
        "hackathon",
        "congress",
        "convention",
        "forum",
        "session",
        "funeral",
        "christening",
        "graduation",
        "opening",
        "ceremony",
        "panel",
        "roundtable",
        "awards",
        "night",
        "club",
        "league",
        "orientation",
        "day",
        "week",
        "mixer",
        "hour",
        "evening",
        "game",
        "match",
        "tournament",
        "meeting",
        "event",
        "symposium",
        "week",
    ]
)
_ON = frozenset(
    ["trip", "trek", "crossing", "course", "semester", "cruise", "tour", "hike", "journey"]
)
_NOT_LOWER = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
_PROMISE_VERBS = frozenset(
    [
        "send",
        "call",
        "email",
        "e-mail",
        "introduce",
        "intro",
        "share",
        "check",
        "ask",
        "find",
        "look",
        "get",
        "follow",
        "forward",
        "mail",
        "write",
        "book",
        "set",
        "schedule",
        "connect",
        "review",
        "read",
        "put",
        "make",
        "bring",
        "pass",
        "prepare",
        "draft",
        "confirm",
        "update",
        "visit",
        "arrange",
        "organise",
        "organize",
        "buy",
        "return",
        "pay",
        "fix",
        "help",
        "think",
        "talk",
        "text",
        "sort",
        "see",
        "give",
        "lend",
        "show",
        "invite",
        "reach",
        "chase",
        "dig",
        "pull",
    ]
)
_DETERMINERS = frozenset(
    ["the", "a", "an", "my", "our", "your", "his", "her", "their", "this", "that", "those", "these"]
)
_SENTENCE_STARTS = frozenset(
    [
        "i",
        "i'm",
        "i'd",
        "i've",
        "i'll",
        "we",
        "we're",
        "you",
        "you're",
        "it",
        "it's",
        "that",
        "that's",
        "this",
        "there",
        "there's",
        "my",
        "our",
        "your",
        "let",
        "picture",
        "imagine",
        "remember",
        "nothing",
    ]
)
_EVENT_WORDS = 8  # a longer event name is a note, not something to say


def _last(text: str) -> str:
    words = fold(text).split()
    return words[-1] if words else ""


def _core(event: str) -> str:
    """The part of the event's name that says what it was: all of 'Chamber of Commerce
    luncheon', 'Wedding' of 'Wedding of Julien and Amy', 'Public lecture' of 'Public
    lecture: Cities That Walk'."""
    text = event.split(":", 1)[0].strip()
    if _last(text) in _AT | _ON:
        return text
    before = re.split(r"\s+(?:of|for)\s+", text, maxsplit=1)[0]
    return before if _last(before) in _AT | _ON else text


def _head(event: str) -> str:
    """The event's head noun: the last word of its core."""
    return _last(_core(event))


def event_phrase(event: str) -> str:
    """'at the wedding', 'at Jenna's barbecue', 'on the rafting trip', or '' when the event's
    name cannot be said in a true sentence (then the caller gets a cue, P2.2)."""
    text = " ".join(event.split()).rstrip(" .")
    words = text.split()
    if not words or len(words) > _EVENT_WORDS:
        return ""
    first = fold(words[0])
    if first in ("our", "my") or first.endswith(("'s", "s'", "’s")):
        head = _head(text)
        prep = "on" if head in _ON else "at"
        return f"{prep} {words[0].lower() if first in ('our', 'my') else words[0]} " + " ".join(
            words[1:]
        )
    head = _head(text)
    if head not in _AT and head not in _ON:
        return ""
    text = _core(text)  # "Wedding of Julien and Amy": the wedding
    rest = text.split()[1:]
    lower = first not in _NOT_LOWER and not words[0].isupper() and all(w.islower() for w in rest)
    if lower:
        text = text[:1].lower() + text[1:]
    if first in _DETERMINERS:
        text = text[:1].lower() + text[1:]
        return f"{'on' if head in _ON else 'at'} {text}"
    return f"{'on' if head in _ON else 'at'} the {text}"


# A promise logged about the contact ("introduce her to Felipe") is not said to them as written.
_THIRD_PERSON = frozenset(
    ["he", "she", "him", "her", "his", "hers", "himself", "herself", "they", "them", "their"]
)


def promise_said(promise: str) -> str:
    """A logged promise as a sentence of yours: 'I said I'd send the deck.', 'I promised you
    the deck by Friday.', or '' when its wording would not fit a sentence (a cue then)."""
    text = " ".join(promise.split()).rstrip(" .;,")
    words = text.split()
    if not words:
        return ""
    if any(fold(w).strip(".,;:!?'’") in _THIRD_PERSON for w in words):
        return ""  # "send her my checklist": written about them, not to them; a cue says it
    first = fold(words[0])
    if first in ("i'll", "i’ll") or (first == "i" and len(words) > 2 and fold(words[1]) == "will"):
        rest = words[1:] if first != "i" else words[2:]
        return f"I said I'd {' '.join(rest)}."
    if first == "to" and len(words) > 1:
        words, first = words[1:], fold(words[1])
    if first in _PROMISE_VERBS:
        return f"I said I'd {words[0].lower()} {' '.join(words[1:])}".rstrip() + "."
    if first in _DETERMINERS or first.isdigit():
        return f"I promised you {words[0].lower()} {' '.join(words[1:])}".rstrip() + "."
    return ""


def is_sentence(line: str) -> bool:
    """Whether a memorable line can be said as it is: a whole sentence of the caller's, not a
    fragment ('Brisket, sweet tea and that piano' is a note to work in, P4.4)."""
    text = " ".join(line.split())
    words = text.split()
    if len(words) < 3 or not text[:1].isupper():
        return False
    return fold(words[0]).strip(",") in _SENTENCE_STARTS or (
        text[-1] in ".!?" and any(fold(w) in _VERBS for w in words)
    )


_VERBS = AUXILIARIES | frozenset(
    [
        "would",
        "can",
        "could",
        "did",
        "do",
        "does",
        "made",
        "make",
        "saw",
        "see",
        "felt",
        "smelled",
        "tasted",
        "sounded",
        "looked",
        "still",
        "never",
        "always",
    ]
)


def stage(*, spoke: bool, met: bool, personal: bool, informal: bool) -> str:
    """Where the relationship stands: 'spoken' (the log holds a conversation), 'met' (a first
    meeting on file), 'close' (someone you know well), or 'new' (P2.2, P2.4)."""
    if spoke:
        return "spoken"
    if met:
        return "met"
    return "close" if personal and informal else "new"
