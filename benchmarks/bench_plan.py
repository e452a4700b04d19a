"""Issue 5: `callwise today` over 10k, 100k and 1M synthetic contacts with logged calls.

The cost must grow with the calls due, not with the address book: the plan reads indexed
columns only. Contacts come from `callwise demo --synthetic N`; calls (one per contact on
average: 1M for the largest size) from `store.activity.bulk_insert_calls`, spread over the
past year with realistic outcomes, so thousands of keep-in-touch calls are due. Targets:
under 300 ms for 100k contacts on SQLite, under 1 s for 1M contacts on PostgreSQL.

BENCH_PLAN_SIZES limits the sizes for a quick run, e.g. `BENCH_PLAN_SIZES=10k,100k`
(`1m-pg` is PostgreSQL with 1M contacts; leave it out to skip PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from callwise.domain.calls import Call, Outcome
from callwise.services.app import open_app
from callwise.services.plan import plan_days
from callwise.store import activity
from common import ROOT, Row, callwise, median_seconds, run_command

SCENARIO = "plan"
NOW = "2026-11-24T15:00:00Z"
MOMENT = dt.datetime(2026, 11, 24, 15, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 24)
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
DEFAULT_SIZES = "10k,100k,1m,1m-pg"
BATCH = 20_000
# Outcomes as logged: mostly conversations, then voicemails and unanswered attempts.
OUTCOMES = [
    (Outcome.CONNECTED, 0.45),
    (Outcome.VOICEMAIL, 0.20),
    (Outcome.NO_ANSWER, 0.17),
    (Outcome.BUSY, 0.03),
    (Outcome.GATEKEEPER, 0.05),
    (Outcome.CALL_BACK, 0.02),
    (Outcome.MEETING, 0.08),
]


def _calls(contacts: int, count: int, seed: int, moment: dt.datetime) -> Iterator[Call]:
    """`count` calls to random contacts over the year before `moment`; 5% agree a next call."""
    rng = random.Random(seed)
    kinds, weights = zip(*OUTCOMES, strict=True)
    for _ in range(count):
        at = moment - dt.timedelta(seconds=rng.randrange(365 * 86_400))
        outcome = rng.choices(kinds, weights)[0]
        follow_up = at.date() + dt.timedelta(days=rng.randrange(7, 60))
        yield Call(
            contact_id=1 + rng.randrange(contacts),
            at=at,
            outcome=outcome,
            occasion="check-in",
            duration_seconds=rng.randrange(30, 1800),
            follow_up=follow_up if rng.random() < 0.05 else None,
        )


def populate(
    url: str, contacts: int, *, calls: int, seed: int, moment: dt.datetime = MOMENT
) -> float:
    """Synthetic contacts and `calls` logged calls before `moment`; returns the seconds it took.

    Shared with the web benchmark (bench_web), which logs ten calls a contact."""
    start = time.perf_counter()
    run_command(callwise("demo", "--synthetic", str(contacts), "--seed", str(seed), db=url))
    app = open_app(url, moment)
    batch: list[Call] = []
    with app.transaction() as conn:
        for call in _calls(contacts, calls, seed, moment):
            batch.append(call)
            if len(batch) >= BATCH:
                activity.bulk_insert_calls(conn, batch)
                batch.clear()
        activity.bulk_insert_calls(conn, batch)
    if app.engine.dialect.name == "postgresql":
        with app.engine.begin() as conn:  # statistics for the planner, committed
            conn.exec_driver_sql("ANALYZE")
    app.engine.dispose()
    return time.perf_counter() - start


@dataclass(frozen=True)
class Figures:
    """What one size measured."""

    label: str
    contacts: int
    setup_s: float
    plan_ms: float
    command_ms: float
    planned: int
    waiting: int
    target_ms: float | None


def _measure(label: str, url: str, contacts: int, target_ms: float | None) -> Figures:
    """Populate, then the in-process median of `plan_days` for today and the whole command."""
    setup = populate(url, contacts, calls=contacts, seed=5)
    app = open_app(url, MOMENT)
    plan = plan_days(app, TODAY, 1)  # warm: caches of zones, cities and holidays
    samples = []
    for _ in range(7):
        begin = time.perf_counter()
        plan = plan_days(app, TODAY, 1)
        samples.append(time.perf_counter() - begin)
    app.engine.dispose()
    command = callwise("--now", NOW, "--json", "today", db=url)
    whole, _ = median_seconds(lambda: run_command(command), 3)
    plan_ms = statistics.median(samples) * 1000
    return Figures(
        label,
        contacts,
        setup,
        plan_ms,
        whole * 1000,
        len(plan.entries),
        len(plan.pushed),
        target_ms,
    )


def _postgres(contacts: int) -> Figures | Row:
    sys.path.insert(0, str(ROOT / "tests"))
    from pgserver import PostgresUnavailable, start_cluster

    try:
        cluster = start_cluster()
    except PostgresUnavailable as exc:
        return Row(SCENARIO, f"PostgreSQL skipped: {exc}", 0, "")
    try:
        return _measure(f"{_size(contacts)} PostgreSQL", cluster.url(), contacts, 1000.0)
    finally:
        cluster.stop()


def _size(contacts: int) -> str:
    return f"{contacts // 1_000_000}M" if contacts >= 1_000_000 else f"{contacts // 1000}k"


def _rows(found: list[Figures]) -> list[Row]:
    """One measure at a time, every size side by side, so the growth is visible."""
    rows = []
    for f in found:
        ok = None if f.target_ms is None else f.plan_ms < f.target_ms
        target = "" if f.target_ms is None else f"< {f.target_ms:.0f} ms"
        rows.append(
            Row(SCENARIO, f"today in-process (median of 7), {f.label}", f.plan_ms, "ms", target, ok)
        )
    for f in found:
        rows.append(
            Row(SCENARIO, f"`callwise today --json` whole command, {f.label}", f.command_ms, "ms")
        )
    for f in found:
        rows.append(
            Row(
                SCENARIO,
                f"calls planned today, {f.label} (most on a fixed day)",
                f.planned,
                "calls",
            )
        )
    for f in found:
        rows.append(
            Row(SCENARIO, f"calls due that wait for later days, {f.label}", f.waiting, "calls")
        )
    for f in found:
        rows.append(
            Row(SCENARIO, f"set up: contacts and {f.contacts:,} calls, {f.label}", f.setup_s, "s")
        )
    return rows


def run(folder: Path) -> list[Row]:
    wanted = os.environ.get("BENCH_PLAN_SIZES", DEFAULT_SIZES).lower().split(",")
    chosen = [s.strip() for s in wanted]
    found: list[Figures] = []
    skipped: list[Row] = []
    for name, contacts in SIZES.items():
        if name in chosen:
            url = f"sqlite:///{folder / f'plan-{name}.db'}"
            target = 300.0 if name == "100k" else None
            found.append(_measure(f"{_size(contacts)} SQLite", url, contacts, target))
    if "1m-pg" in chosen:
        result = _postgres(SIZES["1m"])
        if isinstance(result, Row):
            skipped.append(result)
        else:
            found.append(result)
    return _rows(found) + skipped
