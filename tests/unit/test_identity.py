"""Issue 13: two records are one person only on agreeing evidence (domain/identity.py)."""

from __future__ import annotations

import pytest
from nicknames import NickNamer

from callwise.domain.identity import (
    Profile,
    compare,
    find_duplicates,
    identity_keys,
    is_role_address,
    same_person,
    shared_among,
    worth_a_look,
)
from callwise.domain.model import Contact, Email, Phone
from callwise.domain.names import NameAgreement, NameBook, compare_names, person_name

# The real dataset, read from the package's own data (the service does the same, once).
BOOK = NameBook.from_pairs(
    (name, nick) for name, nicks in NickNamer.default_lookup().items() for nick in nicks
)
MAIN_LINE = "+13125550100"


def person(
    given: str,
    family: str = "",
    *,
    phones: tuple[str, ...] = (),
    emails: tuple[str, ...] = (),
    org: str = "",
    label: str = "mobile",
    linkedin: str = "",
) -> Contact:
    return Contact(
        given_name=given,
        family_name=family,
        organization=org,
        phones=tuple(Phone(n, label) for n in phones),
        emails=tuple(Email(e) for e in emails),
        linkedin_url=linkedin,
    )


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (("William", "Hartley"), ("Bill", "Hartley"), NameAgreement.NICKNAME),
        (("Kate", "Osei"), ("Katherine", "Osei"), NameAgreement.NICKNAME),
        (("J.", "Smith"), ("Jon", "Smith"), NameAgreement.INITIAL),
        (("Jonathon", "Smith"), ("Jonathan", "Smith"), NameAgreement.NICKNAME),  # dataset
        (("Micheal", "Smith"), ("Michael", "Smith"), NameAgreement.SIMILAR),
        (("Cristopher", "Smith"), ("Christopher", "Smith"), NameAgreement.SIMILAR),
        (("Zoë", "Müller"), ("ZOE", "Muller"), NameAgreement.EQUAL),
        (("", ""), ("Claire", "Donovan"), NameAgreement.ONE_UNNAMED),
        (("Bill", ""), ("William", "Hartley"), NameAgreement.NICKNAME),
        (("Claire", "Donovan"), ("Marcus", "Webb"), NameAgreement.DIFFER),
        (("Rosa", "Alvarez"), ("Miguel", "Alvarez"), NameAgreement.DIFFER),
        (("Daniel", "Roth"), ("Daniela", "Roth"), NameAgreement.DIFFER),
        (("Louis", "Roth"), ("Louise", "Roth"), NameAgreement.DIFFER),
        (("Anna", "Roth"), ("Anne", "Roth"), NameAgreement.DIFFER),
        (("Mario", "Roth"), ("Maria", "Roth"), NameAgreement.DIFFER),
        (("Stephan", "Roth"), ("Stephen", "Roth"), NameAgreement.SIMILAR),
        (("Daniel", "Roth"), ("Danile", "Roth"), NameAgreement.SIMILAR),
        (("Kristopher", "Roth"), ("Christophre", "Roth"), NameAgreement.DIFFER),
        (("Margaret", "Roth"), ("Margerat", "Roth"), NameAgreement.DIFFER),
        (("Chris", "Roth"), ("Tina", "Roth"), NameAgreement.DIFFER),  # both from Christina
        (("Anna", "Schmidt"), ("Anna", "Roth"), NameAgreement.DIFFER),
        (("J.", "Smith"), ("Mary", "Smith"), NameAgreement.DIFFER),
        (("J.", ""), ("Jon", "Smith"), NameAgreement.DIFFER),  # an initial alone says nothing
    ],
)
def test_names_agree_only_when_they_can_be_one_person(
    a: tuple[str, str], b: tuple[str, str], expected: NameAgreement
) -> None:
    first, second = person_name(person(*a)), person_name(person(*b))
    assert compare_names(first, second, BOOK) is expected
    assert compare_names(second, first, BOOK) is expected


def test_a_display_name_alone_is_split_into_given_and_family() -> None:
    name = person_name(Contact(display_name="Jane Q. Doe"))
    assert (name.given, name.family) == ("jane", "doe")
    assert person_name(Contact(display_name="Cher")) == person_name(person("cher"))


def test_a_shared_phone_and_a_nickname_is_one_person() -> None:
    william = person("William", "Hartley", phones=("+14155550162",), org="Lakeshore Analytics")
    bill = person("Bill", "Hartley", phones=("+14155550162",))
    evidence = same_person(william, bill, frozenset(), BOOK)
    assert evidence is not None
    assert evidence.shared == ("phone",)
    assert evidence.keys == ("phone:+14155550162",)
    assert evidence.names is NameAgreement.NICKNAME
    assert not evidence.same_org
    assert 0 < evidence.score <= 1


