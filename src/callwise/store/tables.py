"""The tables. Lists of plain strings are JSON text; phones and emails get their own rows
so duplicates can be found by index (E.164 number, folded address)."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

contacts = Table(
    "contacts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("given_name", String(200), nullable=False, default=""),
    Column("family_name", String(200), nullable=False, default=""),
    Column("display_name", String(300), nullable=False, default=""),
    Column("nickname", String(200), nullable=False, default=""),
    Column("honorific", String(50), nullable=False, default=""),
    Column("kind", String(20), nullable=False),
    Column("address_form", String(20)),
    Column("job_title", String(300), nullable=False, default=""),
    Column("organization", String(300), nullable=False, default=""),
    Column("department", String(300), nullable=False, default=""),
    Column("met_event", Text, nullable=False, default=""),
    Column("met_date", Date),
    Column("met_place", Text, nullable=False, default=""),
    Column("met_circumstances", Text, nullable=False, default=""),
    Column("met_introduced_by", Integer, ForeignKey("contacts.id", ondelete="SET NULL")),
    Column("city", String(200), nullable=False, default=""),
    Column("region", String(200), nullable=False, default=""),
    Column("country", String(2), nullable=False, default=""),
    Column("time_zone", String(64), nullable=False, default=""),
    Column("availability", Text, nullable=False, default=""),
    Column("gatekeeper_name", String(200)),
    Column("gatekeeper_role", String(50)),
    Column("gatekeeper_phone", String(64)),
    Column("interests", Text, nullable=False, default="[]"),
    Column("family_notes", Text, nullable=False, default=""),
    Column("avoid_topics", Text, nullable=False, default="[]"),
    Column("birth_month", Integer),
    Column("birth_day", Integer),
    Column("birth_year", Integer),
    Column("other_dates", Text, nullable=False, default="[]"),
    Column("source", String(50), nullable=False, default=""),
    Column("connected_on", Date),
    Column("linkedin_url", String(500), nullable=False, default=""),
    Column("cadence_days", Integer),
    Column("tags", Text, nullable=False, default="[]"),
    Column("notes", Text, nullable=False, default=""),
    Column("sort_name", String(300), nullable=False, default=""),
    Column("search_text", Text, nullable=False, default=""),
    Column("linkedin_key", String(500), nullable=False, default=""),
    Column("name_key", String(700), nullable=False, default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_contacts_sort_name", "sort_name"),
    Index("ix_contacts_birthday", "birth_month", "birth_day"),
    Index("ix_contacts_connected_on", "connected_on"),
    Index("ix_contacts_linkedin_url", "linkedin_url"),
    Index("ix_contacts_linkedin_key", "linkedin_key"),
    Index("ix_contacts_name_key", "name_key"),
)

contact_phones = Table(
    "contact_phones",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("number", String(64), nullable=False),
    Column("label", String(50), nullable=False, default="mobile"),
    Column("valid", Boolean, nullable=False, default=True),
    Index("ix_contact_phones_number", "number"),
    Index("ix_contact_phones_contact", "contact_id"),
)

contact_emails = Table(
    "contact_emails",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("address", String(320), nullable=False),
    Column("folded", String(320), nullable=False),
    Column("label", String(50), nullable=False, default=""),
    Index("ix_contact_emails_folded", "folded"),
    Index("ix_contact_emails_contact", "contact_id"),
)

settings = Table(
    "settings",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)
