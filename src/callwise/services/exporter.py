"""Exports: the lossless JSON backup, vCard 3.0 and a Google-compatible CSV, streamed.

The formats are interchange/formats.py's `EXPORTS`; the backup's writer is plugged in here,
since it needs the database (settings, ids) and not only the contacts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from callwise.domain.errors import ValidationError
from callwise.domain.model import Contact
from callwise.interchange.formats import EXPORT_IDS, EXPORTS
from callwise.services.app import App
from callwise.services.backup import write_backup
from callwise.store import contacts as store


def write_export(app: App, format: str, out: IO[str]) -> int:
    """Write every contact to `out` in `format`; return how many (open `out` with newline='')."""
    export = EXPORTS.get(format)
    if export is None:
        raise ValidationError(
            f"unknown format {format!r}; use one of: {', '.join(EXPORT_IDS)}", field="format"
        )
    if export.writer is None:  # the backup
        return write_backup(app, out)
    with app.engine.connect() as conn:

        def contacts() -> Iterator[Contact]:
            return store.iter_contacts(conn)

        return export.writer(contacts, out)
