"""The contacts pages: search and filters, pages, the add and edit form with its errors next
to their fields, a contact's page (courtesy, script, timeline) and removing (issue 7)."""

from __future__ import annotations

import datetime as dt
import re

import httpx
import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from callwise.domain.errors import NotFoundError
from callwise.domain.model import Contact, OtherDate, PartialDate, Phone, RelationshipKind
from callwise.services import calls
from callwise.services.app import App
from callwise.services.browse import Filters, browse_contacts
from callwise.services.contacts import count_contacts, get_contact, save_contact
from callwise.services.courtesy import when
from callwise.services.settings import set_setting
from web_support import csrf_of


def _row_ids(page: str) -> list[int]:
    return [
        int(i) for i in re.findall(r'<li class="contact-row[^"]*" data-contact-id="(\d+)"', page)
    ]


def _count(page: str) -> str:
    found = re.search(r'<p class="result-count" role="status">(.*?)</p>', page, re.S)
    assert found, "the list says how many matched"
    return found.group(1).strip()


def _field(page: str, name: str) -> str:
    """The HTML of the form field holding input `name`."""
    found = re.search(
        rf'<div class="field[^"]*">\s*<label for="{name}">.*?</div>\s*'
        r'(?=<div class="field|</div>|<p class="hint" id="phones)',
        page,
        re.S,
    )
    assert found, f"the form has a field {name}"
    return found.group(0)


def _post(
    client: TestClient, url: str, data: dict[str, str], *, follow_redirects: bool = True
) -> httpx.Response:
    """Submit a contact form the way a browser that loaded it would, with the CSRF token."""
    token = csrf_of(client, "/contacts/new")
    return client.post(url, data={"csrf_token": token, **data}, follow_redirects=follow_redirects)


LENA = {
    "given_name": "Lena",
    "family_name": "Fischer",
    "honorific": "Dr.",
    "kind": "business",
    "job_title": "Head of Research",
    "organization": "Spree Analytics",
    "met_event": "Data Council",
    "met_date": "2026-03-12",
    "met_place": "Berlin",
    "met_circumstances": "Shared a cab to the venue",
    "phone_1": "+49 30 1234567",
    "phone_1_label": "work",
    "phone_2": "",
    "phone_3": "",
    "email_1": "lena@example.de",
    "email_1_label": "work",
    "city": "Berlin",
    "country": "Germany",
    "availability": "Mo-Fr 09:00-17:00",
    "gatekeeper_name": "Jonas",
    "gatekeeper_role": "assistant",
    "gatekeeper_phone": "+49 30 7654321",
    "interests": "rowing, jazz",
    "avoid_topics": "her divorce",
    "birthday": "--04-15",
    "source": "event",
    "connected_on": "2026-03-13",
    "cadence_days": "30",
    "tags": "berlin, data",
    "notes": "Wants a pilot in Q1",
}


# The list: search, filters, pages.


def test_the_list_pages_through_the_demo_contacts(demo_client: TestClient) -> None:
    first = demo_client.get("/contacts")
    assert first.status_code == 200
    assert _count(first.text) == "1–50 of 62 contacts"
    assert len(_row_ids(first.text)) == 50
    assert 'rel="next" href="/contacts?offset=50"' in first.text
    assert 'rel="prev"' not in first.text
    second = demo_client.get("/contacts?offset=50")
    assert _count(second.text) == "51–62 of 62 contacts"
    assert len(_row_ids(second.text)) == 12
    assert not set(_row_ids(first.text)) & set(_row_ids(second.text))
    assert 'rel="prev" href="/contacts"' in second.text
    assert 'rel="next"' not in second.text


def test_a_row_links_the_contact_and_dials_the_main_phone(demo_client: TestClient) -> None:
    page = demo_client.get("/contacts?q=ava+thompson").text
    assert _row_ids(page) == [62]
    assert '<a class="contact-name" href="/contacts/62">Ava Thompson</a>' in page
    assert "Recruiter, Blue Ridge Talent" in page
    assert "Atlanta, US" in page
    assert '<a class="call-link" href="tel:+1-404-555-0169">+1 404-555-0169</a>' in page
    assert '<span class="tag">recruiters</span>' in page


