"""The web app's guard: loopback by default, login with argon2, CSRF on forms (issue 7);
safe beyond loopback: known hosts only, security headers, sessions that end, throttled
logins, Secure cookies (issue 11)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from callwise.domain.errors import ValidationError
from callwise.services import access
from callwise.services.app import App
from callwise.services.settings import set_setting
from callwise.web.app import WebConfig, create_app
from callwise.web.deps import HERE
from callwise.web.headers import POLICY
from callwise.web.throttle import PER_CLIENT, WINDOW_SECONDS, LoginThrottle
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


# --- Issue 11: safe beyond loopback -------------------------------------------------------

EVIL = "evil.example"
HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
}


def _login(client: TestClient, password: str = "correct horse") -> Response:
    token = csrf_of(client)
    return client.post(
        "/login",
        data={"password": password, "csrf_token": token, "next": "/"},
        follow_redirects=False,
    )


@pytest.mark.parametrize("host", [EVIL, f"{EVIL}:8000", "127.0.0.1.evil.example", "", "a b"])
def test_an_unknown_host_is_refused_with_one_line(client: TestClient, host: str) -> None:
    """DNS rebinding: a page on evil.example resolved to 127.0.0.1 still sends its own name."""
    for path in ("/", "/export/json", "/api/v1/contacts"):
        refused = client.get(path, headers={"Host": host})
        assert refused.status_code == 400, (host, path)
        assert refused.text.count("\n") == 1 and "web_hosts" in refused.text
        assert refused.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost:4321", "[::1]:8000", "LOCALHOST"])
def test_loopback_names_are_served_on_any_port(client: TestClient, host: str) -> None:
    assert client.get("/api/v1/contacts", headers={"Host": host}).status_code == 200


def test_configured_hosts_are_served_only_with_the_login_on(
    core: App, make_client: MakeClient
) -> None:
    set_setting(core, "web_hosts", "crm.example.org, 192.168.1.20")
    without_login = make_client()
    assert without_login.get("/", headers={"Host": "crm.example.org"}).status_code == 400
    with_login = _with_login(core, make_client, host="10.0.0.7")
    for host in ("crm.example.org", "CRM.example.org.:443", "192.168.1.20:8000", "10.0.0.7"):
        answer = with_login.get("/", headers={"Host": host}, follow_redirects=False)
        assert answer.status_code == 303, host
    assert with_login.get("/", headers={"Host": EVIL}).status_code == 400


def test_a_bad_web_hosts_value_names_the_setting(core: App) -> None:
    with pytest.raises(ValidationError) as caught:
        set_setting(core, "web_hosts", "https://crm.example.org/")
    assert caught.value.field == "web_hosts" and "no https://" in caught.value.message


def test_the_origin_is_checked_against_the_served_hosts_not_the_host_header(
    core: App, make_client: MakeClient
) -> None:
    client = make_client()
    token = csrf_of(client)
    form = {"password": "x", "csrf_token": token}
    for origin in ("http://localhost:3000", "http://127.0.0.1:9", f"http://{EVIL}", "null"):
        refused = client.post("/login", data=form, headers={"Origin": origin})
        assert refused.status_code == 403, origin
    # Rebinding with a matching Origin: the host is refused before the origin is looked at.
    rebound = client.post("/login", data=form, headers={"Origin": f"http://{EVIL}", "Host": EVIL})
    assert rebound.status_code == 400
    same = client.post("/login", data=form, headers={"Origin": "http://127.0.0.1:8000"})
    assert same.status_code != 403
    # Behind a reverse proxy that rewrites Host, the configured name is still this site.
    set_setting(core, "web_hosts", "crm.example.org")
    proxied = _with_login(core, make_client)
    token = csrf_of(proxied)
    answer = proxied.post(
        "/login",
        data={"password": "correct horse", "csrf_token": token},
        headers={"Origin": "https://crm.example.org"},
        follow_redirects=False,
    )
    assert answer.status_code == 303


def test_security_headers_are_on_pages_the_api_the_feed_and_errors(
    core: App, client: TestClient
) -> None:
    feed = f"/calendar/feed/{access.feed_token(core)}.ics"
    answers = {
        path: client.get(path)
        for path in ("/", "/contacts", "/api/v1/contacts", feed, "/static/style.css", "/nowhere")
    }
    answers["api 404"] = client.get("/api/v1/nowhere")
    answers["403"] = client.post("/api/v1/contacts", headers={"Origin": f"http://{EVIL}"})
    assert answers[feed].status_code == 200 and answers["/nowhere"].status_code == 404
    for name, answer in answers.items():
        for header, value in HEADERS.items():
            assert answer.headers.get(header) == value, (name, header)
        policy = answer.headers["content-security-policy"]
        for directive in (
            "default-src 'self'",
            "script-src 'self';",
            "frame-ancestors 'none'",
            "form-action 'self'",
            "base-uri 'none'",
        ):
            assert directive in policy, (name, directive)
        assert "unsafe-inline" not in policy and "cdn" not in policy, name


def test_the_swagger_page_loads_code_only_from_this_server(client: TestClient) -> None:
    """Swagger UI is served from this server (issue 15.7): no CDN, no inline script; the
    docs page alone may show data: images (its stylesheet's icons)."""
    docs = client.get("/api/v1/docs").headers["content-security-policy"]
    assert docs == POLICY.replace("img-src 'self';", "img-src 'self' data:;")
    assert "script-src 'self';" in docs and "style-src 'self';" in docs
    assert "cdn" not in docs and "unsafe-inline" not in docs
    for path in ("/api/v1/docs/", "/api/v1/openapi.json", "/api/v1/docsx"):
        answer = client.get(path, follow_redirects=False)
        assert answer.headers["content-security-policy"] == POLICY, path


def test_the_templates_have_no_inline_script_or_style() -> None:
    """CSP allows scripts and styles from /static only, so none may be inline."""
    inline = re.compile(r"<script(?![^>]*\bsrc=)|<style|\sstyle=|\son[a-z]+=|javascript:", re.I)
    for template in (HERE / "templates").rglob("*.html"):
        found = inline.search(template.read_text())
        assert found is None, f"{template.name}: {found and found.group()}"


def test_logging_out_ends_the_session_on_the_server(core: App, make_client: MakeClient) -> None:
    client = _with_login(core, make_client)
    assert _login(client).status_code == 303
    cookie = client.cookies["callwise_session"]
    assert client.get("/api/v1/contacts").status_code == 200
    logout = client.post("/logout", data={"csrf_token": client.cookies["callwise_csrf"]})
    assert logout.status_code == 200 and "Log in" in logout.text
    client.cookies.set("callwise_session", cookie)  # a copy of the old cookie
    assert client.get("/api/v1/contacts").status_code == 401
    assert client.get("/contacts", follow_redirects=False).status_code == 303


def test_a_new_password_ends_every_session_and_the_old_basic_password(
    core: App, make_client: MakeClient
) -> None:
    client = _with_login(core, make_client)
    _login(client)
    other = make_client(host="0.0.0.0")
    _login(other)
    assert client.get("/api/v1/contacts", auth=("me", "correct horse")).status_code == 200
    access.set_password(core, "battery staple")
    for session in (client, other):
        assert session.get("/api/v1/contacts").status_code == 401
    client.cookies.clear()
    assert client.get("/api/v1/contacts", auth=("me", "correct horse")).status_code == 401
    assert client.get("/api/v1/contacts", auth=("me", "battery staple")).status_code == 200


def test_repeated_wrong_passwords_are_refused_with_retry_after(
    core: App, make_client: MakeClient
) -> None:
    client = _with_login(core, make_client)
    for _ in range(PER_CLIENT):
        assert _login(client, "wrong horse").status_code == 401
    refused = _login(client)  # the right password, too late
    assert refused.status_code == 429
    assert 0 < int(refused.headers["retry-after"]) <= WINDOW_SECONDS
    assert "too many wrong passwords" in refused.text.lower()
    assert "callwise_session" not in client.cookies
    basic = client.get("/api/v1/contacts", auth=("me", "correct horse"))
    assert basic.status_code == 429 and basic.headers["retry-after"]
    assert basic.json()["error"]["field"] == "login"


def test_http_basic_failures_count_too(core: App, make_client: MakeClient) -> None:
    client = _with_login(core, make_client)
    for _ in range(PER_CLIENT):
        assert client.get("/api/v1/contacts", auth=("me", "nope nope")).status_code == 401
    assert _login(client).status_code == 429


def test_the_throttle_opens_again_when_the_window_passes() -> None:
    clock = [1000.0]
    throttle = LoginThrottle(per_client=3, overall=5, window=60, clock=lambda: clock[0])
    for _ in range(3):
        assert throttle.retry_after("a") is None
        throttle.failed("a")
        clock[0] += 10
    assert throttle.retry_after("a") == 30  # the first failure leaves the window at 1060
    assert throttle.retry_after("b") is None
    clock[0] = 1059.5
    assert throttle.retry_after("a") == 1
    clock[0] = 1060.0
    assert throttle.retry_after("a") is None
    throttle.failed("b")
    throttle.failed("c")
    throttle.failed("d")  # five within the window overall: everyone waits
    assert throttle.retry_after("e") is not None
    throttle.succeeded("b")
    assert throttle.retry_after("e") is not None
    clock[0] += 60
    assert throttle.retry_after("e") is None


def test_cookies_are_secure_beyond_loopback(core: App, make_client: MakeClient) -> None:
    set_setting(core, "web_hosts", "crm.example.org")
    client = _with_login(core, make_client)
    far = client.get("/login", headers={"Host": "crm.example.org"})
    assert "secure" in far.headers["set-cookie"].lower()
    near = make_client(host="0.0.0.0").get("/login")
    assert "secure" not in near.headers["set-cookie"].lower()
    token = near.cookies["callwise_csrf"]
    proxied = client.post(
        "/login",
        data={"password": "correct horse", "csrf_token": token},
        headers={"Host": "crm.example.org", "Cookie": f"callwise_csrf={token}"},
        follow_redirects=False,
    )
    assert proxied.status_code == 303
    assert "secure" in proxied.headers["set-cookie"].lower()
