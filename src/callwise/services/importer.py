"""Importing address books: detect the format, read as a stream, merge duplicates, one
transaction (all or nothing, or the valid records with `skip_invalid`)."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from callwise.domain.errors import ValidationError
from callwise.domain.merge import match_keys, merge_contacts
from callwise.domain.model import Contact
from callwise.interchange.limits import check_file_size
from callwise.interchange.records import FORMATS, RejectedRecord, detect_format
from callwise.services.app import App, Rollback
from callwise.services.backup import RestoreReport, restore_backup
from callwise.services.import_source import (
    PreparedBatch,
    Progress,
    fewer_collections,
    head_text,
    prepared_batches,
)
from callwise.services.zone_cache import use_disk_cache
from callwise.store import contacts as store


@dataclass(frozen=True)
class Merged:
    """A record merged into a contact: stored already, or read earlier from the same file."""

    line: int
    contact_id: int | None
    name: str
    fields: tuple[str, ...]


@dataclass
class ImportReport:
    """What an import did, or would do under --dry-run."""

    format: str
    dry_run: bool
    added: list[tuple[int, str]] = field(default_factory=list)
    merged: list[Merged] = field(default_factory=list)
    unchanged: int = 0
    conflicts: list[tuple[int, str, str]] = field(default_factory=list)
    rejected: list[RejectedRecord] = field(default_factory=list)
    flagged: list[tuple[int, str, str]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    restored: RestoreReport | None = None

    def as_dict(self) -> dict[str, Any]:
        """The report as plain values, the shape `import --json` and the API share
        (docs/json.md); the backup's own counts are in `restored`."""
        return {
            "format": self.format,
            "dry_run": self.dry_run,
            "added": len(self.added),
            "merged": len(self.merged),
            "unchanged": self.unchanged,
            "new": [{"line": line, "name": name} for line, name in self.added],
            "merges": [
                {
                    "line": m.line,
                    "contact_id": m.contact_id,
                    "name": m.name,
                    "fields": list(m.fields),
                }
                for m in self.merged
            ],
            "conflicts": [
                {"line": line, "name": name, "kept_in_notes": text}
                for line, name, text in self.conflicts
            ],
            "rejected": [{"line": r.line, "reason": r.reason} for r in self.rejected],
            "flagged_phones": [
                {"line": line, "name": name, "number": number}
                for line, name, number in self.flagged
            ],
            "warnings": [{"line": line, "warning": text} for line, text in self.warnings],
        }


@dataclass(frozen=True)
class _Options:
    dry_run: bool
    skip_invalid: bool
    progress: Progress | None
    parallel: bool | None


@dataclass
class _Pending:
    """One contact this batch will write: new, or a stored one being completed."""

    contact: Contact
    stored: Contact | None
    fields: set[str] = field(default_factory=set)


def _check_path(path: Path) -> None:
    if not path.exists():
        raise ValidationError(f"{path} does not exist", field="file")
    if path.is_dir():
        raise ValidationError(f"{path} is a folder; give a file", field="file")
    check_file_size(path.stat().st_size)


def import_file(
    app: App,
    path: Path,
    *,
    format: str = "auto",
    region: str | None = None,
    dry_run: bool = False,
    skip_invalid: bool = False,
    progress: Progress | None = None,
    parallel: bool | None = None,
) -> ImportReport:
    """Import `path`. Without `skip_invalid`, one rejected record aborts with nothing written."""
    _check_path(path)
    use_disk_cache()  # every new contact's city is looked up (zones' tables, issue 3)
    chosen = detect_format(head_text(path)) if format == "auto" else format
    if chosen not in FORMATS:
        raise ValidationError(
            f"unknown format {format!r}; use auto or one of: {', '.join(FORMATS)}", field="format"
        )
    if chosen == "backup":
        with path.open(encoding="utf-8-sig") as stream:
            restored = restore_backup(app, stream, dry_run=dry_run)
        return ImportReport("backup", dry_run, restored=restored)
    region = region or app.settings().default_region
    options = _Options(dry_run, skip_invalid, progress, parallel)
    for encoding in ("utf-8-sig", "cp1252"):  # Outlook often writes Windows-1252
        with suppress(UnicodeDecodeError):  # nothing was kept: try the next encoding
            return _import_records(app, path, chosen, encoding, region, options)
    raise ValidationError(
        "the file is neither UTF-8 nor Windows-1252 text; export it again as UTF-8",
        field="file",
    )


