"""Demo and synthetic contacts: a realistic address book to explore, and load for benchmarks."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from importlib import resources
from itertools import islice

from callwise.domain.codec import contact_from_dict
from callwise.domain.contacts import prepare_contact
from callwise.domain.errors import ConflictError
from callwise.domain.model import Contact
from callwise.services.app import App
from callwise.services.child_process import can_fork, in_second_process
from callwise.store import contact_rows, db
from callwise.store import contacts as store

BATCH = 2000
PARALLEL_FROM = 5000  # contacts: below this a second process saves nothing


def demo_contacts() -> list[Contact]:
    """The shipped demo address book (about 60 contacts), not yet stored."""
    text = resources.files("callwise.data").joinpath("demo_contacts.json").read_text("utf-8")
    return [contact_from_dict(item) for item in json.loads(text)]


def insert_many(app: App, contacts: Iterable[Contact], *, validate: bool = True) -> int:
    """Store many new contacts in one transaction, in batches; return how many. They take new
    ids and are stamped as created now."""
    region = app.settings().default_region
    count = 0
    batch: list[Contact] = []
    with app.transaction() as conn, store.bulk_insert_mode(conn), db.one_contacts_bump(conn):
        for contact in contacts:
            batch.append(prepare_contact(contact, region) if validate else contact)
            if len(batch) >= BATCH:
                count += len(store.insert_contacts(conn, batch, stamp=app.now))
                batch.clear()
        count += len(store.insert_contacts(conn, batch, stamp=app.now))
    return count


def _require_empty(app: App) -> None:
    with app.engine.connect() as conn:
        existing = store.count_contacts(conn)
    if existing:
        raise ConflictError(
            f"the database already has {existing} contacts; the demo loads only into an empty one "
            "(use --db to pick another database)",
            field="demo",
        )


def load_demo(app: App) -> int:
    """Load the demo address book into an empty database."""
    _require_empty(app)
    return insert_many(app, demo_contacts())


def load_synthetic(app: App, count: int, *, seed: int = 0) -> int:
    """Add `count` synthetic contacts (for benchmarks); their data is valid by construction.

    Many are made and turned into rows in a second process while this one writes them
    (issue 2: 100k contacts in under 10 s); the rows are the same either way."""
    from callwise.services.synthetic import synthetic_contacts  # only benchmarks need it

    today, stamp, dialect = app.now.date(), app.now, app.engine.dialect

    def batches() -> Iterator[contact_rows.NewRows]:
        made = synthetic_contacts(count, seed, today=today)
        while batch := list(islice(made, BATCH)):
            yield contact_rows.new_rows(batch, stamp, dialect)

    parallel = count >= PARALLEL_FROM and can_fork()
    source = in_second_process(batches) if parallel else batches()
    added = 0
    with app.transaction() as conn, store.bulk_insert_mode(conn), db.one_contacts_bump(conn):
        for rows in source:
            added += len(store.insert_rows(conn, rows))
    return added


def load_demo_if_empty(app: App) -> int:
    """`make run`: the demo on a fresh database, nothing on one already in use."""
    with app.engine.connect() as conn:
        if store.count_contacts(conn):
            return 0
    return insert_many(app, demo_contacts())
