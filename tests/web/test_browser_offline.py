"""Offline on a phone (issue 15.7): the service worker keeps Today and the guides of the
coming days' calls, shows its own page for what it did not keep, and a call logged with no
connection waits on the phone and is sent once when the connection is back. Debian's
Chromium driven by Playwright against a real `callwise serve`, at 390 x 844. The connection
is cut as a phone loses it: the browser goes offline and the server goes away (`_offline`)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from browser_support import (  # noqa: F401  (fixtures, used by name)
    Server,
    Shoot,
    browser_fixture,
    phone_fixture,
    shoot_fixture,
    start_server,
)

pytestmark = pytest.mark.browser

KEPT = """url => caches.open("callwise-pages").then(cache => cache.match(url)).then(Boolean)"""
KEPT_WITHOUT = """([url, id]) => caches.open("callwise-pages").then(cache => cache.match(url))
    .then(kept => kept ? kept.text() : "").then(text => !!text && !text.includes(
    `data-contact-id="${id}"`))"""
KEPT_POLLS = 200
WORKER_READY = "() => navigator.serviceWorker.ready.then(r => !!r.active)"


@pytest.fixture(name="server", scope="module")
def server_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for the module: the demo contacts, and who calls (scripts need it, P2.7)."""
    server = start_server(tmp_path_factory.mktemp("offline"), demo=True)
    server.cli("settings", "set", "user_name", "Sam Carter")
    server.cli("settings", "set", "user_phone", "+1 816 555 0100")
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _server_up_again(server: Server) -> Iterator[None]:
    """Each test leaves the module's server running, even one that ends with no connection."""
    yield
    server.start_again()


def _offline(server: Server, page: Page) -> None:
    """No connection: the browser offline and the server gone. Playwright's offline switch
    alone does not always hold back the service worker's own requests (once, in a full run,
    a call "logged offline" reached the server through the worker)."""
    page.context.set_offline(True)
    server.stop()


def _online(server: Server, page: Page) -> None:
    """The connection is back: the server answers before the browser says it is online."""
    server.start_again()
    page.context.set_offline(False)


def _planned(server: Server, page: Page) -> list[str]:
    """The pages the worker keeps: Today, Contacts, then each planned contact's two pages."""
    answer = page.request.get(server.url + "/service-worker/pages")
    assert answer.ok
    pages: list[str] = answer.json()["pages"]
    return pages


def _kept_online(server: Server, page: Page) -> list[str]:
    """Open Today online and wait until the worker has kept every planned page."""
    page.goto(server.url + "/")
    assert page.evaluate(WORKER_READY)
    pages = _planned(server, page)
    assert any(p.endswith("/call") for p in pages), pages
    waiting = list(pages)
    for _ in range(KEPT_POLLS):  # the worker fetches them in the background
        waiting = [url for url in waiting if not page.evaluate(KEPT, url)]
        if not waiting:
            return pages
        page.wait_for_timeout(100)
    pytest.fail(f"the service worker did not keep {waiting}")


def _history(server: Server, contact_id: str) -> list[str]:
    calls = json.loads(server.cli("--json", "history", f"#{contact_id}"))["calls"]
    return [c["outcome"] for c in calls]


def test_today_and_a_planned_guide_open_offline_from_the_workers_cache(
    server: Server, phone: Page, shoot: Shoot
) -> None:
    pages = _kept_online(server, phone)
    guide = next(p for p in pages if p.endswith("/call"))
    _offline(server, phone)
    phone.goto(server.url + "/")
    expect(phone.get_by_role("heading", level=1).first).to_be_visible()
    expect(phone.locator("li.plan-entry").first).to_be_visible()
    shoot(phone, "today-offline")
    phone.goto(server.url + guide)
    expect(phone.get_by_role("heading", name="Who answered?")).to_be_visible()
    shoot(phone, "guide-offline")
    # A page it never kept: its own page, not the browser's error.
    phone.goto(server.url + "/insights")
    expect(phone.get_by_role("heading", name="No connection")).to_be_visible()
    expect(phone.get_by_role("link", name="Back to Today")).to_be_visible()
    shoot(phone, "not-kept-offline")


def test_a_call_logged_offline_waits_on_the_phone_and_is_sent_once(
    server: Server, phone: Page, shoot: Shoot
) -> None:
    pages = _kept_online(server, phone)
    guide = [p for p in pages if p.endswith("/call")][-1]
    contact_id = guide.split("/")[2]
    before = _history(server, contact_id)
    _offline(server, phone)
    phone.goto(server.url + guide)
    phone.get_by_text("No answer: voicemail").tap()
    phone.get_by_role("button", name="Left voicemail").first.tap()
    status = phone.locator("#outbox-status")
    expect(status).to_contain_text("Saved on this phone")
    expect(status).to_contain_text("will be sent when you are online")
    shoot(phone, "queued")
    assert _history(server, contact_id) == before, "nothing reaches the server offline"

    phone.goto("about:blank")  # else the guide's `online` event may send it before Today opens
    _online(server, phone)
    phone.goto(server.url + "/")  # back online: the next page sends what waits
    expect(status).to_contain_text("Sent: the call with")
    shoot(phone, "sent")
    after = _history(server, contact_id)
    assert after.count("voicemail") == before.count("voicemail") + 1
    assert len(after) == len(before) + 1

    phone.goto(server.url + guide)  # every page sends what waits: nothing is left
    assert len(_history(server, contact_id)) == len(after)
    assert phone.evaluate("() => window.callwiseOutbox.all()") == []


