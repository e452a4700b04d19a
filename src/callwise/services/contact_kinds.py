"""Changing the relationship of many contacts at once: the ones a search (and filters) finds.

An import guesses each contact's relationship from the card (domain/kind_guess); this is how
a person corrects a batch of guesses: `contacts edit --all-matching WORDS --kind personal`, or
the Contacts page's "Mark these as ..." after a search. The kind sets how a script addresses
them (P2.6) and when it is courteous to call (P3).

Decisions:
- The contacts are those the search and filters match when the change is written (one
  transaction), so the count shown beforehand is a preview: the change says how many it made.
- Without any search words or filter it is refused: marking the whole book takes a filter
  that says so (a relationship, say).
"""

from __future__ import annotations

from dataclasses import dataclass

from callwise.domain.contact_input import relationship_kind
from callwise.domain.errors import ValidationError
from callwise.domain.model import RelationshipKind
from callwise.services.app import App
from callwise.services.browse import Filters, check_filters, criteria_of
from callwise.store import browse as store


@dataclass(frozen=True)
class KindChange:
    """What marking the matching contacts as `kind` would do, or did."""

    kind: RelationshipKind
    matching: int  # contacts the search finds
    changing: int  # those of another kind, that change


def _checked(filters: Filters, kind: str) -> RelationshipKind:
    check_filters(filters, 1, 0)
    chosen = (filters.query.strip(), filters.relationship, filters.tag, filters.city)
    if not (any(chosen) or filters.overdue):
        raise ValidationError(
            "give words to search for (or a filter): the change applies to the contacts they find",
            field="query",
        )
    return relationship_kind(kind)


def preview_kind_change(app: App, filters: Filters, kind: str) -> KindChange:
    """How many contacts match and how many would change to `kind`; nothing is written."""
    chosen = _checked(filters, kind)
    criteria = criteria_of(app, filters)
    with app.engine.connect() as conn:
        matching, changing = store.kind_counts(conn, criteria, chosen.value)
    return KindChange(chosen, matching, changing)


def set_kind_of_matching(app: App, filters: Filters, kind: str) -> KindChange:
    """Make every contact the search and filters find of `kind`; what changed."""
    chosen = _checked(filters, kind)
    criteria = criteria_of(app, filters)
    with app.transaction() as conn:
        matching, _ = store.kind_counts(conn, criteria, chosen.value)
        changed = store.set_kind(conn, criteria, chosen.value, app.now)
    return KindChange(chosen, matching, changed)
