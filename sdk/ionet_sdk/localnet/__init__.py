"""A local validator process for tests, demos and the CLI.

`LocalValidator` starts one of two kinds, with the built programs preloaded at
their ids as upgradeable programs owned by `upgrade_authority`:

- `ionet` (the default): this package's LiteSVM-backed server
  (`python -m ionet_sdk.localnet`), fast to start, with `ionetWarp` for flows
  that need days of protocol time;
- `solana-test-validator`: Agave's test validator, built from the
  `agave-validator` crate by `scripts/install-validator` (found on PATH or in
  the toolchain cache), with the upgrade authority funded as the genesis mint
  and its own faucet, gossip and RPC ports, so several run side by side.

`IONET_VALIDATOR` picks the kind wherever none is given. The process writes its
output to `<ledger>/validator.log`; `start` returns once a transaction can land
(getHealth answers and, on solana-test-validator, a first slot is finalized);
`stop` terminates it (then kills it after a timeout) and deletes a ledger it
created. Usable as an async context manager.
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
from typing import Any, Literal, Self

from solders.keypair import Keypair

from ionet_sdk.cluster import save_keypair
from ionet_sdk.errors import ConfigError, TransportError
from ionet_sdk.programs import PROGRAM_IDS, default_deploy_dir

Kind = Literal["ionet", "solana-test-validator"]
KINDS: tuple[Kind, ...] = ("ionet", "solana-test-validator")
AGAVE_VERSION = "4.2.2"  # scripts/install-validator builds this one
LEDGER_SHREDS = 10_000  # --limit-ledger-size: shreds kept in root slots (a test ledger stays small)


def free_port(pair: bool = False) -> int:
    """A free TCP port on 127.0.0.1 (with `pair`, one whose successor is free too:
    the websocket port of a validator is its RPC port + 1)."""
    for _ in range(100):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = int(s.getsockname()[1])
        if not pair:
            return port
        if port < 65535:
            try:
                with socket.socket() as s:
                    s.bind(("127.0.0.1", port + 1))
                return port
            except OSError:
                continue
    raise TransportError("no free port pair on 127.0.0.1")


def toolchain_dir() -> Path:
    return Path(os.environ.get("IONET_TOOLCHAIN_DIR") or Path.home() / ".cache" / "ionet-toolchain")


def solana_test_validator() -> Path | None:
    """The solana-test-validator binary: scripts/install-validator's, else the one on PATH."""
    built = toolchain_dir() / f"agave-{AGAVE_VERSION}" / "bin" / "solana-test-validator"
    if built.is_file() and os.access(built, os.X_OK):
        return built
    found = shutil.which("solana-test-validator")
    return Path(found) if found else None


def kind_from_env() -> Kind:
    """`IONET_VALIDATOR` (ionet or solana-test-validator), else ionet."""
    wanted = os.environ.get("IONET_VALIDATOR") or "ionet"
    if wanted not in KINDS:
        raise ConfigError(f"IONET_VALIDATOR={wanted!r}: one of {', '.join(KINDS)}")
    return wanted


