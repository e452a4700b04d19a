"""The contact as the REST API documents it: the shape of docs/json.md, typed (issue 7).

`domain.codec` stays the one converter: a body is dumped to that JSON shape and read with
`contact_from_dict`; a stored contact is written with `contact_to_dict`. These models only
describe and type-check the shape, so the OpenAPI document is precise.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from callwise.domain.model import AddressForm, RelationshipKind
from callwise.web.schemas.common import MAX_ID, Input

PartialDateText = Annotated[
    str,
    Field(
        pattern=r"^(\d{4}|-)-\d{2}-\d{2}$",
        description="YYYY-MM-DD, or --MM-DD when the year is unknown",
        examples=["1984-04-15", "--04-15"],
    ),
]
Cadence = Annotated[int, Field(ge=1, le=36500, description="Keep in touch every N days.")]
Version = Annotated[
    str | None,
    Field(
        default=None,
        max_length=64,
        description="The `version` you read; if the contact changed since, 409 and nothing "
        "is written. Leave it out to write regardless.",
    ),
]


class Met(BaseModel):
    """How you met: the heart of a warm opener (P1.1, P2.2)."""

    event: str = ""
    date: dt.date | None = None
    place: str = ""
    circumstances: str = ""
    introduced_by: int | None = Field(
        default=None, ge=1, le=MAX_ID, description="The id of the contact who introduced you."
    )


class Phone(BaseModel):
    number: str = Field(description="E.164; as written when `valid` is false (imports only).")
    label: str = "mobile"
    valid: bool = Field(default=True, description="Ignored on input: every number is checked.")


class Email(BaseModel):
    address: str
    label: str = ""


class Gatekeeper(BaseModel):
    """The assistant or receptionist who answers first (P2.3)."""

    name: str = ""
    role: str = "assistant"
    phone: str = ""


class OtherDate(BaseModel):
    label: str = ""
    date: PartialDateText


class ContactFields(BaseModel):
    """Every field a user sets; absent text is "", absent dates and numbers null."""

    given_name: str = ""
    family_name: str = ""
    display_name: str = ""
    nickname: str = ""
    honorific: str = Field(default="", examples=["Ms.", "Dr."])
    kind: RelationshipKind = RelationshipKind.PERSONAL
    address_form: AddressForm | None = Field(
        default=None, description="null follows the kind (P2.6)"
    )
    job_title: str = ""
    organization: str = ""
    department: str = ""
    met: Met = Field(default_factory=Met)
    phones: list[Phone] = []
    emails: list[Email] = []
    city: str = ""
    region: str = ""
    country: str = Field(default="", description="ISO 3166 alpha-2, or an English name")
    time_zone: str = Field(default="", description="IANA name, e.g. America/Chicago")
    availability: str = Field(
        default="", description="Hours they stated, OpenStreetMap opening_hours syntax (P3.3)"
    )
    gatekeeper: Gatekeeper | None = None
    interests: list[str] = []
    family_notes: str = ""
    avoid_topics: list[str] = Field(default=[], description="Never suggested as small talk.")
    birthday: PartialDateText | None = None
    other_dates: list[OtherDate] = []
    source: str = ""
    connected_on: dt.date | None = None
    linkedin_url: str = ""
    cadence_days: Cadence | None = None
    tags: list[str] = []
    notes: str = ""


class ContactIn(Input, ContactFields):
    """A contact to create or replace. Read-only keys (`id`, `name`, `created_at`,
    `updated_at`) are ignored, so a contact read from the API can be sent back."""

    model_config = ConfigDict(extra="ignore")

    version: Version = None


class ContactPatch(Input):
    """A JSON merge patch (RFC 7396) of the contact: the keys sent replace the stored ones,
    `met` and `gatekeeper` merge key by key, and null clears a field."""

    model_config = ConfigDict(extra="ignore")

    given_name: str | None = None
    family_name: str | None = None
    display_name: str | None = None
    nickname: str | None = None
    honorific: str | None = None
    kind: RelationshipKind | None = None
    address_form: AddressForm | None = None
    job_title: str | None = None
    organization: str | None = None
    department: str | None = None
    met: Met | None = None
    phones: list[Phone] | None = None
    emails: list[Email] | None = None
    city: str | None = None
    region: str | None = None
    country: str | None = None
    time_zone: str | None = None
    availability: str | None = None
    gatekeeper: Gatekeeper | None = None
    interests: list[str] | None = None
    family_notes: str | None = None
    avoid_topics: list[str] | None = None
    birthday: PartialDateText | None = None
    other_dates: list[OtherDate] | None = None
    source: str | None = None
    connected_on: dt.date | None = None
    linkedin_url: str | None = None
    cadence_days: Cadence | None = None
    tags: list[str] | None = None
    notes: str | None = None
    version: Version = None

    def changes(self) -> dict[str, Any]:
        """The keys the client sent, as JSON values (null included)."""
        return self.model_dump(mode="json", exclude_unset=True)


class ContactOut(ContactFields):
    """A stored contact (docs/json.md, "A contact")."""

    id: int
    name: str = Field(description="The name shown: display name, else given + family, ...")
    kind_guessed: bool = Field(
        default=False,
        description="The kind was guessed from an imported card; a later import may guess "
        "again. Setting the kind makes it yours: no guess overrides it.",
    )
    version: str = Field(description="Changes whenever the contact does; send it back with PUT.")
    created_at: dt.datetime | None
    updated_at: dt.datetime | None
    warnings: list[str] = Field(
        default=[],
        description="When it was just saved: one line per social security or card number "
        "masked on the way in, naming its field (P8.2); only the last four digits are kept.",
    )


class ContactList(BaseModel):
    """One page of contacts; `more` says whether another page follows."""

    contacts: list[ContactOut]
    total: int
    more: bool
    limit: int
    offset: int


class Removed(BaseModel):
    removed: ContactOut
