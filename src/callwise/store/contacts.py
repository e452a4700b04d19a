"""The contact repository: maps `Contact` dataclasses to rows and back, in batches."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, select, sql, text, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.sql.elements import ColumnElement

from callwise.domain.model import (
    Contact,
    Email,
    Phone,
)
from callwise.domain.text import fold
from callwise.store.contact_rows import (
    PLAN_KEYS,
    ROW_KEYS,
    NewRows,
    child_values,
    contact_from_row,
    new_rows,
    plan_values,
    row_values,
    utc,
    write_children,
    write_contacts,
)
from callwise.store.tables import contact_dates, contact_emails, contact_phones, contacts

BATCH = 1000
BULK_CACHE_KIB = 8 * 1024  # SQLite page cache during bulk inserts (the default is 2 MiB)
MIN_TRIGRAM = 3


_utc = utc


def plan_columns(
    city: str,
    region: str,
    country: str,
    created_at: dt.datetime,
    last_touch_at: dt.datetime | None,
    cadence_days: int | None,
) -> dict[str, Any]:
    """The plan's indexed columns by name (see `contact_rows.plan_values`)."""
    values = plan_values(city, region, country, created_at, last_touch_at, cadence_days)
    return dict(zip(PLAN_KEYS, values, strict=True))


def _row(contact: Contact, last_touch_at: dt.datetime | None = None) -> dict[str, Any]:
    """The `contacts` row of `contact` by column name (phones and emails have their own)."""
    return dict(zip(ROW_KEYS, row_values(contact, last_touch_at), strict=True))


def insert_contacts(
    conn: Connection,
    batch: Sequence[Contact],
    *,
    keep_ids: bool = False,
    stamp: dt.datetime | None = None,
) -> list[int]:
    """Insert contacts (in one round trip per table); return their ids in order.

    With `keep_ids` the contacts' own ids are used (restoring a backup); with `stamp` that is
    their creation and update time instead of their own."""
    ids = [c.id for c in batch] if keep_ids else None
    return insert_rows(conn, new_rows(batch, stamp), ids=ids)


def insert_rows(
    conn: Connection, rows: NewRows, *, ids: Sequence[int | None] | None = None
) -> list[int]:
    """Insert new contacts prepared as rows (`contact_rows.new_rows`); return their ids.
    With `ids` the rows keep those ids (restoring a backup)."""
    if not rows.contacts:
        return []
    if conn.dialect.name == "sqlite" and ids is None:
        new_ids = _sqlite_bulk_insert(conn, rows)
    else:
        values = [dict(zip(ROW_KEYS, r, strict=True)) for r in rows.contacts]
        if ids is not None:
            values = [v | {"id": i} for v, i in zip(values, ids, strict=True)]
        result = conn.execute(
            contacts.insert().returning(contacts.c.id, sort_by_parameter_order=True), values
        )
        new_ids = [r[0] for r in result]
    _index_new_rows(conn, new_ids)
    write_children(conn, rows, new_ids)
    return new_ids


def _sqlite_bulk_insert(conn: Connection, rows: NewRows) -> list[int]:
    """One executemany (SQLite runs RETURNING row by row). Inside the write transaction the
    new rows take consecutive ids after the largest; that is checked, not assumed."""
    before = conn.scalar(select(func.max(contacts.c.id))) or 0
    write_contacts(conn, rows)
    after = conn.scalar(select(func.max(contacts.c.id))) or 0
    if after - before == len(rows.contacts):
        return list(range(before + 1, after + 1))
    return list(  # pragma: no cover - only if ids were not consecutive
        conn.scalars(select(contacts.c.id).where(contacts.c.id > before).order_by(contacts.c.id))
    )


def update_contact(conn: Connection, contact: Contact) -> None:
    """Overwrite the stored contact with the same id, phones and emails included."""
    assert contact.id is not None
    touched = conn.scalar(select(contacts.c.last_touch_at).where(contacts.c.id == contact.id))
    row = _row(contact, _utc(touched) if touched else None)
    conn.execute(update(contacts).where(contacts.c.id == contact.id).values(row))
    for table in (contact_phones, contact_emails, contact_dates):
        conn.execute(delete(table).where(table.c.contact_id == contact.id))
    write_children(conn, NewRows([], *child_values([(0, contact)])), [contact.id])


