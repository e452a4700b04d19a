"""Whether two contacts' names can belong to one person (issue 13): equal once folded, a
nickname or diminutive of the other (Bill and William), an initial (J. and Jon), a near spelling
(Jonathon and Jonathan), or one side unnamed. Anything else is two people.

The nickname dataset arrives as a `NameBook` built from plain pairs, so this module reads no
file: the `nicknames` package reads its CSV in services/duplicates.py (`name_book`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from rapidfuzz.distance import OSA

from callwise.domain.model import Contact
from callwise.domain.text import fold

_NOT_LETTERS = re.compile(r"[^\w\s'-]|_|\d")
_SIMILAR_MIN_LENGTH = 5  # below this one slip makes another name (Jon, Jan; Mark, Mary)
_TWO_SLIPS_FROM = 9  # names this long may carry two slips (Christophre, Kristopher)


class NameAgreement(StrEnum):
    """How two names compare, strongest first; only DIFFER says two people."""

    EQUAL = "equal"
    NICKNAME = "nickname"
    SIMILAR = "similar"
    INITIAL = "initial"
    ONE_UNNAMED = "one unnamed"
    DIFFER = "differ"


AGREEING = frozenset(NameAgreement) - {NameAgreement.DIFFER}


@dataclass(frozen=True, slots=True)
class NameBook:
    """Given names and their nicknames or diminutives, folded, each name mapped to every name
    directly related to it (both ways): william -> {bill, will, ...}, bill -> {william, ...}."""

    related: Mapping[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str]]) -> NameBook:
        """Build from (name, nickname) pairs such as the `nicknames` dataset's lookup."""
        related: dict[str, set[str]] = {}
        for name, nickname in pairs:
            a, b = fold(name), fold(nickname)
            if a and b and a != b:
                related.setdefault(a, set()).add(b)
                related.setdefault(b, set()).add(a)
        return cls({k: frozenset(v) for k, v in related.items()})

    def are_related(self, a: str, b: str) -> bool:
        return b in self.related.get(a, ())

    def block_keys(self, given: str) -> frozenset[str]:
        """The name itself and every name related to it: two records that may be one person
        share at least one of these (used to group candidates by name)."""
        return frozenset({given, *self.related.get(given, ())})


@dataclass(frozen=True, slots=True)
class PersonName:
    """A contact's name, folded: the first given name and the family name (either may be empty)."""

    given: str
    family: str

    @property
    def empty(self) -> bool:
        return not (self.given or self.family)

    @property
    def initial(self) -> bool:
        """`J` or `J.` as written: the given name is a bare initial."""
        return len(self.given) == 1


def clean_name(text: str) -> str:
    """A name part folded, without punctuation or digits: `St. John` -> `st john`."""
    return " ".join(_NOT_LETTERS.sub(" ", fold(text)).split())


def person_name(contact: Contact) -> PersonName:
    """The folded first given name and family name; from the display name (`Jane Q. Doe`)
    when the parts are missing."""
    return person_name_of(contact.given_name, contact.family_name, contact.display_name)


def person_name_of(given_name: str, family_name: str, display_name: str) -> PersonName:
    """`person_name` from the three name fields as stored."""
    given, family = clean_name(given_name), clean_name(family_name)
    if not (given or family) and display_name.strip():
        words = clean_name(display_name).split()
        if len(words) >= 2:
            given, family = words[0], words[-1]
        elif words:
            given = words[0]
    first = given.split()[0] if given else ""
    return PersonName(first, family)


def compare_names(a: PersonName, b: PersonName, book: NameBook) -> NameAgreement:
    """How the two names agree; DIFFER whenever they can only be two people."""
    if a.empty or b.empty:
        return NameAgreement.ONE_UNNAMED
    if a.family and b.family and a.family != b.family:
        return NameAgreement.DIFFER
    if not (a.given and b.given):
        return NameAgreement.EQUAL if a.given == b.given else NameAgreement.DIFFER
    return _compare_given(a, b, book)


def _compare_given(a: PersonName, b: PersonName, book: NameBook) -> NameAgreement:
    if a.given == b.given:
        return NameAgreement.EQUAL
    if a.initial or b.initial:
        same_letter = a.given[0] == b.given[0]
        both_families = bool(a.family and b.family)
        return NameAgreement.INITIAL if same_letter and both_families else NameAgreement.DIFFER
    if _paired_forms(a.given, b.given):
        return NameAgreement.DIFFER
    if book.are_related(a.given, b.given):
        return NameAgreement.NICKNAME
    if _misspelt(a.given, b.given):
        return NameAgreement.SIMILAR
    return NameAgreement.DIFFER


