"""The main job, as a user runs it: `ionet --json demo` in a subprocess (a validator
process, the deploy migration, the marketplace over JSON-RPC), its figures checked
against each other, and nothing left running afterwards."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

from ionet_sdk.defaults import IO

IONET = Path(sys.executable).with_name("ionet")


def test_the_demo_plays_the_marketplace_and_cleans_up(tmp_path: Path) -> None:
    run = subprocess.run(
        [str(IONET), "--json", "demo"], capture_output=True, text=True, check=False, cwd=tmp_path, timeout=300
    )
    assert run.returncode == 0, run.stderr[-2_000:]
    report = json.loads(run.stdout)
    assert report["books_balance"] is True
    flows = report["flows"]
    # 8 GPUs x 4 h x 2.50 IO escrowed; the silent node's 2 GPUs paid for 1 h of 4.
    assert flows["escrowed by the client"] == 80 * IO
    assert flows["refunded to the client"] == 15 * IO
    gross = flows["escrowed by the client"] - flows["refunded to the client"]
    wash = report["wash_trading"]
    fee = flows["fees burned"] - sum(w["fee_burned"] for w in wash)  # the job's own
    assert fee == gross * 200 // 10_000
    assert flows["paid to nodes"] == gross - fee
    assert flows["minted as emissions"] > 0 and flows["rewards paid to operators"] > 0

    decisions = {m["node"]: m["decision"] for m in report["matching"]}
    assert [n for n, d in decisions.items() if d.startswith("picked")] == ["atlas", "borealis", "cirrus"]
    assert decisions["ember"].startswith("CUDA 11.8") and decisions["lumen"] == "status Jailed"

    nodes = {n["node"]: n for n in report["nodes"]}
    spoofer, silent = nodes["lumen"], nodes["borealis"]
    assert spoofer["slashed"] == spoofer["bonded"][0] // 2  # hardware spoofing: 50%
    assert silent["slashed"] == silent["bonded"][0] // 10  # job failure: 10%
    assert flows["slashed from stakes"] == spoofer["slashed"] + silent["slashed"]
    # Half of each stake slash is burned (the rest to the treasury), plus the share of
    # the share of the silent node's locked rewards its slash took: none in this script (its
    # timed-out run burned no fee, so it earned no work points, and its availability is
    # credited only once an oracle root past its challenge window is synced, after the slash).
    assert flows["burned from slashes (stakes, locked rewards)"] >= flows["slashed from stakes"] // 2
    assert nodes["atlas"]["gpu_seconds"] == 4 * 4 * 3_600
    assert nodes["atlas"]["reputation_bps"][1] > nodes["atlas"]["reputation_bps"][0]
    # The oracle's roots, synced: the silent node's proven presence and reputation fell.
    atlas = nodes["atlas"]
    assert silent["synced_epoch"] == atlas["synced_epoch"] > 0
    assert silent["last_epoch_uptime_secs"] == 0 < atlas["last_epoch_uptime_secs"]
    assert silent["proven_uptime_secs"] * 2 < atlas["proven_uptime_secs"]
    assert silent["uptime_bps"] < 5_000 < atlas["uptime_bps"]
    assert silent["reputation_bps"][1] < silent["reputation_bps"][0]
    # ... and its proven liveness went stale (no longer assignable) while the others' stayed fresh.
    assert silent["status"] == "Active -> Inactive" and not silent["proven_live_day_2"]
    assert all(n["proven_live_day_2"] for name, n in nodes.items() if name not in ("lumen", "borealis"))
    assert spoofer["last_seen"] == 0  # a jailed node is never proven live
    # Every node the oracles heard was paid (work from the fees its runs burned, availability
    # from its proven presence), but the spoofer (jailed) and the silent node (slashed; its
    # agent, which accrues its points, went quiet with it).
    assert all(n["rewards_claimed"] > 0 for name, n in nodes.items() if name not in ("lumen", "borealis"))
    assert report["compute_units"]["job_settle"]["max_per_transaction"] < 200_000
    assert "node_heartbeat" not in report["compute_units"]  # liveness is proven off-chain, synced by proof

    # Wash trading: an operator paying itself for an hour on its own node gains nothing at
    # 1 base unit per GPU-hour (no fee burned, no work point) and loses at the market price
    # (the work reward its burned fee earns is at most that fee).
    cheap, market = wash
    assert (cheap["price_per_gpu_hour"], cheap["paid_as_client"]) == (1, 1)
    assert cheap["fee_burned"] == cheap["work_reward"] == cheap["net"] == 0
    assert market["paid_as_client"] == 250_000_000 and market["fee_burned"] == 5_000_000
    assert 0 < market["work_reward"] <= market["fee_burned"] and market["net"] < 0
    assert market["net"] == market["paid_to_node"] + market["work_reward"] - market["paid_as_client"]
    assert 0 < report["economics"]["de_ratio"] < 1

    # The validator process is gone: its port refuses connections.
    port = urlparse(report["validator"]).port
    assert port is not None
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", port)) != 0
    wanted = f"--port\0{port}\0".encode()
    assert not [p for p in Path("/proc").glob("[0-9]*/cmdline") if wanted in _read(p)]


def test_the_demo_refuses_an_unknown_validator() -> None:
    run = subprocess.run(
        [str(IONET), "demo", "--validator", "geth"], capture_output=True, text=True, check=False
    )
    assert run.returncode == 1 and "unknown validator 'geth'" in run.stderr and "Traceback" not in run.stderr


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:  # the process ended while we looked
        return b""


def test_the_demo_explores_its_marketplace_until_interrupted(tmp_path: Path) -> None:
    """`ionet demo --explore`: after the demo, its chain is indexed and the explorer served
    at the printed address (the same figures as the report); SIGINT stops it cleanly."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [str(IONET), "demo", "--explore", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=tmp_path,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        lines: list[str] = []
        for line in proc.stdout:
            lines.append(line)
            if line.startswith("explorer: http://"):
                break
        url = f"http://127.0.0.1:{port}/"
        assert lines and lines[-1].startswith(f"explorer: {url}"), "".join(lines)[-2_000:]
        page = urllib.request.urlopen(url, timeout=30).read().decode()
        assert "<html" in page.lower()
        deadline = time.monotonic() + 120
        while True:  # the indexer catches up with the demo's chain
            with urllib.request.urlopen(f"{url}api/v1/nodes?limit=50", timeout=30) as reply:
                nodes = json.loads(reply.read())["items"]
            if len(nodes) == 12 or time.monotonic() > deadline:
                break
            time.sleep(1)
        assert len(nodes) == 12
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
