"""Saving is safe, in a real browser (issue 15): after the guide logs a call, reloading the
page that shows it logs nothing more (post/redirect/get). Debian's Chromium driven by
Playwright against a real `callwise serve`."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from browser_support import (  # noqa: F401  (fixtures, used by name)
    Server,
    Shoot,
    StartServer,
    browser_fixture,
    desktop_fixture,
    serve_fixture,
    shoot_fixture,
)

pytestmark = pytest.mark.browser

NAME = "Rosa Delgado"
NOTE = "Sang happy birthday after the beep"


def _calls_logged(server: Server) -> int:
    return len(json.loads(server.cli("--json", "history", NAME))["calls"])


def test_reloading_the_saved_call_page_logs_nothing_more(
    serve: StartServer, desktop: Page, shoot: Shoot
) -> None:
    server = serve()
    server.cli("settings", "set", "user_name", "Sam Carter")
    server.cli("settings", "set", "user_phone", "+1 816 555 0100")
    where = ("--city", "Kansas City", "--region", "MO", "--country", "US")
    server.cli(
        "contacts", "add", NAME, "--phone", "+1 816 555 0142", *where, "--birthday", "--11-24"
    )
    desktop.goto(server.url + "/")
    desktop.locator("li.plan-entry", has_text=NAME).locator("a.guide-link").click()
    desktop.get_by_label("No answer: voicemail").check()
    voicemail = desktop.locator('section.call-stage[data-stage="voicemail"]')
    voicemail.get_by_label("Notes on the voicemail").fill(NOTE)
    voicemail.get_by_role("button", name="Left voicemail").click()
    result = desktop.locator("#call-result")
    expect(result.get_by_role("heading", level=1)).to_contain_text("left voicemail")
    expect(desktop).to_have_url(re.compile(r"/contacts/\d+/calls/\d+$"))
    shoot(desktop, "1-saved")
    assert _calls_logged(server) == 1
    desktop.reload()
    expect(result.get_by_role("heading", level=1)).to_contain_text("left voicemail")
    expect(result).to_contain_text(NOTE)
    shoot(desktop, "2-reloaded")
    assert _calls_logged(server) == 1
    result.get_by_role("link", name=NAME).click()
    expect(desktop.locator("li.timeline-call")).to_have_count(1)
