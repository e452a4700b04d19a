"""axe-core in the browser tests (issue 15.8): the rules WCAG 2 A and AA name, run in the page
as it stands, and the tap targets a thumb needs.

axe-core comes from npm, pinned in tests/axe/package-lock.json (`cd tests/axe && npm ci`,
which `.ci/run` does). Locally a test skips without it; under CALLWISE_REQUIRE_SERVICES=1 (CI)
it fails. The script is evaluated through the DevTools protocol, which the page's Content
Security Policy does not govern, so the pages need no exception for it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from conftest import unavailable

AXE_JS = Path(__file__).resolve().parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa"]
MIN_TAP = 44  # px, both ways (WCAG 2.5.5; Apple and Android ask the same)
RUN_AXE = """tags => axe.run(document, {runOnly: {type: "tag", values: tags},
        resultTypes: ["violations"]})
    .then(r => r.violations.map(v => ({id: v.id, help: v.help,
        nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))})))"""
# What a thumb taps: buttons, button-like links, the menu, form controls, disclosure toggles.
# Links inside running text are exempt (WCAG 2.5.5 "inline"); a checkbox or radio counts
# through its label, which is what is tapped.
SMALL_TARGETS = """min => {
  const tapped = "button, a.button, nav a, input:not([type=hidden]):not([type=checkbox])"
    + ":not([type=radio]), select, textarea, summary, label:has(> input[type=checkbox]),"
    + " label:has(> input[type=radio])";
  return [...document.querySelectorAll(tapped)].filter(el => {
    const box = el.getBoundingClientRect();
    const shown = box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== "hidden";
    return shown && (box.width < min - 0.5 || box.height < min - 0.5);
  }).map(el => `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""} "${
    (el.innerText || el.value || el.name || "").trim().slice(0, 40)}" ${
    Math.round(el.getBoundingClientRect().width)}x${Math.round(el.getBoundingClientRect().height)}`);
}"""


@cache
def axe_source() -> str:
    if not AXE_JS.exists():
        unavailable(f"axe-core is not installed ({AXE_JS}): run `npm ci` in tests/axe")
    return AXE_JS.read_text(encoding="utf-8")


def axe_violations(page: Page) -> list[str]:
    """What axe finds on the page as it stands: 'rule: help (where)' a line each."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    found: list[dict[str, Any]] = page.evaluate(RUN_AXE, TAGS)
    return [f"{v['id']}: {v['help']} ({'; '.join(v['nodes'])})" for v in found]


def small_targets(page: Page) -> list[str]:
    """The visible things to tap that are less than 44 x 44 px."""
    found: list[str] = page.evaluate(SMALL_TARGETS, MIN_TAP)
    return found
