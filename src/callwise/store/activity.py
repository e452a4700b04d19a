"""The call log (with promises), trips, snoozes and custom occasions, mapped to rows and back."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Table,
    and_,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    text,
    update,
)

from callwise.domain.calls import TOUCHING, Call, CustomOccasion, Outcome, Promise, Snooze, Trip
from callwise.domain.zone_evidence import city_coordinates
from callwise.store.contact_rows import cadence_columns
from callwise.store.tables import calls, contacts, custom_occasions, promises, snoozes, trips

BATCH = 1000


def _new_id(result: Any) -> int:
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _call_row(call: Call) -> dict[str, Any]:
    return {
        "contact_id": call.contact_id,
        "at": _utc(call.at),
        "outcome": call.outcome.value,
        "occasion": call.occasion,
        "duration_seconds": call.duration_seconds,
        "notes": call.notes,
        "topics": json.dumps(list(call.topics)),
        "follow_up": call.follow_up,
        "call_back_at": _utc(call.call_back_at),
        "agent_name": call.agent_name,
        "reference": call.reference,
        "recap": call.recap,
    }


def insert_calls(conn: Connection, batch: Sequence[Call]) -> list[int]:
    """Log calls with their promises; a touching call moves the contact's keep-in-touch anchor
    (P6.1). Returns the new ids in order."""
    ids: list[int] = []
    for call in batch:
        ids.append(_new_id(conn.execute(insert(calls).values(_call_row(call)))))
    promise_rows = [
        {
            "call_id": call_id,
            "contact_id": call.contact_id,
            "position": i,
            "text": p.text,
            "due": p.due,
            "done": p.done,
        }
        for call_id, call in zip(ids, batch, strict=True)
        for i, p in enumerate(call.promises)
    ]
    if promise_rows:
        conn.execute(insert(promises), promise_rows)
    _touch(conn, [c for c in batch if c.outcome in TOUCHING])
    return ids


def bulk_insert_calls(conn: Connection, batch: Sequence[Call]) -> None:
    """Many calls without promises in one statement (benchmarks); anchors are updated too."""
    if batch:
        conn.execute(insert(calls), [_call_row(c) for c in batch])
        _touch(conn, [c for c in batch if c.outcome in TOUCHING])


def _touch(conn: Connection, touching: Sequence[Call]) -> None:
    """Set last_touch_at to the latest touching call and recompute the cadence columns."""
    latest: dict[int, dt.datetime] = {}
    for call in touching:
        at = _utc(call.at)
        assert at is not None
        if call.contact_id not in latest or at > latest[call.contact_id]:
            latest[call.contact_id] = at
    _touch_latest(conn, latest)


def _touch_latest(conn: Connection, latest: dict[int, dt.datetime]) -> None:
    """Move each contact's last touch to the given instant when it is later (P6.1), a batch
    of contacts per statement (a restore touches up to every contact)."""
    ids = sorted(latest)
    change = (
        update(contacts)
        .where(contacts.c.id == bindparam("t_id"))
        .values(
            last_touch_at=bindparam("t_at"),
            cadence_anchor=bindparam("t_anchor"),
            cadence_due=bindparam("t_due"),
        )
    )
    for start in range(0, len(ids), BATCH):
        c = contacts.c
        rows = conn.execute(
            select(c.id, c.last_touch_at, c.cadence_days, c.created_at, c.met_date).where(
                c.id.in_(ids[start : start + BATCH])
            )
        ).all()
        params = []
        for contact_id, previous, cadence, created, met in rows:
            at = max(latest[contact_id], _utc(previous) or latest[contact_id])
            anchor, due = cadence_columns(_utc(created) or at, at, cadence, met)
            params.append({"t_id": contact_id, "t_at": at, "t_anchor": anchor, "t_due": due})
        if params:
            conn.execute(change, params)


def _call(row: Any, kept: Sequence[Promise]) -> Call:
    m = row._mapping
    return Call(
        contact_id=m["contact_id"],
        at=_utc(m["at"]) or dt.datetime.min.replace(tzinfo=dt.UTC),
        outcome=Outcome(m["outcome"]),
        id=m["id"],
        occasion=m["occasion"],
        duration_seconds=m["duration_seconds"],
        notes=m["notes"],
        topics=tuple(json.loads(m["topics"])),
        promises=tuple(kept),
        follow_up=m["follow_up"],
        call_back_at=_utc(m["call_back_at"]),
        agent_name=m["agent_name"],
        reference=m["reference"],
        recap=m["recap"],
    )


def _with_promises(conn: Connection, rows: Sequence[Any]) -> list[Call]:
    kept: dict[int, list[Promise]] = defaultdict(list)
    ids = [r.id for r in rows]
    for start in range(0, len(ids), BATCH):
        found = conn.execute(
            select(promises)
            .where(promises.c.call_id.in_(ids[start : start + BATCH]))
            .order_by(promises.c.call_id, promises.c.position)
        )
        for p in found:
            kept[p.call_id].append(Promise(p.text, p.due, bool(p.done)))
    return [_call(r, kept[r.id]) for r in rows]


def history(conn: Connection, contact_id: int, *, limit: int = 100) -> list[Call]:
    """A contact's calls, newest first."""
    rows = conn.execute(
        select(calls)
        .where(calls.c.contact_id == contact_id)
        .order_by(calls.c.at.desc(), calls.c.id.desc())
        .limit(limit)
    ).all()
    return _with_promises(conn, rows)


