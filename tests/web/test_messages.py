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


def test_the_guide_without_your_name_names_no_command(demo_client: TestClient) -> None:
    """Issue 15.5: no terminal command on a page; the script has placeholders instead."""
    page = demo_client.get("/contacts/1/call")
    assert page.status_code == 200
    assert "callwise settings" not in page.text and "`callwise" not in page.text
    assert "[your name]" in page.text
