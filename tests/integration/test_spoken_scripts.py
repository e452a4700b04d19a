"""Scripts spoken like a person (issue 14), built by the real service on a SQLite file: your
number as they dial it (P2.7), the next call as people propose it (P6.1), names as the card
gives them (P2.3, P2.6). NOW is Tue 24 Nov 2026, 08:00 in Kansas City."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import holidays
import pytest

from callwise.domain.model import Contact, Gatekeeper, Phone, RelationshipKind
from callwise.domain.scripts import Script
from callwise.services import calls
from callwise.services.app import App, open_app
from callwise.services.contacts import save_contact
from callwise.services.importer import import_file
from callwise.services.settings import set_setting
from conftest import NOW

TODAY = dt.date(2026, 11, 24)
BUSINESS, PERSONAL = RelationshipKind.BUSINESS, RelationshipKind.PERSONAL
MONTH_DAY = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|"
    r"December) \d{1,2}\b|\b\d{1,2} (January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\b"
)


@pytest.fixture
def app(tmp_path: Path) -> Iterator[App]:
    opened = open_app(f"sqlite:///{tmp_path / 'callwise.db'}", NOW)
    set_setting(opened, "user_name", "Sam Carter")
    set_setting(opened, "user_phone", "+18165550100")
    try:
        yield opened
    finally:
        opened.engine.dispose()


def _add(app: App, given: str, family: str, **more: object) -> Contact:
    values: dict[str, object] = {
        "given_name": given,
        "family_name": family,
        "city": "Kansas City",
        "region": "MO",
        "country": "US",
        "phones": (Phone("+18165550142", "mobile", True),),
        **more,
    }
    return save_contact(app, Contact(**values))  # type: ignore[arg-type]


def _said(script: Script, *skip: str) -> list[str]:
    """Every line said aloud (no cues, no cue cards), but those of the `skip` sections."""
    return [line for s in script.sections if s.spoken and s.key not in skip for line in s.said]


def _section(script: Script, key: str) -> str:
    section = script.section(key)
    return " ".join(section.said) if section else ""


def test_a_contact_in_your_country_hears_your_number_as_they_dial_it(app: App) -> None:
    _add(app, "Tom", "Gallagher", kind=PERSONAL, cadence_days=30)
    london = (Phone("+447384123456", "mobile", True),)
    _add(app, "Chloe", "Adeyemi", city="London", region="", country="GB", phones=london)
    home = calls.prepare(app, "gallagher", occasion="check-in").script
    abroad = calls.prepare(app, "adeyemi", occasion="check-in").script
    assert "816 555 0100" in _section(home, "opener") and "+1" not in " ".join(_said(home))
    assert "816 555 0100" in _section(home, "voicemail")
    assert "+1 816 555 0100" in _section(abroad, "voicemail")
    assert "816-555" not in " ".join(_said(home) + _said(abroad))


def test_a_birthday_call_does_not_propose_new_years_day(app: App) -> None:
    """24 Nov + 38 days is Friday 1 January 2027: the call is proposed after the holidays."""
    _add(app, "Tom", "Gallagher", kind=PERSONAL, cadence_days=38)
    prepared = calls.prepare(app, "gallagher", occasion="birthday")
    assert prepared.next_call == dt.date(2027, 1, 4)
    said = " ".join(_said(prepared.script))
    assert "after the holidays" in said
    assert "January 1" not in said and "2027" not in said


def test_a_lunch_invitation_proposes_its_next_call_within_weeks(app: App) -> None:
    """The business cadence is 90 days; an invitation is settled next week, not in March."""
    _add(app, "Priya", "Raman", kind=BUSINESS, organization="Lumen Labs", cadence_days=90)
    prepared = calls.prepare(app, "raman", occasion="lunch")
    assert prepared.next_call is not None and (prepared.next_call - TODAY).days <= 14
    next_call = _section(prepared.script, "next_call")
    assert "next week" in next_call and "March" not in " ".join(_said(prepared.script))


def test_the_exact_day_is_said_at_most_once_and_never_with_its_year(app: App) -> None:
    _add(app, "Helen", "Whitaker", honorific="Ms.", kind=BUSINESS, cadence_days=21)
    script = calls.prepare(app, "whitaker", occasion="check-in").script
    dates = [m.group(0) for line in _said(script) for m in MONTH_DAY.finditer(line)]
    assert len(dates) <= 1
    assert not re.search(r"\b20\d\d\b", " ".join(_said(script)))
    assert "in a couple of weeks" in _section(script, "close")  # the phrase, never the day


def test_a_call_months_ahead_is_said_by_its_month_and_skips_a_bank_holiday(app: App) -> None:
    """24 Nov + 188 days is Monday 31 May 2027, England's spring bank holiday."""
    _add(
        app, "Owen", "Pryce", kind=BUSINESS, city="London", region="", country="GB",
        organization="Harbourline Insurance", cadence_days=188,
    )  # fmt: skip
    prepared = calls.prepare(app, "pryce", occasion="check-in")
    assert dt.date(2027, 5, 31) in holidays.country_holidays("GB", subdiv="ENG", years=2027)
    assert prepared.next_call == dt.date(2027, 6, 1)
    said = " ".join(_said(prepared.script))
    assert "in June" in said and "31 May" not in said and "2027" not in said


