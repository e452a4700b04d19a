"""What the service worker and the phone's outbox rely on (issue 15.7): the worker at the
root with every shell file it keeps, the pages of the coming days' calls, the offline page,
pages with a one-time message never kept, and a call form sent twice with one key saved once.
The worker itself runs in Chromium: tests/web/test_browser_offline.py."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from callwise.domain.model import Contact, Phone
from callwise.services import calls, contacts
from callwise.services.app import App
from callwise.services.settings import set_setting
from callwise.web.headers import POLICY
from web_support import csrf_of


def test_the_worker_is_served_from_the_root_with_its_version_and_shell(
    client: TestClient,
) -> None:
    answer = client.get("/sw.js")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/javascript")
    assert answer.headers["cache-control"] == "no-cache"
    assert answer.headers["content-security-policy"] == POLICY
    script = answer.text
    assert "__VERSION__" not in script and "__SHELL__" not in script
    shell = re.search(r"var SHELL = (\[.*?\]);", script)
    assert shell is not None
    urls = re.findall(r'"([^"]+)"', shell.group(1))
    for needed in ("/static/style.css", "/static/call.js", "/static/offline.js", "/offline"):
        assert needed in urls, needed
    # One missing file and the browser refuses the whole worker: each must answer.
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_the_worker_keeps_today_and_the_pages_of_the_coming_days_calls(
    demo_client: TestClient,
) -> None:
    pages = demo_client.get("/service-worker/pages").json()["pages"]
    assert pages[:2] == ["/", "/contacts"]
    planned = demo_client.get("/api/v1/plan", params={"days": 3}).json()
    ids = {entry["contact"]["id"] for day in planned["days"] for entry in day["entries"]}
    assert ids, "the demo plans calls for the coming days"
    for contact_id in ids:
        assert f"/contacts/{contact_id}" in pages and f"/contacts/{contact_id}/call" in pages
    for url in pages:
        assert demo_client.get(url).status_code == 200, url


def test_the_offline_page_says_what_still_works(client: TestClient) -> None:
    page = client.get("/offline")
    assert page.status_code == 200
    assert "No connection" in page.text and "Back to Today" in page.text
    assert '<script src="/static/offline.js" defer></script>' in page.text


def _ana(core: App) -> int:
    set_setting(core, "user_name", "Jordan Lee")
    set_setting(core, "user_phone", "+18165550100")
    saved = contacts.save_contact(
        core, Contact(given_name="Ana", family_name="Ruiz", phones=(Phone("+18165550142"),))
    )
    assert saved.id is not None
    return saved.id


def test_a_page_with_a_one_time_message_is_not_kept(client: TestClient, core: App) -> None:
    """The worker keeps no page marked no-store: shown again offline, the message would lie."""
    ana = _ana(core)
    form = {"csrf_token": csrf_of(client, "/"), "notes_voicemail": "SSN 123-45-6789"}
    saved = client.post(
        f"/contacts/{ana}/call", data={**form, "outcome": "voicemail"}, follow_redirects=False
    )
    said = client.get(saved.headers["location"])
    assert "social security number" in said.text  # the warning, said once
    assert said.headers["cache-control"] == "no-store"
    again = client.get(saved.headers["location"])
    assert "social security number" not in again.text
    assert "no-store" not in again.headers.get("cache-control", "")


def test_a_guided_call_sent_twice_with_one_key_is_saved_once(client: TestClient, core: App) -> None:
    ana = _ana(core)
    token = csrf_of(client, "/")
    url = f"/contacts/{ana}/call"
    form = {"csrf_token": token, "answer": "no_answer", "outcome": "voicemail"}
    keyed = {**form, "idempotency_key": "outbox-1"}
    first = client.post(url, data=keyed, follow_redirects=False)
    again = client.post(url, data=keyed, follow_redirects=False)
    by_header = client.post(
        url, data=form, headers={"Idempotency-Key": "outbox-2"}, follow_redirects=False
    )
    header_again = client.post(
        url, data=form, headers={"Idempotency-Key": "outbox-2"}, follow_redirects=False
    )
    assert first.status_code == again.status_code == 303
    assert again.headers["location"] == first.headers["location"]
    assert again.headers["idempotent-replayed"] == "true"
    assert header_again.headers["location"] == by_header.headers["location"]
    assert len(calls.history(core, f"#{ana}")) == 2
    # Without a key nothing changes: each post is a call.
    client.post(url, data=form, follow_redirects=False)
    assert len(calls.history(core, f"#{ana}")) == 3


def test_a_refused_call_frees_its_key(client: TestClient, core: App) -> None:
    """The outbox may send a call again with the same key once it is fixed: it is saved then."""
    ana = _ana(core)
    url = f"/contacts/{ana}/call"
    form = {"csrf_token": csrf_of(client, "/"), "idempotency_key": "k"}
    refused = client.post(url, data={**form, "outcome": ""}, follow_redirects=False)
    assert refused.status_code == 422
    assert calls.history(core, f"#{ana}") == []
    fixed = client.post(url, data={**form, "outcome": "busy"}, follow_redirects=False)
    assert fixed.status_code == 303
    assert [c.outcome.value for c in calls.history(core, f"#{ana}")] == ["busy"]
