"""The network test: every service its own process (`ionet ... run`) on the embedded
validator; a client submits one job with `ionet job create` and does nothing else; the job
is matched, started, reported, completed, settled and finalized, and the rewards minted
and claimable, with no step done by hand but the clock driver's warps. Each service is
killed (SIGKILL) and restarted once while the job runs: nothing is lost or done twice.

Minutes long (a dozen processes on the machine): select it with `-m network`, or leave
it out with `-m "not network"`. Prints the provisioning time (job create to every run
started; the seeds' target is under 90 s).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ionet_sdk.defaults import HOUR
from ionet_sdk.services.network import Network, NetworkSettings, run_network

pytestmark = pytest.mark.network

RESTARTS = ("oracle", "verifier", "matcher", "keeper")
IONET = Path(sys.executable).with_name("ionet")


async def test_a_network_of_processes_runs_a_job_end_to_end_through_restarts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = NetworkSettings(deadline_secs=900.0)
    restarted: list[str] = []

    async def between(net: Network, step: int) -> None:
        """After each warp of the clock driver, one service killed and restarted: the
        oracle, the verifier, the matcher, the keeper, then one agent of the cluster."""
        if step <= len(RESTARTS):
            name = RESTARTS[step - 1]
        elif step == len(RESTARTS) + 1:
            name = net.name_of(net.cluster[0])
        else:
            return
        await net.restart(name)
        restarted.append(name)

    lines: list[str] = []
    summary = await run_network(settings, lines.append, tmp_path, between)
    with capsys.disabled():
        print(f"\nprovisioning: job create to every run started in {summary.provisioning_secs:.1f} s")

    assert len(restarted) == len(RESTARTS) + 1, (restarted, lines)
    assert sorted(summary.restarts) == sorted(restarted)
    job = summary.job
    assert job["state"] == "Settled"
    # One assignment per node: as many runs as nodes in the cluster, none removed.
    assert job["runs"] == len(summary.runs) and job["runs_removed"] == 0
    assert sum(int(str(r["gpus"])) for r in summary.runs) == settings.job_gpus
    # Usage: every run reported its whole reservation, once (the escrow keeps the largest
    # receipt; the nodes' delivered GPU-seconds moved by exactly that).
    delivered = {str(n["node"]): n for n in summary.nodes}
    for run in summary.runs:
        full = int(str(run["gpus"])) * settings.job_hours * HOUR
        assert run["gpu_seconds"] == full
        assert delivered[str(run["node"])]["delivered_gpu_seconds"] == full
        assert delivered[str(run["node"])]["jobs_completed"] == 1
    # The oracle kept up with the chain's epochs through the warps (`--chain-clock`): every
    # node is synced to a root of the last few epochs, not of the wall clock's.
    assert all(int(str(n["synced_epoch"])) >= summary.epoch - 5 for n in summary.nodes), (
        summary.epoch,
        summary.nodes,
    )
    others = [n for name, n in delivered.items() if name not in {str(r["node"]) for r in summary.runs}]
    assert all(n["delivered_gpu_seconds"] == 0 and n["jobs_completed"] == 0 for n in others)
    # One settlement: paid, fees and refund add up to the deposit; the client got no refund
    # (every GPU-hour delivered).
    settlement = summary.settlement
    assert settlement["balanced"] is True
    assert settlement["refunded"] == 0
    # Rewards: the keeper minted the epochs and accrued each cluster node's work and
    # presence; each operator claimed at least what was resolved (the claim resolves the
    # buckets of epochs minted since).
    assert len(summary.rewards) == len(summary.runs)
    assert all(int(str(r["claimed"])) >= int(str(r["resolved"])) > 0 for r in summary.rewards)


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (from /proc)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_ctrl_c_in_the_network_demo_stops_every_process() -> None:
    demo = subprocess.Popen(
        [str(IONET), "demo", "--network"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        assert demo.stdout is not None
        seen = []
        for line in demo.stdout:
            seen.append(line)
            if "services up" in line:
                break
        started = children(demo.pid)
        # The validator and 16 services: oracle, verifier, matcher, keeper, 12 agents.
        assert len(started) == 17, (started, seen)
        demo.send_signal(signal.SIGINT)
        rest, _ = demo.communicate(timeout=120)
        assert demo.returncode == 1
        assert "interrupted: every service and the validator were stopped" in rest
        assert [p for p in started if alive(p)] == []
    finally:
        if demo.poll() is None:
            demo.kill()
            demo.wait()
