"""Issue 13: possible duplicates among stored contacts, on SQLite and PostgreSQL (fixtures in
tests/fixtures/identity/, one quirk each).

The fixtures are stored record by record (as separate contacts, the way they would sit in a
database filled before identity needed agreeing evidence), then searched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from callwise.domain.contacts import prepare_contact
from callwise.domain.identity import KeyHolders, Profile, same_person, shared_among
from callwise.domain.model import Contact, Phone
from callwise.domain.names import NameAgreement
from callwise.interchange.csv_formats import read_google, read_linkedin, read_outlook
from callwise.interchange.records import ParsedRecord, RejectedRecord
from callwise.interchange.vcard import read_vcards
from callwise.services.app import App
from callwise.services.duplicates import (
    DuplicatePair,
    find_duplicates,
    name_book,
    shared_with_store,
)
from callwise.store import contacts as store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "identity"
MAIN = Phone("+13125550100", "work")
Reader = Callable[[Iterable[str]], Iterator[ParsedRecord | RejectedRecord]]


def _records(name: str, reader: Reader) -> list[Contact]:
    with (FIXTURES / name).open(encoding="utf-8-sig", newline="") as lines:
        parsed = list(reader(lines))
    assert all(isinstance(r, ParsedRecord) for r in parsed), parsed
    return [prepare_contact(r.contact, "US", strict=False) for r in parsed]  # type: ignore[union-attr]


def _store(app: App, *files: tuple[str, Reader]) -> dict[str, int]:
    """Insert every record of the files as its own contact; their ids by name and source."""
    ids: dict[str, int] = {}
    with app.transaction() as conn:
        for name, reader in files:
            records = _records(name, reader)
            for contact, new_id in zip(
                records, store.insert_contacts(conn, records, stamp=app.now), strict=True
            ):
                ids[f"{contact.name} ({name.split('.')[0].removeprefix('identity_')})"] = new_id
    return ids


def _pairs(found: list[DuplicatePair]) -> dict[frozenset[int], DuplicatePair]:
    return {frozenset({p.first.id or 0, p.second.id or 0}): p for p in found}


ALL_FILES: tuple[tuple[str, Reader], ...] = (
    ("identity_company_main_line.vcf", read_vcards),
    ("identity_family_landline.vcf", read_vcards),
    ("identity_role_email.vcf", read_vcards),
    ("identity_person.vcf", read_vcards),
    ("identity_person_google.csv", read_google),
    ("identity_person_outlook.csv", read_outlook),
    ("identity_person_linkedin.csv", read_linkedin),
)


def test_one_person_across_four_files_and_no_one_else(app: App) -> None:
    ids = _store(app, *ALL_FILES)
    found = _pairs(find_duplicates(app))

    def pair(a: str, b: str) -> DuplicatePair:
        return found[frozenset({ids[a], ids[b]})]

    william, bill = "William Hartley (person)", "Bill Hartley (person_google)"
    william_li = "William Hartley (person_linkedin)"
    katherine, kate = "Katherine Osei (person)", "Kate Osei (person_google)"
    katherine_li = "Katherine Osei (person_linkedin)"
    jon, j, jonathon = (
        "Jon Smith (person)",
        "J. Smith (person_outlook)",
        ("Jonathon Smith (person_linkedin)"),
    )
    expected = {
        frozenset({ids[a], ids[b]})
        for a, b in [
            (william, bill), (william, william_li), (bill, william_li),
            (katherine, kate), (katherine, katherine_li),
            (jon, j), (jon, jonathon), (j, jonathon),
        ]
    }  # fmt: skip
    assert set(found) == expected, {p.describe() for p in found.values()}
    assert pair(william, bill).evidence.names is NameAgreement.NICKNAME
    assert pair(william, bill).describe() == (
        "same phone, name (William/Bill, nickname), same organization"
    )
    assert pair(william, william_li).evidence.shared == ("email",)
    assert pair(katherine, kate).evidence.same_person
    assert pair(jon, j).evidence.names is NameAgreement.INITIAL
    assert pair(jon, j).describe() == ("same phone, name (Jon/J., initial), same organization")
    # Same name at the same organization without a shared key: a hint, not a merge.
    assert not pair(katherine, katherine_li).evidence.same_person
    assert pair(katherine, katherine_li).describe() == "same name and organization"
    scores = [p.evidence.score for p in find_duplicates(app)]
    assert scores == sorted(scores, reverse=True)


def test_colleagues_family_and_a_shared_mailbox_are_not_duplicates(app: App) -> None:
    _store(app, *ALL_FILES[:3])
    assert find_duplicates(app) == []


def test_shared_numbers_are_found_in_one_file() -> None:
    colleagues = _records("identity_company_main_line.vcf", read_vcards)
    family = _records("identity_family_landline.vcf", read_vcards)
    book = name_book()
    assert shared_among(map(Profile.of, colleagues), book) == frozenset({"phone:+13125550100"})
    assert shared_among(map(Profile.of, family), book) == frozenset({"phone:+18165550147"})
    assert (
        shared_among(map(Profile.of, _records("identity_person.vcf", read_vcards)), book)
        == frozenset()
    )


def test_the_limit_keeps_the_strongest(app: App) -> None:
    _store(app, *ALL_FILES)
    everything = find_duplicates(app)
    first_two = find_duplicates(app, limit=2)
    assert [p.as_dict() for p in first_two] == [p.as_dict() for p in everything[:2]]
    shape = first_two[0].as_dict()
    assert set(shape) == {
        "first", "second", "score", "shared", "keys", "names", "same_organization",
        "same_person", "evidence",
    }  # fmt: skip
    assert set(shape["first"]) == {"id", "name", "organization"}


def test_an_import_judges_shared_numbers_by_the_file_and_the_store(app: App) -> None:
    """What the importer asks before merging: is the number one person's, or a switchboard?"""
    ids = _store(app, ("identity_company_main_line.vcf", read_vcards))
    william = _records("identity_person.vcf", read_vcards)[0]
    with app.transaction() as conn:
        (william_id,) = store.insert_contacts(conn, [william], stamp=app.now)
    claire_again = Contact(given_name="Claire", family_name="Donovan", phones=(MAIN,))
    bill = _records("identity_person_google.csv", read_google)[0]
    with app.engine.connect() as conn:
        holders = KeyHolders.of(Profile.of(c) for c in (claire_again, bill))
        shared = shared_with_store(conn, holders)
        stored_claire = store.get_contact(conn, ids["Claire Donovan (company_main_line)"])
        stored_william = store.get_contact(conn, william_id)
    assert shared == frozenset({f"phone:{MAIN.number}"})
    assert stored_claire is not None and stored_william is not None
    book = name_book()
    assert same_person(stored_claire, claire_again, shared, book) is None
    evidence = same_person(stored_william, bill, shared, book)
    assert evidence is not None and evidence.names is NameAgreement.NICKNAME


def test_same_name_and_organization_is_found_however_it_is_written(app: App) -> None:
    """Name blocks fold case, accents and punctuation, and read a display name alone."""
    written = [
        Contact(given_name="Mary", family_name="St. John", organization="Zoë Labs"),
        Contact(given_name="MARY", family_name="St John", organization="ZOE LABS"),
        Contact(given_name="Marcus", family_name="St John", organization="Zoe Labs"),
        Contact(given_name="Ada", family_name="Byrne", organization="Zoë Labs"),
        Contact(display_name="Ada Byrne", organization="zoe labs"),
    ]
    with app.transaction() as conn:
        ids = store.insert_contacts(conn, written, stamp=app.now)
    found = _pairs(find_duplicates(app))
    assert set(found) == {frozenset(ids[:2]), frozenset(ids[3:])}
    assert all(p.describe() == "same name and organization" for p in found.values())
