"""Merging two contacts keeps everything and undoing it gives the book back (issue 13), on
SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from callwise.domain.calls import Call, CustomOccasion, Outcome, Promise, Snooze
from callwise.domain.errors import NotFoundError, ValidationError
from callwise.domain.model import Contact, Email, HowWeMet, Phone
from callwise.services import backup, contacts, duplicates, merging
from callwise.services.app import App, open_app
from callwise.store import activity, tables
from conftest import NOW
from strategies import contacts as contact_strategy

AT = dt.datetime(2026, 10, 1, 15, 0, tzinfo=dt.UTC)
TABLES = ("calls", "promises", "snoozes", "custom_occasions", "not_duplicates", "merges")


def _state(app: App) -> dict[str, Any]:
    """The JSON backup (timestamps aside) and every history table, row by row."""
    out = io.StringIO()
    backup.write_backup(app, out)
    document = json.loads(out.getvalue())
    for contact in document["contacts"]:
        contact.pop("updated_at", None)
    with app.engine.connect() as conn:
        for name in TABLES:
            table = tables.metadata.tables[name]
            rows = conn.execute(select(table).order_by(*table.primary_key.columns))
            document[f"table:{name}"] = [tuple(r) for r in rows]
    return document


def _history(app: App, contact_id: int, day: int) -> None:
    """A call with a promise, a snooze and an own occasion for the contact."""
    with app.transaction() as conn:
        call = Call(
            contact_id,
            AT + dt.timedelta(days=day),
            Outcome.CONNECTED,
            notes=f"call {day}",
            promises=(Promise(f"send the deck {day}", dt.date(2026, 12, day % 27 + 1)),),
        )
        activity.insert_calls(conn, [call])
        activity.set_snooze(conn, Snooze(contact_id, dt.date(2026, 12, day % 27 + 1), "busy"))
        activity.insert_custom_occasion(
            conn, CustomOccasion(contact_id, f"team day {day}", "FREQ=YEARLY", dt.date(2026, 5, 1))
        )


def _pair(app: App) -> tuple[Contact, Contact, Contact]:
    keep = contacts.save_contact(
        app,
        Contact(
            given_name="William",
            family_name="Hartley",
            job_title="VP Operations",
            phones=(Phone("+14155550162", "mobile"),),
            tags=("clients",),
        ),
    )
    other = contacts.save_contact(
        app,
        Contact(
            given_name="Bill",
            family_name="Hartley",
            job_title="COO",
            organization="Harbor Freight",
            phones=(Phone("+14155550162", "mobile"), Phone("+14155550199", "work")),
            emails=(Email("bill@harbor.example", "work"),),
            tags=("vip",),
        ),
        force=True,
    )
    friend = contacts.save_contact(
        app, Contact(given_name="Ann", family_name="Lee", met=HowWeMet(introduced_by=other.id))
    )
    return keep, other, friend


def test_merge_keeps_everything_and_moves_the_history(app: App) -> None:
    keep, other, friend = _pair(app)
    assert keep.id and other.id and friend.id
    _history(app, other.id, 3)
    report = merging.merge(app, keep.id, other.id)
    merged = contacts.get_contact(app, keep.id)
    assert merged.organization == "Harbor Freight"  # filled
    assert merged.job_title == "VP Operations"  # kept, and the other value is an alternate
    assert "Also: job_title: COO" in merged.notes
    assert [a.value for a in report.plan.alternates] == ["Bill", "COO"]
    assert [p.number for p in merged.phones] == ["+14155550162", "+14155550199"]
    assert merged.tags == ("clients", "vip")
    assert report.moved == {
        "calls": 1, "promises": 1, "custom_occasions": 1, "introduced": 1,
        "not_duplicates": 0, "snoozes": 1,
    }  # fmt: skip
    with pytest.raises(NotFoundError):
        contacts.get_contact(app, other.id)
    assert contacts.get_contact(app, friend.id).met.introduced_by == keep.id
    with app.engine.connect() as conn:
        assert activity.history(conn, keep.id)[0].notes == "call 3"


def test_merge_then_unmerge_gives_the_book_back(app: App) -> None:
    keep, other, _friend = _pair(app)
    assert keep.id and other.id
    _history(app, keep.id, 1)
    _history(app, other.id, 2)
    before = _state(app)
    merging.merge(app, keep.id, other.id)
    assert _state(app) != before
    report = merging.unmerge(app, keep.id)
    assert report.other.id == other.id and not report.since
    assert _state(app) == before


def test_a_dry_run_changes_nothing_and_says_what_the_merge_does(app: App) -> None:
    keep, other, _ = _pair(app)
    assert keep.id and other.id
    before = _state(app)
    preview = merging.merge(app, keep.id, other.id, dry_run=True)
    assert _state(app) == before and preview.merge_id is None
    done = merging.merge(app, keep.id, other.id)
    assert preview.lines() == done.lines()
    assert "fill organization: Harbor Freight" in done.lines()


def test_changes_since_the_merge_stay_and_are_listed(app: App) -> None:
    keep, other, _ = _pair(app)
    assert keep.id and other.id
    merging.merge(app, keep.id, other.id)
    contacts.edit_contact(app, keep.id, lambda c: c.with_changes(organization="Harbor Lines"))
    report = merging.unmerge(app, keep.id)
    assert report.since == (
        f"since the merge, organization changed from Harbor Freight to Harbor Lines: "
        f"kept on #{keep.id}",
    )
    assert contacts.get_contact(app, keep.id).organization == "Harbor Lines"
    assert contacts.get_contact(app, keep.id).phones == keep.phones


def test_not_the_same_person_is_never_proposed_again(app: App) -> None:
    keep, other, _ = _pair(app)
    assert keep.id and other.id
    assert [(p.first.id, p.second.id) for p in duplicates.find_duplicates(app)] == [
        (keep.id, other.id)
    ]
    assert merging.dismiss(app, other.id, keep.id) is True
    assert merging.dismiss(app, keep.id, other.id) is False
    assert duplicates.find_duplicates(app) == []


def test_bad_input_changes_nothing(app: App) -> None:
    keep, other, _ = _pair(app)
    assert keep.id and other.id
    before = _state(app)
    with pytest.raises(ValidationError, match="one contact"):
        merging.merge(app, keep.id, keep.id)
    with pytest.raises(NotFoundError, match="no contact has id 999"):
        merging.merge(app, keep.id, 999)
    with pytest.raises(NotFoundError, match="no merge into"):
        merging.unmerge(app, keep.id)
    with pytest.raises(ValidationError):
        merging.dismiss(app, keep.id, keep.id)
    assert _state(app) == before


def test_merges_undo_newest_first(app: App) -> None:
    keep, other, friend = _pair(app)
    assert keep.id and other.id and friend.id
    before = _state(app)
    merging.merge(app, keep.id, other.id)
    merging.merge(app, keep.id, friend.id)
    assert merging.unmerge(app, keep.id).other.id == friend.id
    assert merging.unmerge(app, keep.id).other.id == other.id
    assert _state(app) == before


@settings(
    max_examples=10,
    phases=[Phase.explicit, Phase.generate],
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    first=contact_strategy(),
    second=contact_strategy(),
    calls=st.tuples(st.integers(0, 2), st.integers(0, 2)),
    links=st.sampled_from(["none", "first by second", "second by first"]),
    dismissed=st.booleans(),
)
def test_any_merge_is_undone_exactly(
    tmp_path_factory: pytest.TempPathFactory,
    first: Contact,
    second: Contact,
    calls: tuple[int, int],
    links: str,
    dismissed: bool,
) -> None:
    folder = tmp_path_factory.mktemp("merge")
    app = open_app(f"sqlite:///{folder / 'callwise.db'}", NOW)
    try:
        _merge_and_undo(app, first, second, calls, links, dismissed)
    finally:
        app.engine.dispose()


def _merge_and_undo(
    app: App, first: Contact, second: Contact, calls: tuple[int, int], links: str, dismissed: bool
) -> None:
    a = contacts.save_contact(app, first, force=True)
    b = contacts.save_contact(app, second, force=True)
    third = contacts.save_contact(app, Contact(given_name="Third"))
    assert a.id and b.id and third.id
    if links != "none":
        who, by = (a, b) if links == "first by second" else (b, a)
        contacts.edit_contact(
            app,
            who.id or 0,
            lambda c: c.with_changes(met=HowWeMet(introduced_by=by.id)),
            force=True,
        )
    for day in range(calls[0]):
        _history(app, a.id, day + 1)
    for day in range(calls[1]):
        _history(app, b.id, day + 10)
    if dismissed:
        merging.dismiss(app, b.id, third.id)
        merging.dismiss(app, a.id, b.id)
    before = _state(app)
    merging.merge(app, a.id, b.id)
    merging.unmerge(app, a.id)
    assert _state(app) == before


def test_merges_and_not_duplicates_travel_in_the_backup(app: App, tmp_path: Path) -> None:
    keep, other, friend = _pair(app)
    assert keep.id and other.id and friend.id
    merging.dismiss(app, keep.id, friend.id)
    merging.merge(app, keep.id, other.id)
    out = io.StringIO()
    backup.write_backup(app, out)
    target = open_app(f"sqlite:///{tmp_path / 'restored.db'}", NOW)
    backup.restore_backup(target, io.StringIO(out.getvalue()))
    again = io.StringIO()
    backup.write_backup(target, again)  # another backend may hold the rows: compare the files
    assert again.getvalue() == out.getvalue()
    assert json.loads(out.getvalue())["not_duplicates"][0]["second_id"] == friend.id
    assert merging.unmerge(target, keep.id).other.id == other.id
    target.engine.dispose()
