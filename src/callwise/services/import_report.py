"""What an import did, or would do under --dry-run: the report every surface shows, and its
plain shape (`import --json` and the API, docs/json.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from callwise.domain.identity import Evidence
from callwise.interchange.records import RejectedRecord
from callwise.services.backup import RestoreReport
from callwise.services.import_match import KeptApart


@dataclass(frozen=True)
class Merged:
    """A record merged into a contact: stored already, or read earlier from the same file
    (`matched_line`); why (`reason` in words, `evidence` None when only the name agreed); and
    `compared`: (field, stored value, incoming value) for the preview."""

    line: int
    contact_id: int | None
    name: str
    fields: tuple[str, ...]
    reason: str = ""
    evidence: Evidence | None = None
    matched_line: int | None = None
    incoming: str = ""
    compared: tuple[tuple[str, str, str], ...] = ()


@dataclass
class ImportReport:
    """What an import did, or would do under --dry-run."""

    format: str
    dry_run: bool
    added: list[tuple[int, str]] = field(default_factory=list)
    merged: list[Merged] = field(default_factory=list)
    unchanged: int = 0
    conflicts: list[tuple[int, str, str]] = field(default_factory=list)
    rejected: list[RejectedRecord] = field(default_factory=list)
    flagged: list[tuple[int, str, str]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    guessed: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)  # kind_guess
    masked: list[tuple[int, str, str]] = field(default_factory=list)  # line, name, warning
    restored: RestoreReport | None = None
    kept_apart: list[KeptApart] = field(default_factory=list)
    separate_lines: frozenset[int] = frozenset()
    refused: str = ""  # a dry run's prediction that the real run is refused, and why

    def as_dict(self) -> dict[str, Any]:
        """The report as plain values, the shape `import --json` and the API share
        (docs/json.md); the backup's own counts are in `restored`."""
        return {
            "format": self.format,
            "dry_run": self.dry_run,
            "added": len(self.added),
            "merged": len(self.merged),
            "unchanged": self.unchanged,
            "new": [{"line": line, "name": name} for line, name in self.added],
            "merges": [_merge_dict(m) for m in self.merged],
            "conflicts": [
                {"line": line, "name": name, "kept_in_notes": text}
                for line, name, text in self.conflicts
            ],
            "rejected": [{"line": r.line, "reason": r.reason} for r in self.rejected],
            "flagged_phones": [
                {"line": line, "name": name, "number": number}
                for line, name, number in self.flagged
            ],
            "warnings": [{"line": line, "warning": text} for line, text in self.warnings],
            "kept_separate": [_apart_dict(k) for k in self.kept_apart],
            "separate_lines": sorted(self.separate_lines),
            "refused": self.refused or None,
        }


def _merge_dict(m: Merged) -> dict[str, Any]:
    ev = m.evidence
    return {
        "line": m.line,
        "contact_id": m.contact_id,
        "name": m.name,
        "fields": list(m.fields),
        "matched_line": m.matched_line,
        "incoming_name": m.incoming,
        "evidence": m.reason,
        "basis": None
        if ev is None
        else {"shared": list(ev.shared), "keys": list(ev.keys), "names": ev.names.value},
        "compared": [
            {"field": name, "stored": stored, "incoming": incoming}
            for name, stored, incoming in m.compared
        ],
    }


def _apart_dict(k: KeptApart) -> dict[str, Any]:
    other = {"contact_id": k.other.contact_id, "line": k.other.line, "name": k.other.name}
    return {"line": k.line, "name": k.name, "other": other, "reason": k.reason}
