"""Contacts as table rows and back: the values of a `contacts` row and of its phones, emails
and dates, the `Contact` a row holds, and writing many rows at once (issue 2: 100k contacts
in under 10 s on SQLite).

Rows are plain tuples in a fixed column order. On SQLite many of them go through one prepared
statement with SQLAlchemy's own type processing, without compiling parameters row by row."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Dialect, Table

from callwise.domain.acquaintance import first_call_due, keep_in_touch_due
from callwise.domain.contacts import search_text
from callwise.domain.merge import given_key, name_key, normalise_linkedin_url
from callwise.domain.model import (
    AddressForm,
    Contact,
    Email,
    Gatekeeper,
    HowWeMet,
    OtherDate,
    PartialDate,
    Phone,
    RelationshipKind,
)
from callwise.domain.text import fold
from callwise.domain.zone_evidence import city_coordinates
from callwise.store.tables import contact_dates, contact_emails, contact_phones, contacts

ROW_KEYS = (
    *("given_name", "family_name", "display_name", "nickname", "honorific", "kind"),
    *("kind_guessed", "address_form", "job_title", "organization", "department"),
    *("met_event", "met_date", "met_place", "met_circumstances", "met_introduced_by"),
    *("city", "region", "country", "time_zone", "availability"),
    *("gatekeeper_name", "gatekeeper_role", "gatekeeper_phone"),
    *("interests", "family_notes", "avoid_topics", "birth_month", "birth_day", "birth_year"),
    *("other_dates", "source", "connected_on", "linkedin_url", "cadence_days", "tags", "notes"),
    *("sort_name", "search_text", "linkedin_key", "name_key", "given_key"),
    *("created_at", "updated_at"),
    *("city_key", "latitude", "longitude", "cadence_anchor", "cadence_due"),
)
PHONE_KEYS = ("contact_id", "position", "number", "label", "valid")
EMAIL_KEYS = ("contact_id", "position", "address", "folded", "label")
DATE_KEYS = ("contact_id", "label", "month", "day", "year")
PLAN_KEYS = ROW_KEYS[-5:]


def utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _json_list(items: Iterable[Any]) -> str:
    """`json.dumps` of a list; the empty list (most of them) without the encoder."""
    values = list(items)
    return json.dumps(values) if values else "[]"


def plan_values(
    city: str,
    region: str,
    country: str,
    created_at: dt.datetime,
    last_touch_at: dt.datetime | None,
    cadence_days: int | None,
    met_date: dt.date | None = None,
) -> tuple[Any, ...]:
    """The PLAN_KEYS columns the plan queries by index: city key and coordinates (trips, P9.3)
    and the keep-in-touch anchor and due date (`cadence_columns`)."""
    coordinates = city_coordinates(city, region, country) if city.strip() else None
    return (
        fold(city),
        coordinates[0] if coordinates else None,
        coordinates[1] if coordinates else None,
        *cadence_columns(created_at, last_touch_at, cadence_days, met_date),
    )


def cadence_columns(
    created_at: dt.datetime,
    last_touch_at: dt.datetime | None,
    cadence_days: int | None,
    met_date: dt.date | None,
) -> tuple[dt.date, dt.date | None]:
    """`cadence_anchor` (the last touch, else creation) and `cadence_due`: an own cadence's
    date, or the prompt first call after meeting someone new when sooner, with no cadence of
    their own too (`domain.acquaintance`, P6.1, P9.5)."""
    anchor = utc(last_touch_at or created_at).date()
    touched = utc(last_touch_at).date() if last_touch_at else None
    first = first_call_due(met_date, utc(created_at).date(), touched)
    return anchor, keep_in_touch_due(anchor, cadence_days, first)


def row_values(
    contact: Contact, last_touch_at: dt.datetime | None = None, stamp: dt.datetime | None = None
) -> tuple[Any, ...]:
    """The `contacts` row of `contact` in ROW_KEYS order (phones and emails have their own
    tables). `stamp`, when given, is its creation and update time (a new contact)."""
    c, gk, met, bday = contact, contact.gatekeeper, contact.met, contact.birthday
    created, updated = (stamp, stamp) if stamp else (c.created_at, c.updated_at)
    assert created is not None and updated is not None
    return (
        *(c.given_name, c.family_name, c.display_name, c.nickname, c.honorific, c.kind.value),
        c.kind_guessed,
        c.address_form.value if c.address_form else None,
        *(c.job_title, c.organization, c.department),
        *(met.event, met.date, met.place, met.circumstances, met.introduced_by),
        *(c.city, c.region, c.country, c.time_zone, c.availability),
        *((gk.name, gk.role, gk.phone) if gk else (None, None, None)),
        _json_list(c.interests),
        c.family_notes,
        _json_list(c.avoid_topics),
        *((bday.month, bday.day, bday.year) if bday else (None, None, None)),
        _json_list([o.label, o.date.isoformat()] for o in c.other_dates),
        *(c.source, c.connected_on, c.linkedin_url, c.cadence_days, _json_list(c.tags), c.notes),
        fold(c.name),
        search_text(c),
        normalise_linkedin_url(c.linkedin_url) if c.linkedin_url else "",
        name_key(c),
        given_key(c),
        utc(created),
        utc(updated),
        *plan_values(c.city, c.region, c.country, created, last_touch_at, c.cadence_days, met.date),
    )


def child_values(
    pairs: Iterable[tuple[int, Contact]],
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Phone, email and date rows (PHONE_KEYS, EMAIL_KEYS, DATE_KEYS) of stored contacts."""
    phones: list[tuple[Any, ...]] = []
    emails: list[tuple[Any, ...]] = []
    dates: list[tuple[Any, ...]] = []
    for contact_id, c in pairs:
        phones += [(contact_id, i, p.number, p.label, p.valid) for i, p in enumerate(c.phones)]
        emails += [
            (contact_id, i, e.address, e.address.casefold(), e.label)
            for i, e in enumerate(c.emails)
        ]
        dates += [
            (contact_id, o.label, o.date.month, o.date.day, o.date.year) for o in c.other_dates
        ]
    return phones, emails, dates


