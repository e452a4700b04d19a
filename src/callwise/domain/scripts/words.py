"""Small pure helpers behind call scripts: name forms, spoken dates, topics to avoid, timing.

Name forms follow P2.6, topics to avoid P4.2, the voicemail estimate P10.2.
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from callwise.domain.model import AddressForm, Contact, RelationshipKind
from callwise.domain.names import is_honorific, spoken_name, without_honorifics
from callwise.domain.text import fold

WORDS_PER_MINUTE = 150
# Countries that say the month before the day ("December 3"); elsewhere "3 December".
_MONTH_FIRST = frozenset({"US", "CA", "PH"})
_WEEK = 6  # days ahead or back that are said as a weekday ("on Thursday")

# The verbs "to be", "to have" and "will": a word list that tells a sentence from a fragment
# (scripts/story.py) and news from a request (scripts/purpose.py).
AUXILIARIES = frozenset(["is", "are", "was", "were", "has", "have", "had", "will"])


def stable_index(key: str, n: int) -> int:
    """A choice in range(n) that depends only on `key` (crc32, unlike the salted `hash`)."""
    return zlib.crc32(key.encode("utf-8")) % n if n > 0 else 0


# Name forms (P2.6).


def formal_name(contact: Contact) -> str:
    """Title and family name ("Dr. Okafor", "Ms. Tanaka" for Tanaka Yuki), title and given
    name where the culture or the card says so ("Ms. Jane"), else the full name in the
    contact's order. An organization has none: it is greeted as whoever answers (P2.6)."""
    if contact.kind is RelationshipKind.ORGANIZATION:
        return ""
    spoken = spoken_name(contact)
    return spoken.titled or spoken.full or contact.display_name.strip()


def is_titled(contact: Contact) -> bool:
    """Whether the contact is addressed with a title ("Dr. Okafor"), P2.6."""
    return contact.kind is not RelationshipKind.ORGANIZATION and bool(spoken_name(contact).titled)


def first_name(contact: Contact) -> str:
    """The first name, without any title (P2.6). A one-word nickname wins: it is the name the
    contact goes by. Empty when only a family name is known: better no name than a wrong one."""
    if contact.kind is RelationshipKind.ORGANIZATION:
        return ""
    nickname = contact.nickname.strip()
    if nickname and len(nickname.split()) == 1 and not is_honorific(nickname):
        return nickname
    given = " ".join(without_honorifics(contact.given_name))
    if given or contact.family_name.strip():
        return given
    words = spoken_name(contact).given.split()
    return words[0] if words else ""


def address_name(contact: Contact) -> str:
    """How to address the contact in a greeting and a close, per their address form (P2.6);
    '' for an organization, greeted as the people who answer for it."""
    if contact.effective_address_form is AddressForm.FORMAL:
        return formal_name(contact)
    return first_name(contact)


def name_again(contact: Contact) -> str:
    """The name for a later turn: a short form or none. Title and name, or the first name,
    may come back; a full name said once is enough (P2.6)."""
    if contact.effective_address_form is AddressForm.FORMAL:
        return formal_name(contact) if is_titled(contact) else ""
    return first_name(contact)


def person_again(contact: Contact) -> str:
    """The contact named again to an assistant, after the full name once: title and name,
    else the first name where names are given first, else 'them' (P2.3): no one calls
    Watanabe Haruki 'Haruki' at work."""
    if is_titled(contact):
        return formal_name(contact)
    if spoken_name(contact).family_first:
        return "them"
    return first_name(contact) or "them"


def gatekeeper_address(name: str) -> str:
    """How to greet an assistant whose name you know: the first name ("Patricia" for
    Patricia Lomax), or title and family name when the name is written with one (P2.3, P2.6)."""
    words = name.split()
    if words and is_honorific(words[0]):
        return f"{words[0]} {words[-1]}" if len(words) > 1 else ""
    return words[0] if words else ""


