"""What every route shares: the per-request App, the page renderer with its flash (a line
said once after a redirect, web/flash.py), and the CSRF check."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from sqlalchemy import Engine

from callwise.domain.contacts import check_web_url
from callwise.domain.errors import ValidationError
from callwise.domain.occasion_kinds import script_label
from callwise.domain.overdue import OVERDUE_MEANING
from callwise.domain.phones import display_number, tel_uri
from callwise.services import access
from callwise.services.app import App
from callwise.web.field_words import field_words, plain_fields
from callwise.web.flash import FLASH_COOKIE, FLASH_SECONDS, Flash, decode, encode
from callwise.web.security import CSRF_FIELD, CSRF_HEADER, csrf_matches, csrf_token, set_csrf_cookie
from callwise.web.throttle import LoginThrottle

HERE = Path(__file__).parent


def ticks(text: object) -> Markup:
    """A service message as HTML: `backticked` commands become <code>, the rest is escaped."""
    parts = str(text).split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: show the text as it is
        return Markup(escape(str(text)))
    return Markup("").join(
        Markup("<code>%s</code>") % part if i % 2 else escape(part) for i, part in enumerate(parts)
    )


def web_url(text: object) -> str:
    """A stored address for an href only when it is http(s); otherwise nothing (a record
    stored before addresses were checked must not become a javascript: link)."""
    try:
        return check_web_url(str(text or ""), "url")
    except ValidationError:
        return ""


templates = Jinja2Templates(directory=HERE / "templates")
templates.env.filters["tel"] = tel_uri
templates.env.filters["ticks"] = ticks
templates.env.filters["phone"] = display_number
templates.env.filters["web_url"] = web_url
templates.env.filters["occasion_label"] = script_label
templates.env.filters["field_words"] = field_words
templates.env.globals["overdue_meaning"] = OVERDUE_MEANING  # one wording (domain/overdue.py)
templates.env.filters["plain_fields"] = plain_fields

# The pages in the navigation bar: (path, label).
NAV = (
    ("/", "Today"),
    ("/contacts", "Contacts"),
    ("/trips", "Trips"),
    ("/insights", "Insights"),
    ("/import", "Import & export"),
    ("/settings", "Settings"),
)


@dataclass(frozen=True)
class WebState:
    """Set once at start-up: the database, a fixed clock for tests, whether login is on,
    and the count of wrong passwords (shared by the login form and HTTP Basic)."""

    engine: Engine
    fixed_now: dt.datetime | None
    login: bool
    throttle: LoginThrottle


def web_state(request: Request) -> WebState:
    state = request.app.state.web
    assert isinstance(state, WebState)
    return state


def get_app(request: Request) -> App:
    """The App for one request: the shared engine and the moment of the request."""
    state = web_state(request)
    return App(engine=state.engine, now=state.fixed_now or dt.datetime.now(dt.UTC))


AppDep = Annotated[App, Depends(get_app)]


def _flash_key(request: Request) -> bytes:
    return access.session_key(get_app(request))


def redirect_with_flash(
    request: Request, url: str, message: str, warnings: tuple[str, ...] = ()
) -> RedirectResponse:
    """303 to `url`, the page that shows the result of a form; it says `message` (and the
    `warnings`) once. Post/redirect/get: reloading that page changes nothing (issue 15)."""
    response = RedirectResponse(url, status_code=303)
    if message or warnings:
        value = encode(_flash_key(request), Flash(message, warnings))
        response.set_cookie(
            FLASH_COOKIE, value, max_age=FLASH_SECONDS, httponly=True, samesite="lax"
        )
    return response


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> HTMLResponse:
    """A page from `web/templates`, with the navigation, the login state, the CSRF token and
    the flash left by the form that redirected here (shown once, then forgotten)."""
    cookie = request.cookies.get(FLASH_COOKIE, "")
    values: dict[str, Any] = {
        "nav": NAV,
        "path": request.url.path,
        "csrf_field": CSRF_FIELD,
        "csrf_token": csrf_token(request),
        "login": web_state(request).login,
        "flash": decode(_flash_key(request), cookie) if cookie else None,
    }
    values.update(context or {})
    response = templates.TemplateResponse(request, name, values, status_code=status_code)
    set_csrf_cookie(request, response)
    if cookie:
        response.delete_cookie(FLASH_COOKIE)
        # Said once: the service worker must not keep this page to show it again offline.
        response.headers["Cache-Control"] = "no-store"
    return response


async def verify_csrf(request: Request) -> None:
    """Unsafe page requests must carry the CSRF token, as a form field or a header."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    submitted = request.headers.get(CSRF_HEADER)
    if submitted is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        value = (await request.form()).get(CSRF_FIELD)
        submitted = value if isinstance(value, str) else None
    if not csrf_matches(request, submitted):
        raise HTTPException(
            status_code=403,
            detail="this form has expired or came from another site; reload the page and retry",
        )


CsrfDep = Depends(verify_csrf)
