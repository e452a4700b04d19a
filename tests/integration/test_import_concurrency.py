"""Others keep writing while an import runs (issue 11): the import reads and matches without
the write lock, and a write that lands meanwhile is neither lost nor duplicated. Only a change
to contacts makes the import match again; a setting or a call logged meanwhile does not."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, event, select

from callwise.domain.errors import CallwiseError
from callwise.domain.model import Contact, Email, Phone
from callwise.interchange.vcard import write_vcards
from callwise.services import backup, calls, contacts, demo, importer, settings
from callwise.services.app import App, open_app
from callwise.services.synthetic import synthetic_contacts
from callwise.store import db
from callwise.store.contacts import count_contacts
from callwise.store.tables import contacts as contacts_table
from conftest import NOW
from process_support import (
    big_vcf_fixture,  # noqa: F401  (the big_vcf fixture)
    callwise_process,
    children_of,
    wait_for,
)

SHORT_BUSY_MS = 2000  # far less than the import takes: a writer must not wait for all of it
GENEROUS_BUSY_MS = 30_000  # a loaded machine's whole import write, not a match under the lock
PAUSE = 0.05  # between two writes of the busy writer: a busy web app, not a flood


def test_a_write_during_the_reading_is_kept_and_matched(app: App, tmp_path: Path) -> None:
    """The contact saved while the file is read gets the file's card with its email merged
    in; the other cards are added; nothing is lost or doubled."""
    made = list(synthetic_contacts(1200, 5, today=NOW.date()))
    late = next(c for c in reversed(made) if c.emails)
    path = tmp_path / "cards.vcf"
    with path.open("w", encoding="utf-8", newline="") as out:
        out.writelines(write_vcards(made))
    saved: list[Contact] = []

    def write_meanwhile(done: int, size: int) -> None:
        if not saved:
            # the same person (same name and email, issue 13), entered by hand meanwhile
            writer = Contact(
                given_name=late.given_name, family_name=late.family_name, emails=late.emails[:1]
            )
            saved.append(contacts.save_contact(app, writer))

    report = importer.import_file(app, path, parallel=False, progress=write_meanwhile)
    with app.engine.connect() as conn:
        assert count_contacts(conn) == len(made)
    assert len(report.added) == len(made) - 1
    assert [m.contact_id for m in report.merged if m.contact_id is not None] == [saved[0].id]
    kept = contacts.get_contact(app, saved[0].id or 0)
    assert kept.emails[0] == late.emails[0]
    assert late.phones[0].number in {p.number for p in kept.phones} or not late.phones


def _short_busy_timeout(url: str, busy_ms: int = SHORT_BUSY_MS) -> App:
    """An app on `url` whose connections wait at most `busy_ms` for a lock."""
    engine = db.make_engine(url)

    def shorter(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA busy_timeout = {busy_ms}")

    event.listen(engine, "connect", shorter)
    return App(engine=engine, now=NOW)


def _busy_writer(app: App, running: object) -> tuple[int, list[str]]:
    """Write a setting and log a call, again and again while `running()`: how many writes
    were made, and the errors of those that failed."""
    made, failed = 0, []

    def write_a_setting() -> None:
        settings.set_setting(app, "user_name", f"writer {made}")

    def log_a_call() -> None:
        calls.log_call(app, "Busy Writer", "connected")

    while running():  # type: ignore[operator]
        for write in (write_a_setting, log_a_call):
            try:
                write()
            except CallwiseError as exc:
                failed.append(str(exc))
            made += 1
        time.sleep(PAUSE)
    return made, failed


def test_a_write_from_another_process_succeeds_while_an_import_runs(
    big_vcf: Path, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'busy.db'}"
    open_app(url, NOW).engine.dispose()  # made and migrated before the import starts
    importing = callwise_process(url, "import", str(big_vcf))
    writer = _short_busy_timeout(url)
    patient = _short_busy_timeout(url, GENEROUS_BUSY_MS)
    try:
        wait_for(lambda: len(children_of(importing.pid)) >= 2, "the import's readers")
        saved = contacts.save_contact(
            writer,
            Contact(given_name="Busy", family_name="Writer", emails=(Email("busy@example.org"),)),
        )
        made, failed = _busy_writer(patient, lambda: importing.poll() is None)
        _, err = importing.communicate()
        assert importing.returncode == 0, err
        assert contacts.get_contact(writer, saved.id or 0).name == "Busy Writer"
        with writer.engine.connect() as conn:
            assert count_contacts(conn) == 12_000 + 1
        assert failed == []  # a setting and a call never made the import match under the lock
        assert len(calls.history(writer, "Busy Writer", limit=100_000)) == made // 2
    finally:
        if importing.poll() is None:
            importing.kill()
            importing.communicate()
        writer.engine.dispose()
        patient.engine.dispose()


def _count_write_transactions(app: App) -> list[int]:
    """A one-item list counting the write transactions begun on `app` from now on."""
    counted = [0]

    def began(conn: Connection) -> None:
        counted[0] += bool(conn.get_execution_options().get("callwise_write"))

    event.listen(app.engine, "begin", began)
    return counted


def _file_with(tmp_path: Path, extra: Contact) -> tuple[Path, int]:
    """A vCard file of 1,200 synthetic cards and `extra` in the middle; the count of cards."""
    made = list(synthetic_contacts(1200, 6, today=NOW.date()))
    made.insert(600, extra)
    path = tmp_path / "cards.vcf"
    with path.open("w", encoding="utf-8", newline="") as out:
        out.writelines(write_vcards(made))
    return path, len(made)


def test_a_setting_and_a_call_during_the_matching_do_not_make_it_match_again(
    app: App, tmp_path: Path
) -> None:
    """Unrelated writes leave the import's plan valid: it writes at once, in one transaction,
    and the call's effect on the contact it completes (last touch) is kept."""
    rita = contacts.save_contact(
        app, Contact(given_name="Rita", family_name="Caller", emails=(Email("rita@example.org"),))
    )
    card = Contact(
        given_name="Rita",
        family_name="Caller",
        emails=(Email("rita@example.org"),),
        phones=(Phone("+14155550123"),),
    )
    path, cards = _file_with(tmp_path, card)
    writes = _count_write_transactions(app)
    meanwhile: list[int] = []

    def write_meanwhile(done: int, size: int) -> None:
        if not meanwhile:
            before = writes[0]
            settings.set_setting(app, "user_name", "Busy Writer")
            calls.log_call(app, "Rita Caller", "connected", note="during the import")
            meanwhile.append(writes[0] - before)

    report = importer.import_file(app, path, parallel=False, progress=write_meanwhile)
    assert meanwhile == [2]
    assert writes[0] - meanwhile[0] == 1  # the import's own write, first time, no match again
    assert [m.contact_id for m in report.merged] == [rita.id]
    kept = contacts.get_contact(app, rita.id or 0)
    assert [p.number for p in kept.phones] == ["+14155550123"]
    assert app.settings().user_name == "Busy Writer"
    with app.engine.connect() as conn:
        assert count_contacts(conn) == cards
        touched = conn.scalar(
            select(contacts_table.c.last_touch_at).where(contacts_table.c.id == rita.id)
        )
    assert touched is not None


