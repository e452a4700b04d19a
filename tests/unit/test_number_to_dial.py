"""The number to dial, in one place (issue 12.3): the plan's entries, the today page and the
calendar all take the contact's first valid phone."""

from __future__ import annotations

from callwise.domain.model import Contact, Phone
from callwise.domain.phones import dial_uri, number_to_dial


def test_the_number_to_dial_is_the_first_valid_phone() -> None:
    """The plan, the today page and the calendar dial this one number."""
    contact = Contact(
        given_name="Ana",
        phones=(
            Phone("555 01", "work", valid=False),
            Phone("  ", "home"),
            Phone("+14045550169", "mobile"),
            Phone("+13125550100", "office"),
        ),
    )
    assert number_to_dial(contact) == "+14045550169"
    assert dial_uri(number_to_dial(contact)) == "tel:+1-404-555-0169"
    unusable = Contact(given_name="Bo", phones=(Phone("12", "work", valid=False),))
    assert number_to_dial(unusable) == "" and dial_uri("") == ""
    assert number_to_dial(Contact(given_name="Cy")) == ""
