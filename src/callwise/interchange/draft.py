"""A contact being read from a file, field by field, before it becomes a `Contact`.

Readers of every format feed the same draft, so a value that fits nowhere is handled one
way everywhere: kept in the notes as `Label: value` with a warning, never dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from callwise.domain.contacts import has_name
from callwise.domain.errors import ValidationError
from callwise.domain.kind_guess import KindGuess, guess_kind
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
from callwise.domain.places import normalise_country, normalise_zone
from callwise.interchange import fields

# The shape `prepare_contact` accepts (callwise.domain.contacts), checked here so that one
# mistyped address does not cost the whole record.
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass
class ContactDraft:
    """Mutable while a record is read; `build()` returns the frozen `Contact`."""

    given_name: str = ""
    middle_name: str = ""
    family_name: str = ""
    name_suffix: str = ""
    display_name: str = ""
    sort_name: str = ""
    nickname: str = ""
    honorific: str = ""
    kind: RelationshipKind | None = None
    kind_guessed: bool = False  # the file says its kind was only guessed (our own exports)
    address_form: AddressForm | None = None
    job_title: str = ""
    organization: str = ""
    department: str = ""
    met: HowWeMet = field(default_factory=HowWeMet)
    phones: list[Phone] = field(default_factory=list)
    emails: list[Email] = field(default_factory=list)
    city: str = ""
    region: str = ""
    country: str = ""
    time_zone: str = ""
    availability: str = ""
    gatekeeper_name: str = ""
    gatekeeper_role: str = ""
    gatekeeper_phone: str = ""
    interests: list[str] = field(default_factory=list)
    family_lines: list[str] = field(default_factory=list)
    avoid_topics: list[str] = field(default_factory=list)
    birthday: PartialDate | None = None
    other_dates: list[OtherDate] = field(default_factory=list)
    source: str = ""
    connected_on: dt.date | None = None
    linkedin_url: str = ""
    cadence_days: int | None = None
    tags: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    extra_notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    guess: KindGuess | None = None  # set by build(): the kind and the evidence for it

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def keep_in_notes(self, label: str, value: str, why: str = "") -> None:
        """Keep a value that fits no field as a `Label: value` line of the notes."""
        line = f"{label}: {' '.join(value.split())}"
        if line not in self.extra_notes:
            self.extra_notes.append(line)
        if why:
            self.warn(f"{why}; kept in notes as {line!r}")

    def add_phone(self, number: str, tokens: list[str], what: str = "phone") -> None:
        """A number with its type words; an assistant's number becomes the gatekeeper's (P2.3)."""
        number = number.strip()
        if not number:
            return
        label, custom = fields.phone_label(tokens)
        if custom:
            self.warn(f"{what} {number}: label {custom!r} read as 'other'")
        if label == "assistant" and not self.gatekeeper_phone:
            self.gatekeeper_phone = number
            return
        self.phones.append(Phone(number, label))

    def add_email(self, address: str, label: str) -> None:
        """An address; one that is not name@domain is kept in the notes, not lost."""
        address = address.strip()
        if _EMAIL.fullmatch(address):
            self.emails.append(Email(address, label))
        elif address:
            self.keep_in_notes("Email", address, f"{address!r} is not an email address")

    def add_relation(self, label: str, name: str) -> None:
        """A related person: the gatekeeper, a family line, or a line of the notes."""
        name = name.strip()
        if not name:
            return
        role = fields.gatekeeper_role(label)
        if role and not self.gatekeeper_name:
            self.gatekeeper_name, self.gatekeeper_role = name, role
            return
        shown = fields.relation_label(label) or "Related"
        if fields.is_family(label):
            self.family_lines.append(f"{shown}: {name}")
        else:
            self.keep_in_notes(shown, name)

    def set_birthday(self, text: str, *, omit_year: int | None = None) -> None:
        date = self._date(text, "birthday", omit_year)
        if date is not None and self.birthday is None:
            self.birthday = date
        elif date is not None and date != self.birthday:
            self.keep_in_notes("Birthday", date.isoformat())

    def add_date(self, label: str, text: str, *, omit_year: int | None = None) -> None:
        """An anniversary or another dated occasion (P9.4)."""
        shown = fields.date_label(label) or "other"
        date = self._date(text, shown, omit_year)
        if date is not None and OtherDate(shown, date) not in self.other_dates:
            self.other_dates.append(OtherDate(shown, date))

    def _date(self, text: str, what: str, omit_year: int | None) -> PartialDate | None:
        try:
            return fields.parse_partial_date(text, omit_year=omit_year)
        except ValidationError as exc:
            self.keep_in_notes(what.capitalize(), text, f"{what}: {exc.message}")
            return None

    def set_connected_on(self, text: str) -> None:
        try:
            self.connected_on = fields.parse_full_date(text)
        except ValidationError as exc:
            self.keep_in_notes("Connected on", text, f"connected on: {exc.message}")

    def add_url(self, url: str) -> None:
        url = url.strip()
        if not url:
            return
        if fields.is_linkedin_profile(url) and not self.linkedin_url:
            self.linkedin_url = url
        elif url != self.linkedin_url:
            self.keep_in_notes("Website", url)

    def set_place(self, city: str, region: str, country: str) -> None:
        """City, region and country of the first address that has any (ISO 3166 country)."""
        if self.city or self.region or self.country or not (city or region or country).strip():
            return
        self.city, self.region = city.strip(), region.strip()
        try:
            self.country = normalise_country(country)
        except ValidationError:
            self.keep_in_notes("Country", country, f"country {country.strip()!r} is not known")

    def set_time_zone(self, text: str) -> None:
        """An IANA zone is kept; a bare UTC offset cannot say when clocks change, so not."""
        try:
            self.time_zone = normalise_zone(text)
        except ValidationError:
            self.warn(
                f"time zone {text.strip()!r} ignored: give an IANA name such as America/Chicago"
            )

    def add_tags(self, tags: list[str]) -> None:
        for tag in tags:
            if tag.strip() and tag.strip() not in self.tags:
                self.tags.append(tag.strip())

    def build(self) -> Contact:
        """The `Contact` this draft describes (phones as written; `prepare_contact` follows),
        of the kind the file states, else the kind its evidence suggests (domain/kind_guess)."""
        stated = self._stated_kind()
        read = self._contact("", guessed=stated is None or self.kind_guessed)
        self.guess = guess_kind(read, stated)
        changes: dict[str, object] = {}
        if self.guess.kind is not read.kind:
            changes["kind"] = self.guess.kind
        display = self.display_name.strip() or self._composed_name()
        if display and not self._says_no_more(display, read):  # the kind names no one
            changes["display_name"] = display
        return read.with_changes(**changes) if changes else read

    def _composed_name(self) -> str:
        """A full name from its parts when a middle name or suffix would otherwise be lost."""
        if self.sort_name.strip() and not fields.same_name(
            self.sort_name,
            f"{self.given_name} {self.middle_name} {self.family_name}",
            any_order=True,
        ):
            return self.sort_name.strip()
        if not (self.middle_name.strip() or self.name_suffix.strip()):
            return ""
        parts = (self.given_name, self.middle_name, self.family_name, self.name_suffix)
        return " ".join(" ".join(p.split()) for p in parts if p.strip())

    def _says_no_more(self, display: str, base: Contact) -> bool:
        plain = f"{base.given_name} {base.family_name}"
        return fields.same_name(display, plain, f"{base.honorific} {plain}", base.name)

    def _stated_kind(self) -> RelationshipKind | None:
        """The kind the file says; a card naming only an organization is one."""
        if self.kind is not None:
            return self.kind
        names = (self.given_name, self.family_name, self.display_name, self.nickname)
        nameless = not any(n.strip() for n in (*names, self.sort_name, self.middle_name))
        if nameless and self.organization.strip():
            return RelationshipKind.ORGANIZATION
        return None

    @property
    def guessed_business(self) -> tuple[str, ...]:
        """The evidence that made this record business, when the file did not say (after
        build())."""
        guess = self.guess
        return guess.evidence if guess is not None and guess.guessed_business else ()

    def _gatekeeper(self) -> Gatekeeper | None:
        if not (self.gatekeeper_name or self.gatekeeper_phone):
            return None
        role = self.gatekeeper_role or "assistant"
        return Gatekeeper(self.gatekeeper_name, role, self.gatekeeper_phone)

    def _contact(self, display_name: str, *, guessed: bool = False) -> Contact:
        notes = "\n".join(n for n in (*self.notes, *self.extra_notes) if n.strip())
        return Contact(
            given_name=self.given_name.strip(),
            family_name=self.family_name.strip(),
            display_name=display_name,
            nickname=self.nickname.strip(),
            honorific=self.honorific.strip(),
            kind=RelationshipKind.PERSONAL,
            kind_guessed=guessed,  # the file does not say: a later import may guess again
            address_form=self.address_form,
            job_title=self.job_title.strip(),
            organization=self.organization.strip(),
            department=self.department.strip(),
            met=self.met,
            phones=tuple(self.phones),
            emails=tuple(self.emails),
            city=self.city,
            region=self.region,
            country=self.country,
            time_zone=self.time_zone,
            availability=self.availability,
            gatekeeper=self._gatekeeper(),
            interests=tuple(self.interests),
            family_notes="\n".join(self.family_lines),
            avoid_topics=tuple(self.avoid_topics),
            birthday=self.birthday,
            other_dates=tuple(self.other_dates),
            source=self.source,
            connected_on=self.connected_on,
            linkedin_url=self.linkedin_url,
            cadence_days=self.cadence_days,
            tags=tuple(self.tags),
            notes=notes,
        )


def nameless_reason(contact: Contact) -> str | None:
    """Why a record cannot become a contact (no name at all), or None when it can."""
    if has_name(contact):
        return None
    return "no name: the record has no given, family, display or nick name, nor an organization"
