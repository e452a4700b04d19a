"""Whether a contact's relationship was only guessed from an imported card (issue 14.9).

An import guesses business or personal when the file does not say (domain/kind_guess.py).
A later import may guess again for such a contact, but a guess never overrides a kind the
user or a file set: the merge (domain/merge.py) reads this mark. Contacts stored before this
revision were not marked, so no guess ever changes them: the safe side.

Adding a column leaves the contacts revision triggers (0009) in place on both backends.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "contacts",
        sa.Column("kind_guessed", sa.Boolean, nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    op.drop_column("contacts", "kind_guessed")  # SQLite drops it in place: triggers stay
