"""What is missing before a call, said first (issue 14; P1.1, P3.1, P3.2).

A script, the guided call and Today's card open with these lines, so the caller learns that
there is no number to dial, or that the "local time" shown is only their own clock, before
reading anything that depends on it.

Decisions:
- No valid phone number: one line, with the fix (add one to the contact).
- No known zone (no stated zone, no place and no number that tells one): the time shown is
  the caller's own clock, so nothing may call it a good time where they are (P3.2).
- A zone guessed among several (a wide phone prefix, no city): the time may be off; adding
  their city settles it.
"""

from __future__ import annotations

from callwise.domain.model import Contact
from callwise.domain.phones import number_to_dial
from callwise.domain.zones import Location


def zone_unknown(location: Location) -> bool:
    """Whether nothing told us their zone, so their clock is shown as the caller's."""
    return location.source == "unknown"


def _place_words(contact: Contact) -> str:
    return ", ".join(part for part in (contact.city, contact.region, contact.country) if part)


def _zone_line(contact: Contact, location: Location) -> str:
    place = _place_words(contact)
    if zone_unknown(location):
        if place:
            return (
                f"Their time zone is unknown: {place} names no place callwise can place on "
                "a clock. The time shown is yours, not theirs; add their country or their "
                "time zone to the contact."
            )
        return (
            "Their place and time zone are unknown (no city, country or number that tells): "
            "the time shown is yours, not theirs. Add their city and country to the contact."
        )
    if location.ambiguous and not place:
        return (
            "Their time zone is a guess from the phone number (several zones share it): "
            "add their city to the contact to be sure."
        )
    return ""


def missing_before_call(contact: Contact, location: Location) -> tuple[str, ...]:
    """The lines a caller must read before anything else (see the module's decisions)."""
    found = []
    if not number_to_dial(contact):
        found.append("No phone number to call: add one to the contact before you call.")
    zone = _zone_line(contact, location)
    if zone:
        found.append(zone)
    return tuple(found)
