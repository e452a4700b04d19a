"""The shapes of an import report (docs/json.md, `import`): the CLI's documented form and the
API's, which also carries a backup's counts under `restored`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from callwise.domain.kind_guess import GuessedSummary, summarise_guesses

if TYPE_CHECKING:
    from callwise.services.import_report import ImportReport


def restored_shape(report: ImportReport) -> dict[str, Any] | None:
    """What a backup restored: contacts new and overwritten, settings saved; None otherwise."""
    r = report.restored
    return None if r is None else {"added": r.added, "updated": r.updated, "settings": r.settings}


def guessed_business(report: ImportReport) -> GuessedSummary:
    """The new contacts whose file did not say their kind and were guessed business (a
    record merged into a contact leaves its kind as merging decides)."""
    added = {line for line, _name in report.added}
    return summarise_guesses(words for line, words in report.guessed if line in added)


def masked_shape(report: ImportReport) -> list[dict[str, Any]]:
    """The records that had a social security or card number masked (P8.2): `{"line",
    "name", "field", "warning"}`, the field in words ('notes', 'how you met')."""
    return [
        {"line": line, "name": name, "field": text.partition(": ")[0], "warning": text}
        for line, name, text in report.masked
    ]


def guessed_shape(report: ImportReport) -> dict[str, Any]:
    """`{"count", "evidence": ["job title", "company" ...]}`."""
    summary = guessed_business(report)
    return {"count": summary.count, "evidence": list(summary.evidence)}


def import_shape(report: ImportReport) -> dict[str, Any]:
    """`import --json`: a backup gives its counts flat, an address book the full report."""
    restored = restored_shape(report)
    if restored is not None:
        return {"format": "backup", "dry_run": report.dry_run, **restored}
    extra = {"guessed_business": guessed_shape(report), "masked": masked_shape(report)}
    return report.as_dict() | extra


def import_report_shape(report: ImportReport) -> dict[str, Any]:
    """The API's report: every list (empty for a backup), and `restored` (null but for one)."""
    restored = restored_shape(report)
    added = restored["added"] if restored else len(report.added)
    guessed = guessed_shape(report)
    masked = masked_shape(report)
    return report.as_dict() | {
        "added": added,
        "restored": restored,
        "guessed_business": guessed,
        "masked": masked,
    }
