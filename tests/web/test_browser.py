"""The web app in a real browser (issue 7): Debian's Chromium driven by Playwright against a
real `callwise serve` on a free loopback port, each test with its own database. Every page a
flow visits is saved under artifacts/screenshots/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import ConsoleMessage, Page, Route, expect

from browser_support import (  # noqa: F401  (fixtures, used by name)
    PHONE_VIEWPORT,
    Server,
    Shoot,
    StartServer,
    browser_fixture,
    desktop_fixture,
    no_js_fixture,
    phone_fixture,
    serve_fixture,
    shoot_fixture,
)

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NAME = "Rosa Delgado"
GOOD_PHONE = "+1 816 555 0142"
TEL = re.compile(r"^tel:\+1-?816-?555-?0142$")  # RFC 3966 allows the dashes
NOTE = "Sang happy birthday after the beep"
MIN_TAP = 40  # px: the smallest comfortable touch target (WCAG 2.5.8 asks 24, Apple 44)
MENU_TAP = 44  # px: the menu links (issue 15)
PAGE_FIXTURES = ("desktop", "phone", "no_js")


@pytest.fixture(name="csp_violations", autouse=True)
def csp_violations_fixture(request: pytest.FixtureRequest) -> Iterator[list[str]]:
    """Fail any test whose pages logged a Content Security Policy violation (issue 11): the
    policy must not break a page. A test that provokes one on purpose empties the list."""
    seen: list[str] = []

    def record(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            seen.append(message.text)

    for name in PAGE_FIXTURES:
        if name in request.fixturenames:
            page: Page = request.getfixturevalue(name)
            page.on("console", record)
            page.context.on("page", lambda opened: opened.on("console", record))
    yield seen
    assert seen == [], "Content Security Policy violations:\n" + "\n".join(seen)


def _me(server: Server) -> None:
    """Scripts say who is calling: the user's own name and number (P2.7)."""
    server.cli("settings", "set", "user_name", "Sam Carter")
    server.cli("settings", "set", "user_phone", "+1 816 555 0100")


def _fill_new_contact(page: Page, phone_number: str) -> None:
    page.get_by_label("Given name").fill("Rosa")
    page.get_by_label("Family name").fill("Delgado")
    page.get_by_label("Relationship").select_option("personal")
    page.get_by_label("City", exact=True).fill("Kansas City")
    page.get_by_label("Phone 1", exact=True).fill(phone_number)


def _add_contact_through_the_form(page: Page, server: Server, shoot: Shoot) -> None:
    """Flow 1: a rejected phone number is named next to its field, what was typed is kept."""
    page.goto(server.url + "/contacts/new")
    shoot(page, "1-new-contact")
    _fill_new_contact(page, "12ab")
    page.get_by_role("button", name="Save contact").click()
    phone_input = page.get_by_label("Phone 1", exact=True)
    expect(phone_input).to_have_attribute("aria-invalid", "true")
    expect(phone_input).to_have_attribute("aria-describedby", re.compile(r"\bphone_1-error\b"))
    expect(page.locator("#phone_1-error")).to_contain_text("'12ab' is not a phone number")
    expect(page.get_by_role("alert")).to_contain_text("not a phone number")
    expect(page.get_by_label("Given name")).to_have_value("Rosa")
    expect(page.get_by_label("City", exact=True)).to_have_value("Kansas City")
    expect(page.get_by_label("Relationship")).to_have_value("personal")
    expect(phone_input).to_have_value("12ab")
    shoot(page, "2-rejected-phone")
    phone_input.fill(GOOD_PHONE)
    page.get_by_label("Day", exact=True).select_option("24")  # the --now date: on Today
    page.get_by_label("Month", exact=True).select_option(label="November")
    page.get_by_role("button", name="Save contact").click()
    expect(page).to_have_url(re.compile(r"/contacts/\d+(\?|$)"))
    expect(page.get_by_role("heading", level=1)).to_have_text(NAME)
    expect(page.locator(".contact-actions a.call-link")).to_have_attribute("href", TEL)
    shoot(page, "3-contact")


