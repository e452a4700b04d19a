"""Who may be due in a date range, by indexed columns only (issue 5: the cost of a plan grows
with the calls due, not with the address book).

Every query here reads an index: birthdays and other dates by (month, day), connections by
`connected_on`, keep-in-touch calls by `cadence_due` or (kind, `cadence_anchor`), promises by
`due`, agreed follow-ups by `follow_up`, attempts by `at`, trip neighbours by `city_key` and
`latitude`. Queries for calls that can wait return (due date, id) pairs, most overdue first,
at most `limit` of them; the caller keeps the most overdue overall (P6.1, P9.1-P9.4, P10.3).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import ARRAY, Connection, Integer, and_, any_, bindparam, exists, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from callwise.domain.calls import UNANSWERED, Outcome
from callwise.store.tables import calls, contact_dates, contact_phones, contacts, promises, snoozes

BATCH = 1000
Due = tuple[dt.date, int]  # (the day a call falls due, contact id)
_DAY = dt.timedelta(days=1)
_ATTEMPTS = [o.value for o in (*UNANSWERED, Outcome.VOICEMAIL, Outcome.CALL_BACK)]


def month_day_spans(first: dt.date, last: dt.date) -> list[tuple[int, int, int]]:
    """(month, first day, last day) spans covering first..last; 29 Feb rides along whenever
    28 Feb or 1 Mar is covered (it is marked on one of them in common years, P9.1)."""
    if (last - first).days >= 365:
        return [(month, 1, 31) for month in range(1, 13)]
    spans: dict[int, list[int]] = {}
    day = first
    while day <= last:
        span = spans.setdefault(day.month, [day.day, day.day])
        span[0], span[1] = min(span[0], day.day), max(span[1], day.day)
        day += _DAY
    found = [(month, low, high) for month, (low, high) in spans.items()]
    feb = spans.get(2)
    if (feb and feb[1] >= 28) or (3 in spans and spans[3][0] == 1):
        found.append((2, 29, 29))
    return found


def _on_days(
    month: ColumnElement[int], day: ColumnElement[int], first: dt.date, last: dt.date
) -> ColumnElement[bool]:
    spans = month_day_spans(first, last)
    return or_(*(and_(month == m, day.between(low, high)) for m, low, high in spans))


def birthday_ids(conn: Connection, first: dt.date | None, last: dt.date | None) -> list[int]:
    """Contacts with a birthday between two dates, or with any birthday (None, None) (P9.1)."""
    c = contacts.c
    where: ColumnElement[bool]
    if first is None or last is None:
        where = c.birth_month.is_not(None)
    else:
        where = _on_days(c.birth_month, c.birth_day, first, last)
    return list(conn.scalars(select(c.id).where(where).order_by(c.id)))


def yearly_rows(conn: Connection, first: dt.date, last: dt.date) -> list[tuple[int, int, int]]:
    """(contact id, month, day) of birthdays and other yearly dates between two dates (P9.1,
    P9.4)."""
    c, d = contacts.c, contact_dates.c
    where = _on_days(c.birth_month, c.birth_day, first, last)
    found = [
        (i, m, dd)
        for i, m, dd in conn.execute(select(c.id, c.birth_month, c.birth_day).where(where))
    ]
    where = _on_days(d.month, d.day, first, last)
    found += [
        (i, m, dd) for i, m, dd in conn.execute(select(d.contact_id, d.month, d.day).where(where))
    ]
    return found


def _awake(last: dt.date, contact_id: ColumnElement[int]) -> ColumnElement[bool]:
    """Not snoozed past the range's last day."""
    return ~exists().where(snoozes.c.contact_id == contact_id, snoozes.c.until > last)


def connection_deadlines_between(
    conn: Connection, first: dt.date, last: dt.date, window_days: int
) -> list[tuple[int, dt.date]]:
    """(contact id, last day to call) of new connections whose last day falls between two
    dates: all of them (P9.2)."""
    c, window = contacts.c, window_days * _DAY
    rows = conn.execute(
        select(c.id, c.connected_on).where(c.connected_on.between(first - window, last - window))
    )
    return [(contact_id, on + window) for contact_id, on in rows]


def connection_due(
    conn: Connection, first: dt.date, last: dt.date, window_days: int, *, limit: int
) -> list[Due]:
    """New connections still open on a day of the range, the oldest first (P9.2, P9.5)."""
    c, window = contacts.c, window_days * _DAY
    rows = conn.execute(
        select(c.connected_on, c.id)
        .where(c.connected_on.between(first - window, last), _awake(last, c.id))
        .order_by(c.connected_on)
        .limit(limit)
    )
    return [(on, contact_id) for on, contact_id in rows]


