"""The REST API's idempotency keys (issue 15): claim a key, find it, store its answer, forget
it, and prune the old ones. services/idempotency.py decides what each state means."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, delete, select, update
from sqlalchemy.exc import IntegrityError

from callwise.store.tables import idempotency_keys as keys


@dataclass(frozen=True)
class KeyRow:
    """A stored key: the request it was first used for, and its answer (None while running)."""

    request: str
    fingerprint: str
    status: int | None
    body: str | None


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)


def claim(
    conn: Connection, owner: str, key: str, request: str, fingerprint: str, at: dt.datetime
) -> bool:
    """Insert the key as running; False when the owner has it already (the unique index
    decides, so of two requests racing for one key exactly one claims it)."""
    row = {
        "owner": owner,
        "key": key,
        "request": request,
        "fingerprint": fingerprint,
        "created_at": _utc(at),
    }
    try:
        with conn.begin_nested():
            conn.execute(keys.insert().values(**row))
    except IntegrityError:
        return False
    return True


def find(conn: Connection, owner: str, key: str, since: dt.datetime) -> KeyRow | None:
    """The owner's key, unless it was made before `since` (then it is as good as pruned)."""
    found = conn.execute(
        select(keys.c.request, keys.c.fingerprint, keys.c.status, keys.c.body).where(
            keys.c.owner == owner, keys.c.key == key, keys.c.created_at >= _utc(since)
        )
    ).first()
    return KeyRow(found.request, found.fingerprint, found.status, found.body) if found else None


def complete(conn: Connection, owner: str, key: str, status: int, body: str) -> None:
    """Store the answer of the request that claimed the key."""
    conn.execute(
        update(keys)
        .where(keys.c.owner == owner, keys.c.key == key)
        .values(status=status, body=body)
    )


def forget(conn: Connection, owner: str, key: str) -> None:
    conn.execute(delete(keys).where(keys.c.owner == owner, keys.c.key == key))


def prune(conn: Connection, before: dt.datetime) -> int:
    """Remove the keys made before `before`; return how many."""
    done = conn.execute(delete(keys).where(keys.c.created_at < _utc(before)))
    return int(done.rowcount or 0)
