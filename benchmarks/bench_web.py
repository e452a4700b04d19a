"""Issue 7: the Today page and /api/v1/plan under load, from a separate process on loopback.

A database of 20k synthetic contacts and 200k logged calls (made once, kept in
benchmarks/.work/data keyed by size; delete it to rebuild) is served by a real
`callwise serve` on a free port, on the real clock. After a warm-up, each endpoint gets
16 connections for 10 seconds from wrk when it is installed, else from a small asyncio
HTTP/1.1 client run as its own process; the rows say which. Targets: at least 300 requests
per second, p95 under 50 ms, no errors (a non-2xx answer or a failed connection counts).

Knobs: BENCH_WEB_SECONDS, BENCH_WEB_CONNECTIONS, BENCH_WEB_CLIENT=python (skip wrk),
BENCH_WEB_PATHS (comma-separated, default "/,/api/v1/plan").
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bench_plan import populate
from common import WORK, Row, callwise

SCENARIO = "web"
CONTACTS, CALLS = 20_000, 200_000
DATA = WORK / "data"  # outside the scenario folder, which run.py empties on every run
TARGET_RPS, TARGET_P95_MS = 300.0, 50.0
PROBE = "/api/v1/openapi.json"  # answers as soon as the server is up
START_SECONDS = 60.0
WARM_UP = 20
WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d\\n", summary.requests, summary.duration,
    e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(95)))
end
"""


@dataclass(frozen=True)
class Load:
    """What one endpoint did under load."""

    requests: int
    seconds: float
    errors: int
    p50_ms: float
    p95_ms: float
    client: str

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def database() -> tuple[str, float | None]:
    """The benchmark database URL, built on first use; the set-up seconds when built now."""
    DATA.mkdir(parents=True, exist_ok=True)
    final = DATA / f"web-{CONTACTS // 1000}k-{CALLS // 1000}k.db"
    if final.exists():
        return f"sqlite:///{final}", None
    partial = final.with_suffix(".partial")
    for leftover in DATA.glob(f"{partial.name}*"):
        leftover.unlink()
    moment = dt.datetime.now(dt.UTC)
    seconds = populate(f"sqlite:///{partial}", CONTACTS, calls=CALLS, seed=7, moment=moment)
    _checkpoint(partial)
    partial.rename(final)
    return f"sqlite:///{final}", seconds


def _checkpoint(path: Path) -> None:
    """Fold the write-ahead log into the file so it can be renamed alone."""
    import sqlite3

    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def status_of(url: str) -> int:
    """The HTTP status of a GET, 0 when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


def start_server(url: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    """`callwise serve` in its own process, once it answers."""
    with log.open("wb") as out:
        server = subprocess.Popen(
            callwise("serve", "--port", str(port), db=url), stdout=out, stderr=subprocess.STDOUT
        )
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"callwise serve stopped: {log.read_text()[-300:]}")
        if status_of(f"http://127.0.0.1:{port}{PROBE}") == 200:
            return server
        time.sleep(0.2)
    stop_server(server)
    raise RuntimeError(f"callwise serve did not answer within {START_SECONDS:.0f} s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def run_wrk(url: str, connections: int, seconds: int, folder: Path) -> Load:
    script = folder / "report.lua"
    script.write_text(WRK_REPORT)
    args = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s"]
    result = subprocess.run(
        [*args, "-s", str(script), url], capture_output=True, text=True, check=True
    )
    line = next(x for x in result.stdout.splitlines() if x.startswith("RESULT "))
    requests, duration_us, errors, p50_us, p95_us = (int(x) for x in line.split()[1:])
    return Load(requests, duration_us / 1e6, errors, p50_us / 1000, p95_us / 1000, "wrk")


def run_python_client(url: str, connections: int, seconds: int) -> Load:
    """The fallback: `client_main` below, in its own process: plain asyncio streams speaking
    HTTP/1.1 with keep-alive, light enough not to take the server's CPU (httpx took ~1 ms a
    request, a third of what the server needs)."""
    result = subprocess.run(
        [sys.executable, __file__, url, str(connections), str(seconds)],
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(result.stdout)
    return Load(
        found["requests"],
        found["seconds"],
        found["errors"],
        found["p50_ms"],
        found["p95_ms"],
        "asyncio client",
    )


def load(url: str, folder: Path) -> Load:
    connections = int(os.environ.get("BENCH_WEB_CONNECTIONS", "16"))
    seconds = int(os.environ.get("BENCH_WEB_SECONDS", "10"))
    use_wrk = os.environ.get("BENCH_WEB_CLIENT", "wrk") == "wrk" and shutil.which("wrk")
    if use_wrk:
        return run_wrk(url, connections, seconds, folder)
    return run_python_client(url, connections, seconds)


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _rows(path: str, found: Load, cpu_s: float) -> list[Row]:
    """The figures of one endpoint. The server's CPU per request does not depend on what else
    runs on the machine, unlike the rates and latencies: it tells the code's share."""
    where = f"GET {path} ({found.client}, {os.environ.get('BENCH_WEB_CONNECTIONS', '16')} conn.)"
    per_request = cpu_s * 1000 / found.requests if found.requests else 0.0
    return [
        Row(SCENARIO, f"{where} server CPU per request", per_request, "ms"),
        Row(
            SCENARIO,
            f"{where} requests/s",
            found.rps,
            "req/s",
            f">= {TARGET_RPS:.0f}",
            found.rps >= TARGET_RPS,
        ),
        Row(SCENARIO, f"{where} p50", found.p50_ms, "ms"),
        Row(
            SCENARIO,
            f"{where} p95",
            found.p95_ms,
            "ms",
            f"< {TARGET_P95_MS:.0f} ms",
            found.p95_ms < TARGET_P95_MS,
        ),
        Row(SCENARIO, f"{where} errors", found.errors, "", "0", found.errors == 0),
    ]


