"""Fuzzing the backup reader: a real backup, mutated (a value swapped for one of another type
or size, a key dropped, an entry doubled, the text cut or its bytes spoiled), is imported the way
the CLI does. It either restores, or fails with a CallwiseError and leaves the database as it
was; nothing else may escape. CALLWISE_FUZZ_EXAMPLES sets the number of examples (default 60).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from callwise.domain.calls import Call, CustomOccasion, Outcome, Promise, Snooze, Trip
from callwise.domain.errors import CallwiseError
from callwise.domain.model import Contact, HowWeMet, OtherDate, PartialDate, Phone
from callwise.services import backup, contacts, exporter, importer
from callwise.services.app import open_app
from callwise.store import tables
from conftest import NOW
from strategies import Book, write_book

EXAMPLES = int(os.environ.get("CALLWISE_FUZZ_EXAMPLES", "60"))
USER_TABLES = [t for t in tables.metadata.sorted_tables if t.name != "data_revision"]
INTERNAL = {"contact_phones": "id", "contact_emails": "id"}

BOOK = Book(
    contacts=[
        Contact(
            given_name="Ann",
            family_name="Okafor",
            city="Kansas City",
            country="US",
            phones=(Phone("+18165550142"),),
            birthday=PartialDate(7, 21),
            other_dates=(OtherDate("Anniversary", PartialDate(3, 2, 2019)),),
            cadence_days=30,
            tags=("alumni",),
        ),
        Contact(given_name="Bo", city="London", country="GB", met=HowWeMet("Mixer")),
    ],
    introducers=[None, 0],
    calls=[
        (
            0,
            Call(
                0,
                dt.datetime(2026, 10, 1, 15, tzinfo=dt.UTC),
                Outcome.CONNECTED,
                topics=("jazz",),
                promises=(Promise("send the article", dt.date(2026, 10, 8)),),
                follow_up=dt.date(2026, 12, 1),
            ),
        ),
        (1, Call(0, dt.datetime(2026, 9, 9, 18, tzinfo=dt.UTC), Outcome.NO_ANSWER)),
    ],
    snoozes={1: Snooze(0, dt.date(2026, 12, 24), "holidays")},
    trips=[Trip("London", dt.date(2026, 12, 1), dt.date(2026, 12, 5))],
    occasions=[(0, CustomOccasion(0, "Name day", "FREQ=YEARLY", dt.date(2026, 3, 2)))],
)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, Any]]]:
    """A database holding part of the book (one contact removed), and the backup of all of it."""
    folder = tmp_path_factory.mktemp("fuzz-backup")
    app = open_app(f"sqlite:///{folder / 'seed.db'}", NOW)
    write_book(app, BOOK)
    out = folder / "backup.json"
    with out.open("w", encoding="utf-8") as stream:
        exporter.write_export(app, "json", stream)
    contacts.remove_contact(app, 1)
    app.engine.dispose()
    yield folder / "seed.db", json.loads(out.read_text("utf-8"))


def _snapshot(url: str) -> dict[str, list[str]]:
    app = open_app(url, NOW)
    found: dict[str, list[str]] = {}
    with app.engine.connect() as conn:
        for table in USER_TABLES:
            hidden = INTERNAL.get(table.name)
            rows = conn.execute(select(table)).mappings().all()
            found[table.name] = sorted(
                repr(sorted((k, v) for k, v in r.items() if k != hidden)) for r in rows
            )
    app.engine.dispose()
    return found


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)
odd_values = st.sampled_from(
    [
        None,
        True,
        0,
        -1,
        2**31,
        2**63,
        10**30,
        1.5,
        "",
        "x" * 400,
        "a\x00b",
        "\ud800",
        "2026-13-45",
        "0001-01-01T00:00:00+05:00",
        "9999-12-31T23:00:00-05:00",
        [],
        {},
        [[]],
        "FREQ=SECONDLY",
        "connected",
        "--02-30",
        "+1",
        1,
    ]
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path into the document (keys and list positions), the root's children first."""
    children = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, child in children:
        yield (*prefix, key)
        yield from _paths(child, (*prefix, key))


