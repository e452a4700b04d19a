"""Aggregates for the insights charts (issue 7), read through indexes only.

Calls per week and outcome are counted along `ix_calls_at` over the weeks asked for; contacts
going cold are found along `ix_contacts_cadence_due` (an own cadence) and
`ix_contacts_kind_anchor` (the default cadence of a relationship kind), so the cost grows with
the rows in range, never with a scan of every contact (P6.1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, and_, case, func, select
from sqlalchemy.sql.elements import ColumnElement

from callwise.store.tables import calls, contacts

_DAY = dt.timedelta(days=1)


def outcomes_by_week(conn: Connection, bounds: Sequence[dt.datetime]) -> list[tuple[int, str, int]]:
    """(week index, outcome, calls) for calls in [bounds[0], bounds[-1]); week i runs from
    bounds[i] to bounds[i + 1] (aware instants, so weeks follow the user's zone)."""
    k = calls.c
    weeks = len(bounds) - 1
    week = case(*((k.at < b, i) for i, b in enumerate(bounds[1:-1])), else_=weeks - 1)
    inner = (
        select(week.label("week"), k.outcome.label("outcome"))
        .where(k.at >= bounds[0], k.at < bounds[-1])
        .subquery()
    )
    rows = conn.execute(
        select(inner.c.week, inner.c.outcome, func.count()).group_by(inner.c.week, inner.c.outcome)
    )
    return [(int(w), str(o), int(n)) for w, o, n in rows]


@dataclass(frozen=True)
class CadenceGroup:
    """Contacts sharing one way of falling due: `column` + `offset_days` is the due date.

    An own cadence, or a prompt first call after meeting someone new (P9.5): `cadence_due` + 0;
    a kind's default otherwise: `cadence_anchor` + that cadence."""

    where: ColumnElement[bool]
    column: ColumnElement[dt.date]
    offset_days: int


def cadence_groups(defaults: dict[str, int | None]) -> list[CadenceGroup]:
    """The groups for the user's default cadences per relationship kind (P6.1)."""
    c = contacts.c
    found = [CadenceGroup(c.cadence_due.is_not(None), c.cadence_due, 0)]
    for kind, every in sorted(defaults.items()):
        if every:
            where = and_(c.kind == kind, c.cadence_days.is_(None), c.cadence_due.is_(None))
            found.append(CadenceGroup(where, c.cadence_anchor, every))
    return found


def _due_range(
    group: CadenceGroup, today: dt.date, late_min: int | None, late_max: int | None
) -> ColumnElement[bool]:
    """Due between `late_max` and `late_min` days before today (None: no bound)."""
    edge = today - group.offset_days * _DAY
    parts = [group.where]
    if late_min is not None:
        parts.append(group.column <= edge - late_min * _DAY)
    if late_max is not None:
        parts.append(group.column >= edge - late_max * _DAY)
    return and_(*parts)


def count_due(
    conn: Connection,
    groups: Sequence[CadenceGroup],
    today: dt.date,
    late_min: int | None = None,
    late_max: int | None = None,
) -> int:
    """How many contacts are between `late_min` and `late_max` days past due (negative: not
    yet due); no bounds counts every contact with a cadence."""
    total = 0
    for group in groups:
        query = select(func.count()).select_from(contacts)
        total += conn.scalar(query.where(_due_range(group, today, late_min, late_max))) or 0
    return total


def most_overdue(
    conn: Connection, groups: Sequence[CadenceGroup], today: dt.date, limit: int
) -> list[tuple[int, dt.date]]:
    """(contact id, due date) of the `limit` contacts longest past due, the oldest first."""
    found: list[tuple[int, dt.date]] = []
    for group in groups:
        rows = conn.execute(
            select(contacts.c.id, group.column)
            .where(_due_range(group, today, 1, None))
            .order_by(group.column, contacts.c.id)
            .limit(limit)
        )
        found += [(i, day + group.offset_days * _DAY) for i, day in rows]
    found.sort(key=lambda pair: (pair[1], pair[0]))
    return found[:limit]


def last_touches(conn: Connection, ids: Sequence[int]) -> dict[int, tuple[dt.date, bool]]:
    """Per contact: the cadence anchor (last touch, else the day added) and whether a call
    ever touched them."""
    c = contacts.c
    rows = conn.execute(select(c.id, c.cadence_anchor, c.last_touch_at).where(c.id.in_(list(ids))))
    return {i: (anchor, touched is not None) for i, anchor, touched in rows}