def test_different_names_on_one_number_or_email_are_two_people() -> None:
    rosa = person("Rosa", "Alvarez", phones=("+18165550147",), emails=("home@alvarez.example",))
    miguel = person("Miguel", "Alvarez", phones=("+18165550147",))
    assert same_person(rosa, miguel, frozenset(), BOOK) is None
    assert compare(rosa, miguel, frozenset(), BOOK).names is NameAgreement.DIFFER
    assert compare(rosa, miguel, frozenset(), BOOK).score == 0


def test_a_number_seen_with_several_names_is_shared_and_no_evidence() -> None:
    colleagues = [
        person("Claire", "Donovan", phones=(MAIN_LINE, "+13125550131"), org="Calder & Finch"),
        person("Marcus", "Webb", phones=(MAIN_LINE, "+13125550132"), org="Calder & Finch"),
        person("Priya", "Natarajan", phones=(MAIN_LINE, "+13125550133"), org="Calder & Finch"),
    ]
    shared = shared_among(map(Profile.of, colleagues), BOOK)
    assert shared == frozenset({f"phone:{MAIN_LINE}"})
    # Claire again, known only by the switchboard: the number says nothing...
    again = person("Claire", "Donovan", phones=(MAIN_LINE,))
    assert same_person(colleagues[0], again, shared, BOOK) is None
    # ...though with her organization the same name still makes a possible duplicate.
    at_firm = person("Claire", "Donovan", phones=(MAIN_LINE,), org="Calder & Finch")
    hint = worth_a_look(compare(colleagues[0], at_firm, shared, BOOK))
    assert hint is not None and not hint.same_person and hint.shared == ()


def test_agreeing_names_on_one_number_are_not_shared() -> None:
    records = [
        person("William", "Hartley", phones=("+14155550162",)),
        person("Bill", "Hartley", phones=("+14155550162",)),
        person("", "", phones=("+14155550162",)),
    ]
    assert shared_among(map(Profile.of, records), BOOK) == frozenset()


def test_a_number_labelled_main_is_never_evidence() -> None:
    a = person("Jon", "Smith", phones=("+16175550100",), label="main")
    b = person("Jon", "Smith", phones=("+16175550100",), label="main")
    assert identity_keys(a) == ()
    assert same_person(a, b, frozenset(), BOOK) is None


@pytest.mark.parametrize(
    ("address", "role"),
    [
        ("info@harborlogistics.example", True),
        ("Sales@Acme.example", True),
        ("office+kc@acme.example", True),
        ("reception@clinic.example", True),
        ("dana.whitfield@harborlogistics.example", False),
        ("infoman@acme.example", False),
    ],
)
def test_role_addresses(address: str, role: bool) -> None:
    assert is_role_address(address) is role


def test_a_role_address_is_never_evidence() -> None:
    dana = person("Dana", "Whitfield", emails=("info@harborlogistics.example",))
    dana_again = person("Dana", "Whitfield", emails=("info@harborlogistics.example",))
    assert same_person(dana, dana_again, frozenset(), BOOK) is None
    # A personal address beside it still counts.
    with_own = person("Dana", "Whitfield", emails=("info@h.example", "dana@h.example"))
    again = person("D.", "Whitfield", emails=("dana@h.example",))
    evidence = same_person(with_own, again, frozenset(), BOOK)
    assert evidence is not None and evidence.keys == ("email:dana@h.example",)


def test_a_linkedin_profile_is_evidence() -> None:
    a = person("Katherine", "Osei", linkedin="https://www.linkedin.com/in/katherineosei/")
    b = person("Kate", "Osei", linkedin="linkedin.com/in/KatherineOsei?trk=x")
    evidence = same_person(a, b, frozenset(), BOOK)
    assert evidence is not None and evidence.shared == ("linkedin",)


def test_more_agreeing_evidence_scores_higher() -> None:
    a = person("Jon", "Smith", phones=("+16175550143",), emails=("j@c.example",), org="C")
    both = person("Jon", "Smith", phones=("+16175550143",), emails=("j@c.example",), org="C")
    phone_only = person("J.", "Smith", phones=("+16175550143",))
    strong = same_person(a, both, frozenset(), BOOK)
    weak = same_person(a, phone_only, frozenset(), BOOK)
    assert strong is not None and weak is not None
    assert strong.shared == ("phone", "email") and strong.same_org
    assert strong.score > weak.score


def test_find_duplicates_within_one_set_of_records() -> None:
    records = [
        person("Claire", "Donovan", phones=(MAIN_LINE,), org="Calder & Finch"),
        person("Marcus", "Webb", phones=(MAIN_LINE,), org="Calder & Finch"),
        person("William", "Hartley", emails=("wh@l.example",), org="Lakeshore"),
        person("Bill", "Hartley", emails=("wh@l.example",)),
        person("Bill", "Hartley", org="Lakeshore"),
    ]
    found = find_duplicates(records, BOOK)
    pairs = {(d.first, d.second): d.evidence for d in found}
    assert set(pairs) == {(2, 3), (2, 4)}
    assert pairs[(2, 3)].same_person
    assert not pairs[(2, 4)].same_person and pairs[(2, 4)].same_org
    assert [(d.first, d.second) for d in found] == [(2, 3), (2, 4)]  # strongest first
