"""Exports: the lossless JSON backup, vCard 3.0 and a Google-compatible CSV, streamed."""

from __future__ import annotations

from typing import IO

from callwise.domain.errors import ValidationError
from callwise.interchange.csv_formats import GoogleColumns, write_google_csv
from callwise.interchange.vcard import write_vcards
from callwise.services.app import App
from callwise.services.backup import write_backup
from callwise.store import contacts as store

EXPORT_FORMATS = ("json", "vcard", "csv")


def write_export(app: App, format: str, out: IO[str]) -> int:
    """Write every contact to `out` in `format`; return how many (open `out` with newline='')."""
    if format == "json":
        return write_backup(app, out)
    if format not in EXPORT_FORMATS:
        raise ValidationError(
            f"unknown format {format!r}; use one of: {', '.join(EXPORT_FORMATS)}", field="format"
        )
    count = 0
    with app.engine.connect() as conn:
        if format == "vcard":
            for contact in store.iter_contacts(conn):
                out.writelines(write_vcards([contact]))
                count += 1
            return count
        columns = GoogleColumns.fitting(store.iter_contacts(conn))  # first pass: sizes only
        lines = write_google_csv(store.iter_contacts(conn), columns)
        out.write(next(lines))
        for line in lines:
            out.write(line)
            count += 1
    return count
