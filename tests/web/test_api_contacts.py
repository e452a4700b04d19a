"""/api/v1/contacts: create, read, replace, patch, remove, browse; errors name the key sent."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from callwise.domain.text import fold
from callwise.services import contacts as contact_service
from callwise.services.app import App

API = "/api/v1/contacts"
DANA: dict[str, Any] = {
    "given_name": "Dana",
    "family_name": "Whitfield",
    "honorific": "Ms.",
    "kind": "business",
    "job_title": "VP Operations",
    "organization": "Harbor Freight Lines",
    "phones": [{"number": "+1 (816) 555-0142", "label": "work"}],
    "emails": [{"address": "dana@harbor.example", "label": "work"}],
    "city": "Kansas City",
    "region": "MO",
    "country": "united states",
    "met": {"event": "Chamber luncheon", "date": "2026-10-02", "place": "Union Station"},
    "birthday": "--04-15",
    "cadence_days": 90,
    "tags": ["clients", "clients", " logistics "],
}


def _add(client: TestClient, body: dict[str, Any], **params: Any) -> dict[str, Any]:
    response = client.post(API, json=body, params=params)
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_create_normalises_and_stores_the_contact(client: TestClient, core: App) -> None:
    created = _add(client, DANA)
    assert created["name"] == "Dana Whitfield"
    assert created["phones"] == [{"number": "+18165550142", "label": "work", "valid": True}]
    assert created["country"] == "US"
    assert created["tags"] == ["clients", "logistics"]
    assert created["birthday"] == "--04-15"
    assert created["met"]["date"] == "2026-10-02"
    assert created["created_at"] == "2026-11-24T15:00:00Z"
    stored = contact_service.get_contact(core, created["id"])
    assert stored.organization == "Harbor Freight Lines"
    assert client.get(f"{API}/{created['id']}").json() == created


def test_invalid_values_are_422_naming_the_key_sent(client: TestClient, core: App) -> None:
    cases = [
        ({"given_name": "Bo", "phones": [{"number": "12ab"}]}, "phones", "12ab"),
        ({"given_name": "Bo", "birthday": "1990-02-30"}, "birthday", "no day 30"),
        ({"given_name": "Bo", "birthday": "--02-30"}, "birthday", "no day 30"),
        ({"given_name": "Bo", "birthday": "April 15"}, "birthday", "pattern"),
        ({"given_name": "Bo", "emails": [{"address": "bo-at-example"}]}, "emails", "email"),
        ({"given_name": "Bo", "time_zone": "Mars/Olympus"}, "time_zone", "Mars/Olympus"),
        ({"given_name": "Bo", "kind": "friend"}, "kind", "business"),
        ({"given_name": "Bo", "met": {"introduced_by": 999}}, "met.introduced_by", "999"),
        ({"given_name": "Bo", "cadence_days": 0}, "cadence_days", "greater than"),
        ({"given_name": "Bo\x00"}, "given_name", "NUL"),
        ({"notes": "no name at all"}, "name", "needs a name"),
    ]
    for body, field, words in cases:
        response = client.post(API, json=body)
        assert response.status_code == 422, (body, response.text)
        error = response.json()["error"]
        assert error["field"] == field, (body, error)
        assert words in error["message"], (body, error)
    assert contact_service.count_contacts(core) == 0


def test_unknown_ids_are_404(client: TestClient) -> None:
    for method in ("get", "delete"):
        response = client.request(method, f"{API}/4242")
        assert response.status_code == 404
        assert "4242" in response.json()["error"]["message"]
    assert client.put(f"{API}/4242", json={"given_name": "X"}).status_code == 404
    assert client.patch(f"{API}/4242", json={"notes": "x"}).status_code == 404
    assert client.get(f"{API}/abc").json()["error"]["field"] == "contact_id"


def test_duplicate_phone_is_409_unless_forced(client: TestClient) -> None:
    _add(client, DANA)
    twin = {"given_name": "Dee", "phones": [{"number": "+18165550142"}]}
    refused = client.post(API, json=twin)
    assert refused.status_code == 409
    assert "already belongs to Dana Whitfield" in refused.json()["error"]["message"]
    assert "?force=true" in refused.json()["error"]["message"]
    assert _add(client, twin, force="true")["name"] == "Dee"


def test_put_replaces_and_patch_merges(client: TestClient) -> None:
    created = _add(client, DANA)
    url = f"{API}/{created['id']}"
    patched = client.patch(url, json={"job_title": "COO", "met": {"place": "Crown Center"}})
    assert patched.status_code == 200
    body = patched.json()
    assert body["job_title"] == "COO"
    assert body["met"] == {**created["met"], "place": "Crown Center"}
    assert body["phones"] == created["phones"] and body["created_at"] == created["created_at"]
    cleared = client.patch(url, json={"birthday": None, "tags": ["vip"]}).json()
    assert cleared["birthday"] is None and cleared["tags"] == ["vip"]
    # A contact read from the API can be sent back whole; keys left out take their defaults.
    echoed = client.put(url, json={**cleared, "notes": "Prefers mornings"}).json()
    assert (
        echoed["notes"] == "Prefers mornings" and echoed["organization"] == "Harbor Freight Lines"
    )
    replaced = client.put(url, json={"given_name": "Dana"}).json()
    assert replaced["organization"] == "" and replaced["phones"] == []
    assert replaced["id"] == created["id"]


def test_delete_returns_the_removed_contact(client: TestClient, core: App) -> None:
    created = _add(client, DANA)
    removed = client.delete(f"{API}/{created['id']}")
    assert removed.status_code == 200
    assert removed.json()["removed"]["name"] == "Dana Whitfield"
    assert contact_service.count_contacts(core) == 0
    assert client.get(f"{API}/{created['id']}").status_code == 404


def test_browse_search_filters_and_pages(demo_client: TestClient) -> None:
    everyone = demo_client.get(API, params={"limit": 200}).json()
    assert everyone["total"] == 62 and len(everyone["contacts"]) == 62
    assert everyone["more"] is False
    names = [c["name"] for c in everyone["contacts"]]
    assert names == sorted(names, key=fold)  # name order, accents ignored

    first = demo_client.get(API, params={"relationship": "business", "limit": 5}).json()
    assert first["total"] > 5 and first["more"] is True and len(first["contacts"]) == 5
    assert all(c["kind"] == "business" for c in first["contacts"])
    second = demo_client.get(API, params={"relationship": "business", "limit": 5, "offset": 5})
    assert {c["id"] for c in first["contacts"]}.isdisjoint(
        c["id"] for c in second.json()["contacts"]
    )

    found = demo_client.get(API, params={"q": "OKAFOR"}).json()
    assert [c["name"] for c in found["contacts"]] == ["Amara Okafor"]
    tagged = demo_client.get(API, params={"tag": "clients"}).json()
    assert tagged["total"] >= 1 and all("clients" in c["tags"] for c in tagged["contacts"])
    city = demo_client.get(API, params={"city": "Kansas City", "relationship": "business"}).json()
    assert city["total"] >= 1
    assert all(c["city"] == "Kansas City" and c["kind"] == "business" for c in city["contacts"])


def test_overdue_filter_and_paging_limits(client: TestClient) -> None:
    old = _add(client, {"given_name": "Old", "cadence_days": 30})
    _add(client, {"given_name": "New", "cadence_days": 30})
    # The last call was in August: 30 days later they were due.
    logged = {"outcome": "connected", "at": "2026-08-03T16:00:00Z"}
    assert client.post(f"{API}/{old['id']}/calls", json=logged).status_code == 201
    overdue = client.get(API, params={"overdue": "true"}).json()
    assert [c["name"] for c in overdue["contacts"]] == ["Old"]
    words = " ".join(["kansas"] * 200)  # over 500 characters: more than a search box holds
    cases = [
        ({"limit": 0}, "limit"),
        ({"limit": 201}, "limit"),
        ({"offset": -1}, "offset"),
        ({"q": words}, "q"),
    ]
    for params, field in cases:
        response = client.get(API, params=params)
        assert response.status_code == 422 and response.json()["error"]["field"] == field
    assert client.get(API, params={"relationship": "friend"}).json()["error"]["field"] == (
        "relationship"
    )