def name_order(contact: Contact) -> dict[str, str | bool]:
    """For the names card: whether the family name comes first (Tanaka Yuki), which it is,
    and the full name in that order (P2.6)."""
    spoken = spoken_name(contact)
    both = bool(spoken.given and spoken.family)
    person = contact.kind is not RelationshipKind.ORGANIZATION
    return {
        "family_first": person and both and spoken.family_first,
        "family_name": spoken.family,
        "name_in_order": spoken.full,
    }


def caller_name(full_name: str, form: AddressForm) -> str:
    """How the caller gives their own name: in full, or the first name without titles (P2.6).
    A placeholder in brackets ("[your name]", issue 15.4) is kept whole."""
    if form is AddressForm.FORMAL or full_name.strip().startswith("["):
        return " ".join(full_name.split())
    words = without_honorifics(full_name)
    return words[0] if words else full_name.strip()


# Spoken dates.


def day_month(day: dt.date, country: str) -> str:
    """'December 3' for US, Canadian and Philippine contacts, '3 December' elsewhere."""
    month = day.strftime("%B")
    return f"{month} {day.day}" if country.upper() in _MONTH_FIRST else f"{day.day} {month}"


def full_date(day: dt.date, country: str) -> str:
    """'November 23, 2026' in the US, Canada and the Philippines, '23 November 2026' elsewhere."""
    if country.upper() in _MONTH_FIRST:
        return f"{day_month(day, country)}, {day.year}"
    return f"{day_month(day, country)} {day.year}"


def spoken_past(day: dt.date, today: dt.date, country: str) -> str:
    """A past date as said on the phone: 'yesterday', 'on Tuesday', 'on March 12', 'in May 2024'."""
    back = (today - day).days
    if back == 0:
        return "earlier today"
    if back == 1:
        return "yesterday"
    if 1 < back <= _WEEK:
        return f"on {day:%A}"
    if day.year == today.year or 0 < back < 300:
        return f"on {day_month(day, country)}"
    return f"in {day:%B %Y}"


def spoken_future(day: dt.date, today: dt.date, country: str) -> str:
    """A coming date: 'today', 'tomorrow', 'on Thursday', 'on Thursday, December 3' (or
    'on Thursday 3 December' outside North America), with the year when it is not this one."""
    ahead = (day - today).days
    if ahead == 0:
        return "today"
    if ahead == 1:
        return "tomorrow"
    if 1 < ahead <= _WEEK:
        return f"on {day:%A}"
    comma = "," if country.upper() in _MONTH_FIRST else ""
    when = f"on {day:%A}{comma} {day_month(day, country)}"
    return when if day.year == today.year or ahead < 0 else f"{when} {day.year}"


def spoken_span(start: dt.date, end: dt.date, today: dt.date, country: str) -> str:
    """A trip's dates: 'on Thursday, December 3', or 'from ... to ...'."""
    first = spoken_future(start, today, country)
    if end <= start:
        return first
    last = spoken_future(end, today, country)
    return f"from {first.removeprefix('on ')} to {last.removeprefix('on ')}"


# Topics to avoid (P4.2).

_FUNCTION_WORDS = (
    "a an the his her their my our your its of about and or to in on at for with any all "
    "him them he she they it is was be being been this that these those"
)
_STOPWORDS = frozenset(_FUNCTION_WORDS.split())


def words_of(text: str) -> list[str]:
    """Folded words (letters and digits) of `text`."""
    return re.findall(r"\w+", fold(text))


