"""LinkedIn's Connections.csv: every row a connection made on a known day (business, by the
source: domain/kind_guess).

Current exports open with a `Notes:` preamble (quoted text that may span lines) and a blank
line before the header; older ones start at the header and have no URL column.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from callwise.domain.kind_guess import LINKEDIN_SOURCE
from callwise.interchange.csv_records import read_table, text
from callwise.interchange.draft import ContactDraft
from callwise.interchange.records import ParsedRecord, RejectedRecord, Share

_COLUMNS = (
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
)
_KNOWN = {name.casefold(): name for name in _COLUMNS}


def canonical_column(name: str) -> str:
    return _KNOWN.get(name.casefold(), name)


def read_linkedin(
    lines: Iterable[str], share: Share | None = None
) -> Iterator[ParsedRecord | RejectedRecord]:
    """Records of a LinkedIn Connections.csv export (with or without the preamble)."""
    return read_table(
        lines,
        kind="linkedin",
        expected="LinkedIn Connections.csv (First Name, Last Name, ... Connected On)",
        canonical=canonical_column,
        fill=_fill,
        share=share,
    )


def _fill(record: dict[str, str], draft: ContactDraft) -> None:
    """A connection: source linkedin (so a business contact, P2.6), Position as job title."""
    draft.source = LINKEDIN_SOURCE
    draft.given_name = text(record, "First Name")
    draft.family_name = text(record, "Last Name")
    draft.organization = text(record, "Company")
    draft.job_title = text(record, "Position")
    draft.add_email(text(record, "Email Address"), "")
    draft.add_url(text(record, "URL"))
    draft.set_connected_on(text(record, "Connected On"))