def rpc(url: str, method: str, params: list[Any] | None = None, timeout: float = 1.0) -> Any:
    """One JSON-RPC call with the standard library (no event loop needed); the result, or raise."""
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params or []}).encode()
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        answer = json.loads(response.read())
    if not isinstance(answer, dict) or "result" not in answer:
        raise TransportError(f"{method} at {url}: {answer}")
    return answer["result"]


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
        startup_timeout: float | None = None,
        reset: bool = True,
        frozen_clock: bool = False,
    ) -> None:
        """`kind`: default `IONET_VALIDATOR`, else ionet. `ledger`: where the state and the
        log go (default: a temporary directory, deleted by `stop`). `port`: the JSON-RPC
        port (the websocket is port + 1; default: a free pair). `reset`: start clean
        (False: resume the state in `ledger`). `frozen_clock` (ionet only): unix time moves
        only with ionetWarp, for runs whose figures must not depend on how long they take.
        Raises ConfigError for an unknown kind or a solana-test-validator that is not installed."""
        self.kind: Kind = kind or kind_from_env()
        if self.kind not in KINDS:
            raise ConfigError(f"unknown validator kind {self.kind!r}: one of {', '.join(KINDS)}")
        self.owns_ledger = ledger is None
        self.ledger = ledger or Path(tempfile.mkdtemp(prefix="ionet-ledger-"))
        self.port = port or free_port(pair=True)
        self.deploy_dir = deploy_dir or default_deploy_dir()
        self.upgrade_authority = upgrade_authority or Keypair()
        self.startup_timeout = startup_timeout or (15.0 if self.kind == "ionet" else 90.0)
        self.reset = reset
        self.frozen_clock = frozen_clock
        self.url = f"http://127.0.0.1:{self.port}"
        self.ws_url = f"ws://127.0.0.1:{self.port + 1}"
        self.log_path = self.ledger / "validator.log"
        self.process = None

    def command(self) -> list[str]:
        """The command line that starts this validator."""
        authority_file = save_keypair(self.upgrade_authority, self.ledger / "upgrade-authority.json")
        if self.kind == "ionet":
            return [
                sys.executable, "-m", "ionet_sdk.localnet",
                "--port", str(self.port),
                "--deploy-dir", str(self.deploy_dir),
                "--upgrade-authority", str(authority_file),
                "--ledger", str(self.ledger / "ledger"),
                *(["--reset"] if self.reset else []),
                *(["--frozen-clock"] if self.frozen_clock else []),
            ]  # fmt: skip
        binary = solana_test_validator()
        if binary is None:
            raise ConfigError(
                "solana-test-validator is not installed: run scripts/install-validator "
                f"(agave-validator {AGAVE_VERSION} from crates.io)"
            )
        programs: list[str] = []
        for name, program_id in PROGRAM_IDS.items():
            so = self.deploy_dir / f"{name}.so"
            programs += ["--upgradeable-program", str(program_id), str(so), str(authority_file)]
        gossip, faucet = free_port(), free_port()
        return [
            str(binary), "--quiet",
            *(["--reset"] if self.reset else []),
            "--ledger", str(self.ledger / "ledger"),
            "--bind-address", "127.0.0.1",
            "--rpc-port", str(self.port),
            "--gossip-port", str(gossip),
            "--faucet-port", str(faucet),
            # The genesis mint: the upgrade authority pays for deploys and migrations.
            "--mint", str(self.upgrade_authority.pubkey()),
            "--limit-ledger-size", str(LEDGER_SHREDS),
            *programs,
        ]  # fmt: skip

    def start(self) -> None:
        """Start the process and wait until a transaction can land (TransportError if not in
        `startup_timeout` seconds or if it exits; the log says why)."""
        self.ledger.mkdir(parents=True, exist_ok=True)
        command = self.command()
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                command,
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
                start_new_session=True,
            )
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                tail = self.log_tail()
                self.process = None
                raise TransportError(f"{self.kind} exited: see {self.log_path}\n{tail}")
            if self.ready():
                return
            time.sleep(0.1)
        self.stop()
        raise TransportError(f"{self.kind} at {self.url} was not ready within {self.startup_timeout} s")

    def log_tail(self, lines: int = 5) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def healthy(self) -> bool:
        """Whether getHealth answers "ok"."""
        try:
            return bool(rpc(self.url, "getHealth") == "ok")
        except (OSError, urllib.error.URLError, ValueError, TransportError):
            return False

    def ready(self) -> bool:
        """Healthy, and (solana-test-validator) past its first finalized slot: before it,
        sends are refused."""
        if not self.healthy():
            return False
        if self.kind == "ionet":
            return True
        try:
            return int(rpc(self.url, "getSlot", [{"commitment": "finalized"}])) > 0
        except (OSError, urllib.error.URLError, ValueError, TransportError):
            return False

    def stop(self, timeout: float = 10.0) -> None:
        """Terminate, then kill if it does not exit within `timeout` seconds; delete the
        ledger if this object created it."""
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self.owns_ledger:
            shutil.rmtree(self.ledger, ignore_errors=True)

    async def __aenter__(self) -> Self:
        await asyncio.to_thread(self.start)
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await asyncio.to_thread(self.stop)
