"""Errors, translated once for the web: JSON under /api, a page elsewhere (issue 7).

The JSON shape matches the CLI's `--json` error: {"error": {"field", "message", ...}}.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from callwise.domain.errors import AmbiguousError, CallwiseError
from callwise.web.deps import render

log = logging.getLogger("callwise.web")


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


# A clause that tells a terminal user what to type ("; `callwise contacts find` lists ids"):
# a page leaves it out (issue 15.5), the API and the CLI keep it.
_COMMAND_CLAUSE = re.compile(r"[;,]\s*[^;,]*`callwise [^`]*`[^;]*")


def page_words(status: int, field: str | None, message: str) -> str:
    """A service's message as a page says it: no terminal commands, no record ids."""
    if status == 404 and field == "contact":
        return "this contact is not in your address book (it may have been removed or merged)"
    return _COMMAND_CLAUSE.sub("", message).strip() or message


def _respond(
    request: Request, status: int, field: str | None, message: str, **extra: Any
) -> Response:
    if _is_api(request):
        body = {"error": {"field": field, "message": message, **extra}}
        return JSONResponse(body, status_code=status)
    return render(
        request,
        "error.html",
        {"status": status, "field": field, "message": page_words(status, field, message)},
        status_code=status,
    )


def _field_of(loc: Any) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "cookie")]
    return ".".join(parts) or ".".join(str(p) for p in loc)


async def callwise_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, CallwiseError)
    extra: dict[str, Any] = {}
    if isinstance(exc, AmbiguousError):
        extra["candidates"] = exc.candidates
    return _respond(request, exc.http_status, exc.field, exc.message, **extra)


async def validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    first = errors[0] if errors else {"loc": (), "msg": "invalid request"}
    details = [{"field": _field_of(e.get("loc", ())), "message": str(e.get("msg"))} for e in errors]
    return _respond(
        request, 422, _field_of(first.get("loc", ())), str(first.get("msg")), details=details
    )


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = exc.detail if isinstance(exc.detail, str) else "request refused"
    if exc.status_code == 404 and message == "Not Found":
        message = f"nothing at {request.url.path}"
    response = _respond(request, exc.status_code, None, message)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def unexpected_error(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return _respond(
        request,
        500,
        None,
        f"unexpected {type(exc).__name__}: a defect in callwise, please report it",
    )


def install(app: FastAPI) -> None:
    app.add_exception_handler(CallwiseError, callwise_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(Exception, unexpected_error)
