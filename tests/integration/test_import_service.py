"""Importing files into a real database (SQLite and PostgreSQL): merge, preview, safety."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callwise.domain.errors import ValidationError
from callwise.domain.model import Contact, Email, Phone
from callwise.services import backup, contacts, exporter, importer
from callwise.services.app import App, open_app
from callwise.services.demo import demo_contacts, insert_many
from conftest import NOW

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _dump(app: App) -> str:
    out = io.StringIO()
    backup.write_backup(app, out)
    return out.getvalue()


def _by_name(app: App) -> dict[str, Contact]:
    return {c.name: c for c in contacts.list_contacts(app, limit=1000).contacts}


def test_a_vcard_import_stores_normalised_fields(app: App) -> None:
    report = importer.import_file(app, FIXTURES / "vcard30_apple_itemgroups.vcf")
    assert report.format == "vcard" and len(report.added) == 3 and not report.rejected
    stored = _by_name(app)
    assert len(stored) == 3
    for contact in stored.values():
        assert all(p.number.startswith("+") for p in contact.phones if p.valid)


def test_a_linkedin_export_becomes_business_connections(app: App) -> None:
    """P9.2 and P1.2: the connection date, source, position and company are kept."""
    importer.import_file(app, FIXTURES / "linkedin_current.csv", skip_invalid=True)
    aisha = _by_name(app)["Aisha Bello"]
    assert (aisha.job_title, aisha.organization) == ("Head of Procurement", "Northwind Freight")
    assert aisha.connected_on is not None and aisha.connected_on.isoformat() == "2024-03-15"
    assert aisha.source == "linkedin" and aisha.kind.value == "business"
    assert aisha.linkedin_url == "https://www.linkedin.com/in/aisha-bello-7b2a91"


@pytest.mark.parametrize(
    "name", sorted(p.name for p in FIXTURES.iterdir() if p.name != "linkedin_no_header.csv")
)
def test_importing_the_same_file_twice_changes_nothing(app: App, name: str) -> None:
    first = importer.import_file(app, FIXTURES / name, skip_invalid=True)
    assert first.added or (first.restored and first.restored.added), name  # a backup restores
    before = _dump(app)
    second = importer.import_file(app, FIXTURES / name, skip_invalid=True)
    assert (second.added, second.merged) == ([], [])
    assert _dump(app) == before


def test_a_match_in_the_database_is_completed_and_conflicts_are_kept(app: App) -> None:
    stored = contacts.save_contact(
        app,
        Contact(
            given_name="Aisha",
            family_name="Bello",
            organization="Northwind Freight",
            job_title="Buyer",
            emails=(Email("aisha@example.com"),),
        ),
    )
    report = importer.import_file(app, FIXTURES / "linkedin_current.csv", skip_invalid=True)
    merged = [m for m in report.merged if m.contact_id == stored.id]
    assert merged and "linkedin_url" in merged[0].fields
    aisha = contacts.get_contact(app, stored.id or 0)
    assert aisha.job_title == "Buyer"  # the stored value stays
    assert "Also: job_title: Head of Procurement" in aisha.notes  # the new one is not lost
    assert aisha.linkedin_url.endswith("aisha-bello-7b2a91")
    assert contacts.count_contacts(app) == 4  # three more, not four


def test_one_bad_record_aborts_everything_unless_skipped(app: App) -> None:
    with pytest.raises(ValidationError, match=r"line \d+.*--skip-invalid"):
        importer.import_file(app, FIXTURES / "vcard_malformed.vcf")
    assert contacts.count_contacts(app) == 0
    report = importer.import_file(app, FIXTURES / "vcard_malformed.vcf", skip_invalid=True)
    assert len(report.rejected) == 5 and all(r.line > 0 for r in report.rejected)
    assert contacts.count_contacts(app) == len(report.added) == 2


def test_dry_run_reports_and_writes_nothing(app: App) -> None:
    report = importer.import_file(app, FIXTURES / "google_legacy.csv", dry_run=True)
    assert len(report.added) == 3 and report.dry_run
    assert contacts.count_contacts(app) == 0


def test_a_file_without_a_header_is_an_error_not_an_empty_success(app: App) -> None:
    with pytest.raises(ValidationError):
        importer.import_file(app, FIXTURES / "linkedin_no_header.csv")
    with pytest.raises(ValidationError, match="header"):
        importer.import_file(app, FIXTURES / "linkedin_no_header.csv", format="linkedin")


def test_an_unparseable_phone_is_kept_as_written_and_flagged(app: App, tmp_path: Path) -> None:
    card = tmp_path / "odd.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Reyes;Mo;;;\r\nFN:Mo Reyes\r\n"
        "TEL;TYPE=CELL:ext. 12\r\nTEL;TYPE=WORK:816 555 0101\r\nEND:VCARD\r\n"
    )
    report = importer.import_file(app, card)
    assert [(n, number) for _, n, number in report.flagged] == [("Mo Reyes", "ext. 12")]
    mo = _by_name(app)["Mo Reyes"]
    assert Phone("ext. 12", "mobile", valid=False) in mo.phones
    assert Phone("+18165550101", "work") in mo.phones


def test_region_reads_national_numbers(app: App, tmp_path: Path) -> None:
    card = tmp_path / "uk.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:3.0\nN:Hale;Ivy;;;\nTEL:020 7946 0321\nEND:VCARD\n")
    importer.import_file(app, card, region="GB")
    assert _by_name(app)["Ivy Hale"].phones[0].number == "+442079460321"


def test_a_windows_1252_outlook_file_is_read(app: App, tmp_path: Path) -> None:
    data = (FIXTURES / "outlook.csv").read_text("utf-8").replace("Thornton", "Thörnton")
    target = tmp_path / "outlook-1252.csv"
    target.write_bytes(data.encode("cp1252"))
    importer.import_file(app, target, format="outlook")
    assert any("Thörnton" in c.name for c in _by_name(app).values())


@pytest.mark.parametrize("fmt", ["vcard", "csv"])
def test_export_then_import_loses_nothing_the_format_carries(
    app: App, tmp_path: Path, fmt: str
) -> None:
    for name in ("vcard30_apple_itemgroups.vcf", "google_legacy.csv", "outlook.csv"):
        importer.import_file(app, FIXTURES / name, skip_invalid=True)
    exported = tmp_path / f"out.{fmt}"
    with exported.open("w", encoding="utf-8", newline="") as out:
        count = exporter.write_export(app, fmt, out)
    target = open_app(f"sqlite:///{tmp_path / 'copy.db'}", NOW)
    importer.import_file(target, exported)
    assert contacts.count_contacts(target) == count == contacts.count_contacts(app)
    original, copy = _by_name(app), _by_name(target)
    for name, contact in original.items():
        twin = copy[name]
        assert {p.number for p in twin.phones} == {p.number for p in contact.phones}
        assert {e.address for e in twin.emails} == {e.address for e in contact.emails}
        assert (twin.birthday, twin.organization, twin.job_title) == (
            contact.birthday,
            contact.organization,
            contact.job_title,
        )
        assert twin.gatekeeper == contact.gatekeeper
    again = importer.import_file(target, exported)
    assert again.added == [] and again.merged == []


def test_vcard_round_trip_keeps_every_callwise_field(app: App, tmp_path: Path) -> None:
    """The vCard export carries callwise's own fields as X-CALLWISE-* properties."""
    insert_many(app, demo_contacts())
    exported = tmp_path / "demo.vcf"
    with exported.open("w", encoding="utf-8", newline="") as out:
        exporter.write_export(app, "vcard", out)
    target = open_app(f"sqlite:///{tmp_path / 'copy.db'}", NOW)
    importer.import_file(target, exported)
    strip = lambda c: replace(c, id=None, created_at=None, updated_at=None)  # noqa: E731
    assert {c.name: strip(c) for c in _by_name(target).values()} == {
        c.name: strip(c) for c in _by_name(app).values()
    }


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=400), st.sampled_from(["auto", "vcard", "google", "outlook", "linkedin"]))
def test_garbage_is_refused_cleanly_and_leaves_nothing(
    tmp_path: Path, data: bytes, fmt: str
) -> None:
    target = tmp_path / "garbage.dat"
    target.write_bytes(data)
    fuzz = open_app(f"sqlite:///{tmp_path / 'fuzz.db'}", NOW)
    before = contacts.count_contacts(fuzz)
    try:
        report = importer.import_file(fuzz, target, format=fmt)
    except ValidationError:
        assert contacts.count_contacts(fuzz) == before
    else:
        assert contacts.count_contacts(fuzz) - before == len(report.added)
    fuzz.engine.dispose()


