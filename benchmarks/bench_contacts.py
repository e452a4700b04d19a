"""Issue 2: inserting 100k synthetic contacts, `contacts find` over them, and khard beside it."""

from __future__ import annotations

import random
import statistics
import time
from pathlib import Path

from callwise.interchange.vcard import write_vcards
from callwise.services import contacts as service
from callwise.services.app import open_app
from callwise.store import contacts as store
from common import BIN, Row, callwise, load_row, measure, median_seconds, percentile, run_command

SCENARIO = "contacts"


def _queries(url: str, count: int) -> list[str]:
    """Realistic queries drawn from the stored data: family names, cities, organizations, tags."""
    app = open_app(url)
    rng = random.Random(7)
    with app.engine.connect() as conn:
        total = store.count_contacts(conn)
        sample = store.get_contacts(conn, [rng.randint(1, total) for _ in range(count)])
    picks = []
    for i, c in enumerate(sample):
        options = [c.family_name, c.city, c.organization, *(c.tags[:1])]
        options = [o for o in options if len(o) >= 3]
        picks.append(options[i % len(options)] if options else c.given_name)
    app.engine.dispose()
    return picks


def _find_latencies(url: str, queries: list[str]) -> list[float]:
    app = open_app(url)
    service.find_contacts(app, queries[0])
    samples = []
    for query in queries:
        start = time.perf_counter()
        service.find_contacts(app, query)
        samples.append(time.perf_counter() - start)
    app.engine.dispose()
    return samples


def _khard_folder(url: str, folder: Path) -> Path:
    """One .vcf file per contact, as khard (and vdirsyncer) keep an address book."""
    cards = folder / "vcards"
    cards.mkdir()
    app = open_app(url)
    with app.engine.connect() as conn:
        for contact in store.iter_contacts(conn):
            (cards / f"{contact.id}.vcf").write_text("".join(write_vcards([contact])), "utf-8")
    app.engine.dispose()
    config = folder / "khard.conf"
    config.write_text(
        f"[addressbooks]\n[[bench]]\npath = {cards}\n\n[general]\ndebug = no\n"
        "default_action = list\neditor = true\nmerge_editor = true\n",
        "utf-8",
    )
    return config


def _versus_khard(folder: Path, count: int) -> list[Row]:
    url = f"sqlite:///{folder / 'khard-10k.db'}"
    run_command(callwise("demo", "--synthetic", str(count), "--seed", "3", db=url))
    config = _khard_folder(url, folder)
    query = _queries(url, 1)[0]
    khard = [str(BIN / "khard"), "-c", str(config), "--skip-unparsable", "list", query]
    ours = callwise("contacts", "find", query, db=url)
    khard_s, _ = median_seconds(lambda: run_command(khard), 3)
    ours_s, _ = median_seconds(lambda: run_command(ours), 5)
    ratio = khard_s / ours_s
    name = f"find {query!r} in {count // 1000}k"
    return [
        Row(SCENARIO, f"khard list, {name} .vcf files (median of 3)", khard_s, "s"),
        Row(SCENARIO, f"callwise contacts find, {name} (whole command, median of 5)", ours_s, "s"),
        Row(SCENARIO, "callwise speed-up over khard", ratio, "x", ">= 20x", ratio >= 20),
    ]


def run(folder: Path) -> list[Row]:
    url = f"sqlite:///{folder / 'contacts-100k.db'}"
    run_command(callwise("init", db=url))
    loaded = measure(callwise("demo", "--synthetic", "100000", db=url))
    insert_s = loaded.seconds
    samples = _find_latencies(url, _queries(url, 200))
    p50, p95 = statistics.median(samples) * 1000, percentile(samples, 95) * 1000
    rows = [
        load_row(SCENARIO),
        Row(
            SCENARIO,
            "insert 100k synthetic contacts (callwise demo --synthetic)",
            insert_s,
            "s",
            "< 10 s",
            insert_s < 10,
        ),
        Row(SCENARIO, "insert 100k: CPU seconds (both processes)", loaded.cpu_seconds, "s"),
        Row(SCENARIO, "find over 100k, 200 queries: median", p50, "ms", "< 50 ms", p50 < 50),
        Row(SCENARIO, "find over 100k, 200 queries: p95", p95, "ms"),
    ]
    return rows + _versus_khard(folder, 10_000)
