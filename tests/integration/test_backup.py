"""The JSON backup: a lossless round trip of everything, and an all-or-nothing restore."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callwise.domain.errors import ValidationError
from callwise.domain.model import Contact, HowWeMet
from callwise.services import backup, contacts
from callwise.services.app import App, open_app
from callwise.services.settings import set_setting
from conftest import NOW
from strategies import contacts as contact_strategy


def _export(app: App) -> str:
    out = io.StringIO()
    backup.write_backup(app, out)
    return out.getvalue()


def test_round_trip_restores_contacts_links_and_settings(app: App, tmp_path: Path) -> None:
    ann = contacts.save_contact(app, Contact(given_name="Ann"))
    contacts.save_contact(app, Contact(given_name="Bo", met=HowWeMet(introduced_by=ann.id)))
    set_setting(app, "user_name", "Alex Morgan")
    document = _export(app)
    target = open_app(f"sqlite:///{tmp_path / 'restored.db'}", NOW)
    report = backup.restore_backup(target, io.StringIO(document))
    assert (report.added, report.updated, report.settings) == (2, 0, 1)
    assert _export(target) == document
    assert target.settings().user_name == "Alex Morgan"


def test_a_removed_contact_comes_back_from_the_backup(app: App) -> None:
    ann = contacts.save_contact(app, Contact(given_name="Ann", notes="loves jazz"))
    document = _export(app)
    contacts.remove_contact(app, ann.id or 0)
    backup.restore_backup(app, io.StringIO(document))
    assert contacts.get_contact(app, ann.id or 0) == ann
    fresh = contacts.save_contact(app, Contact(given_name="Cy"))
    assert (fresh.id or 0) > (ann.id or 0)


def test_an_invalid_entry_restores_nothing(app: App) -> None:
    document = json.loads(_export(app))
    document["contacts"] = [
        {"id": 1, "given_name": "Ann"},
        {"id": 2, "given_name": "Bo", "birthday": "2021-02-30"},
    ]
    with pytest.raises(ValidationError) as caught:
        backup.restore_backup(app, io.StringIO(json.dumps(document)))
    assert caught.value.field == "contacts[1].birthday"
    assert contacts.count_contacts(app) == 0


def test_dry_run_writes_nothing(app: App) -> None:
    contacts.save_contact(app, Contact(given_name="Ann"))
    document = _export(app)
    contacts.remove_contact(app, 1)
    report = backup.restore_backup(app, io.StringIO(document), dry_run=True)
    assert report.added == 1 and contacts.count_contacts(app) == 0


@pytest.mark.parametrize("text", ["", "[]", '{"format": "vcard"}', "{not json"])
def test_a_file_that_is_no_backup_is_refused(app: App, text: str) -> None:
    with pytest.raises(ValidationError):
        backup.restore_backup(app, io.StringIO(text))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(contact_strategy(), max_size=4))
def test_any_contacts_survive_export_and_import(
    tmp_path_factory: pytest.TempPathFactory, batch: list[Contact]
) -> None:
    folder = tmp_path_factory.mktemp("rt")
    source = open_app(f"sqlite:///{folder / 'a.db'}", NOW)
    for contact in batch:
        contacts.save_contact(source, contact, force=True)
    document = _export(source)
    target = open_app(f"sqlite:///{folder / 'b.db'}", NOW)
    backup.restore_backup(target, io.StringIO(document))
    assert _export(target) == document
