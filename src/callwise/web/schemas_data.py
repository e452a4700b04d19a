"""Imports and settings as the REST API gives them (docs/json.md, `import` and `settings`;
issue 7)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from callwise.services.importer import ImportReport
from callwise.services.shapes.imports import import_report_shape
from callwise.web.schemas import Input

ImportFormat = Literal["auto", "vcard", "google", "outlook", "linkedin", "backup"]


class NewRecord(BaseModel):
    line: int
    name: str


class MergedRecord(BaseModel):
    line: int
    contact_id: int | None = Field(description="null: merged into a record earlier in the file")
    name: str
    fields: list[str] = Field(description="The fields that change")


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


class Restored(BaseModel):
    """What a callwise backup restores."""

    added: int
    updated: int
    settings: int


class ImportReportOut(BaseModel):
    """What an import did, or would do (`dry_run`). A backup fills `restored` instead of
    the lists."""

    format: Literal["vcard", "google", "outlook", "linkedin", "backup"]
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
    restored: Restored | None

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


class SettingOut(BaseModel):
    key: str
    value: str
    help: str
    is_default: bool


class SettingList(BaseModel):
    settings: list[SettingOut]


class SettingIn(Input):
    value: str = Field(description="The new value, as `callwise settings set` takes it")
