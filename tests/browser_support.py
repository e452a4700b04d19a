"""Browser-test fixtures (issue 7): a real `callwise serve` on a free loopback port with its own
database, and Debian's Chromium driven by Playwright. Import the fixtures into a test module:
`from browser_support import browser_fixture, ...  # noqa: F401` (each `<name>_fixture`
provides the fixture `<name>`).
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from conftest import NOW, unavailable

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
NOW_ARG = NOW.strftime("%Y-%m-%dT%H:%M:%SZ")
PHONE_VIEWPORT = {"width": 390, "height": 844}
DESKTOP_VIEWPORT = {"width": 1280, "height": 900}
START_SECONDS = 20.0
TIMEOUT_MS = 10_000  # for actions and expect(): generous, as the 2-core machine is shared
expect.set_options(timeout=TIMEOUT_MS)


def callwise_command() -> list[str]:
    """The installed `callwise` script next to this interpreter (the venv's bin directory)."""
    script = Path(sys.executable).parent / "callwise"
    if not script.exists():
        pytest.fail(f"the callwise script is not installed next to {sys.executable}")
    return [str(script)]


def run_cli(db_url: str, *args: str) -> str:
    """Run `callwise --db DB_URL --now NOW ARGS...`; fail the test with its stderr if it fails."""
    done = subprocess.run(
        [*callwise_command(), "--db", db_url, "--now", NOW_ARG, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(f"callwise {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    return done.stdout


@dataclass
class Server:
    """A running `callwise serve`: its address, its database, and a way to run the CLI on it."""

    url: str
    db_url: str
    process: subprocess.Popen[bytes]
    log: Path
    command: list[str]

    def cli(self, *args: str) -> str:
        """Run a callwise command against this server's database (at the same fixed clock)."""
        return run_cli(self.db_url, *args)

    def start_again(self) -> None:
        """After `stop`: the same server again, on the same port and database."""
        if self.process.poll() is None:
            return
        with self.log.open("ab") as sink:
            self.process = subprocess.Popen(self.command, stdout=sink, stderr=subprocess.STDOUT)
        _wait_until_up(self)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def free_port() -> int:
    """A loopback port nobody listens on right now (the kernel picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except urllib.error.HTTPError:
        return True  # it answered, even if with an error page
    except OSError:
        return False


def _wait_until_up(server: Server) -> None:
    """Poll GET / until the server answers; fail with its stderr if it exits or never answers."""
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"callwise serve exited ({server.process.returncode}):\n{_tail(server)}")
        if _answers(server.url + "/"):
            return
        time.sleep(0.1)
    server.stop()
    pytest.fail(f"callwise serve did not answer within {START_SECONDS:.0f} s:\n{_tail(server)}")


def _tail(server: Server) -> str:
    return server.log.read_text(errors="replace")[-4000:]


def start_server(directory: Path, *, demo: bool) -> Server:
    """`callwise serve` over a new SQLite file in `directory`, with the demo contacts if asked."""
    db_url = f"sqlite:///{directory / 'callwise.db'}"
    port = free_port()
    log = directory / "serve.log"
    if demo:
        run_cli(db_url, "demo")
    command = [*callwise_command(), "--db", db_url, "--now", NOW_ARG, "serve", "--port", str(port)]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    server = Server(url=url, db_url=db_url, process=process, log=log, command=command)
    _wait_until_up(server)
    return server


StartServer = Callable[..., Server]


@pytest.fixture(name="serve")
def serve_fixture(tmp_path: Path) -> Iterator[StartServer]:
    """Start servers for one test (`serve()` empty, `serve(demo=True)`); all stop at its end."""
    started: list[Server] = []

    def start(*, demo: bool = False) -> Server:
        directory = tmp_path / f"server{len(started)}"
        directory.mkdir()
        started.append(start_server(directory, demo=demo))
        return started[-1]

    yield start
    for server in started:
        server.stop()


@pytest.fixture(name="browser", scope="module")
def browser_fixture() -> Iterator[Browser]:
    """One headless Chromium per test module (each test gets its own context)."""
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} is not installed (apt-get install chromium)")

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            launched.close()


def _test_name(request: pytest.FixtureRequest) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)


def _new_page(request: pytest.FixtureRequest, browser: Browser, **options: Any) -> Iterator[Page]:
    """A page in its own context; when the test fails, the page as it was is saved as
    <test>-failed.png (the failure is counted before fixtures are torn down)."""
    context = browser.new_context(**options)
    context.set_default_timeout(TIMEOUT_MS)
    failed_before = request.session.testsfailed
    page = context.new_page()
    try:
        yield page
    finally:
        if request.session.testsfailed > failed_before and not page.is_closed():
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"{_test_name(request)}-failed.png"))
        context.close()


@pytest.fixture(name="desktop")
def desktop_fixture(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    """A page in a fresh desktop-sized context."""
    yield from _new_page(request, browser, viewport=DESKTOP_VIEWPORT)


@pytest.fixture(name="phone")
def phone_fixture(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    """A page in a fresh phone-sized, touch context (390 x 844, like a current iPhone)."""
    yield from _new_page(request, browser, viewport=PHONE_VIEWPORT, is_mobile=True, has_touch=True)


@pytest.fixture(name="no_js")
def no_js_fixture(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    """A desktop page with JavaScript off: every page must work without it."""
    yield from _new_page(request, browser, viewport=DESKTOP_VIEWPORT, java_script_enabled=False)


Shoot = Callable[[Page, str], Path]


@pytest.fixture(name="shoot")
def shoot_fixture(request: pytest.FixtureRequest) -> Shoot:
    """Save a full-page screenshot as artifacts/screenshots/<test>-<step>.png."""
    test = _test_name(request)

    def save(page: Page, step: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{test}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save