def one_call(conn: Connection, contact_id: int, call_id: int) -> Call | None:
    """One of a contact's calls, with its promises; None when they have no such call."""
    rows = conn.execute(
        select(calls).where(calls.c.id == call_id, calls.c.contact_id == contact_id)
    ).all()
    found = _with_promises(conn, rows)
    return found[0] if found else None


def recent_calls(
    conn: Connection, contact_ids: Sequence[int], since: dt.datetime
) -> dict[int, list[Call]]:
    """Calls since a moment, plus every call that still has an open promise or follow-up,
    for each contact (what occasion finding reads)."""
    found: dict[int, list[Call]] = defaultdict(list)
    for start in range(0, len(contact_ids), BATCH):
        chunk = list(contact_ids[start : start + BATCH])
        open_promise = select(promises.c.call_id).where(
            promises.c.contact_id.in_(chunk), promises.c.done.is_(False)
        )
        rows = conn.execute(
            select(calls).where(
                calls.c.contact_id.in_(chunk),
                or_(
                    calls.c.at >= since,
                    calls.c.follow_up.is_not(None),
                    calls.c.id.in_(open_promise),
                ),
            )
        ).all()
        for call in _with_promises(conn, rows):
            found[call.contact_id].append(call)
    return found


def last_touches(conn: Connection, contact_ids: Sequence[int]) -> dict[int, Call]:
    """The latest touching call of each contact (for the keep-in-touch reason in words)."""
    found: dict[int, Call] = {}
    for start in range(0, len(contact_ids), BATCH):
        chunk = list(contact_ids[start : start + BATCH])
        latest = (
            select(calls.c.contact_id, func.max(calls.c.at).label("at"))
            .where(calls.c.contact_id.in_(chunk), calls.c.outcome.in_([o.value for o in TOUCHING]))
            .group_by(calls.c.contact_id)
            .subquery()
        )
        rows = conn.execute(
            select(calls).join(
                latest, and_(calls.c.contact_id == latest.c.contact_id, calls.c.at == latest.c.at)
            )
        ).all()
        for call in _with_promises(conn, rows):
            found[call.contact_id] = call
    return found


def mark_promises_done(conn: Connection, contact_id: int) -> int:
    """Settle a contact's open promises (they were kept); returns how many."""
    result = conn.execute(
        update(promises)
        .where(promises.c.contact_id == contact_id, promises.c.done.is_(False))
        .values(done=True)
    )
    return int(result.rowcount or 0)


def insert_trip(conn: Connection, trip: Trip) -> int:
    coordinates = city_coordinates(trip.city, trip.region, trip.country)
    values = {
        "city": trip.city,
        "region": trip.region,
        "country": trip.country,
        "start": trip.start,
        "end": trip.end,
        "notes": trip.notes,
        "latitude": coordinates[0] if coordinates else None,
        "longitude": coordinates[1] if coordinates else None,
    }
    return _new_id(conn.execute(insert(trips).values(values)))


def list_trips(
    conn: Connection, *, ending_after: dt.date | None = None
) -> list[tuple[Trip, tuple[float, float] | None]]:
    """Trips (with their city's coordinates) in start order, optionally only those not over."""
    stmt = select(trips).order_by(trips.c.start, trips.c.id)
    if ending_after is not None:
        stmt = stmt.where(trips.c.end >= ending_after)
    result = []
    for r in conn.execute(stmt):
        trip = Trip(r.city, r.start, r.end, r.id, r.region, r.country, r.notes)
        where = (r.latitude, r.longitude) if r.latitude is not None else None
        result.append((trip, where))
    return result


def delete_trip(conn: Connection, trip_id: int) -> bool:
    return bool(conn.execute(delete(trips).where(trips.c.id == trip_id)).rowcount)


