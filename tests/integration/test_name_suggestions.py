"""A misspelt contact name suggests the closest names (issue 15): "no contact named 'Amara
Okafr'; did you mean Amara Okafor?", on both backends, from the services and the command line."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from callwise.cli.app import app as cli_app
from callwise.domain.errors import NotFoundError
from callwise.services.app import App
from callwise.services.contacts import resolve_contact
from callwise.services.demo import load_demo


@pytest.fixture
def demo(app: App) -> App:
    load_demo(app)
    return app


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("Amara Okafr", "did you mean Amara Okafor?"),
        ("amra okafor", "did you mean Amara Okafor?"),
        ("Okafr", "did you mean Amara Okafor?"),
        ("Jonas Beker", "did you mean Jonas Becker?"),
        ("Lindqvst", "did you mean Jacob Lindqvist?"),
        ("Jonas Bekker", "did you mean Jonas Becker?"),
    ],
)
def test_a_near_miss_suggests_the_closest_name(demo: App, typed: str, suggested: str) -> None:
    with pytest.raises(NotFoundError) as caught:
        resolve_contact(demo, typed)
    assert caught.value.message == f"no contact named {typed!r}; {suggested}"
    assert caught.value.field == "contact"


def test_nothing_close_suggests_nothing(demo: App) -> None:
    for typed in ("Bob Smith", "zzz", "Amara Zzzzzz"):
        with pytest.raises(NotFoundError) as caught:
            resolve_contact(demo, typed)
        assert "did you mean" not in caught.value.message, typed
        assert "callwise contacts find" in caught.value.message


def test_the_command_line_says_it_in_one_line_with_exit_4(demo: App, db_url: str) -> None:
    runner = CliRunner()
    for key, value in (("user_name", "Alex Morgan"), ("user_phone", "816 555 0100")):
        done = runner.invoke(cli_app, ["--db", db_url, "settings", "set", key, value])
        assert done.exit_code == 0, done.stderr
    for command in (["script", "Amara Okafr"], ["contacts", "show", "Amara Okafr"]):
        result = runner.invoke(cli_app, ["--db", db_url, *command])
        assert result.exit_code == 4, result.stderr
        assert result.stderr == (
            "error: contact: no contact named 'Amara Okafr'; did you mean Amara Okafor?\n"
        )
