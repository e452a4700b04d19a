"""Saving is safe (issue 15): every page form that changes data answers with a 303 to a page
that shows the result, so reloading that page changes nothing; what was done is said once."""

from __future__ import annotations

from collections.abc import Callable

import httpx
from fastapi.testclient import TestClient

from callwise.domain.model import Contact, Phone
from callwise.services import access, calls, contacts, occasions
from callwise.services.app import App
from callwise.services.settings import set_setting
from web_support import csrf_of

Post = Callable[[str, dict[str, str]], httpx.Response]


def _poster(client: TestClient) -> Post:
    token = csrf_of(client, "/")

    def post(url: str, data: dict[str, str]) -> httpx.Response:
        answer = client.post(url, data={"csrf_token": token, **data}, follow_redirects=False)
        assert answer.status_code == 303, f"{url}: {answer.status_code} {answer.text[:300]}"
        return answer

    return post


def _ana(core: App) -> int:
    saved = contacts.save_contact(
        core, Contact(given_name="Ana", family_name="Ruiz", phones=(Phone("+18165550142"),))
    )
    assert saved.id is not None
    return saved.id


def test_reloading_the_page_after_a_guided_call_logs_nothing_more(
    client: TestClient, core: App
) -> None:
    set_setting(core, "user_name", "Jordan Lee")
    set_setting(core, "user_phone", "+18165550100")
    ana = _ana(core)
    form = {"answer": "no_answer", "notes_voicemail": "SSN 123-45-6789", "outcome": "voicemail"}
    done = _poster(client)(f"/contacts/{ana}/call", form)
    first = client.get(done.headers["location"])
    assert first.status_code == 200 and "Saved: left voicemail" in first.text
    assert "social security number" in first.text  # the warning, said once
    reloaded = client.get(done.headers["location"])
    assert reloaded.status_code == 200 and "Saved: left voicemail" in reloaded.text
    assert "social security number" not in reloaded.text
    stored = calls.history(core, f"#{ana}")
    assert len(stored) == 1
    assert client.get(f"/contacts/{ana}/calls/{(stored[0].id or 0) + 1}").status_code == 404


def test_contact_forms_answer_with_a_redirect(client: TestClient, core: App) -> None:
    post = _poster(client)
    added = post("/contacts/new", {"given_name": "Lena", "family_name": "Fischer"})
    lena = int(added.headers["location"].rsplit("/", 1)[1])
    post(f"/contacts/{lena}/edit", {"given_name": "Lena", "family_name": "Fischer", "city": "Bonn"})
    post(f"/contacts/{lena}/remove", {})
    assert contacts.count_contacts(core) == 0


def test_settings_trips_and_duplicates_answer_with_a_redirect(
    client: TestClient, core: App
) -> None:
    post = _poster(client)
    saved = post("/settings", {"user_name": "Jordan Lee"})
    assert "Saved 1 setting." in client.get(saved.headers["location"]).text
    token = access.feed_token(core)
    post("/settings/feed/regenerate", {})
    assert access.feed_token(core) != token
    added = post("/trips", {"city": "Denver", "start": "2026-12-03", "end": "2026-12-05"})
    assert "Trip to Denver, 3-5 Dec 2026, added." in client.get(added.headers["location"]).text
    (trip,) = occasions.list_trips(core)
    post(f"/trips/{trip.trip.id}/remove", {})
    assert occasions.list_trips(core) == []
    ana = _ana(core)
    ann = contacts.save_contact(
        core,
        Contact(given_name="Ana", family_name="Ruiz", organization="Harbor",
                phones=(Phone("+18165550142"),)),
        force=True,
    )  # fmt: skip
    other = str(ann.id)
    post("/duplicates/dismiss", {"first": str(ana), "second": other})
    merged = post("/duplicates/merge", {"keep": str(ana), "other": other})
    assert "Undo the merge" in client.get(merged.headers["location"]).text
    post("/duplicates/unmerge", {"keep": str(ana)})
    assert contacts.count_contacts(core) == 2


def test_a_flash_not_made_by_callwise_is_not_shown(client: TestClient) -> None:
    client.cookies.set("callwise_flash", "Your account is locked: call 555-0100")
    page = client.get("/contacts")
    assert page.status_code == 200 and "locked" not in page.text
