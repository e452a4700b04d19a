"""Possible duplicates among the stored contacts (issue 13), strongest first.

Candidates come from the store by shared keys and name blocks; the domain judges each pair
(domain/identity.py): shared evidence only counts where the names agree, and numbers or
mailboxes that several people use count for nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Connection

from callwise.domain import identity
from callwise.domain.identity import (
    Duplicate,
    Evidence,
    KeyHolders,
    Profile,
    blocks_of,
)
from callwise.domain.model import Contact
from callwise.domain.names import (
    NameAgreement,
    NameBook,
    clean_name,
    name_pair,
    person_name_of,
)
from callwise.domain.text import fold
from callwise.services.app import App
from callwise.store import duplicates as store
from callwise.store import merges as merges_store


@cache
def name_book() -> NameBook:
    """The `nicknames` dataset (William: Bill, Will ...) as a NameBook. The package reads the
    CSV it ships on first use, so that read happens here, in a service, once per process."""
    from nicknames import NickNamer

    lookup = NickNamer.default_lookup()
    return NameBook.from_pairs((name, nick) for name, nicks in lookup.items() for nick in nicks)


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    """Two stored contacts that may be one person, and why."""

    first: Contact
    second: Contact
    evidence: Evidence

    def describe(self) -> str:
        """The evidence in words: `same phone and email, name (Bill/William), same organization`."""
        return describe(self.first, self.second, self.evidence)

    def as_dict(self) -> dict[str, Any]:
        """The plain shape for `--json` (docs/json.md, "contacts duplicates")."""
        ev = self.evidence
        return {
            "first": _side(self.first),
            "second": _side(self.second),
            "score": ev.score,
            "shared": list(ev.shared),
            "keys": list(ev.keys),
            "names": ev.names.value,
            "same_organization": ev.same_org,
            "same_person": ev.same_person,
            "evidence": self.describe(),
        }


def _side(contact: Contact) -> dict[str, Any]:
    return {"id": contact.id, "name": contact.name, "organization": contact.organization}


_NAME_WORDS = {
    NameAgreement.EQUAL: "name",
    NameAgreement.NICKNAME: "name ({pair}, nickname)",
    NameAgreement.SIMILAR: "name ({pair}, spelling)",
    NameAgreement.INITIAL: "name ({pair}, initial)",
    NameAgreement.ONE_UNNAMED: "one has no name",
    NameAgreement.DIFFER: "different names",
}


def describe(a: Contact, b: Contact, evidence: Evidence) -> str:
    """`same phone and name (Bill/William, nickname)`; `same name and organization`."""
    words = _NAME_WORDS[evidence.names].format(pair=name_pair(a, b))
    if evidence.shared:
        kinds = [("profile" if k == "linkedin" else k) for k in evidence.shared]
        text = f"same {' and '.join(kinds)}, {words}"
        return f"{text}, same organization" if evidence.same_org else text
    return f"same {words} and organization"


def find_duplicates(app: App, *, limit: int | None = None) -> list[DuplicatePair]:
    """Possible duplicates among the stored contacts, strongest first (at most `limit`)."""
    book = name_book()
    with app.engine.connect() as conn:
        ids = store.key_holder_ids(conn) | _name_block_ids(conn, book)
        contacts = store.identity_contacts(conn, list(ids))
        dismissed = merges_store.not_duplicate_pairs(conn)
    found: list[Duplicate] = identity.find_duplicates(contacts, book)
    found = [d for d in found if _ids(contacts, d) not in dismissed]
    pairs = [DuplicatePair(contacts[d.first], contacts[d.second], d.evidence) for d in found]
    return pairs if limit is None else pairs[:limit]


def _ids(contacts: Sequence[Contact], found: Duplicate) -> tuple[int | None, int | None]:
    """The pair's ids as "not the same person" pairs are stored (smaller first)."""
    a, b = contacts[found.first].id, contacts[found.second].id
    return (a, b) if (a or 0) < (b or 0) else (b, a)


def _name_block_ids(conn: Connection, book: NameBook) -> set[int]:
    """Contacts that share a name block with another (same family name, organization and a
    form of the given name). A cheap first grouping by family name and organization leaves
    only the few that share both to be blocked by their given names."""
    rough: dict[tuple[str, str], list[store.NameRow]] = defaultdict(list)
    folded: dict[str, str] = {}  # family names and organizations repeat: fold each once
    for row in store.named_rows_with_organization(conn):
        _, _, family_name, display_name, organization = row
        family = family_name or (display_name.split() or [""])[-1]
        if (family_key := folded.get(family)) is None:
            family_key = folded[family] = clean_name(family)
        if (org_key := folded.get(organization)) is None:
            org_key = folded[organization] = fold(organization)
        rough[family_key, org_key].append(row)
    members: dict[str, list[int]] = defaultdict(list)
    for rows in rough.values():
        if len(rows) < 2:
            continue
        for contact_id, given, family, display, organization in rows:
            name = person_name_of(given, family, display)
            for block in blocks_of(name, folded[organization], book):
                members[block].append(contact_id)
    return {i for group in members.values() if len(group) > 1 for i in group}


def shared_with_store(conn: Connection, holders: KeyHolders) -> frozenset[str]:
    """Keys that several people use, judged by one file's records (`holders`) together with
    the stored contacts holding the same keys: what an import passes to `same_person`."""
    stored = store.identity_contacts(conn, list(store.holder_ids(conn, holders.keys())))
    return holders.shared(name_book(), (Profile.of(c) for c in stored))
