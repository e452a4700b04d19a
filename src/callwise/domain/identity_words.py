"""Why two records were taken for one person, or kept apart, in words for an import report
(issue 13): "same email and name", "same phone; Bill is a nickname of William"."""

from __future__ import annotations

from callwise.domain.identity import Evidence
from callwise.domain.model import Contact
from callwise.domain.names import NameAgreement
from callwise.domain.text import fold

KIND_WORDS = {"phone": "phone", "email": "email", "linkedin": "LinkedIn profile", "name": "name"}


def given_of(contact: Contact) -> str:
    """The given name as written, else the first word of the name."""
    words = contact.name.split()
    return contact.given_name.strip() or (words[0] if words else "")


def _names_clause(a: Contact, b: Contact, names: NameAgreement) -> str:
    x, y = given_of(a), given_of(b)
    short, long_ = sorted((x, y), key=len)
    if names is NameAgreement.NICKNAME:
        return f"{short} is a nickname of {long_}"
    if names is NameAgreement.SIMILAR:
        return f"{x} and {y} are spelt nearly alike"
    if names is NameAgreement.INITIAL:
        return f"{short} is the initial of {long_}"
    if names is NameAgreement.ONE_UNNAMED:
        return "one of them has no name"
    return "same name"


def kinds_words(kinds: tuple[str, ...]) -> str:
    """`phone and email`."""
    return " and ".join(KIND_WORDS.get(k, k) for k in kinds)


def evidence_words(stored: Contact, incoming: Contact, evidence: Evidence) -> str:
    """`same email and name`; `same phone; Bill is a nickname of William`."""
    kinds = kinds_words(evidence.shared)
    if evidence.names is NameAgreement.EQUAL:
        return f"same {kinds} and name"
    return f"same {kinds}; {_names_clause(stored, incoming, evidence.names)}"


def name_only_words(stored: Contact, incoming: Contact, common_kinds: tuple[str, ...]) -> str:
    """Why a record joined a contact of the same name without agreeing evidence."""
    org = fold(incoming.organization)
    if org and org == fold(stored.organization):
        return "same name and organization"
    if common_kinds:
        return f"same name and a {kinds_words(common_kinds)} several people use"
    return "same name, and nothing else to go by"


def already_held_words() -> str:
    """Why a card that shares only a number or address several people use joined a contact."""
    return "a contact of the same name already holds everything on this card"


def first_name_words() -> str:
    """Why a record joined a contact of the same first name at its organization, one of the
    two without a family name."""
    return "same first name and organization, one without a family name"


def key_words(key: str) -> str:
    """`phone:+13125550100` -> `phone +13125550100`."""
    kind, _, value = key.partition(":")
    return f"{KIND_WORDS.get(kind, kind)} {value}"


def apart_words(key: str, stored: Contact, incoming: Contact, *, why: str) -> str:
    """Why a record that shares `key` with a contact was kept apart from it: `why` is
    `shared` (several people use it), `main` (a main line or a role address) or `names`."""
    if why == "shared":
        return f"{key_words(key)} is used by several people"
    if why == "main":
        kind = "a main line" if key.startswith("phone:") else "a role address"
        return f"{key_words(key)} is {kind}, not one person's"
    return f"same {key_words(key)}, but the names differ ({stored.name} / {incoming.name})"
