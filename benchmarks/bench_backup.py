"""Issue 11: the JSON backup of 100k synthetic contacts with 100k logged calls, written and
restored by whole commands (time, peak memory: the export streams, so memory stays flat)."""

from __future__ import annotations

from pathlib import Path

from bench_plan import populate
from common import Row, callwise, load_row, measure

SCENARIO = "backup"
CONTACTS = 100_000
CALLS = 100_000


def run(folder: Path) -> list[Row]:
    source = f"sqlite:///{folder / 'backup-source.db'}"
    target = f"sqlite:///{folder / 'backup-target.db'}"
    populate(source, CONTACTS, calls=CALLS, seed=11)
    out = folder / "backup.json"
    written = measure(callwise("export", "--format", "json", "-o", str(out), db=source))
    restored = measure(callwise("import", "--format", "backup", str(out), db=target))
    size_mb = out.stat().st_size / 1e6
    return [
        load_row(SCENARIO),
        Row(SCENARIO, "export 100k contacts + 100k calls (whole command)", written.seconds, "s"),
        Row(SCENARIO, "export: CPU seconds", written.cpu_seconds, "s"),
        Row(SCENARIO, "export: peak memory", written.rss_mb, "MB"),
        Row(SCENARIO, "backup file size", size_mb, "MB"),
        Row(SCENARIO, "restore it into an empty database (whole command)", restored.seconds, "s"),
        Row(SCENARIO, "restore: CPU seconds", restored.cpu_seconds, "s"),
        Row(SCENARIO, "restore: peak memory", restored.rss_mb, "MB"),
    ]
