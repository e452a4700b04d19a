"""The content-line splits (interchange/vcard_text) agree with vobject's parser, the
reference they stand in for: the plain split on every line it accepts, the full split on
every line (issue 11: vobject's own takes exponential time on some lines)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vobject.base import ParseError, parseLine

from callwise.domain.errors import ValidationError
from callwise.interchange.limits import MAX_PARAMS
from callwise.interchange.vcard_text import split_content_line, split_line

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


QUOTED_VALUES = st.text(alphabet='aB1 ,;:=é\\"', max_size=8)


@st.composite
def quoted_lines(draw: st.DrawFn) -> str:
    """Lines whose parameter values are now and then quoted (with `;`, `:` and `,` inside),
    and now and then broken: a stray quote, a missing name or a missing colon."""
    pieces = [draw(st.one_of(st.just(""), NAMES.map(lambda n: n + "."))), draw(NAMES)]
    for _ in range(draw(st.integers(0, 4))):
        pieces.append(";" + draw(st.one_of(NAMES, st.just(""))))
        for _ in range(draw(st.integers(0, 2))):
            sep = draw(st.sampled_from("=,"))
            quoted = draw(st.booleans())
            inner = draw(QUOTED_VALUES if quoted else PARAM_VALUES)
            pieces.append(sep + (f'"{inner}"' if quoted else inner))
    pieces.append(draw(st.sampled_from([":", ":", ":", ";:", "", '"'])))
    pieces.append(draw(st.text(max_size=12)))
    return "".join(pieces)


@settings(max_examples=500)
@given(st.one_of(quoted_lines(), content_lines(), SYNTAX))
def test_the_full_split_is_vobjects_on_every_line(text: str) -> None:
    """Accepts what vobject accepts, rejects what it rejects, and splits alike."""
    assert split_content_line(text) == _reference(text)


def test_real_lines_with_quoted_values_split_as_vobject_splits_them() -> None:
    line = 'item2.ADR;LABEL="1 Main St; Springfield: IL";TYPE=HOME,pref:;;1 Main St;Springfield'
    assert split_content_line(line) == (
        "ADR",
        [["LABEL", "1 Main St; Springfield: IL"], ["TYPE", "HOME", "pref"]],
        ";;1 Main St;Springfield",
        "item2",
    )
    assert split_content_line('TEL;X-A="a",b;;:1') is None


def test_a_line_of_many_empty_parameters_is_read_at_once() -> None:
    """Fuzzing found `FN;A;A;...;:K` (124 bytes) taking vobject's parser exponential time
    (40 parameters never ended); the split is one pass, and a line of 30 returns at once."""
    assert split_content_line("FN" + ";A" * 30 + ";:K") is None
    assert split_content_line('FN;X="q"' + ";A" * 30 + ";:K") is None
    assert split_content_line("FN" + ";A" * 30 + ":K") == ("FN", [["A"]] * 30, "K", None)


def test_more_parameters_than_the_limit_are_refused_by_name() -> None:
    with pytest.raises(ValidationError, match="101 parameters, over the limit of 100"):
        split_content_line("FN" + ";A" * 101 + ":K")
    with pytest.raises(ValidationError, match="over the limit of 100"):
        split_content_line('FN;X="q"' + ";A" * (MAX_PARAMS + 5) + ":K")
