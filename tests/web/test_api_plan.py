"""/api/v1 today, week, plan, windows and calendar.ics over the demo contacts at NOW
(Tuesday 24 Nov 2026, 09:00 in Chicago, the home zone)."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_today_lists_the_calls_with_everything_needed_to_dial(demo_client: TestClient) -> None:
    response = demo_client.get("/api/v1/today")
    assert response.status_code == 200
    today = response.json()
    assert today["from"] == today["to"] == "2026-11-24"
    assert today["home_zone"] == "America/Chicago"
    entries = today["days"][0]["entries"]
    assert today["left_today"] == {"calls": len(entries), "minutes": today["days"][0]["minutes"]}
    assert len(today["week_ahead"]) == 6 and today["week_ahead"][0]["date"] == "2026-11-25"
    first = entries[0]
    # The LinkedIn connection with the nearest last day first (P9.2): Ava Thompson in Atlanta,
    # still in time, so not overdue: overdue is past the date it was due (call by 26 Nov).
    assert first["contact"] == {
        "id": first["contact"]["id"],
        "name": "Ava Thompson",
        "phone": "+14045550169",
        "tel": "tel:+1-404-555-0169",
    }
    assert first["priority_text"] == "2 · call by 26 Nov"
    assert first["overdue_days"] == 0
    assert first["occasions"][0]["kind"] == "connect" and first["occasions"][0]["rule"] == "P9.2"
    assert first["reasons"] == ["Asked to connect on LinkedIn on 27 Oct: call by 26 Nov"]
    assert first["zone"] == "America/New_York"
    assert first["local_time_now"] == "2026-11-24T10:00:00-05:00"
    assert first["window"]["start"] == "2026-11-24T10:00:00-05:00"
    assert first["window"]["home_start"] == "2026-11-24T09:00:00-06:00"
    assert first["estimated_minutes"] == 15
    assert [e["contact"]["name"] for e in entries] == [
        "Ava Thompson",
        "Emily Chen",
        "Fatima Al-Sayed",
        "Gavin MacLeod",
    ]


def test_plan_and_week_cover_the_days_asked(demo_client: TestClient) -> None:
    week = demo_client.get("/api/v1/week").json()
    assert [d["date"] for d in week["days"]][::6] == ["2026-11-24", "2026-11-30"]
    assert week["budget"] == {"calls": 8, "minutes": 60}
    plan = demo_client.get("/api/v1/plan", params={"start": "tomorrow", "days": 3}).json()
    assert (plan["from"], plan["to"]) == ("2026-11-25", "2026-11-27")
    dated = demo_client.get("/api/v1/plan", params={"start": "2026-12-01", "days": 1}).json()
    assert [d["date"] for d in dated["days"]] == ["2026-12-01"]
    for entry in (e for d in week["days"] for e in d["entries"]):
        assert entry["date"] >= "2026-11-24" and entry["reasons"]


def test_plan_refuses_the_past_and_bad_dates_naming_the_parameter(
    demo_client: TestClient,
) -> None:
    cases = [
        ({"start": "2020-01-01"}, "start", "before today"),
        ({"start": "next tuesday"}, "start", "not a date"),
        ({"days": 0}, "days", "greater than"),
        ({"days": 367}, "days", "less than"),
    ]
    for params, field, words in cases:
        response = demo_client.get("/api/v1/plan", params=params)
        assert response.status_code == 422, params
        assert response.json()["error"]["field"] == field
        assert words in response.json()["error"]["message"]


def test_windows_say_their_time_and_when_to_call(demo_client: TestClient) -> None:
    amara = demo_client.get("/api/v1/contacts", params={"q": "Amara Okafor"}).json()
    contact_id = amara["contacts"][0]["id"]
    when = demo_client.get(f"/api/v1/contacts/{contact_id}/windows", params={"count": 2}).json()
    assert when["contact"] == {"id": contact_id, "name": "Amara Okafor"}
    assert when["location"]["zone"] == "America/Chicago"
    assert when["local_time"] == "2026-11-24T09:00:00-06:00"
    # She gave her hours (Tuesdays and Thursdays 16:00-17:30, P3.3): not now.
    assert when["ok"] is False and "hours they gave" in when["reason"]
    assert [w["start"] for w in when["windows"]] == [
        "2026-11-24T16:00:00-06:00",
        "2026-12-01T16:00:00-06:00",
    ]
    assert demo_client.get("/api/v1/contacts/9999/windows").status_code == 404


def test_calendar_is_an_icalendar_attachment(demo_client: TestClient) -> None:
    response = demo_client.get("/api/v1/calendar.ics", params={"days": 3})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    assert 'filename="callwise.ics"' in response.headers["content-disposition"]
    assert response.text.startswith("BEGIN:VCALENDAR")
    assert "Ava Thompson" in response.text and "tel:+1-404-555-0169" in response.text
