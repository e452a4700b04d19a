"""Issue 3: importing a 10k-card vCard file and a 30k-row LinkedIn CSV; memory at 100k cards."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from callwise.interchange.vcard import write_vcards
from callwise.services.synthetic import synthetic_contacts
from common import Row, callwise, load_row, measure

SCENARIO = "import"
TODAY = dt.date(2026, 11, 24)


def _vcards(path: Path, count: int, seed: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        out.writelines(write_vcards(synthetic_contacts(count, seed, today=TODAY)))
    return path


def _linkedin(path: Path, count: int) -> Path:
    """A current-style Connections.csv: the Notes preamble, a blank line, then the rows."""
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(
            'Notes:\n"When exporting your connection data, some email addresses may be '
            'missing."\n\n'
        )
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(
            [
                "First Name",
                "Last Name",
                "URL",
                "Email Address",
                "Company",
                "Position",
                "Connected On",
            ]
        )
        people = (c for c in synthetic_contacts(2 * count, 5, today=TODAY) if c.given_name)
        for i, c in zip(range(count), people, strict=False):
            when = c.connected_on or TODAY
            writer.writerow(
                [
                    c.given_name,
                    c.family_name,
                    f"https://www.linkedin.com/in/{c.given_name.lower()}-{i:06x}",
                    c.emails[0].address if c.emails and i % 3 == 0 else "",
                    c.organization,
                    c.job_title,
                    when.strftime("%d %b %Y"),
                ]
            )
    return path


def _measure(name: str, file: Path, count: int, url: str, target: bool) -> list[Row]:
    used = measure(callwise("import", str(file), db=url))
    rate = count / used.seconds
    return [
        Row(SCENARIO, f"{name}: {count:,} records, whole command", used.seconds, "s"),
        Row(SCENARIO, f"{name}: CPU seconds (both processes)", used.cpu_seconds, "s"),
        Row(
            SCENARIO,
            f"{name}: contacts per second",
            rate,
            "/s",
            ">= 5,000/s" if target else "",
            rate >= 5000 if target else None,
        ),
        Row(SCENARIO, f"{name}: peak RSS", used.rss_mb, "MB"),
    ]


def run(folder: Path) -> list[Row]:
    rows = [load_row(SCENARIO)]
    # The first command after an install builds the city-table cache (services/zone_cache.py,
    # about a second, once); a small import first keeps that out of the figures below.
    warm = measure(
        callwise(
            "import", str(_vcards(folder / "100.vcf", 100, 3)), db=f"sqlite:///{folder / 'w.db'}"
        )
    )
    rows.append(
        Row(SCENARIO, "warm-up: 100 cards (builds the city cache if missing)", warm.seconds, "s")
    )
    rows += _measure(
        "vCard 10k",
        _vcards(folder / "10k.vcf", 10_000, 1),
        10_000,
        f"sqlite:///{folder / 'v10k.db'}",
        True,
    )
    rows += _measure(
        "LinkedIn CSV 30k",
        _linkedin(folder / "30k.csv", 30_000),
        30_000,
        f"sqlite:///{folder / 'l30k.db'}",
        True,
    )
    small = _measure(
        "vCard 10k (memory)", folder / "10k.vcf", 10_000, f"sqlite:///{folder / 'm10k.db'}", False
    )[3]
    big = _measure(
        "vCard 100k",
        _vcards(folder / "100k.vcf", 100_000, 2),
        100_000,
        f"sqlite:///{folder / 'v100k.db'}",
        False,
    )
    rows += big[:3]
    rows.append(
        Row(SCENARIO, "vCard 100k: peak RSS", big[3].value, "MB", "< 300 MB", big[3].value < 300)
    )
    growth = big[3].value / small.value
    rows.append(Row(SCENARIO, "peak RSS 100k / 10k cards (flat is ~1)", growth, "x"))
    return rows
