"""A file read in a second process (services/import_source.py) imports exactly what reading it
here gives: every field of every contact crosses the process boundary intact."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from callwise.interchange.vcard import write_vcards
from callwise.services import importer
from callwise.services.app import App
from callwise.services.demo import demo_contacts
from callwise.services.import_source import read_batches
from callwise.services.synthetic import synthetic_contacts
from callwise.store import contacts as store


def test_a_file_read_in_a_second_process_imports_every_field(app: App, tmp_path: Path) -> None:
    path = tmp_path / "many.vcf"
    made = [*demo_contacts(), *synthetic_contacts(1200, 9, today=app.now.date())]
    with path.open("w", encoding="utf-8", newline="") as out:
        out.writelines(write_vcards(made))
    report = importer.import_file(app, path, parallel=True)
    read_here = [
        contact
        for batch in read_batches(path, "vcard", "utf-8-sig", app.settings().default_region)
        for contact in (r.contact for r in batch.ready)
    ]
    with app.engine.connect() as conn:
        stored = list(store.iter_contacts(conn))
    assert len(report.added) == len(stored) == len(read_here) == len(made)
    for contact, expected in zip(stored, read_here, strict=True):
        assert contact.created_at == app.now
        assert replace(contact, id=None, created_at=None, updated_at=None) == expected
    assert any(c.birthday and c.birthday.year is None for c in stored)
    assert any(c.gatekeeper and c.met.date for c in stored)
