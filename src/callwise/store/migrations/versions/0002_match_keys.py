"""Indexed match keys for imports: the normalised LinkedIn profile and the name|organization.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from callwise.domain.merge import normalise_linkedin_url
from callwise.domain.text import fold

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("contacts") as batch:
        for name, size in (("linkedin_key", 500), ("name_key", 700)):
            batch.add_column(sa.Column(name, sa.String(size), nullable=False, server_default=""))
    op.create_index("ix_contacts_linkedin_key", "contacts", ["linkedin_key"])
    op.create_index("ix_contacts_name_key", "contacts", ["name_key"])
    _backfill()


def _backfill() -> None:
    """Compute the keys of contacts stored before this revision (same rules as the store)."""
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT id, linkedin_url, display_name, given_name, family_name, organization "
            "FROM contacts"
        )
    ).all()
    for row in rows:
        named = " ".join(p for p in (row.given_name, row.family_name) if p.strip())
        key = f"{fold(row.display_name or named)}|{fold(row.organization)}"
        linkedin = normalise_linkedin_url(row.linkedin_url) if row.linkedin_url else ""
        conn.execute(
            sa.text("UPDATE contacts SET linkedin_key = :l, name_key = :n WHERE id = :i"),
            {"l": linkedin, "n": key, "i": row.id},
        )


def downgrade() -> None:
    op.drop_index("ix_contacts_name_key", "contacts")
    op.drop_index("ix_contacts_linkedin_key", "contacts")
    with op.batch_alter_table("contacts") as batch:
        batch.drop_column("name_key")
        batch.drop_column("linkedin_key")
