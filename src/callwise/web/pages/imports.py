"""Import and export pages (issue 7): upload, the dry-run preview, confirm; downloads.

Decisions:
- The upload is staged (`services.uploads`) and previewed with a dry run; the confirmation
  imports the same staged bytes with the same format and region, so what was previewed is
  what is imported. A refused confirmation shows the preview again with the reason.
- Service messages speak of CLI options (`--format`, `--skip-invalid`); here they name the
  form's controls instead, so the fix they suggest is one the user can make on this page.
- Exports are written to a temporary file and sent from there, not built in memory.
- Previews and imports run in a child process with a time limit (`uploads.import_upload`).
- The confirmation answers with a redirect to the import's result page, kept with the upload
  (`uploads.save_result`), so reloading it imports nothing (post/redirect/get, issue 15).
"""

from __future__ import annotations

import os
import tempfile
from contextlib import suppress
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.background import BackgroundTask

from callwise.domain.errors import CallwiseError, NotFoundError, ValidationError
from callwise.domain.phones import is_region
from callwise.interchange import formats
from callwise.services import calendar, exporter, uploads
from callwise.services.app import App
from callwise.services.contacts import count_contacts
from callwise.services.import_report import ImportReport
from callwise.services.plan import home_today
from callwise.services.shapes.imports import guessed_business
from callwise.web.deps import AppDep, CsrfDep, render

router = APIRouter()

# From the format registry (interchange/formats.py).
IMPORT_FORMATS = ((formats.AUTO, formats.AUTO_LABEL), *((f.id, f.label) for f in formats.FORMATS))
FORMAT_NAMES = formats.NAMES
# What the file chooser offers: every format's extensions, plain text, the media types.
ACCEPT = ",".join(
    [
        *dict.fromkeys(f".{ext}" for f in formats.FORMATS for ext in f.extensions),
        ".txt",
        *dict.fromkeys(e.media_type for e in formats.EXPORTS.values()),
    ]
)
# format -> (label, media type, file name pattern)
EXPORTS = {
    e.id: (e.label, f"{e.media_type}; charset=utf-8", e.file_name) for e in formats.EXPORTS.values()
}
FORM_FIELDS = ("file", "format", "region")
_CLI_WORDS = (
    ("--skip-invalid", '"Skip invalid records"'),
    ("with --format", "in the Format menu"),
    ("--format", "the Format menu"),
)
SHOWN = 50  # rows per list in the preview; the counts are always complete


def web_words(message: str) -> str:
    """A service message with CLI option names replaced by this page's controls."""
    for cli, web in _CLI_WORDS:
        message = message.replace(cli, web)
    return message


def _form_page(
    request: Request,
    app: App,
    *,
    values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    problem: str = "",
    status_code: int = 200,
) -> HTMLResponse:
    context: dict[str, Any] = {
        "formats": IMPORT_FORMATS,
        "exports": EXPORTS,
        "accept": ACCEPT,
        "values": values or {"format": "auto", "region": ""},
        "errors": errors or {},
        "problem": problem,
        "default_region": app.settings().default_region,
        "contacts": count_contacts(app),
    }
    return render(request, "import.html", context, status_code=status_code)


def _refusal(exc: ValidationError) -> tuple[dict[str, str], str]:
    """(errors by form field, a general line) for a refused upload or import."""
    message = web_words(exc.message)
    if exc.field in FORM_FIELDS:
        return {str(exc.field): message}, ""
    return {}, f"{exc.field}: {message}" if exc.field else message


