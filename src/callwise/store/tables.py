"""The tables. Lists of plain strings are JSON text; phones and emails get their own rows
so duplicates can be found by index (E.164 number, folded address)."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
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
    Column("kind_guessed", Boolean, nullable=False, default=False),  # 0013: only guessed
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
    Column("given_key", String(700), nullable=False, default=""),
    Column("last_touch_at", DateTime(timezone=True)),
    Column("cadence_anchor", Date),
    Column("cadence_due", Date),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("city_key", String(200), nullable=False, default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_contacts_sort_name", "sort_name"),
    Index("ix_contacts_birthday", "birth_month", "birth_day"),
    Index("ix_contacts_connected_on", "connected_on"),
    Index("ix_contacts_linkedin_url", "linkedin_url"),
    Index("ix_contacts_linkedin_key", "linkedin_key"),
    Index("ix_contacts_name_key", "name_key"),
    Index("ix_contacts_given_key", "given_key"),
    Index("ix_contacts_cadence_due", "cadence_due"),
    Index("ix_contacts_kind_anchor", "kind", "cadence_anchor", "cadence_days"),
    Index("ix_contacts_latitude", "latitude"),
    Index("ix_contacts_city_key", "city_key"),
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

calls = Table(
    "calls",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("outcome", String(20), nullable=False),
    Column("occasion", String(30), nullable=False, default=""),
    Column("duration_seconds", Integer),
    Column("notes", Text, nullable=False, default=""),
    Column("topics", Text, nullable=False, default="[]"),
    Column("follow_up", Date),
    Column("call_back_at", DateTime(timezone=True)),
    Column("agent_name", Text, nullable=False, default=""),
    Column("reference", Text, nullable=False, default=""),
    Column("recap", Text, nullable=False, default=""),
    Index("ix_calls_contact_at", "contact_id", "at"),
    Index("ix_calls_at", "at"),
    Index("ix_calls_at_outcome", "at", "outcome"),
    Index("ix_calls_follow_up", "follow_up"),
    Index("ix_calls_call_back_at", "call_back_at"),
)

promises = Table(
    "promises",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("call_id", Integer, ForeignKey("calls.id", ondelete="CASCADE"), nullable=False),
    Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("due", Date),
    Column("done", Boolean, nullable=False, default=False),
    Index("ix_promises_due", "due"),
    Index("ix_promises_contact", "contact_id"),
)

trips = Table(
    "trips",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("city", String(200), nullable=False),
    Column("region", String(200), nullable=False, default=""),
    Column("country", String(2), nullable=False, default=""),
    Column("start", Date, nullable=False),
    Column("end", Date, nullable=False),
    Column("notes", Text, nullable=False, default=""),
    Column("latitude", Float),
    Column("longitude", Float),
    Index("ix_trips_end", "end"),
)

snoozes = Table(
    "snoozes",
    metadata,
    Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True),
    Column("until", Date, nullable=False),
    Column("reason", Text, nullable=False, default=""),
)

custom_occasions = Table(
    "custom_occasions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), nullable=False),
    Column("label", String(200), nullable=False),
    Column("rrule", Text, nullable=False),
    Column("start", Date, nullable=False),
    Column("needs_answer", Boolean, nullable=False, default=False),
    Index("ix_custom_occasions_contact", "contact_id"),
)

contact_dates = Table(
    "contact_dates",
    metadata,
    Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), nullable=False),
    Column("label", String(200), nullable=False),
    Column("month", Integer, nullable=False),
    Column("day", Integer, nullable=False),
    Column("year", Integer),
    Index("ix_contact_dates_day", "month", "day"),
    Index("ix_contact_dates_contact", "contact_id"),
)

# One row (id 1): a counter every write transaction raises, so every process can tell by one
# indexed read whether what it computed earlier still holds (services/cache.py).
data_revision = Table(
    "data_revision",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("revision", Integer, nullable=False),
)

# Pairs the user said are two people (issue 13): never proposed as duplicates again.
# Written first_id < second_id, so a pair has one row whichever way it was given.
not_duplicates = Table(
    "not_duplicates",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("first_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), nullable=False),
    Column("second_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), nullable=False),
    Column("decided_at", DateTime(timezone=True), nullable=False),
    Index("ix_not_duplicates_pair", "first_id", "second_id", unique=True),
    Index("ix_not_duplicates_second", "second_id"),
)

# One row per merge (issue 13), so it can be undone: the contact kept, the other contact as
# it was with the ids of the rows that moved (JSON), and the kept contact's values before.
# keep_id has no foreign key: the record outlives a later merge of the kept contact into a
# third one, and serves again once that one is undone.
merges = Table(
    "merges",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("keep_id", Integer, nullable=False),
    Column("other", Text, nullable=False),
    Column("keep_before", Text, nullable=False),
    Column("merged_at", DateTime(timezone=True), nullable=False),
    Index("ix_merges_keep", "keep_id", "id"),
)

# The REST API's idempotency keys (issue 15, services/idempotency.py): one row per key of an
# owner, the request it was first used for, and its answer (NULL while that request runs).
idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("owner", String(100), nullable=False),
    Column("key", String(255), nullable=False),
    Column("request", String(1100), nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("status", Integer),
    Column("body", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_idempotency_keys_owner_key", "owner", "key", unique=True),
    Index("ix_idempotency_keys_created", "created_at"),
)
