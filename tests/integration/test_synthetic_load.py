"""`callwise demo --synthetic N`: what is stored is exactly what the generator made, whether the
rows are made in this process or, for many contacts, in a second one (services/demo.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from callwise.services import demo
from callwise.services.app import App
from callwise.services.contacts import find_contacts
from callwise.services.synthetic import synthetic_contacts
from callwise.store import contacts as store


@pytest.mark.parametrize("count", [150, demo.PARALLEL_FROM])
def test_stored_synthetic_contacts_are_the_generated_ones(app: App, count: int) -> None:
    assert demo.load_synthetic(app, count, seed=5) == count
    made = list(synthetic_contacts(count, 5, today=app.now.date()))
    with app.engine.connect() as conn:
        ids = sorted(store.existing_ids(conn, list(range(1, 3 * count))))
        stored = store.get_contacts(conn, ids)
    assert len(stored) == count
    for contact, expected in zip(stored, made, strict=True):
        assert contact.created_at == contact.updated_at == app.now
        assert replace(contact, id=None, created_at=None, updated_at=None) == expected
    last = made[-1]
    assert any(c.name == last.name for c in find_contacts(app, last.family_name, limit=50).contacts)


def test_the_bulk_page_cache_is_given_back(app: App) -> None:
    """A bulk load enlarges SQLite's page cache for itself only: the pooled connection that
    did the load is back at its usual size afterwards."""
    if app.engine.dialect.name != "sqlite":
        pytest.skip("a SQLite setting")
    with app.engine.connect() as conn:
        usual = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    demo.load_synthetic(app, 50, seed=1)
    with app.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == usual
    assert app.engine.pool.checkedin() == 1
