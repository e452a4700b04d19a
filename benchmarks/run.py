"""`make bench`: run the timed scenarios and print their figures as one table.

Usage: python benchmarks/run.py [SCENARIO ...]   (default: all)
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from rich.console import Console
from rich.table import Table

import bench_backup
import bench_contacts
import bench_courtesy
import bench_duplicates
import bench_import
import bench_import_writers
import bench_plan
import bench_web
from common import WORK, Row

SCENARIOS: dict[str, Callable[[Path], list[Row]]] = {
    "backup": bench_backup.run,
    "contacts": bench_contacts.run,
    "courtesy": bench_courtesy.run,
    "duplicates": bench_duplicates.run,
    "import": bench_import.run,
    "import-writers": bench_import_writers.run,
    "plan": bench_plan.run,
    "web": bench_web.run,
}


def _table(rows: list[Row]) -> Table:
    table = Table(title="callwise benchmarks", header_style="bold")
    for column in ("scenario", "measure", "value", "target", "met"):
        table.add_column(column, justify="right" if column == "value" else "left")
    for row in rows:
        met = "" if row.ok is None else ("yes" if row.ok else "NO")
        value = (
            f"{row.value:,.3f} {row.unit}" if row.value < 100 else f"{row.value:,.0f} {row.unit}"
        )
        table.add_row(row.scenario, row.measure, value, row.target, met)
    return table


def main(names: list[str]) -> int:
    chosen = names or list(SCENARIOS)
    unknown = [n for n in chosen if n not in SCENARIOS]
    if unknown:
        print(f"unknown scenario(s): {', '.join(unknown)}; known: {', '.join(SCENARIOS)}")
        return 2
    rows: list[Row] = []
    for name in chosen:
        folder = WORK / name
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        try:
            rows.extend(SCENARIOS[name](folder))
        except Exception as exc:  # one broken scenario must not hide the others' figures
            rows.append(Row(name, f"FAILED: {exc}"[:200], 0.0, "", "runs", False))
    Console().print(_table(rows))
    return 0 if all(r.ok is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
