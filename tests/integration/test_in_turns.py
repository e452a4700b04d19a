"""Work shared by forked processes taking turns (services/child_process.py `InTurns`): the
rows of an import's new contacts are made this way while the importing process writes."""

from __future__ import annotations

import os
from functools import partial

import pytest

from callwise.domain.errors import ValidationError
from callwise.services.child_process import InTurns


def _made_by(index: int) -> tuple[int, int]:
    return index, os.getpid()


def _refused(index: int) -> int:
    if index == 4:
        raise ValidationError("job 4 is refused", field="file")
    return index


@pytest.mark.parametrize("processes", [1, 2, 3])
def test_results_come_in_order_whoever_made_them(processes: int) -> None:
    turns = InTurns([partial(_made_by, i) for i in range(11)], processes)
    try:
        results = list(turns)
    finally:
        turns.close()
    assert [index for index, _ in results] == list(range(11))
    makers = {pid for _, pid in results}
    if processes == 1:
        assert makers == {os.getpid()}
    else:
        assert len(makers) == processes and os.getpid() not in makers


def test_an_error_in_a_child_is_raised_here_and_close_ends_the_others() -> None:
    turns = InTurns([partial(_refused, i) for i in range(9)], 2)
    try:
        with pytest.raises(ValidationError, match="job 4 is refused"):
            list(turns)
    finally:
        turns.close()
    for child in turns.children:
        assert not child.is_alive()


def test_closing_before_using_any_result_ends_the_children() -> None:
    turns = InTurns([partial(_made_by, i) for i in range(40)], 2)
    turns.close()
    for child in turns.children:
        assert not child.is_alive()
        with pytest.raises(ProcessLookupError):
            os.kill(child.pid, 0)  # reaped: no zombie left behind
