"""The first-name key of contacts at an organization (`william|calder & finch llp`), indexed:
a card giving only a first name at an organization finds the contact a fuller card of the same
person completed, so importing a file twice changes nothing (issue 13).

Adding a column leaves the contacts revision triggers (0009) in place on both backends.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from callwise.domain.names import person_name_of
from callwise.domain.text import fold

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "contacts", sa.Column("given_key", sa.String(700), nullable=False, server_default="")
    )
    op.create_index("ix_contacts_given_key", "contacts", ["given_key"])
    _backfill()


def _backfill() -> None:
    """Compute the key of contacts stored before this revision (domain/merge.py given_key)."""
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT id, display_name, given_name, family_name, organization FROM contacts "
            "WHERE organization <> ''"
        )
    ).all()
    for row in rows:
        given = person_name_of(row.given_name, row.family_name, row.display_name).given
        organization = fold(row.organization)
        if given and organization:
            conn.execute(
                sa.text("UPDATE contacts SET given_key = :k WHERE id = :i"),
                {"k": f"{given}|{organization}", "i": row.id},
            )


def downgrade() -> None:
    op.drop_index("ix_contacts_given_key", "contacts")
    op.drop_column("contacts", "given_key")  # SQLite drops it in place: triggers stay
