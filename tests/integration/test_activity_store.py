"""The call log, trips and snoozes on both backends; logging a touching call moves the
keep-in-touch anchor (P6.1)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from callwise.domain.calls import Call, Outcome, Promise, Snooze, Trip
from callwise.domain.model import Contact
from callwise.services import contacts as service
from callwise.services.app import App
from callwise.store import activity
from callwise.store.tables import contacts


def test_a_touching_call_moves_the_cadence_due_date(app: App) -> None:
    ann = service.save_contact(app, Contact(given_name="Ann", cadence_days=30, city="Denver"))
    at = app.now + dt.timedelta(days=10)
    with app.transaction() as conn:
        activity.insert_calls(
            conn,
            [
                Call(
                    ann.id or 0, at, Outcome.VOICEMAIL, promises=(Promise("send deck", at.date()),)
                ),
                Call(ann.id or 0, at + dt.timedelta(days=1), Outcome.NO_ANSWER),
            ],
        )
        row = conn.execute(
            select(contacts.c.cadence_due, contacts.c.latitude).where(contacts.c.id == ann.id)
        ).one()
    assert row.cadence_due == at.date() + dt.timedelta(days=30)  # no answer does not count
    assert row.latitude is not None and round(row.latitude) == 40
    with app.engine.connect() as conn:
        calls = activity.history(conn, ann.id or 0)
        assert [c.outcome for c in calls] == [Outcome.NO_ANSWER, Outcome.VOICEMAIL]
        assert calls[1].promises == (Promise("send deck", at.date()),)
        assert activity.last_touches(conn, [ann.id or 0])[ann.id or 0].outcome is Outcome.VOICEMAIL
        recent = activity.recent_calls(conn, [ann.id or 0], at + dt.timedelta(days=30))
        assert [c.outcome for c in recent[ann.id or 0]] == [Outcome.VOICEMAIL]  # open promise


def test_editing_a_contact_keeps_its_last_touch(app: App) -> None:
    ann = service.save_contact(app, Contact(given_name="Ann", cadence_days=10))
    with app.transaction() as conn:
        activity.insert_calls(conn, [Call(ann.id or 0, app.now, Outcome.CONNECTED)])
    service.save_contact(app, ann.with_changes(cadence_days=20))
    with app.engine.connect() as conn:
        due = conn.scalar(select(contacts.c.cadence_due).where(contacts.c.id == ann.id))
    assert due == app.now.date() + dt.timedelta(days=20)


def test_trips_and_snoozes(app: App) -> None:
    ann = service.save_contact(app, Contact(given_name="Ann"))
    with app.transaction() as conn:
        trip_id = activity.insert_trip(
            conn, Trip("Denver", dt.date(2026, 12, 3), dt.date(2026, 12, 5), country="US")
        )
        activity.set_snooze(conn, Snooze(ann.id or 0, dt.date(2026, 12, 1)))
    with app.engine.connect() as conn:
        [(trip, where)] = activity.list_trips(conn, ending_after=dt.date(2026, 11, 24))
        assert trip.id == trip_id and where is not None
        assert activity.snoozes_for(conn, [ann.id or 0], dt.date(2026, 11, 30))
        assert not activity.snoozes_for(conn, [ann.id or 0], dt.date(2026, 12, 1))
