"""Duplicates, "not the same person" and merges as the REST API gives them (issue 13;
docs/json.md, "contacts duplicates", "contacts merge", "contacts unmerge")."""

from __future__ import annotations

from pydantic import BaseModel, Field

from callwise.web.schemas.common import MAX_ID, Input
from callwise.web.schemas.contacts import ContactOut


class DuplicateSide(BaseModel):
    id: int
    name: str
    organization: str


class DuplicateOut(BaseModel):
    """Two contacts that may be one person, and why."""

    first: DuplicateSide
    second: DuplicateSide
    score: float = Field(description="0..1, higher is stronger evidence")
    shared: list[str] = Field(description="Kinds of key both hold: phone, email, linkedin")
    keys: list[str] = Field(description="The shared keys themselves")
    names: str = Field(description="How the names agree: equal, nickname, similar, initial ...")
    same_organization: bool
    same_person: bool = Field(description="Shared evidence and agreeing names")
    evidence: str = Field(description="The evidence in words")


class DuplicateList(BaseModel):
    duplicates: list[DuplicateOut]
    count: int


class DismissIn(Input):
    """Two contacts that are two people."""

    first: int = Field(ge=1, le=MAX_ID)
    second: int = Field(ge=1, le=MAX_ID)


class DismissOut(BaseModel):
    first: int
    second: int
    added: bool = Field(description="false: the pair was marked already")


class MergeIn(Input):
    """The contact merged into the one in the path; `dry_run` only tells what would change."""

    other: int = Field(ge=1, le=MAX_ID)
    dry_run: bool = False


class FilledField(BaseModel):
    field: str
    value: str


class UnitedList(BaseModel):
    field: str
    added: str


class AlternateOut(BaseModel):
    field: str
    value: str = Field(description="The other contact's value, kept in the notes as `Also:`")


class MergeOut(BaseModel):
    keep: int
    other: int
    merge_id: int | None = Field(description="null in a dry run")
    dry_run: bool
    filled: list[FilledField]
    united: list[UnitedList]
    alternates: list[AlternateOut]
    moved: dict[str, int] = Field(description="Rows moved to the kept contact, by kind")
    changes: list[str] = Field(description="Every change in words")
    contact: ContactOut


class UnmergeOut(BaseModel):
    keep: ContactOut
    other: ContactOut
    new_id: bool = Field(description="true: the other's old id was taken, it has a new one")
    moved: dict[str, int]
    since: list[str] = Field(description="Changes since the merge, kept on the kept contact")
    changes: list[str]
