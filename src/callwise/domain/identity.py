"""Who is who (issue 13): two records are one person only on agreeing evidence.

They must share a phone, an email or a LinkedIn profile *and* their names must agree
(domain/names.py). A number several people use (a company's main line, a family landline) is
no evidence: it is labelled main, or it is seen with two or more names that cannot be one
person (`shared_among`). Nor is a role address (info@, office@ ...). Keys are written as
domain/merge.py's `match_keys` writes them: `phone:+13125550100`, `email:a@b.c`,
`linkedin:linkedin.com/in/x`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from callwise.domain.merge import match_keys
from callwise.domain.model import Contact
from callwise.domain.names import (
    AGREEING,
    NameAgreement,
    NameBook,
    PersonName,
    compare_names,
    person_name,
)
from callwise.domain.text import fold

# Local parts of addresses that reach a desk or a team, not one person.
ROLE_LOCAL_PARTS = frozenset(
    {
        "info", "office", "sales", "contact", "hello", "admin", "support", "team", "reception",
        "enquiries", "inquiries", "help", "mail", "hr", "jobs", "careers", "billing",
        "accounts", "accounting", "finance", "marketing", "press", "media", "news", "noreply",
        "no-reply", "service", "customerservice", "orders", "booking", "bookings", "frontdesk",
        "webmaster", "postmaster", "hostmaster", "abuse", "security", "legal", "privacy",
        "feedback", "general", "family", "home",
    }
)  # fmt: skip
MAIN_LABELS = frozenset({"main", "company", "switchboard"})
KEY_KINDS = ("phone", "email", "linkedin")  # the kinds of shared evidence, strongest last
_EVIDENCE_PREFIXES = tuple(f"{kind}:" for kind in KEY_KINDS)
_KIND_WEIGHT = {"phone": 0.5, "email": 0.5, "linkedin": 0.6}
_NAME_WEIGHT = {
    NameAgreement.EQUAL: 0.35,
    NameAgreement.NICKNAME: 0.3,
    NameAgreement.SIMILAR: 0.25,
    NameAgreement.INITIAL: 0.2,
    NameAgreement.ONE_UNNAMED: 0.05,
    NameAgreement.DIFFER: 0.0,
}
_NAME_ONLY_BASE = 0.2  # same name and organization, nothing shared: a weaker hint
_LARGE_GROUP = 12  # a key held by more records than this is a switchboard, whatever the names


def is_role_address(address: str) -> bool:
    """`info@acme.com`, `Sales@…`: an address that reaches a desk, not one person."""
    local = address.strip().casefold().split("@", 1)[0]
    return local.split("+", 1)[0] in ROLE_LOCAL_PARTS


def identity_keys(contact: Contact, keys: Iterable[str] | None = None) -> tuple[str, ...]:
    """The contact's phone, email and profile keys that can be evidence of identity: a number
    labelled main and a role address are left out. `keys`: its keys already worked out (as
    `match_keys` writes them; name keys are skipped)."""
    main = {f"phone:{p.number}" for p in contact.phones if fold(p.label) in MAIN_LABELS}
    return tuple(
        key
        for key in (match_keys(contact) if keys is None else keys)
        if key.startswith(_EVIDENCE_PREFIXES)
        and key not in main
        and not (key.startswith("email:") and is_role_address(key.removeprefix("email:")))
    )


@dataclass(frozen=True, slots=True)
class Profile:
    """What identity reads of a contact, worked out once: its evidence keys (`identity_keys`),
    its folded person name and its folded organization."""

    keys: tuple[str, ...]
    name: PersonName
    org: str

    @classmethod
    def of(cls, contact: Contact) -> Profile:
        return cls(identity_keys(contact), person_name(contact), fold(contact.organization))


def shared_among(profiles: Iterable[Profile], book: NameBook) -> frozenset[str]:
    """Keys seen with two or more names that cannot be one person (a company's main line, a
    family landline, a shared mailbox): such a key is never evidence on its own. Works on one
    file's records, on stored contacts, or on both together (as profiles: `Profile.of`)."""
    return KeyHolders.of(profiles).shared(book)


class KeyHolders:
    """The names seen with each key, gathered a record at a time (an import feeds it as it
    reads, keeping no profile): one name held as is, a list only from the second."""

    def __init__(self) -> None:
        self._names: dict[str, PersonName | list[PersonName]] = {}
        self._people: dict[PersonName, PersonName] = {}  # one object per name: many repeat

    @classmethod
    def of(cls, profiles: Iterable[Profile]) -> KeyHolders:
        holders = cls()
        for profile in profiles:
            holders.add(profile)
        return holders

    def add(self, profile: Profile) -> None:
        if not profile.keys:
            return
        names, name = self._names, self._people.setdefault(profile.name, profile.name)
        for key in profile.keys:
            seen = names.get(key)
            if seen is None:
                names[key] = name
            elif isinstance(seen, list):
                seen.append(name)
            else:
                names[key] = [seen, name]

    def keys(self) -> Collection[str]:
        return self._names.keys()

    def shared(self, book: NameBook, more: Iterable[Profile] = ()) -> frozenset[str]:
        """The keys held here that several people use, counting also the holders `more`
        (stored contacts holding these keys) without keeping them."""
        extra: dict[str, list[PersonName]] = defaultdict(list)
        for profile in more:
            for key in profile.keys:
                if key in self._names:
                    extra[key].append(profile.name)
        found = []
        for key, names in self._names.items():
            group = names if isinstance(names, list) else [names]
            if key in extra:
                group = [*group, *extra[key]]
            if len(group) > 1 and _names_clash(group, book):
                found.append(key)
        return frozenset(found)


