"""Shared fixtures: a database URL for each real backend (SQLite file, PostgreSQL server)."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

sys.path.insert(0, str(Path(__file__).parent))

from callwise.services.app import App, open_app
from pgserver import Cluster, PostgresUnavailable, start_cluster

# The machines that run the suite are shared and noisy: generating a contact with history can
# take a tenth of a second there, which is no defect. Examples stay as many; only the
# "generation is slow" health check and the per-example deadline are off (timing is not what
# the tests assert; the fuzz targets set their own generous deadline to catch hangs).
settings.register_profile(
    "shared-machine", suppress_health_check=[HealthCheck.too_slow], deadline=None
)
settings.load_profile("shared-machine")

pytest_plugins = ["web_support"]

# The city-table disk cache goes to a folder of the test run, not the user's ~/.cache.
os.environ.setdefault("CALLWISE_CACHE_DIR", tempfile.mkdtemp(prefix="callwise-test-cache-"))

# The CLI honours COLUMNS even when piped (issue 15); a width exported by the shell that runs
# the suite must not narrow the output the tests read.
os.environ.pop("COLUMNS", None)

REQUIRE_SERVICES = os.environ.get("CALLWISE_REQUIRE_SERVICES") == "1"
NOW = dt.datetime(2026, 11, 24, 15, 0, tzinfo=dt.UTC)


def unavailable(reason: str) -> None:
    """Skip locally; fail under CALLWISE_REQUIRE_SERVICES=1 (CI), where services must exist."""
    if REQUIRE_SERVICES:
        pytest.fail(f"required service missing: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The admin URL of a PostgreSQL server: CALLWISE_TEST_POSTGRES_URL or a throwaway cluster."""
    external = os.environ.get("CALLWISE_TEST_POSTGRES_URL")
    if external:
        yield external
        return
    cluster: Cluster | None = None
    try:
        cluster = start_cluster()
    except PostgresUnavailable as exc:
        unavailable(str(exc))
    assert cluster is not None
    try:
        yield cluster.url()
    finally:
        cluster.stop()


def _fresh_pg_database(admin_url: str) -> Iterator[str]:
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(admin_url)
    name = f"t_{uuid.uuid4().hex[:12]}"
    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to a new, empty database on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'callwise.db'}"
        return
    yield from _fresh_pg_database(request.getfixturevalue("pg_server"))


@pytest.fixture
def app(db_url: str) -> Iterator[App]:
    """An opened, migrated app on each backend, with the clock at NOW."""
    opened = open_app(db_url, NOW)
    try:
        yield opened
    finally:
        opened.engine.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'callwise.db'}"
