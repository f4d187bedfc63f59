"""A throwaway PostgreSQL server for tests and benchmarks: Debian's binaries
(`/usr/lib/postgresql/<version>/bin`, the `postgresql` package), a fresh cluster made by
`initdb` in a temporary directory, listening on 127.0.0.1 only (and a socket in that
directory), trust authentication, fsync off (nothing to keep), stopped and deleted on
`stop()`.

PostgreSQL refuses to run as root: as root the cluster belongs to `nobody`, and every
server command runs through `runuser -u nobody --`.

    with TempPostgres.start() as pg:
        url = pg.create_database("t1")   # postgresql+psycopg://postgres@127.0.0.1:PORT/t1
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

RUN_AS = "nobody"


def postgres_bin() -> Path | None:
    """The newest installed PostgreSQL's bin directory, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(found[-1]).parent if found else None


def unavailable_reason() -> str | None:
    """Why a TempPostgres cannot start here, or None when it can."""
    if postgres_bin() is None:
        return "PostgreSQL is not installed (scripts/setup installs Debian's postgresql package)"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser, and PostgreSQL refuses to run as root"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class TempPostgres:
    bin: Path
    root: Path
    port: int
    as_user: str | None

    @classmethod
    def start(cls) -> TempPostgres:
        """initdb + pg_ctl start; raises RuntimeError (with the server's log) on failure."""
        reason = unavailable_reason()
        if reason is not None:
            raise RuntimeError(reason)
        bin_dir = postgres_bin()
        assert bin_dir is not None
        root = Path(tempfile.mkdtemp(prefix="ionet-pg-"))
        as_user = RUN_AS if os.geteuid() == 0 else None
        if as_user is not None:
            entry = pwd.getpwnam(as_user)
            os.chown(root, entry.pw_uid, entry.pw_gid)
        pg = cls(bin_dir, root, _free_port(), as_user)
        try:
            pg._run(
                "initdb",
                "-D",
                str(root / "data"),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-sync",
                "--locale=C",
            )
            durability = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            options = f"-h 127.0.0.1 -p {pg.port} -k {root} {durability}"
            pg._run(
                "pg_ctl",
                "-D",
                str(root / "data"),
                "-l",
                str(root / "log"),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
            )
        except (subprocess.CalledProcessError, OSError) as err:
            log = (root / "log").read_text() if (root / "log").exists() else ""
            pg.stop()
            raise RuntimeError(f"PostgreSQL did not start: {err}\n{log}") from err
        return pg

    def _run(self, tool: str, *args: str) -> None:
        cmd = [str(self.bin / tool), *args]
        if self.as_user is not None:
            cmd = ["runuser", "-u", self.as_user, "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, cwd=self.root, timeout=120)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A new empty database; its SQLAlchemy URL."""
        import psycopg  # noqa: PLC0415 (only where PostgreSQL is used)

        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True
        ) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}"')
            c.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        if (self.root / "data" / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.CalledProcessError, OSError, subprocess.TimeoutExpired):
                self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> TempPostgres:
        return self

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
