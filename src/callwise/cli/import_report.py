"""How an import shows itself: a progress bar on a terminal, then a report (or JSON)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

from callwise.cli.state import console, err_console
from callwise.domain.errors import ValidationError
from callwise.domain.phones import is_region
from callwise.interchange import formats
from callwise.services.import_match import Target
from callwise.services.import_report import ImportReport
from callwise.services.import_source import Progress as ProgressCallback
from callwise.services.shapes.imports import guessed_business, import_shape

SHOWN = 20
NAMES = formats.NAMES  # the import report's name for each format


def check_region(region: str) -> str:
    if not is_region(region):
        raise ValidationError(
            f"{region!r} is not a phone region; use a two-letter country code such as US or GB",
            field="region",
        )
    return region.upper()


@contextmanager
def import_progress(*, enabled: bool) -> Iterator[ProgressCallback | None]:
    """A Rich progress bar on stderr when it is a terminal; nothing otherwise."""
    if not (enabled and err_console.is_terminal):
        yield None
        return
    columns = (
        "[progress.description]{task.description}",
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err_console, transient=True) as bar:
        task = bar.add_task("Importing", total=None)

        def update(done: int, size: int) -> None:
            bar.update(task, completed=done, total=size)

        yield update


def report_json(report: ImportReport) -> dict[str, Any]:
    """The machine-readable import report (docs/json.md)."""
    return import_shape(report)


def _section(title: str, lines: list[str]) -> None:
    if not lines:
        return
    console.print(f"[bold]{title}[/]")
    for line in lines[:SHOWN]:
        console.print(f"  {line}", highlight=False)
    if len(lines) > SHOWN:
        console.print(f"  [dim]... and {len(lines) - SHOWN} more (--json lists them all)[/]")


def print_report(report: ImportReport, path: Path) -> None:
    """A summary line, then merges, conflicts, rejections and flagged phones."""
    kind = NAMES.get(report.format, report.format)
    if report.restored is not None:
        r = report.restored
        verb = "Would restore" if report.dry_run else "Restored"
        console.print(
            f"{kind} {path.name}: {verb} {r.added} new and {r.updated} existing "
            f"contacts, {r.settings} settings."
        )
        return
    counts = (
        f"{len(report.added)} new, {len(report.merged)} merged, "
        f"{report.unchanged} unchanged, {len(report.conflicts)} conflicts kept in notes, "
        f"{len(report.rejected)} rejected, {len(report.flagged)} phones flagged"
    )
    if report.refused:
        console.print(
            f"{kind} {path.name}: Would refuse the file: nothing would be imported "
            f"(with --skip-invalid: {counts})."
        )
    else:
        verb = "Would import" if report.dry_run else "Imported"
        console.print(f"{kind} {path.name}: {verb}: {counts}.")
        _guessed_line(report)
    _section("Merged (fields that change, and why they are one person):", _merge_lines(report))
    _section(
        "Kept separate (they look alike but may be different people):",
        [
            f"line {k.line}: {k.name}: kept separate from {_other(k.other)}: {k.reason}"
            for k in report.kept_apart
        ],
    )
    _section(
        "Conflicts (the stored value stays; the other is kept in the notes):",
        [f"line {line}: {name}: {text}" for line, name, text in report.conflicts],
    )
    _record_sections(report)
    if report.dry_run:
        console.print("Dry run: nothing was written.")


def _record_sections(report: ImportReport) -> None:
    """Records refused, numbers masked in them (P8.2), and phones to check."""
    _section(
        "Rejected:",
        [
            r.reason if r.reason.startswith("line ") else f"line {r.line}: {r.reason}"
            for r in report.rejected
        ],
    )
    _section(
        "Numbers masked (only the last four digits kept, P8.2):",
        [f"line {line}: {name}: {text}" for line, name, text in report.masked],
    )
    _section(
        "Phones kept as written (not valid numbers; check them):",
        [f"line {line}: {name}: {number}" for line, name, number in report.flagged],
    )


def _guessed_line(report: ImportReport) -> None:
    """How many new contacts were made business by their card, why, and how to change it."""
    guessed = guessed_business(report)
    if guessed.count:
        console.print(
            f"{guessed.count} guessed business ({guessed.words}); change with "
            "`callwise contacts edit --all-matching WORDS --kind personal`.",
            highlight=False,
        )


def _other(target: Target) -> str:
    if target.contact_id is not None:
        return f"{target.name} (#{target.contact_id})"
    return f"{target.name} (line {target.line} of this file)"


def _merge_lines(report: ImportReport) -> list[str]:
    lines = []
    for m in report.merged:
        where = f"#{m.contact_id}" if m.contact_id else f"line {m.matched_line} of this file"
        why = f"; {m.reason}" if m.reason else ""
        lines.append(
            f"line {m.line}: {m.incoming or m.name} -> {m.name} ({where}{why}): "
            f"{', '.join(m.fields)}"
        )
    return lines
