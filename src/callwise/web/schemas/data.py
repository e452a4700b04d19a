"""Imports and settings as the REST API gives them (docs/json.md, `import` and `settings`;
issue 7)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from callwise.interchange import formats
from callwise.services.import_report import ImportReport
from callwise.services.shapes.imports import import_report_shape
from callwise.web.schemas.common import Input

# The format enums, from the format registry (interchange/formats.py): a Literal of its ids
# (for mypy, a str).
if TYPE_CHECKING:
    ImportFormat = str
    ReadFormat = str
    ExportFormat = str
else:
    ImportFormat = Literal[formats.IMPORT_CHOICES]
    ReadFormat = Literal[formats.IMPORT_IDS]
    ExportFormat = Literal[formats.EXPORT_IDS]


class NewRecord(BaseModel):
    line: int
    name: str


class Basis(BaseModel):
    """The evidence of a merge (issue 13)."""

    shared: list[Literal["phone", "email", "linkedin"]] = Field(description="Kinds of key shared")
    keys: list[str] = Field(description="The keys shared, e.g. phone:+13125550100")
    names: Literal["equal", "nickname", "similar", "initial", "one unnamed"]


class Compared(BaseModel):
    field: str
    stored: str
    incoming: str


class MergedRecord(BaseModel):
    line: int
    contact_id: int | None = Field(description="null: merged into a record earlier in the file")
    name: str
    fields: list[str] = Field(description="The fields that change")
    matched_line: int | None = Field(
        description="The earlier record's line, when merged into one earlier in the file"
    )
    incoming_name: str = Field(description="The record's name as the file gives it")
    evidence: str = Field(description="Why they are one person, in words")
    basis: Basis | None = Field(description="null: only the name (and organization) agreed")
    compared: list[Compared] = Field(description="Stored and incoming values side by side")


class Other(BaseModel):
    contact_id: int | None = Field(description="null: a record earlier in the file")
    line: int | None
    name: str


class KeptSeparate(BaseModel):
    """A record that resembles a contact but was not merged into it, and why."""

    line: int
    name: str
    other: Other
    reason: str


class Conflict(BaseModel):
    line: int
    name: str
    kept_in_notes: str = Field(description="The other value, kept in the notes")


class Rejected(BaseModel):
    line: int
    reason: str


class FlaggedPhone(BaseModel):
    line: int
    name: str
    number: str = Field(description="Kept as written: not a valid number")


class ImportWarning(BaseModel):
    line: int
    warning: str


class MaskedNumber(BaseModel):
    """A social security or card number found in a record and masked (P8.2)."""

    line: int
    name: str
    field: str = Field(description="Where it was, in words: notes, how you met ...")
    warning: str


class GuessedBusiness(BaseModel):
    """New contacts the file gave no relationship for, made business by what their card shows;
    `contacts edit --all-matching ... --kind personal` (or the Contacts page) changes them."""

    count: int
    evidence: list[str] = Field(description="job title, company, work number ...")


class Restored(BaseModel):
    """What a callwise backup restores."""

    added: int
    updated: int
    settings: int


class ImportReportOut(BaseModel):
    """What an import did, or would do (`dry_run`). A backup fills `restored` instead of
    the lists."""

    format: ReadFormat
    dry_run: bool
    added: int
    merged: int
    unchanged: int
    new: list[NewRecord]
    merges: list[MergedRecord]
    conflicts: list[Conflict]
    rejected: list[Rejected]
    flagged_phones: list[FlaggedPhone]
    warnings: list[ImportWarning]
    kept_separate: list[KeptSeparate] = Field(description="Possible duplicates not merged")
    separate_lines: list[int] = Field(description="Lines imported as separate people on request")
    refused: str | None = Field(
        description="A dry run: the real import would be refused for this reason"
    )
    restored: Restored | None
    guessed_business: GuessedBusiness
    masked: list[MaskedNumber] = Field(description="Records with a number masked (P8.2)")

    @classmethod
    def of(cls, report: ImportReport) -> ImportReportOut:
        return cls.model_validate(import_report_shape(report))


class ImportPreview(BaseModel):
    """The dry run of an uploaded file; commit it with POST /imports/{upload_id}."""

    upload_id: str
    filename: str
    size: int = Field(description="Bytes")
    report: ImportReportOut


class ImportCommit(Input):
    format: ImportFormat = Field(default="auto", description="As given to the preview")
    region: str | None = Field(
        default=None,
        pattern=r"^[A-Za-z]{2}$",
        description="Region for numbers without a country code, as given to the preview",
    )
    skip_invalid: bool = Field(
        default=False, description="Import the valid records; otherwise one rejection aborts"
    )
    separate_lines: list[int] = Field(
        default_factory=list,
        max_length=10_000,
        description="File lines to import as new people, whatever they resemble",
    )


class SettingOut(BaseModel):
    key: str
    value: str
    help: str
    is_default: bool


class SettingList(BaseModel):
    settings: list[SettingOut]


class SettingIn(Input):
    value: str = Field(description="The new value, as `callwise settings set` takes it")