def test_a_call_sent_twice_with_one_key_is_logged_once(server: Server, phone: Page) -> None:
    """What the outbox relies on when an answer was lost on the way back: the guide's form
    takes the Idempotency-Key, and the second sending replays the first answer."""
    pages = _kept_online(server, phone)
    guide = next(p for p in pages if p.endswith("/call"))
    contact_id = guide.split("/")[2]
    before = len(_history(server, contact_id))
    phone.goto(server.url + guide)
    token = phone.locator('#call-form input[name="csrf_token"]').input_value()
    send = """([url, token]) => fetch(url, {method: "POST", credentials: "same-origin",
        headers: {"Content-Type": "application/x-www-form-urlencoded",
                  "Idempotency-Key": "phone-key-1"},
        body: new URLSearchParams({csrf_token: token, outcome: "busy"})})
        .then(a => [a.status, a.url])"""
    first = phone.evaluate(send, [guide, token])
    second = phone.evaluate(send, [guide, token])
    assert first[0] == 200 and first == second, (first, second)
    assert "/calls/" in first[1]
    assert len(_history(server, contact_id)) == before + 1


def test_the_worker_is_served_from_the_root_and_its_shell_files_exist(
    server: Server, phone: Page
) -> None:
    phone.goto(server.url + "/")
    scope = phone.evaluate("() => navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == server.url + "/"
    kept = phone.evaluate(
        """() => caches.keys().then(names => caches.open(names.find(n => n.startsWith(
            "callwise-shell-")))).then(c => c.keys()).then(ks => ks.map(r => r.url))"""
    )
    for path in ("/static/style.css", "/static/call.js", "/static/offline.js", "/offline"):
        assert server.url + path in kept, path


def _we_talked(page: Page) -> None:
    """Walk the guide's answered branch to its end and log "We talked"."""
    page.get_by_text("They answered").tap()
    stage = page.locator("section.call-stage:visible")
    while stage.locator('[data-step="next"]:visible').count():
        stage.locator('[data-step="next"]:visible').tap()
    stage.get_by_role("button", name="We talked").tap()


def _logged_offline_then_open(server: Server, page: Page, contact_id: str, shown: str) -> None:
    """Log "We talked" in the contact's guide with no connection (it waits in the outbox),
    then open `shown`, still offline: the worker's kept copy, from before the call."""
    page.goto(server.url + f"/contacts/{contact_id}/call")
    _offline(server, page)
    _we_talked(page)
    expect(page.locator("#outbox-status")).to_contain_text("Saved on this phone")
    page.goto(server.url + shown)


def _kept_without(server: Server, page: Page, url: str, contact_id: str) -> None:
    """Wait until the worker's kept copy of `url` no longer lists the contact's call."""
    for _ in range(KEPT_POLLS):  # the worker fetches it again in the background
        if page.evaluate(KEPT_WITHOUT, [server.url + url, contact_id]):
            return
        page.wait_for_timeout(100)
    pytest.fail(f"the service worker still keeps a {url} that lists the call")


def test_today_drops_a_call_the_outbox_sent_when_back_online(
    server: Server, phone: Page, shoot: Shoot
) -> None:
    """A call logged offline and sent later while Today shows: Today's list follows the
    server's plan, so nobody is called twice (issue 15.7); the kept Today follows it too."""
    _kept_online(server, phone)
    card = phone.locator("li.plan-entry").first
    contact_id = card.get_attribute("data-contact-id") or ""
    name = card.locator(".entry-name").inner_text()
    _logged_offline_then_open(server, phone, contact_id, "/")
    listed = phone.locator(f'li.plan-entry[data-contact-id="{contact_id}"]')
    expect(listed).to_have_count(1)  # the kept Today: the call still shows as one to make
    listed.locator("a.guide-link").focus()  # where a screen reader may be when it is sent
    _online(server, phone)  # the `online` event sends what waits
    status = phone.locator("#outbox-status")
    expect(status).to_contain_text(f"Sent: the call with {name}")
    fresh = phone.request.get(server.url + "/").text()  # the server's plan decides
    assert f'data-contact-id="{contact_id}"' not in fresh
    expect(listed).to_have_count(0)
    expect(phone.get_by_role("heading", name="Calls", exact=True)).to_be_focused()
    expect(status).to_contain_text(f"Sent: the call with {name}")
    shoot(phone, "today-after-sent")

    # The worker keeps the new Today: offline again, the call is not shown as due.
    _kept_without(server, phone, "/", contact_id)
    _offline(server, phone)
    phone.goto(server.url + "/")
    expect(phone.locator("li.plan-entry").first).to_be_visible()
    expect(listed).to_have_count(0)
    _online(server, phone)


def test_a_contacts_page_shows_the_call_the_outbox_sent(server: Server, phone: Page) -> None:
    """The contact's page, open when the call is sent, lists it among the calls made."""
    _kept_online(server, phone)
    contact_id = phone.locator("li.plan-entry").first.get_attribute("data-contact-id") or ""
    _logged_offline_then_open(server, phone, contact_id, f"/contacts/{contact_id}")
    calls = phone.locator("#timeline li.timeline-call")
    before = calls.count()
    _online(server, phone)
    expect(phone.locator("#outbox-status")).to_contain_text("Sent: the call with")
    expect(calls).to_have_count(before + 1)
    expect(calls.first).to_have_attribute("data-outcome", "connected")
