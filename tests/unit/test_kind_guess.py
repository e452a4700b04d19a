"""The relationship an imported card gets, from what it shows (domain/kind_guess, P2.5, P2.6)."""

from __future__ import annotations

import pytest

from callwise.domain.kind_guess import (
    PROFESSIONAL_HONORIFICS,
    guess_kind,
    is_professional_honorific,
    summarise_guesses,
)
from callwise.domain.model import AddressForm, Contact, Email, Phone, RelationshipKind
from callwise.domain.scripts.words import address_name

BUSINESS, PERSONAL = RelationshipKind.BUSINESS, RelationshipKind.PERSONAL
JANE = Contact(given_name="Jane", family_name="Okafor")


@pytest.mark.parametrize(
    ("changes", "evidence"),
    [
        ({"job_title": "Director"}, "job title"),
        ({"organization": "Acme"}, "company"),
        ({"phones": (Phone("+18165550190", "work"),)}, "work number"),
        ({"emails": (Email("jane@acme.example", "work"),)}, "work email"),
        ({"honorific": "Dr."}, "professional title"),
        ({"source": "linkedin"}, "LinkedIn connection"),
    ],
)
def test_each_kind_of_evidence_makes_a_business_contact(
    changes: dict[str, object], evidence: str
) -> None:
    guess = guess_kind(JANE.with_changes(**changes))
    assert guess.kind is BUSINESS
    assert guess.evidence == (evidence,) and guess.guessed_business


def test_a_card_without_evidence_stays_personal() -> None:
    card = JANE.with_changes(
        honorific="Mr.",
        phones=(Phone("+18165550190", "mobile"), Phone("+18165550191", "home")),
        emails=(Email("jane@example.com", "home"), Email("j@example.com", "")),
        city="Kansas City",
        notes="Met at the school fair",
    )
    guess = guess_kind(card)
    assert guess.kind is PERSONAL and guess.evidence == () and not guess.guessed_business


@pytest.mark.parametrize("stated", list(RelationshipKind))
def test_a_kind_the_file_states_always_wins(stated: RelationshipKind) -> None:
    card = JANE.with_changes(honorific="Dr.", job_title="CEO", organization="Acme")
    guess = guess_kind(card, stated)
    assert guess.kind is stated and guess.evidence == () and not guess.guessed_business


def test_evidence_is_listed_in_one_order_and_summarised_in_plain_words() -> None:
    card = JANE.with_changes(
        honorific="Prof.", organization="Acme", job_title="CTO", phones=(Phone("+1", "work"),)
    )
    assert guess_kind(card).reason == "job title, company, work number, professional title"
    summary = summarise_guesses([("company",), ("job title", "company"), ("work number",)])
    assert summary.count == 3
    assert summary.words == "job title, company or work number"
    assert summarise_guesses([]).count == 0


@pytest.mark.parametrize(
    "honorific", ["Dr.", "dr", "DR.", "Prof. Dr.", "The Hon.", "Judge", "Rev.", "Rabbi"]
)
def test_professional_titles_are_read_however_written(honorific: str) -> None:
    assert is_professional_honorific(honorific)


@pytest.mark.parametrize("honorific", ["", "Mr.", "Mrs", "Ms.", "Miss", "Mx.", "Sir", "Dame"])
def test_social_titles_say_nothing(honorific: str) -> None:
    assert not is_professional_honorific(honorific)
    assert not PROFESSIONAL_HONORIFICS & {honorific.casefold().rstrip(".")}


def test_a_doctor_guessed_business_is_addressed_by_title_and_surname() -> None:
    """P2.6: the script calls Dr. Okafor 'Dr. Okafor', not 'Jane'."""
    card = JANE.with_changes(honorific="Dr.")
    guessed = card.with_changes(kind=guess_kind(card).kind)
    assert guessed.effective_address_form is AddressForm.FORMAL
    assert address_name(guessed) == "Dr. Okafor"
    assert address_name(card) == "Jane"  # as every import made her before
