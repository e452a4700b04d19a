"""The `Idempotency-Key` header of the REST API's creating routes (issue 15).

A route opts in with `dependencies=[Idempotent]`. The dependency claims the key for the
request (services/idempotency.py) or, when the key has an answer already, answers with it
unchanged (status and body, plus `Idempotent-Replayed: true`). `IdempotencyMiddleware` holds
back the answer of a request that claimed a key, stores it when it saved something (2xx, or
the 303 of a page form: kept as its Location, and replayed as the same redirect) or forgets
the key otherwise, then sends it. Without the header nothing changes. The call guide's form
takes a key too, as a header or a hidden field (`FormIdempotent`): the phone's outbox gives
each call one (static/offline.js), so a call sent again after a lost answer is logged once.

The fingerprint covers the method, the path, the query and the body: JSON compared as data
(key order and spacing do not matter), forms field by field (a file by its content).
"""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, UploadFile
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from callwise.services import idempotency
from callwise.services.app import App
from callwise.services.idempotency import Answer, Claim
from callwise.web.deps import get_app

HEADER = "Idempotency-Key"
FORM_FIELD = "idempotency_key"
MAX_KEY = 255
_SLOT = "callwise.idempotency"  # the scope entry where the dependency leaves its claim
_CHUNK = 1024 * 1024
SEE_OTHER = 303  # a page form's answer (post/redirect/get)


class Replay(Exception):
    """Raised by the dependency: answer with what the first request got."""

    def __init__(self, answer: Answer) -> None:
        super().__init__(answer.status)
        self.answer = answer


async def _replay(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Replay)
    if exc.answer.status == SEE_OTHER:
        headers = {"Location": exc.answer.body, "Idempotent-Replayed": "true"}
        return Response(status_code=SEE_OTHER, headers=headers)
    return Response(
        exc.answer.body,
        status_code=exc.answer.status,
        media_type="application/json",
        headers={"Idempotent-Replayed": "true"},
    )


async def _form_digest(request: Request, digest: Any) -> None:
    form = await request.form()
    for name, value in sorted(form.multi_items(), key=lambda item: item[0]):
        digest.update(f"{name}=".encode())
        if isinstance(value, UploadFile):
            digest.update(f"file:{value.filename}:".encode())
            while chunk := await value.read(_CHUNK):
                digest.update(chunk)
            await value.seek(0)
        else:
            digest.update(value.encode())
        digest.update(b"\n")


async def fingerprint(request: Request) -> str:
    """The request as one hash: method, path, sorted query, and the body as data."""
    digest = hashlib.sha256()
    query = sorted(request.query_params.multi_items())
    digest.update(f"{request.method} {request.url.path} {query!r}\n".encode())
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        await _form_digest(request, digest)
        return digest.hexdigest()
    body = await request.body()
    try:
        digest.update(json.dumps(json.loads(body), sort_keys=True).encode())
    except ValueError:
        digest.update(body)
    return digest.hexdigest()


async def idempotency_key(
    request: Request,
    key: Annotated[
        str | None,
        Header(
            alias=HEADER,
            min_length=1,
            max_length=MAX_KEY,
            description="Any unique string (a UUID): sending the request again with the same "
            "key creates nothing more and answers as the first time. Kept for 24 hours.",
        ),
    ] = None,
) -> None:
    """Claim the key for this request, or answer with the first answer (raises Replay)."""
    if key is not None:
        await _claim(request, key)


async def form_idempotency_key(request: Request) -> None:
    """The same for a page form: the key comes as a header or as the hidden field the
    phone's outbox fills in (static/offline.js), so a form sent twice saves once."""
    key = request.headers.get(HEADER) or (await request.form()).get(FORM_FIELD)
    if isinstance(key, str) and 0 < len(key) <= MAX_KEY:
        await _claim(request, key)


async def _claim(request: Request, key: str) -> None:
    slot = request.scope.get(_SLOT)
    if not isinstance(slot, list):
        raise RuntimeError("IdempotencyMiddleware is not installed")
    app = get_app(request)
    line = f"{request.method} {request.url.path}"
    found = await run_in_threadpool(
        idempotency.begin, app, idempotency.ONE_USER, key, line, await fingerprint(request)
    )
    if isinstance(found, Answer):
        raise Replay(found)
    slot.append((app, found))


Idempotent = Depends(idempotency_key)
FormIdempotent = Depends(form_idempotency_key)


class IdempotencyMiddleware:
    """Stores the answer of a request that claimed an idempotency key, before sending it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        slot: list[tuple[App, Claim]] = []
        held: list[Message] = []

        async def hold(message: Message) -> None:
            if slot:
                held.append(message)
            else:
                await send(message)

        try:
            await self.app({**scope, _SLOT: slot}, receive, hold)
        except BaseException:
            if slot:
                await run_in_threadpool(idempotency.release, *slot[0])
            raise
        if slot:
            await run_in_threadpool(_settle, *slot[0], held)
            for message in held:
                await send(message)


def _settle(app: App, claim: Claim, held: list[Message]) -> None:
    """Keep a 2xx answer for the key, or a form's redirect as its Location; forget the key
    after any other."""
    start = next(m for m in held if m["type"] == "http.response.start")
    status = int(start["status"])
    body = b"".join(m.get("body", b"") for m in held if m["type"] == "http.response.body")
    if 200 <= status < 300:
        idempotency.finish(app, claim, Answer(status, body.decode("utf-8")))
    elif status == SEE_OTHER:
        location = Headers(raw=start["headers"]).get("location", "/")
        idempotency.finish(app, claim, Answer(status, location))
    else:
        idempotency.release(app, claim)


def install(app: FastAPI) -> None:
    """The middleware and the replay answer (web/app.py calls this)."""
    app.add_middleware(IdempotencyMiddleware)
    app.add_exception_handler(Replay, _replay)
