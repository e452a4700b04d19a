"""Covering indexes for the insights page (issue 7): calls per week counted from (at, outcome)
without reading the call rows, and contacts going cold found by (kind, cadence_anchor,
cadence_days), which also serves the plan's keep-in-touch query on default cadences (P6.1).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_calls_at_outcome", "calls", ["at", "outcome"])
    op.drop_index("ix_contacts_kind_anchor", "contacts")
    op.create_index(
        "ix_contacts_kind_anchor", "contacts", ["kind", "cadence_anchor", "cadence_days"]
    )


def downgrade() -> None:
    op.drop_index("ix_contacts_kind_anchor", "contacts")
    op.create_index("ix_contacts_kind_anchor", "contacts", ["kind", "cadence_anchor"])
    op.drop_index("ix_calls_at_outcome", "calls")
