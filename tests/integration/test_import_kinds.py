"""Imports guess the relationship from the card (issue 14.9), on SQLite and PostgreSQL: a
title, a company, a work number or email, a professional title or a LinkedIn connection make a
business contact, addressed formally (P2.6); a kind the file states wins."""

from __future__ import annotations

from pathlib import Path

from callwise.domain.model import Contact, RelationshipKind
from callwise.services import calls, contacts, exporter, importer
from callwise.services.app import App, open_app
from callwise.services.settings import set_setting
from callwise.services.shapes.imports import guessed_business, import_shape
from conftest import NOW

FIXTURES = Path(__file__).parent.parent / "fixtures"
BUSINESS, PERSONAL = RelationshipKind.BUSINESS, RelationshipKind.PERSONAL


def _kinds(app: App) -> dict[str, RelationshipKind]:
    return {c.name: c.kind for c in contacts.list_contacts(app, limit=1000).contacts}


def test_a_vcard_with_a_title_a_company_a_work_number_or_dr_imports_as_business(
    app: App,
) -> None:
    report = importer.import_file(app, FIXTURES / "vcard_kinds.vcf")
    assert _kinds(app) == {
        "Helena Brandt": BUSINESS,  # title, company, work number and email, Dr.
        "Tunde Adeyemi": BUSINESS,  # only the professional title
        "Sara Lindqvist": BUSINESS,  # only a work number
        "Luc Moreau": BUSINESS,  # only a work email
        "Jimin Park": PERSONAL,  # mobile, home, birthday: nothing professional
        "Camila Ortiz": PERSONAL,  # a company and a title, but X-CALLWISE-KIND:personal
    }
    summary = guessed_business(report)
    assert summary.count == 4
    assert summary.words == "job title, company, work number, work email or professional title"
    assert import_shape(report)["guessed_business"] == {
        "count": 4,
        "evidence": ["job title", "company", "work number", "work email", "professional title"],
    }


def test_the_director_is_called_dr_brandt_not_helena(app: App) -> None:
    """The issue's case: the script addressed a Director by her first name (P2.6)."""
    set_setting(app, "user_name", "Jordan Lee")
    set_setting(app, "user_phone", "+18165550142")
    importer.import_file(app, FIXTURES / "vcard_kinds.vcf")
    opener = calls.prepare(app, "Helena Brandt").script.section("opener")
    assert opener is not None
    said = " ".join(opener.lines)
    assert "Dr. Brandt" in said and "Helena" not in said


def test_a_linkedin_export_is_business_by_the_connection(app: App) -> None:
    report = importer.import_file(app, FIXTURES / "linkedin_current.csv", skip_invalid=True)
    kinds = _kinds(app)
    assert kinds and set(kinds.values()) == {BUSINESS}
    summary = guessed_business(report)
    assert summary.count == len(kinds) and summary.evidence[0] == "LinkedIn connection"


def test_a_google_csv_guesses_and_keeps_a_stated_kind(app: App) -> None:
    report = importer.import_file(app, FIXTURES / "google_kinds.csv")
    assert _kinds(app) == {
        "Wen Li": BUSINESS,
        "Nadia Farouk": BUSINESS,  # Hon.
        "Tom Becker": PERSONAL,
        "Grace Kim": PERSONAL,  # a company, but the "callwise kind" field says personal
    }
    assert guessed_business(report).count == 2


def test_a_google_csv_export_brings_each_kind_back(app: App, tmp_path: Path) -> None:
    """A friend who works at a company stays personal through our own Google CSV."""
    contacts.save_contact(
        app, Contact(given_name="Ruth", family_name="Adler", organization="Adler GmbH")
    )
    contacts.save_contact(app, Contact(given_name="Ivo", family_name="Stern", kind=BUSINESS))
    path = tmp_path / "out.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        exporter.write_export(app, "csv", out)
    fresh = open_app(f"sqlite:///{tmp_path / 'fresh.db'}", NOW)
    try:
        report = importer.import_file(fresh, path)
        assert _kinds(fresh) == {"Ruth Adler": PERSONAL, "Ivo Stern": BUSINESS}
        assert guessed_business(report).count == 0
    finally:
        fresh.engine.dispose()


def test_a_record_merged_into_a_stored_contact_is_not_counted_as_guessed(app: App) -> None:
    importer.import_file(app, FIXTURES / "vcard_kinds.vcf")
    again = importer.import_file(app, FIXTURES / "vcard_kinds.vcf")
    assert not again.added and guessed_business(again).count == 0
