"""What makes callwise installable on a phone (issue 15.7): the web app manifest, the icons
at the addresses browsers ask for, and the API docs served from our own files.

The icons are drawn by tools/make_icons.py and committed under /static/icons. The docs page
loads Swagger UI from the `fastapi-offline` package's copy and starts it from
/static/api-docs.js, so it works offline and needs no exception in the security policy.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse

from callwise.web.deps import HERE, templates

router = APIRouter()

ICONS = HERE / "static" / "icons"
SWAGGER_FILES = Path(str(files("fastapi_offline") / "static"))
SWAGGER_URL = "/static/swagger"  # mounted in web/app.py, before /static
THEME_COLOUR = "#1d2330"  # --ink in static/style.css: the header bar
BACKGROUND_COLOUR = "#f6f7f9"  # --bg in static/style.css
ICON_SIZES = (192, 512)
LONG_CACHE = {"Cache-Control": "public, max-age=86400"}


def manifest() -> dict[str, Any]:
    """The web app manifest: each icon twice, as an ordinary and as a maskable icon (the
    drawing keeps to the maskable safe zone, so one file serves both)."""
    icons = [
        {
            "src": f"/static/icons/icon-{size}.png",
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": purpose,
        }
        for size in ICON_SIZES
        for purpose in ("any", "maskable")
    ]
    return {
        "id": "/",
        "name": "callwise",
        "short_name": "callwise",
        "description": "Whom to call today, when it is courteous, and what to say.",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": icons,
    }


@router.get("/manifest.webmanifest")
def web_manifest() -> JSONResponse:
    return JSONResponse(manifest(), media_type="application/manifest+json", headers=LONG_CACHE)


@router.get("/favicon.ico")
def favicon() -> FileResponse:
    return FileResponse(ICONS / "favicon.ico", media_type="image/x-icon", headers=LONG_CACHE)


@router.get("/apple-touch-icon.png")
@router.get("/apple-touch-icon-precomposed.png")
def apple_touch_icon() -> FileResponse:
    """iOS asks these root addresses when a page is added to the home screen."""
    return FileResponse(ICONS / "apple-touch-icon.png", media_type="image/png", headers=LONG_CACHE)


@router.get("/api/v1/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """Swagger UI over the OpenAPI schema, every file from this server."""
    return templates.TemplateResponse(
        request,
        "api_docs.html",
        {"openapi_url": request.app.openapi_url, "swagger_url": SWAGGER_URL},
    )
