"""The web side of issue 14.9: the import preview says, in plain words, how many contacts will
be business and why; the Contacts page marks the contacts a search finds as business or
personal after a confirm page (post/redirect/get, one flash line)."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from callwise.domain.model import RelationshipKind
from callwise.services import importer
from callwise.services.app import App
from callwise.services.contacts import list_contacts
from web_support import csrf_of

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _kinds(core: App) -> dict[str, str]:
    return {c.name: c.kind.value for c in list_contacts(core, limit=100).contacts}


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_import_preview_says_how_many_will_be_business_and_why(client: TestClient) -> None:
    token = csrf_of(client, "/import")
    preview = client.post(
        "/import/preview",
        data={"csrf_token": token, "format": "auto", "region": ""},
        files={"file": ("kinds.vcf", (FIXTURES / "vcard_kinds.vcf").read_bytes(), "text/vcard")},
    )
    assert preview.status_code == 200
    said = _text(preview.text)
    assert (
        "4 will be business contacts, from what the file shows: job title, company, work "
        "number, work email or professional title. The others are personal."
    ) in said
    assert "mark them as personal" in said
    assert not re.search(r"guessed_business|job_title|X-CALLWISE|--kind", preview.text)


def test_a_search_is_marked_personal_after_a_confirm_step(client: TestClient, core: App) -> None:
    importer.import_file(core, FIXTURES / "google_kinds.csv")
    importer.import_file(core, FIXTURES / "vcard_kinds.vcf")
    listing = client.get("/contacts", params={"q": "harbor"})
    assert "Mark this one as personal or business" not in _text(listing.text)
    assert "Mark this one as business or personal" in _text(listing.text)
    link = re.search(r'href="(/contacts/mark\?[^"]*kind=personal)"', listing.text)
    assert link, "the list links to marking its contacts personal"

    confirm = client.get(link.group(1).replace("&amp;", "&"))
    assert confirm.status_code == 200
    assert "The contact your search finds will become personal." in _text(confirm.text)
    assert _kinds(core)["Wen Li"] == "business"  # the confirm page changes nothing

    token = client.cookies.get("callwise_csrf") or ""
    form = {"csrf_token": token, "kind": "personal", "q": "harbor", "relationship": ""}
    done = client.post("/contacts/mark", data=form, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/contacts?q=harbor"
    assert _kinds(core)["Wen Li"] == "personal"
    assert _kinds(core)["Helena Brandt"] == "business"  # not found by the search

    shown = client.get(done.headers["location"])
    assert "Marked 1 contact as personal." in _text(shown.text)
    again = client.get(done.headers["location"])
    assert "Marked 1 contact as" not in _text(again.text)  # said once


def test_a_filter_marks_every_contact_it_finds_not_only_the_page(
    client: TestClient, core: App
) -> None:
    importer.import_file(core, FIXTURES / "vcard_kinds.vcf")
    confirm = client.get("/contacts/mark", params={"kind": "business", "relationship": "personal"})
    assert "All 2 contacts your search finds will become business." in _text(confirm.text)
    token = client.cookies.get("callwise_csrf") or ""
    form = {"csrf_token": token, "kind": "business", "relationship": "personal"}
    done = client.post("/contacts/mark", data=form, follow_redirects=False)
    assert done.status_code == 303
    assert set(_kinds(core).values()) == {RelationshipKind.BUSINESS.value}


def test_a_tampered_mark_form_changes_nothing(client: TestClient, core: App) -> None:
    importer.import_file(core, FIXTURES / "vcard_kinds.vcf")
    before = _kinds(core)
    token = csrf_of(client, "/contacts")
    for form in ({"kind": "friendly", "q": "brandt"}, {"kind": "personal", "q": ""}):
        refused = client.post("/contacts/mark", data={"csrf_token": token, **form})
        assert refused.status_code == 422
        assert "Traceback" not in refused.text
    assert _kinds(core) == before
    assert client.get("/contacts/mark", params={"kind": "personal"}).status_code == 422
