"""The import and export pages: upload, preview, confirm; downloads in every format (issue 7)."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from pathlib import Path

import httpx
from fastapi.testclient import TestClient
from icalendar import Calendar

from callwise.services.app import App
from callwise.services.contacts import (
    count_contacts,
    find_contacts,
    list_contacts,
    remove_contact,
    save_contact,
)
from web_support import csrf_of

FIXTURES = Path(__file__).parent.parent / "fixtures"
APPLE = "vcard30_apple_itemgroups.vcf"


def _preview(
    client: TestClient, name: str, content: bytes | None = None, **form: str
) -> httpx.Response:
    token = csrf_of(client, "/import")
    data = content if content is not None else (FIXTURES / name).read_bytes()
    return client.post(
        "/import/preview",
        data={"csrf_token": token, "format": "auto", "region": "", **form},
        files={"file": (name, data, "application/octet-stream")},
    )


def _confirm(
    client: TestClient, preview: httpx.Response, *, follow_redirects: bool = True, **form: str
) -> httpx.Response:
    found = re.search(
        r'<form id="import-confirm" method="post" action="(/import/[^"]+)"', preview.text
    )
    assert found, "the preview has the confirm form"
    token = client.cookies.get("callwise_csrf") or ""
    data = {"csrf_token": token, "format": "auto", **form}
    return client.post(found.group(1), data=data, follow_redirects=follow_redirects)


def _count(page: str, kind: str) -> int:
    found = re.search(rf'data-count="{kind}">(\d+)<', page)
    assert found, f"the page shows the {kind} count"
    return int(found.group(1))


def test_import_page_has_the_upload_form_and_every_export(client: TestClient) -> None:
    page = client.get("/import")
    assert page.status_code == 200
    form = '<form id="import-form" enctype="multipart/form-data" method="post"'
    assert f'{form} action="/import/preview">' in page.text
    assert 'name="file" type="file"' in page.text
    for option in ("auto", "vcard", "google", "outlook", "linkedin", "backup"):
        assert f'<option value="{option}"' in page.text
    for href in ("/export/json", "/export/vcard", "/export/csv", "/export/calendar.ics"):
        assert href in page.text


def test_preview_lists_the_new_contacts_and_writes_nothing(client: TestClient, core: App) -> None:
    preview = _preview(client, APPLE)
    assert preview.status_code == 200
    assert 'id="import-preview"' in preview.text
    assert _count(preview.text, "new") == 3
    for name in ("Chidi Okafor", "Blue Prairie Catering", "Astrid Lindqvist"):
        assert name in preview.text
    assert (
        "label &#39;Boat&#39; read as &#39;other&#39;" in preview.text
    )  # a warning, with its line
    assert count_contacts(core) == 0


def test_confirm_stores_the_contacts_with_their_fields(client: TestClient, core: App) -> None:
    result = _confirm(client, _preview(client, APPLE))
    assert result.status_code == 200
    assert 'id="import-result"' in result.text
    assert 'href="/contacts"' in result.text
    assert count_contacts(core) == 3
    [chidi] = find_contacts(core, "Chidi Okafor").contacts
    assert chidi.organization == "Harbor Health Partners"
    assert chidi.job_title == "Chief Medical Officer"
    assert "+18165550142" in {p.number for p in chidi.phones}
    assert "chidi.okafor@harborhealth.example" in {e.address for e in chidi.emails}
    assert chidi.city == "Kansas City"


def test_a_second_import_of_the_same_file_adds_nobody(client: TestClient, core: App) -> None:
    _confirm(client, _preview(client, APPLE))
    again = _preview(client, APPLE)
    assert _count(again.text, "new") == 0
    assert _count(again.text, "unchanged") + _count(again.text, "merged") == 3
    _confirm(client, again)
    assert count_contacts(core) == 3


def test_the_preview_shows_the_fields_a_merge_changes(client: TestClient, core: App) -> None:
    _confirm(client, _preview(client, APPLE))
    [astrid] = find_contacts(core, "Astrid").contacts
    save_contact(core, replace(astrid, nickname="", notes="kept"))
    preview = _preview(client, APPLE)
    assert _count(preview.text, "merged") == 1
    merged = preview.text.split('id="import-merged"')[1].split("</ul>")[0]
    assert f'href="/contacts/{astrid.id}"' in merged
    assert '<span class="tag">nickname</span>' in merged


def test_a_file_of_unknown_shape_is_refused_in_one_line(client: TestClient, core: App) -> None:
    page = _preview(client, "linkedin_no_header.csv")
    assert page.status_code == 422
    errors = re.findall(r'<p class="field-error" id="f-(\w+)-error">([^<]*)</p>', page.text)
    assert len(errors) == 1
    field, message = errors[0]
    assert field == "format"
    assert "cannot tell the file&#39;s format" in message
    assert "--format" not in message and "Format menu" in message
    assert 'id="import-preview"' not in page.text
    assert count_contacts(core) == 0


def test_the_wrong_format_names_the_missing_header(client: TestClient, core: App) -> None:
    page = _preview(client, "linkedin_no_header.csv", format="linkedin")
    assert page.status_code == 422
    assert "no LinkedIn Connections.csv" in page.text
    assert count_contacts(core) == 0


def test_rejected_records_are_listed_and_skip_invalid_imports_the_rest(
    client: TestClient, core: App
) -> None:
    preview = _preview(client, "vcard_malformed.vcf")
    assert _count(preview.text, "rejected") == 5
    rows = re.findall(r"<tr><td>(\d+)</td><td>([^<]*)</td></tr>", preview.text)
    assert [int(line) for line, _ in rows] == [7, 12, 22, 23, 27]
    assert "no END:VCARD before the next card" in rows[1][1]
    assert 'name="skip_invalid"' in preview.text

    refused = _confirm(client, preview)
    assert refused.status_code == 422
    assert "nothing imported" in refused.text and "Skip invalid records" in refused.text
    assert count_contacts(core) == 0

    done = _confirm(client, refused, skip_invalid="on")
    assert done.status_code == 200
    assert 'id="import-result"' in done.text
    assert sorted(c.name for c in list_contacts(core).contacts) == ["First Good", "Good Second"]


def test_an_empty_upload_is_shown_next_to_the_file_field(client: TestClient) -> None:
    page = _preview(client, "empty.vcf", content=b"")
    assert page.status_code == 422
    assert re.search(r'<p class="field-error" id="f-file-error">the file is empty', page.text)
    assert 'aria-invalid="true"' in page.text


def test_a_bad_region_is_shown_next_to_its_field(client: TestClient, core: App) -> None:
    page = _preview(client, APPLE, region="XX")
    assert page.status_code == 422
    assert re.search(r'id="f-region-error">&#39;XX&#39; is not a phone region', page.text)
    assert 'value="XX"' in page.text
    assert f"You chose {APPLE}: choose it again" in page.text
    assert count_contacts(core) == 0


def test_a_confirmed_upload_is_imported_once_and_its_result_page_reloads(
    client: TestClient, core: App
) -> None:
    """Post/redirect/get (issue 15): the import answers with a redirect to its result page;
    reloading that page, or sending the form again, imports nothing more."""
    preview = _preview(client, APPLE)
    done = _confirm(client, preview, follow_redirects=False)
    assert done.status_code == 303
    result = client.get(done.headers["location"])
    assert 'id="import-result"' in result.text and _count(result.text, "new") == 3
    assert client.get(done.headers["location"]).text == result.text
    again = _confirm(client, preview, follow_redirects=False)
    assert (again.status_code, again.headers["location"]) == (303, done.headers["location"])
    assert count_contacts(core) == 3


def _download(client: TestClient, format: str) -> httpx.Response:
    response = client.get(f"/export/{format}")
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith("attachment;")
    return response


def test_exports_download_every_contact_in_each_format(demo_client: TestClient, core: App) -> None:
    total = count_contacts(core)
    backup = _download(demo_client, "json")
    assert ".json" in backup.headers["content-disposition"]
    assert len(json.loads(backup.text)["contacts"]) == total
    vcards = _download(demo_client, "vcard")
    assert vcards.headers["content-type"].startswith("text/vcard")
    assert vcards.text.count("BEGIN:VCARD") == total
    rows = list(csv.reader(io.StringIO(_download(demo_client, "csv").text)))
    assert "First Name" in rows[0] and len(rows) == total + 1
    assert demo_client.get("/export/pdf").status_code == 404


def test_the_json_export_restores_what_was_removed(demo_client: TestClient, core: App) -> None:
    backup = _download(demo_client, "json").content
    total = count_contacts(core)
    gone = list_contacts(core, limit=2).contacts
    for contact in gone:
        assert contact.id is not None
        remove_contact(core, contact.id)
    preview = _preview(demo_client, "backup.json", content=backup)
    assert "<strong>2</strong> new" in preview.text
    assert _confirm(demo_client, preview).status_code == 200
    assert count_contacts(core) == total
    assert {c.name for c in gone} <= {c.name for c in list_contacts(core, limit=100).contacts}


def test_the_calendar_export_is_valid_icalendar(demo_client: TestClient) -> None:
    response = demo_client.get("/export/calendar.ics?days=7")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert events
    bad = demo_client.get("/export/calendar.ics?days=0")
    assert bad.status_code == 422
    assert "between 1 and" in bad.text


def test_cancelling_a_preview_forgets_the_upload(client: TestClient, core: App) -> None:
    preview = _preview(client, APPLE)
    found = re.search(r'action="(/import/[^"/]+)/cancel"', preview.text)
    assert found
    token = client.cookies.get("callwise_csrf") or ""
    back = client.post(found.group(1) + "/cancel", data={"csrf_token": token})
    assert back.status_code == 200 and 'id="import-form"' in back.text
    assert _confirm(client, preview).status_code == 404
    assert count_contacts(core) == 0


def test_a_merge_shows_both_sides_why_and_can_be_kept_separate(
    client: TestClient, core: App
) -> None:
    """Issue 13: the preview shows the stored value beside the incoming one, why they
    matched, and "Import as a separate person" imports that record as a new contact."""
    identity = FIXTURES / "identity"
    done = _confirm(
        client,
        _preview(client, "identity_person.vcf", (identity / "identity_person.vcf").read_bytes()),
    )
    assert done.status_code == 200 and count_contacts(core) == 3
    content = (identity / "identity_person_google.csv").read_bytes()
    preview = _preview(client, "identity_person_google.csv", content)
    table = preview.text[preview.text.index('id="import-merge-check"') :]
    assert "same phone; Bill is a nickname of William" in table
    assert "William Hartley" in table and "Bill Hartley" in table
    line = re.search(r'name="separate" value="(\d+)"', table)
    assert line
    token = client.cookies.get("callwise_csrf") or ""
    action = re.search(
        r'<form id="import-confirm" method="post" action="(/import/[^"]+)"', preview.text
    )
    assert action
    confirmed = client.post(
        action.group(1),
        data={"csrf_token": token, "format": "auto", "separate": line.group(1)},
    )
    assert confirmed.status_code == 200
    names = {c.name for c in list_contacts(core, limit=100).contacts}
    assert {"Bill Hartley", "William Hartley"} <= names
