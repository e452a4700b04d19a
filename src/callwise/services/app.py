"""The application context every service takes: the database and the clock."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from callwise.domain.errors import StorageError, ValidationError
from callwise.domain.settings import Settings
from callwise.services.runtime import enable_city_cache
from callwise.store import db
from callwise.store import settings as settings_store


class Rollback(Exception):
    """Raised inside `App.transaction()` to undo the unit of work without an error."""


@dataclass(frozen=True)
class App:
    """An open, migrated database and the moment callwise believes it is (aware, UTC)."""

    engine: Engine
    now: dt.datetime

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One unit of work: everything inside commits together or not at all.

        Every write goes through here, so here the data revision is raised: a plan kept in
        any process's cache (services/cache.py) is recomputed after a change. Raising
        `Rollback` inside undoes everything quietly (a dry run, a refused import)."""
        try:
            with (
                suppress(Rollback),
                self.engine.connect() as conn,
                conn.execution_options(**db.WRITE).begin(),
            ):
                yield conn
                db.bump_data_revision(conn)
        except SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", exc) or exc).strip().splitlines()[0]
            raise StorageError(f"the database refused the change: {reason}") from None

    @contextmanager
    def snapshot(self) -> Iterator[Connection]:
        """A read-only view that stays as it was when first read, however long it is used,
        and takes no write lock: a long import matches in one while others write (issue 11).
        SQLite's WAL gives every read transaction a snapshot; PostgreSQL needs REPEATABLE
        READ for it."""
        try:
            with self.engine.connect() as conn:
                if conn.dialect.name == "postgresql":
                    conn.execution_options(isolation_level="REPEATABLE READ")
                with conn.begin():
                    yield conn
        except SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", exc) or exc).strip().splitlines()[0]
            raise StorageError(f"the database could not be read: {reason}") from None

    def data_revision(self) -> int:
        """The revision of the stored data (store/db.py), one indexed read."""
        with self.engine.connect() as conn:
            return db.read_data_revision(conn)

    def settings(self) -> Settings:
        with self.engine.connect() as conn:
            return Settings.from_texts(settings_store.load_texts(conn))


# The moments callwise can plan from: plans, cadences and dates reach up to 100 years either
# way (domain/call_log.MAX_YEARS_OFF) and must stay inside the calendar's years 1 to 9999.
EARLIEST_NOW = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)
LATEST_NOW = dt.datetime(9800, 12, 31, 23, 59, tzinfo=dt.UTC)


def parse_now(text: str | None) -> dt.datetime:
    """`--now` / CALLWISE_NOW as an aware instant; naive text is read as UTC. A moment outside
    EARLIEST_NOW..LATEST_NOW is refused: planning from it would leave the calendar."""
    if not text:
        return dt.datetime.now(dt.UTC)
    try:
        value = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
        value = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        in_range = EARLIEST_NOW <= value <= LATEST_NOW
    except (ValueError, OverflowError):
        raise ValidationError(
            f"{text!r} is not an ISO 8601 moment; write e.g. 2026-11-24T09:30:00-06:00",
            field="now",
        ) from None
    if not in_range:
        raise ValidationError(
            f"{text!r} is outside the moments callwise can plan from; give one between "
            f"{EARLIEST_NOW:%Y-%m-%d} and {LATEST_NOW:%Y-%m-%d}",
            field="now",
        )
    return value


def open_app(url: str | None = None, now: str | dt.datetime | None = None) -> App:
    """Open (creating and migrating as needed) the database at `url`, env, or the default."""
    chosen = url or os.environ.get("CALLWISE_DATABASE_URL") or db.default_url()
    moment = (
        now if isinstance(now, dt.datetime) else parse_now(now or os.environ.get("CALLWISE_NOW"))
    )
    engine = db.make_engine(chosen)
    db.migrate(engine)
    enable_city_cache()
    return App(engine=engine, now=moment.astimezone(dt.UTC))
