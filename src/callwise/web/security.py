"""Signed cookies, the login guard and cross-site request forgery checks (issues 7 and 11).

Decisions:
- Only known hosts are served (web/hosts.py, against DNS rebinding); others get 400.
- Every unsafe request (POST, PUT, PATCH, DELETE) whose `Origin` is not one of the served
  hosts is refused, pages and API alike; HTML forms also carry a token that must match the
  `callwise_csrf` cookie (double submit), so a form posted from elsewhere fails even without
  an Origin header.
- With the login on, pages redirect to /login and the API answers 401; the API also takes
  HTTP Basic with the same password, for scripts. The calendar feed is reached by its token.
- The session cookie carries a random session id, HMAC-signed with a key kept in the
  database; the session itself is kept server-side (services/access.py), so logging out or
  changing the password ends it. Checked Basic credentials are remembered only together with
  the password hash they matched, so a new password forgets them in every process.
- Wrong passwords are counted (web/throttle.py): too many answer 429 with Retry-After.
- Cookies get `Secure` whenever the app is reached beyond loopback or over https (uvicorn
  takes the scheme from X-Forwarded-Proto when a trusted local proxy sends it).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from callwise.web.hosts import AllowedHosts, is_loopback_name, split_host
from callwise.web.throttle import LoginThrottle

SESSION_COOKIE = "callwise_session"
CSRF_COOKIE = "callwise_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
OPEN_PREFIXES = (
    "/login",
    "/static/",
    "/calendar/feed/",
    "/favicon",
    "/manifest.webmanifest",  # browsers fetch it without cookies
    "/apple-touch-icon",
    "/sw.js",  # the service worker (web/pages/offline.py): browsers check it for updates
    "/offline",  # the page shown without a connection: it says nothing about anyone
)
BASIC_CACHE = 64  # checked Basic credentials remembered (each an argon2 check saved)


def sign(key: bytes, value: str) -> str:
    mac = hmac.new(key, value.encode(), hashlib.sha256).hexdigest()
    return f"{value}.{mac}"


def unsign(key: bytes, signed: str) -> str | None:
    value, _, mac = signed.rpartition(".")
    expected = hmac.new(key, value.encode(), hashlib.sha256).hexdigest()
    return value if value and hmac.compare_digest(mac, expected) else None


def secure_cookies(request: Request) -> bool:
    """Cookies travel only over TLS once the app is reached beyond loopback, or over https."""
    if request.url.scheme == "https":
        return True
    split = split_host(request.headers.get("host", ""))
    return split is None or not is_loopback_name(split[0])


def new_csrf_token() -> str:
    return secrets.token_urlsafe(24)


def csrf_token(request: Request) -> str:
    """The token forms carry: the cookie's, or a new one `set_csrf_cookie` will send."""
    token = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf", None)
    if not token:
        token = new_csrf_token()
        request.state.new_csrf = token
    return token


def set_csrf_cookie(request: Request, response: Response) -> None:
    token = getattr(request.state, "new_csrf", None)
    if token:
        response.set_cookie(
            CSRF_COOKIE, token, httponly=True, samesite="strict", secure=secure_cookies(request)
        )


def csrf_matches(request: Request, submitted: str | None) -> bool:
    cookie = request.cookies.get(CSRF_COOKIE)
    return bool(cookie and submitted and hmac.compare_digest(cookie, submitted))


def client_address(scope: Scope) -> str:
    """Who is trying a password (behind a trusted proxy, uvicorn puts the real client here)."""
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def _basic_password(headers: Headers) -> str | None:
    auth = headers.get("authorization", "")
    if not auth.lower().startswith("basic "):
        return None
    try:
        decoded = base64.b64decode(auth[6:], validate=True).decode()
    except ValueError:
        return None
    return decoded.partition(":")[2]


@dataclass(frozen=True)
class LoginChecks:
    """What the guard asks the database, wired in web/app.py (services/access.py)."""

    key: bytes
    session_alive: Callable[[str], bool]
    password_hash: Callable[[], str]
    check_password: Callable[[str], bool]


