"""The JSON backup: a lossless copy of everything in the database, and its restore."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import IO, Any

from sqlalchemy import Connection

from callwise.domain.codec import contact_from_dict, contact_to_dict
from callwise.domain.contacts import prepare_contact
from callwise.domain.errors import CallwiseError, ValidationError
from callwise.domain.model import Contact
from callwise.domain.settings import SPEC_BY_KEY
from callwise.services.app import App, Rollback
from callwise.store import contacts as store
from callwise.store import settings as settings_store

FORMAT = "callwise-backup"
VERSION = 1


@dataclass(frozen=True)
class RestoreReport:
    added: int
    updated: int
    settings: int


def write_backup(app: App, out: IO[str]) -> int:
    """Stream every contact and setting to `out` as one JSON document; return the count."""
    count = 0
    with app.engine.connect() as conn:
        header = {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": app.now.isoformat().replace("+00:00", "Z"),
            "settings": {
                key: value
                for key, value in sorted(settings_store.load_texts(conn).items())
                if key in SPEC_BY_KEY  # secrets (password hash, feed token) stay behind
            },
        }
        out.write(json.dumps(header, ensure_ascii=False, indent=1)[:-2] + ',\n "contacts": [')
        for contact in store.iter_contacts(conn):
            out.write(("\n  " if count == 0 else ",\n  ") + _dump(contact_to_dict(contact)))
            count += 1
    out.write("\n ]\n}\n")
    return count


def _dump(data: dict[str, Any]) -> str:
    data.pop("name", None)
    return json.dumps(data, ensure_ascii=False, sort_keys=False)


def _load_document(stream: IO[str]) -> dict[str, Any]:
    try:
        document = json.load(stream)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", field="file"
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValidationError(f'not a callwise backup (no "format": "{FORMAT}")', field="file")
    if int(document.get("version", 0)) > VERSION:
        raise ValidationError(
            f"backup version {document.get('version')} is newer than this callwise reads "
            f"({VERSION}); upgrade callwise",
            field="version",
        )
    return document


def _parse_contacts(document: dict[str, Any], app: App, region: str) -> Iterator[Contact]:
    for index, item in enumerate(document.get("contacts") or []):
        try:
            contact = prepare_contact(contact_from_dict(item), region, strict=False)
        except CallwiseError as exc:
            where = f"contacts[{index}]" + (f".{exc.field}" if exc.field else "")
            raise ValidationError(exc.message, field=where) from None
        if contact.id is None:
            raise ValidationError(
                "each contact in a backup needs its id", field=f"contacts[{index}]"
            )
        yield replace(
            contact,
            created_at=contact.created_at or app.now,
            updated_at=contact.updated_at or app.now,
        )


def _parse_settings(document: dict[str, Any]) -> dict[str, str]:
    texts = document.get("settings") or {}
    for key, value in texts.items():
        spec = SPEC_BY_KEY.get(key)
        if spec is None:
            continue
        spec.parse(str(value), f"settings.{key}")
    return {k: str(v) for k, v in texts.items() if k in SPEC_BY_KEY}


def restore_backup(app: App, stream: IO[str], *, dry_run: bool = False) -> RestoreReport:
    """Restore a backup in one transaction: contacts by id (removed ones come back, changed ones
    return to the saved state) and settings. Any invalid entry aborts with nothing written."""
    document = _load_document(stream)
    settings = _parse_settings(document)
    region = settings.get("default_region") or app.settings().default_region
    restored = list(_parse_contacts(document, app, region))
    with app.transaction() as conn:
        report = _write_restore(conn, restored, settings)
        if dry_run:
            raise Rollback
    return report


def _write_restore(
    conn: Connection, restored: list[Contact], settings: dict[str, str]
) -> RestoreReport:
    """Insert the missing contacts with their ids, overwrite the present ones, then link
    introducers (foreign keys need both ends) and save the settings."""
    unlinked = [replace(c, met=replace(c.met, introduced_by=None)) for c in restored]
    present = store.existing_ids(conn, [c.id for c in unlinked if c.id is not None])
    fresh = [c for c in unlinked if c.id not in present]
    store.insert_contacts(conn, fresh, keep_ids=True)
    for contact in unlinked:
        if contact.id in present:
            store.update_contact(conn, contact)
    store.set_introducers(
        conn, [(c.id, c.met.introduced_by) for c in restored if c.id and c.met.introduced_by]
    )
    store.reset_id_sequence(conn)
    for key, value in settings.items():
        settings_store.save_text(conn, key, value)
    return RestoreReport(len(fresh), len(present), len(settings))
