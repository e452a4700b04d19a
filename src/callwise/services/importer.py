"""Importing address books: detect the format, read as a stream, merge duplicates, write in
one short transaction (all or nothing, or the valid records with `skip_invalid`).

Reading and matching run in a read snapshot, with no write lock held, so the web app and the
CLI keep writing meanwhile; the write checks the contacts revision (store/db.py) and matches
again if another writer changed contacts in between (issue 11)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from contextlib import suppress
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from sqlalchemy import Connection, Dialect

from callwise.domain.errors import ValidationError
from callwise.domain.merge import merge_contacts
from callwise.domain.model import Contact
from callwise.interchange.formats import IMPORT_IDS as FORMATS
from callwise.interchange.formats import detect_format
from callwise.interchange.limits import check_file_size
from callwise.services.app import App, Rollback
from callwise.services.backup import restore_backup
from callwise.services.child_process import Workers, can_fork
from callwise.services.duplicates import name_book, shared_with_store
from callwise.services.import_match import (
    Choice,
    FileHolders,
    Matcher,
    Pending,
    ReadyRecord,
    Target,
    compared,
    lookup_keys,
)
from callwise.services.import_report import ImportReport, Merged
from callwise.services.import_source import (
    PreparedBatch,
    Progress,
    head_text,
    prepared_batches,
    read_in_parallel,
)
from callwise.services.record_pack import unpacked
from callwise.services.runtime import enable_city_cache, fewer_collections
from callwise.store import contacts as store
from callwise.store import db
from callwise.store.contact_rows import NewRows, new_rows
from callwise.store.key_owners import key_owners

ROW_PROCESSES = 2  # processes making the rows of new contacts while this one writes them
MATCH_ATTEMPTS = 3  # matches in a snapshot before the last one under the write lock
WRITE_BATCH = 1000


@dataclass(frozen=True)
class _Options:
    dry_run: bool
    skip_invalid: bool
    progress: Progress | None
    parallel: bool | None


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
    separate_lines: Collection[int] = (),
) -> ImportReport:
    """Import `path`. Without `skip_invalid`, one rejected record aborts with nothing written.
    The records at `separate_lines` become new contacts whatever they resemble (issue 13)."""
    _check_path(path)
    enable_city_cache()  # every new contact's city is looked up (zones' tables, issue 3)
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
            return _import_records(app, path, chosen, encoding, region, options, separate_lines)
    raise ValidationError(
        "the file is neither UTF-8 nor Windows-1252 text; export it again as UTF-8",
        field="file",
    )


Ready = list[ReadyRecord]


class _Stale(Exception):
    """The data changed after the import matched against it: match again."""


def _import_records(
    app: App,
    path: Path,
    chosen: str,
    encoding: str,
    region: str,
    options: _Options,
    separate_lines: Collection[int] = (),
) -> ImportReport:
    """Read and match with no write lock held (a read snapshot), then write in one short
    transaction; if another writer committed meanwhile, match again (issue 11). The whole
    file is read before matching: which keys several people use depends on all of it."""
    report = ImportReport(chosen, options.dry_run, separate_lines=frozenset(separate_lines))
    batches = prepared_batches(
        path, chosen, encoding, region, parallel=options.parallel, progress=options.progress
    )
    makers = _row_makers(app, path, options)
    try:
        return _read_match_write(app, report, batches, options, makers)
    finally:
        makers.close()


def _read_match_write(
    app: App,
    report: ImportReport,
    batches: Iterable[PreparedBatch],
    options: _Options,
    makers: Workers,
) -> ImportReport:
    with fewer_collections():
        with app.snapshot() as conn:
            seen = db.read_contacts_revision(conn)
            holders = FileHolders()
            ready = [_take_findings(report, batch, holders) for batch in batches]
            plan = _Plan.rematched(conn, report, ready, holders)
        _refuse_rejected(report, options)
        if options.dry_run:
            return report
        for _ in range(MATCH_ATTEMPTS):
            with suppress(_Stale):
                return _apply(app, plan, seen, makers)
            with app.snapshot() as conn:
                seen = db.read_contacts_revision(conn)
                plan = _Plan.rematched(conn, report, ready, holders)
        return _apply_locked(app, report, ready, holders, makers)


def _refuse_rejected(report: ImportReport, options: _Options) -> None:
    """Without --skip-invalid one rejected record refuses the whole file, before any write;
    a dry run says so in `report.refused` (the CLI then exits as the real run would)."""
    if not report.rejected or options.skip_invalid:
        return
    first = report.rejected[0]
    where = "" if first.reason.startswith("line ") else f"line {first.line}: "
    message = (
        f"{where}{first.reason}; {len(report.rejected)} record(s) rejected, "
        "nothing imported (fix them, or use --skip-invalid to import the rest)"
    )
    if options.dry_run:
        report.refused = message
        return
    raise ValidationError(message, field="file")


def _row_makers(app: App, path: Path, options: _Options) -> Workers:
    """Processes that make the rows of new contacts while this one writes them (issue 3):
    for a large file, forked now, while this process is still small."""
    shared = read_in_parallel(path, options.parallel)
    count = ROW_PROCESSES if shared and not options.dry_run and can_fork() else 0
    return Workers(partial(_rows_of, stamp=app.now, dialect=app.engine.dialect), count)


def _rows_of(packed: list[bytes], *, stamp: dt.datetime, dialect: Dialect) -> NewRows:
    return new_rows(unpacked(packed), stamp, dialect)


def _apply(app: App, plan: _Plan, seen: int, makers: Workers) -> ImportReport:
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
            plan.write(conn, app.now, makers)
    if stale:
        raise _Stale
    return plan.report


def _apply_locked(
    app: App, report: ImportReport, ready: list[Ready], holders: FileHolders, makers: Workers
) -> ImportReport:
    """The last resort when other writers keep changing the data: match and write under the
    write lock (they wait for the match, not for the reading)."""
    with app.transaction() as conn:
        db.read_contacts_revision(conn, lock=True)  # PostgreSQL: contact writers wait for us
        plan = _Plan.rematched(conn, report, ready, holders)
        with store.bulk_insert_mode(conn), db.one_contacts_bump(conn):
            plan.write(conn, app.now, makers)
    return plan.report


def _take_findings(report: ImportReport, batch: PreparedBatch, holders: FileHolders) -> Ready:
    """Take a batch's rejections, warnings and flagged phones into the report and the keys
    its records hold into `holders`; return its records, to be matched once the whole file
    is read."""
    report.rejected.extend(batch.rejected)
    report.warnings.extend(batch.warnings)
    report.flagged.extend(batch.flagged)
    report.guessed.extend(batch.guessed)
    report.masked.extend(batch.masked)
    holders.add(batch.ready, batch.profiles)
    return batch.ready


class _Plan:
    """What the import will write: new contacts and stored ones completed, matched record by
    record against the file so far and the stored contacts (services/import_match.py)."""

    def __init__(self, report: ImportReport, matcher: Matcher) -> None:
        self.report = report
        self.matcher = matcher
        self.pending: list[Pending] = []
        self.by_key: dict[str, Pending] = {}
        self.by_id: dict[int, Pending] = {}

    @classmethod
    def rematched(
        cls, conn: Connection, report: ImportReport, ready: list[Ready], holders: FileHolders
    ) -> _Plan:
        """A plan from the file's records, against the data as it is now; the keys several
        people use are judged by the whole file (`holders`) and the stored holders of its
        keys."""
        report.added, report.merged, report.conflicts = [], [], []
        report.kept_apart = []
        report.unchanged = 0
        plan = cls(report, Matcher(shared_with_store(conn, holders.take()), name_book()))
        for batch in ready:
            plan.match(conn, batch)
        return plan

    def match(self, conn: Connection, ready: Ready) -> None:
        """Match each record against the file so far, then the database; merge or add it."""
        keys = {key for record in ready for key in record.keys}
        owners = key_owners(conn, keys)
        wanted = sorted({i for ids in owners.values() for i in ids} - self.by_id.keys())
        loaded = {c.id: c for c in store.get_contacts(conn, wanted) if c.id is not None}

        fresh: dict[int, Pending] = {}

        def slot_of(contact_id: int) -> Pending:
            found = self.by_id.get(contact_id) or fresh.get(contact_id)
            if found is None:
                found = fresh[contact_id] = Pending(loaded[contact_id], loaded[contact_id])
            return found

        for record in ready:
            if record.line in self.report.separate_lines:
                choice = Choice(None)
            else:
                choice = self.matcher.choose(record, self.by_key, owners, slot_of)
            self._take(record, choice)

    def _take(self, record: ReadyRecord, choice: Choice) -> None:
        self.report.kept_apart.extend(choice.kept_apart)
        slot = choice.slot
        if slot is None:
            slot = Pending(None, None, record.line, record.data)
            self.pending.append(slot)
            self.report.added.append((record.line, record.name))
            keys = record.keys
        else:
            if slot.stored is not None and slot.stored.id not in self.by_id:
                assert slot.stored.id is not None
                self.by_id[slot.stored.id] = slot
                self.pending.append(slot)
            _merge_into(slot, record.line, record.contact, choice, self.report)
            keys = lookup_keys(slot.contact)
        for key in keys:
            self.by_key.setdefault(key, slot)

    def changes(self) -> bool:
        return any(p.stored is None or p.contact != p.stored for p in self.pending)

    def write(self, conn: Connection, now: dt.datetime, makers: Workers) -> None:
        """Insert the new contacts (in file order, their rows made by `makers` a batch at a
        time), then the updates."""
        fresh = [p for p in self.pending if p.stored is None]
        batches = (
            [p.packed() for p in fresh[start : start + WRITE_BATCH]]
            for start in range(0, len(fresh), WRITE_BATCH)
        )
        for rows in makers.map(batches):
            store.insert_rows(conn, rows)
        for slot in self.pending:
            if slot.stored is not None and slot.contact != slot.stored:
                store.update_contact(conn, replace(slot.contact, updated_at=now))


def _merge_into(
    slot: Pending, line: int, contact: Contact, choice: Choice, report: ImportReport
) -> None:
    """Merge a record into the slot's contact; report what changed and why they matched."""
    before = slot.contact
    result = merge_contacts(before, contact)
    slot.contact = result.contact
    if result.changed_fields:
        target = Target.of(slot)
        merged = Merged(
            line,
            target.contact_id,
            result.contact.name,
            result.changed_fields,
            choice.reason,
            choice.evidence,
            target.line,
            contact.name,
            compared(before, contact),
        )
        report.merged.append(merged)
    else:
        report.unchanged += 1
    report.conflicts.extend((line, result.contact.name, c) for c in result.conflicts)
