"""The plain content-line split (interchange/vcard_text.split_line) agrees with vobject's
parser, the reference it stands in for, on every line it accepts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from vobject.base import ParseError, parseLine

from callwise.interchange.vcard_text import split_line

SYNTAX = st.text(alphabet='aZ09_-.;=,:" \té\\', max_size=30)
NAMES = st.from_regex(r"[A-Za-z0-9_-]{1,8}", fullmatch=True)
PARAM_VALUES = st.text(alphabet="aB1 ,-=é\\/", max_size=8)


@st.composite
def content_lines(draw: st.DrawFn) -> str:
    """Lines shaped like real ones (group, name, parameters, value), now and then broken."""
    group = draw(st.one_of(st.just(""), NAMES.map(lambda n: n + ".")))
    params = draw(
        st.lists(
            st.tuples(NAMES, st.one_of(st.just(None), PARAM_VALUES)).map(
                lambda p: ";" + p[0] + ("" if p[1] is None else "=" + p[1])
            ),
            max_size=4,
        )
    )
    value = draw(st.text(max_size=20))
    return group + draw(NAMES) + "".join(params) + ":" + value


def _reference(text: str) -> tuple[str, list[list[str]], str, str | None] | None:
    try:
        name, params, value, group = parseLine(text)
    except ParseError:
        return None
    return name, params, value, group


@settings(max_examples=400)
@given(st.one_of(content_lines(), SYNTAX))
def test_the_plain_split_agrees_with_vobject(text: str) -> None:
    fast = split_line(text)
    if fast is not None:
        assert fast == _reference(text)


def test_plain_lines_of_real_cards_take_the_plain_split() -> None:
    assert split_line("item1.TEL;TYPE=CELL,VOICE;PREF:+1 816 555 0142") == (
        "TEL",
        [["TYPE", "CELL", "VOICE"], ["PREF"]],
        "+1 816 555 0142",
        "item1",
    )
    assert split_line("X_ABLabel:_$!<Mobile>!$_") == ("X-ABLabel", [], "_$!<Mobile>!$_", None)
    assert split_line("NOTE:a: b; c") == ("NOTE", [], "a: b; c", None)


def test_quoted_parameters_and_broken_lines_are_left_to_vobject() -> None:
    assert split_line('ADR;LABEL="1 Main St; Springfield":;;1 Main St') is None
    assert split_line("no colon here") is None
    assert split_line("BAD NAME:x") is None
