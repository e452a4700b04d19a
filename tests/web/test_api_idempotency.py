"""The Idempotency-Key header of the API's creating routes (issue 15), on SQLite and
PostgreSQL: a retried request creates nothing more and gets the first answer again."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from starlette.requests import Request

from callwise.domain.errors import ValidationError
from callwise.domain.model import Contact, Phone
from callwise.services import calls, contacts, idempotency
from callwise.services.app import App
from callwise.services.idempotency import Answer, Claim
from callwise.web.idempotency import fingerprint

FIXTURES = Path(__file__).parent.parent / "fixtures"
KEY = "8f14e45f-ceea-467e-a6a8-2a3c1b1e5c0d"
VOICEMAIL = {"outcome": "voicemail", "note": "wished her a happy birthday"}


def _ana(core: App) -> int:
    saved = contacts.save_contact(core, Contact(given_name="Ana", family_name="Ruiz"))
    assert saved.id is not None
    return saved.id


def _calls(core: App, contact_id: int) -> int:
    return len(calls.history(core, f"#{contact_id}"))


def _twice(send: Callable[[], httpx.Response]) -> tuple[httpx.Response, httpx.Response]:
    """The request, then the same again (a client retrying after a lost answer)."""
    first = send()
    again = send()
    assert first.status_code < 300, first.text
    assert (again.status_code, again.content) == (first.status_code, first.content)
    assert again.headers["idempotent-replayed"] == "true"
    return first, again


def test_a_call_logged_twice_with_one_key_is_stored_once(client: TestClient, core: App) -> None:
    ana = _ana(core)
    url = f"/api/v1/contacts/{ana}/calls"
    first, _ = _twice(lambda: client.post(url, json=VOICEMAIL, headers={"Idempotency-Key": KEY}))
    assert first.status_code == 201 and first.json()["call"]["outcome"] == "voicemail"
    assert _calls(core, ana) == 1
    # The same data with its keys in another order and other spacing is the same request.
    reordered = '{"note":"wished her a happy birthday",  "outcome":"voicemail"}'
    headers = {"Idempotency-Key": KEY, "Content-Type": "application/json"}
    assert client.post(url, content=reordered, headers=headers).content == first.content
    assert _calls(core, ana) == 1
    # Without a key every request is a new call, as before.
    for _ in range(2):
        assert client.post(url, json=VOICEMAIL).status_code == 201
    assert _calls(core, ana) == 3


def test_the_same_key_with_another_body_is_refused_in_one_line(
    client: TestClient, core: App
) -> None:
    ana = _ana(core)
    url = f"/api/v1/contacts/{ana}/calls"
    assert client.post(url, json=VOICEMAIL, headers={"Idempotency-Key": KEY}).status_code == 201
    other = client.post(url, json={"outcome": "busy"}, headers={"Idempotency-Key": KEY})
    assert other.status_code == 422
    error = other.json()["error"]
    assert error["field"] == "Idempotency-Key"
    assert "already used with another body" in error["message"] and "\n" not in error["message"]
    elsewhere = client.post("/api/v1/trips", json={"city": "Denver", "start": "+1", "end": "+2"},
                            headers={"Idempotency-Key": KEY})  # fmt: skip
    assert elsewhere.status_code == 422
    assert f"for POST /api/v1/contacts/{ana}/calls" in elsewhere.json()["error"]["message"]
    assert _calls(core, ana) == 1
    assert client.get("/api/v1/trips").json()["trips"] == []


def test_a_refused_request_leaves_the_key_free_for_the_fixed_one(
    client: TestClient, core: App
) -> None:
    ana = _ana(core)
    url = f"/api/v1/contacts/{ana}/calls"
    headers = {"Idempotency-Key": KEY}
    refused = client.post(
        url, json={"outcome": "voicemail", "follow_up": "someday"}, headers=headers
    )
    assert refused.status_code == 422 and refused.json()["error"]["field"] == "follow_up"
    assert client.post(url, json=VOICEMAIL, headers=headers).status_code == 201
    assert _calls(core, ana) == 1


def test_a_key_too_long_is_named(client: TestClient, core: App) -> None:
    ana = _ana(core)
    answer = client.post(
        f"/api/v1/contacts/{ana}/calls", json=VOICEMAIL, headers={"Idempotency-Key": "k" * 256}
    )
    assert answer.status_code == 422 and answer.json()["error"]["field"] == "Idempotency-Key"
    assert _calls(core, ana) == 0


def keyed(name: str) -> dict[str, str]:
    return {"Idempotency-Key": f"{KEY}-{name}"}


def test_every_creating_route_answers_a_retry_with_the_first_answer(
    client: TestClient, core: App
) -> None:
    ana = _ana(core)
    added, _ = _twice(
        lambda: client.post("/api/v1/contacts", json={"given_name": "Bo"}, headers=keyed("c"))
    )
    assert [c["name"] for c in client.get("/api/v1/contacts").json()["contacts"]] == [
        "Ana Ruiz",
        "Bo",
    ]
    trip = {"city": "Denver", "start": "2026-12-03", "end": "2026-12-05"}
    _twice(lambda: client.post("/api/v1/trips", json=trip, headers=keyed("t")))
    assert len(client.get("/api/v1/trips").json()["trips"]) == 1
    occasion = {"label": "Name day", "rrule": "FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=26"}
    url = f"/api/v1/contacts/{ana}/occasions"
    _twice(lambda: client.post(url, json=occasion, headers=keyed("o")))
    snooze = {"until": "2026-12-10"}
    _twice(lambda: client.post(f"/api/v1/contacts/{ana}/snooze", json=snooze, headers=keyed("s")))
    bo = added.json()["id"]
    pair = {"first": ana, "second": bo}
    _twice(lambda: client.post("/api/v1/duplicates/dismiss", json=pair, headers=keyed("d")))


def test_merge_unmerge_and_an_import_answer_a_retry_as_the_first_time(
    client: TestClient, core: App
) -> None:
    same_phone = (Phone("+14155550162"),)
    a = contacts.save_contact(core, Contact(given_name="William", family_name="Hartley",
                                            phones=same_phone))  # fmt: skip
    b = contacts.save_contact(core, Contact(given_name="Bill", family_name="Hartley",
                                            phones=same_phone), force=True)  # fmt: skip
    merge = {"other": b.id}
    url = f"/api/v1/contacts/{a.id}/merge"
    _twice(lambda: client.post(url, json=merge, headers={"Idempotency-Key": "merge-1"}))
    url = f"/api/v1/contacts/{a.id}/unmerge"
    _twice(lambda: client.post(url, headers={"Idempotency-Key": "unmerge-1"}))
    vcard = (FIXTURES / "vcard30_apple_itemgroups.vcf").read_bytes()
    files = {"file": ("contacts.vcf", vcard, "text/plain")}
    headers = {"Idempotency-Key": "preview-1"}
    preview, _ = _twice(lambda: client.post("/api/v1/imports/preview", files=files,
                                            headers=headers))  # fmt: skip
    url = f"/api/v1/imports/{preview.json()['upload_id']}"
    done, _ = _twice(lambda: client.post(url, json={}, headers={"Idempotency-Key": "commit-1"}))
    assert done.json()["added"] == 3
    assert client.get("/api/v1/contacts").json()["total"] == 5


def test_two_requests_at_once_with_one_key_make_one_call(client: TestClient, core: App) -> None:
    ana = _ana(core)
    url = f"/api/v1/contacts/{ana}/calls"
    start = threading.Barrier(4)
    answers: list[httpx.Response] = []

    def send() -> None:
        start.wait()
        answers.append(client.post(url, json=VOICEMAIL, headers={"Idempotency-Key": KEY}))

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert _calls(core, ana) == 1
    assert {(a.status_code, a.content) for a in answers} == {(201, answers[0].content)}


def test_a_retry_while_the_first_request_runs_waits_for_its_answer(
    client: TestClient, core: App
) -> None:
    """The first request holds the key (claimed, not answered yet); the retry waits and gets
    the first request's answer without creating anything."""
    ana = _ana(core)
    url = f"/api/v1/contacts/{ana}/calls"
    held = idempotency.begin(core, idempotency.ONE_USER, KEY, f"POST {url}", _fingerprint(url))
    assert isinstance(held, Claim)
    answers: list[httpx.Response] = []
    retry = threading.Thread(
        target=lambda: answers.append(
            client.post(url, json=VOICEMAIL, headers={"Idempotency-Key": KEY})
        )
    )
    retry.start()
    idempotency.finish(core, held, Answer(201, '{"first": true}'))
    retry.join()
    assert (answers[0].status_code, answers[0].json()) == (201, {"first": True})
    assert _calls(core, ana) == 0


