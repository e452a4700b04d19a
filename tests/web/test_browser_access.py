"""Accessibility checked (issue 15.8): axe-core (WCAG 2 A and AA) finds nothing on any page
or state at desktop (1280 x 800) and phone (390 x 844) size, every thing to tap is at least
44 x 44 px, and the guide's outcome buttons are pinned at the bottom on a phone like the
other stages' docks (issue 15). One server and one Chromium for the whole module; each page
is also saved as a screenshot in artifacts/screenshots/."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from axe_support import axe_source, axe_violations, small_targets
from browser_support import (  # noqa: F401  (fixtures, used by name)
    PHONE_VIEWPORT,
    TIMEOUT_MS,
    Server,
    Shoot,
    browser_fixture,
    shoot_fixture,
    start_server,
)

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DESKTOP = {"width": 1280, "height": 800}
SIZES = {"desktop": DESKTOP, "phone": PHONE_VIEWPORT}
SEEN_AGAIN = """state => {
    Object.defineProperty(document, "visibilityState", {value: state, configurable: true});
    document.dispatchEvent(new Event("visibilitychange"));
}"""
STOP_LEAVING = """() => document.addEventListener("click", event => {
    if (event.target.closest('a[href^="tel:"]')) event.preventDefault();
})"""


@pytest.fixture(name="server", scope="module")
def server_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The demo contacts, and who calls (scripts need it, P2.7)."""
    axe_source()  # skip (or fail in CI) before starting anything
    server = start_server(tmp_path_factory.mktemp("access"), demo=True)
    server.cli("settings", "set", "user_name", "Sam Carter")
    server.cli("settings", "set", "user_phone", "+1 816 555 0100")
    yield server
    server.stop()


def _page(browser: Browser, size: str) -> Page:
    viewport = SIZES[size]
    phone = size == "phone"
    context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone)
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


Check = Callable[[str], None]


def _guide_states(page: Page, guide: str, check: Check) -> None:
    """Each stage of the guide on each branch, then a logged call."""
    page.goto(guide)
    check("guide-who-answered")
    for branch in ("An assistant or switchboard answered", "No answer: voicemail"):
        page.goto(guide)
        page.get_by_text(branch).click()
        check(f"guide-{page.locator('section.call-stage:visible').get_attribute('data-stage')}")
    page.goto(guide)
    page.get_by_text("They answered").click()
    while True:
        stage = page.locator("section.call-stage:visible")
        check(f"guide-{stage.get_attribute('data-stage')}")
        following = stage.locator('[data-step="next"]:visible')
        if following.count() == 0:
            break
        following.click()
    page.locator("details.prepare > summary").click()
    check("guide-preparation-open")
    stage.get_by_role("button", name="We talked").click()
    expect(page.locator("#call-result")).to_be_visible()
    check("call-done")


def _today_states(page: Page, server: Server, check: Check) -> str:
    """Today, and "How did it go?" after a call; returns a planned contact's id."""
    page.goto(server.url + "/")
    check("today")
    contact = page.locator("li.plan-entry").first.get_attribute("data-contact-id") or ""
    page.evaluate(STOP_LEAVING)
    page.locator("li.plan-entry").first.locator("a.call-link").click()
    page.evaluate(SEEN_AGAIN, "hidden")
    page.evaluate(SEEN_AGAIN, "visible")
    expect(page.locator("#after-call")).to_be_visible()
    check("today-how-did-it-go")
    return contact


def _trip_states(page: Page, server: Server, check: Check) -> None:
    """A city of several places (choose one), an unknown city, then a trip with invitations."""
    for city, state in (
        ("Springfield", "trips-which-city"),
        ("Qwertyville", "trips-unknown-city"),
        ("Kansas City", "trips-added"),
    ):
        page.goto(server.url + "/trips")
        form = page.locator("#trip-form")
        form.get_by_label("City").fill(city)
        form.get_by_label("First day there").fill("2026-12-01")
        form.get_by_label("Last day there").fill("2026-12-03")
        form.get_by_role("button", name="Add trip").click()
        answered = page.locator("#place-choices, #trip-form .field-error, p.flash")
        expect(answered.first).to_be_visible()
        check(state)


