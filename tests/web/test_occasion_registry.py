"""Every surface takes its occasions from the registry (issue 12): the CLI's `--occasion` help,
the call page's choices and labels, the API's enums, the plan's minutes and the candidate
lookups. A new occasion is one registry entry; these tests fail when a surface keeps a list
of its own."""

from __future__ import annotations

import re
from typing import Any

import typer.main
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from callwise.cli.app import app as cli_app
from callwise.domain import plan
from callwise.domain.occasion_kinds import (
    PLANNED_SCRIPTS,
    REASONS,
    SCRIPT_IDS,
    SCRIPTS,
    candidate_keys,
    script_labels,
)
from callwise.domain.scripts import OCCASIONS
from callwise.services import calls, plan_candidates
from callwise.services.app import App
from callwise.services.contacts import resolve_contact
from callwise.services.script_templates import script_templates
from callwise.services.settings import set_setting
from callwise.web.app import OPENAPI_URL


def _help(*command: str) -> str:
    result = CliRunner().invoke(cli_app, [*command, "--help"], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def test_the_cli_help_of_script_and_call_names_every_script_of_the_registry() -> None:
    for command in ("script", "call"):
        text = _help(command)
        named = re.search(r"--occasion\s+(?:<\w+>|[A-Z]+)\s+(.*?) \(default", text)
        assert named, text
        assert re.split(r", | or ", named.group(1)) == list(SCRIPT_IDS)
    assert typer.main.get_command(cli_app)  # the app builds with the derived help


def _schemas(client: TestClient) -> dict[str, Any]:
    document = client.get(OPENAPI_URL).json()
    schemas: dict[str, Any] = document["components"]["schemas"]
    return schemas


def _enum(schema: dict[str, Any]) -> list[str]:
    """The enum of a property, through anyOf (nullable) when needed."""
    for option in (schema, *schema.get("anyOf", ())):
        if "enum" in option:
            return list(option["enum"])
    raise AssertionError(f"no enum in {schema}")


def test_the_api_enums_equal_the_registry(client: TestClient) -> None:
    schemas = _schemas(client)
    assert _enum(schemas["OccasionOut"]["properties"]["kind"]) == list(REASONS)
    assert _enum(schemas["OccasionOut"]["properties"]["script"]) == list(PLANNED_SCRIPTS)
    assert _enum(schemas["EntryOut"]["properties"]["script"]) == list(PLANNED_SCRIPTS)
    assert _enum(schemas["CallIn"]["properties"]["occasion"]) == list(SCRIPT_IDS)
    document = client.get(OPENAPI_URL).json()
    script_path = next(p for p in document["paths"] if p.endswith("/script"))
    query = document["paths"][script_path]["get"]["parameters"]
    occasion = next(p for p in query if p["name"] == "occasion")
    assert _enum(occasion["schema"]) == list(SCRIPT_IDS)


def test_the_call_page_offers_every_script_with_its_label(
    demo_client: TestClient, core: App
) -> None:
    set_setting(core, "user_name", "Jordan Lee")
    set_setting(core, "user_phone", "+18165550142")
    marcus = resolve_contact(core, "Marcus Bell").id
    page = demo_client.get(f"/contacts/{marcus}/call").text
    select = re.search(r'<select id="f-occasion".*?</select>', page, re.S)
    assert select, "the occasion choice is on the page"
    options = re.findall(r'<option value="([^"]+)"[^>]*>([^<]+)</option>', select.group(0))
    assert dict(options) == script_labels()
    assert [value for value, _ in options] == list(SCRIPT_IDS)


def test_the_timeline_names_a_logged_call_by_its_label(demo_client: TestClient, core: App) -> None:
    calls.log_call(core, "62", "connected", occasion="return-call")
    page = demo_client.get("/contacts/62").text
    timeline = re.search(r'<section class="card contact-timeline".*?</section>', page, re.S)
    assert timeline
    assert f'<span class="tag">{SCRIPTS["return-call"].label}</span>' in timeline.group(0)


def test_the_scripts_the_plan_and_the_templates_read_the_registry() -> None:
    assert OCCASIONS == SCRIPT_IDS
    assert set(plan.MINUTES) == set(PLANNED_SCRIPTS)
    assert all(plan.MINUTES[s] == SCRIPTS[s].minutes for s in PLANNED_SCRIPTS)
    env = script_templates()
    for kind in SCRIPTS.values():  # its answered and voicemail wording (P10.4)
        source = env.loader.get_source(env, kind.template)[0] if env.loader else ""
        assert "macro reason()" in source and "macro voicemail_reason()" in source, kind.id
    for reason in REASONS.values():
        assert reason.script in SCRIPTS and SCRIPTS[reason.script].planned, reason.id


def test_every_candidate_lookup_a_reason_names_is_dispatched() -> None:
    known = set(plan_candidates.IN_FULL) | set(plan_candidates.MOST_OVERDUE)
    assert set(candidate_keys()) == known
    assert not set(plan_candidates.IN_FULL) & set(plan_candidates.MOST_OVERDUE)
