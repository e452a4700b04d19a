"""A one-time status line carried across a redirect (the flash), in a short-lived cookie.

After a form saves or removes a contact, the page it redirects to says what happened once.
The cookie holds only the text, URL-quoted; the page autoescapes it like any other text.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, unquote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse

from callwise.web.deps import render

FLASH_COOKIE = "callwise_flash"
FLASH_SECONDS = 60


def redirect_with_flash(url: str, message: str) -> RedirectResponse:
    """303 to `url`, which will show `message` once."""
    response = RedirectResponse(url, status_code=303)
    response.set_cookie(
        FLASH_COOKIE, quote(message), max_age=FLASH_SECONDS, httponly=True, samesite="lax"
    )
    return response


def render_page(
    request: Request, name: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """`deps.render`, showing (and then forgetting) a flash left by the previous request."""
    flash = unquote(request.cookies.get(FLASH_COOKIE, ""))
    response = render(request, name, {"flash": flash, **context}, status_code=status_code)
    if flash:
        response.delete_cookie(FLASH_COOKIE)
    return response
