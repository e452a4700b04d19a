"""Importing address books: detect the format, read as a stream, merge duplicates, write in
one short transaction (all or nothing, or the valid records with `skip_invalid`).

Reading and matching run in a read snapshot, with no write lock held, so the web app and the
CLI keep writing meanwhile; the write checks the contacts revision (store/db.py) and matches
again if another writer changed contacts in between (issue 11)."""

from __future__ import annotations

import datetime as dt
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
from callwise.store import db

MATCH_ATTEMPTS = 3  # matches in a snapshot before the last one under the write lock
WRITE_BATCH = 1000


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


@dataclass(slots=True)
class _Pending:
    """One contact this import will write: new, or a stored one being completed. One per
    record of the file is kept until the write, so it keeps no more than these two."""

    contact: Contact
    stored: Contact | None


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


Ready = list[tuple[int, Contact, tuple[str, ...]]]


class _Stale(Exception):
    """The data changed after the import matched against it: match again."""


def _import_records(
    app: App,
    path: Path,
    chosen: str,
    encoding: str,
    region: str,
    options: _Options,
) -> ImportReport:
    """Read and match with no write lock held (a read snapshot), then write in one short
    transaction; if another writer committed meanwhile, match again (issue 11)."""
    report = ImportReport(chosen, options.dry_run)
    batches = prepared_batches(
        path, chosen, encoding, region, parallel=options.parallel, progress=options.progress
    )
    with fewer_collections():
        with app.snapshot() as conn:
            seen = db.read_contacts_revision(conn)
            plan = _Plan(report)
            ready = [plan.read(conn, batch) for batch in batches]
        _refuse_rejected(report, options)
        if options.dry_run:
            return report
        for _ in range(MATCH_ATTEMPTS):
            with suppress(_Stale):
                return _apply(app, plan, seen)
            with app.snapshot() as conn:
                seen = db.read_contacts_revision(conn)
                plan = _Plan.rematched(conn, report, ready)
        return _apply_locked(app, report, ready)


def _refuse_rejected(report: ImportReport, options: _Options) -> None:
    """Without --skip-invalid one rejected record refuses the whole file, before any write."""
    if not report.rejected or options.skip_invalid or options.dry_run:
        return
    first = report.rejected[0]
    where = "" if first.reason.startswith("line ") else f"line {first.line}: "
    raise ValidationError(
        f"{where}{first.reason}; {len(report.rejected)} record(s) rejected, "
        "nothing imported (fix them, or use --skip-invalid to import the rest)",
        field="file",
    )


def _apply(app: App, plan: _Plan, seen: int) -> ImportReport:
    """Write the plan in one transaction if the contacts are still at revision `seen` (other
    writes, a setting or a call, do not matter to matching); a plan that changes nothing
    takes no lock at all."""
    if not plan.changes():
        return plan.report
    stale = False
    with app.transaction() as conn:
        if db.read_contacts_revision(conn, lock=True) != seen:
            stale = True
            raise Rollback
        with store.bulk_insert_mode(conn), db.one_contacts_bump(conn):
            plan.write(conn, app.now)
    if stale:
        raise _Stale
    return plan.report


def _apply_locked(app: App, report: ImportReport, ready: list[Ready]) -> ImportReport:
    """The last resort when other writers keep changing the data: match and write under the
    write lock (they wait for the match, not for the reading)."""
    with app.transaction() as conn:
        db.read_contacts_revision(conn, lock=True)  # PostgreSQL: contact writers wait for us
        plan = _Plan.rematched(conn, report, ready)
        with store.bulk_insert_mode(conn), db.one_contacts_bump(conn):
            plan.write(conn, app.now)
    return plan.report


class _Plan:
    """What the import will write: new contacts and stored ones completed, matched record by
    record against the file so far and the stored contacts."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        self.pending: list[_Pending] = []
        self.by_key: dict[str, _Pending] = {}
        self.by_id: dict[int, _Pending] = {}

    @classmethod
    def rematched(cls, conn: Connection, report: ImportReport, ready: list[Ready]) -> _Plan:
        """A new plan from the records read before, against the data as it is now."""
        report.added, report.merged, report.conflicts = [], [], []
        report.unchanged = 0
        plan = cls(report)
        for records in ready:
            plan.match(conn, records)
        return plan

    def read(self, conn: Connection, batch: PreparedBatch) -> Ready:
        """Take a batch's findings into the report and match its records; return them."""
        self.report.rejected.extend(batch.rejected)
        self.report.warnings.extend(batch.warnings)
        self.report.flagged.extend(batch.flagged)
        self.match(conn, batch.ready)
        return batch.ready

    def match(self, conn: Connection, ready: Ready) -> None:
        """Match each record against the file so far, then the database; merge or add it."""
        wanted = {key for _, _, keys in ready for key in keys if key not in self.by_key}
        stored_ids = store.match_ids(conn, wanted)
        new_ids = sorted(set(stored_ids.values()) - self.by_id.keys())
        stored = {c.id: c for c in store.get_contacts(conn, new_ids)}
        for line, contact, keys_of in ready:
            slot = next((self.by_key[k] for k in keys_of if k in self.by_key), None)
            found = next((stored_ids[k] for k in keys_of if k in stored_ids), None)
            if slot is None and found is not None:
                slot = self.by_id.get(found)
                if slot is None:
                    slot = self.by_id[found] = _Pending(stored[found], stored[found])
                    self.pending.append(slot)
            if slot is None:
                slot = _Pending(contact, None)
                self.pending.append(slot)
                self.report.added.append((line, contact.name))
                merged_keys = keys_of
            else:
                merged_keys = match_keys(_merge_into(slot, line, contact, self.report))
            for key in merged_keys:
                self.by_key.setdefault(key, slot)

    def changes(self) -> bool:
        return any(p.stored is None or p.contact != p.stored for p in self.pending)

    def write(self, conn: Connection, now: dt.datetime) -> None:
        """Insert the new contacts (in file order, a batch at a time), then the updates."""
        fresh = [p.contact for p in self.pending if p.stored is None]
        for start in range(0, len(fresh), WRITE_BATCH):
            store.insert_contacts(conn, fresh[start : start + WRITE_BATCH], stamp=now)
        for slot in self.pending:
            if slot.stored is not None and slot.contact != slot.stored:
                store.update_contact(conn, replace(slot.contact, updated_at=now))


def _merge_into(slot: _Pending, line: int, contact: Contact, report: ImportReport) -> Contact:
    """Merge a record into the slot's contact; report the changed fields; return the result."""
    result = merge_contacts(slot.contact, contact)
    slot.contact = result.contact
    contact_id = slot.stored.id if slot.stored else None
    if result.changed_fields:
        report.merged.append(Merged(line, contact_id, result.contact.name, result.changed_fields))
    else:
        report.unchanged += 1
    report.conflicts.extend((line, result.contact.name, c) for c in result.conflicts)
    return result.contact
