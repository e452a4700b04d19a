"""A script built straight from the domain for the script tests: the caller Jordan Lee, the
packaged wording and city facts, nothing logged unless given, and a purpose for the occasions
that need one (P5.1)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from callwise.domain.model import Contact
from callwise.domain.scripts import Caller, Script, build_script
from callwise.services.reference_data import load_city_facts
from callwise.services.script_templates import script_templates

NOW = dt.datetime(2026, 11, 24, 15, 0, tzinfo=dt.UTC)
ME = Caller("Jordan Lee", "+18165550142")


def render_script(contact: Contact, occasion: str, **options: Any) -> Script:
    options.setdefault("last_call", None)
    options.setdefault("open_promises", ())
    if occasion in ("custom", "organization") and not options.get("purpose"):
        options["purpose"] = "order BW-448812"
    return build_script(
        contact,
        occasion,
        user=ME,
        now=NOW,
        local_time_text="09:00 Tuesday",
        templates=script_templates(None),
        city_facts=load_city_facts(),
        **options,
    )
