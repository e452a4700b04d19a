"""The JSON backup: a lossless round trip of everything (contacts with their history, trips,
settings), an all-or-nothing restore by id, and hostile files refused with one line."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from typer.testing import CliRunner

from callwise.cli.app import app as cli_app
from callwise.domain.calls import Call, CustomOccasion, Outcome, Promise, Snooze, Trip
from callwise.domain.errors import ValidationError
from callwise.domain.model import Contact, HowWeMet, Phone
from callwise.services import backup, contacts, occasions
from callwise.services.app import App, open_app
from callwise.services.settings import set_setting
from callwise.store import activity, tables
from conftest import NOW
from strategies import Book, books, write_book
from strategies import contacts as contact_strategy

FIXTURES = Path(__file__).parent.parent / "fixtures"
# Row ids of phones and emails are internal (nothing refers to them; an update rewrites them).
INTERNAL = {"contact_phones": "id", "contact_emails": "id"}
USER_TABLES = [t for t in tables.metadata.sorted_tables if t.name != "data_revision"]


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


def snapshot(app: App) -> dict[str, list[str]]:
    """Every stored row of every user table (derived columns included), in a stable order."""
    found: dict[str, list[str]] = {}
    with app.engine.connect() as conn:
        for table in USER_TABLES:
            rows = conn.execute(select(table)).mappings().all()
            hidden = INTERNAL.get(table.name)
            found[table.name] = sorted(
                repr(sorted((k, v) for k, v in r.items() if k != hidden)) for r in rows
            )
    return found


def _without_moment(document: str) -> dict[str, Any]:
    parsed = dict(json.loads(document))
    parsed.pop("exported_at")
    return parsed


SAMPLE = Book(
    contacts=[
        Contact(
            given_name="Ann",
            family_name="Okafor",
            city="Kansas City",
            country="US",
            phones=(Phone("+18165550142"),),
            cadence_days=30,
        ),
        Contact(given_name="Bo", family_name="Lindqvist", city="London", country="GB"),
        Contact(given_name="Chandra", city="Kathmandu", country="NP"),
    ],
    introducers=[None, 0, 1],
    calls=[
        (
            0,
            Call(
                0,
                dt.datetime(2026, 10, 1, 15, tzinfo=dt.UTC),
                Outcome.CONNECTED,
                topics=("jazz",),
                promises=(Promise("send the article", dt.date(2026, 10, 8)),),
                follow_up=dt.date(2026, 12, 1),
                notes="warm",
            ),
        ),
        (0, Call(0, dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC), Outcome.NO_ANSWER)),
        (
            1,
            Call(
                0,
                dt.datetime(2026, 9, 9, 18, tzinfo=dt.UTC),
                Outcome.CALL_BACK,
                call_back_at=dt.datetime(2026, 9, 10, 18, tzinfo=dt.UTC),
                duration_seconds=40,
                promises=(Promise("intro to Chandra", None, True), Promise("lunch")),
            ),
        ),
    ],
    snoozes={0: Snooze(0, dt.date(2026, 12, 24), "holidays")},
    trips=[Trip("London", dt.date(2026, 12, 1), dt.date(2026, 12, 5), notes="client visit")],
    occasions=[(2, CustomOccasion(0, "Dashain", "FREQ=YEARLY", dt.date(2026, 10, 2)))],
)


def test_v1_fixture_still_restores(app: App) -> None:
    """A version-1 backup (contacts and settings only, written by callwise before issue 11)."""
    with (FIXTURES / "backup_v1.json").open(encoding="utf-8") as stream:
        report = backup.restore_backup(app, stream)
    assert (report.added, report.updated, report.settings) == (3, 0, 2)
    assert all(count == 0 for count in report.records.values())
    bo = contacts.get_contact(app, 2)
    assert bo.met.introduced_by == 1 and bo.phones[0].number == "+442079460042"
    assert contacts.get_contact(app, 1).birthday is not None
    assert app.settings().user_name == "Alex Morgan"


def test_history_comes_back_by_id_with_the_removed_contact(app: App) -> None:
    """Remove a contact (its calls, promises, snooze and occasions go too) and a trip; the
    backup brings back every row as it was, ids, links and last touches included."""
    write_book(app, SAMPLE)
    document, before = _export(app), snapshot(app)
    contacts.remove_contact(app, 1)
    contacts.remove_contact(app, 3)
    occasions.remove_trip(app, 1)
    assert snapshot(app) != before
    report = backup.restore_backup(app, io.StringIO(document))
    assert (report.added, report.updated) == (2, 1)
    assert report.records == {
        "calls": 3,
        "promises": 3,
        "snoozes": 1,
        "trips": 1,
        "custom_occasions": 1,
        "not_duplicates": 0,
        "merges": 0,
    }
    assert snapshot(app) == before
    assert _export(app) == document
    backup.restore_backup(app, io.StringIO(document))  # the same file again changes nothing
    assert snapshot(app) == before
    with app.transaction() as conn:  # new rows take ids after the restored ones
        (new_call,) = activity.insert_calls(conn, [Call(1, NOW, Outcome.CONNECTED)])
    assert new_call == 4
    assert contacts.save_contact(app, Contact(given_name="Dee")).id == 4


def test_the_backup_holds_each_section(app: App) -> None:
    write_book(app, SAMPLE)
    document = json.loads(_export(app))
    assert document["version"] == backup.VERSION == 2
    assert [len(document[k]) for k in backup.SECTION_BY_NAME] == [3, 3, 3, 1, 1, 1, 0, 0]
    call = document["calls"][0]
    assert call["at"] == "2026-10-01T15:00:00Z" and call["topics"] == ["jazz"]
    assert document["promises"][0] == {
        "id": 1,
        "call_id": 1,
        "contact_id": 1,
        "position": 0,
        "text": "send the article",
        "due": "2026-10-08",
        "done": False,
    }
    assert "latitude" not in document["trips"][0]  # derived again on restore


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(books())
def test_any_book_with_history_round_trips_exactly(
    tmp_path_factory: pytest.TempPathFactory, book: Book
) -> None:
    folder = tmp_path_factory.mktemp("book")
    source = open_app(f"sqlite:///{folder / 'a.db'}", NOW)
    write_book(source, book)
    document = _export(source)
    target = open_app(f"sqlite:///{folder / 'b.db'}", NOW)
    backup.restore_backup(target, io.StringIO(document))
    assert _without_moment(_export(target)) == _without_moment(document)
    assert snapshot(target) == snapshot(source)
    source.engine.dispose()
    target.engine.dispose()


# --- hostile backups ------------------------------------------------------------------------


def _set(path: str, value: Any) -> Any:
    """A mutation of the parsed sample document: set the value at a dotted path."""

    def mutate(document: dict[str, Any]) -> None:
        *parents, last = path.replace("[", ".").replace("]", "").split(".")
        node: Any = document
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        node[int(last) if isinstance(node, list) else last] = value

    return mutate


HOSTILE = [
    ("settings", True, "settings"),
    ("version", "2", "version"),
    ("version", 3, "version"),
    ("version", True, "version"),
    ("contacts", {"id": 1}, "contacts"),
    ("contacts[0].id", 2**63, "contacts[0].id"),
    ("contacts[0].id", 10**30, "contacts[0].id"),
    ("contacts[0].given_name", 5, "contacts[0].given_name"),
    ("contacts[0].met", [], "contacts[0].met"),
    ("contacts[0].phones", {"number": "+1"}, "contacts[0].phones"),
    ("contacts[0].phones[0].valid", "yes", "contacts[0].phones[0].valid"),
    ("contacts[0].cadence_days", 1.5, "contacts[0].cadence_days"),
    ("contacts[0].tags", [["nested"]], "contacts[0].tags[0]"),
    ("contacts[1].met.introduced_by", 999, "contacts[1].met.introduced_by"),
    ("calls[0].id", 2**40, "calls[0].id"),
    ("calls[1].id", 1, "calls[1]"),
    ("calls[0].contact_id", 999, "calls[0].contact_id"),
    ("calls[0].at", 5, "calls[0].at"),
    ("calls[0].at", "0001-01-01T00:00:00+05:00", "calls[0].at"),
    ("calls[0].outcome", "shouted", "calls[0].outcome"),
    ("calls[0].topics", "jazz", "calls[0].topics"),
    ("calls[0].notes", "a\x00b", "calls[0].notes"),
    ("calls[0].occasion", "x" * 31, "calls[0].occasion"),
    ("promises[0].call_id", 999, "promises[0].call_id"),
    ("promises[0].done", 0, "promises[0].done"),
    ("snoozes", {}, "snoozes"),
    ("snoozes[0].until", "next week", "snoozes[0].until"),
    ("trips[0].end", "2026-11-01", "trips[0].end"),
    ("custom_occasions[0].rrule", "FREQ=SOMETIMES", "custom_occasions[0].rrule"),
    ("custom_occasions[0]", [], "custom_occasions[0]"),
]


@pytest.mark.parametrize(("path", "value", "field"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_hostile_document_is_one_error_and_writes_nothing(
    sqlite_url: str, path: str, value: Any, field: str
) -> None:
    app = open_app(sqlite_url, NOW)
    write_book(app, SAMPLE)
    document = json.loads(_export(app))
    contacts.remove_contact(app, 1)  # so a restore would write, if it got that far
    before = snapshot(app)
    _set(path, value)(document)
    with pytest.raises(ValidationError) as caught:
        backup.restore_backup(app, io.StringIO(json.dumps(document)))
    assert caught.value.field == field, caught.value
    assert "\n" not in str(caught.value)
    assert snapshot(app) == before


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"format": "callwise-backup", "version": NaN}',
        '{"format": "callwise-backup", "version": ' + "9" * 5000 + "}",
    ],
    ids=["deep", "nan", "huge-literal"],
)
def test_unreadable_json_is_one_error(app: App, text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        backup.restore_backup(app, io.StringIO(text))
    assert caught.value.field == "file"


def test_a_file_that_is_not_utf8_is_refused_by_the_cli_with_exit_3(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    bad = tmp_path / "backup.json"
    bad.write_bytes(
        b'{"format": "callwise-backup", "version": 2, "settings": {"user_name": "J\xf6rg"}}'
    )
    deep = tmp_path / "deep.json"
    deep.write_text('{"format": "callwise-backup", "version": 2, "contacts": ' + "[" * 100_000)
    runner = CliRunner()
    for path in (bad, deep):
        result = runner.invoke(cli_app, ["--db", url, "import", "--format", "backup", str(path)])
        assert result.exit_code == 3, (result.stdout, result.stderr)
        assert "file" in result.stderr and "unexpected" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_the_api_answers_a_hostile_backup_with_422(client: TestClient) -> None:
    document = {
        "format": "callwise-backup",
        "version": 2,
        "contacts": [],
        "calls": [{"id": 1, "contact_id": 7, "at": "2026-01-01T00:00:00Z", "outcome": "connected"}],
    }
    response = client.post(
        "/api/v1/imports/preview",
        files={"file": ("backup.json", json.dumps(document).encode(), "application/json")},
    )
    assert response.status_code == 422, response.text
    assert "calls[0].contact_id" in response.text
