"""What to say: call scripts for one contact and occasion (P1-P10, issue 6).

`build` decides the sections and screens them, `request` holds the inputs, `context` turns
them into what templates read, `render` renders the wording it is handed, `talk` picks small
talk and `words` the helpers for wording. Callers import from here.
"""

from __future__ import annotations

from callwise.domain.scripts.build import (
    VOICEMAIL_LIMIT_SECONDS,
    Script,
    Section,
    build_script,
    is_cue,
)
from callwise.domain.scripts.request import KEEP_IN_TOUCH, OCCASIONS, Caller
from callwise.domain.scripts.words import estimate_seconds

__all__ = [
    "KEEP_IN_TOUCH",
    "OCCASIONS",
    "VOICEMAIL_LIMIT_SECONDS",
    "Caller",
    "Script",
    "Section",
    "build_script",
    "estimate_seconds",
    "is_cue",
]
