"""The Duplicates page: pairs side by side, Merge through a confirmation, Not the same person
(issue 13)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from callwise.domain.model import Contact, Phone
from callwise.services import contacts
from callwise.services.app import App
from web_support import csrf_of


def _pair(core: App) -> tuple[int, int]:
    a = contacts.save_contact(
        core,
        Contact(given_name="William", family_name="Hartley", job_title="VP",
                phones=(Phone("+14155550162"),)),
    )  # fmt: skip
    b = contacts.save_contact(
        core,
        Contact(given_name="Bill", family_name="Hartley", organization="Harbor",
                phones=(Phone("+14155550162"),)),
        force=True,
    )  # fmt: skip
    assert a.id and b.id
    return a.id, b.id


def test_the_contacts_page_links_to_the_pairs_side_by_side(client: TestClient, core: App) -> None:
    a, b = _pair(core)
    assert 'href="/duplicates"' in client.get("/contacts").text
    page = client.get("/duplicates")
    assert page.status_code == 200
    assert f"pair-{a}-{b}" in page.text
    assert "same phone, name (William/Bill, nickname)" in page.text
    assert "<td>VP</td><td>(empty)</td>" in page.text
    assert "<td>(empty)</td><td>Harbor</td>" in page.text


def test_merge_asks_first_then_merges_and_redirects(client: TestClient, core: App) -> None:
    a, b = _pair(core)
    confirm = client.get(f"/duplicates/merge?keep={a}&other={b}")
    assert confirm.status_code == 200 and "fill organization: Harbor" in confirm.text
    assert contacts.get_contact(core, b).id == b  # nothing changed yet
    token = csrf_of(client, "/duplicates")
    done = client.post(
        "/duplicates/merge",
        data={"csrf_token": token, "keep": str(a), "other": str(b)},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == f"/duplicates?undo={a}"
    page = client.get(done.headers["location"]).text
    assert "Merged Bill Hartley into William Hartley." in page and "Undo the merge" in page
    assert "Merged" not in client.get(done.headers["location"]).text  # said once
    assert contacts.get_contact(core, a).organization == "Harbor"


def test_not_the_same_person_takes_the_pair_off_the_page(client: TestClient, core: App) -> None:
    a, b = _pair(core)
    token = csrf_of(client, "/duplicates")
    page = client.post(
        "/duplicates/dismiss", data={"csrf_token": token, "first": str(a), "second": str(b)}
    )
    assert page.status_code == 200 and "two people" in page.text
    assert f"pair-{a}-{b}" not in page.text


def test_a_form_without_the_token_is_refused(client: TestClient, core: App) -> None:
    a, b = _pair(core)
    refused = client.post("/duplicates/dismiss", data={"first": str(a), "second": str(b)})
    assert refused.status_code == 403


def test_the_merge_is_undone_from_the_page_and_both_come_back(
    client: TestClient, core: App
) -> None:
    a, b = _pair(core)
    token = csrf_of(client, "/duplicates")
    merged = client.post(
        "/duplicates/merge", data={"csrf_token": token, "keep": str(a), "other": str(b)}
    )
    assert "Undo the merge" in merged.text and "callwise contacts" not in merged.text
    undone = client.post(
        "/duplicates/unmerge", data={"csrf_token": token, "keep": str(a)}, follow_redirects=False
    )
    assert undone.status_code == 303 and undone.headers["location"] == "/duplicates"
    page = client.get(undone.headers["location"])
    assert "William Hartley and Bill Hartley are back" in page.text
    assert f"pair-{a}-{b}" in page.text
    assert contacts.get_contact(core, b).organization == "Harbor"
    assert contacts.get_contact(core, a).organization == ""
