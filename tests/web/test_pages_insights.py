"""The insights page: SVG charts whose numbers are also given as text (issue 7, P6.1)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from fastapi.testclient import TestClient

from callwise.domain.model import Contact
from callwise.services import calls
from callwise.services.app import App
from callwise.services.contacts import save_contact


def _person(core: App, name: str, days_ago: int, cadence: int | None = None) -> None:
    then = dataclasses.replace(core, now=core.now - dt.timedelta(days=days_ago))
    save_contact(then, Contact(display_name=name, given_name=name, cadence_days=cadence))


def _table_after(page: str, section: str) -> str:
    found = re.search(rf'<section class="card" id="{section}".*?</section>', page, re.S)
    assert found, f"section {section} is on the page"
    return found.group(0)


def test_an_empty_database_gets_a_friendly_start(client: TestClient) -> None:
    page = client.get("/insights")
    assert page.status_code == 200
    assert 'id="insights-empty"' in page.text and "Nothing to chart yet" in page.text
    assert 'href="/import"' in page.text
    assert "<svg" not in page.text


def test_the_charts_and_their_tables_show_the_same_numbers(client: TestClient, core: App) -> None:
    _person(core, "Kofi Mensah", 50, cadence=14)  # 36 days late, never called
    _person(core, "Lena Berg", 10)  # personal, every 30 days: not yet due
    moment = dt.datetime(2026, 11, 17, 18, 0, tzinfo=dt.UTC)  # the week of Mon 16 Nov
    calls.log_call(core, "Lena Berg", "connected", at=moment)
    calls.log_call(core, "Lena Berg", "no_answer", at=moment - dt.timedelta(hours=2))
    calls.log_call(core, "Lena Berg", "voicemail", at=core.now - dt.timedelta(hours=1))
    page = client.get("/insights").text

    weeks = _table_after(page, "calls-per-week")
    assert 'aria-label="Calls per week for the last 12 weeks: 3 calls, 1 of them reached' in weeks
    assert re.search(r"Mon 16 Nov 2026</th><td>1</td><td>1</td><td>2</td>", weeks)
    assert re.search(r"Mon 23 Nov 2026</th><td>0</td><td>1</td><td>1</td>", weeks)
    assert len(re.findall(r'<rect class="reached"', weeks)) == 1
    assert len(re.findall(r'<rect class="missed"', weeks)) == 2

    cold = _table_after(page, "going-cold")
    assert "the most overdue is Kofi Mensah, 36 days overdue" in cold
    assert re.search(
        r"Kofi Mensah</a></th><td>never \(added Mon 5 Oct 2026\)</td><td>50</td>"
        r"<td>14 days</td><td>36</td>",
        cold,
    )
    assert "Lena Berg" not in cold
    assert "31-90 days late: 1" in cold
    assert re.search(r'id="overdue-count"><strong>1</strong> overdue of 2', page)


def test_with_contacts_but_no_calls_each_chart_says_so(client: TestClient, core: App) -> None:
    _person(core, "Lena Berg", 3)
    page = client.get("/insights").text
    assert "No calls logged in the last 12 weeks" in page
    assert "Nobody is overdue" in page
