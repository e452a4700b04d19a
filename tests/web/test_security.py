"""The web app's guard: loopback by default, login with argon2, CSRF on forms (issue 7)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from callwise.domain.errors import ValidationError
from callwise.services import access
from callwise.services.app import App
from callwise.services.settings import set_setting
from callwise.web.app import WebConfig, create_app
from web_support import NOW_TEXT, MakeClient, csrf_of


def test_binding_beyond_loopback_needs_the_login(db_url: str) -> None:
    with pytest.raises(ValidationError) as caught:
        create_app(WebConfig(db_url=db_url, now=NOW_TEXT, host="0.0.0.0"))
    assert caught.value.field == "host"
    assert "callwise settings set web_login on" in caught.value.message


def test_login_cannot_be_turned_on_without_a_password(core: App) -> None:
    with pytest.raises(ValidationError, match="password"):
        set_setting(core, "web_login", "on")


def test_password_is_stored_as_an_argon2_hash(core: App) -> None:
    with pytest.raises(ValidationError, match="at least 8"):
        access.set_password(core, "short")
    access.set_password(core, "correct horse")
    stored = core.settings  # the hash is not a setting a user sees
    assert "web_login" in {f for f in stored().__dataclass_fields__}
    assert access.check_password(core, "correct horse")
    assert not access.check_password(core, "wrong horse")
    from callwise.store import settings as settings_store

    with core.engine.connect() as conn:
        hashed = settings_store.load_texts(conn)[access.PASSWORD_KEY]
    assert hashed.startswith("$argon2") and "correct horse" not in hashed


def _with_login(core: App, make_client: MakeClient, host: str = "0.0.0.0") -> TestClient:
    access.set_password(core, "correct horse")
    set_setting(core, "web_login", "on")
    return make_client(host=host)


def test_with_login_pages_redirect_and_the_api_answers_401(
    core: App, make_client: MakeClient
) -> None:
    client = _with_login(core, make_client)
    page = client.get("/contacts?q=ana", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == "/login?next=/contacts%3Fq%3Dana"
    api = client.get("/api/v1/openapi.json")
    assert api.status_code == 401
    assert api.json()["error"]["field"] == "login"


def test_logging_in_sets_a_session_that_opens_the_pages(core: App, make_client: MakeClient) -> None:
    client = _with_login(core, make_client)
    token = csrf_of(client)
    wrong = client.post("/login", data={"password": "nope", "csrf_token": token, "next": "/"})
    assert wrong.status_code == 401
    assert "not the one set" in wrong.text
    good = client.post(
        "/login",
        data={"password": "correct horse", "csrf_token": token, "next": "/api/v1/openapi.json"},
        follow_redirects=False,
    )
    assert good.status_code == 303
    assert good.headers["location"] == "/api/v1/openapi.json"
    assert client.get("/api/v1/openapi.json").status_code == 200


def test_the_api_takes_http_basic_with_the_same_password(
    core: App, make_client: MakeClient
) -> None:
    client = _with_login(core, make_client)
    assert client.get("/api/v1/openapi.json", auth=("me", "correct horse")).status_code == 200
    assert client.get("/api/v1/openapi.json", auth=("me", "wrong horse")).status_code == 401


def test_a_form_without_the_csrf_token_is_refused(client: TestClient) -> None:
    csrf_of(client)
    refused = client.post("/login", data={"password": "x"})
    assert refused.status_code == 403
    assert "reload the page" in refused.text


def test_a_write_from_another_site_is_refused(client: TestClient) -> None:
    token = csrf_of(client)
    refused = client.post(
        "/login",
        data={"password": "x", "csrf_token": token},
        headers={"Origin": "http://evil.example"},
    )
    assert refused.status_code == 403
    api = client.post("/api/v1/anything", headers={"Origin": "http://evil.example"})
    assert api.status_code == 403
    assert api.json()["error"]["field"] == "origin"


def test_unknown_paths_answer_json_under_api_and_a_page_elsewhere(client: TestClient) -> None:
    api = client.get("/api/v1/no-such-thing")
    assert api.status_code == 404
    assert api.json() == {"error": {"field": None, "message": "nothing at /api/v1/no-such-thing"}}
    page = client.get("/no-such-page")
    assert page.status_code == 404
    assert "Not found" in page.text and "<nav" in page.text
