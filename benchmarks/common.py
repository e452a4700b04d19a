"""Helpers shared by the benchmark scenarios: timing, subprocess runs, result rows."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WORK = ROOT / "benchmarks" / ".work"


@dataclass(frozen=True)
class Row:
    """One measured figure, its target and whether it met it."""

    scenario: str
    measure: str
    value: float
    unit: str
    target: str = ""
    ok: bool | None = None


def timed(fn: Callable[[], object]) -> float:
    """Seconds `fn` takes, wall clock."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def median_seconds(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median and worst wall-clock seconds over `runs` calls (after one warm-up call)."""
    fn()
    samples = [timed(fn) for _ in range(runs)]
    return statistics.median(samples), max(samples)


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


def run_command(
    args: list[str], env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a command, failing loudly (a benchmark that errors is not a figure)."""
    merged = {**os.environ, **(env or {})}
    result = subprocess.run(args, capture_output=True, text=True, env=merged, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:4])} failed: {result.stderr.strip()[-500:]}")
    return result


def peak_rss_mb(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of a command, via /usr/bin/time when present."""
    start = time.perf_counter()
    result = run_command(["/usr/bin/time", "-f", "%M", *args], env)
    seconds = time.perf_counter() - start
    kilobytes = float(result.stderr.strip().splitlines()[-1])
    return seconds, kilobytes / 1024


def callwise(*args: str, db: str) -> list[str]:
    return [str(BIN / "callwise"), "--db", db, *args]
