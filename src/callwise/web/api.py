"""The REST API under /api/v1 (issue 7)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
