"""Scripts, logged calls and call histories as the REST API gives them (docs/json.md,
`script`, `log`, `history`; issue 7)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, Field, WithJsonSchema

from callwise.domain.calls import Outcome
from callwise.domain.occasion_kinds import SCRIPT_IDS
from callwise.web.schemas.common import ContactRef, Input, WindowOut

# A script occasion: the services check it; the schema lists the names they take.
OccasionName = Annotated[
    str, WithJsonSchema({"type": "string", "enum": list(SCRIPT_IDS)}, mode="validation")
]


class SectionOut(BaseModel):
    key: str = Field(description="preparation, names, opener, gatekeeper, confirm, ...")
    title: str
    rules: list[str] = Field(description="Playbook rule ids, e.g. P2.1")
    spoken: bool = Field(description="false for cue cards (preparation, names)")
    lines: list[str] = Field(description="A line in square brackets is a cue, not words")


class ReasonOut(BaseModel):
    """Why the plan has the call: the reason Today names (issue 14, P9)."""

    kind: str | None = Field(description="The plan's reason id; null: nothing planned for them")
    label: str
    why: list[str] = Field(description="The plan's words")
    day: dt.date | None = Field(description="Your date the plan has the call on")
    days_early: int = Field(description="Days before it falls due on their date (0: due)")


class ScriptOut(BaseModel):
    """What to say, section by section, in the order a call needs them (P1-P10)."""

    contact: ContactRef
    occasion: str
    local_time: dt.datetime = Field(description="Their time now")
    local_time_text: str
    next_call: dt.date | None = Field(description="The date proposed for the next call (P6.1)")
    needs_answer: bool = Field(description="The voicemail asks for a call back (P10.3)")
    voicemail_seconds: float
    voicemail_limit_seconds: float
    voicemail_over_limit: bool
    sections: list[SectionOut]
    warnings: list[str] = Field(description="Said first: missing data, then the rest")
    missing: list[str] = Field(description="No number to dial, no known time zone")
    reason: ReasonOut | None = Field(description="null when the occasion was named")


class PromiseIn(Input):
    text: str = Field(description="What you promised (SSNs and card numbers are masked, P8.2)")
    due: str | None = Field(default=None, description="YYYY-MM-DD or +N days; null for none")


class CallIn(Input):
    """A call to log; the service checks every value and names the key to fix."""

    outcome: Outcome
    note: str = Field(default="", description="What was said (SSNs and cards masked, P8.2)")
    duration_minutes: Annotated[float, Field(ge=0, le=1440)] | None = None
    follow_up: str | None = Field(
        default=None, description="The next call agreed: YYYY-MM-DD or +N days (P6.1)"
    )
    promises: list[PromiseIn] = Field(default_factory=list)
    call_back_at: str | None = Field(
        default=None,
        description="With outcome call_back: when they asked, ISO 8601, or their wall-clock "
        "time (2026-11-25T15:00, or 15:00)",
    )
    agent_name: str = Field(default="", description="Who answered for an organization (P8.1)")
    reference: str = Field(default="", description="Their reference number (P8.1)")
    topics: list[str] = Field(default_factory=list)
    occasion: OccasionName | None = Field(
        default=None, description="Default: chosen from their dates and your last call"
    )
    recap: str = Field(default="", description="One line for the next call's card (P7.1)")
    settle_promises: bool = Field(
        default=False, description="Mark your earlier open promises to them as kept"
    )
    at: dt.datetime | None = Field(
        default=None, description="When the call happened (with an offset); default now"
    )


class PromiseOut(BaseModel):
    text: str
    due: dt.date | None
    done: bool


class CallOut(BaseModel):
    id: int
    at: dt.datetime = Field(description="UTC")
    local_at: dt.datetime = Field(description="In your home zone")
    outcome: Outcome
    occasion: str
    duration_seconds: int | None
    notes: str
    topics: list[str]
    promises: list[PromiseOut]
    follow_up: dt.date | None
    call_back_at: dt.datetime | None
    agent_name: str
    reference: str
    recap: str


class NextStepOut(BaseModel):
    kind: Literal["follow-up", "retry", "cadence"]
    due: dt.date
    reason: str
    window: WindowOut | None = Field(description="The first courteous window from the due date")


class LoggedOut(BaseModel):
    """The stored call, its warnings, and what the plan now holds for them (P6.1, P10.3)."""

    contact: ContactRef
    home_zone: str
    call: CallOut
    warnings: list[str]
    settled_promises: int
    next: list[NextStepOut]


class HistoryOut(BaseModel):
    """A contact's calls, newest first, dated in your zone (P7.1)."""

    contact: ContactRef
    home_zone: str
    calls: list[CallOut]
