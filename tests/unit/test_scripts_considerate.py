"""A considerate caller (issue 14): nothing secret said aloud (P8.2), no invented history,
and a call back asked for exactly when an answer is needed (P10.3)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callwise.domain.calls import Call, Outcome, Promise
from callwise.domain.model import Contact, Gatekeeper, RelationshipKind
from callwise.domain.privacy import luhn_valid
from callwise.domain.scripts import OCCASIONS, Script, build_script
from callwise.services.script_templates import script_templates
from script_support import ME, NOW, render_script

SSN = "123-45-6789"
CARD = "4111 1111 1111 1111"
LUNCH_PROPOSAL = "I'd like to propose a partnership and a plan for lunch with your team"
PAT = Contact(
    id=7,
    given_name="Pat",
    family_name="Quinn",
    kind=RelationshipKind.BUSINESS,
    organization="Heartland Bank",
    city="Denver",
    region="CO",
    country="US",
    gatekeeper=Gatekeeper("Maria"),
)
# What a promise, a call back or shared history sounds like when said aloud.
HISTORY = re.compile(
    r"\bpromised\b|as promised|\bI said I'd\b|\bI told you\b|as I said|get back to you|"
    r"your call\b|as you asked|when we (last )?spoke|our (last )?conversation|as we discussed",
    re.IGNORECASE,
)
CALL_BACK = ("call me back", "give me a call back", "glad of a call back")
NO_NEED = "no need to call back"


def build(occasion: str, **options: Any) -> Script:
    return render_script(PAT, occasion, **options)


def every_line(script: Script) -> str:
    return "\n".join(line for s in script.sections for line in s.lines)


def spoken(script: Script) -> str:
    return "\n".join(line for s in script.sections if s.spoken for line in s.lines)


def voicemail(script: Script) -> str:
    section = script.section("voicemail")
    assert section is not None
    return "\n".join(section.lines).lower()


def full_numbers(text: str) -> list[str]:
    """Unmasked SSNs (NNN-NN-NNNN) and Luhn-valid 13-19 digit runs left in `text`."""
    ssns = re.findall(r"(?<![\d*])\d{3}-\d{2}-\d{4}(?!\d)", text)
    runs = ["".join(re.findall(r"\d", m)) for m in re.findall(r"(?<![\d+])\d[\d -]{11,}\d", text)]
    return ssns + [r for r in runs if 13 <= len(r) <= 19 and luhn_valid(r)]


# 1. A social security number is never spoken (P8.2).


def test_p8_2_an_ssn_in_the_purpose_is_masked_in_every_line_with_a_warning() -> None:
    script = build("custom", purpose=f"About my order BW-448812; my SSN is {SSN}.")
    assert SSN not in every_line(script)
    assert "my SSN is the number ending 6789" in spoken(script)  # said naturally
    assert "*" not in spoken(script)
    warning = "purpose: a social security number was masked (ending 6789)"
    assert any(w.startswith(warning) for w in script.warnings)


def test_p8_2_card_numbers_in_recap_line_promises_and_notes_are_masked() -> None:
    last = Call(7, NOW - dt.timedelta(days=2), Outcome.CONNECTED, notes=f"card {CARD}")
    script = build(
        "follow-up",
        recap=f"refund to {CARD}",
        memorable_line=f"Card {CARD} again",
        open_promises=(Promise(f"check card {CARD}"),),
        last_call=last,
    )
    assert CARD not in every_line(script)
    assert not full_numbers(every_line(script))
    assert any("payment card number was masked (ending 1111)" in w for w in script.warnings)
    assert "card ending 1111" in spoken(script).lower() and "*" not in spoken(script)


def test_p8_2_contact_notes_reaching_the_card_are_masked() -> None:
    pat = PAT.with_changes(met=PAT.met.__class__("", None, "", f"she read out {SSN}"))
    script = build_script(
        pat,
        "check-in",
        user=ME,
        now=NOW,
        local_time_text="09:00 Tuesday",
        last_call=None,
        open_promises=(),
        templates=script_templates(None),
    )
    assert SSN not in every_line(script)


# 2. History only from the log.


def test_a_follow_up_with_nothing_logged_claims_no_promise() -> None:
    script = build("follow-up")
    assert not HISTORY.search(spoken(script)), spoken(script)


def test_a_call_back_asked_for_is_not_their_call() -> None:
    asked = Call(7, NOW - dt.timedelta(hours=3), Outcome.CALL_BACK, notes="he was driving")
    script = build("return-call", last_call=asked)
    said = spoken(script)
    assert "after your call" not in said and "returning your call" not in said
    assert "calling you back, as you asked" in voicemail(script)


def test_logged_topics_and_promises_are_said_where_they_belong() -> None:
    last = Call(
        7,
        NOW - dt.timedelta(days=1),
        Outcome.CONNECTED,
        topics=("the lending checklist",),
        promises=(Promise("send the lending checklist"),),
    )
    script = build(
        "follow-up", last_call=last, open_promises=(Promise("send the lending checklist"),)
    )
    opener = "\n".join(script.section("opener").lines)  # type: ignore[union-attr]
    purpose = "\n".join(script.section("purpose").lines)  # type: ignore[union-attr]
    assert "When we spoke yesterday, we talked about the lending checklist" in opener
    # Where things stand on the promise, said as a sentence of the caller's (P7.1).
    assert "I said I'd send the lending checklist." in purpose


# 3. A call back exactly when an answer is needed (P10.3).


def test_p10_3_a_lunch_proposal_never_says_no_need_to_call_back() -> None:
    script = build("custom", purpose=LUNCH_PROPOSAL)
    assert script.needs_answer and NO_NEED not in voicemail(script)
    assert any(a in voicemail(script) for a in CALL_BACK)


def test_p10_3_the_caller_decides_when_they_say_so() -> None:
    assert build("birthday", needs_answer=True).needs_answer
    assert NO_NEED in voicemail(build("custom", purpose=LUNCH_PROPOSAL, needs_answer=False))


# Invariants over random purposes and logs.

ASKING = [
    "could you send the form",
    "lunch next week",
    "would you meet my partner",
    "a proposal for the spring",
    "please confirm the date",
    "is the workshop on?",
]
TELLING = [
    "thanks for the referral",
    "the shipment left today",
    "congratulations on the award",
    "order BW-448812 arrived",
]
SECRETS = ["", f"my SSN is {SSN}", f"card {CARD}", "ssn 123456789", "card 4012888888881881"]
OUTCOMES = [None, *Outcome]


@st.composite
def requests(draw: st.DrawFn) -> tuple[str, bool, Script, bool, bool]:
    occasion = draw(st.sampled_from(OCCASIONS))
    asking = draw(st.booleans())
    purpose = " ".join(
        (draw(st.sampled_from(ASKING if asking else TELLING)), draw(st.sampled_from(SECRETS)))
    )
    outcome = draw(st.sampled_from(OUTCOMES))
    promised = draw(st.booleans()) and outcome is not None
    promises = (Promise(f"send it {draw(st.sampled_from(SECRETS))}"),) if promised else ()
    last = None
    if outcome is not None:
        at = NOW - dt.timedelta(days=draw(st.integers(0, 400)))
        last = Call(7, at, outcome, notes=draw(st.sampled_from(SECRETS)), promises=promises)
    script = build(
        occasion,
        purpose=purpose,
        last_call=last,
        open_promises=promises,
        recap=draw(st.sampled_from(SECRETS)),
        memorable_line=draw(st.sampled_from(SECRETS)),
    )
    logged = last is not None and (promised or outcome in (Outcome.CONNECTED, Outcome.MEETING))
    return occasion, asking, script, logged, outcome is Outcome.CALL_BACK


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(requests())
def test_invariants_hold_for_random_purposes_and_logs(
    generated: tuple[str, bool, Script, bool, bool],
) -> None:
    occasion, asking, script, logged, asked_back = generated
    assert not full_numbers(every_line(script))
    if not logged and not asked_back and occasion != "return-call":
        assert not HISTORY.search(spoken(script)), spoken(script)
    needed = asking or occasion in ("lunch", "connect", "organization", "return-call")
    mail = voicemail(script)
    asks = any(a in mail for a in CALL_BACK)
    assert script.needs_answer == needed
    assert asks == needed and (NO_NEED in mail) != needed
