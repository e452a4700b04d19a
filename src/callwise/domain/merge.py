"""Finding the same person twice, and merging two records of them without losing anything.

Matching keys, strongest first: an E.164 phone (valid numbers only), an email, a LinkedIn
profile address, then the exact (folded) name together with the organization (or the name
alone, for a record with nothing else to go by). Merging fills
empty fields, unites lists, and keeps the old value of a conflict while the new one goes
to the notes as `Also: <field>: <value>`. Merging the same data again changes nothing, so
importing a file twice changes nothing the second time.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from callwise.domain.model import (
    Contact,
    Gatekeeper,
    HowWeMet,
    OtherDate,
    PartialDate,
    RelationshipKind,
)
from callwise.domain.names import person_name
from callwise.domain.text import fold

_E164 = re.compile(r"\+[1-9]\d{6,14}")
_LINKEDIN_HOST = re.compile(r"^(?:[a-z]{2,3}\.)?linkedin\.com/")


def normalise_linkedin_url(url: str) -> str:
    """`https://www.LinkedIn.com/in/Jane-Doe/?trk=x` -> `linkedin.com/in/jane-doe`."""
    text = url.strip().casefold()
    text = re.sub(r"^[a-z]+://", "", text).removeprefix("www.")
    text = re.split(r"[?#]", text, maxsplit=1)[0].rstrip("/")
    return _LINKEDIN_HOST.sub("linkedin.com/", text)


def match_keys(contact: Contact) -> tuple[str, ...]:
    """The keys under which `contact` is found, strongest first (each unique)."""
    keys = [f"phone:{p.number}" for p in contact.phones if p.valid and _E164.fullmatch(p.number)]
    keys += [f"email:{e.address.strip().casefold()}" for e in contact.emails if e.address.strip()]
    if contact.linkedin_url.strip():
        keys.append(f"linkedin:{normalise_linkedin_url(contact.linkedin_url)}")
    name, organization = name_parts(contact)
    if name and (organization or not keys):
        keys.append(f"name:{name}|{organization}")
    return tuple(dict.fromkeys(keys))


def name_key(contact: Contact) -> str:
    """`folded name|folded organization`: the weakest key. Alone (no phone, email or profile
    to go by) a name matches the same name without an organization, so that importing a
    name-only card twice does not make two contacts."""
    name, organization = name_parts(contact)
    return f"{name}|{organization}"


def given_key(contact: Contact) -> str:
    """`folded first given name|folded organization`, or "" without both: how a card that
    gives only a first name at an organization ("William", Calder & Finch) finds the contact a
    later card completed ("William Hartley", Calder & Finch), so a second import finds it too."""
    given = person_name(contact).given
    organization = fold(contact.organization)
    return f"{given}|{organization}" if given and organization else ""


def name_parts(contact: Contact) -> tuple[str, str]:
    """The folded name and organization of the name key (`name|organization`), apart: either
    may hold a `|`."""
    named = " ".join(p for p in (contact.given_name, contact.family_name) if p.strip())
    return fold(contact.display_name or named), fold(contact.organization)


@dataclass(frozen=True, slots=True)
class MergeResult:
    """The merged contact, the fields that changed, and conflicts kept in the notes."""

    contact: Contact
    changed_fields: tuple[str, ...]
    conflicts: tuple[str, ...]


_TEXT_FIELDS = (
    "given_name", "family_name", "display_name", "nickname", "honorific", "job_title",
    "organization", "department", "city", "region", "country", "time_zone", "availability",
    "source", "linkedin_url",
)  # fmt: skip
_VALUE_FIELDS = ("address_form", "connected_on", "cadence_days")
_WORD_LISTS = ("tags", "interests", "avoid_topics")


class _Merger:
    """Accumulates the changes of one merge: new field values, notes lines, conflicts."""

    def __init__(self, old: Contact) -> None:
        self.old = old
        self.changes: dict[str, Any] = {}  # field name -> value of that field's type
        self.conflicts: list[str] = []
        self.notes = old.notes

    def fill(self, name: str, old: object, new: object, *, same: bool) -> None:
        """Take `new` where `old` is empty; record a differing `new` as a conflict."""
        if new in ("", None) or same:
            return
        if old in ("", None):
            self.changes[name] = new
            return
        self.conflict(name, str(new))

    def conflict(self, name: str, value: str) -> None:
        line = f"Also: {name}: {' '.join(value.split())}"
        if line not in self.notes.split("\n"):
            self.notes = f"{self.notes}\n{line}" if self.notes else line
            self.conflicts.append(line.removeprefix("Also: "))

    def result(self) -> MergeResult:
        if self.notes != self.old.notes:
            self.changes["notes"] = self.notes
        changed = {k: v for k, v in self.changes.items() if getattr(self.old, k) != v}
        contact = dataclasses.replace(self.old, **changed)
        return MergeResult(contact, tuple(changed), tuple(self.conflicts))


def merge_contacts(old: Contact, new: Contact) -> MergeResult:
    """`old` completed by `new`: old values win, nothing of `new` is dropped (idempotent)."""
    merger = _Merger(old)
    for name in _TEXT_FIELDS:
        old_text, new_text = str(getattr(old, name)), str(getattr(new, name)).strip()
        merger.fill(name, old_text, new_text, same=_same_text(name, old_text, new_text))
    for name in _VALUE_FIELDS:
        old_value, new_value = getattr(old, name), getattr(new, name)
        merger.fill(name, old_value, new_value, same=old_value == new_value)
    _merge_kind(merger, old, new)
    _merge_birthday(merger, old.birthday, new.birthday)
    _merge_met(merger, old.met, new.met)
    _merge_gatekeeper(merger, old.gatekeeper, new.gatekeeper)
    _merge_lists(merger, old, new)
    _merge_text_block(merger, "family_notes", old.family_notes, new.family_notes)
    _merge_notes(merger, new.notes)
    return merger.result()


def _merge_kind(merger: _Merger, old: Contact, new: Contact) -> None:
    """A guess never overrides a kind the user or a file set (issue 14.9, P2.6). A kind that
    was only guessed may be guessed again on new evidence (a personal guess from a card with
    none becomes business), and gives way to a kind a file states."""
    personal = RelationshipKind.PERSONAL
    if new.kind_guessed:
        if old.kind_guessed and new.kind is not personal:
            merger.changes["kind"] = new.kind  # no evidence (personal) says nothing
        return
    if old.kind_guessed:
        merger.changes["kind"] = new.kind
        merger.changes["kind_guessed"] = False
    elif old.kind is personal and new.kind is not personal:
        merger.changes["kind"] = new.kind  # a stated kind over the default: as before 0013


def _same_text(name: str, old: str, new: str) -> bool:
    if name == "linkedin_url":
        return normalise_linkedin_url(old) == normalise_linkedin_url(new)
    return fold(old) == fold(new)


def _merge_birthday(merger: _Merger, old: PartialDate | None, new: PartialDate | None) -> None:
    """A year learnt for a yearless birthday fills it; another day is a conflict."""
    if new is None or old == new:
        return
    if old is None or (old.year is None and (old.month, old.day) == (new.month, new.day)):
        merger.changes["birthday"] = new
    elif (old.month, old.day) != (new.month, new.day) or new.year is not None:
        merger.conflict("birthday", new.isoformat())


def _merge_met(merger: _Merger, old: HowWeMet, new: HowWeMet) -> None:
    changes: dict[str, Any] = {}
    for name in ("event", "date", "place", "circumstances", "introduced_by"):
        old_value, new_value = getattr(old, name), getattr(new, name)
        if new_value in ("", None) or old_value == new_value:
            continue
        if old_value in ("", None):
            changes[name] = new_value
        elif not (isinstance(new_value, str) and fold(new_value) == fold(str(old_value))):
            merger.conflict(f"met.{name}", str(new_value))
    if changes:
        merger.changes["met"] = dataclasses.replace(old, **changes)


def _merge_gatekeeper(merger: _Merger, old: Gatekeeper | None, new: Gatekeeper | None) -> None:
    if new is None:
        return
    if old is None:
        merger.changes["gatekeeper"] = new
        return
    changes: dict[str, str] = {}
    for name in ("name", "phone", "role"):
        old_value, new_value = getattr(old, name), getattr(new, name).strip()
        if not new_value or fold(old_value) == fold(new_value):
            continue
        if not old_value:
            changes[name] = new_value
        else:
            merger.conflict(f"gatekeeper.{name}", new_value)
    if changes:
        merger.changes["gatekeeper"] = dataclasses.replace(old, **changes)


def _merge_lists(merger: _Merger, old: Contact, new: Contact) -> None:
    """Phones by number, emails by address, words by folded text, dates by label and day."""
    phones = _unite(old.phones, new.phones, lambda p: p.number)
    emails = _unite(old.emails, new.emails, lambda e: e.address.strip().casefold())
    merger.changes.update(phones=phones, emails=emails)
    for name in _WORD_LISTS:
        merger.changes[name] = _unite(getattr(old, name), getattr(new, name), fold)
    merger.changes["other_dates"] = _unite_dates(old.other_dates, new.other_dates)


T = TypeVar("T")


def _unite(old: tuple[T, ...], new: tuple[T, ...], key: Callable[[T], str]) -> tuple[T, ...]:
    seen = {key(item) for item in old}
    added: list[T] = []
    for item in new:
        if key(item) not in seen:
            seen.add(key(item))
            added.append(item)
    return (*old, *added)


def _unite_dates(old: tuple[OtherDate, ...], new: tuple[OtherDate, ...]) -> tuple[OtherDate, ...]:
    """An occasion learnt with its year replaces the same occasion without one."""
    merged = list(old)
    for occasion in new:
        day = (fold(occasion.label), occasion.date.month, occasion.date.day)
        same_day = [
            i for i, o in enumerate(merged) if (fold(o.label), o.date.month, o.date.day) == day
        ]
        if any(merged[i].date == occasion.date for i in same_day):
            continue
        yearless = [i for i in same_day if merged[i].date.year is None]
        if yearless:
            merged[yearless[0]] = occasion
        elif not (same_day and occasion.date.year is None):
            merged.append(occasion)
    return tuple(merged)


def _merge_text_block(merger: _Merger, name: str, old: str, new: str) -> None:
    """Free text: new text already contained changes nothing; else it is added below."""
    new = new.strip()
    if not new or new in old:
        return
    merger.changes[name] = new if old in new else f"{old}\n{new}"


def _merge_notes(merger: _Merger, new: str) -> None:
    new = new.strip()
    if new and new not in merger.notes:
        merger.notes = new if merger.notes in new else f"{merger.notes}\n{new}"
