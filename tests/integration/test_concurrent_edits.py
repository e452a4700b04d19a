"""No lost updates (issue 11): the API patching fields while the CLI adds tags to the same
contact, each through its own process, must keep every change.

A real `callwise serve` on a free loopback port takes the PATCHes from a thread; real
`callwise contacts edit --tag` processes add the tags meanwhile. Before edits were applied to
the record as stored inside one transaction, about half of the tags came back reverted.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from callwise.domain.model import Contact
from callwise.services.app import open_app
from callwise.services.contacts import edit_contact, get_contact, save_contact
from conftest import NOW
from web_support import csrf_of

CALLWISE = str(Path(sys.executable).with_name("callwise"))
NOW_ARG = NOW.strftime("%Y-%m-%dT%H:%M:%SZ")
CLI_TAGS = 4
CLI_AT_ONCE = 2
START_SECONDS = 30.0


@dataclass
class Served:
    url: str
    process: subprocess.Popen[bytes]


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


@pytest.fixture
def served(db_url: str, tmp_path: Path) -> Iterator[Served]:
    """`callwise serve` over `db_url` (SQLite or PostgreSQL) on a free loopback port."""
    port = _free_port()
    log = tmp_path / "serve.log"
    command = [CALLWISE, "--db", db_url, "--now", NOW_ARG, "serve", "--port", str(port)]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT)
    server = Served(f"http://127.0.0.1:{port}", process)
    try:
        deadline = time.monotonic() + START_SECONDS
        while not _answers(server.url + "/api/v1/contacts"):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"callwise serve did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.1)
        yield server
    finally:
        process.terminate()
        process.wait(timeout=20)


def _patch(url: str, body: dict[str, str]) -> int:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        method="PATCH",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        status: int = response.status
        return status


def _add_tag(db_url: str, contact_id: int, tag: str) -> None:
    edit = ["contacts", "edit", str(contact_id), "--tag", tag]
    done = subprocess.run(
        [CALLWISE, "--db", db_url, "--now", NOW_ARG, *edit],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_api_patches_and_cli_tag_additions_are_all_kept(db_url: str, served: Served) -> None:
    core = open_app(db_url, NOW)
    contact_id = save_contact(core, Contact(given_name="Ana", tags=("start",))).id
    assert contact_id is not None
    url = f"{served.url}/api/v1/contacts/{contact_id}"
    cli_done = threading.Event()
    patches: list[dict[str, str]] = []
    failures: list[BaseException] = []

    def patch_loop() -> None:
        try:
            while not cli_done.is_set():
                turn = len(patches)
                body = {"job_title": f"title {turn}"} if turn % 2 else {"notes": f"note {turn}"}
                assert _patch(url, body) == 200
                patches.append(body)
        except BaseException as exc:  # reported by the main thread
            failures.append(exc)

    patcher = threading.Thread(target=patch_loop)
    patcher.start()
    tags = [f"cli-{i}" for i in range(CLI_TAGS)]
    try:
        with ThreadPoolExecutor(CLI_AT_ONCE) as pool:
            list(pool.map(lambda tag: _add_tag(db_url, contact_id, tag), tags))
    finally:
        cli_done.set()
        patcher.join(timeout=120)
    assert not failures, failures
    final = get_contact(core, contact_id)
    core.engine.dispose()
    last_title = next(p["job_title"] for p in reversed(patches) if "job_title" in p)
    last_note = next(p["notes"] for p in reversed(patches) if "notes" in p)
    lost = sorted(set(tags) - set(final.tags))
    print(f"\n{db_url.split(':')[0]}: {len(patches)} API patches, {len(tags)} CLI tag adds, "
          f"lost tags: {lost}, title {final.job_title!r} (sent last {last_title!r}), "
          f"notes {final.notes!r} (sent last {last_note!r})")  # fmt: skip
    assert lost == []
    assert sorted(final.tags) == sorted(["start", *tags])
    assert (final.job_title, final.notes) == (last_title, last_note)


def test_an_edit_waits_for_the_one_in_progress_and_applies_to_its_result(db_url: str) -> None:
    """Two edits of different fields, the second started while the first holds the record:
    the second sees the first's result, so both changes are kept."""
    core = open_app(db_url, NOW)
    contact_id = save_contact(core, Contact(given_name="Ana", tags=("a",))).id
    assert contact_id is not None
    other: list[BaseException] = []

    def add_tag() -> None:
        try:
            edit_contact(core, contact_id, lambda c: c.with_changes(tags=(*c.tags, "b")))
        except BaseException as exc:
            other.append(exc)

    second = threading.Thread(target=add_tag)

    def retitle(stored: Contact) -> Contact:
        second.start()  # it must wait for this transaction, then read its result
        time.sleep(0.3)  # give it the chance to (wrongly) read the record before the commit
        return stored.with_changes(job_title="COO")

    edit_contact(core, contact_id, retitle)
    second.join(timeout=60)
    assert not other, other
    final = get_contact(core, contact_id)
    core.engine.dispose()
    assert (final.job_title, final.tags) == ("COO", ("a", "b"))


def test_a_put_with_a_stale_version_is_409_and_writes_nothing(client: TestClient) -> None:
    created = client.post("/api/v1/contacts", json={"given_name": "Ana"}).json()
    read = client.get(f"/api/v1/contacts/{created['id']}").json()
    assert client.patch(f"/api/v1/contacts/{read['id']}", json={"notes": "new"}).status_code == 200
    stale = client.put(f"/api/v1/contacts/{read['id']}", json={**read, "job_title": "COO"})
    assert stale.status_code == 409, stale.text
    assert stale.json()["error"]["field"] == "version"
    kept = client.get(f"/api/v1/contacts/{read['id']}").json()
    assert (kept["notes"], kept["job_title"]) == ("new", "")
    fresh = client.put(f"/api/v1/contacts/{read['id']}", json={**kept, "job_title": "COO"})
    assert fresh.status_code == 200, fresh.text
    assert (fresh.json()["notes"], fresh.json()["job_title"]) == ("new", "COO")


def _form_post(client: TestClient, url: str, data: dict[str, str]) -> httpx.Response:
    token = csrf_of(client, "/contacts/new")
    return client.post(url, data={"csrf_token": token, **data}, follow_redirects=False)


def test_a_stale_form_keeps_other_changes_and_names_the_clash(client: TestClient) -> None:
    """The edit form applies only what was typed; a field also changed elsewhere is a 409."""
    contact_id = client.post("/api/v1/contacts", json={"given_name": "Ana"}).json()["id"]
    page = client.get(f"/contacts/{contact_id}/edit").text
    original = html.unescape(re.search(r'name="original" value="([^"]*)"', page)[1])  # type: ignore[index]
    form = {**json.loads(original), "original": original}
    client.patch(f"/api/v1/contacts/{contact_id}", json={"tags": ["vip"], "notes": "theirs"})
    saved = _form_post(client, f"/contacts/{contact_id}/edit", {**form, "job_title": "COO"})
    assert saved.status_code == 303, saved.text
    after = client.get(f"/api/v1/contacts/{contact_id}").json()
    assert (after["job_title"], after["tags"], after["notes"]) == ("COO", ["vip"], "theirs")
    clash = _form_post(client, f"/contacts/{contact_id}/edit", {**form, "notes": "mine"})
    assert clash.status_code == 409
    assert "changed elsewhere" in clash.text and "notes" in clash.text
    assert "mine" in clash.text  # what was typed is kept
    assert client.get(f"/api/v1/contacts/{contact_id}").json()["notes"] == "theirs"
