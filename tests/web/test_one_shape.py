"""One shape per result (issue 12.3): `--json` and the API give the same document for the same
result, built once in services/shapes. Instants are compared as instants: the CLI writes UTC
as +00:00 where the API writes Z (both ISO 8601, docs/json.md)."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from callwise.cli.app import app as cli
from web_support import NOW_TEXT

runner = CliRunner()
INSTANT = re.compile(r"^\d{4}-\d\d-\d\dT")


def _instants(value: Any) -> Any:
    """`value` with every ISO 8601 instant read as a datetime."""
    if isinstance(value, str) and INSTANT.match(value):
        return dt.datetime.fromisoformat(value)
    if isinstance(value, dict):
        return {k: _instants(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_instants(v) for v in value]
    return value


def _cli(db_url: str, *args: str) -> Any:
    result = runner.invoke(cli, ["--db", db_url, "--now", NOW_TEXT, "--json", *args])
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return json.loads(result.stdout)


def _api(client: TestClient, path: str, **params: Any) -> Any:
    response = client.get(f"/api/v1{path}", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_the_plan_and_the_windows_are_one_document_on_both_surfaces(
    demo_client: TestClient, db_url: str
) -> None:
    today = _api(demo_client, "/today")
    assert today["days"][0]["entries"], "the demo has calls today"
    pairs = [
        (_cli(db_url, "today"), today),
        (_cli(db_url, "week"), _api(demo_client, "/week")),
        (
            _cli(db_url, "plan", "--from", "2026-12-01", "--to", "2026-12-14"),
            _api(demo_client, "/plan", start="2026-12-01", days=14),
        ),
    ]
    for entry in today["days"][0]["entries"]:
        contact = str(entry["contact"]["id"])
        pairs.append(
            (
                _cli(db_url, "when", contact, "--count", "4"),
                _api(demo_client, f"/contacts/{contact}/windows", count=4),
            )
        )
    for from_cli, from_api in pairs:
        assert _instants(from_cli) == _instants(from_api)


def test_scripts_histories_trips_and_settings_are_one_document_on_both_surfaces(
    demo_client: TestClient, db_url: str
) -> None:
    for key, value in (("user_name", "Jordan Lee"), ("user_phone", "+18165550142")):
        assert demo_client.put(f"/api/v1/settings/{key}", json={"value": value}).status_code == 200
    contact = str(_api(demo_client, "/today")["days"][0]["entries"][0]["contact"]["id"])
    call = {"outcome": "call_back", "call_back_at": "2026-11-25T15:00", "topics": ["golf"]}
    logged = demo_client.post(f"/api/v1/contacts/{contact}/calls", json=call)
    assert logged.status_code == 201, logged.text
    trip = {"city": "Denver", "start": "2026-12-03", "end": "2026-12-05", "region": "CO"}
    assert demo_client.post("/api/v1/trips", json=trip).status_code == 201
    pairs = [
        (_cli(db_url, "script", contact), _api(demo_client, f"/contacts/{contact}/script")),
        (_cli(db_url, "history", contact), _api(demo_client, f"/contacts/{contact}/calls")),
        (_cli(db_url, "trips", "list"), _api(demo_client, "/trips")),
    ]
    for from_cli, from_api in pairs:
        assert _instants(from_cli) == _instants(from_api)
    settings = _api(demo_client, "/settings")["settings"]
    assert _cli(db_url, "settings", "show") == {s["key"]: s["value"] for s in settings}
