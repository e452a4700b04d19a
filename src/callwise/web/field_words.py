"""A contact's fields in the words a person reads (issue 15.5): the import preview, its
conflicts, the duplicates page and merge notes name `given_name` or `met.event` as "first
name" or "where you met", never by the key the code and the files use."""

from __future__ import annotations

import re

from callwise.domain.merging import label

FIELD_WORDS = {
    "given_name": "first name",
    "family_name": "last name",
    "display_name": "name shown",
    "honorific": "title",
    "kind": "relationship",
    "address_form": "how to address them",
    "job_title": "job title",
    "time_zone": "time zone",
    "availability": "hours they said suit them",
    "family_notes": "family",
    "avoid_topics": "topics to avoid",
    "other_dates": "other dates",
    "connected_on": "connected on",
    "linkedin_url": "LinkedIn profile",
    "cadence_days": "keep-in-touch days",
    "met": "how you met",
    "met.event": "where you met",
    "met.date": "when you met",
    "met.place": "place you met",
    "met.circumstances": "how you met",
    "met.introducer": "who introduced you",
    "gatekeeper": "assistant",
    "gatekeeper.name": "assistant's name",
    "gatekeeper.role": "assistant's role",
    "gatekeeper.phone": "assistant's number",
    "user_name": "your name",
    "user_phone": "your phone number",
    "home_zone": "your time zone",
}
# A field key before a colon, as merge notes and conflicts write it ("given_name: Bill").
_KEY = re.compile(r"\b([a-z]+(?:[_.][a-z]+)+)(?=: )")


def field_words(name: str) -> str:
    """`given_name` -> 'first name'; an unknown key loses its underscores and dots."""
    return FIELD_WORDS.get(name) or label(name)


def plain_fields(text: str) -> str:
    """'given_name: Bill' -> 'first name: Bill' (keys before a colon, as merges write them)."""
    return _KEY.sub(lambda m: field_words(m.group(1)), text)
