"""Forked helper processes that die with their parent and whose death the parent notices.

An import reads large files in forked children (services/import_source.py), and others make
the rows of its new contacts (`Workers`, used by services/importer.py). A child must not
outlive a killed parent (each holds tens of MB), and a parent must not wait forever on a
child that was killed (or ran out of memory): it raises `ReaderStoppedError` instead.

Each child gets its own pipe; the parent closes the writing end right after the fork, so a
dead child is seen as the end of the pipe, even in the middle of a message.
"""

from __future__ import annotations

import contextlib
import ctypes
import itertools
import os
import queue
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from callwise.domain.errors import CallwiseError
from callwise.services.runtime import collect_rarely

QUEUED_ITEMS = 8  # items a child makes ahead of the parent: memory stays flat
POLL_SECONDS = 0.5  # how often a waiting parent checks that its child still lives
PR_SET_PDEATHSIG = 1  # linux/prctl.h
T = TypeVar("T")


class ReaderStoppedError(CallwiseError):
    """A process reading the file stopped before the end (killed, out of memory)."""

    exit_code = 8
    http_status = 503


def _die_with(parent: int) -> None:
    """Child side: end this process when `parent` ends. Linux asks the kernel (a SIGKILL when
    the forking thread ends, so only from the main thread); otherwise, or as well, a thread
    watches for being handed to another parent. A parent gone before this ran is caught by
    the getppid check."""
    if sys.platform == "linux" and threading.current_thread() is threading.main_thread():
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while True:
            threading.Event().wait(POLL_SECONDS)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _send_all(items: queue.Queue[Any], sending: Connection) -> None:
    """Child side: send what the making thread queues; None ends it."""
    while (message := items.get()) is not None:
        sending.send(message)


def _child_main(produce: Callable[[], Iterable[Any]], sending: Connection, parent: int) -> None:
    """Child process: send ("item", x) for each item, then ("done", None) or ("error", exc).
    A sending thread pickles and writes while this one makes the next items."""
    _die_with(parent)
    collect_rarely()
    items: queue.Queue[Any] = queue.Queue(maxsize=QUEUED_ITEMS)
    sender = threading.Thread(target=_send_all, args=(items, sending), daemon=True)
    sender.start()
    try:
        for item in produce():
            items.put(("item", item))
        items.put(("done", None))
    except BaseException as exc:  # handed to the parent, which raises it
        items.put(("error", exc))
    items.put(None)
    sender.join()
    sending.close()
    os._exit(0)


@dataclass
class Child:
    """A forked child making items, and the pipe they come through."""

    pid: int
    receiving: Connection
    status: int | None = None  # the wait status once reaped (-1: reaped elsewhere)

    def items(self) -> Iterator[Any]:
        """The child's items in order; an exception in the child is raised here, and a child
        that stops early raises `ReaderStoppedError`."""
        try:
            while True:
                kind, payload = self._next()
                if kind == "item":
                    yield payload
                elif kind == "error":
                    raise payload
                else:
                    return
        finally:
            self.stop()

    def _next(self) -> tuple[str, Any]:
        while not self.receiving.poll(POLL_SECONDS):
            if not self.is_alive() and not self.receiving.poll(POLL_SECONDS):
                self._stopped()
        try:
            message: tuple[str, Any] = self.receiving.recv()
        except (EOFError, OSError):
            self._stopped()
        return message

    def _stopped(self) -> Any:
        status = self.exit_status()
        raise ReaderStoppedError(
            f"the process reading it stopped before the end ({status}); nothing was imported, "
            "run the import again (with more free memory if it ran out)",
            field="file",
        )

    def _reap(self, flags: int) -> None:
        if self.status is None:
            with contextlib.suppress(ChildProcessError):
                pid, status = os.waitpid(self.pid, flags)
                if pid == 0:
                    return
                self.status = status
            self.status = -1 if self.status is None else self.status

    def exit_status(self) -> str:
        """How the child ended, in words (it is reaped first)."""
        self._reap(0)
        status = self.status or 0
        if status >= 0 and os.WIFSIGNALED(status):
            return f"killed by {signal.Signals(os.WTERMSIG(status)).name}"
        return f"exit code {os.WEXITSTATUS(status)}" if status >= 0 else "ended"

    def is_alive(self) -> bool:
        self._reap(os.WNOHANG)
        return self.status is None

    def stop(self) -> None:
        """End the child if it still runs, and reap it."""
        if self.is_alive():
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        self._reap(0)
        self.receiving.close()


