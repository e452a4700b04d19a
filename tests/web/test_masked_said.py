"""A number masked on save is said, naming the field (issue 14.7, P8.2): the contact form's
flash, the API's `warnings`, and the import report (CLI text and `--json`, the web's preview
and result). Only the last four digits are ever stored."""

from __future__ import annotations

import json
import re
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from callwise.cli.app import app as cli
from callwise.services.app import App
from callwise.services.contacts import resolve_contact
from conftest import NOW
from web_support import csrf_of

SSN = "123-45-6789"
CARD = "4111 1111 1111 1111"
CARDS = f"""BEGIN:VCARD
VERSION:3.0
N:Quill;Pat;;;
FN:Pat Quill
TEL;type=CELL:+1 (816) 555-0177
NOTE:Her SSN is {SSN} for the benefits form
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:Reyes;Dana;;;
FN:Dana Reyes
TEL;type=CELL:+1 (816) 555-0133
END:VCARD
"""


def test_the_contact_form_says_which_field_had_a_number_masked(
    client: TestClient, core: App
) -> None:
    token = csrf_of(client, "/contacts/new")
    form = {"given_name": "Pat", "family_name": "Quill", "notes": f"SSN {SSN}"}
    added = client.post("/contacts/new", data={**form, "csrf_token": token})
    assert added.status_code == 200  # followed to the contact's page
    assert "notes: a social security number was masked (ending 6789)" in added.text
    pat = resolve_contact(core, "Pat Quill")
    assert SSN not in pat.notes and "6789" in pat.notes
    edited = client.post(
        f"/contacts/{pat.id}/edit",
        data={**form, "notes": pat.notes, "family_notes": f"card {CARD}", "csrf_token": token},
    )
    assert "family notes: a payment card number was masked (ending 1111)" in edited.text
    again = client.get(f"/contacts/{pat.id}").text
    assert "was masked" not in again  # said once (the flash)


def test_the_api_answers_a_save_with_its_warnings(client: TestClient) -> None:
    created = client.post("/api/v1/contacts", json={"given_name": "Pat", "notes": f"SSN {SSN}"})
    assert created.status_code == 201
    body = created.json()
    assert body["warnings"] == [
        next(w for w in body["warnings"] if w.startswith("notes: a social security number"))
    ]
    assert SSN not in body["notes"]
    patched = client.patch(
        f"/api/v1/contacts/{body['id']}", json={"met": {"circumstances": f"card {CARD}"}}
    )
    assert patched.status_code == 200
    assert patched.json()["warnings"][0].startswith("how you met: a payment card number was masked")
    plain = client.patch(f"/api/v1/contacts/{body['id']}", json={"city": "Omaha"})
    assert plain.json()["warnings"] == []
    assert client.get(f"/api/v1/contacts/{body['id']}").json()["warnings"] == []


def test_the_import_report_lists_the_contacts_and_fields_masked(
    client: TestClient, tmp_path: Path
) -> None:
    path = tmp_path / "cards.vcf"
    path.write_text(CARDS, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner()
    base = ["--db", url, "--now", NOW.isoformat()]
    data = json.loads(
        runner.invoke(cli, [*base, "--json", "import", str(path), "--dry-run"]).stdout
    )
    assert data["masked"] == [
        {
            "line": 1,
            "name": "Pat Quill",
            "field": "notes",
            "warning": data["masked"][0]["warning"],
        }
    ]
    assert "(ending 6789)" in data["masked"][0]["warning"]
    text = runner.invoke(cli, [*base, "import", str(path)]).stdout
    assert "Numbers masked" in text and "line 1: Pat Quill: notes: a social security" in text

    token = csrf_of(client, "/import")
    preview = client.post(
        "/import/preview",
        data={"csrf_token": token, "format": "auto", "region": ""},
        files={"file": ("cards.vcf", CARDS.encode(), "text/vcard")},
    )
    assert 'id="import-masked"' in preview.text and "Pat Quill: notes:" in preview.text
    confirm = re.search(
        r'<form id="import-confirm" method="post" action="(/import/[^"]+)"', preview.text
    )
    assert confirm
    done = client.post(confirm.group(1), data={"csrf_token": token, "format": "auto"})
    assert (
        'id="import-masked"' in done.text
        and "Dana Reyes" not in done.text.split('id="import-masked"')[1].split("</ul>")[0]
    )
    api = client.get("/api/v1/contacts?q=Quill").json()["contacts"][0]
    assert SSN not in api["notes"]