@st.composite
def mutated(draw: st.DrawFn, document: dict[str, Any]) -> bytes:
    """The backup with one to three structural mutations, then perhaps its bytes spoiled."""
    doc = json.loads(json.dumps(document))
    for _ in range(draw(st.integers(1, 3))):
        paths = list(_paths(doc))
        if not paths:
            break
        top = draw(st.sampled_from(sorted({p[0] for p in paths})))  # each section as likely
        *parents, last = draw(st.sampled_from([p for p in paths if p[0] == top]))
        node = doc
        for part in parents:
            node = node[part]
        action = draw(st.sampled_from(["odd", "json", "drop", "double", "swap"]))
        if action == "drop":
            del node[last]
        elif action == "double" and isinstance(node, list):
            node.append(node[last])
        elif (
            action == "swap"
        ):  # a value from elsewhere in the document: the right shape, wrong place
            value: Any = doc
            for part in draw(st.sampled_from(paths)):
                value = value[part]
            node[last] = json.loads(json.dumps(value))
        else:
            node[last] = draw(odd_values if action == "odd" else json_values)
    data = json.dumps(doc, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")
    spoil = draw(st.sampled_from(["none", "none", "cut", "byte"]))
    if spoil == "cut":
        data = data[: draw(st.integers(0, len(data)))]
    elif spoil == "byte":
        at = draw(st.integers(0, max(0, len(data) - 1)))
        data = data[:at] + bytes([draw(st.integers(0x80, 0xFF))]) + data[at + 1 :]
    return data


def test_any_mutated_backup_restores_or_fails_cleanly(
    seeded: tuple[Path, dict[str, Any]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    seed, document = seeded

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(mutated(document))
    def check(data: bytes) -> None:
        folder = tmp_path_factory.mktemp("case")
        shutil.copy(seed, folder / "case.db")
        url = f"sqlite:///{folder / 'case.db'}"
        (folder / "backup.json").write_bytes(data)
        before = _snapshot(url)
        app = open_app(url, NOW)
        try:
            importer.import_file(app, folder / "backup.json", format="backup")
        except CallwiseError as exc:
            assert "\n" not in str(exc)
            assert _snapshot(url) == before
            return
        finally:
            app.engine.dispose()
        restored = _snapshot(url)
        app = open_app(url, NOW)
        importer.import_file(app, folder / "backup.json", format="backup")  # again: no change
        app.engine.dispose()
        assert _snapshot(url) == restored

    check()


DROP = object()
SWEEP_VALUES = (DROP, None, [], {}, "x", 2**63, True)


def test_every_field_of_a_backup_refused_or_taken_cleanly(
    seeded: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    """Not random: each field of a one-entry-per-section backup, dropped or given a value of
    another type, in turn (a dry run: checked and written, then undone)."""
    seed, document = seeded
    small = {k: v[:1] if isinstance(v, list) else v for k, v in document.items()}
    shutil.copy(seed, tmp_path / "sweep.db")
    url = f"sqlite:///{tmp_path / 'sweep.db'}"
    before = _snapshot(url)
    app = open_app(url, NOW)
    escaped: list[str] = []
    for path in list(_paths(small)):
        for value in SWEEP_VALUES:
            doc = json.loads(json.dumps(small))
            *parents, last = path
            node = doc
            for part in parents:
                node = node[part]
            if value is DROP:
                del node[last]
            else:
                node[last] = value
            try:
                backup.restore_backup(app, io.StringIO(json.dumps(doc)), dry_run=True)
            except CallwiseError:
                pass
            except Exception as exc:
                escaped.append(f"{path} = {value!r}: {type(exc).__name__}: {exc}")
    app.engine.dispose()
    assert escaped == []
    assert _snapshot(url) == before