def test_search_narrows_the_list_and_keeps_the_query(demo_client: TestClient, core: App) -> None:
    page = demo_client.get("/contacts?q=chen").text
    expected = browse_contacts(core, Filters(query="chen"))
    assert 0 < expected.total < 62
    assert _row_ids(page) == [c.id for c in expected.contacts]
    assert "Emily Chen" in page
    assert 'name="q" type="search" value="chen"' in page
    assert demo_client.get("/contacts?q=zzzznobody").text.count("No contact matches.") == 1


@pytest.mark.parametrize(
    ("query", "filters"),
    [
        ("relationship=business", Filters(relationship="business")),
        ("tag=healthcare", Filters(tag="healthcare")),
        ("city=London", Filters(city="London")),
        (
            "relationship=business&city=Kansas+City",
            Filters(relationship="business", city="Kansas City"),
        ),
    ],
)
def test_each_filter_narrows_the_list(
    demo_client: TestClient, core: App, query: str, filters: Filters
) -> None:
    page = demo_client.get(f"/contacts?{query}").text
    expected = browse_contacts(core, filters)
    assert 0 < expected.total < 62, "the filter matches some demo contacts, not all"
    assert _row_ids(page) == [c.id for c in expected.contacts]
    assert _count(page).endswith(f"of {expected.total} contact{'s' * (expected.total != 1)}")


def test_overdue_lists_those_past_their_keep_in_touch_date(client: TestClient, core: App) -> None:
    earlier = App(core.engine, core.now - dt.timedelta(days=60))
    late = save_contact(earlier, Contact(given_name="Late", family_name="Lou", cadence_days=30))
    save_contact(earlier, Contact(given_name="Yearly", family_name="Yu", cadence_days=365))
    save_contact(core, Contact(given_name="Fresh", family_name="Fay", cadence_days=30))
    assert len(_row_ids(client.get("/contacts").text)) == 3
    page = client.get("/contacts?overdue=1").text
    assert _row_ids(page) == [late.id]
    assert _count(page) == "1–1 of 1 contact"


def test_the_filter_menus_show_what_is_chosen(demo_client: TestClient) -> None:
    page = demo_client.get("/contacts?relationship=business&tag=healthcare&overdue=1").text
    assert '<option value="business" selected>' in page
    assert '<option value="healthcare" selected>' in page
    assert 'name="overdue" type="checkbox" value="1" checked' in page
    assert '<option value="London">London</option>' in page  # the cities on file


def test_the_partial_is_the_results_alone_for_search_as_you_type(demo_client: TestClient) -> None:
    page = demo_client.get("/contacts?q=chen&partial=1")
    assert page.status_code == 200
    assert page.text.lstrip().startswith('<div id="contact-results">')
    assert "<html" not in page.text and "<form" not in page.text
    assert "Emily Chen" in page.text


def test_the_next_page_keeps_the_filters(client: TestClient, core: App) -> None:
    for i in range(55):
        save_contact(core, Contact(given_name=f"Guest{i:02d}", family_name="Bulk", tags=("bulk",)))
    save_contact(core, Contact(given_name="Other", family_name="Person"))
    first = client.get("/contacts?tag=bulk").text
    assert _count(first) == "1–50 of 55 contacts"
    assert 'rel="next" href="/contacts?tag=bulk&amp;offset=50"' in first
    second = client.get("/contacts?tag=bulk&offset=50").text
    assert _count(second) == "51–55 of 55 contacts"
    assert len(_row_ids(second)) == 5
    assert 'rel="prev" href="/contacts?tag=bulk"' in second


def test_an_unknown_relationship_is_refused_with_the_choices(demo_client: TestClient) -> None:
    page = demo_client.get("/contacts?relationship=colleague")
    assert page.status_code == 422
    assert "business, personal, informal, organization" in page.text


# Adding and editing.