def bound_values(
    dialect: Dialect, table: Table, keys: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> list[tuple[Any, ...]]:
    """`rows` with each value passed through its column type's bind processing for `dialect`
    (dates and times as SQLite stores them, flags as integers), as SQLAlchemy would do."""
    processors = [
        (i, proc)
        for i, key in enumerate(keys)
        if (proc := table.c[key].type.dialect_impl(dialect).bind_processor(dialect)) is not None
    ]
    if not processors:
        return list(rows)
    return [_processed(r, processors) for r in rows]


def _processed(row: tuple[Any, ...], processors: list[tuple[int, Any]]) -> tuple[Any, ...]:
    values = list(row)
    for i, proc in processors:
        if values[i] is not None:
            values[i] = proc(values[i])
    return tuple(values)


def write_rows(
    conn: Connection,
    table: Table,
    keys: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
    *,
    bound: bool = False,
) -> None:
    """Insert `rows` (values in `keys` order). SQLite takes them in one prepared statement,
    bound by `bound_values` unless they are already; other databases through SQLAlchemy."""
    if not rows:
        return
    dialect = conn.dialect
    if dialect.name != "sqlite":
        conn.execute(table.insert(), [dict(zip(keys, r, strict=True)) for r in rows])
        return
    if not bound:
        rows = bound_values(dialect, table, keys, rows)
    quote = dialect.identifier_preparer.quote
    columns = ", ".join(quote(k) for k in keys)
    marks = ", ".join("?" * len(keys))
    conn.exec_driver_sql(f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({marks})", rows)


@dataclass(frozen=True)
class NewRows:
    """New contacts as rows, ready to write: `contacts` rows and their phone, email and date
    rows, whose first value is the contact's position in `contacts` (its id is not known yet).
    Plain values only, so they cross to another process cheaply (see services/demo.py);
    `bound_for` names the dialect whose bind processing they have been through, if any."""

    contacts: list[tuple[Any, ...]]
    phones: list[tuple[Any, ...]]
    emails: list[tuple[Any, ...]]
    dates: list[tuple[Any, ...]]
    bound_for: str = ""


_CHILD_TABLES = (
    (contact_phones, PHONE_KEYS),
    (contact_emails, EMAIL_KEYS),
    (contact_dates, DATE_KEYS),
)


def new_rows(
    batch: Sequence[Contact], stamp: dt.datetime | None = None, dialect: Dialect | None = None
) -> NewRows:
    """The rows of new contacts; `stamp`, when given, is their creation and update time.
    With a SQLite `dialect` they are bound for it already (work a second process can do)."""
    children = child_values(enumerate(batch))
    rows = [row_values(c, stamp=stamp) for c in batch]
    if dialect is None or dialect.name != "sqlite":
        return NewRows(rows, *children)
    phones, emails, dates = (
        bound_values(dialect, t, k, c) for (t, k), c in zip(_CHILD_TABLES, children, strict=True)
    )
    contact_rows = bound_values(dialect, contacts, ROW_KEYS, rows)
    return NewRows(contact_rows, phones, emails, dates, dialect.name)


def write_children(conn: Connection, rows: NewRows, ids: Sequence[int]) -> None:
    """Insert the phones, emails and other dates of `rows`, whose contacts took `ids`."""
    bound = rows.bound_for == conn.dialect.name
    all_children = (rows.phones, rows.emails, rows.dates)
    for (table, keys), children in zip(_CHILD_TABLES, all_children, strict=True):
        write_rows(conn, table, keys, [(ids[r[0]], *r[1:]) for r in children], bound=bound)


def write_contacts(conn: Connection, rows: NewRows) -> None:
    """Insert the `contacts` rows of `rows`, which take new ids."""
    assert rows.bound_for in ("", conn.dialect.name), "rows bound for another database"
    bound = rows.bound_for == conn.dialect.name
    write_rows(conn, contacts, ROW_KEYS, rows.contacts, bound=bound)


def contact_from_row(row: Any, phones: Sequence[Phone], emails: Sequence[Email]) -> Contact:
    """The `Contact` of a `contacts` row, with its phones and emails (read separately)."""
    m = row._mapping
    return Contact(
        id=m["id"],
        given_name=m["given_name"],
        family_name=m["family_name"],
        display_name=m["display_name"],
        nickname=m["nickname"],
        honorific=m["honorific"],
        kind=RelationshipKind(m["kind"]),
        kind_guessed=bool(m["kind_guessed"]),
        address_form=AddressForm(m["address_form"]) if m["address_form"] else None,
        job_title=m["job_title"],
        organization=m["organization"],
        department=m["department"],
        met=HowWeMet(
            m["met_event"],
            m["met_date"],
            m["met_place"],
            m["met_circumstances"],
            m["met_introduced_by"],
        ),
        phones=tuple(phones),
        emails=tuple(emails),
        city=m["city"],
        region=m["region"],
        country=m["country"],
        time_zone=m["time_zone"],
        availability=m["availability"],
        gatekeeper=_gatekeeper(m),
        interests=tuple(json.loads(m["interests"])),
        family_notes=m["family_notes"],
        avoid_topics=tuple(json.loads(m["avoid_topics"])),
        birthday=_birthday(m),
        other_dates=tuple(
            OtherDate(label, PartialDate.parse(iso)) for label, iso in json.loads(m["other_dates"])
        ),
        source=m["source"],
        connected_on=m["connected_on"],
        linkedin_url=m["linkedin_url"],
        cadence_days=m["cadence_days"],
        tags=tuple(json.loads(m["tags"])),
        notes=m["notes"],
        created_at=utc(m["created_at"]),
        updated_at=utc(m["updated_at"]),
    )


def _gatekeeper(m: Mapping[str, Any]) -> Gatekeeper | None:
    if m["gatekeeper_name"] is None and m["gatekeeper_phone"] is None:
        return None
    return Gatekeeper(
        m["gatekeeper_name"] or "", m["gatekeeper_role"] or "", m["gatekeeper_phone"] or ""
    )


def _birthday(m: Mapping[str, Any]) -> PartialDate | None:
    if m["birth_month"] is None:
        return None
    return PartialDate(m["birth_month"], m["birth_day"], m["birth_year"])