def _stem(word: str) -> str:
    """A crude stem, so that a word and its forms agree: 'layoffs' -> 'layoff', 'politics' ->
    'politic', 'divorced', 'divorcing' and 'divorce' -> 'divorc'; 'class' stays."""
    if len(word) > 5 and word.endswith(("ing", "ed")):
        word = word[: -3 if word.endswith("ing") else -2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word[:-1] if len(word) > 4 and word.endswith("e") else word


def _matches(topic_stem: str, word: str) -> bool:
    """Same stem, or a stem of five letters or more that starts the other word ('politic' in
    'political', 'divorc' in 'divorcee'): over-matching drops a prompt, never raises a topic."""
    stem = _stem(word)
    if stem == topic_stem:
        return True
    shorter, longer = sorted((topic_stem, stem), key=len)
    return len(shorter) >= 5 and longer.startswith(shorter)


@dataclass(frozen=True, slots=True)
class TopicGuard:
    """Finds topics the contact keeps private in any text, case- and accent-insensitively,
    on whole words (P4.2). Any significant word of a topic counts: over-matching only drops a
    prompt, under-matching would raise what they asked you not to. Names are `exempt`."""

    topics: tuple[str, ...] = ()
    exempt: frozenset[str] = frozenset()
    _stems: tuple[tuple[str, frozenset[str]], ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        stems: list[tuple[str, frozenset[str]]] = []
        for topic in self.topics:
            words = words_of(topic)
            significant = [w for w in words if w not in _STOPWORDS] or words
            if significant:
                stems.append((topic, frozenset(_stem(w) for w in significant)))
        object.__setattr__(self, "_stems", tuple(stems))

    def mentioned(self, text: str) -> str:
        """The first avoided topic `text` touches, or ''."""
        words = [w for w in words_of(text) if w not in self.exempt]
        for topic, stems in self._stems:
            if any(_matches(s, w) for s in stems for w in words):
                return topic
        return ""

    def allows(self, *texts: str) -> bool:
        return not any(self.mentioned(t) for t in texts)

    def keep(self, items: Iterable[str]) -> tuple[str, ...]:
        return tuple(item for item in items if self.allows(item))


def sentences(text: str) -> list[str]:
    """Split free text into sentences at '.', '!' or '?' followed by a space."""
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s.strip()]


# Timing (P10.2).

_NUMBER_RUN = re.compile(r"\+?\d[\d ()\-]*\d")


def estimate_seconds(text: str) -> float:
    """Seconds to say `text` at 150 words a minute (P10.2). A phone number (7 or more digits
    in one run) is read slowly enough to be written down: each digit counts as a word, and a
    leading '+' as one more ("plus"). Other numbers count as one word each."""
    units = 0

    def count(match: re.Match[str]) -> str:
        nonlocal units
        digits = sum(c.isdigit() for c in match.group(0))
        if digits < 7:
            return match.group(0)
        units += digits + match.group(0).startswith("+")
        return " "

    rest = _NUMBER_RUN.sub(count, text)
    units += len(rest.split())
    return round(units * 60 / WORDS_PER_MINUTE, 1)


# Tidying rendered lines.

_SPACE_BEFORE = re.compile(r"\s+([,.;:!?])")
_DOUBLED = re.compile(r"([.!?])\.+|[,;:]([.!?])")


def tidy(line: str) -> str:
    """One spoken line: single spaces, no space before punctuation, no '..' or ',.', and a
    capital first letter (a user's purpose may start lower-case)."""
    text = " ".join(line.split())
    text = _SPACE_BEFORE.sub(r"\1", text)
    text = _DOUBLED.sub(lambda m: m.group(1) or m.group(2), text)
    text = text.replace("?.", "?").replace("!.", "!")
    if text[:1].islower():
        text = text[0].upper() + text[1:]
    return text


def clause(text: str) -> str:
    """User text ready to sit inside a sentence: trimmed, without final '.', ';' or ','."""
    return " ".join(text.split()).rstrip(" .;,")


def sentence(text: str) -> str:
    """User text as a sentence of its own: capitalised, ending in '.', '!' or '?'."""
    body = " ".join(text.split())
    if not body:
        return ""
    body = body[0].upper() + body[1:]
    return body if body[-1] in ".!?" else body + "."


def lead(text: str, prefix: str = " ") -> str:
    """`prefix + text` when there is text, else '' (for optional names in templates)."""
    return f"{prefix}{text}" if text else ""
