"""Today, the plan, the script and the guided call name the same reason (issue 14.3, P9), on
the demo in a real SQLite file, through the CLI, the web pages and the API.

The demo's Claire Dubois lives in Paris and turns 40 on 3 December. On 2 December the plan has
her birthday call on the 3rd; a script opened on the 2nd is a birthday script that says it is a
day early, never a check-in."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from callwise.cli.app import app as cli
from callwise.domain.occasion_kinds import script_label
from callwise.services.contacts import resolve_contact
from callwise.services.demo import load_demo
from callwise.services.settings import set_setting
from callwise.web.app import WebConfig, create_app
from web_support import open_app

DAY_BEFORE = "2026-12-02T15:00:00+00:00"  # 09:00 in Chicago (you), 16:00 in Paris
BIRTHDAY = "2026-12-03T15:00:00+00:00"
CLAIRE = "Claire Dubois"
runner = CliRunner()


@pytest.fixture
def demo_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    core = open_app(url, DAY_BEFORE)
    load_demo(core)
    set_setting(core, "user_name", "Jordan Lee")
    set_setting(core, "user_phone", "+18165550142")
    core.engine.dispose()
    return url


def _cli(url: str, now: str, *args: str) -> str:
    result = runner.invoke(cli, ["--db", url, "--now", now, *args])
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout


def _client(url: str, now: str) -> Iterator[TestClient]:
    with TestClient(
        create_app(WebConfig(db_url=url, now=now, host="127.0.0.1")),
        base_url="http://127.0.0.1:8000",
    ) as client:
        yield client


def _claire_id(url: str) -> int:
    core = open_app(url, DAY_BEFORE)
    try:
        found = resolve_contact(core, CLAIRE).id
    finally:
        core.engine.dispose()
    assert found is not None
    return found


def test_the_plan_has_her_birthday_tomorrow_and_the_cli_script_says_so(demo_url: str) -> None:
    plan = json.loads(_cli(demo_url, DAY_BEFORE, "--json", "plan", "--from", "today", "--to", "+1"))
    tomorrow = plan["days"][1]["entries"]
    claire = next(e for e in tomorrow if e["contact"]["name"] == CLAIRE)
    assert claire["script"] == "birthday"

    data = json.loads(_cli(demo_url, DAY_BEFORE, "--json", "script", CLAIRE))
    assert data["occasion"] == "birthday"  # not "check-in"
    assert data["reason"]["kind"] == "birthday" and data["reason"]["day"] == "2026-12-03"
    assert data["reason"]["days_early"] == 1
    assert "a day early" in data["warnings"][0]  # said first (P9.1: the wish is for tomorrow)
    text = _cli(demo_url, DAY_BEFORE, "script", CLAIRE)
    head = text.splitlines()[:3]
    assert head[0].startswith("Birthday call to Claire Dubois")
    assert any("a day early" in line for line in head)
    assert any(line.startswith("Why: Birthday on Thu 3 Dec") for line in head)


def test_the_web_guide_contact_page_and_api_agree_with_the_plan(demo_url: str) -> None:
    claire = _claire_id(demo_url)
    for client in _client(demo_url, DAY_BEFORE):
        guide = client.get(f"/contacts/{claire}/call").text
        assert "Birthday call" in guide and "Check-in call" not in guide
        assert "a day early" in guide and "Why: Birthday on Thu 3 Dec" in guide
        profile = client.get(f"/contacts/{claire}").text
        assert "birthday call" in profile and "a day early" in profile
        script = client.get(f"/api/v1/contacts/{claire}/script").json()
        assert script["occasion"] == "birthday" and script["reason"]["days_early"] == 1
        named = client.get(f"/api/v1/contacts/{claire}/script?occasion=lunch").json()
        assert named["occasion"] == "lunch" and named["reason"] is None  # yours wins


def test_every_call_today_gets_the_script_today_names(demo_url: str) -> None:
    """Today's guide links carry no occasion: the guide and the API must find the same one."""
    for now in (DAY_BEFORE, BIRTHDAY):
        for client in _client(demo_url, now):
            entries = client.get("/api/v1/today").json()["days"][0]["entries"]
            assert entries
            for entry in entries:
                contact = entry["contact"]["id"]
                script = client.get(f"/api/v1/contacts/{contact}/script").json()
                assert script["occasion"] == entry["script"], entry["contact"]["name"]
                assert script["reason"]["why"] == entry["reasons"]
                assert script["reason"]["days_early"] == 0  # due today: nothing said early
                guide = client.get(f"/contacts/{contact}/call").text
                assert f"{script_label(entry['script'])} call" in guide


def test_on_her_birthday_she_is_in_today_with_the_birthday_script(demo_url: str) -> None:
    data = json.loads(_cli(demo_url, BIRTHDAY, "--json", "today"))
    names = [e["contact"]["name"] for e in data["days"][0]["entries"]]
    assert CLAIRE in names
    script = json.loads(_cli(demo_url, BIRTHDAY, "--json", "script", CLAIRE))
    assert script["occasion"] == "birthday" and script["reason"]["days_early"] == 0
    assert not any("early" in w for w in script["warnings"])


def test_a_call_logged_without_an_occasion_is_filed_under_the_plans_reason(
    demo_url: str,
) -> None:
    logged = json.loads(
        _cli(demo_url, DAY_BEFORE, "--json", "log", CLAIRE, "--outcome", "voicemail")
    )
    assert logged["call"]["occasion"] == "birthday"


def test_your_own_occasion_today_gets_its_script_about_its_label(demo_url: str) -> None:
    """P9.4: a user's occasion needs a purpose; its label is it, so the script never fails."""
    rule = "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=2"
    _cli(demo_url, DAY_BEFORE, "occasions", "add", "Marcus Bell", "Name day", "--rrule", rule)
    data = json.loads(_cli(demo_url, DAY_BEFORE, "--json", "script", "Marcus Bell"))
    assert data["occasion"] == "custom" and data["reason"]["why"][0] == "Name day today"
    said = [line for s in data["sections"] for line in s["lines"]]
    assert any("name day" in line.casefold() for line in said)
