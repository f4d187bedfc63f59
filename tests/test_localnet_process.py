"""The validator process itself: `ionet localnet start|status|stop|warp` act only on the
process they started and say honestly when they cannot; the embedded validator keeps
its state across a restart (`--reset` starts clean) and starts without an upgrade
authority, as the README shows it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from solders.keypair import Keypair

from ionet_sdk.localnet import LocalValidator, free_port, rpc
from ionet_sdk.localnet.pytest_plugin import require
from ionet_sdk.programs import REGISTRY_ID

REPO = Path(__file__).resolve().parent.parent
IONET = str(REPO / ".venv" / "bin" / "ionet")
SOL = 1_000_000_000


def ionet(cwd: Path, *args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [IONET, *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=timeout
    )


def running(pid: int) -> bool:
    """Whether `pid` is a live process (not gone, not a zombie awaiting its parent)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def one_line_error(run: subprocess.CompletedProcess[str], *words: str) -> None:
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1, run.stderr
    for word in words:
        assert word in run.stderr, run.stderr


@pytest.fixture
def squatter() -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """Another process listening on a port (what a user's other validator would be)."""
    port = free_port(pair=True)
    code = f"import socket,time; s=socket.socket(); s.bind(('127.0.0.1',{port})); s.listen(); time.sleep(120)"
    process = subprocess.Popen([sys.executable, "-c", code])
    for _ in range(100):
        try:
            rpc(f"http://127.0.0.1:{port}", "getHealth", timeout=0.1)
        except OSError as err:
            if "refused" not in str(err):
                break
        except ValueError:
            break
        time.sleep(0.05)
    yield process, port
    process.kill()
    process.wait()


def test_start_refuses_a_port_in_use_and_never_reports_another_process(
    tmp_path: Path, squatter: tuple[subprocess.Popen[bytes], int]
) -> None:
    process, port = squatter
    started = ionet(tmp_path, "localnet", "start", "--port", str(port))
    one_line_error(started, f"port {port} is in use", str(process.pid))
    assert not (tmp_path / ".localnet" / "state.json").exists()
    one_line_error(ionet(tmp_path, "localnet", "status"), "no localnet was started here")
    one_line_error(ionet(tmp_path, "localnet", "stop"), "no localnet was started here")
    assert process.poll() is None  # untouched


@pytest.mark.parametrize("kind", ["ionet", "solana-test-validator"])
def test_start_status_stop(tmp_path: Path, kind: str) -> None:
    require(kind)  # type: ignore[arg-type]
    port = free_port(pair=True)
    started = ionet(tmp_path, "localnet", "start", "--port", str(port), "--validator", kind)
    assert started.returncode == 0, started.stderr
    state = json.loads((tmp_path / ".localnet" / "state.json").read_text())
    try:
        assert state["kind"] == kind and state["port"] == port
        status = ionet(tmp_path, "localnet", "status")
        assert status.returncode == 0 and "healthy" in status.stdout and str(state["pid"]) in status.stdout
        again = ionet(tmp_path, "localnet", "start", "--port", str(free_port(pair=True)))
        one_line_error(again, "already running", str(state["pid"]))
    finally:
        stopped = ionet(tmp_path, "localnet", "stop")
    assert stopped.returncode == 0, stopped.stderr
    assert not running(state["pid"])
    assert not (tmp_path / ".localnet" / "state.json").exists()