def _data_states(page: Page, server: Server, check: Check) -> None:
    page.goto(server.url + "/import")
    check("import")
    form = page.locator("#import-form")
    form.locator("input[type=file]").set_input_files(FIXTURES / "vcard30_apple_itemgroups.vcf")
    form.get_by_role("button", name="Preview the import").click()
    expect(page.locator("#import-preview")).to_be_visible()
    check("import-preview")


def _walk(page: Page, server: Server, check: Check) -> None:
    """Every page and state a person meets."""
    contact = _today_states(page, server, check)
    for name, path in (
        ("contacts", "/contacts"),
        ("contacts-search", "/contacts?q=kansas+city"),
        ("contact", f"/contacts/{contact}"),
        ("contact-add", "/contacts/new"),
        ("contact-edit", f"/contacts/{contact}/edit"),
        ("contact-remove", f"/contacts/{contact}/remove"),
        ("script-printable", f"/contacts/{contact}/script"),
        ("duplicates", "/duplicates"),
        ("insights", "/insights"),
        ("trips", "/trips"),
        ("settings", "/settings"),
        ("login", "/login"),
        ("offline", "/offline"),
        ("error-not-found", "/contacts/999999"),
    ):
        page.goto(server.url + path)
        check(name)
    page.goto(server.url + "/contacts/new")
    page.get_by_role("button", name="Save contact").click()  # no name: refused, 422
    expect(page.locator(".field-error").first).to_be_visible()
    check("contact-add-refused")
    _data_states(page, server, check)
    _trip_states(page, server, check)
    _guide_states(page, f"{server.url}/contacts/{contact}/call", check)


@pytest.mark.parametrize("size", SIZES)
def test_every_page_and_state_passes_axe_with_44_px_targets(
    server: Server, browser: Browser, shoot: Shoot, size: str
) -> None:
    page = _page(browser, size)
    problems: list[str] = []
    seen: list[str] = []

    def check(state: str) -> None:
        seen.append(state)
        shoot(page, state)
        problems.extend(f"{state}: {line}" for line in axe_violations(page))
        problems.extend(f"{state}: small target {line}" for line in small_targets(page))

    try:
        _walk(page, server, check)
    finally:
        page.context.close()
    assert len(seen) >= 25, seen
    assert problems == [], "\n".join(problems)


def test_on_a_phone_the_outcome_buttons_are_pinned_at_the_bottom(
    server: Server, browser: Browser, shoot: Shoot
) -> None:
    """The last stage's eight outcomes stay in view while its fields scroll (issue 15)."""
    page = _page(browser, "phone")
    try:
        page.goto(server.url + "/")
        contact = page.locator("li.plan-entry").nth(1).get_attribute("data-contact-id")
        page.goto(f"{server.url}/contacts/{contact}/call")
        page.get_by_text("They answered").click()
        page.get_by_role("link", name="Outcome").click()
        dock = page.locator("section.call-stage[data-stage=outcome] .stage-dock")
        buttons = dock.locator('button[name="outcome"]')
        assert buttons.count() == 8
        height = PHONE_VIEWPORT["height"]
        page.screenshot(path=str(shoot(page, "outcome-dock")).replace(".png", "-screen.png"))
        for place in ("top", "middle"):
            box = dock.bounding_box()
            assert box is not None
            assert abs(box["y"] + box["height"] - height) <= 1, (place, box)
            assert box["height"] <= 0.6 * height, (place, box)
            first = buttons.first.bounding_box()
            assert first is not None and first["y"] >= box["y"], (place, first)
            page.mouse.wheel(0, 300)
        expect(buttons.filter(has_text=re.compile("^We talked$"))).to_be_in_viewport()
        buttons.filter(has_text="Wrong number").scroll_into_view_if_needed()
        expect(buttons.filter(has_text="Wrong number")).to_be_in_viewport()
    finally:
        page.context.close()
