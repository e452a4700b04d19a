"""Issue 13: `contacts duplicates` over 100k contacts, with planted pairs to score it.

97,000 synthetic contacts, then 2% planted duplicates (a name variant of an original:
nickname, initial, near spelling, case and accents, or the same name, sharing its phone or
email) and 1% planted sharers (a different person on an original's line: a relative with the
same family name, or a colleague at the same organization). Recall is over the planted
duplicates; precision over every listed pair that involves a planted record (pairs among the
untouched synthetic contacts, whose names may repeat at one organization, are counted apart).
"""

from __future__ import annotations

import json
import random
import statistics
from pathlib import Path

from callwise.domain.model import Contact, Email, Phone
from callwise.domain.names import compare_names, person_name
from callwise.services.app import open_app
from callwise.services.duplicates import name_book
from callwise.store import contacts as store
from common import Measured, Row, callwise, load_row, measure, run_command

SCENARIO = "duplicates"
TOTAL, DUPLICATES, SHARERS = 100_000, 2_000, 1_000
Pair = frozenset[int]


def _variant(given: str, rnd: random.Random) -> str:
    """Another way of writing the same given name."""
    related = sorted(name_book().related.get(given.casefold(), ()))
    how = rnd.randrange(5)
    if how == 0 and related:
        return rnd.choice(related).title()
    if how == 1:
        return f"{given[0]}."
    if how == 2 and len(given) >= 6:
        i = rnd.randrange(2, len(given) - 2)
        return given[:i] + given[i + 1] + given[i] + given[i + 2 :]  # two letters swapped
    if how == 3:
        return given.upper()
    return given


def _duplicate(original: Contact, rnd: random.Random) -> Contact:
    """The original as another file knows it: a name variant, one shared phone or email."""
    given = _variant(original.given_name, rnd)
    by_email = original.emails and rnd.random() < 0.5
    return Contact(
        given_name=given,
        family_name=original.family_name,
        organization=original.organization if rnd.random() < 0.5 else "",
        phones=() if by_email else (Phone(original.phones[0].number, "mobile"),),
        emails=(Email(original.emails[0].address),) if by_email else (),
        source="import",
    )


def _sharer(original: Contact, stranger: Contact, colleague: bool) -> Contact:
    """A different person (the stranger's given name) on the original's line."""
    phone = original.phones[-1]
    return Contact(
        given_name=stranger.given_name,
        family_name=stranger.family_name if colleague else original.family_name,
        organization=original.organization if colleague else "",
        phones=(Phone(phone.number, "work" if colleague else "home"),),
        source="import",
    )


def _different(a: Contact, b: Contact) -> bool:
    """Ground truth for a sharer: a given name that is neither the same nor a variant."""
    book = name_book()
    x, y = person_name(a).given, person_name(b).given
    return x[:1] != y[:1] and not book.are_related(x, y) and x != y


def _people(url: str) -> list[Contact]:
    app = open_app(url)
    with app.engine.connect() as conn:
        found = store.get_contacts(conn, list(range(1, TOTAL - DUPLICATES - SHARERS + 1)))
    app.engine.dispose()
    book = name_book()
    return [
        c
        for c in found
        if c.given_name and c.family_name and c.phones
        and compare_names(person_name(c), person_name(c), book).value == "equal"
    ]  # fmt: skip


def _plant(url: str, seed: int) -> tuple[set[Pair], set[int]]:
    """Add the planted records; return the planted duplicate pairs and every planted id."""
    rnd = random.Random(seed)
    people = _people(url)
    rnd.shuffle(people)
    originals, hosts, strangers = people[:DUPLICATES], people[DUPLICATES:], people[::-1]
    sharers, hosted = [], []
    for host in hosts:
        stranger = next(s for s in strangers if _different(host, s) and s.id != host.id)
        strangers = strangers[1:] + strangers[:1]
        sharers.append(_sharer(host, stranger, colleague=bool(host.organization)))
        hosted.append(host)
        if len(sharers) == SHARERS:
            break
    app = open_app(url)
    with app.transaction() as conn:
        dup_ids = store.insert_contacts(
            conn, [_duplicate(o, rnd) for o in originals], stamp=app.now
        )
        sharer_ids = store.insert_contacts(conn, sharers, stamp=app.now)
    app.engine.dispose()
    planted = {frozenset({o.id or 0, d}) for o, d in zip(originals, dup_ids, strict=True)}
    return planted, {*dup_ids, *sharer_ids}


def _listed(url: str) -> tuple[Measured, list[Pair]]:
    """The whole command, 3 timed runs after a warm-up (median wall and CPU seconds), and
    the pairs it lists."""
    args = callwise("--json", "contacts", "duplicates", "--limit", str(TOTAL), db=url)
    out = run_command(args).stdout
    runs = [measure(args) for _ in range(3)]
    median = Measured(
        statistics.median(r.seconds for r in runs),
        max(r.rss_mb for r in runs),
        statistics.median(r.cpu_seconds for r in runs),
    )
    pairs = [
        frozenset({p["first"]["id"], p["second"]["id"]}) for p in json.loads(out)["duplicates"]
    ]
    return median, pairs


def run(folder: Path) -> list[Row]:
    url = f"sqlite:///{folder / 'duplicates-100k.db'}"
    run_command(callwise("init", db=url))
    base = TOTAL - DUPLICATES - SHARERS
    run_command(callwise("demo", "--synthetic", str(base), "--seed", "13", db=url))
    planted, planted_ids = _plant(url, 13)
    used, listed = _listed(url)
    touching = [p for p in listed if p & planted_ids]
    true = sum(1 for p in touching if p in planted)
    precision = true / len(touching) if touching else 0.0
    recall = len(planted & set(listed)) / len(planted)
    return [
        load_row(SCENARIO),
        Row(SCENARIO, "contacts duplicates over 100k (whole command, median of 3)",
            used.seconds, "s", "< 5 s", used.seconds < 5),
        Row(SCENARIO, "contacts duplicates over 100k: CPU seconds (median of 3)",
            used.cpu_seconds, "s"),
        Row(SCENARIO, "contacts duplicates over 100k: peak memory", used.rss_mb, "MB"),
        Row(SCENARIO, f"precision on planted records ({len(touching)} pairs listed)",
            precision, "", ">= 0.95", precision >= 0.95),
        Row(SCENARIO, f"recall of {len(planted)} planted duplicates", recall, "", ">= 0.95",
            recall >= 0.95),
        Row(SCENARIO, "pairs among untouched synthetic contacts (same name and org)",
            len(listed) - len(touching), "pairs"),
    ]  # fmt: skip
