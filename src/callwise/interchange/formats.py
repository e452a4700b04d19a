"""The import and export formats: one entry each, and everything that lists formats (the CLI's
`--format` choices, the import report's names, the web's menu and download links, the API's
enums, detection, the readers and writers) derives from this table.

A new format is a reader module plus one `FileFormat` here (and its fixtures). The JSON backup
is read and written in services (it restores settings and ids too): its entry names it, and
services/import_source.py and services/exporter.py plug its functions in by id.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from callwise.domain.errors import ValidationError
from callwise.interchange.csv_common import HeaderTest, sniff_csv

if TYPE_CHECKING:
    from callwise.domain.model import Contact
    from callwise.interchange.records import ParsedRecord, RejectedRecord, Share

# A reader takes the file's lines, and its share when several processes read the file
# together (interchange/records.py); without one it reads every record.
Reader = Callable[[Iterable[str], "Share | None"], Iterator["ParsedRecord | RejectedRecord"]]
Contacts = Callable[[], Iterable["Contact"]]  # each call a fresh pass over the contacts
Writer = Callable[[Contacts, IO[str]], int]  # writes them all, returns how many

AUTO = "auto"
AUTO_LABEL = "Detect from the file"
BACKUP = "backup"

# Readers and writers load their modules when first used, so that the CLI starts without them.


def _read_vcard(
    lines: Iterable[str], share: Share | None = None
) -> Iterator[ParsedRecord | RejectedRecord]:
    from callwise.interchange.vcard import read_vcards

    return read_vcards(lines, share=share)


def _read_google(
    lines: Iterable[str], share: Share | None = None
) -> Iterator[ParsedRecord | RejectedRecord]:
    from callwise.interchange.google_csv import read_google

    return read_google(lines, share)


def _read_outlook(
    lines: Iterable[str], share: Share | None = None
) -> Iterator[ParsedRecord | RejectedRecord]:
    from callwise.interchange.outlook_csv import read_outlook

    return read_outlook(lines, share)


def _read_linkedin(
    lines: Iterable[str], share: Share | None = None
) -> Iterator[ParsedRecord | RejectedRecord]:
    from callwise.interchange.linkedin_csv import read_linkedin

    return read_linkedin(lines, share)


def _write_vcard(contacts: Contacts, out: IO[str]) -> int:
    from callwise.interchange.vcard import write_vcards

    count = 0
    for contact in contacts():
        out.writelines(write_vcards([contact]))
        count += 1
    return count


def _write_google(contacts: Contacts, out: IO[str]) -> int:
    """Two passes: the first only sizes the numbered columns, so a large export streams."""
    from callwise.interchange.google_csv import GoogleColumns, write_google_csv

    lines = write_google_csv(contacts(), GoogleColumns.fitting(contacts()))
    out.write(next(lines))
    count = 0
    for line in lines:
        out.write(line)
        count += 1
    return count


def _is_backup(head: str) -> bool:
    return head.lstrip().startswith("{") and "callwise-backup" in head


def _is_vcard(head: str) -> bool:
    return head.lstrip().split("\n", 1)[0].strip().upper().startswith("BEGIN:VCARD")


# CSV headers (column names trimmed and casefolded). No two formats claim the same header
# (tests/integration/test_formats_table.py), so the order of the table does not matter.
_GOOGLE_NAMES = frozenset(
    {"given name", "family name", "group membership", "labels", "file as", "organization name"}
)
_GOOGLE_NUMBERED = re.compile(
    r"(e-mail|phone|address|relation|custom field|website|event|organization|im) \d+ - .+"
)
_OUTLOOK_NAMES = frozenset(
    {"e-mail address", "business phone", "mobile phone", "home phone", "job title", "company"}
)
_LINKEDIN_NAMES = frozenset({"connected on", "position"})


def _is_google_header(names: frozenset[str]) -> bool:
    """One of Google's own column names, or a numbered one such as `Phone 1 - Value`."""
    return bool(names & _GOOGLE_NAMES) or any(_GOOGLE_NUMBERED.fullmatch(n) for n in names)


def _is_linkedin_header(names: frozenset[str]) -> bool:
    return {"first name", "last name"} <= names and bool(names & _LINKEDIN_NAMES)


