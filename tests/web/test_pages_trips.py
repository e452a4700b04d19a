"""The trips page: list with the contacts there, add with errors next to fields, remove (P9.3)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from callwise.domain.model import Contact, Phone
from callwise.services.app import App
from callwise.services.contacts import save_contact
from callwise.services.occasions import add_trip, list_trips
from callwise.services.settings import set_setting
from callwise.services.trip_plan import trip_invitations
from web_support import csrf_of


def _add(client: TestClient, **fields: str) -> object:
    token = csrf_of(client, "/trips")
    form = {"city": "", "start": "", "end": "", "region": "", "country": "", "notes": ""}
    return client.post("/trips", data={"csrf_token": token, **form, **fields})


def test_adding_a_trip_lists_it_with_the_contacts_in_and_near_that_city(
    client: TestClient, core: App
) -> None:
    save_contact(
        core,
        Contact(
            given_name="Rosa",
            family_name="Marquez",
            city="Denver",
            region="CO",
            country="US",
            phones=(Phone("+13035550101"),),
        ),
    )
    save_contact(core, Contact(given_name="Sam", family_name="Elsewhere", city="Boston"))
    save_contact(
        core,
        Contact(given_name="Lee", family_name="Nearby", city="Aurora", region="CO", country="US"),
    )
    added = _add(
        client, city="Denver", start="2026-12-03", end="2026-12-05", region="CO", notes="Summit"
    )
    assert added.status_code == 200  # followed the redirect back to the list
    assert "Trip to Denver" in added.text and "added" in added.text
    [report] = list_trips(core)
    assert (report.trip.city, str(report.trip.start), str(report.trip.end)) == (
        "Denver",
        "2026-12-03",
        "2026-12-05",
    )
    section = added.text.split(f'id="trip-{report.trip.id}"')[1].split("</article>")[0]
    assert "Rosa Marquez" in section and 'href="tel:+1-303-555-0101"' in section
    assert "Lee Nearby" in section  # Aurora is within the trip radius of Denver (P9.3)
    assert "Sam Elsewhere" not in section
    assert "Summit" in section


def test_a_bad_date_is_shown_next_to_its_field_and_the_typed_values_stay(
    client: TestClient, core: App
) -> None:
    page = _add(client, city="Denver", start="2026-12-03", end="2026-12-01")
    assert page.status_code == 422
    assert re.search(r'id="f-end-error">the trip ends \(2026-12-01\) before it starts', page.text)
    assert 'value="Denver"' in page.text and 'value="2026-12-03"' in page.text
    assert list_trips(core) == []

    unreadable = _add(client, city="Denver", start="next spring", end="2026-12-01")
    assert unreadable.status_code == 422
    assert re.search(r'id="f-start-error">&#39;next spring&#39; is not a date', unreadable.text)
    assert 'value="next spring"' in unreadable.text


def test_a_missing_city_is_named(client: TestClient) -> None:
    page = _add(client, start="2026-12-03", end="2026-12-05")
    assert page.status_code == 422
    assert 'id="f-city-error">name the city of the trip' in page.text


def test_an_unknown_city_is_kept_with_a_warning(client: TestClient) -> None:
    page = _add(client, city="Qwxyzville", start="2026-12-03", end="2026-12-05", anyway="1")
    assert "Qwxyzville" in page.text
    assert "does not know this city" in page.text


def test_removing_a_trip(client: TestClient, core: App) -> None:
    report = add_trip(core, "Chicago", "2026-12-10", "2026-12-12")
    token = csrf_of(client, "/trips")
    page = client.post(f"/trips/{report.trip.id}/remove", data={"csrf_token": token})
    assert page.status_code == 200
    assert "Trip to Chicago removed." in page.text
    assert list_trips(core) == []
    missing = client.post(f"/trips/{report.trip.id}/remove", data={"csrf_token": token})
    assert missing.status_code == 404


# Issue 15.6: the city is checked before the trip is stored; each invitation shows its time.


def test_an_unknown_city_gets_one_line_and_can_be_added_anyway(
    client: TestClient, core: App
) -> None:
    where = {"city": "Atlantis", "country": "US", "start": "2026-12-03", "end": "2026-12-05"}
    page = _add(client, **where)
    assert page.status_code == 422
    error = re.search(r'id="f-city-error">([^<]*)</p>', page.text)
    assert error and error.group(1) == (
        "No city called Atlantis is known here: check the spelling, or tick “Add it anyway”."
    )
    assert 'name="anyway"' in page.text and list_trips(core) == []
    added = _add(client, **where, anyway="1")
    assert added.status_code == 200 and "Trip to Atlantis" in added.text
    assert [r.trip.city for r in list_trips(core)] == ["Atlantis"]


def test_a_city_of_several_places_offers_each_with_its_state_and_country(
    client: TestClient, core: App
) -> None:
    page = _add(client, city="Springfield", start="2026-12-03", end="2026-12-05")
    assert page.status_code == 422 and list_trips(core) == []
    assert "places called Springfield: choose one." in page.text
    choices = dict(
        re.findall(r'<button type="submit" name="place" value="([^"]*)"[^>]*>([^<]*)<', page.text)
    )
    assert choices["IL|US"] == "Springfield, Illinois, United States"
    assert choices["MO|US"] == "Springfield, Missouri, United States"
    assert 'value="2026-12-03"' in page.text  # what was typed stays for the second tap
    chosen = _add(client, city="Springfield", start="2026-12-03", end="2026-12-05", place="IL|US")
    assert chosen.status_code == 200
    [report] = list_trips(core)
    assert (report.trip.region, report.trip.country) == ("IL", "US")
    assert report.coordinates is not None


def test_each_invitation_shows_its_planned_day_and_a_button_to_start_the_call(
    client: TestClient, core: App
) -> None:
    core_settings = {"user_name": "Sam Carter", "user_phone": "+18165550100"}
    for key, value in core_settings.items():
        set_setting(core, key, value)
    ana = save_contact(
        core,
        Contact(
            given_name="Ana",
            family_name="Ruiz",
            city="Denver",
            region="CO",
            country="US",
            phones=(Phone("+13035550111"),),
        ),
    )
    _add(client, city="Denver", region="CO", start="2026-11-30", end="2026-12-02")
    page = client.get("/trips")
    [report] = list_trips(core)
    [invitation] = trip_invitations(core, report.trip)
    assert invitation.contact.id == ana.id and invitation.window is not None
    item = page.text.split(f'id="trip-{report.trip.id}-call-{ana.id}"')[1].split("</li>")[0]
    when = invitation.window.start
    assert f"{when:%a} {when.day} {when:%b} {when:%H:%M}" in item  # the planned day and time
    assert "their time" in item
    start = re.search(r'<a class="button trip-call-start" href="([^"]*)"', item)
    assert start and start.group(1) == f"/contacts/{ana.id}/call?occasion={invitation.script}"
    guide = client.get(start.group(1))
    assert guide.status_code == 200 and "Ana" in guide.text
