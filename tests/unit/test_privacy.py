"""Sensitive numbers are masked before storage, keeping the last four digits (P8.2)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callwise.domain.privacy import luhn_valid, mask_sensitive


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("SSN 123-45-6789 on file", "SSN ***-**-6789 on file"),
        ("they read back 123 45 6789", "they read back *** ** 6789"),
        ("SSN: 123456789", "SSN: *****6789"),
        ("my social security number is 078051120.", "my social security number is *****1120."),
        ("ss# 123456789", "ss# *****6789"),
    ],
)
def test_p8_2_social_security_numbers_keep_the_last_four(text: str, masked: str) -> None:
    result = mask_sensitive(text)
    assert result.text == masked
    assert result.changed
    assert len(result.warnings) == 1
    assert "social security number" in result.warnings[0]
    assert masked[-4:].strip(".") in result.warnings[0] or "ending" in result.warnings[0]


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("card 4111 1111 1111 1111 exp 12/27", "card **** **** **** 1111 exp 12/27"),
        ("paid with 4111-1111-1111-1111.", "paid with ****-****-****-1111."),
        ("visa 4111111111111111", "visa ************1111"),
        ("amex 3782 822463 10005", "amex **** ****** *0005"),
        ("mastercard 5555555555554444 ok", "mastercard ************4444 ok"),
        ("19 digits 6011 0000 0000 0000 001", "19 digits **** **** **** ***0 001"),
    ],
)
def test_p8_2_card_numbers_are_masked(text: str, masked: str) -> None:
    result = mask_sensitive(text)
    assert result.text == masked
    assert len(result.warnings) == 1 and "payment card" in result.warnings[0]


def test_p8_2_every_number_masked_gets_its_own_warning() -> None:
    result = mask_sensitive("SSN 123-45-6789, card 4111 1111 1111 1111")
    assert result.text == "SSN ***-**-6789, card **** **** **** 1111"
    assert [("6789" in w, "1111" in w) for w in result.warnings] == [(True, False), (False, True)]


@pytest.mark.parametrize(
    "text",
    [
        "call +14155550123 or +1 415 555 0123",
        "+442079460958 is the London office",
        "+44 207 94 6000",
        "+8613912345678901",
        "(816) 555-0142 or 816-555-0142",
        "met on 2026-11-24, again 11-24-2026 and 24.11.2026",
        "from 2026-11-24 to 2026-12-01",
        "order 123456789 shipped",  # nine digits without a label
        "4111 1111 1111 1112",  # fails the Luhn check
        "area 000-12-3456, 666-12-3456, 912-12-3456, 123-00-4567, 123-45-0000",
        "1234 5678",
        "",
    ],
)
def test_p8_2_no_false_positives(text: str) -> None:
    result = mask_sensitive(text)
    assert result.text == text
    assert not result.warnings and not result.changed


def test_luhn() -> None:
    assert luhn_valid("4111111111111111")
    assert luhn_valid("79927398713")
    assert not luhn_valid("79927398710")
    assert not luhn_valid("4111-1111")
    assert not luhn_valid("")


@given(st.from_regex(r"\+[1-9][0-9]{6,14}", fullmatch=True))
def test_p8_2_e164_numbers_are_never_masked(number: str) -> None:
    text = f"call {number} today"
    assert mask_sensitive(text).text == text


@given(st.dates())
def test_p8_2_dates_are_never_masked(day: object) -> None:
    text = f"on {day} and {day} again"
    assert mask_sensitive(text).text == text


@given(st.text(max_size=60))
def test_masking_is_idempotent(text: str) -> None:
    once = mask_sensitive(text).text
    assert mask_sensitive(once).text == once
