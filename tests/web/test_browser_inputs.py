"""Inputs that fit (issue 15.6), on a phone: a contact added with the essentials, the birthday
picked as day and month without a year (P9.1), the time zone chosen from a list; everything a
thumb taps is at least 44 px tall. Debian's Chromium driven by Playwright against a real
`callwise serve` over SQLite, at 390 x 844."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from browser_support import (  # noqa: F401  (fixtures, used by name)
    Shoot,
    StartServer,
    browser_fixture,
    phone_fixture,
    serve_fixture,
    shoot_fixture,
)

pytestmark = pytest.mark.browser

TAP_PX = 44


def _tall_enough(page: Page, selector: str) -> None:
    for box in (el.bounding_box() for el in page.locator(selector).all() if el.is_visible()):
        assert box is not None and box["height"] >= TAP_PX - 0.5, f"{selector}: {box}"


def test_adding_a_contact_on_a_phone_with_the_pickers(
    serve: StartServer, phone: Page, shoot: Shoot
) -> None:
    server = serve()
    phone.goto(server.url + "/contacts/new")
    more = phone.locator("details.more-details")
    expect(more).not_to_have_attribute("open", "")  # the rest waits under More details
    expect(phone.get_by_label("Time zone")).to_be_hidden()
    phone.get_by_label("Given name").fill("Mara")
    phone.get_by_label("Family name").fill("Quinn")
    phone.locator("#phone_1").fill("+1 816 555 0177")
    phone.get_by_label("City", exact=True).fill("Kansas City")
    phone.get_by_label("Day", exact=True).select_option("29")
    phone.get_by_label("Month", exact=True).select_option(label="February")  # no year: --02-29
    phone.get_by_label("How you met").fill("Sat next to each other at the jazz night")
    _tall_enough(phone, ".contact-form select, .contact-form input, .contact-form textarea")
    _tall_enough(phone, "details.more-details > summary")
    phone.get_by_text("More details").tap()
    zone = phone.get_by_label("Time zone")
    expect(zone).to_be_visible()
    zone.select_option("America/Chicago")
    _tall_enough(phone, "#time_zone")
    shoot(phone, "filled")
    phone.get_by_role("button", name="Save contact").tap()
    expect(phone.locator(".flash")).to_have_text("Added Mara Quinn.")
    expect(phone.locator(".phones")).to_contain_text("+1 816-555-0177")  # shown formatted
    stored = json.loads(server.cli("--json", "contacts", "show", "Mara Quinn"))
    contact = stored.get("contact", stored)
    assert contact["birthday"] == "--02-29"
    assert contact["time_zone"] == "America/Chicago"
    assert contact["met"]["circumstances"] == "Sat next to each other at the jazz night"


def test_a_day_without_a_month_is_refused_and_nothing_is_saved(
    serve: StartServer, phone: Page
) -> None:
    server = serve()
    phone.goto(server.url + "/contacts/new")
    phone.get_by_label("Given name").fill("Noor")
    phone.get_by_label("Day", exact=True).select_option("12")
    phone.get_by_role("button", name="Save contact").tap()
    expect(phone.locator("#birthday-error")).to_contain_text("choose both the day and the month")
    expect(phone.get_by_label("Day", exact=True)).to_have_value("12")  # what was picked stays
    listed = json.loads(server.cli("--json", "contacts", "list"))
    assert not listed.get("contacts", listed)
