"""What a reader yields for each record of a file (the formats are in interchange/formats.py)."""

from __future__ import annotations

from dataclasses import dataclass

from callwise.domain.model import Contact


@dataclass(frozen=True, slots=True)
class ParsedRecord:
    """A contact as read (not yet normalised or validated: phones as written).

    `line` is the 1-based file line where the record starts; `warnings` name values that
    were read differently than written or kept in the notes; `guessed_business` the evidence
    that made the contact business when the file did not say its kind (domain/kind_guess).
    """

    line: int
    contact: Contact
    warnings: tuple[str, ...] = ()
    guessed_business: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RejectedRecord:
    """A record that cannot become a contact, and why; reading goes on after it."""

    line: int
    reason: str
