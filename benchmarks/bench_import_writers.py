"""Issue 11: other writers during a 20k-card vCard import. The import runs as `callwise import`
while this process keeps making small writes (a setting, as the web app's settings page does,
each in `App.transaction()`), and reports how long they waited and how many failed."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from bench_import import _vcards
from callwise.domain.errors import CallwiseError
from callwise.services.app import open_app
from callwise.store import settings as settings_store
from common import Row, callwise, load_row, percentile

SCENARIO = "import-writers"
CARDS = 20_000
PAUSE = 0.05  # between two writes: a busy web app, not a flood


def _write_while(url: str, running: object) -> tuple[list[float], int]:
    """Write a setting again and again until `running()` is false; the seconds each write
    took and the number that failed."""
    app = open_app(url)
    waits: list[float] = []
    failures = 0
    try:
        while running():  # type: ignore[operator]
            start = time.perf_counter()
            try:
                with app.transaction() as conn:
                    settings_store.save_text(conn, "user_name", f"writer {len(waits)}")
            except CallwiseError:
                failures += 1
            waits.append(time.perf_counter() - start)
            time.sleep(PAUSE)
    finally:
        app.engine.dispose()
    return waits, failures


def run(folder: Path) -> list[Row]:
    rows = [load_row(SCENARIO)]
    url = f"sqlite:///{folder / 'writers.db'}"
    open_app(url).engine.dispose()
    cards = _vcards(folder / "20k.vcf", CARDS, 4)
    started = time.perf_counter()
    importing = subprocess.Popen(
        callwise("import", str(cards), db=url), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    waits, failures = _write_while(url, lambda: importing.poll() is None)
    seconds = time.perf_counter() - started
    if importing.wait() != 0:
        assert importing.stderr is not None
        raise RuntimeError(f"the import failed: {importing.stderr.read()[-300:]!r}")
    longest = max(waits, default=0.0)
    return [
        *rows,
        Row(SCENARIO, f"vCard {CARDS // 1000}k import, whole command", seconds, "s"),
        Row(SCENARIO, "writes made meanwhile", len(waits), ""),
        Row(SCENARIO, "writes that failed", failures, "", "0", failures == 0),
        Row(SCENARIO, "a write's wait: p95", percentile(waits, 95), "s"),
        Row(SCENARIO, "a write's wait: max", longest, "s", "< 1 s", longest < 1),
    ]