def test_adding_a_contact_stores_every_field_and_shows_their_page(
    client: TestClient, core: App
) -> None:
    form = client.get("/contacts/new")
    assert form.status_code == 200
    names = ("phone_1", "phone_2", "phone_3", "phone_1_label", "email_1", "birthday_day")
    for name in (*names, "birthday_month", "birthday_year"):
        assert f'name="{name}"' in form.text
    assert "Leave the year empty if you do not know it." in form.text  # issue 15.6
    assert "Save contact</button>" in form.text
    saved = _post(client, "/contacts/new", LENA, follow_redirects=False)
    assert saved.status_code == 303
    contact_id = int(saved.headers["location"].rsplit("/", 1)[1])
    stored = get_contact(core, contact_id)
    assert (stored.given_name, stored.family_name, stored.honorific) == ("Lena", "Fischer", "Dr.")
    assert stored.kind is RelationshipKind.BUSINESS
    assert stored.phones == (Phone("+49301234567", "work"),)
    assert [(e.address, e.label) for e in stored.emails] == [("lena@example.de", "work")]
    assert stored.country == "DE" and stored.city == "Berlin"
    assert stored.met.event == "Data Council" and str(stored.met.date) == "2026-03-12"
    assert stored.gatekeeper is not None
    assert (stored.gatekeeper.name, stored.gatekeeper.phone) == ("Jonas", "+49307654321")
    assert stored.interests == ("rowing", "jazz")
    assert stored.avoid_topics == ("her divorce",)
    assert stored.birthday == PartialDate(4, 15)
    assert stored.cadence_days == 30
    assert stored.tags == ("berlin", "data")
    assert stored.availability == "Mo-Fr 09:00-17:00"
    page = client.get(saved.headers["location"])
    assert '<p class="flash" role="status">Added Lena Fischer.</p>' in page.text
    assert 'class="flash"' not in client.get(saved.headers["location"]).text  # said once


def test_a_bad_phone_is_shown_next_to_its_field_and_everything_typed_is_kept(
    client: TestClient, core: App
) -> None:
    data = {**LENA, "phone_1": "+1 816 555 0142", "phone_2": "12ab", "phone_2_label": "home"}
    page = _post(client, "/contacts/new", data)
    assert page.status_code == 422
    field = _field(page.text, "phone_2")
    assert field.startswith('<div class="field invalid">')
    assert 'aria-invalid="true"' in field and 'aria-describedby="phone_2-error"' in field
    error = re.search(r'<p class="field-error" id="phone_2-error">(.*?)</p>', field)
    assert error and "&#39;12ab&#39; is not a phone number" in error.group(1)
    assert 'value="12ab"' in field
    assert '<option value="home" selected>' in field
    assert "field-error" not in _field(page.text, "phone_1")
    for name in ("given_name", "organization", "tags", "interests"):
        assert f'name="{name}" type="text" value="{escape(LENA[name])}"' in page.text
    assert '<option value="15" selected>15</option>' in page.text  # the birthday, picked
    assert '<option value="4" selected>April</option>' in page.text
    assert "Shared a cab to the venue</textarea>" in page.text
    assert count_contacts(core) == 0


def test_the_30th_of_february_is_refused_next_to_the_birthday(
    client: TestClient, core: App
) -> None:
    picked = {"birthday_day": "30", "birthday_month": "2", "birthday_year": "1990"}
    typed = {k: v for k, v in LENA.items() if k != "birthday"}  # as the browser sends it
    page = _post(client, "/contacts/new", {**typed, **picked})
    assert page.status_code == 422
    assert re.search(r'id="birthday-error">[^<]*February 1990 has no day 30', page.text)
    assert '<fieldset class="field date-picker invalid" id="birthday"' in page.text
    assert '<option value="30" selected>30</option>' in page.text
    assert 'name="birthday_year" type="text"' in page.text and 'value="1990"' in page.text
    assert count_contacts(core) == 0
    assert count_contacts(core) == 0


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("cadence_days", "often", "is not a number of days"),
        ("time_zone", "Mars/Olympus", "unknown time zone"),
        ("email_1", "lena-at-example", "is not an email address"),
        ("availability", "whenever", "whenever"),
        ("gatekeeper_phone", "99", "not a valid phone number"),
        ("met_date", "12/03/2026", "is not a date"),
    ],
)
def test_other_refused_values_show_next_to_their_field(
    client: TestClient, name: str, value: str, words: str
) -> None:
    page = _post(client, "/contacts/new", {**LENA, name: value})
    assert page.status_code == 422
    field = _field(page.text, name)
    assert 'class="field invalid"' in field
    assert re.search(rf'id="{name}-error">[^<]*{re.escape(escape(words))}', field)


def test_a_contact_needs_a_name(client: TestClient) -> None:
    page = _post(client, "/contacts/new", {"given_name": "", "phone_1": "+1 816 555 0142"})
    assert page.status_code == 422
    assert re.search(r'id="given_name-error">a contact needs a name', page.text)


