"""Which person an imported record is (issue 13): it joins a stored contact or an earlier
record of the same file only on agreeing evidence (domain/identity.py), judged with the keys
the whole file and the stored holders of its keys show to be shared. Same name and
organization (or a record with nothing else to go by) still joins, so importing a file twice
changes nothing."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass

from callwise.domain.identity import Evidence, KeyHolders, Profile, compare, identity_keys
from callwise.domain.identity_words import (
    already_held_words,
    apart_words,
    evidence_words,
    first_name_words,
    name_only_words,
)
from callwise.domain.merge import match_keys, merge_contacts, name_parts
from callwise.domain.model import (
    Contact,
)
from callwise.domain.names import AGREEING, NameAgreement, NameBook, compare_names, person_name
from callwise.services.record_pack import pack, unpack

KEPT_APART_SHOWN = 3  # possible duplicates reported per record


class Pending:
    """One contact the import will write: new (`line` is its first record), or a stored one
    being completed. A new contact that nothing has resembled yet stays pickled (`data`)
    until it is compared or written."""

    __slots__ = ("_contact", "_data", "line", "stored")

    def __init__(
        self,
        contact: Contact | None,
        stored: Contact | None,
        line: int | None = None,
        data: bytes = b"",
    ) -> None:
        self._contact, self._data, self.stored, self.line = contact, data, stored, line

    @property
    def contact(self) -> Contact:
        if self._contact is None:
            self._contact, self._data = unpack(self._data), b""
        return self._contact

    @contact.setter
    def contact(self, value: Contact) -> None:
        self._contact, self._data = value, b""

    def packed(self) -> bytes:
        """The contact to write, pickled for another process (see `unpacked`)."""
        return self._data if self._contact is None else pack(self._contact)


@dataclass(frozen=True)
class Target:
    """The contact a record was compared with: stored (`contact_id`) or an earlier record of
    the file (`line`)."""

    contact_id: int | None
    line: int | None
    name: str

    @classmethod
    def of(cls, slot: Pending) -> Target:
        contact_id = slot.stored.id if slot.stored else None
        return cls(contact_id, None if contact_id else slot.line, slot.contact.name)


@dataclass(frozen=True)
class KeptApart:
    """A possible duplicate not merged: the record, whom it resembles, and why it stays apart."""

    line: int
    name: str
    other: Target
    reason: str


@dataclass(frozen=True)
class Choice:
    """Where a record goes (`slot` None: a new contact) and why."""

    slot: Pending | None
    reason: str = ""
    evidence: Evidence | None = None
    kept_apart: tuple[KeptApart, ...] = ()


def lookup_keys(contact: Contact) -> tuple[str, ...]:
    """The keys a record is looked up by: its phones, emails and profile, its name key, and
    its first name at its organization (as `given_key` writes it)."""
    return _keys_and_profile(contact)[0]


def _keys_and_profile(contact: Contact) -> tuple[tuple[str, ...], Profile]:
    """`lookup_keys`, and what identity reads of the record (its evidence keys are the same
    strings), each name part worked out once."""
    keys = [k for k in match_keys(contact) if not k.startswith("name:")]
    name, organization = name_parts(contact)
    if name or organization:  # a person's name, or an organization's card without one
        keys.append(f"name:{name}|{organization}")
    person = person_name(contact)
    if person.given and organization:
        keys.append(f"given:{person.given}|{organization}")
    found = tuple(keys)
    return found, Profile(identity_keys(contact, found), person, organization)


@dataclass(frozen=True, slots=True)
class ReadyRecord:
    """A record read and normalised, kept small until it is needed (issue 13: a whole file is
    held until it is matched): its file line and name, the contact pickled (a third of its
    size as objects) and the keys it is looked up by. Reading processes work these out, so
    the importing process never unpickles a record that resembles nothing until it writes it."""

    line: int
    name: str
    data: bytes
    keys: tuple[str, ...]

    @classmethod
    def of(cls, line: int, contact: Contact) -> tuple[ReadyRecord, Profile]:
        """The record, and what identity reads of it (for the file's shared keys)."""
        keys, profile = _keys_and_profile(contact)
        return cls(line, contact.name, pack(contact), keys), profile

    @property
    def contact(self) -> Contact:
        return unpack(self.data)


class FileHolders:
    """Who holds each key in the file, for judging which keys several people use: gathered as
    the file is read, given up once the first match has used them (they are large), and made
    again from the records for a second match (rare: another writer changed the contacts)."""

    def __init__(self) -> None:
        self._holders: KeyHolders | None = KeyHolders()
        self._records: list[list[ReadyRecord]] = []

    def add(self, records: list[ReadyRecord], profiles: Iterable[Profile]) -> None:
        assert self._holders is not None, "all records come before the first match"
        self._records.append(records)
        for profile in profiles:
            self._holders.add(profile)

    def take(self) -> KeyHolders:
        holders, self._holders = self._holders, None
        if holders is None:
            holders = KeyHolders()
            for record in (r for batch in self._records for r in batch):
                holders.add(_keys_and_profile(record.contact)[1])
        return holders


SlotOf = Callable[[int], Pending]


class Matcher:
    """Chooses, record by record, the contact each joins, given the shared keys."""

    def __init__(self, shared: Collection[str], book: NameBook) -> None:
        self.shared, self.book = shared, book

    def choose(
        self,
        ready: ReadyRecord,
        in_file: Mapping[str, Pending],
        owners: Mapping[str, Collection[int]],
        slot_of: SlotOf,
    ) -> Choice:
        """A candidate that already holds all the record says (found by evidence or a name,
        else by a number several people use: `_already_held`); else the best candidate with
        agreeing evidence, else one of the same name that may join (see `_name_ok`). A record
        that shares no key with anyone is new, without unpickling it."""
        pairs = [(k, slot) for k in ready.keys for slot in _candidates(k, in_file, owners, slot_of)]
        if not pairs:
            return Choice(None)
        record = ready.contact
        evidence_keys = set(identity_keys(record))
        found: list[tuple[Pending, str, Evidence | None]] = []
        apart: list[tuple[Pending, str]] = []
        for key, slot in pairs:
            if key.startswith("given:"):
                if self._first_name_ok(record, slot):
                    found.append((slot, first_name_words(), None))
            elif key.startswith("name:"):
                if self._name_ok(record, slot, ready.keys):
                    common = _common_kinds(slot.contact, ready.keys)
                    found.append((slot, name_only_words(slot.contact, record, common), None))
            else:
                self._judge(key, record, slot, evidence_keys, found, apart)
        chosen = _holding(found, record) or self._already_held(record, apart)
        chosen = chosen or (found[0] if found else None)
        kept = _kept_apart(ready.line, record, apart, chosen[0] if chosen else None)
        if chosen is None:
            return Choice(None, kept_apart=kept)
        return Choice(chosen[0], chosen[1], chosen[2], kept)

    def _judge(
        self,
        key: str,
        record: Contact,
        slot: Pending,
        evidence_keys: set[str],
        found: list[tuple[Pending, str, Evidence | None]],
        apart: list[tuple[Pending, str]],
    ) -> None:
        if key in self.shared:
            apart.append((slot, apart_words(key, slot.contact, record, why="shared")))
            return
        if key not in evidence_keys:
            apart.append((slot, apart_words(key, slot.contact, record, why="main")))
            return
        evidence = compare(slot.contact, record, self.shared, self.book)
        if evidence.same_person:
            found.append((slot, evidence_words(slot.contact, record, evidence), evidence))
        elif evidence.names not in AGREEING:
            apart.append((slot, apart_words(key, slot.contact, record, why="names")))
        else:
            apart.append((slot, apart_words(key, slot.contact, record, why="main")))

    def _name_ok(self, record: Contact, slot: Pending, keys: tuple[str, ...]) -> bool:
        """Same name (and so the same name key) joins when a person's name comes with an
        organization, when the record has nothing else to go by (a name-only card), or when
        the two hold a number, address or profile in common, even one several people use
        (the same person's card again, with only the office's main line)."""
        if not person_name(record).empty and record.organization.strip():
            return True
        if all(k.startswith("name:") for k in keys):
            return True
        return bool(_common_kinds(slot.contact, keys))

    def _already_held(
        self, record: Contact, apart: list[tuple[Pending, str]]
    ) -> tuple[Pending, str, Evidence | None] | None:
        """A card that shares only a number or address several people use with a contact of
        an agreeing name that already holds everything the card says is that contact's card
        again: joining changes nothing, so a second import finds what the first one made
        (even after a later card completed the name: "Jonathan" became "Jonathan Smith")."""
        ours = person_name(record)
        for slot, _ in apart:
            names = compare_names(ours, person_name(slot.contact), self.book)
            if names in AGREEING and not merge_contacts(slot.contact, record).changed_fields:
                return slot, already_held_words(), None
        return None

    def _first_name_ok(self, record: Contact, slot: Pending) -> bool:
        """The same first name at the same organization joins when one of the two gives no
        family name ("William" and "William Hartley" at Calder & Finch); two family names
        that differ are two people."""
        ours, theirs = person_name(record), person_name(slot.contact)
        one_family = not (ours.family and theirs.family)
        return one_family and compare_names(ours, theirs, self.book) is NameAgreement.EQUAL


def _candidates(
    key: str, in_file: Mapping[str, Pending], owners: Mapping[str, Collection[int]], slot_of: SlotOf
) -> Iterator[Pending]:
    earlier = in_file.get(key)
    if earlier is not None:
        yield earlier
    for contact_id in sorted(owners.get(key, ())):
        slot = slot_of(contact_id)
        if slot is not earlier:
            yield slot


def _common_kinds(contact: Contact, keys: tuple[str, ...]) -> tuple[str, ...]:
    theirs = set(match_keys(contact))
    common = [k.partition(":")[0] for k in keys if k in theirs and not k.startswith("name:")]
    return tuple(dict.fromkeys(common))


def _holding(
    found: list[tuple[Pending, str, Evidence | None]], record: Contact
) -> tuple[Pending, str, Evidence | None] | None:
    """The first candidate that already holds everything the record says, so a second import
    changes nothing (candidates come strongest key first)."""
    for candidate in found:
        if not merge_contacts(candidate[0].contact, record).changed_fields:
            return candidate
    return None


def _kept_apart(
    line: int, record: Contact, apart: list[tuple[Pending, str]], chosen: Pending | None
) -> tuple[KeptApart, ...]:
    kept: dict[int, KeptApart] = {}
    for slot, reason in apart:
        if slot is chosen or id(slot) in kept or len(kept) >= KEPT_APART_SHOWN:
            continue
        kept[id(slot)] = KeptApart(line, record.name, Target.of(slot), reason)
    return tuple(kept.values())


def compared(stored: Contact, incoming: Contact) -> tuple[tuple[str, str, str], ...]:
    """(field, stored value, incoming value) of what tells people apart, for the preview."""
    rows = (
        ("name", stored.name, incoming.name),
        ("organization", stored.organization, incoming.organization),
        ("phones", _phones(stored), _phones(incoming)),
        ("emails", _emails(stored), _emails(incoming)),
    )
    return tuple(row for row in rows if row[1] or row[2])


def _phones(contact: Contact) -> str:
    return ", ".join(p.number for p in contact.phones)


def _emails(contact: Contact) -> str:
    return ", ".join(e.address for e in contact.emails)
