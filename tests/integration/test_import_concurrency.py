"""Others keep writing while an import runs (issue 11): the import reads and matches without
the write lock, and a write that lands meanwhile is neither lost nor duplicated."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event

from callwise.domain.model import Contact, Email
from callwise.interchange.vcard import write_vcards
from callwise.services import contacts, importer
from callwise.services.app import App, open_app
from callwise.services.synthetic import synthetic_contacts
from callwise.store import db
from callwise.store.contacts import count_contacts
from conftest import NOW
from process_support import (
    big_vcf_fixture,  # noqa: F401  (the big_vcf fixture)
    callwise_process,
    children_of,
    wait_for,
)

SHORT_BUSY_MS = 2000  # far less than the import takes: a writer must not wait for all of it


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
            writer = Contact(given_name="Concurrent", family_name="Writer", emails=late.emails[:1])
            saved.append(contacts.save_contact(app, writer))

    report = importer.import_file(app, path, parallel=False, progress=write_meanwhile)
    with app.engine.connect() as conn:
        assert count_contacts(conn) == len(made)
    assert len(report.added) == len(made) - 1
    assert [m.contact_id for m in report.merged if m.contact_id is not None] == [saved[0].id]
    kept = contacts.get_contact(app, saved[0].id or 0)
    assert kept.emails[0] == late.emails[0]
    assert late.phones[0].number in {p.number for p in kept.phones} or not late.phones


def _short_busy_timeout(url: str) -> App:
    """An app on `url` whose connections wait at most SHORT_BUSY_MS for a lock."""
    engine = db.make_engine(url)

    def shorter(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA busy_timeout = {SHORT_BUSY_MS}")

    event.listen(engine, "connect", shorter)
    return App(engine=engine, now=NOW)


def test_a_write_from_another_process_succeeds_while_an_import_runs(
    big_vcf: Path, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'busy.db'}"
    open_app(url, NOW).engine.dispose()  # made and migrated before the import starts
    importing = callwise_process(url, "import", str(big_vcf))
    writer = _short_busy_timeout(url)
    try:
        wait_for(lambda: len(children_of(importing.pid)) >= 2, "the import's readers")
        saved = contacts.save_contact(
            writer,
            Contact(given_name="Busy", family_name="Writer", emails=(Email("busy@example.org"),)),
        )
        _, err = importing.communicate()
        assert importing.returncode == 0, err
        assert contacts.get_contact(writer, saved.id or 0).name == "Busy Writer"
        with writer.engine.connect() as conn:
            assert count_contacts(conn) == 12_000 + 1
    finally:
        if importing.poll() is None:
            importing.kill()
            importing.communicate()
        writer.engine.dispose()
