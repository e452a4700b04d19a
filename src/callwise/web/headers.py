"""Security headers on every response: pages, the API, the calendar feed, errors (issue 11).

The pages load scripts and styles only from /static (no inline code), so the policy needs no
exceptions. The Swagger page under /api/v1/docs loads our own copy of Swagger UI and its
starter script from /static too (web/pages/install.py, issue 15.7); its stylesheet draws a few
icons (select arrows, ticks) as data: images, so that page alone may show data: images.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)
DOCS_POLICY = POLICY.replace("img-src 'self'", "img-src 'self' data:")
DOCS_PATH = "/api/v1/docs"
COMMON = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def policy_for(path: str) -> str:
    return DOCS_POLICY if path == DOCS_PATH else POLICY


class SecurityHeaders:
    """ASGI middleware wrapped around the whole app (500 pages included)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = policy_for(scope["path"])

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Content-Security-Policy"] = policy
                for name, value in COMMON.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
