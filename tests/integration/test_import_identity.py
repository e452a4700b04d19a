"""Who is who on import (issue 13): a record joins a contact only on agreeing evidence; a
number several people use never merges them (SQLite and PostgreSQL)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from callwise.domain.model import Contact, Email, Phone
from callwise.interchange.vcard import write_vcards
from callwise.services import backup, contacts, exporter, importer
from callwise.services.app import App, open_app
from conftest import NOW

IDENTITY = Path(__file__).parent.parent / "fixtures" / "identity"


def _people(app: App) -> dict[str, Contact]:
    return {c.name: c for c in contacts.list_contacts(app, limit=1000).contacts}


def test_a_company_main_line_on_three_cards_is_three_people(app: App) -> None:
    report = importer.import_file(app, IDENTITY / "identity_company_main_line.vcf")
    people = _people(app)
    assert sorted(people) == ["Claire Donovan", "Marcus Webb", "Priya Natarajan"]
    assert all("Also:" not in c.notes for c in people.values())
    assert report.merged == [] and len(report.added) == 3
    apart = {(k.line, k.other.line) for k in report.kept_apart}
    assert len(apart) == 2 and all("used by several people" in k.reason for k in report.kept_apart)
    again = importer.import_file(app, IDENTITY / "identity_company_main_line.vcf")
    assert (again.added, again.merged, again.unchanged) == ([], [], 3)
    assert len(_people(app)) == 3


def test_a_family_landline_keeps_two_people(app: App) -> None:
    importer.import_file(app, IDENTITY / "identity_family_landline.vcf")
    people = _people(app)
    assert sorted(people) == ["Miguel Alvarez", "Rosa Alvarez"]
    assert people["Rosa Alvarez"].notes == "Neighbour from Brookside."
    assert "+18165550147" in {p.number for p in people["Miguel Alvarez"].phones}


def test_role_addresses_keep_colleagues_apart(app: App) -> None:
    report = importer.import_file(app, IDENTITY / "identity_role_email.vcf")
    assert sorted(_people(app)) == ["Dana Whitfield", "Omar Haddad"]
    assert report.kept_apart and "role address" in report.kept_apart[0].reason


def test_one_person_across_four_exports_is_one_contact_each(app: App) -> None:
    for name in (
        "identity_person.vcf",
        "identity_person_google.csv",
        "identity_person_linkedin.csv",
        "identity_person_outlook.csv",
    ):
        importer.import_file(app, IDENTITY / name)
    people = _people(app)
    # William/Bill Hartley, Katherine/Kate Osei, Jon/J./Jonathon Smith, and Ana Ruiz (who
    # shares only Copperline's main number with J. Smith).
    assert sorted(people) == ["Ana Ruiz", "Jon Smith", "Katherine Osei", "William Hartley"]
    william = people["William Hartley"]
    assert "bill@hartley.example" in {e.address for e in william.emails}
    assert william.linkedin_url.endswith("william-hartley-41a")
    jon = people["Jon Smith"]
    assert "jon.smith@gmail.example" in {e.address for e in jon.emails}
    assert "Ruiz" not in jon.notes and "Smith" not in people["Ana Ruiz"].notes


def test_merges_say_whom_they_matched_and_why(app: App) -> None:
    importer.import_file(app, IDENTITY / "identity_person.vcf")
    report = importer.import_file(app, IDENTITY / "identity_person_google.csv")
    bill = next(m for m in report.merged if m.incoming == "Bill Hartley")
    assert bill.name == "William Hartley" and bill.contact_id is not None
    assert bill.reason == "same phone; Bill is a nickname of William"
    kate = next(m for m in report.merged if m.incoming == "Kate Osei")
    assert kate.reason == "same email; Kate is a nickname of Katherine"
    shape = report.as_dict()
    merge = next(m for m in shape["merges"] if m["incoming_name"] == "Bill Hartley")
    assert merge["basis"] == {
        "shared": ["phone"],
        "keys": ["phone:+14155550162"],
        "names": "nickname",
    }
    assert {"field": "name", "stored": "William Hartley", "incoming": "Bill Hartley"} in merge[
        "compared"
    ]
    linkedin = importer.import_file(app, IDENTITY / "identity_person_linkedin.csv")
    william = next(m for m in linkedin.merged if m.incoming == "William Hartley")
    assert william.reason == "same email and name"


def test_separate_lines_import_as_new_people(app: App) -> None:
    importer.import_file(app, IDENTITY / "identity_person.vcf")
    preview = importer.import_file(app, IDENTITY / "identity_person_google.csv", dry_run=True)
    line = next(m.line for m in preview.merged if m.incoming == "Bill Hartley")
    report = importer.import_file(
        app, IDENTITY / "identity_person_google.csv", separate_lines=[line]
    )
    assert (line, "Bill Hartley") in report.added
    assert report.as_dict()["separate_lines"] == [line]
    assert "Bill Hartley" in _people(app) and "William Hartley" in _people(app)


def _callwise_google_csv(app: App, tmp_path: Path) -> Path:
    exported = tmp_path / "google.csv"
    with exported.open("w", encoding="utf-8", newline="") as out:
        exporter.write_export(app, "csv", out)
    return exported


def test_exported_google_csv_of_two_people_sharing_a_number_round_trips(
    app: App, tmp_path: Path
) -> None:
    landline = Phone("+12065550190", "home")
    contacts.save_contact(
        app,
        Contact(
            given_name="Hana",
            family_name="Sato",
            phones=(landline, Phone("+12065550191", "mobile")),
            tags=("family",),
            notes="Hana's notes",
        ),
    )
    contacts.save_contact(
        app,
        Contact(
            given_name="Kenji",
            family_name="Sato",
            phones=(landline,),
            emails=(Email("kenji@example.org"),),
            tags=("golf",),
            notes="Kenji's notes",
        ),
        force=True,
    )
    exported = _callwise_google_csv(app, tmp_path)
    target = open_app(f"sqlite:///{tmp_path / 'copy.db'}", NOW)
    importer.import_file(target, exported)
    people = _people(target)
    assert sorted(people) == ["Hana Sato", "Kenji Sato"]
    assert people["Hana Sato"].tags == ("family",) and people["Kenji Sato"].tags == ("golf",)
    assert "Kenji" not in people["Hana Sato"].notes and "Hana" not in people["Kenji Sato"].notes
    again = importer.import_file(app, exported)
    assert (again.added, again.merged) == ([], [])


def test_a_dry_run_says_the_real_run_is_refused(app: App, tmp_path: Path) -> None:
    bad = tmp_path / "bad.vcf"
    bad.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ok Person\nTEL:+1 206 555 0100\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nEND:VCARD\n",
        encoding="utf-8",
    )
    report = importer.import_file(app, bad, dry_run=True)
    assert report.rejected and "--skip-invalid" in report.refused
    assert report.as_dict()["refused"] == report.refused
    skipping = importer.import_file(app, bad, dry_run=True, skip_invalid=True)
    assert skipping.refused == "" and len(skipping.added) == 1


# A small pool of names, numbers and addresses, so generated files share keys often.
_GIVEN = ["William", "Bill", "Jon", "Jonathan", "Ana", "Anna", "Rosa", "Miguel", "J."]
_FAMILY = ["Hartley", "Smith", "Ruiz", ""]
_ORG = ["", "", "Copperline Software", "Calder & Finch LLP"]
_PHONES = ["+13125550100", "+13125550131", "+14155550162", "+16175550143"]
_EMAILS = ["info@copperline.example", "jon@example.org", "bill@example.org"]


@st.composite
def _records(draw: st.DrawFn) -> Contact:
    phones = draw(st.lists(st.sampled_from(_PHONES), max_size=2, unique=True))
    labels = ["main" if draw(st.booleans()) and i == 0 else "work" for i in range(len(phones))]
    return Contact(
        given_name=draw(st.sampled_from(_GIVEN)),
        family_name=draw(st.sampled_from(_FAMILY)),
        organization=draw(st.sampled_from(_ORG)),
        job_title=draw(st.sampled_from(["", "Partner", "Engineer"])),
        phones=tuple(Phone(n, label) for n, label in zip(phones, labels, strict=True)),
        emails=tuple(
            Email(a) for a in draw(st.lists(st.sampled_from(_EMAILS), max_size=2, unique=True))
        ),
        tags=tuple(draw(st.lists(st.sampled_from(["golf", "alumni"]), max_size=1))),
    )


def _dump(app: App) -> str:
    out = io.StringIO()
    backup.write_backup(app, out)
    return out.getvalue()


_LATE_FAMILY_NAME = [  # found by CI: the 4th card completes the 2nd's name, so the 2nd's own
    # name key no longer found it on the second import
    Contact(given_name="William", family_name="Hartley"),
    Contact(given_name="William", organization="Calder & Finch LLP"),
    Contact(
        given_name="William",
        organization="Calder & Finch LLP",
        phones=(Phone("+16175550143", "work"),),
    ),
    Contact(given_name="William", family_name="Hartley", phones=(Phone("+16175550143", "work"),)),
]


def test_a_first_name_at_an_organization_finds_the_contact_a_later_card_completed(
    app: App, tmp_path: Path
) -> None:
    path = tmp_path / "people.vcf"
    path.write_text("".join(write_vcards(_LATE_FAMILY_NAME)), encoding="utf-8")
    importer.import_file(app, path)
    people = contacts.list_contacts(app, limit=10).contacts
    assert sorted((c.name, c.organization) for c in people) == [
        ("William Hartley", ""),
        ("William Hartley", "Calder & Finch LLP"),
    ]
    again = importer.import_file(app, path)
    assert (again.added, again.merged, again.unchanged) == ([], [], 4)
    later = tmp_path / "first-name.vcf"
    later.write_text("".join(write_vcards([_LATE_FAMILY_NAME[1]])), encoding="utf-8")
    report = importer.import_file(app, later)
    assert report.added == [] and report.unchanged == 1


def test_a_card_completed_by_a_later_one_is_found_again_by_its_shared_numbers(
    app: App,
) -> None:
    # "Jonathan" joins the first card (same name, a main line), then "Jon Smith" completes
    # the name; on the second import "Jonathan" shares only a main line and a number Rosa
    # also uses with "Jonathan Smith", who already holds everything it says.
    path = IDENTITY / "identity_completed_later.vcf"
    importer.import_file(app, path)
    assert sorted(_people(app)) == ["Jonathan Smith", "Rosa Ruiz"]
    again = importer.import_file(app, path)
    assert (again.added, again.merged, again.unchanged) == ([], [], 4)
    assert sorted(_people(app)) == ["Jonathan Smith", "Rosa Ruiz"]


@pytest.mark.parametrize(
    "name", ["identity_completed_later.vcf", "identity_number_shared_later.vcf"]
)
def test_files_hypothesis_found_import_twice_without_change(app: App, name: str) -> None:
    # The second file: a work number is evidence inside the file, but once its holders are
    # stored under completed names (Jon Smith, Jonathan Ruiz) it is shared; "Jonathan" at
    # Calder & Finch must still find the contact that already holds all it says.
    importer.import_file(app, IDENTITY / name)
    before = _dump(app)
    again = importer.import_file(app, IDENTITY / name)
    assert (again.added, again.merged, again.conflicts) == ([], [], [])
    assert _dump(app) == before


def test_two_family_names_at_one_organization_stay_two_people(app: App, tmp_path: Path) -> None:
    path = tmp_path / "people.vcf"
    cards = [
        Contact(given_name="William", organization="Calder & Finch LLP"),
        Contact(given_name="William", family_name="Hartley", organization="Calder & Finch LLP"),
        Contact(given_name="William", family_name="Jones", organization="Calder & Finch LLP"),
    ]
    path.write_text("".join(write_vcards(cards)), encoding="utf-8")
    report = importer.import_file(app, path)
    people = contacts.list_contacts(app, limit=10).contacts
    assert sorted(c.name for c in people) == ["William Hartley", "William Jones"]
    hartley = next(m for m in report.merged if m.incoming == "William Hartley")
    assert hartley.reason == "same first name and organization, one without a family name"
    again = importer.import_file(app, path)
    assert (again.added, again.merged) == ([], [])


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(_records(), min_size=1, max_size=8))
@example(records=_LATE_FAMILY_NAME)
def test_importing_a_generated_file_twice_changes_nothing(
    tmp_path_factory: object, records: list[Contact]
) -> None:
    folder = tmp_path_factory.mktemp("twice")  # type: ignore[attr-defined]
    path = folder / "people.vcf"
    with path.open("w", encoding="utf-8", newline="") as out:
        out.writelines(write_vcards(records))
    app = open_app(f"sqlite:///{folder / 'twice.db'}", NOW)
    importer.import_file(app, path)
    before = _dump(app)
    second = importer.import_file(app, path)
    assert (second.added, second.merged, second.conflicts) == ([], [], [])
    assert _dump(app) == before