def _names_clash(group: Sequence[PersonName], book: NameBook) -> bool:
    if len(group) < 2:
        return False
    if len(group) > _LARGE_GROUP:
        return True
    names = list(dict.fromkeys(group))
    return any(compare_names(a, b, book) is NameAgreement.DIFFER for a, b in combinations(names, 2))


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why two records may be one person: the kinds of key they share (phone, email, linkedin),
    the keys themselves, how their names agree, whether they work at the same organization,
    and a score in 0..1 (higher is stronger)."""

    shared: tuple[str, ...]
    keys: tuple[str, ...]
    names: NameAgreement
    same_org: bool
    score: float

    @property
    def same_person(self) -> bool:
        """Shared evidence and agreeing names: enough to merge."""
        return bool(self.shared) and self.names in AGREEING


def compare(a: Contact, b: Contact, shared: Collection[str], book: NameBook) -> Evidence:
    """The evidence between two records, whatever it says (see `same_person`)."""
    return _compare(Profile.of(a), Profile.of(b), shared, book)


def _compare(a: Profile, b: Profile, shared: Collection[str], book: NameBook) -> Evidence:
    keys = tuple(k for k in a.keys if k in b.keys and k not in shared)
    kinds = tuple(kind for kind in KEY_KINDS if any(k.startswith(f"{kind}:") for k in keys))
    names = compare_names(a.name, b.name, book)
    same_org = bool(a.org) and a.org == b.org
    return Evidence(kinds, keys, names, same_org, _score(kinds, names, same_org))


def _score(kinds: tuple[str, ...], names: NameAgreement, same_org: bool) -> float:
    if names is NameAgreement.DIFFER:
        return 0.0
    if kinds:
        base = max(_KIND_WEIGHT[k] for k in kinds) + 0.1 * (len(kinds) - 1)
    else:
        base = _NAME_ONLY_BASE
    return round(min(1.0, base + _NAME_WEIGHT[names] + (0.1 if same_org else 0.0)), 3)


def same_person(a: Contact, b: Contact, shared: Collection[str], book: NameBook) -> Evidence | None:
    """The evidence that `a` and `b` are one person, or None: they must share a phone, email
    or profile that is not in `shared` (see `shared_among`) and their names must agree."""
    evidence = compare(a, b, shared, book)
    return evidence if evidence.same_person else None


def worth_a_look(evidence: Evidence) -> Evidence | None:
    """The evidence when it shows one person, or, short of shared evidence, the same person
    name (both named) at the same organization: worth a look, not a merge."""
    if evidence.same_person:
        return evidence
    named = evidence.names in AGREEING and evidence.names is not NameAgreement.ONE_UNNAMED
    return evidence if named and evidence.same_org else None


@dataclass(frozen=True, slots=True)
class Duplicate:
    """Two records (positions in the sequence searched, `first < second`) that may be one
    person, and why."""

    first: int
    second: int
    evidence: Evidence


def blocks_of(name: PersonName, org: str, book: NameBook) -> tuple[str, ...]:
    """Blocks a named person at an organization falls in: folded family name, organization
    and each form of the given name (itself, its nicknames, its initial). Records that may be
    one person without sharing a key share a block."""
    if not (org and name.family and name.given):
        return ()
    forms = {name.given[0]} if name.initial else {*book.block_keys(name.given), name.given[0]}
    return tuple(f"{name.family}|{org}|{form}" for form in sorted(forms))


def candidate_pairs(profiles: Sequence[Profile], book: NameBook) -> set[tuple[int, int]]:
    """Position pairs worth comparing: they share an identity key (held by a few records
    only) or a name block. Linear in the records, quadratic only inside small groups."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, profile in enumerate(profiles):
        for key in profile.keys:
            groups[key].append(i)
        for block in blocks_of(profile.name, profile.org, book):
            groups[f"block:{block}"].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in groups.values():
        if 2 <= len(members) <= _LARGE_GROUP:
            pairs.update(combinations(sorted(set(members)), 2))
    return pairs


def find_duplicates(
    contacts: Sequence[Contact], book: NameBook, shared: Collection[str] | None = None
) -> list[Duplicate]:
    """Possible duplicates among `contacts`, strongest first. `shared` defaults to the keys
    these records themselves show to be shared; pass `shared_among` over a wider set (a file
    together with the stored contacts) to judge by everything known."""
    profiles = [Profile.of(c) for c in contacts]
    if shared is None:
        shared = shared_among(profiles, book)
    found = []
    for i, j in candidate_pairs(profiles, book):
        evidence = worth_a_look(_compare(profiles[i], profiles[j], shared, book))
        if evidence is not None:
            found.append(Duplicate(i, j, evidence))
    found.sort(key=lambda d: (-d.evidence.score, d.first, d.second))
    return found
