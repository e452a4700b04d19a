"""Candidates for possible duplicates (issue 13), by indexed keys and one narrow scan.

Contacts that share a phone (`ix_contact_phones_number`), an email (`ix_contact_emails_folded`)
or a LinkedIn profile (`ix_contacts_linkedin_key`) come from grouped index reads; contacts
that may be one person without a shared key are found by name blocks over the name columns
of contacts with an organization (the caller blocks: it holds the nickname book).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from sqlalchemy import Connection, func, select

from callwise.store.tables import contact_emails, contact_phones, contacts


class NameRow(NamedTuple):
    """The name columns of one contact, for blocking by name and organization."""

    id: int
    given_name: str
    family_name: str
    display_name: str
    organization: str


def key_holder_ids(conn: Connection) -> set[int]:
    """Contacts holding a valid phone, an email or a LinkedIn profile another contact holds."""
    p, e, c = contact_phones.c, contact_emails.c, contacts.c
    numbers = (
        select(p.number).where(p.valid.is_(True)).group_by(p.number)
        .having(func.count(func.distinct(p.contact_id)) > 1)
    )  # fmt: skip
    addresses = (
        select(e.folded).where(e.folded != "").group_by(e.folded)
        .having(func.count(func.distinct(e.contact_id)) > 1)
    )  # fmt: skip
    profiles = (
        select(c.linkedin_key).where(c.linkedin_key != "").group_by(c.linkedin_key)
        .having(func.count() > 1)
    )  # fmt: skip
    found = set(conn.scalars(select(p.contact_id).where(p.number.in_(numbers))))
    found.update(conn.scalars(select(e.contact_id).where(e.folded.in_(addresses))))
    found.update(conn.scalars(select(c.id).where(c.linkedin_key.in_(profiles))))
    return found


def named_rows_with_organization(conn: Connection) -> Iterator[NameRow]:
    """Name columns of every contact that names an organization, streamed."""
    c = contacts.c
    query = select(c.id, c.given_name, c.family_name, c.display_name, c.organization).where(
        c.organization != ""
    )
    for row in conn.execution_options(yield_per=5000).execute(query):
        yield NameRow(*row)
