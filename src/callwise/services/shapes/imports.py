"""The shapes of an import report (docs/json.md, `import`): the CLI's documented form and the
API's, which also carries a backup's counts under `restored`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from callwise.services.importer import ImportReport


def restored_shape(report: ImportReport) -> dict[str, Any] | None:
    """What a backup restored: contacts new and overwritten, settings saved; None otherwise."""
    r = report.restored
    return None if r is None else {"added": r.added, "updated": r.updated, "settings": r.settings}


def import_shape(report: ImportReport) -> dict[str, Any]:
    """`import --json`: a backup gives its counts flat, an address book the full report."""
    restored = restored_shape(report)
    if restored is not None:
        return {"format": "backup", "dry_run": report.dry_run, **restored}
    return report.as_dict()


def import_report_shape(report: ImportReport) -> dict[str, Any]:
    """The API's report: every list (empty for a backup), and `restored` (null but for one)."""
    restored = restored_shape(report)
    added = restored["added"] if restored else len(report.added)
    return report.as_dict() | {"added": added, "restored": restored}
