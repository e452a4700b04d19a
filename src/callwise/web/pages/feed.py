"""The calendar feed (issue 7, RFC 5545): the plan of the coming weeks at a secret URL.

Calendar apps cannot log in, so the feed is reached by its token alone (the login guard
leaves /calendar/feed/ open); a wrong or regenerated token finds nothing.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from callwise.domain.errors import NotFoundError
from callwise.services import access
from callwise.services.calendar import calendar_export
from callwise.web.deps import AppDep

router = APIRouter()

FEED_DAYS = 28  # four weeks of calls; birthdays of those days and of the planned contacts


@router.get("/calendar/feed/{token}.ics")
def calendar_feed(app: AppDep, token: str) -> Response:
    """The planned calls from today and the birthdays in them, as text/calendar."""
    if not access.check_feed_token(app, token):
        raise NotFoundError(
            "no calendar feed at this address; copy the current one from Settings",
            field="token",
        )
    made = calendar_export(app, "today", FEED_DAYS)
    return Response(
        made.data,
        media_type="text/calendar; charset=utf-8",
        headers={
            "Content-Disposition": 'inline; filename="callwise.ics"',
            "Cache-Control": "private, max-age=300",
        },
    )
