"""Plain words on every page (issue 15.5): a real `callwise serve` over the demo, crawled in
Chromium at phone and desktop size. What a person reads carries no playbook rule id outside a
"Why this line" <details>, no field key (snake_case), no occasion id and no terminal command;
and the first-run form on Today (issue 15.4) saves and comes back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from browser_support import (  # noqa: F401  (fixtures, used by name)
    DESKTOP_VIEWPORT,
    PHONE_VIEWPORT,
    Server,
    Shoot,
    StartServer,
    browser_fixture,
    phone_fixture,
    serve_fixture,
    shoot_fixture,
)

pytestmark = pytest.mark.browser

RULE_ID = re.compile(r"\bP\d{1,2}\.\d{1,2}\b")
FIELD_KEY = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
COMMAND = re.compile(
    r"\bcallwise (?:init|demo|settings|contacts|import|export|when|today|week|plan|snooze|"
    r"trips|calendar|script|call|log|history|serve|duplicates)\b"
)
OCCASION_ID = re.compile(r"\b(?:return-call|connect call|organization call|custom call)\b")
# The text a person reads: visible text nodes outside <details> (where "Why this line" keeps
# the rule ids). With `everything`, hidden parts count too (the guide's other stages).
READ = """everything => {
  const found = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walk.nextNode(); node; node = walk.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest("details, script, style, noscript, template")) continue;
    if (!everything && !parent.checkVisibility()) continue;
    const text = node.textContent.trim();
    if (text) found.push(text);
  }
  return found.join("\\n");
}"""


def _problems(page: Page, *, everything: bool = False) -> list[str]:
    text = page.evaluate(READ, everything)
    found = []
    for pattern in (RULE_ID, FIELD_KEY, COMMAND, OCCASION_ID):
        for match in pattern.finditer(text):
            found.append(text[max(0, match.start() - 40) : match.end() + 20].replace("\n", " | "))
    return found


def _conflicting_card(server: Server, folder: Path) -> Path:
    """Amara Okafor as another address book has her: a first name, title and birthday that
    differ (conflicts), family notes and an anniversary she lacks (merged fields)."""
    card = "\r\n".join(
        [
            "BEGIN:VCARD",
            "VERSION:3.0",
            "N:Okafor;Amarachi;;Dr.;",
            "FN:Amara Okafor",
            "ORG:Riverside Health System",
            "TITLE:Chief Executive",
            "EMAIL;TYPE=INTERNET,WORK:amara.okafor@example.org",
            "BDAY:1975-09-03",
            "X-ANNIVERSARY:2010-06-12",
            "X-CALLWISE-FAMILY-NOTES:Two sons at college",
            "END:VCARD",
            "",
        ]
    )
    path = folder / "amara.vcf"
    path.write_text(card)
    return path


def _pages(server: Server, page: Page) -> list[str]:
    """Every page of the demo worth reading, by address (a contact from Today's first card)."""
    page.goto(server.url + "/")
    href = page.locator(".plan-entry .entry-name a").first.get_attribute("href")
    assert href
    pair = page.request.get(server.url + "/duplicates").text()
    merge = re.search(r'href="(/duplicates/merge\?keep=\d+&amp;other=\d+)"', pair)
    assert merge, "the demo plus the added Hartleys has a pair"
    return [
        "/",
        "/contacts",
        "/contacts?overdue=1",
        href,
        href + "/call",
        href + "/script",
        href + "/remove",
        "/duplicates",
        merge.group(1).replace("&amp;", "&"),
        "/insights",
        "/trips",
        "/settings",
        "/settings?next=/contacts",
        "/welcome",
        "/login",
        "/import",
    ]


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_every_page_of_the_demo_reads_in_plain_words(
    serve: StartServer, browser: Browser, shoot: Shoot, tmp_path: Path, size: str
) -> None:
    server = serve(demo=True)
    server.cli("contacts", "add", "William Hartley", "--phone", "mobile:415-555-0162")
    server.cli("contacts", "add", "Bill Hartley", "--phone", "mobile:415-555-0162", "--force")
    viewport = PHONE_VIEWPORT if size == "phone" else DESKTOP_VIEWPORT
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    found: dict[str, list[str]] = {}
    try:
        for address in _pages(server, page):
            page.goto(server.url + address)
            everything = address.endswith("/call")  # each stage of the guide, shown or not
            found[address] = _problems(page, everything=everything)
            shoot(page, f"{size}-{re.sub(r'[^a-z0-9]+', '-', address).strip('-') or 'today'}")
        page.goto(server.url + "/import")
        page.set_input_files("input[type=file]", str(_conflicting_card(server, tmp_path)))
        page.locator("form[action='/import/preview'] button[type=submit]").click()
        expect(page.locator("#import-conflicts")).to_contain_text("first name: Amarachi")
        expect(page.locator("#import-merged")).to_contain_text("other dates")
        found["import preview"] = _problems(page)
        shoot(page, f"{size}-import-preview")
    finally:
        context.close()
    assert {where: words for where, words in found.items() if words} == {}


def test_the_first_run_form_on_today_saves_and_the_guide_says_your_name(
    serve: StartServer, phone: Page, shoot: Shoot
) -> None:
    """Issue 15.4: asked once on Today; the number is stored as Settings stores it."""
    server = serve(demo=True)
    phone.goto(server.url + "/contacts/1/call")
    expect(phone.locator(".stand-ins")).to_contain_text("[your name]")
    phone.goto(server.url + "/")
    form = phone.locator("#welcome-form")
    expect(form).to_be_visible()
    shoot(phone, "1-invited")
    form.get_by_label("Your name").fill("Sam Carter")
    form.get_by_label("Your phone number").fill("816 555 0100")
    form.get_by_label("Your time zone").select_option("America/Denver")
    form.get_by_role("button", name="Save").click()
    expect(phone.locator(".flash")).to_contain_text("Saved")
    expect(phone.locator("#welcome-form")).to_have_count(0)
    expect(phone.locator(".today-zone")).to_contain_text("America/Denver")
    shoot(phone, "2-saved")
    assert "+18165550100" in server.cli("settings", "show")
    phone.goto(server.url + "/contacts/1/call")
    expect(phone.locator(".stand-ins")).to_have_count(0)
    expect(phone.locator("body")).to_contain_text("816 555 0100")  # said in national form
