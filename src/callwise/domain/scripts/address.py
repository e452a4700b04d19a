"""The names a script says: how to address the contact, whom to ask for, who you are and the
number you give (P2.1, P2.6, P2.7). The first turn uses the address form; later turns a short
form or none, so the full name is not said at every turn."""

from __future__ import annotations

from typing import Any

from callwise.domain.model import AddressForm
from callwise.domain.scripts.request import ScriptRequest
from callwise.domain.scripts.words import (
    address_name,
    caller_name,
    formal_name,
    is_titled,
    name_again,
    name_order,
    person_again,
)
from callwise.domain.spoken import listener_country, spoken_number


def name_context(request: ScriptRequest) -> dict[str, Any]:
    c, form = request.contact, request.contact.effective_address_form
    formal = formal_name(c)
    target = formal or (f"someone in {c.department.strip()}" if c.department.strip() else "")
    return {
        "formal": form is AddressForm.FORMAL,
        "titled": is_titled(c),
        "name": address_name(c),
        "name_again": name_again(c),  # a later turn: a short form or none (issue 14)
        "formal_name": formal,
        "full_name": c.name,
        "target": target or "someone who can help me",
        "target_again": person_again(c) if formal else "them",
        "me": caller_name(request.user.name, form),
        "my_full_name": " ".join(request.user.name.split()),
        "my_number": spoken_number(request.user.phone, listener_country(c)),
        **name_order(c),
    }
