"""The CLI and the web form read contact input the same way (issue 12.4): the same cadences
(30, 2w, monthly ...), and `contacts add` and `contacts edit` offer one option set."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from callwise.cli import contact_options
from callwise.cli.app import app as cli_app
from callwise.services.app import App
from callwise.services.contacts import find_contacts
from web_support import csrf_of

NOW = "2026-11-24T09:00:00-06:00"
CADENCES = [("30", 30), ("2w", 14), ("monthly", 30), ("3 months", 90), ("none", None)]


def _options(command: str) -> list[str]:
    result = CliRunner().invoke(cli_app, ["contacts", command, "--help"], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    # each option's own name opens its row of the help box (others appear in descriptions)
    return re.findall(r"^\W\s+(--[a-z-]+)", result.output.split("Options", 1)[1], re.MULTILINE)


def test_add_and_edit_offer_the_same_contact_options() -> None:
    add, edit = _options("add"), _options("edit")
    # edit's own: --remove-* for lists, and changing the kind of a whole search at once
    own = ("--all-matching", "--yes")
    assert [o for o in edit if not o.startswith("--remove-") and o not in own] == add
    assert all(o in edit for o in own)
    assert len(contact_options.SHARED) == len([o for o in add if o not in ("--force", "--help")])


@pytest.mark.parametrize(("text", "days"), CADENCES)
def test_the_cli_takes_every_cadence_form(tmp_path: Path, text: str, days: int | None) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner()
    added = runner.invoke(
        cli_app, ["--db", url, "--now", NOW, "--json", "contacts", "add", "Ana Sousa"]
    )
    assert added.exit_code == 0, added.output
    edited = runner.invoke(
        cli_app,
        ["--db", url, "--now", NOW, "--json", "contacts", "edit", "Ana", "--cadence", text],
    )
    assert edited.exit_code == 0, edited.output
    assert json.loads(edited.stdout)["cadence_days"] == days


def test_the_cli_names_its_option_for_a_bad_cadence(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    result = CliRunner().invoke(
        cli_app, ["--db", url, "--now", NOW, "contacts", "add", "Ana Sousa", "--cadence", "often"]
    )
    assert result.exit_code != 0
    assert "is not a number of days" in result.stderr


@pytest.mark.parametrize(("text", "days"), CADENCES[:-1])
def test_the_web_form_takes_every_cadence_form(
    client: TestClient, core: App, text: str, days: int
) -> None:
    token = csrf_of(client, "/contacts/new")
    data = {"csrf_token": token, "given_name": "Lena", "family_name": "Fischer"}
    page = client.post("/contacts/new", data={**data, "cadence_days": text})
    assert page.status_code == 200, page.text
    (lena,) = find_contacts(core, "Lena Fischer", limit=5, offset=0).contacts
    assert lena.cadence_days == days