def test_an_organization_is_greeted_as_the_people_who_answer_for_it(app: App) -> None:
    """`contacts add "BrightWave Electronics" --kind organization` splits the name in two."""
    _add(
        app, "BrightWave", "Electronics", kind=RelationshipKind.ORGANIZATION,
        organization="BrightWave Electronics",
    )  # fmt: skip
    script = calls.prepare(
        app, "brightwave", purpose="The TV I bought on 20 November stopped working."
    ).script
    said = _said(script)
    assert said[0].startswith(("Hello, ", "Hello. "))
    assert not any("BrightWave" in line for line in said)
    assert "help" in _section(script, "close") or "sorting this out" in _section(script, "close")


def test_an_assistant_is_greeted_by_her_first_name(app: App) -> None:
    _add(
        app, "Priya", "Raman", kind=BUSINESS, organization="Lumen Labs",
        gatekeeper=Gatekeeper("Patricia Lomax"),
    )  # fmt: skip
    script = calls.prepare(app, "raman", occasion="check-in").script
    gatekeeper = _section(script, "gatekeeper")
    assert gatekeeper.startswith("Hello Patricia,") and "Patricia Lomax" not in gatekeeper
    assert "let Priya know I called" in gatekeeper  # the full name once is enough
    names = script.section("names")
    assert names is not None and any("Patricia Lomax" in line for line in names.lines)


def test_a_full_name_is_said_in_the_greeting_and_close_not_at_every_turn(app: App) -> None:
    _add(app, "Priya", "Raman", kind=BUSINESS, organization="Lumen Labs")
    script = calls.prepare(app, "raman", occasion="lunch").script
    answered = _said(script, "gatekeeper", "voicemail")
    naming = [line for line in answered if "Priya Raman" in line]
    assert len(naming) <= 3  # the greeting, the check of who answered, the close
    assert _section(script, "gatekeeper").count("Priya Raman") <= 2


def test_a_japanese_card_gives_the_family_name_first_and_ms_tanaka(
    app: App, tmp_path: Path
) -> None:
    """A vCard whose N field says Tanaka is the family name, and FN puts it first."""
    card = tmp_path / "tanaka.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Tanaka;Yuki;;Ms.;\r\nFN:Tanaka Yuki\r\n"
        "ORG:Sakura Trading\r\nTITLE:Director\r\nTEL;TYPE=WORK:+81 3-5550-9876\r\n"
        "ADR;TYPE=WORK:;;;Tokyo;;;Japan\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    import_file(app, card)
    script = calls.prepare(app, "tanaka", occasion="check-in").script
    said = " ".join(_said(script))
    assert "Ms. Tanaka" in said and "Ms. Yuki" not in said
    assert "+1 816 555 0100" in _section(script, "voicemail")  # Japan dials the country code
    names = script.section("names")
    assert names is not None and any("said first, as in Tanaka Yuki" in x for x in names.lines)


def test_a_doctor_named_on_the_card_is_greeted_as_dr_and_family_name(
    app: App, tmp_path: Path
) -> None:
    card = tmp_path / "grant.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Grant;Lisa;;;\r\nFN:Dr. Lisa Grant\r\n"
        "ORG:Midwest Clinic\r\nTEL;TYPE=WORK:+1 816 555 0133\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    import_file(app, card)
    script = calls.prepare(app, "grant", occasion="check-in").script
    confirm = script.section("confirm")
    assert confirm is not None and confirm.said[0] == "Hello, am I speaking with Dr. Grant?"
    assert "Lisa" not in " ".join(_said(script))
