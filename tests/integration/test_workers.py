"""Forked processes answering requests in turns (services/child_process.py `Workers`): an
import's new contacts get their rows made this way while the importing process writes."""

from __future__ import annotations

import os

import pytest

from callwise.domain.errors import ValidationError
from callwise.services.child_process import Workers


def _made_by(request: int) -> tuple[int, int]:
    return request * 10, os.getpid()


def _refused(request: int) -> int:
    if request == 4:
        raise ValidationError("request 4 is refused", field="file")
    return request


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True  # ended and reaped: no zombie left behind
    return False


@pytest.mark.parametrize("processes", [0, 1, 2, 3])
def test_answers_come_in_request_order_whoever_made_them(processes: int) -> None:
    workers = Workers(_made_by, processes)
    try:
        first = list(workers.map(range(11)))
        again = list(workers.map(range(3)))  # a second run (an import that matched again)
    finally:
        workers.close()
    assert [answer for answer, _ in first] == [i * 10 for i in range(11)]
    assert [answer for answer, _ in again] == [0, 10, 20]
    makers = {pid for _, pid in first}
    if processes == 0:
        assert makers == {os.getpid()}
    else:
        assert len(makers) == processes and os.getpid() not in makers


def test_a_large_request_does_not_stall_the_pipes() -> None:
    """A request and an answer each far larger than a pipe holds, several in flight."""
    workers = Workers(lambda text: text[::-1], 2)
    try:
        requests = [f"{i}".ljust(300_000, "x") for i in range(6)]
        assert list(workers.map(requests)) == [r[::-1] for r in requests]
    finally:
        workers.close()


def test_an_error_in_a_worker_is_raised_here_and_the_workers_end() -> None:
    workers = Workers(_refused, 2)
    children = list(workers.children)
    try:
        with pytest.raises(ValidationError, match="request 4 is refused"):
            list(workers.map(range(9)))
    finally:
        workers.close()
    assert all(_gone(child.pid) for child in children)


def test_answers_left_unused_stop_the_workers_and_later_ones_are_made_here() -> None:
    workers = Workers(_made_by, 2)
    children = list(workers.children)
    answers = workers.map(range(8))
    next(answers)
    answers.close()  # the writing stopped half way
    assert all(_gone(child.pid) for child in children)
    assert [pid for _, pid in workers.map(range(2))] == [os.getpid()] * 2
    workers.close()
