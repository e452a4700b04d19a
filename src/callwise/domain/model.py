"""The contact and what a warm call needs to know about them (P1.1, P1.2, P2.6).

Every domain object is a frozen dataclass; storage and the surfaces map onto these.
Absent text is the empty string, absent dates and numbers are None.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field, replace
from enum import StrEnum

from callwise.domain.errors import ValidationError


class RelationshipKind(StrEnum):
    """How we know the contact; it sets the default form of address (P2.5, P2.6)."""

    BUSINESS = "business"
    PERSONAL = "personal"
    INFORMAL = "informal"
    ORGANIZATION = "organization"


class AddressForm(StrEnum):
    """Title and family name (formal) or first name only (informal), P2.6."""

    FORMAL = "formal"
    INFORMAL = "informal"


def default_address_form(kind: RelationshipKind) -> AddressForm:
    """Business contacts and organizations are addressed formally; the rest by first name (P2.6)."""
    if kind in (RelationshipKind.BUSINESS, RelationshipKind.ORGANIZATION):
        return AddressForm.FORMAL
    return AddressForm.INFORMAL


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date whose year may be unknown (a birthday given as 15 April)."""

    month: int
    day: int
    year: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValidationError(f"month {self.month} does not exist; use 1-12", field="date")
        if self.year is not None and not 1 <= self.year <= 9999:
            raise ValidationError(f"year {self.year} is out of range", field="date")
        # A yearless 29 February is a real birthday, so check against a leap year.
        leap_or_year = self.year if self.year is not None else 2000
        last = calendar.monthrange(leap_or_year, self.month)[1]
        if not 1 <= self.day <= last:
            when = f"{calendar.month_name[self.month]}"
            if self.year is not None:
                when += f" {self.year}"
            raise ValidationError(f"{when} has no day {self.day}", field="date")

    def isoformat(self) -> str:
        """`YYYY-MM-DD`, or `--MM-DD` without a year (the vCard 4 / ISO 8601 form)."""
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @classmethod
    def parse(cls, text: str, *, field: str = "date") -> PartialDate:
        """Read `YYYY-MM-DD`, `--MM-DD` or `MM-DD`; anything else names the accepted forms."""
        raw = text.strip()
        parts = raw.lstrip("-").split("-")
        try:
            if raw.startswith("--") or len(parts) == 2:
                month, day = (int(p) for p in parts)
                result = cls(month, day)
            elif len(parts) == 3 and len(parts[0]) == 4:
                year, month, day = (int(p) for p in parts)
                result = cls(month, day, year)
            else:
                raise ValueError(raw)
        except ValueError:
            raise ValidationError(
                f"{text!r} is not a date; write YYYY-MM-DD, or --MM-DD when the year is unknown",
                field=field,
            ) from None
        except ValidationError as exc:
            raise ValidationError(f"{text!r}: {exc.message}", field=field) from None
        return result

    def __str__(self) -> str:
        return self.isoformat()


@dataclass(frozen=True, slots=True)
class Phone:
    """A number with its label. `number` is E.164 when `valid`; otherwise kept as written."""

    number: str
    label: str = "mobile"
    valid: bool = True


@dataclass(frozen=True, slots=True)
class Email:
    address: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class OtherDate:
    """An anniversary, a work anniversary or any dated occasion the user keeps (P9.4)."""

    label: str
    date: PartialDate


@dataclass(frozen=True, slots=True)
class HowWeMet:
    """The circumstances of the first meeting, the heart of a warm opener (P1.1, P2.2)."""

    event: str = ""
    date: dt.date | None = None
    place: str = ""
    circumstances: str = ""
    introduced_by: int | None = None

    def is_empty(self) -> bool:
        return not (
            self.event or self.date or self.place or self.circumstances or self.introduced_by
        )


@dataclass(frozen=True, slots=True)
class Gatekeeper:
    """The assistant or receptionist who answers first (P2.3)."""

    name: str = ""
    role: str = "assistant"
    phone: str = ""


@dataclass(frozen=True, slots=True)
class Contact:
    """Everything a warm call needs (P1.1, P1.2, P2.6). `id` is None until stored."""

    id: int | None = None
    given_name: str = ""
    family_name: str = ""
    display_name: str = ""
    nickname: str = ""
    honorific: str = ""
    kind: RelationshipKind = RelationshipKind.PERSONAL
    kind_guessed: bool = False  # guessed from an imported card, not set (domain/kind_guess)
    address_form: AddressForm | None = None
    job_title: str = ""
    organization: str = ""
    department: str = ""
    met: HowWeMet = field(default_factory=HowWeMet)
    phones: tuple[Phone, ...] = ()
    emails: tuple[Email, ...] = ()
    city: str = ""
    region: str = ""
    country: str = ""
    time_zone: str = ""
    availability: str = ""
    gatekeeper: Gatekeeper | None = None
    interests: tuple[str, ...] = ()
    family_notes: str = ""
    avoid_topics: tuple[str, ...] = ()
    birthday: PartialDate | None = None
    other_dates: tuple[OtherDate, ...] = ()
    source: str = ""
    connected_on: dt.date | None = None
    linkedin_url: str = ""
    cadence_days: int | None = None
    tags: tuple[str, ...] = ()
    notes: str = ""
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None

    @property
    def name(self) -> str:
        """The name to show: display name, else given and family name, else nickname or org."""
        if self.display_name:
            return self.display_name
        full = " ".join(p for p in (self.given_name, self.family_name) if p)
        return full or self.nickname or self.organization or "(no name)"

    @property
    def effective_address_form(self) -> AddressForm:
        """The user's override, else the form the relationship kind implies (P2.6)."""
        return self.address_form or default_address_form(self.kind)

    def with_changes(self, **changes: object) -> Contact:
        return replace(self, **changes)  # type: ignore[arg-type]


RELATIONSHIP_KINDS = tuple(k.value for k in RelationshipKind)

# The contact's fields that hold plain text, as forms, the backup and other surfaces name them.
TEXT_FIELDS = (
    "given_name", "family_name", "display_name", "nickname", "honorific", "job_title",
    "organization", "department", "city", "region", "country", "time_zone", "availability",
    "family_notes", "source", "linkedin_url", "notes",
)  # fmt: skip
PHONE_LABELS = ("mobile", "work", "home", "main", "assistant", "fax", "pager", "other")
CONNECTION_SOURCES = ("linkedin", "in person", "referral", "event", "email", "phone", "other")
