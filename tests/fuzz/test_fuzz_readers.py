"""Fuzzing the contact-file readers (issue 11): real fixtures, mutated, through the real import
service on a real SQLite file (a dry run, then for real). Each file imports or raises one
CallwiseError; any other exception, or a case slower than DEADLINE_MS, fails.

`CALLWISE_FUZZ_EXAMPLES` sets the examples per reader (`make fuzz`: 5000; default 40).
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callwise.domain.errors import CallwiseError
from callwise.services import importer
from callwise.services.app import App, open_app
from conftest import NOW

FIXTURES = Path(__file__).parent.parent / "fixtures"
EXAMPLES = int(os.environ.get("CALLWISE_FUZZ_EXAMPLES", "40"))
DEADLINE_MS = 10_000  # generous: a case takes well under a second; a hang takes for ever
SOURCES = {
    "vcard": sorted(FIXTURES.glob("*.vcf")),
    "google": sorted(FIXTURES.glob("google_*.csv")),
    "outlook": sorted(FIXTURES.glob("outlook*.csv")),
    "linkedin": sorted(FIXTURES.glob("linkedin_*.csv")),
}
TOKENS = [
    b";", b":", b"=", b"\x00", b'"', b",", b"\\", b"\r\n", b"\n ", b"=\r\n", b" ::: ", b"|",
    b"\xef\xbb\xbf", b"\xc3", b"\xe2\x82", "é€😀".encode(), b"BEGIN:VCARD\r\n", b"END:VCARD\r\n",
    b";CHARSET=", b";ENCODING=QUOTED-PRINTABLE", b";ENCODING=b", b"item1.", b"X-ABLabel:",
    b'"a;b:c"', b"\t", b"\r",
]  # fmt: skip
ENCODINGS = ["utf-16", "utf-16-le", "cp1252", "latin-1", "utf-8-sig"]


@st.composite
def _insertion(draw: st.DrawFn) -> bytes:
    """A token, or a run of one: many parameters, long values, long lines."""
    token = draw(st.sampled_from(TOKENS))
    kind = draw(st.sampled_from(["one", "run", "params", "long"]))
    if kind == "run":
        return token * draw(st.integers(2, 200))
    if kind == "params":
        return b";" + b";".join([draw(st.sampled_from([b"A", b"TYPE=x", b""]))] * 50) + b";"
    if kind == "long":
        return b"x" * draw(st.sampled_from([1000, 140_000]))
    return token


@st.composite
def mutated(draw: st.DrawFn, files: list[Path]) -> bytes:
    """A fixture's bytes after a few flips, insertions, deletions, a cut or a re-encoding."""
    data = bytearray(draw(st.sampled_from(files)).read_bytes())
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["flip", "insert", "insert", "delete", "truncate"]))
        if action == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif action == "insert":
            data[at:at] = draw(_insertion())
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif action == "truncate":
            del data[at:]
    if draw(st.integers(0, 9)) == 0:
        text = bytes(data).decode("utf-8", errors="replace")
        data = bytearray(text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace"))
    if draw(st.integers(0, 9)) == 0:
        data[0:0] = codecs.BOM_UTF8
    return bytes(data)


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    """One SQLite file for all cases: real imports pile up, so merging is fuzzed too."""
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    opened = open_app(f"sqlite:///{path}", NOW)
    importer.import_file(opened, SOURCES["vcard"][0], dry_run=True)  # loads the city tables
    try:
        yield opened
    finally:
        opened.engine.dispose()


def _import_or_refuse(app: App, path: Path, fmt: str) -> None:
    """A dry run and a real import: each either imports or raises a CallwiseError."""
    for dry_run in (True, False):
        try:
            importer.import_file(app, path, format=fmt, dry_run=dry_run, parallel=False)
        except CallwiseError as exc:
            assert str(exc).strip() and "\n" not in str(exc).strip("\n"), exc


@pytest.mark.parametrize("kind", sorted(SOURCES))
def test_mutated_files_import_or_fail_with_one_callwise_error(
    kind: str, fuzz_app: App, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp(f"fuzz-{kind}")

    @settings(
        max_examples=EXAMPLES,
        deadline=DEADLINE_MS,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=mutated(SOURCES[kind]), fmt=st.sampled_from(["auto", kind]))
    def check(data: bytes, fmt: str) -> None:
        path = folder / ("contacts.vcf" if kind == "vcard" else "contacts.csv")
        path.write_bytes(data)
        _import_or_refuse(fuzz_app, path, fmt)

    check()
