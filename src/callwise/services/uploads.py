"""Files uploaded to the web app, kept between the import preview and its confirmation.

Decisions:
- An upload is staged in a private folder under the system temp dir with a random id; the
  preview shows that id and the confirmation imports the same bytes, so what was previewed
  is what gets imported. Staged files older than `KEEP_SECONDS` are removed on the next upload.
- Once imported, the staged file gives way to what the import did (`save_result`), kept as
  long as an upload, so the page that shows it can be reloaded (post/redirect/get, issue 15).
- Uploads over `MAX_BYTES` are refused: a contact export that large is a mistake.
- An upload is imported (previewed or committed) in a child process, given `import_limit()`
  seconds: past them the child and its readers are killed, so its transaction never commits
  and one slow file never holds the server's workers (issue 11). The CLI has no such limit.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import secrets
import shutil
import signal
import tempfile
import time
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from callwise.domain.errors import CallwiseError, NotFoundError, ValidationError
from callwise.services import importer
from callwise.services.app import App
from callwise.services.import_report import ImportReport

IMPORT_SECONDS = 60.0  # the longest the web app spends importing (or previewing) one upload
KEEP_SECONDS = 3600
MAX_BYTES = 512 * 1024 * 1024
_CHUNK = 1024 * 1024
_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
RESULT = "#result.json"  # a name no staged file has: _safe_name turns "#" into "_"


class TooSlow(ValidationError):
    """An upload's import ran past the time limit and was stopped (nothing written)."""


@dataclass(frozen=True)
class Staged:
    id: str
    name: str
    size: int


def _folder() -> Path:
    uid = os.getuid() if hasattr(os, "getuid") else 0
    folder = Path(tempfile.gettempdir()) / f"callwise-uploads-{uid}"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def _sweep(folder: Path) -> None:
    cutoff = time.time() - KEEP_SECONDS
    for entry in folder.iterdir():
        if entry.stat().st_mtime < cutoff:
            shutil.rmtree(entry, ignore_errors=True)


def _safe_name(filename: str) -> str:
    name = Path(filename.replace("\\", "/")).name.strip()
    return re.sub(r"[^\w.\- ]", "_", name)[:120] or "upload"


def stage_upload(stream: IO[bytes], filename: str) -> Staged:
    """Copy an uploaded file aside; refuse an empty or oversized one, keeping nothing."""
    folder = _folder()
    _sweep(folder)
    upload_id = secrets.token_urlsafe(18)
    target = folder / upload_id
    target.mkdir(mode=0o700)
    path = target / _safe_name(filename)
    size = 0
    with path.open("wb") as out:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if size > MAX_BYTES:
                break
            out.write(chunk)
    if size == 0 or size > MAX_BYTES:
        shutil.rmtree(target, ignore_errors=True)
        reason = "is empty" if size == 0 else f"is over {MAX_BYTES // (1024 * 1024)} MB"
        raise ValidationError(f"the file {reason}; choose a contacts export file", field="file")
    return Staged(upload_id, path.name, size)


def _dir(upload_id: str) -> Path:
    target = _folder() / upload_id
    if not _ID.match(upload_id) or not target.is_dir():
        raise NotFoundError(
            "that upload has expired or was already imported; upload the file again",
            field="upload",
        )
    return target


def staged_path(upload_id: str) -> Path:
    """The staged file of `upload_id`."""
    folder = _dir(upload_id)
    files = sorted(f for f in folder.iterdir() if f.name != RESULT)
    if not files:
        done = (folder / RESULT).exists()
        state = "was already imported" if done else "is empty"
        raise NotFoundError(f"that upload {state}; upload the file again", field="upload")
    return files[0]


def save_result(upload_id: str, result: dict[str, Any]) -> None:
    """Keep what importing `upload_id` did (plain JSON values) in place of its file."""
    folder = _dir(upload_id)
    (folder / RESULT).write_text(json.dumps(result), encoding="utf-8")
    for entry in folder.iterdir():
        if entry.name != RESULT:
            entry.unlink()


def load_result(upload_id: str) -> dict[str, Any] | None:
    """What importing `upload_id` did; None while it is not imported yet."""
    path = _dir(upload_id) / RESULT
    if not path.exists():
        return None
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def discard(upload_id: str) -> None:
    """Forget a staged upload (after it was imported)."""
    shutil.rmtree(_dir(upload_id), ignore_errors=True)


def import_limit() -> float:
    """IMPORT_SECONDS, or CALLWISE_IMPORT_SECONDS when set (a server with a shorter limit)."""
    text = os.environ.get("CALLWISE_IMPORT_SECONDS", "").strip()
    try:
        return float(text) if text else IMPORT_SECONDS
    except ValueError:
        return IMPORT_SECONDS


def _import_child(app: App, path: Path, options: dict[str, Any], sending: Any) -> None:
    """Child process: import, then send ("report", report) or ("error", CallwiseError)."""
    os.setpgid(0, 0)  # its readers join its process group, so one signal stops them all
    app.engine.dispose(close=False)  # the parent's pooled connections stay the parent's
    try:
        sending.send(("report", importer.import_file(app, path, **options)))
    except CallwiseError as exc:
        sending.send(("error", exc))
    except Exception as exc:  # a defect: the parent raises it as one
        sending.send(("defect", f"{type(exc).__name__}: {exc}"))


def _stop(process: Any) -> None:
    if process.is_alive():
        with suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    process.join()


def _answer(receiving: Any, process: Any, limit: float) -> tuple[str, Any]:
    """The child's answer within `limit` seconds, else ("late", None) with the child stopped
    (an answer sent just before the stop still counts: the import may have committed)."""
    try:
        if receiving.poll(limit):
            return _received(receiving.recv())
    except EOFError:  # the child ended without an answer (killed from outside)
        return "died", None
    _stop(process)
    try:
        return _received(receiving.recv()) if receiving.poll(0) else ("late", None)
    except EOFError:
        return "late", None


def _received(message: Any) -> tuple[str, Any]:
    kind, payload = message
    return str(kind), payload


def import_upload(app: App, path: Path, **options: Any) -> ImportReport:
    """`importer.import_file(app, path, **options)` in a child process, within the time limit;
    past it nothing is written and the error says so."""
    limit = import_limit()
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=_import_child, args=(app, path, options, sending))
    process.start()
    sending.close()
    try:
        kind, payload = _answer(receiving, process, limit)
    finally:
        _stop(process)
        receiving.close()
    if kind == "report":
        assert isinstance(payload, ImportReport)
        return payload
    if kind == "error":
        raise payload
    if kind == "late":
        raise TooSlow(
            f"reading the file took longer than {limit:g} seconds, the limit for an upload; "
            "nothing was imported: import it with `callwise import FILE` or split it",
            field="file",
        )
    raise RuntimeError(payload or "the import process ended without an answer")
