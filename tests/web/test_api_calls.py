"""/api/v1 scripts, logging calls, history, occasions, snoozes and trips, over the demo
contacts at NOW (Tuesday 24 Nov 2026, 09:00 in Chicago)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from callwise.services import calls as call_service
from callwise.services.app import App


def _id_of(client: TestClient, name: str) -> int:
    found = client.get("/api/v1/contacts", params={"q": name}).json()["contacts"]
    assert [c["name"] for c in found] == [name]
    return int(found[0]["id"])


def _introduce_yourself(client: TestClient) -> None:
    for key, value in (("user_name", "Sam Carter"), ("user_phone", "816 555 0100")):
        assert client.put(f"/api/v1/settings/{key}", json={"value": value}).status_code == 200


def test_script_says_your_name_once_you_give_it(demo_client: TestClient) -> None:
    ava = _id_of(demo_client, "Ava Thompson")
    first = demo_client.get(f"/api/v1/contacts/{ava}/script")  # issue 15.4: no setup needed
    opener = next(s for s in first.json()["sections"] if s["key"] == "opener")
    assert first.status_code == 200 and "[your name]" in opener["lines"][0]
    _introduce_yourself(demo_client)
    script = demo_client.get(f"/api/v1/contacts/{ava}/script").json()
    assert script["occasion"] == "connect"  # her LinkedIn invitation waits for an answer
    keys = [s["key"] for s in script["sections"]]
    assert keys[:2] == ["preparation", "names"] and keys[-1] == "voicemail"
    assert keys.index("confirm") + 1 == keys.index("opener")  # who answered, then the greeting
    opener = next(s for s in script["sections"] if s["key"] == "opener")
    assert "Sam Carter" in opener["lines"][0]  # P2.1
    assert "816 555 0100" in opener["lines"][0]  # P2.7, national form in the same country
    assert script["needs_answer"] is True
    assert script["voicemail_seconds"] <= script["voicemail_limit_seconds"]
    lunch = demo_client.get(
        f"/api/v1/contacts/{ava}/script", params={"occasion": "lunch", "purpose": "Lunch?"}
    ).json()
    assert lunch["occasion"] == "lunch"
    unknown = demo_client.get(f"/api/v1/contacts/{ava}/script", params={"occasion": "wedding"})
    assert unknown.status_code == 422 and unknown.json()["error"]["field"] == "occasion"


def test_voicemail_schedules_a_retry_and_the_agreed_follow_up(
    demo_client: TestClient, core: App
) -> None:
    ava = _id_of(demo_client, "Ava Thompson")
    body = {
        "outcome": "voicemail",
        "note": "Left a message about the intro",
        "follow_up": "2026-12-01",
        "promises": [{"text": "send the deck", "due": "+2"}],
        "duration_minutes": 0.5,
    }
    response = demo_client.post(f"/api/v1/contacts/{ava}/calls", json=body)
    assert response.status_code == 201, response.text
    logged = response.json()
    call = logged["call"]
    assert call["outcome"] == "voicemail" and call["occasion"] == "connect"
    assert call["follow_up"] == "2026-12-01" and call["duration_seconds"] == 30
    assert call["promises"] == [{"text": "send the deck", "due": "2026-11-26", "done": False}]
    kinds = {step["kind"] for step in logged["next"]}
    assert {"retry", "follow-up", "cadence"} <= kinds
    retry = next(s for s in logged["next"] if s["kind"] == "retry")
    assert "try again at a different time" in retry["reason"]  # P10.3
    assert retry["window"]["start"] > "2026-11-24T10:00:00-05:00"
    assert any("talk again on 1 Dec" in s["reason"] for s in logged["next"])

    history = demo_client.get(f"/api/v1/contacts/{ava}/calls").json()
    assert [c["id"] for c in history["calls"]] == [call["id"]]
    assert history["calls"][0]["follow_up"] == "2026-12-01"
    assert history["calls"][0]["local_at"] == "2026-11-24T09:00:00-06:00"
    stored = call_service.history(core, str(ava))
    assert [c.notes for c in stored] == ["Left a message about the intro"]


def test_logging_refuses_bad_values_naming_the_key_and_stores_nothing(
    demo_client: TestClient, core: App
) -> None:
    ava = _id_of(demo_client, "Ava Thompson")
    cases = [
        ({"outcome": "hung_up"}, "outcome"),
        ({"outcome": "connected", "follow_up": "2026-01-01"}, "follow_up"),
        ({"outcome": "connected", "promises": [{"text": " "}]}, "promises"),
        ({"outcome": "connected", "promises": [{"text": "x", "due": "soon"}]}, "promises"),
        ({"outcome": "connected", "call_back_at": "15:00"}, "call_back_at"),
        ({"outcome": "connected", "duration_minutes": -1}, "duration_minutes"),
        ({"outcome": "connected", "at": "2027-01-01T00:00:00Z"}, "at"),
        ({"outcome": "connected", "occasion": "wedding"}, "occasion"),
    ]
    for body, field in cases:
        response = demo_client.post(f"/api/v1/contacts/{ava}/calls", json=body)
        assert response.status_code == 422, (body, response.text)
        assert response.json()["error"]["field"] == field, (body, response.json())
    assert call_service.history(core, str(ava)) == []
    missing = demo_client.post("/api/v1/contacts/9999/calls", json={"outcome": "connected"})
    assert missing.status_code == 404


def test_snooze_occasion_and_trip(demo_client: TestClient) -> None:
    ava = _id_of(demo_client, "Ava Thompson")
    snoozed = demo_client.post(f"/api/v1/contacts/{ava}/snooze", json={"until": "+2w"})
    assert snoozed.json() == {
        "contact": {"id": ava, "name": "Ava Thompson"},
        "until": "2026-12-08",
        "reason": "",
    }
    today = demo_client.get("/api/v1/today").json()
    assert "Ava Thompson" not in [e["contact"]["name"] for e in today["days"][0]["entries"]]
    past = demo_client.post(f"/api/v1/contacts/{ava}/snooze", json={"until": "2026-11-01"})
    assert past.status_code == 422 and past.json()["error"]["field"] == "until"

    rule = "FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=26"
    added = demo_client.post(
        f"/api/v1/contacts/{ava}/occasions", json={"label": "Name day", "rrule": rule}
    )
    assert added.status_code == 201
    assert added.json()["next_dates"][:2] == ["2027-07-26", "2028-07-26"]
    bad = demo_client.post(
        f"/api/v1/contacts/{ava}/occasions", json={"label": "x", "rrule": "FREQ=SOMETIMES"}
    )
    assert bad.status_code == 422

    trip = demo_client.post(
        "/api/v1/trips", json={"city": "Atlanta", "start": "+5", "end": "+7", "region": "GA"}
    )
    assert trip.status_code == 201 and trip.json()["warning"] == ""
    stored = trip.json()["trip"]
    assert (stored["start"], stored["end"]) == ("2026-11-29", "2026-12-01")
    assert stored["latitude"] is not None
    assert demo_client.get("/api/v1/trips").json()["trips"] == [stored]
    backwards = demo_client.post(
        "/api/v1/trips", json={"city": "Atlanta", "start": "+5", "end": "+1"}
    )
    assert backwards.status_code == 422 and backwards.json()["error"]["field"] == "end"
    assert demo_client.delete(f"/api/v1/trips/{stored['id']}").json() == {"removed": stored["id"]}
    assert demo_client.get("/api/v1/trips").json()["trips"] == []
    assert demo_client.delete(f"/api/v1/trips/{stored['id']}").status_code == 404