def test_reading_in_a_second_process_gives_the_same_result(app: App, tmp_path: Path) -> None:
    """Large files are read by a worker process; the outcome must not depend on it."""
    serial = importer.import_file(
        app, FIXTURES / "vcard_malformed.vcf", skip_invalid=True, dry_run=True, parallel=False
    )
    parallel = importer.import_file(
        app, FIXTURES / "vcard_malformed.vcf", skip_invalid=True, dry_run=True, parallel=True
    )
    assert parallel == serial
    with pytest.raises(ValidationError, match="header"):
        importer.import_file(
            app, FIXTURES / "linkedin_no_header.csv", format="linkedin", parallel=True
        )


def test_imported_and_later_contacts_are_found_by_search(app: App) -> None:
    """Imports index their rows for search in bulk; contacts added afterwards still are."""
    importer.import_file(app, FIXTURES / "outlook.csv")
    assert "Thornton" in [c.family_name for c in contacts.find_contacts(app, "thornton").contacts]
    later = contacts.save_contact(app, Contact(given_name="Quill", family_name="Ashby"))
    assert [c.id for c in contacts.find_contacts(app, "ashby").contacts] == [later.id]
    with pytest.raises(ValidationError):
        importer.import_file(app, FIXTURES / "vcard_malformed.vcf")  # rolled back whole
    again = contacts.save_contact(app, Contact(given_name="Rafe", family_name="Ostrander"))
    assert [c.id for c in contacts.find_contacts(app, "ostrander").contacts] == [again.id]


def test_a_duplicate_in_a_later_batch_keeps_the_search_index_sound(
    app: App, tmp_path: Path
) -> None:
    """Records are written in batches; one that completes a contact written by an earlier batch
    of the same import updates it, and search finds the merged contact afterwards."""
    cards = [
        f"BEGIN:VCARD\nVERSION:3.0\nN:Person{i:04d};Pat;;;\nEMAIL:pat{i}@example.com\nEND:VCARD\n"
        for i in range(1200)
    ]
    cards.append(
        "BEGIN:VCARD\nVERSION:3.0\nN:Person0003;Pat;;;\nEMAIL:pat3@example.com\n"
        "ORG:Quillfeather Press\nEND:VCARD\n"
    )
    big = tmp_path / "many.vcf"
    big.write_text("".join(cards))
    report = importer.import_file(app, big, parallel=False)
    assert len(report.added) == 1200 and len(report.merged) == 1
    found = contacts.find_contacts(app, "quillfeather").contacts
    assert [c.family_name for c in found] == ["Person0003"]
    if app.engine.dialect.name == "sqlite":
        with app.engine.connect() as conn:
            conn.exec_driver_sql(
                "INSERT INTO contacts_fts(contacts_fts, rank) VALUES('integrity-check', 1)"
            )
