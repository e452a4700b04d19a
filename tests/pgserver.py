"""A throwaway PostgreSQL cluster from Debian's `postgresql` package, for tests and benchmarks.

PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user.
Set CALLWISE_TEST_POSTGRES_URL to use an existing server instead.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


class PostgresUnavailable(RuntimeError):
    """No server to test against, with the reason."""


def _bin_dir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise PostgresUnavailable("initdb not found: install Debian's postgresql package")


def _as_user(cmd: list[str], user: str | None) -> list[str]:
    return ["runuser", "-u", user, "--", *cmd] if user else cmd


@dataclass
class Cluster:
    root: Path
    bin_dir: Path
    user: str | None

    @property
    def socket_dir(self) -> Path:
        return self.root / "socket"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@/{database}?host={self.socket_dir}"

    def stop(self) -> None:
        subprocess.run(
            _as_user(
                [
                    str(self.bin_dir / "pg_ctl"),
                    "-D",
                    str(self.root / "data"),
                    "-m",
                    "immediate",
                    "stop",
                ],
                self.user,
            ),
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.root, ignore_errors=True)


def start_cluster() -> Cluster:
    """initdb + pg_ctl start on a private socket (no TCP); raises PostgresUnavailable."""
    bin_dir = _bin_dir()
    user = "postgres" if os.geteuid() == 0 else None
    if user:
        try:
            pwd.getpwnam(user)
        except KeyError:
            raise PostgresUnavailable("running as root and no `postgres` user exists") from None
    root = Path(tempfile.mkdtemp(prefix="callwise-pg-"))
    (root / "socket").mkdir()
    if user:
        info = pwd.getpwnam(user)
        for path in (root, root / "socket"):
            os.chown(path, info.pw_uid, info.pw_gid)
    run = lambda cmd: subprocess.run(_as_user(cmd, user), capture_output=True, text=True)  # noqa: E731
    init = run(
        [
            str(bin_dir / "initdb"),
            "-D",
            str(root / "data"),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ]
    )
    if init.returncode != 0:
        raise PostgresUnavailable(f"initdb failed: {init.stderr.strip()[-300:]}")
    options = (
        f"-c listen_addresses='' -k {root / 'socket'} -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off"
    )
    start = run(
        [
            str(bin_dir / "pg_ctl"),
            "-D",
            str(root / "data"),
            "-o",
            options,
            "-w",
            "-l",
            str(root / "server.log"),
            "start",
        ]
    )
    if start.returncode != 0:
        raise PostgresUnavailable(f"pg_ctl start failed: {start.stderr.strip()[-300:]}")
    return Cluster(root, bin_dir, user)