def set_snooze(conn: Connection, snooze: Snooze) -> None:
    conn.execute(delete(snoozes).where(snoozes.c.contact_id == snooze.contact_id))
    conn.execute(
        insert(snoozes).values(
            contact_id=snooze.contact_id, until=snooze.until, reason=snooze.reason
        )
    )


def snoozes_for(conn: Connection, contact_ids: Iterable[int], day: dt.date) -> dict[int, Snooze]:
    """Snoozes still running on `day`, by contact."""
    ids = list(contact_ids)
    found: dict[int, Snooze] = {}
    for start in range(0, len(ids), BATCH):
        rows = conn.execute(
            select(snoozes).where(
                snoozes.c.contact_id.in_(ids[start : start + BATCH]), snoozes.c.until > day
            )
        )
        found.update({r.contact_id: Snooze(r.contact_id, r.until, r.reason) for r in rows})
    return found


def insert_custom_occasion(conn: Connection, occasion: CustomOccasion) -> int:
    values = {
        "contact_id": occasion.contact_id,
        "label": occasion.label,
        "rrule": occasion.rrule,
        "start": occasion.start,
        "needs_answer": occasion.needs_answer,
    }
    return _new_id(conn.execute(insert(custom_occasions).values(values)))


def custom_occasions_for(
    conn: Connection, contact_ids: Iterable[int] | None = None
) -> dict[int, list[CustomOccasion]]:
    """User-defined occasions by contact (all of them when `contact_ids` is None: the table
    holds what users typed, so it stays small)."""
    stmt = select(custom_occasions)
    if contact_ids is not None:
        stmt = stmt.where(custom_occasions.c.contact_id.in_(list(contact_ids)))
    found: dict[int, list[CustomOccasion]] = defaultdict(list)
    for r in conn.execute(stmt):
        found[r.contact_id].append(
            CustomOccasion(r.contact_id, r.label, r.rrule, r.start, r.id, bool(r.needs_answer))
        )
    return found


def touch_from_calls(conn: Connection, contact_ids: Sequence[int]) -> None:
    """After calls were written by id (a restore), each contact's last touch becomes its
    latest touching call, as if they had been logged (P6.1)."""
    wanted = sorted(set(contact_ids))
    latest: dict[int, dt.datetime] = {}
    for start in range(0, len(wanted), BATCH):
        rows = conn.execute(
            select(calls.c.contact_id, func.max(calls.c.at))
            .where(
                calls.c.contact_id.in_(wanted[start : start + BATCH]),
                calls.c.outcome.in_([o.value for o in TOUCHING]),
            )
            .group_by(calls.c.contact_id)
        )
        for contact_id, at in rows:
            latest[contact_id] = _utc(at) or at
    _touch_latest(conn, latest)


def _key(table: Table) -> Column[Any]:
    (key,) = table.primary_key.columns
    return key


def table_rows(conn: Connection, table: Table) -> Iterator[dict[str, Any]]:
    """Every row of a table with a one-column key, in key order, a batch at a time (the
    backup streams them)."""
    key = _key(table)
    last: Any = None
    while True:
        stmt = select(table).order_by(key).limit(BATCH)
        if last is not None:
            stmt = stmt.where(key > last)
        rows = conn.execute(stmt).mappings().all()
        if not rows:
            return
        yield from (dict(r) for r in rows)
        last = rows[-1][key.name]


def existing_keys(conn: Connection, table: Table, keys: Iterable[Any]) -> set[Any]:
    """Which of `keys` are stored in `table` (by its one-column key)."""
    key, wanted = _key(table), sorted(set(keys))
    found: set[Any] = set()
    for start in range(0, len(wanted), BATCH):
        found.update(conn.scalars(select(key).where(key.in_(wanted[start : start + BATCH]))))
    return found


def upsert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> int:
    """Write rows by their own keys (a restore): insert the missing ones, overwrite the stored
    ones. Returns how many were new; on PostgreSQL the id sequence moves past them."""
    key = _key(table)
    present = existing_keys(conn, table, [r[key.name] for r in rows])
    fresh = [r for r in rows if r[key.name] not in present]
    stale = [r for r in rows if r[key.name] in present]
    if fresh:
        conn.execute(insert(table), fresh)
    if stale:
        names = [c.name for c in table.columns if c.name in stale[0] and c is not key]
        change = update(table).where(key == bindparam("k_" + key.name))
        change = change.values({n: bindparam("k_" + n) for n in names})
        conn.execute(change, [{"k_" + n: v for n, v in r.items()} for r in stale])
    if fresh and conn.dialect.name == "postgresql" and table.autoincrement_column is not None:
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', '{key.name}'), "
                f"COALESCE((SELECT MAX({key.name}) FROM {table.name}), 0) + 1, false)"
            )
        )
    return len(fresh)
