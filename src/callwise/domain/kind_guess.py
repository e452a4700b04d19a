"""How we know a contact read from a file, guessed from the evidence on the card (P2.5, P2.6).

An address book keeps no relationship, so an import used to make everyone personal, and the
script then called a director by her first name. A job title, a company, a work number or
address, a professional title (Dr., Prof., Judge ...) or a LinkedIn connection make a business
contact, who is addressed by title and surname (P2.6); a card with none of these stays
personal. A kind the file states itself (callwise's own exports) always wins.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from callwise.domain.model import Contact, RelationshipKind
from callwise.domain.text import fold

# Titles that say the relationship is professional; social ones (Mr., Ms., Sir) say nothing.
PROFESSIONAL_HONORIFICS = frozenset(
    {
        *("dr", "doctor", "prof", "professor", "hon", "honorable", "honourable"),
        *("judge", "justice", "rev", "revd", "reverend", "rabbi", "imam", "pastor"),
        *("sen", "senator", "rep", "representative", "gov", "governor", "mayor"),
        *("amb", "ambassador", "gen", "col", "capt", "maj", "lt", "cmdr", "adm"),
    }
)
LINKEDIN_SOURCE = "linkedin"
EVIDENCE = (
    *("LinkedIn connection", "job title", "company", "work number", "work email"),
    "professional title",
)


@dataclass(frozen=True, slots=True)
class KindGuess:
    """The kind, and the evidence in words ('job title, company'); no words when stated or
    when nothing pointed anywhere."""

    kind: RelationshipKind
    evidence: tuple[str, ...] = ()

    @property
    def reason(self) -> str:
        return ", ".join(self.evidence)

    @property
    def guessed_business(self) -> bool:
        return self.kind is RelationshipKind.BUSINESS and bool(self.evidence)


def is_professional_honorific(honorific: str) -> bool:
    """'Dr.', 'Prof. Dr.', 'The Hon.', 'Judge': any word a professional title."""
    words = fold(honorific).replace(".", " ").split()
    return any(word in PROFESSIONAL_HONORIFICS for word in words)


def business_evidence(contact: Contact) -> tuple[str, ...]:
    """What on the card says the relationship is professional, in plain words."""
    found = (
        fold(contact.source) == LINKEDIN_SOURCE,
        bool(contact.job_title.strip()),
        bool(contact.organization.strip()),
        any(p.label == "work" for p in contact.phones),
        any(fold(e.label) == "work" for e in contact.emails),
        is_professional_honorific(contact.honorific),
    )
    return tuple(word for word, present in zip(EVIDENCE, found, strict=True) if present)


def guess_kind(contact: Contact, stated: RelationshipKind | None = None) -> KindGuess:
    """The kind a record read from a file gets: `stated` when the file says it, else business
    on any evidence (`business_evidence`), else personal. Business contacts are addressed
    formally unless the file says otherwise (`default_address_form`, P2.6)."""
    if stated is not None:
        return KindGuess(stated)
    evidence = business_evidence(contact)
    if evidence:
        return KindGuess(RelationshipKind.BUSINESS, evidence)
    return KindGuess(RelationshipKind.PERSONAL)


@dataclass(frozen=True, slots=True)
class GuessedSummary:
    """How many records of an import were guessed business, and on what evidence (in the
    order `business_evidence` names it)."""

    count: int = 0
    evidence: tuple[str, ...] = ()

    @property
    def words(self) -> str:
        """'job title, company or work number'."""
        if len(self.evidence) < 2:
            return "".join(self.evidence)
        return f"{', '.join(self.evidence[:-1])} or {self.evidence[-1]}"


def summarise_guesses(evidence: Iterable[tuple[str, ...]]) -> GuessedSummary:
    """One summary of the evidence of each record guessed business."""
    count, seen = 0, set[str]()
    for words in evidence:
        count += 1
        seen.update(words)
    return GuessedSummary(count, tuple(w for w in EVIDENCE if w in seen))
