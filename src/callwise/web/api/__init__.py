"""The REST API under /api/v1 (issue 7): one module per feature, named as in the CLI;
every route calls the same services as the CLI.

Errors are `{"error": {"field", "message"}}` (web/errors.py); each route documents them.
"""

from __future__ import annotations

from fastapi import APIRouter

from callwise.web.api import agenda, calls, contacts, data, duplicates, plan
from callwise.web.schemas.common import ERRORS

router = APIRouter(responses=ERRORS)
for module in (contacts, plan, calls, agenda, data, duplicates):
    router.include_router(module.router)
