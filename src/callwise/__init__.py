"""callwise: keep relationships alive by phone."""

from __future__ import annotations

__version__ = "0.1.0"
