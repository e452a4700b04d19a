"""Bulk-written rows (store/contact_rows.py) are stored exactly as SQLAlchemy's own insert
stores them: the same text for dates and times, the same flags, on each backend."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from sqlalchemy import Connection, select, text

from callwise.services.app import App
from callwise.services.demo import demo_contacts
from callwise.services.synthetic import synthetic_contacts
from callwise.store import contact_rows as rows
from callwise.store.tables import contact_dates, contact_emails, contact_phones, contacts

TABLES = (
    ("contacts", rows.ROW_KEYS),
    ("contact_phones", rows.PHONE_KEYS),
    ("contact_emails", rows.EMAIL_KEYS),
    ("contact_dates", rows.DATE_KEYS),
)


def _raw(conn: Connection, table: str, keys: Sequence[str], shift: int) -> list[tuple[Any, ...]]:
    """The stored values as the database holds them (no type processing on the way out), with
    contact ids counted from the first contact written."""
    first = "id" if table == "contacts" else "contact_id"
    rest = ", ".join(k for k in keys if k != "contact_id")
    query = f"SELECT {first} - {shift}, {rest} FROM {table} ORDER BY 1, 2, 3"
    return [tuple(r) for r in conn.execute(text(query))]


@pytest.mark.parametrize("bound_early", [False, True], ids=["bound-on-write", "bound-early"])
def test_bulk_rows_are_stored_as_sqlalchemy_stores_them(app: App, bound_early: bool) -> None:
    """Rows bound for the database when made (as a second process makes them) or when written
    are stored the same."""
    sample = [*demo_contacts(), *synthetic_contacts(300, 11, today=app.now.date())]
    new = rows.new_rows(sample, app.now, app.engine.dialect if bound_early else None)
    values = rows.new_rows(sample, app.now).contacts
    phones, emails, dates = rows.child_values(enumerate(sample, start=1))
    with app.transaction() as conn:
        conn.execute(contacts.insert(), [dict(zip(rows.ROW_KEYS, v, strict=True)) for v in values])
        for table, keys, data in (
            (contact_phones, rows.PHONE_KEYS, phones),
            (contact_emails, rows.EMAIL_KEYS, emails),
            (contact_dates, rows.DATE_KEYS, dates),
        ):
            conn.execute(table.insert(), [dict(zip(keys, r, strict=True)) for r in data])
        expected = {name: _raw(conn, name, keys, 0) for name, keys in TABLES}
        for name, _ in reversed(TABLES):
            conn.execute(text(f"DELETE FROM {name}"))

        rows.write_contacts(conn, new)
        ids = list(conn.scalars(select(contacts.c.id).order_by(contacts.c.id)))
        rows.write_children(conn, new, ids)
        got = {name: _raw(conn, name, keys, ids[0] - 1) for name, keys in TABLES}
    assert len(ids) == len(sample)
    assert all(expected[name] for name, _ in TABLES)
    for name, _ in TABLES:
        assert got[name] == expected[name], name
