"""Uploads are imported in a child process with a time limit (issue 11), against a real
`callwise serve` on loopback: past the limit the answer is our 422 error, nothing is written,
the upload stays for a retry, and the server answers other requests meanwhile.

The import is made slow for certain, not by a big file: the test holds the SQLite write lock,
so the import waits (its busy timeout, 5 s, is longer than the server's limit here)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from browser_support import NOW_ARG, Server, callwise_command, free_port, run_cli
from process_support import write_big_vcard

LIMIT_SECONDS = 3  # under SQLite's busy timeout, so the held lock outlasts it
CARD = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nTEL:+1 816 555 0142\r\nEND:VCARD\r\n"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """`callwise serve` over a new SQLite file, with a short import limit."""
    db_url = f"sqlite:///{tmp_path / 'callwise.db'}"
    run_cli(db_url, "init")
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "CALLWISE_IMPORT_SECONDS": str(LIMIT_SECONDS)}
    command = [*callwise_command(), "--db", db_url, "--now", NOW_ARG, "serve", "--port", str(port)]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    running = Server(url=url, db_url=db_url, process=process, log=log, command=command)
    try:
        _wait_until_up(running)
        yield running
    finally:
        running.stop()


def _wait_until_up(server: Server) -> None:
    for _ in range(400):
        assert server.process.poll() is None, server.log.read_text(errors="replace")
        try:
            httpx.get(server.url + "/api/v1/today", timeout=5)
            return
        except httpx.TransportError:
            time.sleep(0.05)
    pytest.fail("callwise serve did not answer")


def _children(pid: int) -> list[str]:
    """The pids of a process's children (Linux /proc)."""
    found: list[str] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += (task / "children").read_text().split()
    return found


def _held_write_lock(server: Server) -> sqlite3.Connection:
    held = sqlite3.connect(server.db_url.removeprefix("sqlite:///"), isolation_level=None)
    held.execute("BEGIN IMMEDIATE")
    return held


def test_an_import_past_the_limit_is_stopped_and_others_are_answered_meanwhile(
    server: Server,
) -> None:
    preview = httpx.post(
        server.url + "/api/v1/imports/preview", files={"file": ("a.vcf", CARD)}, timeout=60
    )
    assert preview.status_code == 200, preview.text
    upload_id = preview.json()["upload_id"]
    held = _held_write_lock(server)
    answers: list[httpx.Response] = []
    commit = threading.Thread(
        target=lambda: answers.append(
            httpx.post(f"{server.url}/api/v1/imports/{upload_id}", timeout=120)
        )
    )
    try:
        commit.start()
        while commit.is_alive() and not _children(server.process.pid):
            time.sleep(0.02)  # until the import's child process is at work
        today = httpx.get(server.url + "/api/v1/today", timeout=60)
        assert today.status_code == 200 and commit.is_alive()
        commit.join()
    finally:
        held.rollback()
        held.close()
    (refused,) = answers
    assert refused.status_code == 422
    error = refused.json()["error"]
    assert error["field"] == "file"
    assert error["message"].startswith(
        f"reading the file took longer than {LIMIT_SECONDS} seconds, the limit for an upload"
    )
    assert not _children(server.process.pid)  # the child was stopped
    assert httpx.get(server.url + "/api/v1/contacts").json()["contacts"] == []
    retried = httpx.post(f"{server.url}/api/v1/imports/{upload_id}", timeout=60)
    assert retried.status_code == 200 and retried.json()["added"] == 1


def test_a_preview_past_the_limit_keeps_nothing(server: Server, tmp_path: Path) -> None:
    """A preview reads in a snapshot and never waits for writers (issue 11.4), so what makes
    it late here is size: 40,000 cards take well over the 3 s limit on any machine."""
    big = write_big_vcard(tmp_path / "big.vcf", 40_000)
    with big.open("rb") as upload:
        answer = httpx.post(
            server.url + "/api/v1/imports/preview", files={"file": ("big.vcf", upload)}, timeout=120
        )
    assert answer.status_code == 422, answer.text[:200]
    assert "longer than 3 seconds" in answer.json()["error"]["message"]
    assert not _children(server.process.pid)  # the child and its readers were stopped
    assert httpx.get(server.url + "/api/v1/contacts").json()["contacts"] == []
