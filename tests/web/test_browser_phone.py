"""One screen for the call, on a phone (issue 15): Call first, "Who answered?" on the first
screen of the guide, the voicemail timer and "Left voicemail" pinned in view, arrow keys that
only move between the choices, and "How did it go?" when the page is seen again after a call.
Debian's Chromium driven by Playwright against a real `callwise serve`, at 390 x 844."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from browser_support import (  # noqa: F401  (fixtures, used by name)
    PHONE_VIEWPORT,
    TIMEOUT_MS,
    Server,
    Shoot,
    StartServer,
    browser_fixture,
    phone_fixture,
    serve_fixture,
    shoot_fixture,
)

pytestmark = pytest.mark.browser

NAME = "Rosa Delgado"
HEIGHT = PHONE_VIEWPORT["height"]
MAX_TAPS = 4
SEEN_AGAIN = """state => {
    Object.defineProperty(document, "visibilityState", {value: state, configurable: true});
    document.dispatchEvent(new Event("visibilitychange"));
}"""


def _rosa(server: Server) -> None:
    """Scripts need who calls (P2.7); Rosa's birthday is today, so she is on Today."""
    server.cli("settings", "set", "user_name", "Sam Carter")
    server.cli("settings", "set", "user_phone", "+1 816 555 0100")
    where = ("--city", "Kansas City", "--region", "MO", "--country", "US")
    server.cli(
        "contacts", "add", NAME, "--phone", "+1 816 555 0142", *where, "--birthday", "--11-24"
    )


def _calls_logged(server: Server) -> list[str]:
    return [c["outcome"] for c in json.loads(server.cli("--json", "history", NAME))["calls"]]


def _in_view(page: Page, target: Locator) -> None:
    """The whole of `target` is inside the viewport, as it stands (no scrolling)."""
    expect(target).to_be_visible()
    box = target.bounding_box()
    assert box is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= HEIGHT, f"off screen: {box}"


