"""Opening a database: the default SQLite file, any SQLAlchemy URL, and automatic migration."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Connection, Engine, create_engine, event, inspect, select, text, update
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from callwise.domain.errors import StorageError
from callwise.store.tables import data_revision

MIGRATIONS = Path(__file__).parent / "migrations"
# The newest migration; a test checks it against Alembic's head. Knowing it here lets a command
# skip importing Alembic when the database is already current (most runs).
LATEST_REVISION = "0014"
BUSY_TIMEOUT_MS = 5000
SQLITE_POOL = 20


def default_url() -> str:
    """The embedded default: callwise.db in the platform's user data dir."""
    folder = Path(platformdirs.user_data_dir("callwise", appauthor=False))
    return f"sqlite:///{folder / 'callwise.db'}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL and a busy timeout let the CLI and the web app share the file; enforce foreign keys.

    The driver's own transaction handling is switched off (it would run DDL outside the
    transaction); `_sqlite_begin` starts every transaction instead."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


WRITE = {"callwise_write": True}


def _sqlite_begin(conn: Any) -> None:
    """BEGIN IMMEDIATE for a write transaction (it waits for the lock up front, so it never
    fails half-way when the web app writes at the same time); a plain BEGIN for reads."""
    write = conn.get_execution_options().get("callwise_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _sqlite_pool(url: URL) -> dict[str, int]:
    """Keep enough open connections for the web app's worker threads: with the default five,
    every busier moment opened and closed connections (and their pragmas and page cache)."""
    if not url.database or url.database == ":memory:":
        return {}
    return {"pool_size": SQLITE_POOL, "max_overflow": 2 * SQLITE_POOL}


def make_engine(url: str) -> Engine:
    """An engine for `url` (SQLite path made if missing; PostgreSQL through psycopg 3)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StorageError(
            f"{url!r} is not a database URL; use e.g. sqlite:///path/to/callwise.db "
            "or postgresql+psycopg://user@host/dbname",
            field="db",
        ) from None
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, **_sqlite_pool(parsed)
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except (ImportError, SQLAlchemyError) as exc:
        raise StorageError(f"cannot use {parsed.drivername}: {exc}", field="db") from None


def head_revision() -> str:
    return LATEST_REVISION


def current_revision(engine: Engine) -> str | None:
    """The revision stamped in the database, or None for a new one."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision; a no-op when it is there already."""
    try:
        if current_revision(engine) == LATEST_REVISION:
            return
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    except (OperationalError, sqlite3.DatabaseError) as exc:
        reason = str(exc.orig if isinstance(exc, OperationalError) else exc).strip().splitlines()[0]
        raise StorageError(
            f"cannot open the database at {engine.url.render_as_string(hide_password=True)}: "
            f"{reason}",
            field="db",
        ) from None


DATA_ROW = 1  # data_revision rows: every write raises 1; triggers raise 2 (migration 0009)
CONTACTS_ROW = 2


def read_data_revision(conn: Connection) -> int:
    """The data revision: it changes whenever any process commits a write (one-row read)."""
    found = conn.execute(select(data_revision.c.revision).where(data_revision.c.id == DATA_ROW))
    return int(found.scalar_one())


def read_contacts_revision(conn: Connection, *, lock: bool = False) -> int:
    """The contacts revision: database triggers raise it whenever contacts or their phones,
    emails or dates change, and nothing else does (settings, calls, snoozes leave it).

    With `lock` (inside a write transaction) PostgreSQL keeps the row locked until the commit:
    a writer that changed contacts but has not committed yet is waited for, not missed."""
    query = select(data_revision.c.revision).where(data_revision.c.id == CONTACTS_ROW)
    return int(conn.execute(query.with_for_update() if lock else query).scalar_one())


def bump_data_revision(conn: Connection) -> None:
    """Raise the data revision inside a write transaction, so it commits with the change.

    On PostgreSQL the row stays locked until the commit, so writers queue here: it runs as
    the transaction's last statement to keep that short."""
    conn.execute(
        update(data_revision)
        .where(data_revision.c.id == DATA_ROW)
        .values(revision=data_revision.c.revision + 1)
    )


def bump_contacts_revision(conn: Connection) -> None:
    conn.execute(
        update(data_revision)
        .where(data_revision.c.id == CONTACTS_ROW)
        .values(revision=data_revision.c.revision + 1)
    )


@contextmanager
def one_contacts_bump(conn: Connection) -> Iterator[None]:
    """For a bulk write of contacts in one transaction: SQLite's triggers run once per row (a
    third more time for an import's inserts), so they are set aside until the end and the
    revision raised once. The write lock keeps others out meanwhile, and a failure rolls the
    set-aside back too. PostgreSQL's trigger raises it once per transaction (migration 0014)."""
    if conn.dialect.name != "sqlite":
        yield
        return
    found = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master "
        "WHERE type = 'trigger' AND name GLOB 'contacts_revision_*'"
    ).all()
    for name, _sql in found:
        conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
    yield
    bump_contacts_revision(conn)
    for _name, sql in found:
        conn.exec_driver_sql(sql)
