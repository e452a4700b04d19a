"""Browsing the contact book in the web app and the API: search plus filters (issue 7).

Decisions:
- Filters combine with AND; the search words work as in `contacts find` (every word must
  appear in names, organization, city, tags or notes, ignoring case and accents).
- "Overdue" is `domain.overdue`, as in the plan: past the date a call was due, by your date:
  the keep-in-touch date (their own cadence or a prompt first call after meeting them, else
  their relationship kind's default, P6.1, P9.5), an open promise's due date, or an agreed
  next call's date.
- The total is counted, so pages can say "41-60 of 312".
"""

from __future__ import annotations

from dataclasses import dataclass

from callwise.domain.errors import ValidationError
from callwise.domain.model import RELATIONSHIP_KINDS, Contact
from callwise.services.app import App
from callwise.services.plan import home_today
from callwise.store import browse as store
from callwise.store import contacts as contact_store

MAX_LIMIT = 200


@dataclass(frozen=True)
class Filters:
    query: str = ""
    relationship: str | None = None
    tag: str | None = None
    city: str | None = None
    overdue: bool = False


@dataclass(frozen=True)
class BrowsePage:
    contacts: list[Contact]
    total: int
    limit: int
    offset: int

    @property
    def more(self) -> bool:
        return self.offset + len(self.contacts) < self.total


@dataclass(frozen=True)
class Choices:
    """What the filter menus offer."""

    tags: list[str]
    cities: list[str]


def check_filters(filters: Filters, limit: int, offset: int) -> None:
    if filters.relationship and filters.relationship not in RELATIONSHIP_KINDS:
        kinds = ", ".join(RELATIONSHIP_KINDS)
        raise ValidationError(
            f"{filters.relationship!r} is not a relationship; use one of: {kinds}",
            field="relationship",
        )
    if not 1 <= limit <= MAX_LIMIT:
        raise ValidationError(f"use a page size from 1 to {MAX_LIMIT}", field="limit")
    if offset < 0:
        raise ValidationError("use an offset of 0 or more", field="offset")


def browse_contacts(app: App, filters: Filters, *, limit: int = 50, offset: int = 0) -> BrowsePage:
    """One page of the contacts matching every filter, in name order."""
    check_filters(filters, limit, offset)
    criteria = criteria_of(app, filters)
    with app.engine.connect() as conn:
        ids, total = store.browse_ids(conn, criteria, limit=limit, offset=offset)
        return BrowsePage(contact_store.get_contacts(conn, ids), total, limit, offset)


def criteria_of(app: App, filters: Filters) -> store.Criteria:
    """What the store matches for these filters (overdue by your date and default cadences)."""
    return store.Criteria(
        query=filters.query,
        kind=filters.relationship or None,
        tag=(filters.tag or "").strip() or None,
        city=(filters.city or "").strip() or None,
        due_before=home_today(app) if filters.overdue else None,
        default_cadences=_default_cadences(app) if filters.overdue else (),
    )


def _default_cadences(app: App) -> tuple[tuple[str, int], ...]:
    settings = app.settings()
    found = ((kind, getattr(settings, f"cadence_{kind}")) for kind in RELATIONSHIP_KINDS)
    return tuple((kind, days) for kind, days in found if days)


def filter_choices(app: App) -> Choices:
    with app.engine.connect() as conn:
        return Choices(store.tag_choices(conn), store.city_choices(conn))