def _see_them_on_today(page: Page, server: Server, shoot: Shoot) -> None:
    """Flow 2: their birthday puts them on Today, with a tel: link and the guide."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Today").click()
    entry = page.locator("li.plan-entry", has_text=NAME)
    expect(entry).to_have_count(1)
    expect(entry.locator(".reasons")).to_contain_text("Birthday")
    expect(entry.locator('a.call-link[href^="tel:+1"]')).to_be_visible()
    expect(entry.locator("a.call-link")).to_have_attribute("href", TEL)
    expect(entry.locator("a.guide-link")).to_be_visible()
    shoot(page, "4-today")


def _open_the_script(page: Page, shoot: Shoot) -> None:
    """Flow 3: their page shows the script for the next occasion, the birthday (P9.1)."""
    page.locator("li.plan-entry", has_text=NAME).get_by_role("link", name=NAME).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(NAME)
    script = page.locator("section.contact-script")
    expect(script.get_by_role("heading", level=2)).to_contain_text("birthday")
    expect(script).to_contain_text("Hi Rosa, it's Sam")
    expect(script).to_contain_text("happy birthday")
    shoot(page, "5-script")


def _walk_the_guide_to_voicemail(page: Page, shoot: Shoot) -> None:
    """Flow 4: nobody answers, the voicemail with its timer, a note, "Left voicemail"."""
    page.get_by_role("link", name="Open the guide").first.click()
    expect(page).to_have_url(re.compile(r"/contacts/\d+/call$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Call {NAME}")
    shoot(page, "6-guide")
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)  # from here time moves on command
    page.get_by_label("No answer: voicemail").check()
    voicemail = page.locator('section.call-stage[data-stage="voicemail"]')
    expect(voicemail).to_be_visible()
    expect(voicemail).to_contain_text("happy birthday")
    count = page.locator("#voicemail-timer").get_by_role("timer")
    expect(count).to_have_text("0 s")
    page.clock.run_for(5000)  # five seconds pass at once
    expect(count).to_have_text("5 s")
    voicemail.get_by_label("Notes on the voicemail").fill(NOTE)
    shoot(page, "7-voicemail")
    voicemail.get_by_role("button", name="Left voicemail").click()
    result = page.locator("#call-result")
    expect(result.get_by_role("heading", level=1)).to_contain_text("left voicemail")
    expect(result).to_contain_text(NOTE)
    expect(result.locator(".next-steps li").first).to_contain_text("24 Dec 2026")
    shoot(page, "8-scheduled")


def _see_the_call_in_the_timeline(page: Page, shoot: Shoot) -> None:
    page.locator("#call-result").get_by_role("link", name=NAME).click()
    call = page.locator('li.timeline-call[data-outcome="voicemail"]')
    expect(call).to_have_count(1)
    expect(call).to_contain_text(NOTE)
    shoot(page, "9-timeline")


def test_a_contact_added_in_the_form_is_called_from_today(
    serve: StartServer, desktop: Page, shoot: Shoot
) -> None:
    server = serve()
    _me(server)
    desktop.clock.install()  # the voicemail timer then runs on Playwright's clock
    _add_contact_through_the_form(desktop, server, shoot)
    _see_them_on_today(desktop, server, shoot)
    _open_the_script(desktop, shoot)
    _walk_the_guide_to_voicemail(desktop, shoot)
    _see_the_call_in_the_timeline(desktop, shoot)


def test_a_vcard_is_imported_through_the_preview(
    serve: StartServer, desktop: Page, shoot: Shoot
) -> None:
    server = serve()
    page = desktop
    page.goto(server.url + "/import")
    shoot(page, "1-import")
    form = page.locator("#import-form")
    form.locator("input[type=file]").set_input_files(FIXTURES / "vcard30_apple_itemgroups.vcf")
    form.get_by_role("button", name="Preview the import").click()
    preview = page.locator("#import-preview")
    for name in ("Chidi Okafor", "Blue Prairie Catering", "Astrid Lindqvist"):
        expect(preview).to_contain_text(name)
    expect(preview.locator('[data-count="new"]')).to_have_text("3")
    shoot(page, "2-preview")
    page.locator("#import-confirm").get_by_role("button", name="Import").click()
    expect(page.locator("#import-result")).to_be_visible()
    shoot(page, "3-result")
    page.get_by_role("link", name="See your contacts").click()
    page.get_by_label("Search").fill("Lindqvist")  # contacts.js searches as one types
    results = page.locator("#contact-results")
    expect(results.get_by_role("link", name="Astrid Lindqvist")).to_be_visible()
    expect(results.get_by_role("link", name="Chidi Okafor")).to_have_count(0)
    shoot(page, "4-search")


def test_on_a_phone_the_number_is_one_big_tap_away(
    serve: StartServer, phone: Page, shoot: Shoot
) -> None:
    server = serve(demo=True)
    phone.goto(server.url + "/")
    link = phone.locator('a.call-link[href^="tel:"]').first
    expect(link).to_be_visible()
    box = link.bounding_box()
    assert box is not None
    assert box["width"] >= MIN_TAP and box["height"] >= MIN_TAP, f"tap target {box}"
    assert re.fullmatch(r"Call \+1 \d{3}-\d{3}-\d{4}", link.inner_text()), link.inner_text()
    width = phone.evaluate("document.scrollingElement.scrollWidth")
    assert width <= PHONE_VIEWPORT["width"], f"Today scrolls sideways: {width} px wide"
    shoot(phone, "today")


def test_on_a_phone_every_menu_link_is_a_44_px_target(serve: StartServer, phone: Page) -> None:
    """The menu is tapped with a thumb (issue 15): each link at least 44 px high."""
    server = serve()
    phone.goto(server.url + "/contacts")
    links = phone.get_by_role("navigation", name="Main").get_by_role("link")
    assert links.count() >= 6
    for link in links.all():
        box = link.bounding_box()
        assert box is not None and box["height"] >= MENU_TAP, (link.inner_text(), box)


def test_the_api_docs_render_offline_under_the_strict_policy(
    serve: StartServer, desktop: Page, shoot: Shoot
) -> None:
    """Swagger UI comes from this server (issue 15.7): requests elsewhere are refused here,
    and the page must still list the API's operations with no CSP violation."""
    server = serve()
    outside: list[str] = []

    def only_this_server(route: Route) -> None:
        if route.request.url.startswith(server.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    desktop.route("**/*", only_this_server)
    desktop.goto(server.url + "/api/v1/docs")
    expect(desktop.locator(".swagger-ui .opblock").first).to_be_visible()
    today = desktop.locator(".opblock", has_text="/api/v1/today").first
    today.locator(".opblock-summary").click()  # opened: parameters, responses, media types
    expect(today.get_by_role("button", name="Try it out")).to_be_visible()
    expect(today.locator("select").first).to_be_visible()
    shoot(desktop, "api-docs")
    assert outside == []


PAGES = ("/", "/contacts", "/duplicates", "/import", "/trips", "/settings", "/insights")


def _first_contact_id(page: Page, server: Server) -> str:
    page.goto(server.url + "/")
    return page.locator("li.plan-entry").first.get_attribute("data-contact-id") or ""


def _tour(page: Page, server: Server, shoot: Shoot, width: int | None) -> list[str]:
    """Visit every page; return what went wrong (error status, sideways scroll on a phone)."""
    contact = _first_contact_id(page, server)
    paths = [*PAGES, f"/contacts/{contact}", f"/contacts/{contact}/call"]
    problems = []
    for path in paths:
        response = page.goto(server.url + path)
        assert response is not None
        if response.status >= 400:
            problems.append(f"{path}: HTTP {response.status}")
        expect(page.get_by_role("heading", level=1).first).to_be_visible()
        scrolled = page.evaluate("document.scrollingElement.scrollWidth")
        if width is not None and scrolled > width:
            problems.append(f"{path}: {scrolled} px wide on a {width} px phone")
        step = path.strip("/").replace("/", "-") or "today"
        shoot(page, re.sub(r"\d+", "id", step))
    return problems


def _demo_with_me(serve: StartServer) -> Server:
    server = serve(demo=True)
    _me(server)
    return server


def test_every_page_renders_on_a_desktop(serve: StartServer, desktop: Page, shoot: Shoot) -> None:
    assert _tour(desktop, _demo_with_me(serve), shoot, None) == []


def test_every_page_renders_on_a_phone(serve: StartServer, phone: Page, shoot: Shoot) -> None:
    assert _tour(phone, _demo_with_me(serve), shoot, PHONE_VIEWPORT["width"]) == []


def test_without_javascript_the_guide_is_one_form_that_logs_the_call(
    serve: StartServer, no_js: Page, shoot: Shoot
) -> None:
    server = serve()
    _me(server)
    where = ("--city", "Kansas City", "--region", "MO", "--country", "US")
    server.cli("contacts", "add", NAME, "--phone", GOOD_PHONE, *where, "--birthday", "--11-24")
    no_js.goto(server.url + "/")
    no_js.locator("li.plan-entry", has_text=NAME).locator("a.guide-link").click()
    voicemail = no_js.locator('section.call-stage[data-stage="voicemail"]')
    expect(voicemail).to_be_visible()
    expect(no_js.locator('section.call-stage[data-stage="opener"]')).to_be_visible()
    no_js.get_by_label("No answer: voicemail").check()
    voicemail.get_by_label("Notes on the voicemail").fill(NOTE)
    shoot(no_js, "1-guide")
    outcome = no_js.locator('section.call-stage[data-stage="outcome"]')
    outcome.get_by_role("button", name="Left voicemail").click()
    result = no_js.locator("#call-result")
    expect(result.get_by_role("heading", level=1)).to_contain_text("left voicemail")
    expect(result).to_contain_text(NOTE)
    shoot(no_js, "2-saved")


INJECT = """() => {
    const script = document.createElement("script");
    script.textContent = "window.injected = true";
    document.body.appendChild(script);
    const img = document.createElement("img");
    img.src = "http://203.0.113.9/pixel.png";
    document.body.appendChild(img);
}"""


def test_the_policy_blocks_injected_script_and_the_check_sees_it(
    serve: StartServer, desktop: Page, csp_violations: list[str]
) -> None:
    """What a stored XSS would do: an inline script and a foreign image, both refused, and
    the violation check above notices (so it can fail a test)."""
    server = serve()
    desktop.goto(server.url + "/contacts")
    with (
        desktop.expect_console_message(lambda m: "script-src" in m.text),
        desktop.expect_console_message(lambda m: "img-src" in m.text),
    ):
        desktop.evaluate(INJECT)
    assert desktop.evaluate("window.injected === undefined")
    assert any("script-src" in text for text in csp_violations), csp_violations
    assert any("img-src" in text for text in csp_violations), csp_violations
    csp_violations.clear()


def test_two_records_of_one_person_are_merged_from_the_duplicates_page(
    serve: StartServer, phone: Page, shoot: Shoot
) -> None:
    """Issue 13: the pair side by side, what will change, Merge, then Undo offered."""
    server = serve()
    server.cli("contacts", "add", "William Hartley", "--phone", "mobile:415-555-0162")
    server.cli(
        "contacts", "add", "Bill Hartley", "--org", "Harbor Freight",
        "--phone", "mobile:415-555-0162", "--force",
    )  # fmt: skip
    phone.goto(server.url + "/contacts")
    phone.get_by_role("link", name="Possible duplicates").click()
    pair = phone.locator("section.duplicate-pair")
    expect(pair).to_have_count(1)
    expect(pair).to_contain_text("nickname")
    width = phone.evaluate("document.scrollingElement.scrollWidth")
    assert width <= PHONE_VIEWPORT["width"], f"the pair scrolls sideways: {width} px wide"
    shoot(phone, "1-duplicates")
    pair.get_by_role("link", name="Merge").click()
    expect(phone.locator(".merge-changes")).to_contain_text("Harbor Freight")
    shoot(phone, "2-merge-confirm")
    phone.get_by_role("button", name="Merge").click()
    expect(phone.get_by_role("button", name="Undo the merge")).to_be_visible()
    expect(phone.locator("section.duplicate-pair")).to_have_count(0)
    shoot(phone, "3-merged")
