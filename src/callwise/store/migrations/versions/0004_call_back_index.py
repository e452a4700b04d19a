"""An index on the call back time a contact gave, so the plan finds call backs due in a date
range without scanning the call log (P3.4, issue 5).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_calls_call_back_at", "calls", ["call_back_at"])


def downgrade() -> None:
    op.drop_index("ix_calls_call_back_at", "calls")