def test_a_number_another_contact_has_asks_before_saving(client: TestClient, core: App) -> None:
    save_contact(
        core, Contact(given_name="Max", family_name="Weber", phones=(Phone("+49301234567"),))
    )
    asked = _post(client, "/contacts/new", LENA)
    assert asked.status_code == 409
    assert "phone +49301234567 already belongs to Max Weber" in asked.text
    assert "--force" not in asked.text
    assert '<input id="force" name="force" type="checkbox" value="1">' in asked.text
    assert 'value="Lena"' in asked.text
    assert count_contacts(core) == 1
    saved = _post(client, "/contacts/new", {**LENA, "force": "1"}, follow_redirects=False)
    assert saved.status_code == 303
    assert count_contacts(core) == 2


def test_editing_changes_what_the_form_shows_and_keeps_the_rest(
    client: TestClient, core: App
) -> None:
    ana = save_contact(
        core,
        Contact(
            given_name="Ana",
            family_name="Sousa",
            job_title="Engineer",
            phones=(Phone("+351912345678", "mobile"), Phone("+351213456789", "work")),
            other_dates=(OtherDate("anniversary", PartialDate(6, 9, 2012)),),
            tags=("lisbon",),
        ),
    )
    form = client.get(f"/contacts/{ana.id}/edit")
    assert form.status_code == 200
    assert "Edit Ana Sousa" in form.text
    assert 'name="job_title" type="text" value="Engineer"' in form.text
    assert 'name="phone_2" type="tel" value="+351 21 345 6789"' in form.text
    assert 'name="phone_3"' in form.text  # a free row for one more
    fields = {
        "given_name": "Ana",
        "family_name": "Sousa",
        "kind": "personal",
        "job_title": "Staff Engineer",
        "phone_1": "+351 912 345 678",
        "phone_1_label": "mobile",
        "phone_2": "",
        "tags": "lisbon, climbing",
    }
    saved = _post(client, f"/contacts/{ana.id}/edit", fields, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"] == f"/contacts/{ana.id}"
    stored = get_contact(core, ana.id or 0)
    assert stored.job_title == "Staff Engineer"
    assert stored.phones == (Phone("+351912345678", "mobile"),)
    assert stored.tags == ("lisbon", "climbing")
    assert stored.other_dates == ana.other_dates  # not on the form, kept
    assert stored.created_at == ana.created_at
    page = client.get(saved.headers["location"]).text
    assert "Saved the changes to Ana Sousa." in page


def test_a_refused_edit_changes_nothing(client: TestClient, core: App) -> None:
    ana = save_contact(core, Contact(given_name="Ana", family_name="Sousa"))
    page = _post(client, f"/contacts/{ana.id}/edit", {"given_name": "Ana", "birthday": "--02-30"})
    assert page.status_code == 422
    assert 'id="birthday-error"' in page.text
    assert get_contact(core, ana.id or 0).birthday is None


def test_forms_need_the_csrf_token(client: TestClient, core: App) -> None:
    client.get("/contacts/new")
    refused = client.post("/contacts/new", data=LENA)
    assert refused.status_code == 403
    assert count_contacts(core) == 0


# A contact's page and removing one.


def _me(core: App) -> None:
    set_setting(core, "user_name", "Jordan Lee")
    set_setting(core, "user_phone", "+18165550100")


def test_the_contact_page_shows_the_profile_and_whether_now_is_courteous(
    demo_client: TestClient, core: App
) -> None:
    _me(core)
    page = demo_client.get("/contacts/1")  # Dr. Amara Okafor, Kansas City, hours Tu,Th 16-17:30
    assert page.status_code == 200
    text = page.text
    assert '<span class="honorific">Dr.</span> Amara Okafor</h1>' in text
    assert "Chief Medical Officer" in text and "Riverside Health System" in text
    assert '<a class="call-link" href="tel:+1-816-555-0142">+1 816-555-0142</a>' in text
    assert 'href="mailto:amara.okafor@example.org"' in text
    assert "Gatekeeper: <strong>Denise Parker</strong>, assistant" in text
    # Call first at the top (issue 15), then the guide; removing is a link at the very end.
    head = text.split('<div class="contact-actions">', 1)[1].split("</div>", 1)[0]
    assert head.lstrip().startswith(
        '<a class="call-link button primary" href="tel:+1-816-555-0142"'
    )
    assert '<a class="guide-link button" href="/contacts/1/call">Open the guide</a>' in head
    assert 'href="/contacts/1/edit">Edit</a>' in head
    assert "remove" not in head
    assert text.index('href="/contacts/1/remove"') > text.index("timeline")
    report = when(core, "1")
    assert "Tue 09:00 CST" in text
    assert f"<strong>Not now</strong>: {escape(report.verdict.reason)}" in text
    assert "Tue 24 Nov 16:00–17:30 CST their time" in text
    assert "Greater Kansas City Chamber luncheon" in text
    assert "marathon running" in text


def test_topics_to_avoid_are_marked_private(client: TestClient, core: App) -> None:
    sam = save_contact(
        core, Contact(given_name="Sam", family_name="Ito", avoid_topics=("the layoffs",))
    )
    page = client.get(f"/contacts/{sam.id}").text
    private = re.search(r'<div class="private avoid-topics">.*?</div>', page, re.S)
    assert private and "the layoffs" in private.group(0) and "private" in private.group(0)


def test_the_contact_page_shows_the_script_for_the_next_call(
    demo_client: TestClient, core: App
) -> None:
    _me(core)
    page = demo_client.get("/contacts/62").text  # Ava Thompson: a connection to call (P9.2)
    script = calls.prepare(core, "62", "connect").script
    assert "What to say: new connection call" in page
    for section in script.sections:
        assert f'data-stage="{section.key}"' in page
        assert escape(section.title) in page
        for line in section.lines:
            assert escape(line) in page
    assert "Mon 23 Nov" not in page
    assert "<strong>Tue 24 Nov</strong>: Asked to connect on LinkedIn" in page  # coming up


def test_without_your_name_the_script_has_placeholders(
    demo_client: TestClient,
) -> None:
    """Issue 15.4: a script before you say who you are, and the way to say it."""
    page = demo_client.get("/contacts/62").text
    assert "[your name]" in page and "No script yet" not in page
    assert 'href="/welcome?next=/contacts/62"' in page


def test_a_logged_call_shows_in_the_timeline(demo_client: TestClient, core: App) -> None:
    calls.log_call(
        core,
        "62",
        "connected",
        note="Talked about the logistics role",
        promises=[("send my CV", "2026-11-27")],
        follow_up="2026-12-08",
    )
    page = demo_client.get("/contacts/62").text
    timeline = re.search(r'<section class="card contact-timeline".*?</section>', page, re.S)
    assert timeline
    block = timeline.group(0)
    assert '<strong class="outcome">Connected</strong>' in block
    assert "Tue 24 Nov 2026 09:00 CST" in block  # NOW, in your zone
    assert "Talked about the logistics role" in block
    assert "Promised: send my CV (due 27 Nov)" in block
    assert "Next call agreed: 8 Dec 2026" in block


def test_an_unknown_contact_is_the_not_found_page(client: TestClient) -> None:
    for path in ("/contacts/999", "/contacts/999/edit", "/contacts/999/remove"):
        page = client.get(path)
        assert page.status_code == 404
        assert "this contact is not in your address book" in page.text  # plain words (15.5)
        assert "999" not in page.text.split("<main", 1)[1] and "callwise contacts" not in page.text


def test_removing_asks_first_then_says_the_backup_restores(client: TestClient, core: App) -> None:
    lena = save_contact(core, Contact(given_name="Lena", family_name="Fischer"))
    calls.log_call(core, str(lena.id), "voicemail")
    confirm = client.get(f"/contacts/{lena.id}/remove")
    assert confirm.status_code == 200
    assert "Remove Lena Fischer?" in confirm.text
    assert "1 logged call" in confirm.text
    assert get_contact(core, lena.id or 0).name == "Lena Fischer"  # asking removes nothing
    token = csrf_of(client, f"/contacts/{lena.id}/remove")
    done = client.post(
        f"/contacts/{lena.id}/remove", data={"csrf_token": token}, follow_redirects=False
    )
    assert done.status_code == 303 and done.headers["location"] == "/contacts"
    listing = client.get("/contacts").text
    flash = re.search(r'<p class="flash" role="status">(.*?)</p>', listing)
    assert flash and "Removed Lena Fischer" in flash.group(1) and "backup" in flash.group(1)
    with pytest.raises(NotFoundError):
        get_contact(core, lena.id or 0)
    assert client.get(f"/contacts/{lena.id}").status_code == 404
