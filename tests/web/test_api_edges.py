"""Values at the edges of the calendar and of the settings must be refused with 422 naming
the field, never answered with a server error (issue 7: a 5xx is a defect).

Dates are taken within 100 years of today, call backs within a year, and budgets and cadences
up to 36500: beyond that date arithmetic overflows.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient


def _contact(client: TestClient) -> int:
    created = client.post("/api/v1/contacts", json={"given_name": "Ana", "city": "Chicago"})
    assert created.status_code == 201
    return int(created.json()["id"])


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        pytest.param("get", "/plan?start=9999-12-31&days=1", None, "start"),
        pytest.param("get", "/calendar.ics?start=9999-12-30&days=7", None, "start"),
        pytest.param(
            "post", "/contacts/{id}/calls", {"outcome": "connected", "at": "0001-01-01T00:00:00Z"},
            "at",
        ),
        pytest.param(
            "post", "/contacts/{id}/calls",
            {"outcome": "call_back", "call_back_at": "9999-12-31T23:00:00Z"},
            "call_back_at",
        ),
        pytest.param(
            "post", "/contacts/{id}/occasions",
            {"label": "x", "rrule": "FREQ=YEARLY", "start": "9999-12-31"},
            "start",
        ),
        pytest.param(
            "put", "/settings/daily_calls", {"value": "99999999999999999999"}, "daily_calls",
        ),
        pytest.param(
            "put", "/settings/cadence_business", {"value": "99999999999999999999"},
            "cadence_business",
        ),
        ("get", "/plan?start=2026-02-30", None, "start"),
        ("post", "/contacts/{id}/snooze", {"until": "+99999"}, "until"),
        ("post", "/trips", {"city": "Paris", "start": "2026-13-01", "end": "+1"}, "start"),
    ],
)  # fmt: skip
def test_out_of_range_values_are_422(
    client: TestClient, method: str, path: str, body: dict[str, Any] | None, field: str
) -> None:
    url = "/api/v1" + path.replace("{id}", str(_contact(client)))
    response = client.request(method, url, json=body)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["field"] == field
    for check in ("/api/v1/today", "/api/v1/week", "/api/v1/contacts?overdue=true"):
        assert client.get(check).status_code == 200, check


HUGE = 99999999999999999999


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"met": {"introduced_by": HUGE}}, "met.introduced_by"),
        ({"met": {"introduced_by": 2**31 - 1}}, "met.introduced_by"),
        ({"cadence_days": HUGE}, "cadence_days"),
        ({"birthday": "9999-12-31"}, "birthday"),
        ({"birthday": "0001-01-01"}, "birthday"),
        ({"met": {"date": "9999-12-31"}}, "met.date"),
        ({"connected_on": "9999-12-31"}, "connected_on"),
        ({"other_dates": [{"label": "x", "date": "0001-01-01"}]}, "other_dates"),
    ],
)
def test_contact_values_beyond_the_limits_are_422(
    client: TestClient, body: dict[str, Any], field: str
) -> None:
    """Issue 11: before, a connection date in 9999 was stored and every plan then failed."""
    contact = _contact(client)
    response = client.patch(f"/api/v1/contacts/{contact}", json=body)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["field"] == field
    for check in ("/api/v1/today", "/api/v1/week", "/api/v1/plan?days=30"):
        assert client.get(check).status_code == 200, check


def test_huge_ids_are_refused_not_failed(client: TestClient) -> None:
    assert client.get(f"/api/v1/contacts/{HUGE}").status_code == 422
    for page in (f"/contacts/{HUGE}", f"/contacts/{HUGE}/edit"):
        assert client.get(page).status_code == 404, page
    assert client.get(f"/contacts?offset={HUGE}").status_code == 422
