"""/api/v1 duplicates, "not the same person", merge and unmerge (issue 13)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from callwise.domain.model import Contact, Phone
from callwise.services import contacts
from callwise.services.app import App


def _pair(core: App) -> tuple[int, int]:
    a = contacts.save_contact(
        core, Contact(given_name="William", family_name="Hartley", phones=(Phone("+14155550162"),))
    )
    b = contacts.save_contact(
        core,
        Contact(given_name="Bill", family_name="Hartley", organization="Harbor",
                phones=(Phone("+14155550162"),)),
        force=True,
    )  # fmt: skip
    assert a.id and b.id
    return a.id, b.id


def test_list_dismiss_and_the_pair_is_gone(client: TestClient, core: App) -> None:
    a, b = _pair(core)
    listed = client.get("/api/v1/duplicates").json()
    assert listed["count"] == 1 and listed["duplicates"][0]["first"]["id"] == a
    assert "nickname" in listed["duplicates"][0]["evidence"]
    answer = client.post("/api/v1/duplicates/dismiss", json={"first": b, "second": a})
    assert answer.status_code == 200 and answer.json()["added"] is True
    assert client.get("/api/v1/duplicates").json()["count"] == 0


def test_dry_run_then_merge_then_unmerge(client: TestClient, core: App) -> None:
    a, b = _pair(core)
    dry = client.post(f"/api/v1/contacts/{a}/merge", json={"other": b, "dry_run": True}).json()
    assert dry["dry_run"] is True and dry["contact"]["organization"] == "Harbor"
    assert client.get(f"/api/v1/contacts/{b}").status_code == 200
    done = client.post(f"/api/v1/contacts/{a}/merge", json={"other": b}).json()
    assert done["dry_run"] is False and done["changes"] == dry["changes"]
    assert client.get(f"/api/v1/contacts/{b}").status_code == 404
    back = client.post(f"/api/v1/contacts/{a}/unmerge")
    assert back.status_code == 200 and back.json()["other"]["id"] == b
    assert client.get(f"/api/v1/contacts/{a}").json()["organization"] == ""


def test_bad_input_answers_in_the_error_shape(client: TestClient, core: App) -> None:
    a, _b = _pair(core)
    same = client.post(f"/api/v1/contacts/{a}/merge", json={"other": a})
    assert same.status_code == 422
    assert same.json()["error"]["field"] == "other"
    missing = client.post(f"/api/v1/contacts/{a}/merge", json={"other": 999})
    assert missing.status_code == 404 and "999" in missing.json()["error"]["message"]
    nothing = client.post(f"/api/v1/contacts/{a}/unmerge")
    assert nothing.status_code == 404 and "no merge" in nothing.json()["error"]["message"]
    odd = client.post("/api/v1/duplicates/dismiss", json={"first": a, "second": a})
    assert odd.status_code == 422
