"""The data pages (issue 7): import and export, trips, settings and the calendar feed.

Each area lives in its own module; this one gathers their routes for `app.py`.
"""

from __future__ import annotations

from fastapi import APIRouter

from callwise.web import pages_feed, pages_import, pages_settings, pages_trips

router = APIRouter()
for _module in (pages_import, pages_trips, pages_settings, pages_feed):
    router.include_router(_module.router)
