"""Search finds the contacts that match every word typed, on both backends and every surface
(issue 15): "kansas city" is not "city", and "priya kansas" finds no one in Kansas City who is
not Priya."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from callwise.cli.app import app as cli_app
from callwise.domain.model import Contact
from callwise.services import contacts as service
from callwise.services.app import App
from callwise.services.browse import Filters, browse_contacts

PEOPLE = [
    ("Amara", "Okafor", "Kansas City"),
    ("Priya", "Natarajan", "Omaha"),
    ("Carlos", "Ruiz", "Mexico City"),
    ("Dale", "Kansas", "Wichita"),
]
# query -> the given names it must find, in name order
EXPECTED = {
    "kansas city": ["Amara"],
    "city kansas": ["Amara"],
    "priya kansas": [],
    "priya omaha": ["Priya"],
    "priya natarajan": ["Priya"],
    "kansas": ["Amara", "Dale"],
    "mexico cit": ["Carlos"],
    "ruiz city": ["Carlos"],
}


@pytest.fixture
def people(app: App) -> App:
    for given, family, city in PEOPLE:
        service.save_contact(app, Contact(given_name=given, family_name=family, city=city))
    return app


@pytest.mark.parametrize("query", EXPECTED)
def test_the_services_need_every_word(people: App, query: str) -> None:
    found = service.find_contacts(people, query).contacts
    assert [c.given_name for c in found] == EXPECTED[query]
    browsed = browse_contacts(people, Filters(query=query), limit=50)
    assert [c.given_name for c in browsed.contacts] == EXPECTED[query]
    assert browsed.total == len(EXPECTED[query])


def test_the_api_needs_every_word(people: App, client: TestClient) -> None:
    for query, names in EXPECTED.items():
        response = client.get("/api/v1/contacts", params={"q": query})
        assert response.status_code == 200, response.text
        assert [c["given_name"] for c in response.json()["contacts"]] == names, query


def test_the_cli_needs_every_word(people: App, db_url: str) -> None:
    runner = CliRunner()
    for query, names in EXPECTED.items():
        result = runner.invoke(cli_app, ["--db", db_url, "--json", "contacts", "find", query])
        assert result.exit_code == 0, result.stderr
        assert [c["given_name"] for c in json.loads(result.stdout)["contacts"]] == names, query
