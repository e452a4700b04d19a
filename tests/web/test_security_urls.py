"""Addresses stored in contacts are http(s), and the LinkedIn profile is LinkedIn's (issue 11):
the CLI, the API, the pages and the imports refuse or drop anything a page would render as a
script link (javascript:, data:, vbscript:), and the contact page never links one anyway."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from typer.testing import CliRunner

from callwise.cli.app import app as cli
from callwise.domain.contacts import check_linkedin_url, prepare_contact
from callwise.domain.errors import ValidationError
from callwise.domain.model import Contact
from callwise.services.app import App
from callwise.services.contacts import save_contact
from callwise.store.tables import contacts
from web_support import NOW_TEXT, csrf_of

SCRIPTS = (
    "javascript:alert(document.cookie)",
    " JavaScript:alert(1)//https://www.linkedin.com/in/x",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
)
NOT_LINKEDIN = (
    "https://evil.example/in/jane",
    "https://linkedin.com.evil.example/in/jane",
    "https://evil.example/?u=linkedin.com/in/jane",
    "https://www.linkedin.com@evil.example/in/jane",
    "ftp://www.linkedin.com/in/jane",
    "//www.linkedin.com/in/jane",
)
runner = CliRunner()


@pytest.mark.parametrize("url", SCRIPTS + NOT_LINKEDIN)
def test_only_linkedin_web_addresses_are_profiles(url: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_linkedin_url(url)
    assert caught.value.field == "linkedin_url"
    with pytest.raises(ValidationError):
        prepare_contact(Contact(given_name="Jane", linkedin_url=url), "US")


@pytest.mark.parametrize(
    ("url", "stored"),
    [
        ("https://www.linkedin.com/in/jane-doe", "https://www.linkedin.com/in/jane-doe"),
        ("http://uk.linkedin.com/in/eleanorvance", "http://uk.linkedin.com/in/eleanorvance"),
        ("HTTPS://LinkedIn.com/in/x/", "HTTPS://LinkedIn.com/in/x/"),
        ("linkedin.com/in/zoe-m", "https://linkedin.com/in/zoe-m"),
        (" www.linkedin.com/in/x#about ", "https://www.linkedin.com/in/x#about"),
        ("", ""),
    ],
)
def test_linkedin_addresses_are_kept(url: str, stored: str) -> None:
    assert check_linkedin_url(url) == stored


@pytest.mark.parametrize("url", SCRIPTS[:1] + SCRIPTS[3:] + NOT_LINKEDIN[:1])
def test_the_cli_refuses_the_address_in_one_line(tmp_path: Path, url: str) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    args = ["--db", db, "--now", NOW_TEXT, "contacts", "add", "Bo Jones", "--linkedin", url]
    result = runner.invoke(cli, args)
    assert result.exit_code == 3, result.stderr
    assert result.stderr.startswith("error: linkedin_url:") and result.stderr.count("\n") == 1
    listed = runner.invoke(cli, ["--db", db, "--json", "contacts", "list"])
    assert json.loads(listed.stdout)["contacts"] == []


@pytest.mark.parametrize("url", [SCRIPTS[0], SCRIPTS[3], SCRIPTS[4], NOT_LINKEDIN[1]])
def test_the_api_refuses_the_address(client: TestClient, url: str) -> None:
    made = client.post("/api/v1/contacts", json={"given_name": "Jane", "linkedin_url": url})
    assert made.status_code == 422
    assert made.json()["error"]["field"] == "linkedin_url"
    good = {"given_name": "Jane", "linkedin_url": "https://www.linkedin.com/in/jane"}
    contact_id = client.post("/api/v1/contacts", json=good).json()["id"]
    patched = client.patch(f"/api/v1/contacts/{contact_id}", json={"linkedin_url": url})
    assert patched.status_code == 422 and patched.json()["error"]["field"] == "linkedin_url"
    kept = client.get(f"/api/v1/contacts/{contact_id}").json()
    assert kept["linkedin_url"] == good["linkedin_url"]


def test_the_form_refuses_the_address_next_to_its_field(client: TestClient) -> None:
    token = csrf_of(client, "/contacts/new")
    form = {"csrf_token": token, "given_name": "Jane", "linkedin_url": SCRIPTS[0]}
    answer = client.post("/contacts/new", data=form, follow_redirects=False)
    assert answer.status_code == 422
    assert "is not a web address" in answer.text
    assert 'href="javascript:' not in answer.text.lower()


VCARD = """BEGIN:VCARD
VERSION:3.0
FN:Jane Rebound
N:Rebound;Jane;;;
TEL;TYPE=CELL:+1 816 555 0142
X-CALLWISE-LINKEDIN-URL:javascript:alert(1)//linkedin.com/in/jane
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Ana Good
N:Good;Ana;;;
URL:https://www.linkedin.com/in/ana-good
END:VCARD
"""


def _contacts(db: str) -> dict[str, dict[str, object]]:
    listed = runner.invoke(cli, ["--db", db, "--json", "contacts", "list"])
    ids = [c["id"] for c in json.loads(listed.stdout)["contacts"]]
    shown = [runner.invoke(cli, ["--db", db, "--json", "contacts", "show", str(i)]) for i in ids]
    return {json.loads(s.stdout)["name"]: json.loads(s.stdout) for s in shown}


def test_an_import_drops_a_bad_address_and_keeps_it_as_text_in_the_notes(tmp_path: Path) -> None:
    """Decision: an import is not refused for it; the address leaves the field, and the notes
    say what was not kept and why."""
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    card = tmp_path / "contacts.vcf"
    card.write_text(VCARD)
    result = runner.invoke(cli, ["--db", db, "--now", NOW_TEXT, "import", str(card)])
    assert result.exit_code == 0, result.stderr
    found = _contacts(db)
    jane, ana = found["Jane Rebound"], found["Ana Good"]
    assert jane["linkedin_url"] == ""
    assert "LinkedIn profile (not kept:" in str(jane["notes"])
    assert ana["linkedin_url"] == "https://www.linkedin.com/in/ana-good"


def test_a_backup_with_a_bad_address_is_restored_without_it(tmp_path: Path) -> None:
    first, second = (f"sqlite:///{tmp_path / name}" for name in ("a.db", "b.db"))
    add = ["contacts", "add", "Jane Rebound", "--linkedin", "https://www.linkedin.com/in/jane"]
    assert runner.invoke(cli, ["--db", first, "--now", NOW_TEXT, *add]).exit_code == 0
    backup = tmp_path / "backup.json"
    exported = runner.invoke(cli, ["--db", first, "export", "--format", "json", "-o", str(backup)])
    assert exported.exit_code == 0, exported.stderr
    document = json.loads(backup.read_text())
    document["contacts"][0]["linkedin_url"] = "data:text/html,<script>alert(1)</script>"
    backup.write_text(json.dumps(document))
    result = runner.invoke(cli, ["--db", second, "--now", NOW_TEXT, "import", str(backup)])
    assert result.exit_code == 0, result.stderr
    jane = _contacts(second)["Jane Rebound"]
    assert jane["linkedin_url"] == "" and "not kept" in str(jane["notes"])


def test_the_contact_page_never_links_an_unsafe_stored_address(
    core: App, client: TestClient
) -> None:
    """Defence in depth: a row written before addresses were checked is shown without a link."""
    contact = save_contact(core, Contact(given_name="Old", family_name="Row"))
    with core.transaction() as conn:
        conn.execute(
            update(contacts)
            .where(contacts.c.id == contact.id)
            .values(linkedin_url="javascript:alert(1)")
        )
    page = client.get(f"/contacts/{contact.id}")
    assert page.status_code == 200
    assert "javascript:" not in page.text and "LinkedIn profile</a>" not in page.text