def test_status_and_stop_never_signal_a_process_they_did_not_start(tmp_path: Path) -> None:
    """A recorded pid that now belongs to another program (pid reuse, a hand-edited record)."""
    started = ionet(tmp_path, "localnet", "start", "--port", str(free_port(pair=True)))
    assert started.returncode == 0, started.stderr
    record = tmp_path / ".localnet" / "state.json"
    state = json.loads(record.read_text())
    os.kill(state["pid"], signal.SIGKILL)
    time.sleep(0.3)
    stranger = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        record.write_text(json.dumps({**state, "pid": stranger.pid}))
        one_line_error(ionet(tmp_path, "localnet", "status"), "not running", "another process")
        one_line_error(ionet(tmp_path, "localnet", "stop"), "not stopping", "another process")
        assert stranger.poll() is None  # not signalled
        assert not record.exists()  # the stale record is gone
        # The validator itself died: status says so, stop clears the record without signalling.
        record.write_text(json.dumps(state))
        one_line_error(ionet(tmp_path, "localnet", "status"), "not running")
        gone = ionet(tmp_path, "localnet", "stop")
        assert gone.returncode == 0 and "was not running" in gone.stdout
    finally:
        stranger.kill()
        stranger.wait()


def test_warp_moves_the_clock_and_refuses_bad_durations(tmp_path: Path) -> None:
    port = free_port(pair=True)
    url = f"http://127.0.0.1:{port}"
    started = ionet(tmp_path, "localnet", "start", "--port", str(port))
    assert started.returncode == 0, started.stderr
    try:
        before = ionet(tmp_path, "--url", url, "--json", "localnet", "warp", "90s")
        assert before.returncode == 0, before.stderr
        first = json.loads(before.stdout)
        warped = ionet(tmp_path, "--url", url, "--json", "localnet", "warp", "2d")
        assert warped.returncode == 0, warped.stderr
        second = json.loads(warped.stdout)
        assert second["seconds"] == 2 * 86_400
        assert 2 * 86_400 <= second["unix_timestamp"] - first["unix_timestamp"] < 2 * 86_400 + 60
        assert second["slot"] - first["slot"] >= 2 * 86_400 * 5 // 2
        for bad in ("inf", "nan", "-5", "0", "2x", "1e9", "5000000000d"):
            one_line_error(ionet(tmp_path, "--url", url, "localnet", "warp", "--", bad), "invalid duration")
    finally:
        assert ionet(tmp_path, "localnet", "stop").returncode == 0


async def test_state_survives_a_restart_and_reset_starts_clean(tmp_path: Path) -> None:
    authority, key = Keypair(), Keypair()
    ledger = tmp_path / "ledger"
    async with LocalValidator(kind="ionet", ledger=ledger, upgrade_authority=authority) as first:
        signature = rpc(first.url, "requestAirdrop", [str(key.pubkey()), 3 * SOL])
        slot = rpc(first.url, "getSlot")
    async with LocalValidator(kind="ionet", ledger=ledger, upgrade_authority=authority, reset=False) as again:
        assert rpc(again.url, "getBalance", [str(key.pubkey())])["value"] == 3 * SOL
        assert rpc(again.url, "getSignatureStatuses", [[signature]])["value"][0]["err"] is None
        assert rpc(again.url, "getSlot") > slot
        program = rpc(again.url, "getAccountInfo", [str(REGISTRY_ID), {"encoding": "base64"}])["value"]
        assert program is not None and program["executable"]
    async with LocalValidator(kind="ionet", ledger=ledger, upgrade_authority=authority) as clean:
        assert rpc(clean.url, "getBalance", [str(key.pubkey())])["value"] == 0


def test_the_server_starts_without_an_upgrade_authority(tmp_path: Path) -> None:
    """`python -m ionet_sdk.localnet --port N` as the README shows it (it used to crash)."""
    ready = tmp_path / "url"
    process = subprocess.Popen(
        [sys.executable, "-m", "ionet_sdk.localnet", "--port", "0", "--ready-file", str(ready)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(200):
            if ready.exists() or process.poll() is not None:
                break
            time.sleep(0.05)
        assert ready.exists(), process.communicate(timeout=5)[0].decode()[-2000:]
        program = rpc(ready.read_text(), "getAccountInfo", [str(REGISTRY_ID), {"encoding": "base64"}])
        assert program["value"]["executable"]
    finally:
        process.terminate()
        process.wait(10)
