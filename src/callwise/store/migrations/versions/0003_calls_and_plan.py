"""The call log and promises, trips, snoozes, custom occasions, and the plan's indexed columns.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _contact_fk() -> sa.Column[int]:
    return sa.Column(
        "contact_id", sa.Integer, sa.ForeignKey("contacts.id", ondelete="CASCADE"), nullable=False
    )


def _text(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.Text, nullable=False, server_default="")


def upgrade() -> None:
    op.create_table(
        "calls",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _contact_fk(),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("occasion", sa.String(30), nullable=False, server_default=""),
        sa.Column("duration_seconds", sa.Integer),
        _text("notes"),
        sa.Column("topics", sa.Text, nullable=False, server_default="[]"),
        sa.Column("follow_up", sa.Date),
        sa.Column("call_back_at", sa.DateTime(timezone=True)),
        _text("agent_name"),
        _text("reference"),
        _text("recap"),
    )
    op.create_index("ix_calls_contact_at", "calls", ["contact_id", "at"])
    op.create_index("ix_calls_at", "calls", ["at"])
    op.create_index("ix_calls_follow_up", "calls", ["follow_up"])
    op.create_table(
        "promises",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "call_id", sa.Integer, sa.ForeignKey("calls.id", ondelete="CASCADE"), nullable=False
        ),
        _contact_fk(),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("due", sa.Date),
        sa.Column("done", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_promises_due", "promises", ["due"])
    op.create_index("ix_promises_contact", "promises", ["contact_id"])
    op.create_table(
        "trips",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("city", sa.String(200), nullable=False),
        sa.Column("region", sa.String(200), nullable=False, server_default=""),
        sa.Column("country", sa.String(2), nullable=False, server_default=""),
        sa.Column("start", sa.Date, nullable=False),
        sa.Column("end", sa.Date, nullable=False),
        _text("notes"),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
    )
    op.create_index("ix_trips_end", "trips", ["end"])
    op.create_table(
        "snoozes",
        sa.Column(
            "contact_id",
            sa.Integer,
            sa.ForeignKey("contacts.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("until", sa.Date, nullable=False),
        _text("reason"),
    )
    op.create_table(
        "custom_occasions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _contact_fk(),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("rrule", sa.Text, nullable=False),
        sa.Column("start", sa.Date, nullable=False),
        sa.Column("needs_answer", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_custom_occasions_contact", "custom_occasions", ["contact_id"])
    op.create_table(
        "contact_dates",
        _contact_fk(),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("month", sa.Integer, nullable=False),
        sa.Column("day", sa.Integer, nullable=False),
        sa.Column("year", sa.Integer),
    )
    op.create_index("ix_contact_dates_day", "contact_dates", ["month", "day"])
    op.create_index("ix_contact_dates_contact", "contact_dates", ["contact_id"])
    with op.batch_alter_table("contacts") as batch:
        batch.add_column(sa.Column("last_touch_at", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("cadence_anchor", sa.Date))
        batch.add_column(sa.Column("cadence_due", sa.Date))
        batch.add_column(sa.Column("latitude", sa.Float))
        batch.add_column(sa.Column("longitude", sa.Float))
        batch.add_column(sa.Column("city_key", sa.String(200), nullable=False, server_default=""))
    op.create_index("ix_contacts_cadence_due", "contacts", ["cadence_due"])
    op.create_index("ix_contacts_kind_anchor", "contacts", ["kind", "cadence_anchor"])
    op.create_index("ix_contacts_latitude", "contacts", ["latitude"])
    op.create_index("ix_contacts_city_key", "contacts", ["city_key"])
    _backfill()


def _backfill() -> None:
    """The new columns and dates of contacts stored before this revision (same rules as the
    store: `callwise.store.contacts.plan_columns`)."""
    import json

    from callwise.store.contacts import plan_columns

    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT id, city, region, country, created_at, cadence_days, other_dates FROM contacts"
        )
    ).all()
    for row in rows:
        created = row.created_at
        if isinstance(created, str):
            created = dt.datetime.fromisoformat(created)
        values = plan_columns(row.city, row.region, row.country, created, None, row.cadence_days)
        conn.execute(
            sa.text(
                "UPDATE contacts SET city_key = :city_key, latitude = :latitude, "
                "longitude = :longitude, cadence_anchor = :cadence_anchor, "
                "cadence_due = :cadence_due WHERE id = :id"
            ),
            {**values, "id": row.id},
        )
        for label, iso in json.loads(row.other_dates or "[]"):
            parts = iso.lstrip("-").split("-")
            year = int(parts[0]) if len(parts) == 3 else None
            month, day = int(parts[-2]), int(parts[-1])
            conn.execute(
                sa.text(
                    "INSERT INTO contact_dates (contact_id, label, month, day, year) "
                    "VALUES (:c, :l, :m, :d, :y)"
                ),
                {"c": row.id, "l": label, "m": month, "d": day, "y": year},
            )


def downgrade() -> None:
    for index in (
        "ix_contacts_city_key",
        "ix_contacts_latitude",
        "ix_contacts_kind_anchor",
        "ix_contacts_cadence_due",
    ):
        op.drop_index(index, "contacts")
    with op.batch_alter_table("contacts") as batch:
        for column in (
            "city_key",
            "longitude",
            "latitude",
            "cadence_due",
            "cadence_anchor",
            "last_touch_at",
        ):
            batch.drop_column(column)
    for table in ("contact_dates", "custom_occasions", "snoozes", "trips", "promises", "calls"):
        op.drop_table(table)
