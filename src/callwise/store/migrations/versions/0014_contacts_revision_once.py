"""The contacts revision rises once per transaction on PostgreSQL (issue 11, measured).

Migration 0009's statement triggers run once per statement, but a driver's executemany sends
one INSERT per row, so a bulk write (an import, a restore, the synthetic demo) updated the one
revision row once per phone, email and date. Every update of a row leaves a new version of it
in the same transaction, and each next update walks them all: 100k synthetic contacts took
over 15 minutes of server CPU. One rise per transaction is all an import needs (it compares
the revision it read with the committed one), so the function now marks the transaction with
a local setting after its first update and skips the rest. A rollback, also to a savepoint,
undoes the mark with the update. SQLite's row triggers update the row in place; bulk writes
set them aside (store/db.py `one_contacts_bump`).

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

BUMP = "UPDATE data_revision SET revision = revision + 1 WHERE id = 2"
MARK = "callwise.contacts_revision_raised"
ONCE = (
    f"IF current_setting('{MARK}', true) IS DISTINCT FROM 'yes' THEN {BUMP}; "
    f"PERFORM set_config('{MARK}', 'yes', true); END IF;"
)


def _function(body: str) -> str:
    return (
        "CREATE OR REPLACE FUNCTION callwise_bump_contacts_revision() RETURNS trigger "
        f"LANGUAGE plpgsql AS $$ BEGIN {body} RETURN NULL; END $$"
    )


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_function(ONCE))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_function(f"{BUMP};"))
