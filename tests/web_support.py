"""Web fixtures (a pytest plugin loaded by conftest): the FastAPI app over a real database,
driven by httpx (TestClient)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient

from callwise.services.app import App, open_app
from callwise.services.demo import load_demo
from callwise.web.app import WebConfig, create_app
from conftest import NOW

NOW_TEXT = NOW.isoformat()
MakeClient = Callable[..., TestClient]


@pytest.fixture
def make_client(db_url: str) -> Iterator[MakeClient]:
    """Build a client over `db_url` (SQLite and PostgreSQL), with the clock fixed at NOW."""
    clients: list[TestClient] = []

    def build(*, host: str = "127.0.0.1", demo: bool = False) -> TestClient:
        if demo:
            core = open_app(db_url, NOW)
            load_demo(core)
            core.engine.dispose()
        client = TestClient(
            create_app(WebConfig(db_url=db_url, now=NOW_TEXT, host=host)),
            base_url="http://127.0.0.1:8000",
        )
        clients.append(client)
        return client

    yield build
    for client in clients:
        client.close()


@pytest.fixture
def client(make_client: MakeClient) -> TestClient:
    """A client over an empty database on each backend."""
    return make_client()


@pytest.fixture
def demo_client(make_client: MakeClient) -> TestClient:
    """A client over the demo contacts on each backend."""
    return make_client(demo=True)


@pytest.fixture
def core(db_url: str) -> Iterator[App]:
    """Direct access to the same database, for setting up and checking what the web did."""
    opened = open_app(db_url, NOW)
    try:
        yield opened
    finally:
        opened.engine.dispose()


def csrf_of(client: TestClient, page: str = "/login") -> str:
    """The CSRF token a browser would hold after loading `page`."""
    client.get(page)
    token = client.cookies.get("callwise_csrf")
    assert token, "pages set the CSRF cookie"
    return token
