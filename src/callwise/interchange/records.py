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


SHARE_LINES = 2000  # a block: the records starting on this many consecutive file lines


@dataclass(frozen=True, slots=True)
class Share:
    """One of `readers` processes reading a file together (issue 3): each parses the whole
    file, which is cheap, but builds only the records that start in its own blocks of
    `lines` file lines, the costly part. Block `b` is reader `b % readers`'s."""

    reader: int
    readers: int
    lines: int = SHARE_LINES

    def block(self, line: int) -> int:
        return (line - 1) // self.lines

    def owns(self, line: int) -> bool:
        return self.block(line) % self.readers == self.reader