def _paired_forms(a: str, b: str) -> bool:
    """A name and its feminine or masculine form (Louis, Louise; Daniel, Daniela; Mario,
    Maria; Anna, Anne): two people, even where the dataset lists one as a variant of the other
    (siblings and spouses share landlines)."""
    shorter, longer = sorted((a, b), key=len)
    if longer in (f"{shorter}a", f"{shorter}e"):
        return True
    endings = {a[-1], b[-1]}
    return (
        len(a) == len(b) and a[:-1] == b[:-1] and len(endings) == 2 and endings <= {"a", "e", "o"}
    )


def _misspelt(a: str, b: str) -> bool:
    """A slip of the keyboard apart (Micheal, Michael: one letter changed, added, dropped or
    two swapped), not a longer or shorter form (Christin, Christina)."""
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) < _SIMILAR_MIN_LENGTH or a[0] != b[0] or longer.startswith(shorter):
        return False
    slips = 2 if len(shorter) >= _TWO_SLIPS_FROM else 1
    return OSA.distance(a, b, score_cutoff=slips) <= slips


def name_pair(a: Contact, b: Contact) -> str:
    """`Bill/William`: the two given names as written, for the evidence in words."""
    first = a.given_name.strip() or a.name
    second = b.given_name.strip() or b.name
    return first if fold(first) == fold(second) else f"{first}/{second}"


# Names as said on the phone (issue 14, P2.6).

_HONORIFICS = frozenset(
    {"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sir", "dame", "rev", "hon"}
)


def is_honorific(word: str) -> bool:
    """'Dr.', 'ms', 'Prof' ...: a title, not a name."""
    return fold(word).rstrip(".") in _HONORIFICS


def without_honorifics(text: str) -> list[str]:
    """The words of `text` that are not titles."""
    return [w for w in text.split() if not is_honorific(w)]


@dataclass(frozen=True, slots=True)
class SpokenName:
    """A contact's name in the parts and order the card gives (P2.6): the title (honorific,
    else one leading the display name), the given and family names, whether the family name
    comes first (the display name says so: 'Tanaka Yuki'), and the display name's words."""

    title: str
    given: str
    family: str
    family_first: bool = False
    display: str = ""

    @property
    def full(self) -> str:
        """'Tanaka Yuki' or 'Priya Raman', without the title."""
        parts = (self.family, self.given) if self.family_first else (self.given, self.family)
        return " ".join(p for p in parts if p) or self.display

    @property
    def titled(self) -> str:
        """Title and family name ('Dr. Okafor', 'Ms. Tanaka'); title and given name when no
        family name is known and the name is not written family name first ('Ms. Jane');
        else ''."""
        if not self.title:
            return ""
        if self.family:
            return f"{self.title} {self.family}"
        return f"{self.title} {self.given}" if self.given and not self.family_first else ""


def _words(text: str) -> list[str]:
    return [w for w in without_honorifics(text) if w.strip(".,")]


def _rest(display: list[str], part: list[str]) -> list[str]:
    """The display name's words that are not `part`'s, when `part` is all of the others."""
    known = {fold(w) for w in part}
    rest = [w for w in display if fold(w) not in known]
    return rest if rest and len(rest) == len(display) - len(part) else []


def spoken_name(contact: Contact) -> SpokenName:
    """The name parts to say, in the order the card shows (P2.6). The card's given and family
    names win; one missing is the rest of the display name ('Tanaka Yuki' with given name
    Yuki has family name Tanaka); the family name comes first when the display name puts it
    first. A card with a display name only is not split: nothing says which is which. The
    title is the honorific, else a title leading the display or given name."""
    display = _words(contact.display_name)
    given, family = _words(contact.given_name), _words(contact.family_name)
    if given and not family:
        family = _rest(display, given)
    elif family and not given:
        given = _rest(display, family)
    low = [fold(w) for w in display]
    family_first = bool(given and family) and low == [fold(w) for w in family + given]
    first_word = (contact.display_name.split() or contact.given_name.split() or [""])[0]
    title = contact.honorific.strip() or (first_word if is_honorific(first_word) else "")
    return SpokenName(title, " ".join(given), " ".join(family), family_first, " ".join(display))