def measure(base: str, paths: list[str], folder: Path, server: int) -> list[Row]:
    """Each path that answers 200 under load; a missing one (404) is reported, not loaded."""
    rows: list[Row] = []
    for path in paths:
        status = status_of(base + path)
        if status != 200:
            rows.append(
                Row(SCENARIO, f"GET {path} answers {status}; not measured", 0, "", "200", False)
            )
            rows.append(Row(SCENARIO, f"GET {PROBE} instead (checks the harness)", 0, ""))
            path = PROBE
        for _ in range(WARM_UP):
            status_of(base + path)
        before = cpu_seconds(server)
        found = load(base + path, folder)
        rows.extend(_rows(path, found, cpu_seconds(server) - before))
    return rows


def run(folder: Path) -> list[Row]:
    url, setup = database()
    rows = []
    if setup is not None:
        rows.append(Row(SCENARIO, f"set up: {CONTACTS:,} contacts, {CALLS:,} calls", setup, "s"))
    busy = os.getloadavg()[0]
    rows.append(
        Row(SCENARIO, f"machine load before (1 min average, {os.cpu_count()} CPUs)", busy, "")
    )
    paths = os.environ.get("BENCH_WEB_PATHS", "/,/api/v1/plan").split(",")
    port = free_port()
    server = start_server(url, port, folder / "serve.log")
    try:
        rows.extend(measure(f"http://127.0.0.1:{port}", paths, folder, server.pid))
    finally:
        stop_server(server)
    return rows


async def _exchange(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> int:
    """One GET on a kept-alive connection: its status, with the body read in full."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.lower().split(": ", 1) for line in lines[1:] if ": " in line)
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    else:  # chunked
        while size := int((await reader.readline()).strip(), 16):
            await reader.readexactly(size + 2)
        await reader.readline()
    return int(lines[0].split()[1])


async def _worker(url: str, until: float, latencies: list[float]) -> int:
    """Requests one after another on one connection until `until`; returns how many failed."""
    parts = urllib.parse.urlsplit(url)
    request = f"GET {parts.path or '/'} HTTP/1.1\r\nHost: {parts.netloc}\r\n\r\n".encode()
    errors, connection = 0, None
    while time.perf_counter() < until:
        begin = time.perf_counter()
        try:
            if connection is None:
                connection = await asyncio.open_connection(parts.hostname, parts.port)
            status = await asyncio.wait_for(_exchange(*connection, request), 5)
            ok = 200 <= status < 400
        except (OSError, ValueError, asyncio.IncompleteReadError, TimeoutError):
            ok = False
            if connection is not None:
                connection[1].close()
            connection = None  # a fresh one for the next request
        latencies.append(time.perf_counter() - begin)
        errors += not ok
    if connection is not None:
        connection[1].close()
    return errors


async def _load(url: str, connections: int, seconds: int) -> dict[str, float]:
    from common import percentile

    latencies: list[float] = []
    begin = time.perf_counter()
    errors = await asyncio.gather(
        *(_worker(url, begin + seconds, latencies) for _ in range(connections))
    )
    elapsed = time.perf_counter() - begin
    return {
        "requests": len(latencies),
        "seconds": elapsed,
        "errors": sum(errors),
        "p50_ms": percentile(latencies, 50) * 1000,
        "p95_ms": percentile(latencies, 95) * 1000,
    }


def client_main(args: list[str]) -> None:
    """`python bench_web.py URL CONNECTIONS SECONDS`: the load, as one JSON line."""
    url, connections, seconds = args[0], int(args[1]), int(args[2])
    print(json.dumps(asyncio.run(_load(url, connections, seconds))))


if __name__ == "__main__":
    client_main(sys.argv[1:])
