"""HEAD answered like GET on every route (RFC 9110 9.3.2): the same status and headers, no body.

FastAPI registers only the methods a route names, so a HEAD would be refused with 405; a
link checker or an uptime probe asks HEAD first. The request goes on as a GET and the body
is dropped on the way out; Content-Length stays that of the GET.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGet:
    """ASGI middleware: HEAD requests run as GET; every body chunk is sent empty."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_without_body)
