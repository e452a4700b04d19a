"""Who is who (issue 13): pairs marked "not the same person", and the record of each merge so
it can be undone.

Revision ID: 0010
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "not_duplicates",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "first_id", sa.Integer, sa.ForeignKey("contacts.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column(
            "second_id",
            sa.Integer,
            sa.ForeignKey("contacts.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ix_not_duplicates_pair", "not_duplicates", ["first_id", "second_id"], unique=True
    )
    op.create_index("ix_not_duplicates_second", "not_duplicates", ["second_id"])
    op.create_table(
        "merges",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("keep_id", sa.Integer, nullable=False),
        sa.Column("other", sa.Text, nullable=False),
        sa.Column("keep_before", sa.Text, nullable=False),
        sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_merges_keep", "merges", ["keep_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_merges_keep", "merges")
    op.drop_table("merges")
    op.drop_index("ix_not_duplicates_second", "not_duplicates")
    op.drop_index("ix_not_duplicates_pair", "not_duplicates")
    op.drop_table("not_duplicates")
