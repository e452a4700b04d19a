"""Pydantic shapes the whole REST API shares: errors, a contact reference, a courteous window,
and the check that keeps text storable (issue 7).

Input models only type the shape; the services validate the values and name the field.
Decisions:
- Text with a NUL or an unpaired surrogate is refused with 422 at the edge: PostgreSQL cannot
  store NUL, and a lone surrogate cannot be encoded as UTF-8, so either would otherwise fail
  deep in the database as a server error.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import Path
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

from callwise.domain.courtesy import Tag

MAX_ID = 2**31 - 1  # ids are 32-bit integers in the database


def _unstorable(value: Any) -> bool:
    """Whether `value` (a JSON value, or a model holding them) has text no database takes."""
    if isinstance(value, str):
        return "\x00" in value or any("\ud800" <= ch <= "\udfff" for ch in value)
    if isinstance(value, BaseModel):
        value = value.__dict__
    if isinstance(value, dict):
        return any(_unstorable(k) or _unstorable(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_unstorable(v) for v in value)
    return False


_UNSTORABLE = "text cannot hold NUL or unpaired surrogate characters; remove them"


def storable(value: str) -> str:
    if _unstorable(value):
        raise ValueError(_UNSTORABLE)
    return value


# A query or form text parameter; search words and filter names have a length bound (a
# thousand search words would exceed what SQLite can nest in one query).
Text = Annotated[str, AfterValidator(storable)]
SearchText = Annotated[str, StringConstraints(max_length=500), AfterValidator(storable)]
ShortText = Annotated[str, StringConstraints(max_length=200), AfterValidator(storable)]
# An id in a path.
ContactId = Annotated[int, Path(ge=1, le=MAX_ID, description="The contact's id.")]


class Input(BaseModel):
    """A request body: unknown keys are refused, and every text must be storable."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        if _unstorable(value):
            raise ValueError(_UNSTORABLE)
        return value


class ErrorDetail(BaseModel):
    field: str | None = Field(description="The field to fix (the key you sent), or null.")
    message: str = Field(description="What is wrong and how to fix it, in one line.")


class ErrorBody(ErrorDetail):
    details: list[ErrorDetail] | None = Field(
        default=None, description="Every invalid field, when the request had several."
    )
    candidates: list[str] | None = Field(
        default=None, description="The contacts a name matched, when it matched several."
    )


class ErrorResponse(BaseModel):
    """Every error: 404 unknown id, 409 conflict, 422 invalid value, 503 database trouble."""

    error: ErrorBody


ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": words}
    for status, words in (
        (400, "The body could not be read: not JSON, or not the form expected."),
        (401, "The login is on: log in or send HTTP Basic credentials."),
        (403, "A write from another site was refused."),
        (404, "No such contact, trip, upload or setting."),
        (409, "The change clashes with stored data (a phone or email another contact has)."),
        (422, "A value cannot be accepted; `field` names it."),
        (503, "The database refused or could not be reached."),
    )
}


class ContactRef(BaseModel):
    id: int
    name: str


class WindowOut(BaseModel):
    """A courteous window: `start`/`end` in the contact's zone, `home_*` in yours (P3.1)."""

    start: dt.datetime
    end: dt.datetime
    home_start: dt.datetime
    home_end: dt.datetime
    tag: Tag