def lock_contact(conn: Connection, contact_id: int) -> Contact | None:
    """Read a contact for changing it: on PostgreSQL its row stays locked (FOR UPDATE) until
    the transaction ends, so a concurrent edit waits and then reads the result (SQLite's
    BEGIN IMMEDIATE already lets one writer in at a time)."""
    locked = conn.scalar(select(contacts.c.id).where(contacts.c.id == contact_id).with_for_update())
    return None if locked is None else get_contact(conn, contact_id)


def delete_contact(conn: Connection, contact_id: int) -> None:
    conn.execute(delete(contacts).where(contacts.c.id == contact_id))


def get_contacts(conn: Connection, ids: Sequence[int]) -> list[Contact]:
    """The contacts with these ids, in the order given (missing ids are left out)."""
    found: dict[int, Contact] = {}
    for start in range(0, len(ids), BATCH):
        chunk = list(ids[start : start + BATCH])
        phones: dict[int, list[Phone]] = defaultdict(list)
        emails: dict[int, list[Email]] = defaultdict(list)
        phone_rows = conn.execute(
            select(contact_phones)
            .where(contact_phones.c.contact_id.in_(chunk))
            .order_by(contact_phones.c.contact_id, contact_phones.c.position)
        )
        for p in phone_rows:
            phones[p.contact_id].append(Phone(p.number, p.label, bool(p.valid)))
        email_rows = conn.execute(
            select(contact_emails)
            .where(contact_emails.c.contact_id.in_(chunk))
            .order_by(contact_emails.c.contact_id, contact_emails.c.position)
        )
        for e in email_rows:
            emails[e.contact_id].append(Email(e.address, e.label))
        for row in conn.execute(select(contacts).where(contacts.c.id.in_(chunk))):
            found[row.id] = contact_from_row(row, phones[row.id], emails[row.id])
    return [found[i] for i in ids if i in found]


def get_contact(conn: Connection, contact_id: int) -> Contact | None:
    found = get_contacts(conn, [contact_id])
    return found[0] if found else None


def iter_contacts(conn: Connection) -> Iterator[Contact]:
    """Every contact in id order, loaded a batch at a time."""
    last = 0
    while True:
        ids = list(
            conn.scalars(
                select(contacts.c.id)
                .where(contacts.c.id > last)
                .order_by(contacts.c.id)
                .limit(BATCH)
            )
        )
        if not ids:
            return
        yield from get_contacts(conn, ids)
        last = ids[-1]


def count_contacts(conn: Connection) -> int:
    return int(conn.scalar(select(func.count()).select_from(contacts)) or 0)


def _term_condition(conn: Connection, term: str) -> ColumnElement[bool]:
    """One folded search term: a trigram index lookup when long enough, else a scan."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    like = contacts.c.search_text.like(f"%{escaped}%", escape="\\")
    if len(term) >= MIN_TRIGRAM and conn.dialect.name == "sqlite":
        # Each word gets a parameter of its own (a shared name kept only the last word).
        phrase = '"' + term.replace('"', '""') + '"'
        matching = sql.literal_column("contacts_fts").op("MATCH")(sql.bindparam(None, phrase))
        return contacts.c.id.in_(select(fts_table.c.rowid).where(matching))
    return like


def find_ids(conn: Connection, query: str, *, limit: int, offset: int = 0) -> list[int]:
    """Ids of contacts whose names, organization, city, tags or notes contain every term."""
    terms = fold(query).split()
    conditions = [_term_condition(conn, t) for t in terms]
    stmt = select(contacts.c.id).order_by(contacts.c.sort_name, contacts.c.id)
    if conditions:
        stmt = stmt.where(and_(*conditions))
    return list(conn.scalars(stmt.limit(limit).offset(offset)))


def list_ids(
    conn: Connection,
    *,
    kind: str | None = None,
    tag: str | None = None,
    limit: int,
    offset: int = 0,
) -> list[int]:
    """Ids in name order, optionally of one relationship kind or carrying one tag."""
    stmt = select(contacts.c.id).order_by(contacts.c.sort_name, contacts.c.id)
    if kind:
        stmt = stmt.where(contacts.c.kind == kind)
    if tag:
        stmt = stmt.where(contacts.c.tags.like(f"%{json.dumps(tag)}%"))
    return list(conn.scalars(stmt.limit(limit).offset(offset)))


def sort_names(conn: Connection) -> list[str]:
    """Every contact's folded name, once each (for suggesting a name that matched no one)."""
    return list(conn.scalars(select(contacts.c.sort_name).distinct()))


