"""`callwise script | call | log | history` (issue 6), driven through the real CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from callwise.cli.app import app

runner = CliRunner()
NOW = "2026-11-24T20:00:00Z"  # 14:00 in Kansas City, Royce's birthday
Run = Callable[..., str]


@pytest.fixture
def cw(tmp_path: Path) -> Run:
    url = f"sqlite:///{tmp_path / 'calls.db'}"

    def run(*args: str, code: int = 0, input: str | None = None, out: str = "both") -> str:
        result = runner.invoke(app, ["--db", url, "--now", NOW, *args], input=input)
        assert result.exit_code == code, (result.stdout, result.stderr)
        return {"stdout": result.stdout, "stderr": result.stderr}.get(
            out, result.stdout + result.stderr
        )

    run("settings", "set", "user_name", "Jordan Lee")
    run("settings", "set", "user_phone", "+18165550142")
    run(
        "contacts",
        "add",
        "Royce Bell",
        "--kind",
        "personal",
        "--city",
        "Kansas City",
        "--region",
        "MO",
        "--country",
        "US",
        "--birthday",
        "1980-11-24",
        "--met-event",
        "the alumni dinner",
        "--phone",
        "+1 816 555 0175",  # the guided call needs a number to dial (issue 14)
    )
    return run


def test_the_script_has_your_name_and_a_short_birthday_voicemail(cw: Run) -> None:
    """P2.7: you say your name; P10.2, P10.3: a birthday voicemail is short and asks for
    no call back."""
    out = cw("script", "royce")
    assert "Birthday call to Royce Bell" in out and "Jordan" in out
    assert "Before you call" in out and "If nobody answers" in out
    data = json.loads(cw("script", "royce", "--json", out="stdout"))
    assert data["occasion"] == "birthday" and data["contact"]["name"] == "Royce Bell"
    assert data["voicemail_seconds"] < 30 and data["voicemail_over_limit"] is False
    [voicemail] = [s for s in data["sections"] if s["key"] == "voicemail"]
    assert "no need to call back" in " ".join(voicemail["lines"]).lower()
    assert "P10.3" in voicemail["rules"]
    assert any("Jordan" in line for s in data["sections"] for line in s["lines"])


def test_a_memorable_line_and_a_purpose_go_into_the_script(cw: Run) -> None:
    out = cw(
        "script",
        "royce",
        "--occasion",
        "lunch",
        "--purpose",
        "Lunch next week?",
        "--line",
        "the night the power went out at the dinner",
    )
    assert "Lunch call to Royce Bell" in out and "power went out" in out
    err = cw("script", "royce", "--occasion", "wedding", code=3)
    assert "--occasion" in err


def test_a_call_walked_to_a_left_voicemail_is_logged_with_what_follows(cw: Run) -> None:
    """P10.1: nobody answers, the voicemail is left; the next keep-in-touch call is shown."""
    out = cw("call", "royce", input="no answer\ny\n\n")
    assert "If nobody answers: the voicemail" in out and "no need to call back" in out.lower()
    assert "Logged: left voicemail with Royce Bell" in out
    assert "Scheduled next:" in out and "Keep in touch every 30 days" in out
    data = json.loads(cw("history", "royce", "--json", out="stdout"))
    assert [c["outcome"] for c in data["calls"]] == ["voicemail"]
    assert data["calls"][0]["occasion"] == "birthday"


def test_a_conversation_walks_every_stage_and_keeps_notes_promises_and_the_recap(
    cw: Run,
) -> None:
    """P4-P7: notes at each stage, the next call agreed (suggested), a promise with its date."""
    answers = [
        "yes",  # did they answer
        "yes",  # right person, good moment (asked once the opener is said, P2.5, P2.1)
        "loved the call",  # opener notes
        "kids back at school",  # small talk
        "",  # purpose
        "",  # next call
        "Lunch in December, I send photos",  # the recap at the close
        "",  # next call agreed: the suggestion
        "send the dinner photos",
        "+2",
        "",
    ]
    out = cw("call", "royce", "--json", input="\n".join(answers) + "\n", out="stdout")
    data = json.loads(out)
    call = data["call"]
    assert call["outcome"] == "connected" and call["recap"] == "Lunch in December, I send photos"
    assert "Small talk: kids back at school" in call["notes"]
    assert call["follow_up"] == "2027-01-04"  # not Christmas Eve: after the holidays
    assert call["promises"] == [
        {"text": "send the dinner photos", "due": "2026-11-26", "done": False}
    ]
    assert {s["kind"] for s in data["next"]} >= {"follow-up", "cadence"}
    script = json.loads(cw("script", "royce", "--json", out="stdout"))
    [card] = [s for s in script["sections"] if s["key"] == "preparation"]
    assert any("Lunch in December" in line for line in card["lines"])  # P7.1


def test_a_gatekeeper_takes_a_message(cw: Run) -> None:
    """P2.3: the lines for the assistant, then the message left."""
    cw(
        "contacts",
        "add",
        "Amara Okafor",
        "--kind",
        "business",
        "--honorific",
        "Dr.",
        "--org",
        "Heartland Bank",
        "--city",
        "Kansas City",
        "--country",
        "US",
        "--assistant",
        "Maria",
        "--phone",
        "+1 816 555 0190",
    )
    out = cw("call", "okafor", input="gatekeeper\nMaria was kind\nmessage\n\n")
    assert "If an assistant or a switchboard answers" in out
    assert "Logged: gatekeeper (message left) with Amara Okafor" in out


def test_a_walk_without_answers_records_nothing(cw: Run) -> None:
    err = cw("call", "royce", input="", code=7, out="stderr")
    assert "nothing was recorded" in err and "callwise log" in err
    assert json.loads(cw("history", "royce", "--json", out="stdout"))["calls"] == []


def test_log_refuses_an_unknown_outcome_naming_the_option(cw: Run) -> None:
    err = cw("log", "royce", "--outcome", "chatted", code=3, out="stderr")
    assert "--outcome" in err and "no-answer" in err
    err = cw(
        "log",
        "royce",
        "--outcome",
        "connected",
        "--promise",
        "a",
        "--promise",
        "b",
        "--due",
        "+1",
        code=3,
        out="stderr",
    )
    assert "--due" in err


def test_log_masks_numbers_and_history_shows_the_timeline(cw: Run) -> None:
    """P8.2 on the command line; the timeline in your zone with promises and follow-ups."""
    out = cw(
        "log",
        "royce",
        "--outcome",
        "connected",
        "--note",
        "card 4111 1111 1111 1111",
        "--promise",
        "send the deck",
        "--due",
        "2026-11-30",
        "--follow-up",
        "+14",
        "--duration",
        "12.5",
        "--topic",
        "golf",
    )
    assert "warning: notes: a payment card number was masked (ending 1111)" in out
    assert "Promised: send the deck" in out
    data = json.loads(cw("history", "royce", "--json", out="stdout"))
    assert data["contact"]["name"] == "Royce Bell" and data["home_zone"] == "America/Chicago"
    [call] = data["calls"]
    assert call["notes"] == "card **** **** **** 1111" and call["duration_seconds"] == 750
    assert call["at"] == "2026-11-24T20:00:00Z" and call["local_at"].endswith("-06:00")
    assert call["promises"][0] == {"text": "send the deck", "due": "2026-11-30", "done": False}
    assert call["follow_up"] == "2026-12-08" and call["topics"] == ["golf"]
    table = cw("history", "royce")
    assert "Tue 24 Nov 2026 14:00 CST" in table and "send the deck" in table


def test_the_call_commands_exist_with_examples() -> None:
    for command in ("script", "call", "log", "history"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Example: callwise" in result.stdout, command
