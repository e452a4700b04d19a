"""What `callwise init` reports about the database: where it is, its schema and its size.

The CLI and the web app reach storage only through services; this is the thin way in for it."""

from __future__ import annotations

from dataclasses import dataclass

from callwise.services.app import App
from callwise.services.contacts import count_contacts
from callwise.store.db import head_revision


@dataclass(frozen=True)
class DatabaseStatus:
    """The database's address (password hidden), its schema revision and how many contacts."""

    url: str
    schema: str
    contacts: int


def database_status(app: App) -> DatabaseStatus:
    """The open database as `init` shows it (the app has migrated it to the newest schema)."""
    url = app.engine.url.render_as_string(hide_password=True)
    return DatabaseStatus(url, head_revision(), count_contacts(app))
