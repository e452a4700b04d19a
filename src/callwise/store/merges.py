"""Rows a merge moves and puts back (issue 13): calls, promises, own occasions, snoozes,
"introduced by" links and pairs marked not the same person; and the merge records."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Table, delete, func, insert, or_, select, update

from callwise.domain.calls import TOUCHING
from callwise.store.contact_rows import cadence_columns, utc
from callwise.store.tables import (
    calls,
    contacts,
    custom_occasions,
    merges,
    not_duplicates,
    promises,
    snoozes,
)

# The tables whose rows belong to one contact by `contact_id` and move with a merge.
MOVABLE: dict[str, Table] = {
    "calls": calls,
    "promises": promises,
    "custom_occasions": custom_occasions,
}


def ordered(a: int, b: int) -> tuple[int, int]:
    """A pair as it is stored: the smaller id first."""
    return (a, b) if a < b else (b, a)


# --- not the same person -----------------------------------------------------------------


def add_not_duplicate(conn: Connection, a: int, b: int, at: dt.datetime) -> bool:
    """Remember that `a` and `b` are two people; False when that was known already."""
    first, second = ordered(a, b)
    c = not_duplicates.c
    known = conn.scalar(select(c.first_id).where(c.first_id == first, c.second_id == second))
    if known is not None:
        return False
    conn.execute(insert(not_duplicates).values(first_id=first, second_id=second, decided_at=at))
    return True


def not_duplicate_pairs(conn: Connection) -> set[tuple[int, int]]:
    """Every pair marked two people (the table holds what a user decided: it stays small)."""
    c = not_duplicates.c
    return {(a, b) for a, b in conn.execute(select(c.first_id, c.second_id))}


def pairs_of(conn: Connection, contact_id: int) -> list[list[Any]]:
    """[first, second, decided_at ISO, id] of the pairs `contact_id` is in."""
    c = not_duplicates.c
    rows = conn.execute(
        select(c.first_id, c.second_id, c.decided_at, c.id)
        .where(or_(c.first_id == contact_id, c.second_id == contact_id))
        .order_by(c.first_id, c.second_id)
    )
    return [[a, b, utc(at).isoformat(), i] for a, b, at, i in rows]


def delete_pairs_of(conn: Connection, contact_id: int) -> None:
    c = not_duplicates.c
    conn.execute(
        delete(not_duplicates).where(or_(c.first_id == contact_id, c.second_id == contact_id))
    )


def delete_pair(conn: Connection, a: int, b: int) -> None:
    first, second = ordered(a, b)
    c = not_duplicates.c
    conn.execute(delete(not_duplicates).where(c.first_id == first, c.second_id == second))


def insert_pairs(conn: Connection, rows: Iterable[Sequence[Any]]) -> None:
    """Put back pairs as `pairs_of` gave them, under their own ids."""
    for first, second, at, pair_id in rows:
        decided = dt.datetime.fromisoformat(at)
        values = {"id": pair_id, "first_id": first, "second_id": second, "decided_at": decided}
        conn.execute(insert(not_duplicates).values(values))


# --- rows that move ------------------------------------------------------------------------


def owned_ids(conn: Connection, table: Table, contact_id: int) -> list[int]:
    return list(
        conn.scalars(select(table.c.id).where(table.c.contact_id == contact_id).order_by("id"))
    )


def move_rows(conn: Connection, table: Table, ids: Sequence[int], frm: int, to: int) -> None:
    """Give the rows `ids` that still belong to `frm` to `to`."""
    if ids:
        conn.execute(
            update(table)
            .where(table.c.id.in_(list(ids)), table.c.contact_id == frm)
            .values(contact_id=to)
        )


def introduced_ids(conn: Connection, introducer: int) -> list[int]:
    """Contacts that `introducer` introduced."""
    c = contacts.c
    query = select(c.id).where(c.met_introduced_by == introducer).order_by(c.id)
    return list(conn.scalars(query))


def move_introductions(conn: Connection, ids: Sequence[int], frm: int, to: int) -> None:
    if ids:
        conn.execute(
            update(contacts)
            .where(contacts.c.id.in_(list(ids)), contacts.c.met_introduced_by == frm)
            .values(met_introduced_by=to)
        )


def snooze_of(conn: Connection, contact_id: int) -> dict[str, Any] | None:
    """The contact's snooze as plain values (`until` ISO), or None."""
    row = conn.execute(select(snoozes).where(snoozes.c.contact_id == contact_id)).first()
    if row is None:
        return None
    return {"until": row.until.isoformat(), "reason": row.reason}


def put_snooze(conn: Connection, contact_id: int, snooze: dict[str, Any] | None) -> None:
    """Set the contact's snooze to `snooze` (as `snooze_of` gives it); None removes it."""
    conn.execute(delete(snoozes).where(snoozes.c.contact_id == contact_id))
    if snooze is not None:
        until = dt.date.fromisoformat(snooze["until"])
        conn.execute(
            insert(snoozes).values(contact_id=contact_id, until=until, reason=snooze["reason"])
        )


def retouch(conn: Connection, contact_id: int) -> None:
    """Recompute the contact's last touch and keep-in-touch columns from its calls (P6.1):
    calls moved to it or away from it change both."""
    touching = [o.value for o in TOUCHING]
    last = conn.scalar(
        select(func.max(calls.c.at)).where(
            calls.c.contact_id == contact_id, calls.c.outcome.in_(touching)
        )
    )
    row = conn.execute(
        select(contacts.c.created_at, contacts.c.cadence_days, contacts.c.met_date).where(
            contacts.c.id == contact_id
        )
    ).first()
    if row is None:
        return
    anchor, due = cadence_columns(row.created_at, last, row.cadence_days, row.met_date)
    conn.execute(
        update(contacts)
        .where(contacts.c.id == contact_id)
        .values(last_touch_at=utc(last) if last else None, cadence_anchor=anchor, cadence_due=due)
    )


# --- merge records -------------------------------------------------------------------------


def insert_merge(
    conn: Connection, keep_id: int, other: dict[str, Any], before: dict[str, Any], at: dt.datetime
) -> int:
    values = {
        "keep_id": keep_id,
        "other": json.dumps(other, ensure_ascii=False),
        "keep_before": json.dumps(before, ensure_ascii=False),
        "merged_at": at,
    }
    result = conn.execute(insert(merges).values(values).returning(merges.c.id))
    return int(result.scalar_one())


def last_merge(conn: Connection, keep_id: int) -> tuple[int, dict[str, Any], dict[str, Any]] | None:
    """The newest merge into `keep_id`: (id, other snapshot, keep before), or None. Locked on
    PostgreSQL until the transaction ends, so two undos of one merge cannot both run."""
    m = merges.c
    query = select(m.id, m.other, m.keep_before).where(m.keep_id == keep_id)
    row = conn.execute(query.order_by(m.id.desc()).limit(1).with_for_update()).first()
    if row is None:
        return None
    return row.id, json.loads(row.other), json.loads(row.keep_before)


def delete_merge(conn: Connection, merge_id: int) -> None:
    conn.execute(delete(merges).where(merges.c.id == merge_id))