def _fingerprint(url: str) -> str:
    """The fingerprint the web layer computes for POST `url` with VOICEMAIL as its body."""
    body = json.dumps(VOICEMAIL).encode()

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    scope = {"type": "http", "method": "POST", "path": url, "query_string": b"",
             "headers": [(b"content-type", b"application/json")]}  # fmt: skip
    return asyncio.run(fingerprint(Request(scope, receive)))


def test_keys_are_kept_a_day_then_pruned(app: App) -> None:
    """Within 24 hours a key answers as the first time; after, it is forgotten and new."""
    line, fp = "POST /api/v1/trips", "f" * 64
    first = idempotency.begin(app, "user", KEY, line, fp)
    assert isinstance(first, Claim)
    idempotency.finish(app, first, Answer(201, "{}"))
    later = App(app.engine, app.now + dt.timedelta(hours=23, minutes=59))
    assert idempotency.begin(later, "user", KEY, line, fp) == Answer(201, "{}")
    # Keys are the user's own: another one's key of the same name is theirs.
    assert isinstance(idempotency.begin(later, "someone else", KEY, line, fp), Claim)
    with pytest.raises(ValidationError):
        idempotency.begin(later, "user", KEY, line, "0" * 64)
    next_day = App(app.engine, app.now + dt.timedelta(hours=24, minutes=1))
    assert isinstance(idempotency.begin(next_day, "user", KEY, line, fp), Claim)