def test_a_contact_edit_during_the_matching_makes_it_match_again_and_is_kept(
    app: App, tmp_path: Path
) -> None:
    edited = contacts.save_contact(
        app, Contact(given_name="Eda", family_name="Edited", emails=(Email("eda@example.org"),))
    )
    card = Contact(
        given_name="Eda",
        family_name="Edited",
        emails=(Email("eda@example.org"),),
        phones=(Phone("+14155550177"),),
    )
    path, cards = _file_with(tmp_path, card)
    writes = _count_write_transactions(app)
    meanwhile: list[int] = []

    def edit_meanwhile(done: int, size: int) -> None:
        if not meanwhile:
            before = writes[0]
            contacts.save_contact(app, replace(edited, notes="edited during the import"))
            meanwhile.append(writes[0] - before)

    report = importer.import_file(app, path, parallel=False, progress=edit_meanwhile)
    assert writes[0] - meanwhile[0] == 2  # refused once as stale, then written
    assert [m.contact_id for m in report.merged] == [edited.id]
    kept = contacts.get_contact(app, edited.id or 0)
    assert kept.notes == "edited during the import"
    assert [p.number for p in kept.phones] == ["+14155550177"]
    with app.engine.connect() as conn:
        assert count_contacts(conn) == cards


def test_only_contact_changes_raise_the_contacts_revision(app: App, tmp_path: Path) -> None:
    """An import raises it once (SQLite's per-row triggers are set aside while it writes;
    PostgreSQL's trigger marks the transaction) and leaves the triggers in place: a later
    edit raises it, a setting does not."""
    path, _cards = _file_with(tmp_path, Contact(given_name="Tess", family_name="Trigger"))

    def revision() -> int:
        with app.engine.connect() as conn:
            return db.read_contacts_revision(conn)

    before = revision()
    importer.import_file(app, path, parallel=False)
    after = revision()
    assert after == before + 1  # once per transaction on both backends (migration 0014)
    settings.set_setting(app, "user_name", "Tess")
    calls.log_call(app, "Tess Trigger", "connected")
    assert revision() == after
    tess = contacts.resolve_contact(app, "Tess Trigger")
    contacts.save_contact(app, replace(tess, notes="edited"))
    edited = revision()
    assert edited > after
    contacts.remove_contact(app, tess.id or 0)
    assert revision() > edited


def test_a_bulk_write_raises_the_contacts_revision_once(app: App, tmp_path: Path) -> None:
    """The synthetic demo and a restore write thousands of rows in one transaction: the
    revision rises once for it. Raised per row, PostgreSQL kept a version of the revision row
    for each and walked them all at every next one (100k contacts: over 15 minutes)."""

    def revision() -> int:
        with app.engine.connect() as conn:
            return db.read_contacts_revision(conn)

    before = revision()
    assert demo.insert_many(app, synthetic_contacts(40, 7, today=NOW.date())) == 40
    assert revision() == before + 1
    saved = tmp_path / "backup.json"
    with saved.open("w", encoding="utf-8") as out:
        backup.write_backup(app, out)
    with saved.open(encoding="utf-8") as stream:
        backup.restore_backup(app, stream)
    assert revision() == before + 2
    contacts.save_contact(app, Contact(given_name="Ona", phones=(Phone("+18165550123"),)))
    assert revision() > before + 2  # a later transaction raises it again