def _import_records(
    app: App,
    path: Path,
    chosen: str,
    encoding: str,
    region: str,
    options: _Options,
) -> ImportReport:
    report = ImportReport(chosen, options.dry_run)
    batches = prepared_batches(
        path, chosen, encoding, region, parallel=options.parallel, progress=options.progress
    )
    refused = False
    with fewer_collections(), app.transaction() as conn, store.bulk_insert_mode(conn):
        for batch in batches:
            _import_batch(conn, app, batch, report)
        refused = bool(report.rejected) and not options.skip_invalid and not options.dry_run
        if refused or options.dry_run:
            raise Rollback
    if refused:
        first = report.rejected[0]
        where = "" if first.reason.startswith("line ") else f"line {first.line}: "
        raise ValidationError(
            f"{where}{first.reason}; {len(report.rejected)} record(s) rejected, "
            "nothing imported (fix them, or use --skip-invalid to import the rest)",
            field="file",
        )
    return report


def _import_batch(conn: Connection, app: App, batch: PreparedBatch, report: ImportReport) -> None:
    """Match each record against this batch and the database, merge, then write the batch."""
    report.rejected.extend(batch.rejected)
    report.warnings.extend(batch.warnings)
    report.flagged.extend(batch.flagged)
    ready = batch.ready
    stored_ids = store.match_ids(conn, {key for _, _, keys in ready for key in keys})
    stored = {c.id: c for c in store.get_contacts(conn, sorted(set(stored_ids.values())))}
    pending: list[_Pending] = []
    by_key: dict[str, _Pending] = {}
    by_id: dict[int, _Pending] = {}
    for line, contact, keys_of in ready:
        slot = next((by_key[k] for k in keys_of if k in by_key), None)
        if slot is None:
            found = next((stored_ids[k] for k in keys_of if k in stored_ids), None)
            if found is not None:
                slot = by_id.get(found)
                if slot is None:
                    slot = by_id[found] = _Pending(stored[found], stored[found])
                    pending.append(slot)
        if slot is None:
            slot = _Pending(contact, None)
            pending.append(slot)
            report.added.append((line, contact.name))
            merged_keys = keys_of
        else:
            merged_keys = match_keys(_merge_into(slot, line, contact, report))
        for key in merged_keys:
            by_key.setdefault(key, slot)
    _write(conn, app, pending)


def _merge_into(slot: _Pending, line: int, contact: Contact, report: ImportReport) -> Contact:
    """Merge a record into the slot's contact; report the changed fields; return the result."""
    result = merge_contacts(slot.contact, contact)
    slot.contact = result.contact
    slot.fields.update(result.changed_fields)
    contact_id = slot.stored.id if slot.stored else None
    if result.changed_fields:
        report.merged.append(Merged(line, contact_id, result.contact.name, result.changed_fields))
    else:
        report.unchanged += 1
    report.conflicts.extend((line, result.contact.name, c) for c in result.conflicts)
    return result.contact


def _write(conn: Connection, app: App, pending: list[_Pending]) -> None:
    fresh = [p.contact for p in pending if p.stored is None]
    store.insert_contacts(conn, fresh, stamp=app.now)
    for slot in pending:
        if slot.stored is not None and slot.contact != slot.stored:
            store.update_contact(conn, replace(slot.contact, updated_at=app.now))
