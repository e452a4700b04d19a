"""The API stores no full social security or card number (issue 14.7, P8.2): contact notes
sent with POST and PATCH and a call's note come back, and are stored, masked."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from callwise.services.app import App, open_app
from callwise.store import tables
from callwise.web.app import WebConfig, create_app
from conftest import NOW
from strategies import leaked, sensitive_texts
from web_support import NOW_TEXT

API = "/api/v1/contacts"


@pytest.fixture
def sqlite_pair(tmp_path: Path) -> Iterator[tuple[TestClient, App]]:
    url = f"sqlite:///{tmp_path / 'callwise.db'}"
    core = open_app(url, NOW)
    client = TestClient(
        create_app(WebConfig(db_url=url, now=NOW_TEXT)), base_url="http://127.0.0.1:8000"
    )
    try:
        yield client, core
    finally:
        client.close()
        core.engine.dispose()


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    first=sensitive_texts(),
    second=sensitive_texts(),
    note=sensitive_texts(),
    n=st.integers(0, 10**6),
)
def test_p8_2_the_api_masks_notes_on_post_and_patch_and_call_notes(
    sqlite_pair: tuple[TestClient, App],
    first: tuple[str, str],
    second: tuple[str, str],
    note: tuple[str, str],
    n: int,
) -> None:
    client, core = sqlite_pair
    body = {"given_name": "Ana", "family_name": f"Reyes{n}", "notes": first[0]}
    created = client.post(API, json=body)
    assert created.status_code == 201, created.text
    contact = created.json()
    assert not leaked(contact["notes"], first[1])
    patched = client.patch(f"{API}/{contact['id']}", json={"family_notes": second[0]})
    assert patched.status_code == 200, patched.text
    assert not leaked(patched.json()["family_notes"], second[1])
    logged = client.post(
        f"{API}/{contact['id']}/calls", json={"outcome": "connected", "note": note[0]}
    )
    assert logged.status_code == 201, logged.text
    with core.engine.connect() as conn:
        stored = [
            str(v)
            for table in (tables.contacts, tables.calls)
            for row in conn.execute(select(table))
            for v in row
            if isinstance(v, str)
        ]
    text = "\n".join(stored)
    for _sent, digits in (first, second, note):
        assert not leaked(text, digits), re.sub(r"\s+", " ", text)[:300]
