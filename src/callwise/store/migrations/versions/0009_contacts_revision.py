"""A contacts revision (row 2 of data_revision), raised by database triggers whenever contacts,
their phones, emails or dates change, so an import tells a contact edit (match again) from an
unrelated write such as a setting or a call (write at once) (issue 11).

Logging a call only sets a contact's last_touch_at and cadence columns; those stay out of the
update trigger (the import re-reads them as it writes). A later migration that adds a column
to contacts, or rebuilds the table (SQLite's batch mode drops triggers), must recreate these.

Revision ID: 0009
Revises: 0006
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0006"
branch_labels = None
depends_on = None

ROW = 2  # data_revision row 1 is the data revision of every write
BUMP = f"UPDATE data_revision SET revision = revision + 1 WHERE id = {ROW}"
CONTACT_COLUMNS = (
    *("given_name", "family_name", "display_name", "nickname", "honorific", "kind"),
    *("address_form", "job_title", "organization", "department", "met_event", "met_date"),
    *("met_place", "met_circumstances", "met_introduced_by", "city", "region", "country"),
    *("time_zone", "availability", "gatekeeper_name", "gatekeeper_role", "gatekeeper_phone"),
    *("interests", "family_notes", "avoid_topics", "birth_month", "birth_day", "birth_year"),
    *("other_dates", "source", "connected_on", "linkedin_url", "cadence_days", "tags", "notes"),
    *("sort_name", "search_text", "linkedin_key", "name_key", "latitude", "longitude"),
    *("city_key", "created_at", "updated_at"),
)
CHILDREN = ("contact_phones", "contact_emails", "contact_dates")


def _events() -> list[tuple[str, str, str]]:
    """(trigger name suffix, event, table) for every change an import's matching depends on."""
    updated = f"UPDATE OF {', '.join(CONTACT_COLUMNS)}"
    found = [("ins", "INSERT", "contacts"), ("upd", updated, "contacts")]
    found.append(("del", "DELETE", "contacts"))
    for table in CHILDREN:
        found += [(f"{table}_{e[:3].lower()}", e, table) for e in ("INSERT", "UPDATE", "DELETE")]
    return found


def upgrade() -> None:
    op.execute(f"INSERT INTO data_revision (id, revision) VALUES ({ROW}, 0)")
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        op.execute(
            "CREATE FUNCTION callwise_bump_contacts_revision() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$ BEGIN {BUMP}; RETURN NULL; END $$"
        )
    for suffix, event, table in _events():
        name = f"contacts_revision_{suffix}"
        if postgres:  # once per statement: a bulk insert raises it once, not per row
            op.execute(
                f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH STATEMENT "
                "EXECUTE FUNCTION callwise_bump_contacts_revision()"
            )
        else:
            op.execute(f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN {BUMP}; END")


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for suffix, _event, table in _events():
        on = f" ON {table}" if postgres else ""
        op.execute(f"DROP TRIGGER contacts_revision_{suffix}{on}")
    if postgres:
        op.execute("DROP FUNCTION callwise_bump_contacts_revision()")
    op.execute(f"DELETE FROM data_revision WHERE id = {ROW}")
