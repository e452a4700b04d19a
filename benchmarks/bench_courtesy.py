"""Issue 4: the next courteous window for 100k synthetic contacts spread over 300 zones."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from callwise.domain.courtesy import CourtesyPlanner
from callwise.services.app import open_app
from callwise.store import contacts as store
from common import Row, callwise, run_command

SCENARIO = "courtesy"
NOW = dt.datetime(2026, 11, 24, 15, 0, tzinfo=dt.UTC)


def run(folder: Path) -> list[Row]:
    url = f"sqlite:///{folder / 'courtesy-100k.db'}"
    run_command(callwise("demo", "--synthetic", "100000", "--seed", "11", db=url))
    app = open_app(url, NOW)
    with app.engine.connect() as conn:
        start = time.perf_counter()
        contacts = list(store.iter_contacts(conn))
        load_s = time.perf_counter() - start
    settings = app.settings()
    planner = CourtesyPlanner(settings, settings.home_zone)
    start = time.perf_counter()
    found = planner.next_windows(contacts, NOW)
    plan_s = time.perf_counter() - start
    zones = {planner.key(c).zone for c in contacts[:: max(1, len(contacts) // 20000)]}
    missing = sum(1 for w in found if w is None)
    return [
        Row(SCENARIO, "load 100k contacts from SQLite (not part of the target)", load_s, "s"),
        Row(
            SCENARIO,
            f"next window for 100k contacts ({len(zones)}+ zones in a sample)",
            plan_s,
            "s",
            "< 2 s",
            plan_s < 2,
        ),
        Row(SCENARIO, "contacts with no window in a year", missing, "contacts"),
    ]
