"""The login page, shown only when the `web_login` setting is on (issues 7 and 11).

A good password starts a server-side session (services/access.py); logging out ends it.
Wrong passwords count towards the throttle shared with HTTP Basic (web/throttle.py).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from callwise.services import access
from callwise.services.app import App
from callwise.web.deps import AppDep, CsrfDep, render, web_state
from callwise.web.security import (
    SESSION_COOKIE,
    client_address,
    safe_next,
    secure_cookies,
    sign,
    unsign,
    wait_message,
)

router = APIRouter()


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return render(request, "login.html", {"next": safe_next(next), "error": ""})


@router.post("/login", dependencies=[CsrfDep])
def login(
    request: Request,
    app: AppDep,
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    state = web_state(request)
    if not state.login:
        return RedirectResponse(safe_next(next), status_code=303)
    client = client_address(request.scope)
    wait = state.throttle.retry_after(client)
    if wait is not None:
        context = {"next": safe_next(next), "error": wait_message(wait).capitalize() + "."}
        page = render(request, "login.html", context, status_code=429)
        page.headers["Retry-After"] = str(wait)
        return page
    if not access.check_password(app, password):
        state.throttle.failed(client)
        context = {"next": safe_next(next), "error": "That password is not the one set."}
        return render(request, "login.html", context, status_code=401)
    state.throttle.succeeded(client)
    return with_new_session(request, app, RedirectResponse(safe_next(next), status_code=303))


def with_new_session(request: Request, app: App, response: Response) -> Response:
    """`response` carrying the cookie of a new session for this browser: after a good
    password, or after this browser changed the password (which ends every session)."""
    response.set_cookie(
        SESSION_COOKIE,
        sign(access.session_key(app), access.start_session(app)),
        max_age=access.SESSION_SECONDS,
        httponly=True,
        samesite="lax",
        secure=secure_cookies(request),
    )
    return response


@router.post("/logout", dependencies=[CsrfDep])
def logout(request: Request, app: AppDep) -> Response:
    """End this session on the server too: a copy of the cookie opens nothing afterwards."""
    session_id = unsign(access.session_key(app), request.cookies.get(SESSION_COOKIE, ""))
    if session_id:
        access.end_session(app, session_id)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, httponly=True, samesite="lax")
    return response