def can_fork() -> bool:
    """Whether forked children can share the work: a second core, and fork itself."""
    import multiprocessing

    return (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()


def start_child(produce: Callable[[], Iterable[Any]]) -> Child:
    """Fork a child that sends the items of `produce()`; see `Child.items`."""
    from multiprocessing import Pipe

    receiving, sending = Pipe(duplex=False)
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child; its work is seen through the pipe
        receiving.close()
        try:
            _child_main(produce, sending, parent)
        finally:
            os._exit(1)
    sending.close()
    return Child(pid, receiving)


def in_second_process(produce: Callable[[], Iterable[T]]) -> Iterator[T]:
    """The items of `produce()`, made in a forked child process while this one uses them, in
    the same order. At most QUEUED_ITEMS wait, so memory stays flat; an exception in the
    child is raised here."""
    return start_child(produce).items()


class Workers:
    """Forked processes answering requests in turns (request i goes to process i % count),
    the answers used here in request order while the processes work on the next ones. Start
    them early, while this process is small: each begins as a copy of it. With no process
    (`count` 0), requests are answered here."""

    IN_FLIGHT = 2  # requests a process holds at once: the one it answers, the next

    def __init__(self, answer: Callable[[Any], Any], count: int) -> None:
        from multiprocessing import Pipe

        self.answer = answer
        pipes = [Pipe(duplex=False) for _ in range(count)]
        self.requests = [sending for _, sending in pipes]
        self.children = [
            start_child(_answering(receiving, self.requests, answer)) for receiving, _ in pipes
        ]
        for receiving, _ in pipes:
            receiving.close()
        self.answers = [child.items() for child in self.children]

    def map(self, requests: Iterable[Any]) -> Iterator[Any]:
        """The answers to `requests`, in order. Left unfinished, the processes are stopped
        (their answers would be out of step) and later requests are answered here."""
        if not self.children:
            yield from (self.answer(request) for request in requests)
            return
        queued, waiting = iter(requests), deque[int]()
        turns = itertools.cycle(range(len(self.children)))

        def send_next() -> None:
            for request in itertools.islice(queued, 1):
                turn = next(turns)
                self.requests[turn].send(request)
                waiting.append(turn)

        try:
            for _ in range(len(self.children) * self.IN_FLIGHT):
                send_next()
            while waiting:
                yield next(self.answers[waiting.popleft()])
                send_next()
        finally:
            if waiting:
                self.close()

    def close(self) -> None:
        for sending in self.requests:
            sending.close()
        for child in self.children:
            child.stop()
        self.requests, self.children, self.answers = [], [], []


def _answering(
    requests: Connection, senders: list[Connection], answer: Callable[[Any], Any]
) -> Callable[[], Iterator[Any]]:
    """Child side of `Workers`: answer each request until the parent closes the pipe (the
    child's own copies of the sending ends are closed first, or that would never be seen).
    A thread takes requests off the pipe as they come, so the parent never waits to send
    the next one while this one works."""

    def produce() -> Iterator[Any]:
        for sending in senders:
            sending.close()
        waiting: queue.Queue[Any] = queue.Queue()
        threading.Thread(target=_receive_all, args=(requests, waiting), daemon=True).start()
        while (request := waiting.get()) is not _ENDED:
            yield answer(request)

    return produce


_ENDED = object()


def _receive_all(requests: Connection, into: queue.Queue[Any]) -> None:
    while True:
        try:
            into.put(requests.recv())
        except (EOFError, OSError):
            into.put(_ENDED)
            return
