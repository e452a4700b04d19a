"""`callwise init`, `demo`, `import` and `export`: the database and the files around it."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from callwise.cli.state import console, print_json, state
from callwise.domain.errors import ValidationError
from callwise.interchange.formats import AUTO, EXPORT_IDS, IMPORT_CHOICES
from callwise.services.database import database_status

# The `--format` choices, from the format registry (interchange/formats.py); Typer lists a
# Literal's values as the choices.
if TYPE_CHECKING:
    ImportFormat = str
    ExportFormat = str
else:
    ImportFormat = Literal[IMPORT_CHOICES]
    ExportFormat = Literal[EXPORT_IDS]


def init(ctx: typer.Context) -> None:
    """Create the database (or bring an older one up to date) and say where it is.

    Example: callwise --db sqlite:///./callwise.db init
    """
    found = database_status(state(ctx).app)
    if state(ctx).as_json:
        print_json({"database": found.url, "schema": found.schema, "contacts": found.contacts})
    else:
        console.print(
            f"Database ready at {found.url} (schema {found.schema}, {found.contacts} contacts)."
        )


def demo_command(
    ctx: typer.Context,
    synthetic: Annotated[
        int | None,
        typer.Option(
            "--synthetic", min=1, help="Add N synthetic contacts instead (for benchmarks)."
        ),
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of the synthetic generator.")] = 0,
    if_empty: Annotated[
        bool,
        typer.Option(
            "--if-empty", help="Load the demo only if the database is empty; otherwise do nothing."
        ),
    ] = False,
) -> None:
    """Load about 60 realistic demo contacts into an empty database.

    Example: callwise --db sqlite:///./try.db demo
    """
    from callwise.services import demo

    app_ = state(ctx).app
    if synthetic:
        added = demo.load_synthetic(app_, synthetic, seed=seed)
    elif if_empty:
        added = demo.load_demo_if_empty(app_)
    else:
        added = demo.load_demo(app_)
    if state(ctx).as_json:
        print_json({"added": added})
    else:
        console.print(f"Added {added} contacts." if added else "The database has contacts already.")


FormatOption = Annotated[
    ImportFormat, typer.Option("--format", help="The file's format; auto reads its content.")
]
RegionOption = Annotated[
    str | None,
    typer.Option(help="Region for numbers without a country code (default: your setting)."),
]
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
]
SkipInvalidOption = Annotated[
    bool,
    typer.Option("--skip-invalid", help="Import the valid records, report the rejected ones."),
]
SeparateOption = Annotated[
    list[int] | None,
    typer.Option(
        "--separate",
        metavar="LINE",
        help="Import the record at this file line as a new person, whatever it resembles "
        "(repeatable; the lines are in the dry run's report).",
    ),
]


def import_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The file to read.")],
    format_: FormatOption = AUTO,
    region: RegionOption = None,
    dry_run: DryRunOption = False,
    skip_invalid: SkipInvalidOption = False,
    separate: SeparateOption = None,
) -> None:
    """Import vCard, Google/Outlook/LinkedIn CSV or a callwise backup; a record merges into
    a contact only on agreeing evidence (a shared phone, email or profile and a name that
    agrees). A dry run exits as the import would.

    Example: callwise import ~/Downloads/Connections.csv --dry-run
    """
    from callwise.cli.import_report import (
        check_region,
        import_progress,
        print_report,
        report_json,
    )
    from callwise.services import importer

    st = state(ctx)
    if region is not None:
        region = check_region(region)
    with import_progress(enabled=not st.as_json) as progress:
        report = importer.import_file(
            st.app,
            file,
            format=format_,
            region=region,
            dry_run=dry_run,
            skip_invalid=skip_invalid,
            progress=progress,
            separate_lines=separate or (),
        )
    if st.as_json:
        print_json(report_json(report))
    else:
        print_report(report, file)
    if report.refused:  # the real run would be refused: exit as it would (issue 13, item 8)
        raise ValidationError(f"{report.refused}; dry run: nothing was written", field="file")


def _atomic_write(path: Path, write: object) -> int:
    """Write through a temporary file in the same folder, renamed into place when complete."""
    assert callable(write)
    folder = path.resolve().parent
    if not folder.is_dir():
        raise ValidationError(f"folder {folder} does not exist", field="output")
    handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            count = int(write(out))
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return count


def export_command(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write ('-' for stdout).")],
    format_: Annotated[
        ExportFormat,
        typer.Option("--format", help="json: the lossless backup; vcard: vCard 3.0; csv: Google."),
    ] = "json",
) -> None:
    """Export every contact: `json` is the lossless backup that `callwise import` restores;
    `vcard` (3.0) and `csv` (Google Contacts) are for other address books.

    Example: callwise export --format vcard -o contacts.vcf
    """
    from callwise.services import exporter

    app_ = state(ctx).app
    if str(output) == "-":
        exporter.write_export(app_, format_, sys.stdout)
        return
    count = _atomic_write(output, lambda out: exporter.write_export(app_, format_, out))
    if state(ctx).as_json:
        print_json({"format": format_, "output": str(output), "contacts": count})
    else:
        console.print(f"Wrote {count} contacts to {output}.")


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("demo")(demo_command)
    app.command("import")(import_command)
    app.command("export")(export_command)
