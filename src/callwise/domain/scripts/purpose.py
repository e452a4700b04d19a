"""The purpose understood: what kind of ask it is, and how to say it as a sentence (P5.1-P5.3).

The caller types a purpose in their own words: "I'd like to learn how Meridian prices its
loans", "Also, dinner Friday?", "order BW-448812", "please confirm the date". The script never
pastes it after a colon; it says it in a sentence that fits its form (`said`), and decides
from its kind (`kind_of`: invitation, question, proposal, request or news) whether an answer is
needed (P10.3) and whether to offer lunch or a conference call (P5.3). Pure word lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from callwise.domain.scripts.answer import INVITATION, PROPOSAL, QUESTION, REQUEST, matches
from callwise.domain.scripts.words import AUXILIARIES, sentences, words_of

# Opening words that add nothing when the purpose stands on its own ("Also, dinner Friday?").
_CONNECTIVES = re.compile(
    r"^(?:also|and|plus|so|oh|ok|okay|anyway|by the way|btw|one more thing|p\.?s\.?)\b[,:;.!\s-]*",
    re.IGNORECASE,
)
_FIRST_PERSON = frozenset(
    [
        "i",
        "i'd",
        "i'm",
        "i've",
        "i'll",
        "i’d",
        "i’m",
        "i’ve",
        "i’ll",
        "we",
        "we'd",
        "we're",
        "we've",
        "we'll",
        "we’d",
        "we’re",
        "we’ve",
        "we’ll",
    ]
)
_ASKING_WORDS = frozenset(
    [
        "could",
        "would",
        "can",
        "will",
        "shall",
        "should",
        "may",
        "might",
        "is",
        "are",
        "was",
        "were",
        "do",
        "does",
        "did",
        "have",
        "has",
        "what",
        "when",
        "where",
        "which",
        "who",
        "whom",
        "whose",
        "why",
        "how",
        "any",
        "fancy",
        "want",
        "wanna",
    ]
)
_COURTESIES = ("thank", "thanks", "congratulations", "congrats", "happy", "well done", "welcome")
# Verbs a purpose may start with, meaning "I'd like to ...": "ask whether the workshop is on".
_INTENT_VERBS = frozenset(
    [
        "ask",
        "check",
        "talk",
        "discuss",
        "see",
        "find",
        "follow",
        "invite",
        "introduce",
        "share",
        "catch",
        "get",
        "learn",
        "hear",
        "tell",
        "let",
        "offer",
        "update",
        "confirm",
        "say",
        "touch",
        "go",
        "run",
        "walk",
        "pick",
        "arrange",
        "schedule",
        "book",
    ]
)
_NEWS_VERBS = AUXILIARIES | frozenset(
    [
        "arrived",
        "left",
        "came",
        "went",
        "broke",
        "got",
        "shipped",
        "moved",
        "started",
        "finished",
        "opened",
        "closed",
        "won",
        "lost",
        "changed",
        "sold",
        "signed",
        "passed",
    ]
)
_ELABORATE_WORDS = 40  # P5.3: a purpose this long is a proposal worth a meeting


@dataclass(frozen=True, slots=True)
class Said:
    """A purpose ready to say: `form` names the sentence it goes in, `body` its words, `rest`
    any further sentences of the user's, said as they are."""

    form: str  # 'because' | 'to' | 'ask' | 'about' | 'news' | 'ask_to' | 'as_is' | ''
    body: str = ""
    rest: str = ""


def _tidy_start(text: str) -> str:
    text = _CONNECTIVES.sub("", " ".join(text.split())).strip()
    return text[:1].upper() + text[1:] if text else ""


def _lower_start(text: str) -> str:
    """Lower-case the first letter unless the first word is 'I' or looks like a name."""
    first = text.split(" ", 1)[0]
    if first in ("I", "I'd", "I'm", "I've", "I'll") or first[1:2].isupper():
        return text
    return text[:1].lower() + text[1:]


def _form(first: str) -> tuple[str, str]:
    """The sentence a purpose's first sentence goes in, and its words for that sentence."""
    words = first.split()
    head = words[0].lower().strip(",") if words else ""
    folded = " ".join(words_of(first))
    body = first.rstrip(" .;,")
    if head in _INTENT_VERBS and len(words) > 1:
        return "to", _lower_start(first.rstrip(" .;,?"))
    if first.endswith("?"):
        return "ask", first
    if folded.startswith(_COURTESIES):
        return "as_is", body + "."
    if head in _FIRST_PERSON or head.replace("’", "'") in _FIRST_PERSON:
        return "because", _lower_start(body)
    if head == "please" and len(words) > 1:
        return "ask_to", _lower_start(" ".join(words[1:]).rstrip(" .;,"))
    if head in _ASKING_WORDS:
        return "ask", body + "?"
    if any(w in _NEWS_VERBS for w in words_of(" ".join(words[1:]))):
        return "news", _lower_start(body)
    return "about", _lower_start(body)


def said(purpose: str) -> Said:
    """The purpose as the script says it: its first sentence framed by its form, the rest as
    written (P5.1). An empty purpose says nothing."""
    parts = sentences(purpose)
    if not parts:
        return Said("")
    first = _tidy_start(parts[0])
    if not first:
        return said(" ".join(parts[1:])) if len(parts) > 1 else Said("")
    form, body = _form(first)
    return Said(form, body, " ".join(parts[1:]))


def kind_of(purpose: str) -> str:
    """What the purpose asks of them: 'proposal', 'invitation', 'request', 'question' or
    'news' (nothing asked), from its words rather than its punctuation (P5.1, P10.3)."""
    text = " ".join(re.findall(r"\w+|\?", purpose.lower()))
    if not text:
        return ""
    first = said(purpose)
    if first.form == "as_is" and not first.rest and "?" not in text:
        return "news"  # thanks or congratulations ask for nothing
    for kind, phrases in (
        ("proposal", PROPOSAL),
        ("invitation", INVITATION),
        ("request", REQUEST),
        ("question", QUESTION),
    ):
        if matches(phrases, purpose):
            return kind
    asked = "?" in text or first.form in ("ask", "ask_to")
    return "question" if asked else "news"


def asks(purpose: str) -> bool:
    """Whether the purpose needs their answer (P10.3): anything but news."""
    return kind_of(purpose) not in ("", "news")


def is_elaborate(purpose: str) -> bool:
    """A proposal, or a purpose long enough to deserve a meeting of its own (P5.3)."""
    return kind_of(purpose) == "proposal" or len(words_of(purpose)) >= _ELABORATE_WORDS
