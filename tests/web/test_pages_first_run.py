"""The first run (issue 15.4, P2.1, P2.7): scripts before you say who you are, Today's one
invitation to say it (name, number, zone) that returns to where you were, Settings' way back,
and the web login's password set, changed and removed on the Settings page (issue 15.5)."""

from __future__ import annotations

import re

import httpx
from fastapi.testclient import TestClient

from callwise.services import access
from callwise.services.app import App
from callwise.services.contacts import find_contacts
from web_support import csrf_of

INVITE = 'id="welcome-form"'


def _introduce(client: TestClient, **fields: str) -> httpx.Response:
    data = {"csrf_token": csrf_of(client, "/"), "next": "/", **fields}
    return client.post("/welcome", data=data, follow_redirects=False)


def test_today_invites_once_and_saving_returns_where_you_were(
    demo_client: TestClient, core: App
) -> None:
    page = demo_client.get("/").text
    assert INVITE in page
    zones = re.findall(r'<option value="([^"]+)"', page.split(INVITE)[1].split("</form>")[0])
    assert "Europe/Berlin" in zones and "America/Chicago" in zones  # a list of IANA zones
    ava = find_contacts(core, "Ava Thompson").contacts[0].id
    saved = _introduce(
        demo_client,
        user_name="Sam Carter",
        user_phone="816 555 0100",
        home_zone="America/Denver",
        next=f"/contacts/{ava}/call",
    )
    assert saved.status_code == 303 and saved.headers["location"] == f"/contacts/{ava}/call"
    settings = core.settings()
    assert (settings.user_name, settings.user_phone) == ("Sam Carter", "+18165550100")
    assert settings.home_zone == "America/Denver"
    guide = demo_client.get(f"/contacts/{ava}/call").text
    assert "Sam" in guide and "[your name]" not in guide and "816 555 0100" in guide
    assert INVITE not in demo_client.get("/").text


def test_a_wrong_number_is_shown_by_its_field_and_nothing_is_saved(
    demo_client: TestClient, core: App
) -> None:
    refused = _introduce(demo_client, user_name="Sam Carter", user_phone="12", home_zone="UTC")
    assert refused.status_code == 422
    assert 'id="f-user_phone-error"' in refused.text and "Sam Carter" in refused.text
    assert core.settings().user_name == "" and core.settings().home_zone != "UTC"
    assert INVITE in demo_client.get("/").text  # still asked: nothing was saved


def test_not_now_dismisses_it_for_good_and_scripts_keep_their_placeholders(
    demo_client: TestClient, core: App
) -> None:
    token = csrf_of(demo_client, "/")
    gone = demo_client.post(
        "/welcome/dismiss", data={"csrf_token": token, "next": "/"}, follow_redirects=False
    )
    assert gone.status_code == 303 and gone.headers["location"] == "/"
    assert INVITE not in demo_client.get("/").text
    ava = find_contacts(core, "Ava Thompson").contacts[0].id
    page = demo_client.get(f"/contacts/{ava}").text
    assert "[your name]" in page and f'href="/welcome?next=/contacts/{ava}"' in page


def test_next_goes_only_to_a_path_on_this_site(demo_client: TestClient) -> None:
    for elsewhere in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        saved = _introduce(demo_client, user_name="Sam", next=elsewhere)
        assert saved.headers["location"] == "/"
    form = demo_client.get("/welcome", params={"next": "https://evil.example/"}).text
    assert 'name="next" value="/"' in form


def test_settings_keeps_a_way_back_after_saving(demo_client: TestClient) -> None:
    page = demo_client.get("/settings", params={"next": "/contacts/3"}).text
    assert '<a href="/contacts/3">Back to where you were</a>' in page
    token = csrf_of(demo_client, "/settings")
    saved = demo_client.post(
        "/settings",
        data={"csrf_token": token, "user_name": "Sam Carter", "next": "/contacts/3"},
        follow_redirects=False,
    )
    assert saved.status_code == 303 and saved.headers["location"] == "/settings?next=/contacts/3"
    shown = demo_client.get(saved.headers["location"]).text
    assert "Saved 1 setting." in shown and 'href="/contacts/3">Back to where you were' in shown
    assert "Back to where you were" not in demo_client.get("/settings").text


def _login_form(client: TestClient, path: str = "/settings/login", **fields: str) -> httpx.Response:
    data = {"csrf_token": csrf_of(client, "/settings"), **fields}
    return client.post(path, data=data, follow_redirects=False)


def test_the_login_password_is_set_changed_and_removed_on_the_settings_page(
    client: TestClient, core: App
) -> None:
    """Issue 15.5: no terminal needed; the current password first once one is set; a new
    password ends every session (services/access.py)."""
    short = _login_form(client, new_password="short", new_password_again="short", ask="on")
    assert short.status_code == 422 and 'id="f-new_password-error"' in short.text
    assert not access.has_password(core)
    done = _login_form(client, new_password="first pass", new_password_again="first pass", ask="on")
    assert done.status_code == 303 and access.check_password(core, "first pass")
    assert core.settings().web_login is True
    session = access.start_session(core)
    page = client.get("/settings").text
    assert 'id="f-current_password"' in page and "callwise settings" not in page
    wrong = _login_form(client, current_password="nope", new_password="second pass",
                        new_password_again="second pass", ask="on")  # fmt: skip
    assert wrong.status_code == 422 and 'id="f-current_password-error"' in wrong.text
    assert access.check_password(core, "first pass") and access.session_alive(core, session)
    changed = _login_form(client, current_password="first pass", new_password="second pass",
                          new_password_again="second pass", ask="on")  # fmt: skip
    assert changed.status_code == 303 and access.check_password(core, "second pass")
    assert not access.session_alive(core, session)  # every other session ended
    kept = _login_form(client, "/settings/login/remove", remove_current_password="first pass")
    assert kept.status_code == 422 and access.has_password(core)
    removed = _login_form(client, "/settings/login/remove", remove_current_password="second pass")
    assert removed.status_code == 303 and not access.has_password(core)
    assert core.settings().web_login is False
