"""The value spellings the readers share: dates, labels, escapes and line folding."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callwise.domain.errors import ValidationError
from callwise.domain.model import PartialDate
from callwise.interchange import fields
from callwise.interchange.vcard_text import escape, fold, split_escaped, unescape


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1985-06-12", PartialDate(6, 12, 1985)),
        ("19850612", PartialDate(6, 12, 1985)),
        ("1985-06-12T00:00:00Z", PartialDate(6, 12, 1985)),
        ("--0415", PartialDate(4, 15)),  # RFC 6350 4.3.1
        ("--04-15", PartialDate(4, 15)),
        (" --12-25", PartialDate(12, 25)),  # Google CSV: leading space, no year
        ("1604-04-15", PartialDate(4, 15)),  # Apple's year for 'unknown'
        ("0000-02-29", PartialDate(2, 29)),
        ("4/15/1971", PartialDate(4, 15, 1971)),  # Outlook
        ("0/0/00", None),  # Outlook's empty date
        ("", None),
        ("15 Mar 2024", PartialDate(3, 15, 2024)),  # LinkedIn
        ("7-Feb-22", PartialDate(2, 7, 2022)),
    ],
)
def test_partial_dates(text: str, expected: PartialDate | None) -> None:
    assert fields.parse_partial_date(text) == expected


def test_apple_omit_year_parameter() -> None:
    assert fields.parse_partial_date("1900-01-02", omit_year=1900) == PartialDate(1, 2)


@pytest.mark.parametrize("text", ["circa 1980", "--13-01", "2023-02-29", "15 Foo 2024", "1985"])
def test_unreadable_dates_raise(text: str) -> None:
    with pytest.raises(ValidationError) as raised:
        fields.parse_partial_date(text)
    assert raised.value.field == "date"


def test_full_dates_need_a_year() -> None:
    assert fields.parse_full_date("02 Jan 2023") == dt.date(2023, 1, 2)
    with pytest.raises(ValidationError):
        fields.parse_full_date("--01-02")


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        (["cell", "voice", "pref"], ("mobile", "")),
        (["work", "cell"], ("mobile", "")),
        (["_$!<Mobile>!$_"], ("mobile", "")),
        (["iphone"], ("mobile", "")),
        (["AssistantPhone"], ("assistant", "")),
        (["* Work Fax"], ("fax", "")),
        (["_$!<Main>!$_"], ("main", "")),
        (["voice"], ("other", "")),
        ([], ("other", "")),
        (["Boat"], ("other", "Boat")),
    ],
)
def test_phone_labels(tokens: list[str], expected: tuple[str, str]) -> None:
    assert fields.phone_label(tokens) == expected


def test_email_date_and_relation_labels() -> None:
    assert fields.email_label(["internet", "work", "pref"]) == "work"
    assert fields.email_label(["* Home"]) == "home"
    assert fields.email_label(["internet"]) == ""
    assert fields.email_label(["School"]) == "School"
    assert fields.date_label("_$!<Anniversary>!$_") == "anniversary"
    assert fields.date_label("Work anniversary") == "Work anniversary"
    assert fields.relation_label("spouse") == "Spouse"
    assert fields.gatekeeper_role("_$!<Assistant>!$_") == "assistant"
    assert fields.gatekeeper_role("Receptionist") == "receptionist"
    assert fields.gatekeeper_role("Manager") == ""


def test_family_relations_only_when_every_line_is_one() -> None:
    assert fields.family_relations("Spouse: Sam\nChild: Mia") == [
        ("Spouse", "Sam"),
        ("Child", "Mia"),
    ]
    assert fields.family_relations("Spouse: Sam\nLoves sailing") is None
    assert fields.family_relations("spouse: Sam") is None  # would read back as 'Spouse'
    assert fields.family_relations("Friend: Bob") is None


def test_google_system_labels_are_not_tags() -> None:
    labels = ["* myContacts", "* starred", "Friends", "* Coworkers", "starred"]
    assert fields.user_tags(labels) == ["Friends", "Coworkers"]


def test_escapes_by_version() -> None:
    assert unescape("a\\nb\\, c\\; d\\\\e\\:f", "3.0") == "a\nb, c; d\\e:f"
    assert unescape("C:\\new\\; x", "2.1") == "C:\\new; x"  # 2.1 knows no \\n
    assert split_escaped("Smythe\\; Partners;Litigation", ";") == [
        "Smythe\\; Partners",
        "Litigation",
    ]
    assert escape("a\r\nb,c;d\\") == "a\\nb\\,c\\;d\\\\"


@given(st.text(st.characters(codec="utf-8"), max_size=300))
def test_folding_keeps_75_octets_and_unfolds_exactly(value: str) -> None:
    line = "NOTE:" + escape(value)
    physical = list(fold(line))
    assert all(p.endswith("\r\n") and len(p[:-2].encode()) <= 75 for p in physical)
    unfolded = physical[0][:-2] + "".join(p[1:-2] for p in physical[1:])
    assert unfolded == line
    assert unescape(unfolded[5:], "3.0") == value.replace("\r\n", "\n").replace("\r", "\n")


def test_export_country_names_read_back_as_the_same_code() -> None:
    assert fields.export_country("US") == "United States"
    assert fields.export_country("") == ""