def cadence_due(
    conn: Connection, last: dt.date, defaults: Mapping[str, int | None], *, limit: int
) -> list[Due]:
    """Keep-in-touch calls due by `last` (P6.1): an own cadence by `cadence_due`, a default
    cadence per relationship kind by (kind, `cadence_anchor`); the most overdue first."""
    c = contacts.c
    rows = conn.execute(
        select(c.cadence_due, c.id)
        .where(c.cadence_due <= last, _awake(last, c.id))
        .order_by(c.cadence_due)
        .limit(limit)
    )
    found: list[Due] = [(due, contact_id) for due, contact_id in rows]
    for kind, every in defaults.items():
        if not every:
            continue
        rows = conn.execute(
            select(c.cadence_anchor, c.id)
            .where(
                c.kind == kind,
                c.cadence_anchor <= last - every * _DAY,
                c.cadence_days.is_(None),
                _awake(last, c.id),
            )
            .order_by(c.cadence_anchor)
            .limit(limit)
        )
        found += [(anchor + every * _DAY, contact_id) for anchor, contact_id in rows]
    return found


def promise_due(conn: Connection, last: dt.date, *, limit: int) -> list[Due]:
    """Contacts with an open promise due by `last` (P6.1), the earliest due first.

    Read in due order along the index and stopped early: no grouping over every promise."""
    p = promises.c
    rows = conn.execute(
        select(p.due, p.contact_id)
        .where(p.due <= last, p.done.is_(False), _awake(last, p.contact_id))
        .order_by(p.due)
        .limit(2 * limit)
    )
    return [(due, contact_id) for due, contact_id in rows]


def _day_after(conn: Connection, day: ColumnElement[dt.date]) -> ColumnElement[Any]:
    """The day after a date column, comparable with an instant (a day's margin for zones)."""
    if conn.dialect.name == "sqlite":
        return func.date(day, "+1 day")
    return day + dt.timedelta(days=1)


def follow_up_open(conn: Connection) -> ColumnElement[bool]:
    """Whether the follow-up agreed in a row of `calls` is still open, with `contacts` in the
    query (P6.1): no later call agreed another, and no touching call was made on or after its
    date (within a day's margin for the contact's zone; occasion finding decides exactly)."""
    k, c = calls.c, contacts.c
    later = calls.alias("later")
    replaced = exists().where(
        later.c.contact_id == k.contact_id, later.c.at > k.at, later.c.follow_up.is_not(None)
    )
    done = c.last_touch_at >= _day_after(conn, k.follow_up)
    return and_(k.follow_up.is_not(None), ~replaced, or_(c.last_touch_at.is_(None), ~done))


def follow_up_due(conn: Connection, last: dt.date, *, limit: int) -> list[Due]:
    """A next call agreed for a day by `last` and still open (`follow_up_open`, P6.1).

    Read in date order along the `follow_up` index and stopped early."""
    k, c = calls.c, contacts.c
    rows = conn.execute(
        select(k.follow_up, k.contact_id)
        .join(contacts, c.id == k.contact_id)
        .where(k.follow_up <= last, follow_up_open(conn), _awake(last, k.contact_id))
        .order_by(k.follow_up)
        .limit(2 * limit)
    )
    return [(due, contact_id) for due, contact_id in rows]


def attempt_due(conn: Connection, since: dt.datetime, last: dt.date, *, limit: int) -> list[Due]:
    """Contacts whose latest call since `since` reached nobody in person or asked for a call
    back: another attempt is due (P10.3), the oldest attempt first."""
    k = calls.c
    later = calls.alias("later")
    newer = exists().where(later.c.contact_id == k.contact_id, later.c.at > k.at)
    rows = conn.execute(
        select(k.at, k.contact_id)
        .where(k.at >= since, k.outcome.in_(_ATTEMPTS), ~newer, _awake(last, k.contact_id))
        .order_by(k.at)
        .limit(limit)
    )
    return [(at.date(), contact_id) for at, contact_id in rows]


def call_back_ids(conn: Connection, first: dt.date, last: dt.date) -> set[int]:
    """Contacts who asked to be called back at a time they gave between two dates (P3.4):
    that is a fixed day. By the `call_back_at` index; a day's margin covers every zone."""
    k = calls.c
    low = dt.datetime.combine(first - _DAY, dt.time(), dt.UTC)
    high = dt.datetime.combine(last + 2 * _DAY, dt.time(), dt.UTC)
    query = select(k.contact_id).where(
        k.call_back_at >= low, k.call_back_at < high, k.outcome == Outcome.CALL_BACK.value
    )
    return set(conn.scalars(query))


def city_ids(conn: Connection, city_key: str, *, limit: int) -> list[int]:
    """Contacts in a city by its folded name ('denver', also 'denver, co ...')."""
    c = contacts.c
    if not city_key:
        return []
    # ',' sorts just before '-': the range holds the keys that continue with a comma.
    with_hint = and_(c.city_key > f"{city_key},", c.city_key < f"{city_key}-")
    query = select(c.id).where(or_(c.city_key == city_key, with_hint)).limit(limit)
    return list(conn.scalars(query))


