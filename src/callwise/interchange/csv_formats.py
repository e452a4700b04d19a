"""CSV address books in and out: Google Contacts, Outlook and LinkedIn (RFC 4180 files).

Each reader takes the file's lines (any iterable of str, e.g. an open text file) and yields
a `ParsedRecord` or `RejectedRecord` per row, with the file line where the row starts.
A file without the expected header raises ValidationError before any record.
"""

from __future__ import annotations

from callwise.interchange.google_csv import (
    GoogleColumns,
    google_header,
    read_google,
    write_google_csv,
)
from callwise.interchange.linkedin_csv import read_linkedin
from callwise.interchange.outlook_csv import read_outlook

__all__ = [
    "GoogleColumns",
    "google_header",
    "read_google",
    "read_linkedin",
    "read_outlook",
    "write_google_csv",
]
