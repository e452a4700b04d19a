"""Contacts, their phones and emails, settings, and the search index.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _text(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.Text, nullable=False, server_default="")


def _name(name: str, size: int) -> sa.Column[str]:
    return sa.Column(name, sa.String(size), nullable=False, server_default="")


def upgrade() -> None:
    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _name("given_name", 200),
        _name("family_name", 200),
        _name("display_name", 300),
        _name("nickname", 200),
        _name("honorific", 50),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("address_form", sa.String(20)),
        _name("job_title", 300),
        _name("organization", 300),
        _name("department", 300),
        _text("met_event"),
        sa.Column("met_date", sa.Date),
        _text("met_place"),
        _text("met_circumstances"),
        sa.Column(
            "met_introduced_by", sa.Integer, sa.ForeignKey("contacts.id", ondelete="SET NULL")
        ),
        _name("city", 200),
        _name("region", 200),
        _name("country", 2),
        _name("time_zone", 64),
        _text("availability"),
        sa.Column("gatekeeper_name", sa.String(200)),
        sa.Column("gatekeeper_role", sa.String(50)),
        sa.Column("gatekeeper_phone", sa.String(64)),
        sa.Column("interests", sa.Text, nullable=False, server_default="[]"),
        _text("family_notes"),
        sa.Column("avoid_topics", sa.Text, nullable=False, server_default="[]"),
        sa.Column("birth_month", sa.Integer),
        sa.Column("birth_day", sa.Integer),
        sa.Column("birth_year", sa.Integer),
        sa.Column("other_dates", sa.Text, nullable=False, server_default="[]"),
        _name("source", 50),
        sa.Column("connected_on", sa.Date),
        _name("linkedin_url", 500),
        sa.Column("cadence_days", sa.Integer),
        sa.Column("tags", sa.Text, nullable=False, server_default="[]"),
        _text("notes"),
        _name("sort_name", 300),
        _text("search_text"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_contacts_sort_name", "contacts", ["sort_name"])
    op.create_index("ix_contacts_birthday", "contacts", ["birth_month", "birth_day"])
    op.create_index("ix_contacts_connected_on", "contacts", ["connected_on"])
    op.create_index("ix_contacts_linkedin_url", "contacts", ["linkedin_url"])
    for child, value_column, size in (("phones", "number", 64), ("emails", "address", 320)):
        columns: list[sa.schema.SchemaItem] = [
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column(
                "contact_id",
                sa.Integer,
                sa.ForeignKey("contacts.id", ondelete="CASCADE"),
                nullable=False,
            ),
            sa.Column("position", sa.Integer, nullable=False),
            sa.Column(value_column, sa.String(size), nullable=False),
        ]
        if child == "phones":
            columns.append(sa.Column("label", sa.String(50), nullable=False, server_default=""))
            columns.append(sa.Column("valid", sa.Boolean, nullable=False, server_default=sa.true()))
            indexed = "number"
        else:
            columns.append(sa.Column("folded", sa.String(320), nullable=False))
            columns.append(sa.Column("label", sa.String(50), nullable=False, server_default=""))
            indexed = "folded"
        op.create_table(f"contact_{child}", *columns)
        op.create_index(f"ix_contact_{child}_{indexed}", f"contact_{child}", [indexed])
        op.create_index(f"ix_contact_{child}_contact", f"contact_{child}", ["contact_id"])
    op.create_table(
        "settings",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    _create_search_index()


def _create_search_index() -> None:
    """Substring search that stays fast at 100k contacts: FTS5 trigrams on SQLite, pg_trgm on
    PostgreSQL. Both index the folded `search_text`, so case and accents never matter."""
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE contacts_fts USING fts5("
            "search_text, content='contacts', content_rowid='id', tokenize='trigram')"
        )
        op.execute(
            "CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts BEGIN "
            "INSERT INTO contacts_fts(rowid, search_text) VALUES (new.id, new.search_text); END"
        )
        op.execute(
            "CREATE TRIGGER contacts_fts_delete AFTER DELETE ON contacts BEGIN "
            "INSERT INTO contacts_fts(contacts_fts, rowid, search_text) "
            "VALUES ('delete', old.id, old.search_text); END"
        )
        op.execute(
            "CREATE TRIGGER contacts_fts_update AFTER UPDATE OF search_text ON contacts BEGIN "
            "INSERT INTO contacts_fts(contacts_fts, rowid, search_text) "
            "VALUES ('delete', old.id, old.search_text); "
            "INSERT INTO contacts_fts(rowid, search_text) VALUES (new.id, new.search_text); END"
        )
    elif dialect == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(
            "CREATE INDEX ix_contacts_search_trgm ON contacts USING gin (search_text gin_trgm_ops)"
        )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS contacts_fts")
    op.drop_table("settings")
    op.drop_table("contact_emails")
    op.drop_table("contact_phones")
    op.drop_table("contacts")
