"""Idempotency keys of the REST API (issue 15): a client that sends the same
`Idempotency-Key` twice gets the first answer again instead of a second record.

One row per (owner, key): the request it was used for (method and path, and a fingerprint of
the whole request), the answer once there is one (status and body; both NULL while the first
request is still running) and when it was made, so keys older than a day can be pruned.
A new table only: the contacts table and its revision triggers (0009) are left as they are.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "idempotency_keys",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("owner", sa.String(100), nullable=False),
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("request", sa.String(1100), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("status", sa.Integer),
        sa.Column("body", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ix_idempotency_keys_owner_key", "idempotency_keys", ["owner", "key"], unique=True
    )
    op.create_index("ix_idempotency_keys_created", "idempotency_keys", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_idempotency_keys_created", "idempotency_keys")
    op.drop_index("ix_idempotency_keys_owner_key", "idempotency_keys")
    op.drop_table("idempotency_keys")
