"""Who is who, acted on (issue 13): mark two contacts as two people, merge one into another
keeping everything, and undo the last merge into a contact.

Decisions:
- A merge is one transaction: the kept contact takes the merged values (domain/merging.py),
  the other's calls, promises, own occasions, snooze (the later one wins when both have one),
  "introduced by" links and "not the same person" pairs move to it, the other is removed, and
  a `merges` row records the other as it was, the ids of what moved, and the kept contact's
  values before and after. A dry run is the same work rolled back, so the preview cannot
  differ from the merge.
- Undo takes the newest record for the contact and deletes it: merging then undoing leaves
  the database (and its backup) as it was, timestamps aside. Where the kept contact changed
  since the merge the change stays and is listed. If the other's id was taken meanwhile (SQLite
  reuses the highest id), it comes back under a new id, and the report says so.
- Trips belong to no contact (they are the user's own), so nothing of them moves.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from callwise.domain.codec import contact_from_dict, contact_to_dict
from callwise.domain.contacts import MAX_ID
from callwise.domain.errors import NotFoundError, ValidationError
from callwise.domain.merging import MergePlan, plan_merge, unmerge_fields
from callwise.domain.model import Contact
from callwise.services.app import App, Rollback
from callwise.store import contacts as contact_store
from callwise.store import merges as store

MOVED_WORDS = {
    "calls": "call",
    "promises": "promise",
    "custom_occasions": "own occasion",
    "introduced": '"introduced by" link',
    "snoozes": "snooze",
    "not_duplicates": '"not the same person" mark',
}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _locked(conn: Connection, contact_id: int, field_name: str) -> Contact:
    found = contact_store.lock_contact(conn, contact_id) if 1 <= contact_id <= MAX_ID else None
    if found is None:
        raise NotFoundError(
            f"no contact has id {contact_id}; `callwise contacts find` lists ids", field=field_name
        )
    return found


def _two(first: int, second: int, field_name: str) -> None:
    if first == second:
        raise ValidationError(
            f"#{first} is one contact; give two different contacts", field=field_name
        )


def dismiss(app: App, first: int, second: int) -> bool:
    """Remember that two contacts are two people, so they are never proposed as duplicates
    again; False when that was known already."""
    _two(first, second, "second")
    with app.transaction() as conn:
        _locked(conn, first, "first")
        _locked(conn, second, "second")
        return store.add_not_duplicate(conn, first, second, app.now)


@dataclass(frozen=True)
class MergeReport:
    """What a merge did (or, in a dry run, would do): the plan, the rows moved by kind, and
    the id of the merge record (None in a dry run)."""

    plan: MergePlan
    moved: dict[str, int]
    merge_id: int | None

    def lines(self) -> list[str]:
        """Every change in words: fields, lists, alternates, then the rows that move."""
        out = self.plan.lines()
        out += [f"move {_plural(n, MOVED_WORDS[k])}" for k, n in self.moved.items() if n]
        other = self.plan.other
        out.append(f"remove #{other.id} {other.name}")
        return out

    def as_dict(self) -> dict[str, Any]:
        """The plain shape for `--json` and the API (docs/json.md, "contacts merge")."""
        plan = self.plan
        return {
            "keep": plan.keep.id,
            "other": plan.other.id,
            "merge_id": self.merge_id,
            "dry_run": self.merge_id is None,
            "filled": [{"field": f, "value": v} for f, v in plan.filled],
            "united": [{"field": f, "added": v} for f, v in plan.united],
            "alternates": [{"field": a.field, "value": a.value} for a in plan.alternates],
            "moved": dict(self.moved),
            "changes": self.lines(),
            "contact": contact_to_dict(dataclasses.replace(plan.merged, id=plan.keep.id)),
        }


def merge(app: App, keep_id: int, other_id: int, *, dry_run: bool = False) -> MergeReport:
    """Merge contact `other_id` into `keep_id` in one transaction (see the module's notes);
    with `dry_run` nothing is written."""
    _two(keep_id, other_id, "other")
    report: MergeReport | None = None
    with app.transaction() as conn:
        keep = _locked(conn, keep_id, "keep")
        other = _locked(conn, other_id, "other")
        report = _merge(conn, app, keep, other)
        if dry_run:
            report = dataclasses.replace(report, merge_id=None)
            raise Rollback
    assert report is not None
    return report


def _merge(conn: Connection, app: App, keep: Contact, other: Contact) -> MergeReport:
    assert keep.id is not None and other.id is not None
    plan = plan_merge(keep, other)
    snapshot, moved = _move_rows(conn, keep.id, other.id)
    keep_snooze = store.snooze_of(conn, keep.id)
    other_snooze = snapshot["snooze"]
    if other_snooze and (keep_snooze is None or other_snooze["until"] > keep_snooze["until"]):
        store.put_snooze(conn, keep.id, other_snooze)
        moved["snoozes"] = 1
    contact_store.delete_contact(conn, other.id)
    merged = dataclasses.replace(plan.merged, updated_at=app.now)
    contact_store.update_contact(conn, merged)
    store.retouch(conn, keep.id)
    before = {
        "before": _plain(keep),
        "after": _plain(merged),
        "snooze_before": keep_snooze,
        "snooze_after": store.snooze_of(conn, keep.id),
    }
    snapshot["contact"] = _plain(other)
    merge_id = store.insert_merge(conn, keep.id, snapshot, before, app.now)
    return MergeReport(dataclasses.replace(plan, merged=merged), moved, merge_id)


def _plain(contact: Contact) -> dict[str, Any]:
    data = contact_to_dict(contact)
    data.pop("name", None)
    return data


def _move_rows(conn: Connection, keep: int, other: int) -> tuple[dict[str, Any], dict[str, int]]:
    """Move the other's rows to `keep`; return what moved (ids, for the undo) and counts."""
    snapshot: dict[str, Any] = {}
    moved: dict[str, int] = {}
    for name, table in store.MOVABLE.items():
        ids = store.owned_ids(conn, table, other)
        store.move_rows(conn, table, ids, other, keep)
        snapshot[name], moved[name] = ids, len(ids)
    introduced = [i for i in store.introduced_ids(conn, other) if i != keep]
    store.move_introductions(conn, introduced, other, keep)
    snapshot["introduced"], moved["introduced"] = introduced, len(introduced)
    snapshot["snooze"] = store.snooze_of(conn, other)
    pairs = store.pairs_of(conn, other)
    store.delete_pairs_of(conn, other)
    added = []
    for first, second, at, _pair_id in pairs:
        partner = second if first == other else first
        if partner != keep and store.add_not_duplicate(
            conn, keep, partner, dt.datetime.fromisoformat(at)
        ):
            added.append(list(store.ordered(keep, partner)))
    snapshot["not_duplicates"], snapshot["added_not_duplicates"] = pairs, added
    moved["not_duplicates"] = len(added)
    return snapshot, moved


@dataclass(frozen=True)
class UnmergeReport:
    """An undone merge: the kept contact as it is now, the other back, and what was kept on
    the kept contact because it changed since the merge."""

    keep: Contact
    other: Contact
    since: tuple[str, ...]
    new_id: bool = False
    moved: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        other = self.other
        out = [f"#{other.id} {other.name} is back"]
        if self.new_id:
            out[0] += " under a new id (its old id was taken since the merge)"
        out += [f"moved back {_plural(n, MOVED_WORDS[k])}" for k, n in self.moved.items() if n]
        return out + list(self.since)

    def as_dict(self) -> dict[str, Any]:
        return {
            "keep": contact_to_dict(self.keep),
            "other": contact_to_dict(self.other),
            "new_id": self.new_id,
            "moved": dict(self.moved),
            "since": list(self.since),
            "changes": self.lines(),
        }


def unmerge(app: App, keep_id: int, *, dry_run: bool = False) -> UnmergeReport:
    """Undo the newest merge into `keep_id` (see the module's notes); with `dry_run` nothing
    is written."""
    report: UnmergeReport | None = None
    with app.transaction() as conn:
        current = _locked(conn, keep_id, "contact")
        record = store.last_merge(conn, keep_id)
        if record is None:
            raise NotFoundError(
                f"no merge into #{keep_id} is recorded; there is nothing to undo", field="contact"
            )
        merge_id, snapshot, keep_state = record
        report = _unmerge(conn, app, current, snapshot, keep_state)
        store.delete_merge(conn, merge_id)
        if dry_run:
            raise Rollback
    assert report is not None
    return report


def _unmerge(
    conn: Connection, app: App, current: Contact, snapshot: dict[str, Any], state: dict[str, Any]
) -> UnmergeReport:
    keep_id = current.id
    assert keep_id is not None
    other = contact_from_dict(snapshot["contact"])
    other_id = _bring_back(conn, other)
    moved = _move_back(conn, snapshot, keep_id, other_id)
    if store.snooze_of(conn, keep_id) == state["snooze_after"]:
        store.put_snooze(conn, keep_id, state["snooze_before"])
    before, after = contact_from_dict(state["before"]), contact_from_dict(state["after"])
    if before.met.introduced_by == other.id:
        before = dataclasses.replace(
            before, met=dataclasses.replace(before.met, introduced_by=other_id)
        )
    restored, since = unmerge_fields(before, after, current)
    restored = dataclasses.replace(restored, updated_at=app.now)
    contact_store.update_contact(conn, restored)
    for contact_id in (keep_id, other_id):
        store.retouch(conn, contact_id)
    back = contact_store.get_contact(conn, other_id)
    assert back is not None
    return UnmergeReport(restored, back, since, other_id != other.id, moved)


def _bring_back(conn: Connection, other: Contact) -> int:
    """Insert the other contact as it was, under its own id when that is still free; its
    introducer is linked when that contact still exists."""
    assert other.id is not None
    unlinked = dataclasses.replace(other, met=dataclasses.replace(other.met, introduced_by=None))
    if contact_store.existing_ids(conn, [other.id]):
        new_id = contact_store.insert_contacts(conn, [dataclasses.replace(unlinked, id=None)])[0]
    else:
        new_id = contact_store.insert_contacts(conn, [unlinked], keep_ids=True)[0]
        contact_store.reset_id_sequence(conn)
    introducer = other.met.introduced_by
    if introducer is not None and contact_store.existing_ids(conn, [introducer]):
        contact_store.set_introducers(conn, [(new_id, introducer)])
    return new_id


def _move_back(
    conn: Connection, snapshot: dict[str, Any], keep_id: int, other_id: int
) -> dict[str, int]:
    """Give the other back the rows that moved (those still on the kept contact)."""
    moved: dict[str, int] = {}
    for name, table in store.MOVABLE.items():
        ids = snapshot[name]
        store.move_rows(conn, table, ids, keep_id, other_id)
        moved[name] = len(ids)
    store.move_introductions(conn, snapshot["introduced"], keep_id, other_id)
    moved["introduced"] = len(snapshot["introduced"])
    store.put_snooze(conn, other_id, snapshot["snooze"])
    for first, second in snapshot["added_not_duplicates"]:
        store.delete_pair(conn, first, second)
    old_id = snapshot["contact"]["id"]
    pairs = []
    for first, second, at, pair_id in snapshot["not_duplicates"]:
        a, b = (other_id if x == old_id else x for x in (first, second))
        if contact_store.existing_ids(conn, [a, b]) == {a, b}:
            pairs.append([*store.ordered(a, b), at, pair_id])
    store.insert_pairs(conn, pairs)
    return moved


def contacts_by_id(app: App, ids: list[int]) -> dict[int, Contact]:
    """The stored contacts with these ids (for showing pairs side by side)."""
    with app.engine.connect() as conn:
        return {c.id: c for c in contact_store.get_contacts(conn, ids) if c.id is not None}
