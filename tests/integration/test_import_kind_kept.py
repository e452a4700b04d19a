"""A guessed kind never overrides one the user or a file set (issue 14.9, P2.6), on SQLite and
PostgreSQL: re-importing a card that looks business leaves a personal contact personal; a kind
that was only guessed may be guessed again; the backup keeps the mark."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from callwise.domain.model import Contact, Phone, RelationshipKind
from callwise.services import backup, contacts, exporter, importer
from callwise.services.app import App, open_app
from conftest import NOW

BUSINESS, PERSONAL = RelationshipKind.BUSINESS, RelationshipKind.PERSONAL

FRIEND_STATED = """BEGIN:VCARD
VERSION:3.0
N:Ortega;Lucia;;;
FN:Lucia Ortega
TEL;type=CELL:+1 (415) 555-0161
X-CALLWISE-KIND:personal
END:VCARD
"""
FRIEND_PLAIN = """BEGIN:VCARD
VERSION:3.0
N:Ortega;Lucia;;;
FN:Lucia Ortega
TEL;type=CELL:+1 (415) 555-0161
END:VCARD
"""
# The same person's card from a work address book: title, company, work email.
FRIEND_AT_WORK = """BEGIN:VCARD
VERSION:3.0
N:Ortega;Lucia;;;
FN:Lucia Ortega
ORG:Bayview Analytics
TITLE:Head of Data
TEL;type=CELL:+1 (415) 555-0161
EMAIL;type=INTERNET;type=WORK:lucia@bayview.example
END:VCARD
"""
BUSINESS_STATED = FRIEND_PLAIN.replace("END:VCARD", "X-CALLWISE-KIND:business\nEND:VCARD")


def _import(app: App, tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    importer.import_file(app, path)


def _lucia(app: App) -> Contact:
    return contacts.resolve_contact(app, "Lucia Ortega")


def test_a_personal_contact_from_a_file_stays_personal_when_a_work_card_comes(
    app: App, tmp_path: Path
) -> None:
    """The issue's case: import, edit nothing, re-import a card that looks business."""
    _import(app, tmp_path, "friends.vcf", FRIEND_STATED)
    assert _lucia(app).kind is PERSONAL and not _lucia(app).kind_guessed
    _import(app, tmp_path, "work.vcf", FRIEND_AT_WORK)
    lucia = _lucia(app)
    assert lucia.kind is PERSONAL and not lucia.kind_guessed
    assert lucia.organization == "Bayview Analytics"  # the rest of the card still merges
    _import(app, tmp_path, "work.vcf", FRIEND_AT_WORK)  # and again: nothing changes
    assert _lucia(app) == lucia


def test_a_contact_you_added_keeps_its_kind_through_an_import(app: App, tmp_path: Path) -> None:
    contacts.save_contact(
        app, Contact(given_name="Lucia", family_name="Ortega", phones=(Phone("+14155550161"),))
    )
    _import(app, tmp_path, "work.vcf", FRIEND_AT_WORK)
    assert _lucia(app).kind is PERSONAL


def test_a_kind_that_was_only_guessed_is_guessed_again(app: App, tmp_path: Path) -> None:
    _import(app, tmp_path, "plain.vcf", FRIEND_PLAIN)  # nothing on the card says business
    assert _lucia(app).kind is PERSONAL and _lucia(app).kind_guessed
    _import(app, tmp_path, "work.vcf", FRIEND_AT_WORK)
    assert _lucia(app).kind is BUSINESS and _lucia(app).kind_guessed
    _import(app, tmp_path, "plain.vcf", FRIEND_PLAIN)  # a card without evidence says nothing
    assert _lucia(app).kind is BUSINESS


def test_a_kind_a_file_states_replaces_a_guess(app: App, tmp_path: Path) -> None:
    _import(app, tmp_path, "work.vcf", FRIEND_AT_WORK)
    assert _lucia(app).kind is BUSINESS and _lucia(app).kind_guessed
    _import(app, tmp_path, "friends.vcf", FRIEND_STATED)
    assert _lucia(app).kind is PERSONAL and not _lucia(app).kind_guessed
    _import(app, tmp_path, "stated.vcf", BUSINESS_STATED)  # stated over stated: as before
    assert _lucia(app).kind is BUSINESS


def test_setting_the_kind_makes_it_yours(app: App, tmp_path: Path) -> None:
    _import(app, tmp_path, "plain.vcf", FRIEND_PLAIN)
    lucia = _lucia(app)
    assert lucia.id is not None
    contacts.edit_contact(app, lucia.id, lambda c: c.with_changes(kind=RelationshipKind.INFORMAL))
    _import(app, tmp_path, "work.vcf", FRIEND_AT_WORK)
    assert _lucia(app).kind is RelationshipKind.INFORMAL and not _lucia(app).kind_guessed


def test_the_backup_keeps_the_guessed_mark(app: App, tmp_path: Path) -> None:
    _import(app, tmp_path, "plain.vcf", FRIEND_PLAIN)
    out = io.StringIO()
    backup.write_backup(app, out)
    assert '"kind_guessed": true' in out.getvalue()
    target = open_app(f"sqlite:///{tmp_path / 'restored.db'}", NOW)
    try:
        backup.restore_backup(target, io.StringIO(out.getvalue()))
        restored = contacts.resolve_contact(target, "Lucia Ortega")
        assert restored.kind_guessed and restored.kind is PERSONAL
        _import(target, tmp_path, "work.vcf", FRIEND_AT_WORK)  # still only a guess there
        assert contacts.resolve_contact(target, "Lucia Ortega").kind is BUSINESS
    finally:
        target.engine.dispose()


@pytest.mark.parametrize(("format", "suffix"), [("vcard", "vcf"), ("csv", "csv")])
def test_our_exports_say_a_kind_was_only_guessed(
    app: App, tmp_path: Path, format: str, suffix: str
) -> None:
    """A guess exported and imported elsewhere is still a guess there; a set kind stays set."""
    _import(app, tmp_path, "plain.vcf", FRIEND_PLAIN)
    contacts.save_contact(app, Contact(given_name="Ivo", family_name="Stern"))
    out = io.StringIO()
    exporter.write_export(app, format, out)
    target = open_app(f"sqlite:///{tmp_path / 'elsewhere.db'}", NOW)
    try:
        _import(target, tmp_path, f"export.{suffix}", out.getvalue())
        assert contacts.resolve_contact(target, "Lucia Ortega").kind_guessed
        assert not contacts.resolve_contact(target, "Ivo Stern").kind_guessed
    finally:
        target.engine.dispose()
