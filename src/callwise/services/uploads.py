"""Files uploaded to the web app, kept between the import preview and its confirmation.

Decisions:
- An upload is staged in a private folder under the system temp dir with a random id; the
  preview shows that id and the confirmation imports the same bytes, so what was previewed
  is what gets imported. Staged files older than `KEEP_SECONDS` are removed on the next upload.
- Uploads over `MAX_BYTES` are refused: a contact export that large is a mistake.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from callwise.domain.errors import NotFoundError, ValidationError

KEEP_SECONDS = 3600
MAX_BYTES = 512 * 1024 * 1024
_CHUNK = 1024 * 1024
_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


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
    files = sorted(_dir(upload_id).iterdir())
    if not files:
        raise NotFoundError("that upload is empty; upload the file again", field="upload")
    return files[0]


def discard(upload_id: str) -> None:
    """Forget a staged upload (after it was imported)."""
    shutil.rmtree(_dir(upload_id), ignore_errors=True)
