"""The calendar feed: a secret URL serving valid iCalendar, regenerable, open to calendar apps."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from icalendar import Calendar

from callwise.services import access
from callwise.services.app import App
from callwise.services.settings import set_setting
from web_support import MakeClient, csrf_of


def _feed_path(client: TestClient) -> str:
    page = client.get("/settings").text
    found = re.search(r'value="http://127\.0\.0\.1:8000(/calendar/feed/[\w-]+\.ics)"', page)
    assert found, "the settings page shows the feed URL"
    return found.group(1)


def test_the_feed_serves_the_coming_calls_as_icalendar(demo_client: TestClient, core: App) -> None:
    path = _feed_path(demo_client)
    assert path == f"/calendar/feed/{access.feed_token(core)}.ics"
    feed = demo_client.get(path)
    assert feed.status_code == 200
    assert feed.headers["content-type"].startswith("text/calendar")
    calendar = Calendar.from_ical(feed.content)
    events = calendar.walk("VEVENT")
    assert len(events) > 7  # four weeks of calls, and birthdays
    starts = sorted(e.decoded("dtstart") for e in events if e.get("rrule") is None)
    assert str(starts[0])[:10] >= "2026-11-24"


def test_regenerating_stops_the_old_address(demo_client: TestClient) -> None:
    old = _feed_path(demo_client)
    token = csrf_of(demo_client, "/settings")
    page = demo_client.post("/settings/feed/regenerate", data={"csrf_token": token})
    assert page.status_code == 200
    assert "calendars subscribed to the old one stop updating" in page.text
    new = _feed_path(demo_client)
    assert new != old
    assert demo_client.get(old).status_code == 404
    assert demo_client.get(new).status_code == 200


def test_a_wrong_token_finds_nothing(client: TestClient) -> None:
    _feed_path(client)
    assert client.get("/calendar/feed/not-the-token.ics").status_code == 404
    assert client.get("/calendar/feed/.ics").status_code == 404


def test_the_feed_needs_no_login_but_its_token(core: App, make_client: MakeClient) -> None:
    access.set_password(core, "correct horse")
    set_setting(core, "web_login", "on")
    client = make_client(host="0.0.0.0")
    assert client.get("/settings", follow_redirects=False).status_code == 303
    feed = client.get(f"/calendar/feed/{access.feed_token(core)}.ics", follow_redirects=False)
    assert feed.status_code == 200
    assert Calendar.from_ical(feed.content).get("prodid")
    assert client.get("/calendar/feed/guess.ics", follow_redirects=False).status_code == 404