def near_ids(
    conn: Connection, latitude: float, longitude: float, radius_km: float
) -> list[tuple[int, float, float]]:
    """(id, latitude, longitude) of contacts inside the box around a radius, by the latitude
    index; the caller measures the distance (P9.3)."""
    c = contacts.c
    band = radius_km / 110.574 + 0.01  # km per degree of latitude
    where = [c.latitude.between(latitude - band, latitude + band)]
    shrink = math.cos(math.radians(min(89.0, abs(latitude) + band)))
    wide = band / shrink
    if abs(longitude) + wide < 180:  # a box across the antimeridian keeps the band only
        where.append(c.longitude.between(longitude - wide, longitude + wide))
    rows = conn.execute(select(c.id, c.latitude, c.longitude).where(*where))
    return [(contact_id, lat, lon) for contact_id, lat, lon in rows]


def coordinates(conn: Connection, ids: Sequence[int]) -> dict[int, tuple[float, float]]:
    """The stored coordinates of these contacts' cities, where known."""
    c = contacts.c
    found: dict[int, tuple[float, float]] = {}
    for where in among(conn, c.id, ids):
        rows = conn.execute(
            select(c.id, c.latitude, c.longitude).where(where, c.latitude.is_not(None))
        )
        found.update({contact_id: (lat, lon) for contact_id, lat, lon in rows})
    return found


Place = tuple[str, str, str, str, tuple[str, ...]]  # zone, city, region, country, phones


def among(conn: Connection, column: ColumnElement[int], ids: Sequence[int]) -> Iterator[Any]:
    """`column IN ids`, in as few statements as the backend allows: one array parameter on
    PostgreSQL (1000 separate parameters cost it milliseconds per statement), batches of
    `BATCH` on SQLite (its limit on parameters)."""
    if conn.dialect.name == "postgresql":
        if ids:
            yield column == any_(bindparam("ids", list(ids), type_=ARRAY(Integer)))
        return
    for start in range(0, len(ids), BATCH):
        yield column.in_(list(ids[start : start + BATCH]))


def places(conn: Connection, ids: Sequence[int]) -> dict[int, Place]:
    """Where each contact is, as `resolve_location` reads it: the zone, city, region and
    country they gave and their valid phone numbers, without loading them in full."""
    c, p = contacts.c, contact_phones.c
    phones: dict[int, list[str]] = defaultdict(list)
    for where in among(conn, p.contact_id, ids):
        rows = conn.execute(
            select(p.contact_id, p.number)
            .where(where, p.valid.is_(True))
            .order_by(p.contact_id, p.position)
        )
        for contact_id, number in rows:
            phones[contact_id].append(number)
    found: dict[int, Place] = {}
    columns = (c.id, c.time_zone, c.city, c.region, c.country)
    for where in among(conn, c.id, ids):
        for i, zone, city, region, country in conn.execute(select(*columns).where(where)):
            found[i] = (zone, city, region, country, tuple(phones[i]))
    return found


def snoozed_through(conn: Connection, last: dt.date) -> set[int]:
    """Contacts snoozed beyond `last`: left out of a plan ending then."""
    return set(conn.scalars(select(snoozes.c.contact_id).where(snoozes.c.until > last)))


def yearly_counts(
    conn: Connection, first: dt.date, last: dt.date
) -> tuple[dict[tuple[int, int], int], dict[tuple[int, int], int]]:
    """Birthdays, and other yearly dates, per (month, day) between two dates (week ahead)."""
    c, d = contacts.c, contact_dates.c
    found: list[dict[tuple[int, int], int]] = []
    for month, day in ((c.birth_month, c.birth_day), (d.month, d.day)):
        rows = conn.execute(
            select(month, day, func.count())
            .where(_on_days(month, day, first, last))
            .group_by(month, day)
        )
        found.append({(m, dd): n for m, dd, n in rows})
    return found[0], found[1]


def connection_deadlines(
    conn: Connection, first: dt.date, last: dt.date, window_days: int
) -> dict[dt.date, int]:
    """How many connections reach their last day to call on each day (week ahead, P9.2)."""
    c, window = contacts.c, window_days * _DAY
    rows = conn.execute(
        select(c.connected_on, func.count())
        .where(c.connected_on.between(first - window, last - window))
        .group_by(c.connected_on)
    )
    return {on + window: n for on, n in rows}


def merge_due(groups: Iterable[Iterable[Due]], limit: int) -> list[int]:
    """The ids of the `limit` most overdue calls over several queries, each id once."""
    best: dict[int, dt.date] = {}
    for group in groups:
        for due, contact_id in group:
            if contact_id not in best or due < best[contact_id]:
                best[contact_id] = due
    ordered = sorted(best.items(), key=lambda item: (item[1], item[0]))
    return [contact_id for contact_id, _ in ordered[:limit]]
