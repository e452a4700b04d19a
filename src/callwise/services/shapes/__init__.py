"""One plain shape per result (docs/json.md): dicts, lists and JSON scalars built once here,
printed as they are by the CLI's `--json` and validated into the API's typed response models.

Instants and dates are ISO 8601 text already, as the CLI prints them; the API's pydantic
models read them back, so each surface's output stays what docs/json.md describes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from callwise.domain.model import Contact


def utc_text(moment: dt.datetime | None) -> str | None:
    """An instant as ISO 8601 in UTC with a Z, as elsewhere in callwise's JSON."""
    if moment is None:
        return None
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def day_text(day: dt.date | None) -> str | None:
    """A date as YYYY-MM-DD, or None."""
    return None if day is None else day.isoformat()


def contact_ref(contact: Contact) -> dict[str, Any]:
    """A contact named in another result: `{"id", "name"}`."""
    return {"id": contact.id, "name": contact.name}
