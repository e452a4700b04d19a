"""Working without a connection (issue 15.7): the service worker, the page it shows when a
page was never kept, and the list of pages it keeps for the coming days.

The worker (static/sw.js) is served from the root so that its scope is the whole app. Its
version is a digest of the static files, so a new release replaces the kept app shell; the
shell (every file under /static, the offline page, the manifest) is listed here, not by hand.
It keeps Today, and the contact page and the call guide of everyone planned for the next
`KEEP_DAYS` days, refreshed while online (`KEEP_LIST`); other pages are kept as they are
visited. Calls logged offline wait on the phone (static/offline.js) and are sent with an
`Idempotency-Key` each when the connection is back, so none is logged twice; once one is
sent, the worker fetches the pages it keeps again, so none still lists it as to make.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from callwise.services.plan import home_today, plan_report
from callwise.web.deps import HERE, AppDep, render

router = APIRouter()

STATIC = HERE / "static"
WORKER = STATIC / "sw.js"
OFFLINE_PAGE = "/offline"
KEEP_DAYS = 3  # today and the next two days: the calls a phone may be out of signal for
KEEP_LIST = "/service-worker/pages"  # behind the login (web/security.py opens /offline only)
NO_CACHE = {"Cache-Control": "no-cache"}


@cache
def _shell() -> tuple[str, list[str]]:
    """The app shell's addresses and a version that changes with any static file."""
    digest = hashlib.sha256()
    urls = []
    for path in sorted(p for p in STATIC.rglob("*") if p.is_file()):
        relative = path.relative_to(STATIC).as_posix()
        digest.update(relative.encode() + b"\0" + path.read_bytes())
        if path != WORKER:
            urls.append(f"/static/{relative}")
    return digest.hexdigest()[:16], [*urls, OFFLINE_PAGE, "/manifest.webmanifest"]


@router.get("/sw.js")
def service_worker() -> Response:
    """The worker's script, with its version and the shell filled in; never cached by the
    browser's HTTP cache, so an update is seen on the next visit."""
    version, shell = _shell()
    text = WORKER.read_text(encoding="utf-8")
    text = text.replace('"__VERSION__"', json.dumps(version))
    text = text.replace('["__SHELL__"]', json.dumps(shell))
    return Response(text, media_type="text/javascript", headers=NO_CACHE)


@router.get(OFFLINE_PAGE, response_class=HTMLResponse)
def offline_page(request: Request) -> HTMLResponse:
    """What the worker shows for a page it has not kept while there is no connection."""
    return render(request, "offline.html")


@router.get(KEEP_LIST)
def pages_to_keep(app: AppDep) -> JSONResponse:
    """Today, and the contact page and call guide of each call planned for the coming days."""
    report = plan_report(app, home_today(app), KEEP_DAYS)
    pages = ["/", "/contacts"]
    for entry in report.plan.entries:
        contact_id = entry.contact.id
        for url in (f"/contacts/{contact_id}", f"/contacts/{contact_id}/call"):
            if url not in pages:
                pages.append(url)
    return JSONResponse({"pages": pages}, headers=NO_CACHE)
