"""Pages: to be filled in (issue 7)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
