"""The call guide page: stages and their script text, logging through the form, what was
scheduled, refused values next to their field, and the CSRF guard (issue 7, P1-P10)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from callwise.domain.calls import Outcome
from callwise.services import calls
from callwise.services.app import App
from callwise.services.contacts import resolve_contact
from callwise.services.settings import set_setting
from web_support import csrf_of

AMARA = "Amara Okafor"  # a demo contact with an assistant, Denise Parker (P2.3)
MARCUS = "Marcus Bell"  # a demo contact without one
TALK = ("opener", "confirm", "small_talk", "next_call", "purpose", "close")


def _me(core: App) -> None:
    set_setting(core, "user_name", "Jordan Lee")
    set_setting(core, "user_phone", "+18165550142")


def _id(core: App, name: str) -> int:
    contact = resolve_contact(core, name)
    assert contact.id is not None
    return contact.id


def _stage(page: str, name: str) -> str:
    """The HTML of one stage section."""
    found = re.search(
        rf'<section class="call-stage[^"]*" data-stage="{name}".*?</section>', page, re.S
    )
    assert found, f"stage {name} is on the page"
    return found.group(0)


def _stages(page: str) -> list[str]:
    return re.findall(r'<section class="call-stage[^"]*" data-stage="([a-z_]+)"', page)


def test_a_contact_with_an_assistant_gets_the_gatekeeper_stage_and_every_script_text(
    demo_client: TestClient, core: App
) -> None:
    _me(core)
    page = demo_client.get(f"/contacts/{_id(core, AMARA)}/call")
    assert page.status_code == 200
    assert _stages(page.text)[:2] == ["answer", "gatekeeper"]
    assert set(TALK) <= set(_stages(page.text))
    assert _stages(page.text)[-2:] == ["voicemail", "outcome"]
    gatekeeper = _stage(page.text, "gatekeeper")
    assert "Hello Denise, my name is Jordan Lee." in gatekeeper  # P2.3: her first name
    assert 'name="notes_gatekeeper"' in gatekeeper
    # P2.5 then P2.6: who answered is checked by title and name, then the formal greeting.
    assert _stages(page.text).index("confirm") < _stages(page.text).index("opener")
    assert "Dr. Okafor?" in _stage(page.text, "confirm")
    opener = _stage(page.text, "opener")
    assert "Dr. Okafor" in opener and "Jordan Lee" in opener and "Amara" not in opener
    for value in ("answered", "gatekeeper", "no_answer"):
        assert f'data-branch="{value}"' in page.text
    voicemail = _stage(page.text, "voicemail")
    assert 'id="voicemail-timer"' in voicemail and "under 30 s." in voicemail
    assert "There&#39;s no need to call back." in voicemail  # a check-in asks for none (P10.3)
    assert 'href="tel:+1-816-555-0142"' in page.text
    for outcome in Outcome:
        assert f'name="outcome" value="{outcome.value}"' in page.text
    assert ">Left voicemail</button>" in page.text


def test_a_contact_without_an_assistant_has_no_gatekeeper_stage(
    demo_client: TestClient, core: App
) -> None:
    _me(core)
    page = demo_client.get(f"/contacts/{_id(core, MARCUS)}/call").text
    assert "gatekeeper" not in _stages(page)
    assert "is that Marcus?" in _stage(page, "confirm")  # P2.5, informal: first names
    assert "Hey Marcus, it&#39;s Jordan." in _stage(page, "opener")
    assert "How&#39;s the family?" in _stage(page, "small_talk")  # P4.2
    assert "his layoff" not in "".join(_stage(page, s) for s in TALK)  # a topic to avoid


def test_leaving_a_voicemail_stores_the_call_and_shows_the_follow_up(
    demo_client: TestClient, core: App
) -> None:
    _me(core)
    marcus = _id(core, MARCUS)
    token = csrf_of(demo_client, f"/contacts/{marcus}/call")
    form = {
        "csrf_token": token,
        "answer": "no_answer",
        "notes_voicemail": "Short and cheerful",
        "notes_general": "Try him in the evening",
        "occasion": "check-in",
        "outcome": "voicemail",
    }
    page = demo_client.post(f"/contacts/{marcus}/call", data=form)
    assert page.status_code == 200
    stored = calls.history(core, f"#{marcus}")
    assert [c.outcome for c in stored] == [Outcome.VOICEMAIL]
    assert stored[0].notes == "Voicemail: Short and cheerful\nOther notes: Try him in the evening"
    result = re.search(r'<section id="call-result".*?</section>', page.text, re.S)
    assert result
    # A personal contact's 30-day rhythm starts again today (P6.1).
    assert "Thu 24 Dec 2026" in result.group(0)
    assert "Keep in touch every 30 days" in result.group(0)
    assert 'href="/"' in result.group(0) and f'href="/contacts/{marcus}"' in result.group(0)


def test_an_agreed_call_and_a_promise_are_scheduled_and_sensitive_numbers_masked(
    demo_client: TestClient, core: App
) -> None:
    _me(core)
    marcus = _id(core, MARCUS)
    form = {
        "csrf_token": csrf_of(demo_client, f"/contacts/{marcus}/call"),
        "notes_purpose": "He read me his SSN 123-45-6789 by mistake",
        "follow_up": "2026-12-08",
        "promise_1": "send the smoker recipe",
        "promise_1_due": "2026-11-27",
        "duration": "12.5",
        "topics": "fishing, Chiefs",
        "outcome": "connected",
    }
    page = demo_client.post(f"/contacts/{marcus}/call", data=form).text
    call = calls.history(core, f"#{marcus}")[0]
    assert "123-45-6789" not in call.notes and "***-**-6789" in call.notes  # P8.2
    assert call.duration_seconds == 750 and call.topics == ("fishing", "Chiefs")
    assert "social security number" in page  # the warning is shown
    assert "Next call agreed for <strong>Tue 8 Dec 2026</strong>" in page
    assert "send the smoker recipe (due Fri 27 Nov 2026)" in page


def test_a_bad_date_is_refused_next_to_its_field_and_the_notes_are_kept(
    demo_client: TestClient, core: App
) -> None:
    _me(core)
    marcus = _id(core, MARCUS)
    form = {
        "csrf_token": csrf_of(demo_client, f"/contacts/{marcus}/call"),
        "answer": "answered",
        "notes_small_talk": "The twins made the all-star team",
        "follow_up": "2026-02-30",
        "outcome": "connected",
    }
    page = demo_client.post(f"/contacts/{marcus}/call", data=form)
    assert page.status_code == 422
    field = re.search(r'<input id="f-follow_up"[^>]*>', page.text)
    assert field and 'aria-invalid="true"' in field.group(0)
    assert 'aria-describedby="follow_up-error' in field.group(0)
    assert re.search(r'id="follow_up-error">&#39;2026-02-30&#39; is not a date', page.text)
    assert ">The twins made the all-star team</textarea>" in page.text
    assert 'value="answered" data-branch="answered" checked' in page.text
    assert calls.history(core, f"#{marcus}") == []  # nothing half-written


def test_a_promise_due_in_the_past_is_refused_next_to_that_promise(
    demo_client: TestClient, core: App
) -> None:
    _me(core)
    marcus = _id(core, MARCUS)
    form = {
        "csrf_token": csrf_of(demo_client, f"/contacts/{marcus}/call"),
        "promise_1": "call his brother",
        "promise_2": "send photos",
        "promise_2_due": "2026-10-01",
        "outcome": "connected",
    }
    page = demo_client.post(f"/contacts/{marcus}/call", data=form)
    assert page.status_code == 422
    assert 'id="promise_2_due-error">2026-10-01 is before today' in page.text
    assert 'value="send photos"' in page.text


def test_saving_without_an_outcome_asks_for_one(demo_client: TestClient, core: App) -> None:
    _me(core)
    marcus = _id(core, MARCUS)
    form = {"csrf_token": csrf_of(demo_client, f"/contacts/{marcus}/call"), "notes_opener": "x"}
    page = demo_client.post(f"/contacts/{marcus}/call", data=form)
    assert page.status_code == 422
    assert 'id="outcome-error">choose how the call ended' in page.text


def test_without_the_csrf_token_nothing_is_saved(demo_client: TestClient, core: App) -> None:
    marcus = _id(core, MARCUS)
    demo_client.get(f"/contacts/{marcus}/call")
    page = demo_client.post(f"/contacts/{marcus}/call", data={"outcome": "voicemail"})
    assert page.status_code == 403
    assert calls.history(core, f"#{marcus}") == []


def test_without_your_name_the_guide_has_placeholders_and_still_logs(
    demo_client: TestClient, core: App
) -> None:
    """Issue 15.4: the script says "[your name]" and "[your number]" until you give them, and
    links to the short form that comes back here."""
    marcus = _id(core, MARCUS)
    page = demo_client.get(f"/contacts/{marcus}/call")
    assert page.status_code == 200
    assert "[your name]" in page.text and "[your number]" in page.text
    assert f'href="/welcome?next=/contacts/{marcus}/call"' in page.text
    assert "No script yet" not in page.text
    form = {"csrf_token": csrf_of(demo_client, f"/contacts/{marcus}/call"), "outcome": "busy"}
    assert demo_client.post(f"/contacts/{marcus}/call", data=form).status_code == 200
    assert [c.outcome for c in calls.history(core, f"#{marcus}")] == [Outcome.BUSY]


def test_an_unknown_contact_is_not_found(client: TestClient) -> None:
    assert client.get("/contacts/999/call").status_code == 404


def test_the_occasion_can_be_chosen_and_a_bad_one_is_named(
    demo_client: TestClient, core: App
) -> None:
    _me(core)
    marcus = _id(core, MARCUS)
    page = demo_client.get(f"/contacts/{marcus}/call?occasion=lunch").text
    assert '<option value="lunch" selected>' in page
    refused = demo_client.get(f"/contacts/{marcus}/call?occasion=wedding").text
    assert 'id="occasion-error">unknown occasion &#39;wedding&#39;' in refused
    assert "Hey Marcus, it&#39;s Jordan." in refused  # the default script instead


def test_the_printable_script_has_both_versions(demo_client: TestClient, core: App) -> None:
    _me(core)
    page = demo_client.get(f"/contacts/{_id(core, AMARA)}/script").text
    assert 'data-section="opener"' in page and 'data-section="voicemail"' in page  # P10.4
    assert "Hello Dr. Okafor. My name is Jordan Lee" in page


def test_an_organization_without_a_purpose_asks_for_one_then_gives_the_script(
    demo_client: TestClient, core: App
) -> None:
    """P5.1: a call to a company's line needs to know what you want from them. The contact
    page and the guide ask for it in a field, not with an error, and the answer writes it."""
    _me(core)
    bank = _id(core, "First Prairie Bank")
    profile = demo_client.get(f"/contacts/{bank}").text
    assert 'class="purpose-ask"' in profile and "What do you need from them?" in profile
    assert "(P5.1)" not in profile
    guide = demo_client.get(f"/contacts/{bank}/call").text
    assert 'class="purpose-ask"' in guide and 'name="occasion" value="organization"' in guide
    asked = demo_client.get(
        f"/contacts/{bank}/call",
        params={"occasion": "organization", "purpose": "a refund for the double charge"},
    ).text
    assert 'class="purpose-ask"' not in asked
    assert "double charge" in _stage(asked, "purpose")