def _check_choices(format: str, region: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if format not in dict(IMPORT_FORMATS):
        errors["format"] = "choose one of the formats in the list"
    if region.strip() and not is_region(region.strip()):
        errors["region"] = (
            f"{region.strip()!r} is not a phone region; use a two-letter country code "
            "such as US or GB, or leave it empty"
        )
    return errors


def _dry_run(app: App, upload_id: str, format: str, region: str) -> ImportReport:
    path = uploads.staged_path(upload_id)
    region_code = region.strip().upper() or None
    return uploads.import_upload(app, path, format=format, region=region_code, dry_run=True)


def _report_page(
    request: Request,
    *,
    report: ImportReport,
    upload_id: str,
    values: dict[str, str],
    done: bool,
    problem: str = "",
    status_code: int = 200,
) -> HTMLResponse:
    context = {
        "report": report,
        "kind": FORMAT_NAMES.get(report.format, report.format),
        "upload_id": upload_id,
        "values": values,
        "done": done,
        "problem": problem,
        "shown": SHOWN,
        "guessed": guessed_business(report),
    }
    return render(request, "import_preview.html", context, status_code=status_code)


def _lines(values: list[str]) -> list[int]:
    """The ticked line numbers; anything else is a tampered form."""
    if not all(v.strip().isdigit() and len(v.strip()) < 10 for v in values):
        raise ValidationError("give file line numbers, as the preview lists them", field="separate")
    return sorted({int(v) for v in values})


@router.get("/import", response_class=HTMLResponse)
def import_page(request: Request, app: AppDep) -> HTMLResponse:
    return _form_page(request, app)


@router.post("/import/preview", response_class=HTMLResponse, dependencies=[CsrfDep])
def import_preview(
    request: Request,
    app: AppDep,
    file: Annotated[UploadFile | None, File()] = None,
    format: Annotated[str, Form()] = "auto",
    region: Annotated[str, Form()] = "",
) -> HTMLResponse:
    """Stage the upload and show what importing it would do; nothing is written."""
    values = {"format": format, "region": region, "name": (file.filename or "") if file else ""}
    errors = _check_choices(format, region)
    if file is None or not file.filename:
        errors["file"] = "choose a file to import"
    if errors:
        return _form_page(request, app, values=values, errors=errors, status_code=422)
    assert file is not None
    try:
        staged = uploads.stage_upload(file.file, file.filename or "upload")
    except ValidationError as exc:
        errors, problem = _refusal(exc)
        return _form_page(
            request, app, values=values, errors=errors, problem=problem, status_code=422
        )
    try:
        report = _dry_run(app, staged.id, format, region)
    except CallwiseError as exc:
        uploads.discard(staged.id)
        if not isinstance(exc, ValidationError):
            raise
        errors, problem = _refusal(exc)
        return _form_page(
            request, app, values=values, errors=errors, problem=problem, status_code=422
        )
    values["name"] = staged.name
    return _report_page(request, report=report, upload_id=staged.id, values=values, done=False)


@router.post("/import/{upload_id}", dependencies=[CsrfDep])
def import_confirm(
    request: Request,
    app: AppDep,
    upload_id: str,
    format: Annotated[str, Form()] = "auto",
    region: Annotated[str, Form()] = "",
    skip_invalid: Annotated[str, Form()] = "",
    separate: Annotated[list[str] | None, Form()] = None,
) -> Response:
    """Import the staged upload previewed before, then show what was done on its own page
    (post/redirect/get, issue 15); a refusal shows the preview and the reason. Records
    ticked "Import as a separate person" (`separate`: file lines) become new contacts."""
    errors = _check_choices(format, region)
    if errors:
        field, message = next(iter(errors.items()))
        raise ValidationError(message, field=field)
    separate_lines = _lines(separate or [])
    done = RedirectResponse(f"/import/{upload_id}", status_code=303)
    if uploads.load_result(upload_id) is not None:
        return done  # the form sent again: it was imported already
    path = uploads.staged_path(upload_id)
    values = {"format": format, "region": region, "name": path.name}
    try:
        report = uploads.import_upload(
            app,
            path,
            format=format,
            region=region.strip().upper() or None,
            skip_invalid=bool(skip_invalid),
            separate_lines=separate_lines,
        )
    except uploads.TooSlow:
        raise  # previewing again would take as long: the error page says why
    except ValidationError as exc:
        preview = _dry_run(app, upload_id, format, region)
        return _report_page(
            request,
            report=preview,
            upload_id=upload_id,
            values=values,
            done=False,
            problem=web_words(exc.message),
            status_code=422,
        )
    uploads.save_result(upload_id, result_view(report, path.name))
    return done


def result_view(report: ImportReport, name: str) -> dict[str, Any]:
    """What the result page shows of an import, as plain JSON values (kept with the upload);
    the template reads it as it reads the report."""
    restored, guessed = report.restored, guessed_business(report)
    return {
        "name": name,
        "format": report.format,
        "added": report.added,
        "merged": [
            {"line": m.line, "contact_id": m.contact_id, "name": m.name, "fields": m.fields}
            for m in report.merged
        ],
        "unchanged": report.unchanged,
        "conflicts": report.conflicts,
        "rejected": [{"line": r.line, "reason": r.reason} for r in report.rejected],
        "flagged": report.flagged,
        "warnings": report.warnings,
        "masked": report.masked,  # numbers masked (P8.2): line, name, warning naming the field
        "restored": vars(restored) if restored else None,
        "guessed": {"count": guessed.count, "words": guessed.words},
    }


@router.get("/import/{upload_id}", response_class=HTMLResponse)
def import_result(request: Request, upload_id: str) -> HTMLResponse:
    """What importing an upload did; reloading this page imports nothing."""
    result = uploads.load_result(upload_id)
    if result is None:
        raise NotFoundError("that upload is not imported; upload the file again", field="upload")
    context = {
        "report": result,
        "kind": FORMAT_NAMES.get(result["format"], result["format"]),
        "upload_id": upload_id,
        "values": {"name": result["name"]},
        "done": True,
        "shown": SHOWN,
        "guessed": result.get("guessed"),
    }
    return render(request, "import_preview.html", context)


@router.post("/import/{upload_id}/cancel", dependencies=[CsrfDep])
def import_cancel(upload_id: str) -> RedirectResponse:
    """Forget a previewed upload without importing it."""
    with suppress(NotFoundError):  # already gone: the result is the same
        uploads.discard(upload_id)
    return RedirectResponse("/import", status_code=303)


def _temporary_export(app: App, format: str) -> str:
    """Write the export to a temporary file; return its path (removed after sending)."""
    handle, path = tempfile.mkstemp(prefix="callwise-export-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            exporter.write_export(app, format, out)
    except BaseException:
        os.unlink(path)
        raise
    return path


@router.get("/export/calendar.ics")
def export_calendar(app: AppDep, days: int = 7, start: str = "today") -> Response:
    """The planned calls of the coming `days` days and the birthdays in them (RFC 5545)."""
    try:
        made = calendar.calendar_export(app, start, days)
    except ValidationError as exc:
        field = {"to": "days", "from": "start"}.get(str(exc.field), exc.field)
        raise ValidationError(exc.message, field=field) from None
    name = f"callwise-calls-{home_today(app)}.ics"
    return Response(
        made.data,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/export/{format}")
def export_contacts(app: AppDep, format: str) -> FileResponse:
    """Every contact as a download, in `format` (json, vcard or csv)."""
    if format not in EXPORTS:
        raise NotFoundError(
            f"no export format {format!r}; use one of: {', '.join(EXPORTS)}", field="format"
        )
    _, media_type, suffix = EXPORTS[format]
    path = _temporary_export(app, format)
    return FileResponse(
        path,
        media_type=media_type,
        filename=f"callwise-{home_today(app)}-{suffix}",
        background=BackgroundTask(os.unlink, path),
    )
