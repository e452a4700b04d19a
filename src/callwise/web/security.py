"""Signed cookies, the login guard and cross-site request forgery checks (issue 7).

Decisions:
- Every unsafe request (POST, PUT, PATCH, DELETE) whose `Origin` names another site is refused,
  pages and API alike; HTML forms also carry a token that must match the `callwise_csrf`
  cookie (double submit), so a form posted from elsewhere fails even without an Origin header.
- With the login on, pages redirect to /login and the API answers 401; the API also takes
  HTTP Basic with the same password, for scripts. The calendar feed is reached by its token.
- Session cookies are HMAC-signed with a key kept in the database and last 30 days.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from urllib.parse import quote, urlsplit

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

SESSION_COOKIE = "callwise_session"
CSRF_COOKIE = "callwise_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SESSION_SECONDS = 30 * 24 * 3600
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
OPEN_PREFIXES = ("/login", "/static/", "/calendar/feed/", "/favicon")


def sign(key: bytes, value: str) -> str:
    mac = hmac.new(key, value.encode(), hashlib.sha256).hexdigest()
    return f"{value}.{mac}"


def unsign(key: bytes, signed: str) -> str | None:
    value, _, mac = signed.rpartition(".")
    expected = hmac.new(key, value.encode(), hashlib.sha256).hexdigest()
    return value if value and hmac.compare_digest(mac, expected) else None


def session_value(key: bytes) -> str:
    """A fresh session cookie value: the moment it was issued, signed."""
    return sign(key, str(int(time.time())))


def valid_session(key: bytes, cookie: str | None) -> bool:
    issued = unsign(key, cookie or "")
    return bool(issued and issued.isdigit() and time.time() - int(issued) < SESSION_SECONDS)


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
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict")


def csrf_matches(request: Request, submitted: str | None) -> bool:
    cookie = request.cookies.get(CSRF_COOKIE)
    return bool(cookie and submitted and hmac.compare_digest(cookie, submitted))


def _foreign_origin(headers: Headers) -> bool:
    origin = headers.get("origin")
    if not origin or origin == "null":
        return origin == "null"
    return urlsplit(origin).netloc != headers.get("host", "")


def _basic_password(headers: Headers) -> str | None:
    auth = headers.get("authorization", "")
    if not auth.lower().startswith("basic "):
        return None
    try:
        decoded = base64.b64decode(auth[6:], validate=True).decode()
    except ValueError:
        return None
    return decoded.partition(":")[2]


class Guard:
    """ASGI middleware: refuses cross-site writes, and asks for the login when it is on."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        login_required: Callable[[], bool],
        key: Callable[[], bytes],
        check_password: Callable[[str], bool],
    ) -> None:
        self.app = app
        self.login_required = login_required
        self.key = key
        self.check_password = check_password
        self._good_basic: set[str] = set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        path = scope["path"]
        refusal = self._refusal(scope["method"], path, headers, scope.get("query_string", b""))
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _refusal(self, method: str, path: str, headers: Headers, query: bytes) -> Response | None:
        is_api = path.startswith("/api/")
        if method not in SAFE_METHODS and _foreign_origin(headers):
            return _error(403, "origin", "a request from another site was refused", is_api)
        if not self.login_required() or path.startswith(OPEN_PREFIXES):
            return None
        cookies = _cookies(headers)
        if valid_session(self.key(), cookies.get(SESSION_COOKIE)):
            return None
        if self._basic_ok(headers):
            return None
        if is_api or method not in SAFE_METHODS:
            return _error(401, "login", "log in first (or send HTTP Basic credentials)", is_api)
        target = path + (f"?{query.decode('latin-1')}" if query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)

    def _basic_ok(self, headers: Headers) -> bool:
        password = _basic_password(headers)
        if password is None:
            return False
        digest = hashlib.sha256(headers.get("authorization", "").encode()).hexdigest()
        if digest in self._good_basic:
            return True
        if self.check_password(password):
            self._good_basic.add(digest)
            return True
        return False


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
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/"