class Guard:
    """ASGI middleware: serves known hosts only, refuses cross-site writes, and asks for the
    login when it is on."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        hosts: AllowedHosts,
        login: LoginChecks | None,
        throttle: LoginThrottle,
    ) -> None:
        self.app, self.hosts, self.login, self.throttle = app, hosts, login, throttle
        self._good_basic: dict[str, str] = {}  # digest of the header -> the hash it matched

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self._request_refusal(scope)
        checks = None if scope["path"].startswith(OPEN_PREFIXES) else self.login
        if refusal is None and checks is not None:
            refusal = await run_in_threadpool(self._login_refusal, scope, checks)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _request_refusal(self, scope: Scope) -> Response | None:
        """An unknown host (DNS rebinding) or a write from another site."""
        headers = Headers(scope=scope)
        host = headers.get("host")
        if not self.hosts.allows(host):
            shown = (host or "(none)")[:100]
            return _error(
                400,
                "host",
                f"callwise does not answer to the host {shown!r}; to serve it, turn the login "
                "on and add it with `callwise settings set web_hosts NAME`",
                as_json=False,
            )
        origin = headers.get("origin")
        unsafe = scope["method"] not in SAFE_METHODS
        if unsafe and origin is not None and not self.hosts.origin_allowed(origin, host):
            is_api = scope["path"].startswith("/api/")
            return _error(403, "origin", "a request from another site was refused", is_api)
        return None

    def _login_refusal(self, scope: Scope, checks: LoginChecks) -> Response | None:
        """None when the request may go on: a live session, or good Basic credentials."""
        path, method = scope["path"], scope["method"]
        headers = Headers(scope=scope)
        session_id = unsign(checks.key, _cookies(headers).get(SESSION_COOKIE, ""))
        if session_id and checks.session_alive(session_id):
            return None
        is_api = path.startswith("/api/")
        password = _basic_password(headers)
        if password is not None:
            return self._basic_refusal(headers, password, client_address(scope), checks, is_api)
        if is_api or method not in SAFE_METHODS:
            return _error(401, "login", "log in first (or send HTTP Basic credentials)", is_api)
        query = scope.get("query_string", b"")
        target = path + (f"?{query.decode('latin-1')}" if query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)

    def _basic_refusal(
        self, headers: Headers, password: str, client: str, checks: LoginChecks, is_api: bool
    ) -> Response | None:
        wait = self.throttle.retry_after(client)
        if wait is not None:
            return too_many_attempts(wait, is_api)
        current = checks.password_hash()
        digest = hashlib.sha256(headers.get("authorization", "").encode()).hexdigest()
        if current and self._good_basic.get(digest) == current:
            return None
        if current and checks.check_password(password):
            if len(self._good_basic) >= BASIC_CACHE:
                self._good_basic.clear()
            self._good_basic[digest] = current
            self.throttle.succeeded(client)
            return None
        self.throttle.failed(client)
        return _error(401, "login", "that password is not the one set", is_api)


def wait_message(wait: int) -> str:
    minutes = max(1, -(-wait // 60))
    return f"too many wrong passwords; try again in {minutes} minute{'s' if minutes > 1 else ''}"


def too_many_attempts(wait: int, as_json: bool) -> Response:
    """429 after too many wrong passwords, saying when to try again."""
    response = _error(429, "login", wait_message(wait), as_json)
    response.headers["Retry-After"] = str(wait)
    return response


def _cookies(headers: Headers) -> dict[str, str]:
    jar: dict[str, str] = {}
    for part in headers.get("cookie", "").split(";"):
        name, _, value = part.strip().partition("=")
        if name:
            jar[name] = value
    return jar


def _error(status: int, field: str, message: str, as_json: bool) -> Response:
    if as_json:
        return JSONResponse({"error": {"field": field, "message": message}}, status_code=status)
    return Response(f"{message}\n", status_code=status, media_type="text/plain")


def safe_next(target: str | None) -> str:
    """Where to go after logging in: only a path on this site."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"
