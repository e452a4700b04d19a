"""The login page, shown only when the `web_login` setting is on (issue 7)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from callwise.services import access
from callwise.web.deps import AppDep, CsrfDep, render, web_state
from callwise.web.security import SESSION_COOKIE, SESSION_SECONDS, safe_next, session_value

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
    if not web_state(request).login:
        return RedirectResponse(safe_next(next), status_code=303)
    if not access.check_password(app, password):
        context = {"next": safe_next(next), "error": "That password is not the one set."}
        return render(request, "login.html", context, status_code=401)
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        session_value(access.session_key(app)),
        max_age=SESSION_SECONDS,
        httponly=True,
        samesite="lax",
    )
    return response


@router.post("/logout", dependencies=[CsrfDep])
def logout() -> Response:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
