"""Merging two stored records of one person, and undoing it (issue 13).

`plan_merge` says what a merge does to the contact kept: empty fields filled from the other,
lists united, and every conflicting value kept as an alternate. Decision: an alternate lives
in the kept contact's notes as `Also: <field>: <value>` (domain/merge.py's rule, the same an
import follows), so it is seen on the contact's page, found by search and carried by every
export (vCard NOTE, CSV, backup); the merge record lists the alternates too, structured.

`unmerge_fields` gives the kept contact back its values from before the merge, except where
it was changed since: those changes stay, and are listed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from callwise.domain.merge import merge_contacts
from callwise.domain.model import (
    Contact,
    Email,
    Gatekeeper,
    HowWeMet,
    OtherDate,
    PartialDate,
    Phone,
)
from callwise.domain.phones import display_number

LIST_FIELDS = ("phones", "emails", "interests", "avoid_topics", "other_dates", "tags")
_NOT_VALUES = ("id", "created_at", "updated_at")
VALUE_FIELDS = tuple(f.name for f in dataclasses.fields(Contact) if f.name not in _NOT_VALUES)


def label(name: str) -> str:
    """`job_title` -> `job title`, `met.event` -> `met event`: a field as a user reads it."""
    return name.replace("_", " ").replace(".", " ")


def show(value: Any) -> str:
    """A stored value in words, for listings: lists joined, dates in ISO, empty as (empty)."""
    if value is None or value == "" or value == ():
        return "(empty)"
    if isinstance(value, tuple):
        return ", ".join(show(item) for item in value)
    if isinstance(value, Phone):
        return display_number(value.number)
    if isinstance(value, Email):
        return value.address
    if isinstance(value, OtherDate):
        return f"{value.label} {value.date.isoformat()}".strip()
    if isinstance(value, PartialDate):
        return value.isoformat()
    if isinstance(value, HowWeMet | Gatekeeper):
        parts = [show(v) for v in dataclasses.astuple(value) if v not in ("", None)]
        return "; ".join(parts) or "(empty)"
    return str(getattr(value, "value", value))


@dataclass(frozen=True, slots=True)
class Alternate:
    """A value of the other contact that differs from the kept one's: kept, not dropped."""

    field: str
    value: str


@dataclass(frozen=True, slots=True)
class MergePlan:
    """What merging `other` into `keep` gives: the merged contact, the fields filled, the
    lists that gained items (with the items) and the alternates kept."""

    keep: Contact
    other: Contact
    merged: Contact
    filled: tuple[tuple[str, str], ...]  # (field, value taken from other)
    united: tuple[tuple[str, str], ...]  # (list field, items added)
    alternates: tuple[Alternate, ...]

    def lines(self) -> list[str]:
        """The changes to the kept contact in words, one per line."""
        out = [f"fill {label(f)}: {v}" for f, v in self.filled]
        out += [f"add to {label(f)}: {v}" for f, v in self.united]
        out += [
            f"keep as alternate {label(a.field)}: {a.value} (in the notes)" for a in self.alternates
        ]
        return out


def plan_merge(keep: Contact, other: Contact) -> MergePlan:
    """`keep` completed by `other`, nothing of `other` dropped. A link from either to the
    other ("introduced by") would point the merged contact at itself, so it is cleared."""
    result = merge_contacts(keep, other)
    merged = result.contact
    if merged.met.introduced_by in (keep.id, other.id):
        merged = dataclasses.replace(
            merged, met=dataclasses.replace(merged.met, introduced_by=None)
        )
    filled: list[tuple[str, str]] = []
    united: list[tuple[str, str]] = []
    for name in VALUE_FIELDS:
        before, after = getattr(keep, name), getattr(merged, name)
        if before == after or name == "notes":
            continue
        if name in LIST_FIELDS:
            united.append((name, show(tuple(x for x in after if x not in before))))
        else:
            filled.append((name, show(after)))
    alternates = tuple(Alternate(*c.split(": ", 1)) for c in result.conflicts)
    return MergePlan(keep, other, merged, tuple(filled), tuple(united), alternates)


def _without(
    current: Iterable[Any], added: Iterable[Any], dropped: Iterable[Any]
) -> tuple[Any, ...]:
    """A list as it is now, less what the merge added, plus what the merge replaced."""
    added_items = list(added)
    kept = [x for x in current if x not in added_items]
    return (*kept, *(x for x in dropped if x not in kept))


def unmerge_fields(
    before: Contact, after: Contact, current: Contact
) -> tuple[Contact, tuple[str, ...]]:
    """The kept contact with its pre-merge values back (`before`) wherever it still holds
    what the merge gave it (`after`); where it changed since, the change stays and is listed.
    From lists only the items the merge added are taken away."""
    changes: dict[str, Any] = {}
    since: list[str] = []
    for name in VALUE_FIELDS:
        b, a, c = getattr(before, name), getattr(after, name), getattr(current, name)
        if a == b:
            continue
        if c == a:
            changes[name] = b
        elif name in LIST_FIELDS:
            changes[name] = _without(c, (x for x in a if x not in b), (x for x in b if x not in a))
            since.append(f"since the merge, {label(name)} changed: the changes are kept")
        else:
            since.append(
                f"since the merge, {label(name)} changed from {show(a)} to {show(c)}: "
                f"kept on #{current.id}"
            )
    return dataclasses.replace(current, **changes), tuple(since)
