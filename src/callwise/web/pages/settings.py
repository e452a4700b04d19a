"""The settings page (issue 7): every setting in groups, saved all or none; the calendar feed.

Decisions:
- Only the fields whose value changed are validated and stored, all in one transaction: one
  invalid value stores none, and every error is shown next to its field (422).
- `web_login` is shown but not editable here: turning the login on needs a password set in a
  terminal, and takes effect when the server restarts.
- The feed URL is built from the address the page was reached at, as a calendar app on the
  same network would use it.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from callwise.services import access
from callwise.services.app import App
from callwise.services.settings import check_settings, set_settings, setting_texts
from callwise.web.deps import AppDep, CsrfDep, redirect_with_flash, render

router = APIRouter()

GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("You", ("user_name", "user_phone", "home_zone", "default_region")),
    ("Calling hours", ("calling_hours", "calling_days", "quiet_start", "quiet_end")),
    (
        "Courtesy policy",
        (
            "personal_windows",
            "business_hours",
            "business_days",
            "business_avoid",
            "personal_calls_on_holidays",
        ),
    ),
    ("Budget", ("daily_calls", "daily_minutes")),
    (
        "Default cadences",
        ("cadence_business", "cadence_personal", "cadence_informal", "cadence_organization"),
    ),
)
EDITABLE = frozenset(key for _, keys in GROUPS for key in keys)
LABELS = {
    "user_name": "Your name",
    "user_phone": "Your phone number",
    "home_zone": "Your time zone",
    "default_region": "Default phone region",
    "calling_hours": "Your calling hours",
    "calling_days": "Your calling days",
    "quiet_start": "No calls before",
    "quiet_end": "No calls after",
    "personal_windows": "Personal call windows",
    "business_hours": "Business hours",
    "business_days": "Business days",
    "business_avoid": "Business hours to avoid",
    "personal_calls_on_holidays": "Personal calls on public holidays",
    "daily_calls": "Calls a day",
    "daily_minutes": "Minutes of calls a day",
    "cadence_business": "Business contacts (days)",
    "cadence_personal": "Personal contacts (days)",
    "cadence_informal": "Informal contacts (days)",
    "cadence_organization": "Organizations (days)",
}
INPUT_TYPES = {"user_phone": "tel", "daily_calls": "number", "daily_minutes": "number"}
YES_NO = frozenset({"personal_calls_on_holidays"})
_TRUE = frozenset({"1", "true", "yes", "on"})


@dataclass(frozen=True)
class SettingRow:
    """One setting as the form shows it."""

    key: str
    label: str
    value: str
    help: str
    is_default: bool
    kind: str  # an input type, or "yesno"


def _shown(key: str, value: str) -> str:
    """The value as the form writes it (yes/no settings as yes or no)."""
    if key in YES_NO:
        return "yes" if value.strip().lower() in _TRUE else "no"
    return value


def _current(app: App) -> dict[str, tuple[str, str, bool]]:
    """key -> (value as shown, help, is_default)."""
    return {key: (_shown(key, v), h, d) for key, v, h, d in setting_texts(app)}


@cache
def zone_names() -> list[str]:
    return sorted(zoneinfo.available_timezones())


def feed_url(request: Request, token: str) -> str:
    base = str(request.base_url).rstrip("/")
    return f"{base}/calendar/feed/{token}.ics"


def _page(
    request: Request,
    app: App,
    *,
    typed: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    current = _current(app)
    typed = typed or {}
    groups = [
        (
            title,
            [
                SettingRow(
                    key,
                    LABELS[key],
                    typed.get(key, current[key][0]),
                    current[key][1],
                    current[key][2],
                    "yesno" if key in YES_NO else INPUT_TYPES.get(key, "text"),
                )
                for key in keys
            ],
        )
        for title, keys in GROUPS
    ]
    url = feed_url(request, access.feed_token(app))
    context: dict[str, Any] = {
        "groups": groups,
        "errors": errors or {},
        "web_login": current["web_login"],
        "web_hosts": current["web_hosts"],
        "zones": zone_names(),
        "feed_url": url,
        "webcal_url": "webcal://" + url.split("://", 1)[1],
    }
    return render(request, "settings.html", context, status_code=status_code)


FEED_REGENERATED = (
    "A new feed address was made: calendars subscribed to the old one stop updating. "
    "Subscribe again with the address below."
)


@router.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request, app: AppDep) -> HTMLResponse:
    return _page(request, app)


async def submitted_texts(request: Request) -> dict[str, str]:
    """The editable settings in the posted form, as text."""
    form = await request.form()
    return {k: v for k, v in form.items() if k in EDITABLE and isinstance(v, str)}


@router.post("/settings", dependencies=[CsrfDep])
def settings_save(
    request: Request,
    app: AppDep,
    typed: Annotated[dict[str, str], Depends(submitted_texts)],
) -> Response:
    """Store the changed settings, or none of them and each error next to its field."""
    current = _current(app)
    changes = {
        key: value for key, value in typed.items() if value.strip() != current[key][0].strip()
    }
    _, errors = check_settings(app, changes)
    if errors:
        return _page(request, app, typed=typed, errors=errors, status_code=422)
    set_settings(app, changes)
    count = len(changes)
    said = f"Saved {count} setting{'' if count == 1 else 's'}." if count else "No changes."
    return redirect_with_flash(request, "/settings", said)


@router.post("/settings/feed/regenerate", dependencies=[CsrfDep])
def feed_regenerate(request: Request, app: AppDep) -> RedirectResponse:
    """A new feed token: the old subscription URL stops working at once."""
    access.regenerate_feed_token(app)
    return redirect_with_flash(request, "/settings#calendar-feed", FEED_REGENERATED)
