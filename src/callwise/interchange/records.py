"""What a reader yields for each record of a file, and which format a file is in."""

from __future__ import annotations

from dataclasses import dataclass

from callwise.domain.errors import ValidationError
from callwise.domain.model import Contact
from callwise.interchange.csv_common import sniff_csv

FORMATS = ("vcard", "google", "outlook", "linkedin", "backup")


@dataclass(frozen=True, slots=True)
class ParsedRecord:
    """A contact as read (not yet normalised or validated: phones as written).

    `line` is the 1-based file line where the record starts; `warnings` name values that
    were read differently than written or kept in the notes.
    """

    line: int
    contact: Contact
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RejectedRecord:
    """A record that cannot become a contact, and why; reading goes on after it."""

    line: int
    reason: str


def detect_format(head: str) -> str:
    """The format of a file from its first characters: one of `FORMATS`.

    `head` should hold the first few kilobytes (a LinkedIn export starts with a preamble).
    """
    text = head.removeprefix("\ufeff")
    stripped = text.lstrip()
    if stripped.startswith("{") and "callwise-backup" in text:
        return "backup"
    first_line = stripped.split("\n", 1)[0].strip().upper()
    if first_line.startswith("BEGIN:VCARD"):
        return "vcard"
    if not stripped.startswith("{") and (kind := sniff_csv(text)):
        return kind
    raise ValidationError(
        "cannot tell the file's format: expected a vCard (BEGIN:VCARD), a Google, Outlook or "
        "LinkedIn CSV export, or a callwise backup; name it with --format",
        field="format",
    )
