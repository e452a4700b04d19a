"""/api/v1 imports (preview, then commit), exports and settings (issue 7).

Decisions:
- An import is two steps: POST /imports/preview stages the upload and answers its dry run
  with an `upload_id`; POST /imports/{upload_id} imports those same bytes and forgets them.
  A refused commit (a rejected record without `skip_invalid`) keeps the upload for a retry.
  Both run in a child process with a time limit (`uploads.import_upload`, issue 11).
- Exports are answered whole (the backup as application/json, vCard 3.0 as text/vcard,
  Google CSV as text/csv) with a dated attachment file name.
- A setting key callwise does not have is 404, like an unknown id.
"""

from __future__ import annotations

import io
from typing import Annotated

from fastapi import APIRouter, Body, File, Form, Path, UploadFile
from fastapi.responses import Response

from callwise.domain.errors import NotFoundError, ValidationError
from callwise.domain.phones import is_region
from callwise.domain.settings import SPEC_BY_KEY
from callwise.interchange import formats
from callwise.services import exporter, uploads
from callwise.services import settings as service
from callwise.services.app import App
from callwise.services.shapes.settings import setting_shape, settings_shape
from callwise.web.deps import AppDep
from callwise.web.idempotency import Idempotent
from callwise.web.schemas.common import Text
from callwise.web.schemas.data import (
    ExportFormat,
    ImportCommit,
    ImportFormat,
    ImportPreview,
    ImportReportOut,
    SettingIn,
    SettingList,
    SettingOut,
)

router = APIRouter(tags=["data"])

# Export format -> (content type, file extension), from the format registry.
EXPORTS = {e.id: (e.media_type, e.extension) for e in formats.EXPORTS.values()}
Region = Annotated[
    str | None,
    Form(pattern=r"^[A-Za-z]{2}$", description="Region for numbers without a country code."),
]


def _region(region: str | None) -> str | None:
    if region is None or not region.strip():
        return None
    if not is_region(region):
        raise ValidationError(
            f"{region!r} is not a phone region; use a two-letter country code such as US or GB",
            field="region",
        )
    return region.upper()


def _import(app: App, upload_id: str, commit: ImportCommit, dry_run: bool) -> ImportReportOut:
    report = uploads.import_upload(
        app,
        uploads.staged_path(upload_id),
        format=commit.format,
        region=_region(commit.region),
        dry_run=dry_run,
        skip_invalid=commit.skip_invalid,
        separate_lines=commit.separate_lines,
    )
    return ImportReportOut.of(report)


@router.post(
    "/imports/preview",
    summary="Upload an address book or backup and see what importing it would do",
    dependencies=[Idempotent],
)
def preview_import(
    app: AppDep,
    file: Annotated[UploadFile, File(description="vCard, Google/Outlook/LinkedIn CSV, backup")],
    format: Annotated[ImportFormat, Form(description="auto reads the content")] = "auto",
    region: Region = None,
) -> ImportPreview:
    commit = ImportCommit(format=format, region=region)
    _region(region)
    staged = uploads.stage_upload(file.file, file.filename or "upload")
    try:
        report = _import(app, staged.id, commit, dry_run=True)
    except BaseException:
        uploads.discard(staged.id)
        raise
    return ImportPreview(upload_id=staged.id, filename=staged.name, size=staged.size, report=report)


@router.post("/imports/{upload_id}", summary="Import a previewed upload", dependencies=[Idempotent])
def commit_import(
    app: AppDep,
    upload_id: Annotated[Text, Path(max_length=100, description="From the preview.")],
    body: Annotated[ImportCommit | None, Body()] = None,
) -> ImportReportOut:
    report = _import(app, upload_id, body or ImportCommit(), dry_run=False)
    uploads.discard(upload_id)
    return report


@router.get(
    "/exports/{format}",
    summary="Every contact: json (the lossless backup), vcard (3.0) or csv (Google)",
    response_class=Response,
    responses={
        200: {
            "description": "The file, as an attachment",
            "content": {
                "application/json": {"schema": {"type": "object"}},
                "text/vcard": {"schema": {"type": "string"}},
                "text/csv": {"schema": {"type": "string"}},
            },
        }
    },
)
def export(app: AppDep, format: ExportFormat) -> Response:
    out = io.StringIO(newline="")
    exporter.write_export(app, format, out)
    media_type, extension = EXPORTS[format]
    name = f"callwise-{app.now:%Y-%m-%d}.{extension}"
    return Response(
        out.getvalue().encode("utf-8"),
        media_type=f"{media_type}; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/settings", summary="Every setting: its value, what it does, and whether default")
def get_settings(app: AppDep) -> SettingList:
    return SettingList.model_validate(settings_shape(service.setting_texts(app)))


@router.put("/settings/{key}", summary="Change one setting (checked as the CLI checks it)")
def put_setting(
    app: AppDep,
    key: Annotated[Text, Path(json_schema_extra={"enum": list(SPEC_BY_KEY)})],
    body: SettingIn,
) -> SettingOut:
    if key not in SPEC_BY_KEY:
        raise NotFoundError(f"no setting is called {key!r}; GET /settings lists them", field="key")
    service.set_setting(app, key, body.value)
    row = next(row for row in service.setting_texts(app) if row[0] == key)
    return SettingOut.model_validate(setting_shape(row))
