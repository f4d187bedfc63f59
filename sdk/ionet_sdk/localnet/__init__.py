"""A local validator process for tests, demos and the CLI.

`LocalValidator` starts one — `solana-test-validator` or `surfpool` when given or
found on PATH, otherwise this package's LiteSVM-backed JSON-RPC server — with
the built programs preloaded at their ids, on a free port, logs streamed to a
file in its ledger directory; waits until it answers `getHealth`; and stops it
(terminate, then kill after a timeout). Usable as an async context manager.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType
from typing import Literal, Self

from solders.keypair import Keypair

from ionet_sdk.cluster import save_keypair
from ionet_sdk.errors import TransportError
from ionet_sdk.programs import PROGRAM_IDS, default_deploy_dir

Kind = Literal["ionet", "solana-test-validator", "surfpool"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def detect_kind() -> Kind:
    """solana-test-validator or surfpool if on PATH, else the LiteSVM server."""
    for kind in ("solana-test-validator", "surfpool"):
        if shutil.which(kind):
            return kind
    return "ionet"


class LocalValidator:
    """A validator process: `async with LocalValidator() as v: RpcConnection(v.url)`."""

    process: subprocess.Popen[bytes] | None

    def __init__(
        self,
        *,
        kind: Kind | None = None,
        ledger: Path | None = None,
        port: int | None = None,
        deploy_dir: Path | None = None,
        upgrade_authority: Keypair | None = None,
        startup_timeout: float = 60.0,
    ) -> None:
        self.kind: Kind = kind or detect_kind()
        self.ledger = ledger or Path(tempfile.mkdtemp(prefix="ionet-ledger-"))
        self.port = port or free_port()
        self.deploy_dir = deploy_dir or default_deploy_dir()
        self.upgrade_authority = upgrade_authority or Keypair()
        self.startup_timeout = startup_timeout
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = self.ledger / "validator.log"
        self.process = None

    def command(self) -> list[str]:
        authority_file = save_keypair(self.upgrade_authority, self.ledger / "upgrade-authority.json")
        if self.kind == "ionet":
            return [
                sys.executable, "-m", "ionet_sdk.localnet",
                "--port", str(self.port),
                "--deploy-dir", str(self.deploy_dir),
                "--upgrade-authority", str(authority_file),
            ]  # fmt: skip
        programs: list[str] = []
        for name, program_id in PROGRAM_IDS.items():
            so = self.deploy_dir / f"{name}.so"
            programs += ["--upgradeable-program", str(program_id), str(so), str(authority_file)]
        if self.kind == "solana-test-validator":
            return [
                "solana-test-validator", "--reset", "--quiet",
                "--ledger", str(self.ledger / "ledger"),
                "--rpc-port", str(self.port),
                *programs,
            ]  # fmt: skip
        return ["surfpool", "start", "--offline", "--no-tui", "--port", str(self.port)]

    def start(self) -> None:
        self.ledger.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            self.command(), stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"}
        )
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise TransportError(
                    f"{self.kind} exited with {self.process.returncode}: see {self.log_path}"
                )
            if self.healthy():
                return
            time.sleep(0.1)
        self.stop()
        raise TransportError(
            f"{self.kind} did not answer getHealth at {self.url} within {self.startup_timeout} s"
        )

    def healthy(self) -> bool:
        body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "getHealth"}).encode()
        request = urllib.request.Request(self.url, body, {"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=1) as response:
                answer: object = json.loads(response.read())
                return isinstance(answer, dict) and answer.get("result") == "ok"
        except (OSError, urllib.error.URLError, ValueError):
            return False

    def stop(self, timeout: float = 10.0) -> None:
        """Terminate, then kill if it does not exit within `timeout` seconds."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    async def __aenter__(self) -> Self:
        await asyncio.to_thread(self.start)
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await asyncio.to_thread(self.stop)