class Taps:
    """Taps on the page, counted."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, target: Locator) -> None:
        self.count += 1
        target.tap()


def _stop_leaving(page: Page) -> None:
    """A tel: link hands the page to the phone app; headless Chromium has none, so the
    navigation is cancelled here (the page's own click handlers still run)."""
    page.evaluate(
        """() => document.addEventListener("click", event => {
            if (event.target.closest('a[href^="tel:"]')) event.preventDefault();
        })"""
    )


def test_from_today_to_a_logged_voicemail_in_four_taps(
    serve: StartServer, phone: Page, shoot: Shoot
) -> None:
    server = serve()
    _rosa(server)
    tap = Taps()
    phone.goto(server.url + "/")
    card = phone.locator("li.plan-entry", has_text=NAME)
    _in_view(phone, card.locator('a.call-link[href^="tel:"]'))
    tap(card.get_by_role("link", name="Open the guide"))
    expect(phone).to_have_url(re.compile(r"/contacts/\d+/call$"))
    _in_view(phone, phone.get_by_role("heading", name="Who answered?"))
    _in_view(phone, phone.get_by_label("No answer: voicemail"))
    expect(phone.locator("details.prepare")).not_to_have_attribute("open", "")
    shoot(phone, "1-guide")
    _stop_leaving(phone)
    tap(phone.locator(".call-head").get_by_role("link", name=re.compile(r"^Call \+1")))
    tap(phone.get_by_label("No answer: voicemail"))
    voicemail = phone.locator('section.call-stage[data-stage="voicemail"]')
    expect(voicemail).to_contain_text("happy birthday")
    _in_view(phone, phone.locator("#voicemail-timer").get_by_role("timer"))
    finish = voicemail.get_by_role("button", name="Left voicemail")
    _in_view(phone, finish)
    phone.screenshot(path=str(shoot(phone, "2-voicemail")).replace(".png", "-screen.png"))
    tap(finish)
    expect(phone.locator("#call-result h1")).to_contain_text("left voicemail")
    assert tap.count <= MAX_TAPS
    assert _calls_logged(server) == ["voicemail"]


def test_back_from_a_call_today_asks_how_it_went(
    serve: StartServer, phone: Page, shoot: Shoot
) -> None:
    server = serve()
    _rosa(server)
    phone.goto(server.url + "/")
    prompt = phone.locator("#after-call")
    expect(prompt).to_be_hidden()
    _stop_leaving(phone)
    phone.locator("li.plan-entry", has_text=NAME).locator("a.call-link").tap()
    phone.evaluate(SEEN_AGAIN, "hidden")
    expect(prompt).to_be_hidden()
    phone.evaluate(SEEN_AGAIN, "visible")
    expect(prompt.get_by_role("heading")).to_have_text(f"How did it go with {NAME}?")
    _in_view(phone, prompt.get_by_role("button", name="Left voicemail"))
    shoot(phone, "1-how-did-it-go")
    prompt.get_by_role("button", name="Left voicemail").tap()
    expect(phone.locator("#call-result h1")).to_contain_text("left voicemail")
    assert _calls_logged(server) == ["voicemail"]


def test_on_a_contact_page_call_comes_first_and_remove_last(
    serve: StartServer, phone: Page, shoot: Shoot
) -> None:
    server = serve()
    _rosa(server)
    phone.goto(server.url + "/")
    phone.locator("li.plan-entry", has_text=NAME).get_by_role("link", name=NAME).click()
    call = phone.locator(".contact-actions a.call-link")
    _in_view(phone, call)
    box = call.bounding_box()
    assert box is not None and box["height"] >= 44, box
    remove = phone.get_by_role("link", name=f"Remove {NAME}…")
    assert (remove.bounding_box() or {"y": 0})["y"] > HEIGHT
    shoot(phone, "1-contact")
    _stop_leaving(phone)
    call.tap()
    phone.evaluate(SEEN_AGAIN, "hidden")
    phone.evaluate(SEEN_AGAIN, "visible")
    prompt = phone.locator("#after-call")
    expect(prompt.get_by_role("heading")).to_have_text(f"How did it go with {NAME}?")
    prompt.get_by_role("button", name="We talked").tap()
    expect(phone.locator("#call-result h1")).to_contain_text("we talked")


def test_arrow_keys_in_who_answered_move_without_going_on(serve: StartServer, phone: Page) -> None:
    server = serve()
    _rosa(server)
    phone.goto(server.url + "/")
    phone.locator("li.plan-entry", has_text=NAME).locator("a.guide-link").click()
    first = phone.get_by_label("They answered")
    first.focus()
    phone.keyboard.press("ArrowDown")
    expect(phone.get_by_label("An assistant or switchboard answered")).to_be_checked()
    phone.keyboard.press("ArrowDown")
    expect(phone.get_by_label("No answer: voicemail")).to_be_checked()
    expect(phone.get_by_label("No answer: voicemail")).to_be_focused()
    answer = phone.locator('section.call-stage[data-stage="answer"]')
    voicemail = phone.locator('section.call-stage[data-stage="voicemail"]')
    expect(answer).to_be_visible()
    expect(voicemail).to_be_hidden()
    phone.keyboard.press("Enter")
    expect(voicemail).to_be_visible()
    expect(answer).to_be_hidden()
    expect(phone).to_have_url(re.compile(r"/contacts/\d+/call$"))
    assert _calls_logged(server) == []


@pytest.fixture(name="laptop")
def laptop_fixture(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def test_screenshots_of_today_the_contact_and_the_guide(
    serve: StartServer, phone: Page, laptop: Page, shoot: Shoot
) -> None:
    """For people to look at: each page at 390 x 844 and 1280 x 800, and the guide's stages."""
    server = serve()
    _rosa(server)
    for size, page in (("phone", phone), ("laptop", laptop)):
        page.goto(server.url + "/")
        shoot(page, f"{size}-1-today")
        page.locator("li.plan-entry", has_text=NAME).get_by_role("link", name=NAME).click()
        shoot(page, f"{size}-2-contact")
        page.locator(".contact-actions").get_by_role("link", name="Open the guide").click()
        shoot(page, f"{size}-3-guide")
        page.get_by_label("They answered").click()
        shoot(page, f"{size}-4-opener")
        page.get_by_role("link", name="Who answered").click()
        page.get_by_label("No answer: voicemail").click()
        expect(page.locator("#voicemail-timer")).to_be_visible()
        shoot(page, f"{size}-5-voicemail")
        page.screenshot(path=str(shoot(page, f"{size}-6-voicemail-screen")))
