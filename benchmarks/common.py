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


@dataclass(frozen=True)
class Measured:
    """One run of a command: wall seconds, peak resident memory and CPU seconds (user + system,
    child processes included). On a shared machine the CPU figure moves less than the wall one."""

    seconds: float
    rss_mb: float
    cpu_seconds: float


def measure(args: list[str], env: dict[str, str] | None = None) -> Measured:
    """Run a command under /usr/bin/time and read what it used."""
    start = time.perf_counter()
    result = run_command(["/usr/bin/time", "-f", "%M %U %S", *args], env)
    seconds = time.perf_counter() - start
    kilobytes, user, system = result.stderr.strip().splitlines()[-1].split()
    return Measured(seconds, float(kilobytes) / 1024, float(user) + float(system))


def load_row(scenario: str) -> Row:
    """The machine's load when a scenario starts: above its 2 cores, every wall figure grows."""
    return Row(scenario, "machine load average (1 min) at the start", os.getloadavg()[0], "")


def callwise(*args: str, db: str) -> list[str]:
    return [str(BIN / "callwise"), "--db", db, *args]