def ids_by_name(conn: Connection, folded_name: str) -> list[int]:
    return list(conn.scalars(select(contacts.c.id).where(contacts.c.sort_name == folded_name)))


def owners_of_phones(conn: Connection, numbers: Iterable[str]) -> dict[str, set[int]]:
    """For each E.164 number, the ids of contacts that have it."""
    owners: dict[str, set[int]] = defaultdict(set)
    wanted = list(set(numbers))
    for start in range(0, len(wanted), BATCH):
        rows = conn.execute(
            select(contact_phones.c.number, contact_phones.c.contact_id).where(
                contact_phones.c.number.in_(wanted[start : start + BATCH])
            )
        )
        for number, contact_id in rows:
            owners[number].add(contact_id)
    return owners


def owners_of_emails(conn: Connection, addresses: Iterable[str]) -> dict[str, set[int]]:
    """For each folded email address, the ids of contacts that have it."""
    owners: dict[str, set[int]] = defaultdict(set)
    wanted = list({a.casefold() for a in addresses})
    for start in range(0, len(wanted), BATCH):
        rows = conn.execute(
            select(contact_emails.c.folded, contact_emails.c.contact_id).where(
                contact_emails.c.folded.in_(wanted[start : start + BATCH])
            )
        )
        for folded, contact_id in rows:
            owners[folded].add(contact_id)
    return owners


def reset_id_sequence(conn: Connection) -> None:
    """After inserting explicit ids on PostgreSQL, move the sequence past the largest one."""
    if conn.dialect.name == "postgresql":
        conn.execute(
            text(
                "SELECT setval(pg_get_serial_sequence('contacts', 'id'), "
                "COALESCE((SELECT MAX(id) FROM contacts), 0) + 1, false)"
            )
        )


def set_introducers(conn: Connection, pairs: Iterable[tuple[int, int | None]]) -> None:
    """Set who introduced whom, after all contacts of a restore exist (foreign keys)."""
    for contact_id, introducer in pairs:
        conn.execute(
            update(contacts).where(contacts.c.id == contact_id).values(met_introduced_by=introducer)
        )


def existing_ids(conn: Connection, ids: Sequence[int]) -> set[int]:
    found: set[int] = set()
    for start in range(0, len(ids), BATCH):
        chunk = list(ids[start : start + BATCH])
        found.update(conn.scalars(select(contacts.c.id).where(contacts.c.id.in_(chunk))))
    return found


_FTS_INSERT_TRIGGER = (
    "CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts BEGIN "
    "INSERT INTO contacts_fts(rowid, search_text) VALUES (new.id, new.search_text); END"
)


@contextmanager
def bulk_insert_mode(conn: Connection) -> Iterator[None]:
    """For many inserts in one transaction: each batch of new rows is indexed for search in one
    statement instead of row by row (eight times faster on SQLite), and SQLite keeps more of
    the indexes in memory while they grow (BULK_CACHE_KIB, restored after). The index is
    complete after every batch, so updates in the same transaction stay consistent; other
    connections never see the difference: the transaction holds the write lock until it
    commits."""
    if conn.dialect.name != "sqlite":
        yield
        return
    conn.execute(text("DROP TRIGGER contacts_fts_insert"))
    conn.info["callwise_bulk_index"] = True
    cache = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        conn.info.pop("callwise_bulk_index", None)
        with suppress(SQLAlchemyError):  # only a cache size: a failed write must show its own error
            conn.exec_driver_sql(f"PRAGMA cache_size = {int(cache or -2000)}")
    conn.execute(text(_FTS_INSERT_TRIGGER))


fts_table = sql.table("contacts_fts", sql.column("rowid"), sql.column("search_text"))


def _index_new_rows(conn: Connection, ids: Sequence[int]) -> None:
    """Under `bulk_insert_mode`, add just-inserted rows to the search index in one statement."""
    if not ids or not conn.info.get("callwise_bulk_index"):
        return
    low, high = min(ids), max(ids)
    select_new = select(contacts.c.id, contacts.c.search_text)
    if high - low + 1 == len(ids):
        select_new = select_new.where(contacts.c.id.between(low, high))
    else:
        select_new = select_new.where(contacts.c.id.in_(list(ids)))
    conn.execute(insert(fts_table).from_select(["rowid", "search_text"], select_new))
