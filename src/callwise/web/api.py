"""The REST API under /api/v1 (issue 7): every route calls the same services as the CLI.

Errors are `{"error": {"field", "message"}}` (web/errors.py); each route documents them.
"""

from __future__ import annotations

from fastapi import APIRouter

from callwise.web import api_agenda, api_calls, api_contacts, api_data, api_duplicates, api_plan
from callwise.web.schemas import ERRORS

router = APIRouter(responses=ERRORS)
for module in (api_contacts, api_plan, api_calls, api_agenda, api_data, api_duplicates):
    router.include_router(module.router)
