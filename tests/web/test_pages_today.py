"""The Today page: whom to call and why, their time and the courteous window, a `tel:` link to
dial and the call guide, what is left today and the week ahead; the empty state (issue 7,
P3.1, P9.1, P9.2, P9.5)."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient
from markupsafe import escape

from callwise.domain.model import Contact, PartialDate, Phone, RelationshipKind
from callwise.services.app import App
from callwise.services.contacts import save_contact
from callwise.services.today import next_call, today
from callwise.web.app import WebConfig, create_app


def _entries(page: str) -> dict[int, str]:
    """Each plan entry's HTML by contact id, in page order."""
    found = re.findall(
        r'<li class="plan-entry[^"]*" data-contact-id="(\d+)">(.*?)</li>\s*'
        r'(?=<li class="plan|</ol>)',
        page,
        re.S,
    )
    return {int(i): body for i, body in found}


def test_today_on_the_demo_lists_the_plan_with_dial_and_guide_links(
    demo_client: TestClient, core: App
) -> None:
    page = demo_client.get("/")
    assert page.status_code == 200
    report = today(core)
    planned = report.plan.days[0].entries
    entries = _entries(page.text)
    assert list(entries) == [e.contact.id for e in planned]
    assert len(entries) == 4
    for entry in planned:
        body = entries[entry.contact.id or 0]
        assert escape(entry.contact.name) in body
        for reason in entry.reasons:
            assert escape(reason) in body
        assert f'href="/contacts/{entry.contact.id}/call">Open the guide</a>' in body
        assert f"{entry.estimated_minutes} minutes" in body
    # The first call: Ava Thompson in Atlanta, a LinkedIn connection to call by 26 Nov (P9.2).
    ava = entries[62]
    assert '<a class="call-link button primary" href="tel:+1-404-555-0169"' in ava
    assert "Asked to connect on LinkedIn on 27 Oct: call by 26 Nov" in ava
    assert "Tue 10:00 EST" in ava and "America/New_York" in ava
    assert "Tue 24 Nov 10:00–12:00 EST their time" in ava
    assert "Tue 24 Nov 09:00–11:00 your time" in ava
    assert "a good time now" in ava  # 10:00 in Atlanta, inside the window (P3.1)


def test_today_tells_an_early_hour_from_a_good_one(demo_client: TestClient) -> None:
    emily = _entries(demo_client.get("/").text)[8]  # Seattle: 07:00 at NOW
    assert "Tue 07:00 PST" in emily
    assert "Tue 24 Nov 09:30–12:00 PST their time" in emily
    assert "a good time now" not in emily


def test_today_counts_what_is_left_and_the_week_ahead(demo_client: TestClient) -> None:
    page = demo_client.get("/").text
    assert "<h1>Today, Tue 24 Nov 2026</h1>" in page
    left = re.search(r'<section class="card left-today".*?</section>', page, re.S)
    assert left
    assert "<strong>4 calls</strong>, about <strong>60 minutes</strong>" in left.group(0)
    assert "4 more calls due did not fit today" in left.group(0)
    week = re.findall(
        r'<span class="week-date">([^<]+)</span> <span class="week-words">([^<]+)</span>', page
    )
    assert [day for day, _ in week] == [
        "Wed 25 Nov",
        "Thu 26 Nov",
        "Fri 27 Nov",
        "Sat 28 Nov",
        "Sun 29 Nov",
        "Mon 30 Nov",
    ]
    assert dict(week)["Thu 26 Nov"] == "1 connection to call by then"
    assert dict(week)["Mon 30 Nov"] == "1 call planned, 1 birthday"
    # Issue 15.5: the four calls that did not fit today are planned tomorrow; the day is
    # never called quiet.
    assert dict(week)["Wed 25 Nov"] == "4 calls planned"
    assert dict(week)["Fri 27 Nov"] == "nothing planned"
    assert "About: counted by your dates" not in page


def test_an_empty_database_shows_how_to_begin(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "No contacts yet" in page.text
    assert 'href="/contacts/new"' in page.text
    assert 'href="/import"' in page.text
    assert "callwise demo" not in page.text  # no terminal command on a page (issue 15.5)
    assert 'action="/demo"' in page.text
    assert "plan-entry" not in page.text


def test_a_birthday_without_a_number_is_listed_and_says_there_is_none(
    client: TestClient, core: App
) -> None:
    noor = save_contact(
        core,
        Contact(
            given_name="Noor",
            family_name="Haddad",
            kind=RelationshipKind.PERSONAL,
            city="Kansas City",
            country="US",
            birthday=PartialDate(11, 24),
        ),
    )
    entries = _entries(client.get("/").text)
    assert list(entries) == [noor.id]
    body = entries[noor.id or 0]
    assert "birthday" in body.lower()
    assert "call-link" not in body
    assert f'No number to dial: <a href="/contacts/{noor.id}/edit">add one</a>' in body
    assert f'href="/contacts/{noor.id}/call"' in body


LATE = "2026-11-25T04:30:00+00:00"  # Tue 24 Nov 22:30 in Chicago: the calling day is over


def test_when_the_calling_day_is_over_today_names_the_next_call(db_url: str, core: App) -> None:
    """Issue 15: late in the evening, nothing is left today but a birthday tomorrow; Today
    says when and whom, with a link, instead of "Nothing to call today"."""
    chris = save_contact(
        core,
        Contact(
            given_name="Chris",
            family_name="Dawson",
            kind=RelationshipKind.PERSONAL,
            city="Kansas City",
            country="US",
            birthday=PartialDate(11, 25),
            phones=(Phone("+18165550177", "mobile"),),
        ),
    )
    late = App(core.engine, dt.datetime.fromisoformat(LATE))
    coming = next_call(late)
    assert coming is not None and coming.contact.id == chris.id
    assert coming.window is not None
    start = coming.window.home_start.astimezone(ZoneInfo("America/Chicago"))
    web = create_app(WebConfig(db_url=db_url, now=LATE))
    with TestClient(web, base_url="http://127.0.0.1:8000") as client:
        page = client.get("/").text
    assert "plan-entry" not in page
    assert "Nothing to call today" not in page
    assert f'Next: <a href="/contacts/{chris.id}">Tomorrow {start:%H:%M}: Chris Dawson</a>' in page
    assert "Birthday" in page


def test_next_call_is_none_when_nothing_is_planned_this_week(core: App) -> None:
    assert next_call(core) is None
