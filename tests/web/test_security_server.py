"""Issue 11 against a real `callwise serve` on a loopback port: DNS rebinding is refused, and
a password changed in the terminal ends the server's sessions and its remembered HTTP Basic
credentials (both live in the server process, so only a real server shows it)."""

from __future__ import annotations

import base64
import http.client
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

from browser_support import NOW_ARG, Server, callwise_command, run_cli, start_server
from callwise.services import access
from callwise.services.app import open_app
from callwise.services.settings import set_setting

OLD, NEW = "correct horse", "battery staple"


def _request(
    server: Server, path: str, headers: dict[str, str], method: str = "GET", body: str = ""
) -> http.client.HTTPResponse:
    address = urlsplit(server.url)
    connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=30)
    connection.request(method, path, body=body or None, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def _basic(password: str) -> dict[str, str]:
    token = base64.b64encode(f"me:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def _server_with_login(tmp_path: Path) -> Server:
    db_url = f"sqlite:///{tmp_path / 'callwise.db'}"
    core = open_app(db_url, NOW_ARG)
    access.set_password(core, OLD)
    set_setting(core, "web_login", "on")
    core.engine.dispose()
    return start_server(tmp_path, demo=False)


def test_a_rebound_name_cannot_read_the_export(tmp_path: Path) -> None:
    run_cli(f"sqlite:///{tmp_path / 'callwise.db'}", "demo")
    server = start_server(tmp_path, demo=False)
    try:
        port = urlsplit(server.url).port
        rebound = _request(server, "/export/json", {"Host": f"evil.example:{port}"})
        assert rebound.status == 400
        assert rebound.getheader("Content-Security-Policy", "").startswith("default-src 'self'")
        here = _request(server, "/export/json", {"Host": f"localhost:{port}"})
        assert here.status == 200 and here.getheader("X-Frame-Options") == "DENY"
    finally:
        server.stop()


def _cli_password(server: Server, password: str) -> None:
    done = subprocess.run(
        [*callwise_command(), "--db", server.db_url, "settings", "password", "--stdin"],
        input=f"{password}\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def _session_cookie(server: Server) -> str:
    """Log in through the form as a browser does; the session cookie's `name=value`."""
    page = _request(server, "/login", {})
    csrf = (page.getheader("Set-Cookie") or "").split(";")[0]
    form = f"password={OLD.replace(' ', '+')}&next=/&csrf_token={csrf.split('=', 1)[1]}"
    headers = {"Cookie": csrf, "Content-Type": "application/x-www-form-urlencoded"}
    answer = _request(server, "/login", headers, method="POST", body=form)
    assert answer.status == 303
    return (answer.getheader("Set-Cookie") or "").split(";")[0]


def test_a_password_changed_in_the_terminal_ends_sessions_and_old_basic(tmp_path: Path) -> None:
    server = _server_with_login(tmp_path)
    try:
        cookie = _session_cookie(server)
        assert _request(server, "/api/v1/contacts", {"Cookie": cookie}).status == 200
        assert _request(server, "/api/v1/contacts", _basic(OLD)).status == 200  # now remembered
        _cli_password(server, NEW)
        assert _request(server, "/api/v1/contacts", {"Cookie": cookie}).status == 401
        assert _request(server, "/api/v1/contacts", _basic(OLD)).status == 401
        assert _request(server, "/api/v1/contacts", _basic(NEW)).status == 200
    finally:
        server.stop()
