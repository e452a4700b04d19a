"""/api/v1 imports (preview, then commit), exports and settings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from callwise.services import contacts as contact_service
from callwise.services.app import App

FIXTURES = Path(__file__).parent.parent / "fixtures"
APPLE = FIXTURES / "vcard30_apple_itemgroups.vcf"


def _preview(client: TestClient, name: str, data: bytes, **form: str) -> dict[str, Any]:
    response = client.post(
        "/api/v1/imports/preview", files={"file": (name, data, "text/plain")}, data=form
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


def _everyone(client: TestClient) -> list[dict[str, Any]]:
    return list(client.get("/api/v1/contacts", params={"limit": 200}).json()["contacts"])


def test_vcard_preview_writes_nothing_then_commit_imports(client: TestClient, core: App) -> None:
    preview = _preview(client, "contacts.vcf", APPLE.read_bytes(), region="us")
    report = preview["report"]
    assert report["dry_run"] is True and report["format"] == "vcard"
    assert [r["name"] for r in report["new"]] == [
        "Chidi Okafor",
        "Blue Prairie Catering",
        "Astrid Lindqvist",
    ]
    assert report["warnings"] == [
        {"line": 49, "warning": "phone +1 415 555 0191: label 'Boat' read as 'other'"}
    ]
    assert contact_service.count_contacts(core) == 0

    done = client.post(f"/api/v1/imports/{preview['upload_id']}", json={"region": "US"})
    assert done.status_code == 200 and done.json()["dry_run"] is False
    assert done.json()["added"] == 3
    by_name = {c["name"]: c for c in _everyone(client)}
    chidi = by_name["Chidi Okafor"]
    assert chidi["honorific"] == "Dr."
    assert (chidi["organization"], chidi["department"]) == ("Harbor Health Partners", "Cardiology")
    assert chidi["job_title"] == "Chief Medical Officer"
    assert [p["number"] for p in chidi["phones"]] == ["+18165550142", "+18165550143"]
    assert chidi["gatekeeper"] == {
        "name": "Dana Whitfield",
        "role": "assistant",
        "phone": "+18165550144",
    }
    assert chidi["birthday"] == "--04-15"  # Apple's year 1604 means no year
    assert chidi["other_dates"] == [{"label": "anniversary", "date": "2009-06-20"}]
    assert (chidi["city"], chidi["region"], chidi["country"]) == ("Kansas City", "MO", "US")
    assert "Prefers calls after 4pm; never on Mondays." in chidi["notes"]
    assert by_name["Blue Prairie Catering"]["kind"] == "organization"
    assert by_name["Astrid Lindqvist"]["nickname"] == "Addie"
    # The upload is gone once imported.
    again = client.post(f"/api/v1/imports/{preview['upload_id']}")
    assert again.status_code == 404 and again.json()["error"]["field"] == "upload"


def test_a_refused_import_keeps_the_upload_for_skip_invalid(client: TestClient) -> None:
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Lima\nN:Lima;Ana;;;\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nN:;;;;\nEND:VCARD\n"
    )
    preview = _preview(client, "two.vcf", text.encode())
    assert len(preview["report"]["rejected"]) == 1
    url = f"/api/v1/imports/{preview['upload_id']}"
    refused = client.post(url)
    assert refused.status_code == 422 and refused.json()["error"]["field"] == "file"
    assert _everyone(client) == []
    done = client.post(url, json={"skip_invalid": True})
    assert done.status_code == 200 and [c["name"] for c in _everyone(client)] == ["Ana Lima"]


def test_uploads_that_cannot_be_read_are_422(client: TestClient) -> None:
    cases = [
        ({"file": ("empty.vcf", b"", "text/vcard")}, {}, "file"),
        ({"file": ("x.vcf", APPLE.read_bytes(), "text/vcard")}, {"region": "ZZ"}, "region"),
        ({"file": ("x.vcf", APPLE.read_bytes(), "text/vcard")}, {"format": "excel"}, "format"),
        ({}, {}, "file"),
    ]
    for files, form, field in cases:
        response = client.post("/api/v1/imports/preview", files=files or None, data=form)
        assert response.status_code == 422, (form, response.text)
        assert response.json()["error"]["field"] == field


def test_backup_export_restores_what_changed(demo_client: TestClient) -> None:
    before = _everyone(demo_client)
    backup = demo_client.get("/api/v1/exports/json")
    assert backup.status_code == 200
    assert backup.headers["content-type"].startswith("application/json")
    assert 'filename="callwise-2026-11-24.json"' in backup.headers["content-disposition"]
    assert len(backup.json()["contacts"]) == 62

    first, second = before[0], before[1]
    assert demo_client.delete(f"/api/v1/contacts/{first['id']}").status_code == 200
    demo_client.patch(f"/api/v1/contacts/{second['id']}", json={"notes": "changed"})
    preview = _preview(demo_client, "backup.json", backup.content)
    assert preview["report"]["restored"] == {"added": 1, "updated": 61, "settings": 0}
    assert demo_client.post(f"/api/v1/imports/{preview['upload_id']}").status_code == 200
    after = _everyone(demo_client)
    assert [{**c, "updated_at": None} for c in after] == [{**c, "updated_at": None} for c in before]


def test_vcard_and_csv_exports_read_back_unchanged(demo_client: TestClient) -> None:
    for fmt, media, extension in (("vcard", "text/vcard", "vcf"), ("csv", "text/csv", "csv")):
        exported = demo_client.get(f"/api/v1/exports/{fmt}")
        assert exported.headers["content-type"] == f"{media}; charset=utf-8"
        assert (
            f'filename="callwise-2026-11-24.{extension}"'
            in (exported.headers["content-disposition"])
        )
        report = _preview(demo_client, f"all.{extension}", exported.content)["report"]
        assert (report["added"], report["rejected"]) == (0, []), fmt
        assert report["unchanged"] + report["merged"] == 62, fmt
    assert demo_client.get("/api/v1/exports/xlsx").status_code == 422


def test_settings_are_listed_changed_and_checked(client: TestClient) -> None:
    listed = {s["key"]: s for s in client.get("/api/v1/settings").json()["settings"]}
    assert listed["daily_calls"] == {
        "key": "daily_calls",
        "value": "8",
        "help": "How many calls a day the plan schedules.",
        "is_default": True,
    }
    changed = client.put("/api/v1/settings/daily_calls", json={"value": "5"})
    assert changed.json() == {**listed["daily_calls"], "value": "5", "is_default": False}
    assert client.get("/api/v1/week").json()["budget"]["calls"] == 5

    refused = client.put("/api/v1/settings/home_zone", json={"value": "Mars/Olympus"})
    assert refused.status_code == 422 and refused.json()["error"]["field"] == "home_zone"
    assert "Mars/Olympus" in refused.json()["error"]["message"]
    login = client.put("/api/v1/settings/web_login", json={"value": "on"})
    assert login.status_code == 422 and "password" in login.json()["error"]["message"]
    listed_after = {s["key"]: s["value"] for s in client.get("/api/v1/settings").json()["settings"]}
    assert listed_after["home_zone"] == "America/Chicago" and listed_after["web_login"] == "off"
    assert client.put("/api/v1/settings/nope", json={"value": "1"}).status_code == 404
