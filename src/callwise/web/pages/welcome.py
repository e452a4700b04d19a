"""Say who you are (issue 15.4): the short first-run form Today shows once, also reached from a
guide or a contact's page whose script still says "[your name]" (P2.1, P2.7).

Decisions:
- Three fields: your name, your number (checked and stored as the Settings page does) and your
  time zone (a list of IANA zones). An empty field keeps what is stored.
- `next` brings you back where you were; only a path on this site (`web/security.safe_next`).
- Saving or dismissing ends the invitation for good (`services/first_run.py`); Settings keeps
  the same fields for later changes.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from callwise.services import first_run
from callwise.services.app import App
from callwise.services.places import zone_names
from callwise.web.deps import AppDep, CsrfDep, redirect_with_flash, render
from callwise.web.pages.settings import LABELS
from callwise.web.security import safe_next

router = APIRouter()

SAVED = "Saved: your scripts now say your name and number."
DISMISSED = (
    "Not now, then. Your name, number and time zone stay in Settings whenever you want them."
)


def introduction(app: App, next_url: str, typed: dict[str, str] | None = None) -> dict[str, Any]:
    """What the form shows: the stored values (or what was typed), labels, zones, `next`."""
    settings = app.settings()
    stored = {
        "user_name": settings.user_name,
        "user_phone": settings.user_phone,
        "home_zone": settings.home_zone,
    }
    return {
        "fields": {**stored, **(typed or {})},
        "names": LABELS,
        "zones": zone_names(),
        "next": safe_next(next_url),
    }


@router.get("/welcome", response_class=HTMLResponse)
def welcome_page(request: Request, app: AppDep, next: str = "/") -> HTMLResponse:
    return render(request, "welcome.html", {"intro": introduction(app, next), "errors": {}})


async def typed_fields(request: Request) -> dict[str, str]:
    form = await request.form()
    keys = (*first_run.INTRODUCTION_KEYS, "next")
    return {k: v for k, v in form.items() if k in keys and isinstance(v, str)}


@router.post("/welcome", dependencies=[CsrfDep])
def welcome_save(
    request: Request, app: AppDep, typed: Annotated[dict[str, str], Depends(typed_fields)]
) -> Response:
    """Store the three, all or none; a refused value is shown next to its field (422)."""
    next_url = safe_next(typed.pop("next", "/"))
    errors = first_run.introduce(app, typed)
    if errors:
        context = {"intro": introduction(app, next_url, typed), "errors": errors}
        return render(request, "welcome.html", context, status_code=422)
    return redirect_with_flash(request, next_url, SAVED)


@router.post("/welcome/dismiss", dependencies=[CsrfDep])
def welcome_dismiss(request: Request, app: AppDep, next: Annotated[str, Form()] = "/") -> Response:
    first_run.dismiss(app)
    return redirect_with_flash(request, safe_next(next), DISMISSED)
