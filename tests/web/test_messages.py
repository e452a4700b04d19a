"""Service messages on pages: commands in backticks read as code, and nothing is unescaped."""

from __future__ import annotations

from fastapi.testclient import TestClient

from callwise.web.deps import ticks


def test_backticked_commands_become_code_and_the_rest_is_escaped() -> None:
    shown = ticks("set it with `callwise settings set user_name <NAME>` <b>now</b>")
    assert str(shown) == (
        "set it with <code>callwise settings set user_name &lt;NAME&gt;</code> "
        "&lt;b&gt;now&lt;/b&gt;"
    )
    assert str(ticks("an odd ` stays <i>")) == "an odd ` stays &lt;i&gt;"


def test_the_guide_without_your_name_shows_the_command_as_code(demo_client: TestClient) -> None:
    page = demo_client.get("/contacts/1/call")
    assert page.status_code == 200
    assert "<code>callwise settings set user_name NAME</code>" in page.text
    assert "`callwise" not in page.text
