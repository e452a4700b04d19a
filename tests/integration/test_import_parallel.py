"""A file read in a second process (services/import_source.py) imports exactly what reading it
here gives: every field of every contact crosses the process boundary intact."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import pytest

from callwise.interchange.records import SHARE_LINES, Share
from callwise.interchange.vcard import write_vcards
from callwise.services import importer
from callwise.services.app import App, open_app
from callwise.services.demo import demo_contacts
from callwise.services.import_source import (
    PARALLEL_FROM_BYTES,
    PreparedBatch,
    in_part_order,
    read_batches,
)
from callwise.services.synthetic import synthetic_contacts
from callwise.store import contacts as store
from interchange_support import FIXTURE_FORMATS, FIXTURES


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


def _records(batches: Iterable[PreparedBatch]) -> list[tuple[int, object]]:
    """Every record of `batches` as (line, what it became), rejected ones with their reason."""
    found: list[tuple[int, object]] = []
    for batch in batches:
        found += [(r.line, r.contact) for r in batch.ready]
        found += [(r.line, r.reason) for r in batch.rejected]
    return sorted(found, key=lambda pair: pair[0])


def _in_order(batches: Iterable[PreparedBatch]) -> tuple[list[int], list[int]]:
    """The lines of the records, and of the rejected ones, in the order they come."""
    listed = list(batches)
    ready = [r.line for batch in listed for r in batch.ready]
    return ready, [r.line for batch in listed for r in batch.rejected]


@pytest.mark.parametrize(("name", "fmt"), sorted(FIXTURE_FORMATS.items()))
@pytest.mark.parametrize(("readers", "lines"), [(2, 1), (2, 3), (3, 2), (3, 7)])
def test_readers_sharing_a_file_read_what_one_reads_in_file_order(
    name: str, fmt: str, readers: int, lines: int
) -> None:
    """Issue 3: each reader builds only its blocks' records; together, in part order, they
    give every record once, as one reader would, and in the same order."""
    path = FIXTURES / name
    alone = list(read_batches(path, fmt, "utf-8-sig", "US"))
    shares = [
        read_batches(path, fmt, "utf-8-sig", "US", Share(index, readers, lines))
        for index in range(readers)
    ]
    together = list(in_part_order(shares))
    assert _records(together) == _records(alone)
    assert _in_order(together) == _in_order(alone)


def _connections(path: Path, rows: int) -> Path:
    """A LinkedIn Connections.csv over 1 MB (so two processes read it), with a run of blank
    rows longer than a block, a quoted newline and a row with a cell too many."""
    people = synthetic_contacts(rows, 3, today=dt.date(2026, 11, 24))
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write('Notes:\n"Some email addresses may be missing."\n\n')
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position"])
        for i, c in enumerate(people):
            if i == rows // 2:
                out.write("\r\n" * (SHARE_LINES + 5))
            position = "Head of\nSales" if i == 7 else c.job_title
            extra = ["stray"] if i == 11 else []
            url = f"https://www.linkedin.com/in/p-{i:06x}"
            email = c.emails[0].address if c.emails else ""
            writer.writerow(
                [c.given_name, c.family_name, url, email, c.organization, position, *extra]
            )
    return path


def test_a_csv_file_read_by_two_processes_imports_as_one_reader_does(
    tmp_path: Path, app: App
) -> None:
    path = _connections(tmp_path / "Connections.csv", 12_000)
    assert path.stat().st_size > PARALLEL_FROM_BYTES
    shared = importer.import_file(app, path, parallel=True, skip_invalid=True)
    with app.engine.connect() as conn:
        stored = [replace(c, id=None) for c in store.iter_contacts(conn)]
    alone_app = open_app(f"sqlite:///{tmp_path / 'alone.db'}", now=app.now)
    alone = importer.import_file(alone_app, path, parallel=False, skip_invalid=True)
    with alone_app.engine.connect() as conn:
        stored_alone = [replace(c, id=None) for c in store.iter_contacts(conn)]
    assert shared.as_dict() == alone.as_dict()
    assert stored == stored_alone
    assert len(shared.rejected) == 1 and shared.rejected[0].line > 0
    assert any(c.job_title == "Head of\nSales" for c in stored)
