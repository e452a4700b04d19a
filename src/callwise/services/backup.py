"""The JSON backup: everything a user would miss (contacts, their calls and promises, snoozes,
trips, own occasions, settings), streamed out, and restored by id in one transaction.

Decisions:
- The document is a header (format, version, exported_at, settings) and then one list per
  section of backup_sections.SECTIONS, written a row at a time (100k contacts never sit in
  memory on the way out). Secrets (`secret.*`, any key not in SPEC_BY_KEY) stay behind.
- Version 1 files (settings and contacts only) restore as before; a newer version is refused.
- Reading trusts nothing: a file that is not UTF-8 or JSON, nested too deeply, a wrong type, an
  id beyond the database's range, a reference to a record neither in the file nor stored, each
  stops the restore with one ValidationError naming the path, before anything is written.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import IO, Any

from sqlalchemy import Connection

from callwise.domain.errors import ValidationError
from callwise.domain.settings import SPEC_BY_KEY
from callwise.services.app import App, Rollback
from callwise.services.backup_fields import fail
from callwise.services.backup_sections import (
    SECTION_BY_NAME,
    SECTIONS,
    Context,
    Parsed,
    Ref,
    Section,
)
from callwise.store import activity, db
from callwise.store import settings as settings_store

FORMAT = "callwise-backup"
VERSION = 2
FIRST_VERSION = 1


@dataclass(frozen=True)
class RestoreReport:
    """Contacts added and overwritten, settings saved, and entries restored per other section."""

    added: int
    updated: int
    settings: int
    records: dict[str, int] = field(default_factory=dict)


def write_backup(app: App, out: IO[str]) -> int:
    """Stream the whole book to `out` as one JSON document; return the number of contacts."""
    counts: dict[str, int] = {}
    with app.engine.connect() as conn:
        if conn.dialect.name == "postgresql":  # one snapshot for every table
            conn.execution_options(isolation_level="REPEATABLE READ")
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
        out.write(json.dumps(header, ensure_ascii=False, indent=1)[:-2])
        for section in SECTIONS:
            counts[section.name] = _write_section(out, section, conn)
    out.write("\n}\n")
    return counts["contacts"]


def _write_section(out: IO[str], section: Section, conn: Connection) -> int:
    out.write(f',\n "{section.name}": [')
    count = 0
    for row in section.rows(conn):
        out.write(("\n  " if count == 0 else ",\n  ") + json.dumps(row, ensure_ascii=False))
        count += 1
    out.write("\n ]" if count else "]")
    return count


def _no_constant(name: str) -> Any:
    raise ValidationError(f"{name} is not a JSON number; write a number or null", field="file")


def _load_document(stream: IO[str]) -> dict[str, Any]:
    """The parsed document, with its format and version checked."""
    try:
        document = json.load(stream, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", field="file"
        ) from None
    except UnicodeDecodeError:
        raise ValidationError(
            "the file is not UTF-8 text; a callwise backup always is", field="file"
        ) from None
    except RecursionError:
        raise ValidationError("nested too deeply to be a callwise backup", field="file") from None
    except ValueError as exc:  # e.g. an integer of more digits than Python converts
        reason = str(exc).splitlines()[0][:120]
        raise ValidationError(f"not a usable JSON document: {reason}", field="file") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValidationError(f'not a callwise backup (no "format": "{FORMAT}")', field="file")
    _check_version(document.get("version"))
    return document


def _check_version(version: Any) -> None:
    if isinstance(version, bool) or not isinstance(version, int):
        raise ValidationError(
            f"expected a whole number from {FIRST_VERSION} to {VERSION}", field="version"
        )
    if version > VERSION:
        raise ValidationError(
            f"backup version {version} is newer than this callwise reads ({VERSION}); "
            "upgrade callwise",
            field="version",
        )
    if version < FIRST_VERSION:
        raise ValidationError(f"there is no backup version {version}", field="version")


def _parse_settings(document: dict[str, Any]) -> dict[str, str]:
    """Known settings, each checked by its spec; unknown keys (later versions) are ignored."""
    texts = document.get("settings")
    if texts is None:
        return {}
    if not isinstance(texts, dict):
        raise ValidationError("expected an object of settings", field="settings")
    found: dict[str, str] = {}
    for key, value in texts.items():
        spec = SPEC_BY_KEY.get(key)
        if spec is None:
            continue
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise ValidationError("expected a string", field=f"settings.{key}")
        spec.parse(str(value), f"settings.{key}")
        found[key] = str(value)
    return found


def _parse_section(document: dict[str, Any], section: Section, context: Context) -> list[Parsed]:
    """Every entry of one section, checked; an id given twice is refused."""
    items = document.get(section.name)
    if items is None:
        return []
    if not isinstance(items, list):
        raise fail(section.name, "expected a list")
    parsed: list[Parsed] = []
    seen: dict[Any, int] = {}
    for index, item in enumerate(items):
        path = f"{section.name}[{index}]"
        entry = section.parse(item, path, context)
        if entry.key in seen:
            raise fail(
                path, f"id {entry.key} is given twice (also {section.name}[{seen[entry.key]}])"
            )
        seen[entry.key] = index
        parsed.append(entry)
    return parsed


def _check_refs(conn: Connection, parsed: dict[str, list[Parsed]]) -> None:
    """Every reference must find its record in the backup or in the database."""
    in_file = {name: {e.key for e in entries} for name, entries in parsed.items()}
    missing: dict[str, list[Ref]] = defaultdict(list)
    for entries in parsed.values():
        for entry in entries:
            missing_refs = (r for r in entry.refs if r.key not in in_file[r.section])
            for ref in missing_refs:
                missing[ref.section].append(ref)
    for name, refs in missing.items():
        stored = activity.existing_keys(conn, SECTION_BY_NAME[name].table, {r.key for r in refs})
        for ref in refs:
            if ref.key not in stored:
                raise fail(
                    ref.path,
                    f"no {name.removesuffix('s')} {ref.key} in the backup or the database; "
                    "remove this entry or restore a backup that has it",
                )


def restore_backup(app: App, stream: IO[str], *, dry_run: bool = False) -> RestoreReport:
    """Restore a backup in one transaction, every record by its id: removed contacts come back
    with their history, changed ones return to the saved state. Any invalid entry or dangling
    reference aborts with nothing written; restoring the same file twice changes nothing."""
    document = _load_document(stream)
    settings = _parse_settings(document)
    region = settings.get("default_region") or app.settings().default_region
    context = Context(region, app.now)
    parsed = {s.name: _parse_section(document, s, context) for s in SECTIONS}
    with app.transaction() as conn:
        _check_refs(conn, parsed)
        with db.one_contacts_bump(conn):  # one rise of the contacts revision, not one per row
            report = _write_restore(conn, parsed, settings)
        if dry_run:
            raise Rollback
    return report


def _write_restore(
    conn: Connection, parsed: dict[str, list[Parsed]], settings: dict[str, str]
) -> RestoreReport:
    """Each section in registry order (references first), then the settings."""
    added = 0
    records: dict[str, int] = {}
    for section in SECTIONS:
        entries = parsed[section.name]
        fresh = section.restore(conn, entries)
        if section.name == "contacts":
            added = fresh
        else:
            records[section.name] = len(entries)
    for key, value in settings.items():
        settings_store.save_text(conn, key, value)
    contacts = len(parsed["contacts"])
    return RestoreReport(added, contacts - added, len(settings), records)
