"""Browsing contacts with filters: search words, relationship, tag, city, overdue (issue 7)."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, exists, func, or_, select, update

from callwise.domain.text import fold
from callwise.store.candidates import follow_up_open
from callwise.store.contacts import _term_condition
from callwise.store.tables import calls, contacts, promises

MAX_CHOICES = 200
_BATCH = 500  # ids in one UPDATE ... IN (...)
_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Criteria:
    """What to match; empty values match everything."""

    query: str = ""
    kind: str | None = None
    tag: str | None = None
    city: str | None = None
    due_before: dt.date | None = None
    default_cadences: tuple[tuple[str, int], ...] = ()


def _conditions(conn: Connection, criteria: Criteria) -> list[ColumnElement[bool]]:
    found = [_term_condition(conn, term) for term in fold(criteria.query).split()]
    if criteria.kind:
        found.append(contacts.c.kind == criteria.kind)
    if criteria.tag:
        found.append(contacts.c.tags.like(f"%{json.dumps(criteria.tag)}%"))
    if criteria.city:
        found.append(contacts.c.city_key == fold(criteria.city))
    if criteria.due_before is not None:
        found.append(_overdue(conn, criteria.due_before, criteria.default_cadences))
    return found


def _overdue(
    conn: Connection, today: dt.date, defaults: tuple[tuple[str, int], ...]
) -> ColumnElement[bool]:
    """Past the date a call was due (`domain.overdue`): the keep-in-touch date (their own
    cadence or a prompt first call, else their kind's default, P6.1, P9.5), an open promise's
    due date or an agreed next call's date."""
    c, p = contacts.c, promises.c
    by_default = [
        and_(
            c.cadence_days.is_(None),
            c.cadence_due.is_(None),
            c.kind == kind,
            c.cadence_anchor < today - dt.timedelta(days),
        )
        for kind, days in defaults
    ]
    promised = exists().where(p.contact_id == c.id, p.done.is_(False), p.due < today)
    k = calls.c
    agreed = exists().where(k.contact_id == c.id, k.follow_up < today, follow_up_open(conn))
    return or_(c.cadence_due < today, promised, agreed, *by_default)


def _where(stmt: Select[Any], conditions: list[ColumnElement[bool]]) -> Select[Any]:
    return stmt.where(and_(*conditions)) if conditions else stmt


def browse_ids(
    conn: Connection, criteria: Criteria, *, limit: int, offset: int
) -> tuple[list[int], int]:
    """One page of ids in name order, and how many match in all."""
    conditions = _conditions(conn, criteria)
    page = _where(select(contacts.c.id), conditions).order_by(contacts.c.sort_name, contacts.c.id)
    ids = [int(i) for i in conn.scalars(page.limit(limit).offset(offset))]
    total = conn.scalar(_where(select(func.count(contacts.c.id)), conditions)) or 0
    return ids, int(total)


def kind_counts(conn: Connection, criteria: Criteria, kind: str) -> tuple[int, int]:
    """How many contacts match, and how many of them are not of `kind` yet."""
    conditions = _conditions(conn, criteria)
    count = select(func.count(contacts.c.id))
    matching = conn.scalar(_where(count, conditions)) or 0
    other = conn.scalar(_where(count, [*conditions, contacts.c.kind != kind])) or 0
    return int(matching), int(other)


def set_kind(conn: Connection, criteria: Criteria, kind: str, now: dt.datetime) -> int:
    """Make every matching contact of `kind`; how many changed."""
    chosen = _where(select(contacts.c.id), [*_conditions(conn, criteria), contacts.c.kind != kind])
    ids = [int(i) for i in conn.scalars(chosen)]
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start : start + _BATCH]
        conn.execute(
            update(contacts)
            .where(contacts.c.id.in_(chunk))
            .values(kind=kind, kind_guessed=False, updated_at=now)
        )
    return len(ids)


def tag_choices(conn: Connection) -> list[str]:
    """Every tag in use, most used first (at most MAX_CHOICES)."""
    counts: Counter[str] = Counter()
    rows = conn.execute(select(contacts.c.tags, func.count()).group_by(contacts.c.tags))
    for text, count in rows:
        for tag in json.loads(text or "[]"):
            counts[tag] += count
    return [tag for tag, _ in counts.most_common(MAX_CHOICES)]


def city_choices(conn: Connection) -> list[str]:
    """Cities in use, most contacts first (at most MAX_CHOICES), as first written."""
    stmt = (
        select(func.min(contacts.c.city), func.count())
        .where(contacts.c.city_key != "")
        .group_by(contacts.c.city_key)
        .order_by(func.count().desc(), func.min(contacts.c.city))
        .limit(MAX_CHOICES)
    )
    return [city for city, _ in conn.execute(stmt)]
