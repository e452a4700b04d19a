"""Settings as key/value text rows, shared by the CLI and the web app."""

from __future__ import annotations

from sqlalchemy import Connection, delete, insert, select

from callwise.store.tables import settings


def load_texts(conn: Connection) -> dict[str, str]:
    return {key: value for key, value in conn.execute(select(settings.c.key, settings.c.value))}


def save_text(conn: Connection, key: str, value: str) -> None:
    conn.execute(delete(settings).where(settings.c.key == key))
    conn.execute(insert(settings).values(key=key, value=value))


def delete_text(conn: Connection, key: str) -> None:
    conn.execute(delete(settings).where(settings.c.key == key))