def _is_outlook_header(names: frozenset[str]) -> bool:
    """First and last name and one of Outlook's columns; LinkedIn's and Google's exports
    share some of them, so theirs are not Outlook's."""
    return (
        {"first name", "last name"} <= names
        and bool(names & _OUTLOOK_NAMES)
        and not _is_linkedin_header(names)
        and not _is_google_header(names)
    )


@dataclass(frozen=True, slots=True)
class Export:
    """How a format is written: `id` as `export --format` and the download URLs name it."""

    id: str
    label: str  # the web's download link
    media_type: str
    file_name: str  # the web's download is callwise-DATE-<file_name>
    writer: Writer | None  # None: written in services (the backup)

    @property
    def extension(self) -> str:
        return self.file_name.rsplit(".", 1)[-1]


@dataclass(frozen=True, slots=True)
class FileFormat:
    """One import format: `id` as `import --format` and the API name it; `name` in reports."""

    id: str
    name: str
    label: str  # the web's Format menu
    extensions: tuple[str, ...]
    reader: Reader | None  # None: read in services (the backup)
    detect: Callable[[str], bool] | None = None  # over the file's first kilobytes
    csv_header: HeaderTest | None = None  # over a CSV header row's column names
    export: Export | None = None

    def header_test(self) -> HeaderTest:
        """How a CSV reader finds its header row (after any preamble)."""
        assert self.csv_header is not None, f"{self.id} is not a CSV format"
        return self.csv_header


FORMATS: tuple[FileFormat, ...] = (
    FileFormat(
        "vcard",
        "vCard",
        "vCard (.vcf: Apple, Google, Outlook, Thunderbird)",
        ("vcf", "vcard"),
        _read_vcard,
        detect=_is_vcard,
        export=Export(
            "vcard",
            "vCard 3.0 (phones and address books)",
            "text/vcard",
            "contacts.vcf",
            _write_vcard,
        ),
    ),
    FileFormat(
        "google",
        "Google CSV",
        "Google Contacts CSV",
        ("csv",),
        _read_google,
        csv_header=_is_google_header,
        export=Export("csv", "Google Contacts CSV", "text/csv", "contacts.csv", _write_google),
    ),
    FileFormat(
        "outlook",
        "Outlook CSV",
        "Outlook CSV",
        ("csv",),
        _read_outlook,
        csv_header=_is_outlook_header,
    ),
    FileFormat(
        "linkedin",
        "LinkedIn CSV",
        "LinkedIn Connections.csv",
        ("csv",),
        _read_linkedin,
        csv_header=_is_linkedin_header,
    ),
    FileFormat(
        BACKUP,
        "callwise backup",
        "callwise JSON backup",
        ("json",),
        None,
        detect=_is_backup,
        export=Export(
            "json",
            "JSON backup (everything, restores in callwise)",
            "application/json",
            "backup.json",
            None,
        ),
    ),
)
BY_ID = {f.id: f for f in FORMATS}
IMPORT_IDS = tuple(f.id for f in FORMATS)
IMPORT_CHOICES = (AUTO, *IMPORT_IDS)  # what `import --format` and the API take
# The lossless backup is offered first (it is the one callwise restores), then table order.
EXPORTS = {
    e.id: e for e in sorted((f.export for f in FORMATS if f.export), key=lambda e: e.id != "json")
}
EXPORT_IDS = tuple(EXPORTS)
READERS: dict[str, Reader] = {f.id: f.reader for f in FORMATS if f.reader is not None}
NAMES = {f.id: f.name for f in FORMATS}


def detect_format(head: str) -> str:
    """The format of a file from its first characters: one of `IMPORT_IDS`.

    `head` should hold the first few kilobytes (a LinkedIn export starts with a preamble).
    """
    text = head.removeprefix("\ufeff")
    for entry in FORMATS:
        if entry.detect is not None and entry.detect(text):
            return entry.id
    tests = {f.id: f.csv_header for f in FORMATS if f.csv_header is not None}
    if not text.lstrip().startswith("{") and (kind := sniff_csv(text, tests)):
        return kind
    raise ValidationError(
        "cannot tell the file's format: expected one of "
        + ", ".join(f.name for f in FORMATS)
        + "; name it with --format",
        field="format",
    )
