"""Alembic from the first table: any command brings an older database forward."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from callwise.services.app import open_app
from callwise.store import db


def test_the_latest_revision_is_alembics_head() -> None:
    config = Config()
    config.set_main_option("script_location", str(db.MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == db.LATEST_REVISION


def test_a_new_database_is_created_at_the_newest_schema(db_url: str) -> None:
    app = open_app(db_url)
    assert db.current_revision(app.engine) == db.head_revision()
    tables = set(inspect(app.engine).get_table_names())
    assert {"contacts", "contact_phones", "contact_emails", "settings"} <= tables


def test_an_older_database_is_migrated_forward_on_open(db_url: str) -> None:
    engine = db.make_engine(db_url)
    config = Config()
    config.set_main_option("script_location", str(db.MIGRATIONS))
    db.migrate(engine)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
    assert "contacts" not in inspect(engine).get_table_names()
    engine.dispose()
    app = open_app(db_url)
    assert db.current_revision(app.engine) == db.head_revision()
    assert "contacts" in inspect(app.engine).get_table_names()


def test_contacts_stored_before_the_match_keys_get_them(db_url: str) -> None:
    """A database at revision 0001 with a contact: opening it adds and fills the keys (0002)."""
    engine = db.make_engine(db_url)
    config = Config()
    config.set_main_option("script_location", str(db.MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(
            text(
                "INSERT INTO contacts (given_name, family_name, organization, linkedin_url, kind, "
                "created_at, updated_at) VALUES ('Zoë', 'Müller', 'Café Zürich', "
                "'https://www.linkedin.com/in/Zoe-M/', 'business', :t, :t)"
            ),
            {"t": "2026-01-01 00:00:00"},
        )
    engine.dispose()
    app = open_app(db_url)
    with app.engine.connect() as conn:
        row = conn.execute(text("SELECT linkedin_key, name_key FROM contacts")).one()
    assert tuple(row) == ("linkedin.com/in/zoe-m", "zoe muller|cafe zurich")
