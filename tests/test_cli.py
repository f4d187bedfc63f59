"""The `ionet` command as a user runs it: a subprocess against a validator process it
started itself, including the bad-input cases (one line on stderr, exit 1, no traceback)."""

from __future__ import annotations

import asyncio
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from solders.keypair import Keypair

from ionet_sdk.cluster import save_keypair
from ionet_sdk.defaults import IO
from ionet_sdk.localnet import free_port
from ionet_sdk.rpc import RpcConnection

REPO = Path(__file__).resolve().parent.parent
IONET = str(REPO / ".venv" / "bin" / "ionet")


def ionet(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([IONET, *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=120)


@pytest.fixture(scope="module")
def localnet(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    cwd = tmp_path_factory.mktemp("cli")
    port = free_port(pair=True)  # RPC and websocket
    started = ionet(cwd, "localnet", "start", "--port", str(port))
    assert started.returncode == 0, started.stderr
    try:
        yield cwd, f"http://127.0.0.1:{port}"
    finally:
        stopped = ionet(cwd, "localnet", "stop")
        assert stopped.returncode == 0, stopped.stderr
        assert not (cwd / ".localnet" / "state.json").exists()


def test_status_deploy_and_queries(localnet: tuple[Path, str]) -> None:
    cwd, url = localnet
    authority = str(cwd / ".localnet" / "upgrade-authority.json")
    status = ionet(cwd, "--url", url, "localnet", "status")
    assert status.returncode == 0 and "healthy" in status.stdout
    first = ionet(cwd, "--url", url, "--keypair", authority, "deploy")
    assert first.returncode == 0, first.stderr
    assert first.stdout.count("created") == 5
    second = ionet(cwd, "--url", url, "--keypair", authority, "deploy")
    assert second.returncode == 0 and "nothing to change" in second.stdout
    nodes = ionet(cwd, "--url", url, "--json", "node", "list", "--status", "active")
    assert nodes.returncode == 0 and json.loads(nodes.stdout) == []
    stats = ionet(cwd, "--url", url, "--json", "token", "stats")
    assert stats.returncode == 0, stats.stderr
    figures = json.loads(stats.stdout)
    assert figures["supply"] == figures["minted (genesis)"] == 500_000_000 * IO
    table = ionet(cwd, "--url", url, "params", "show")
    assert table.returncode == 0 and "timelock_secs" in table.stdout
    jobs = ionet(cwd, "--url", url, "job", "list", "--state", "running")
    assert jobs.returncode == 0 and "jobs" in jobs.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("node", "list", "--gpu", "H900"), "unknown GpuModel 'H900'"),
        (("node", "show", "not-a-key"), "is not a valid public key"),
        (("job", "list", "--state", "Paused"), "unknown JobState 'Paused'"),
        (("--keypair", "missing.json", "deploy"), "does not exist"),
        (("--url", "moonnet", "node", "list"), "unknown cluster 'moonnet'"),
        (("--url", "http://127.0.0.1:1", "node", "list"), "getProgramAccounts at http://127.0.0.1:1 failed"),
    ],
)
def test_bad_input_is_one_clear_line(localnet: tuple[Path, str], args: tuple[str, ...], message: str) -> None:
    cwd, url = localnet
    full = args if args[0] == "--url" else ("--url", url, *args)
    result = ionet(cwd, *full)
    assert result.returncode == 1, result
    assert message in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_out_of_range_options_are_usage_errors(localnet: tuple[Path, str]) -> None:
    cwd, url = localnet
    result = ionet(cwd, "--url", url, "token", "stats", "--epochs", "0")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_an_operator_registers_and_bonds_a_node(localnet: tuple[Path, str]) -> None:
    cwd, url = localnet
    authority = str(cwd / ".localnet" / "upgrade-authority.json")
    assert ionet(cwd, "--url", url, "--keypair", authority, "deploy").returncode == 0
    agent = "11111111111111111111111111111112"
    registered = ionet(
        cwd, "--url", url, "--keypair", authority, "--json", "node", "register",
        "--node-id", "1", "--agent", agent, "--gpu", "h100", "--count", "8", "--region", "us-east",
    )  # fmt: skip
    assert registered.returncode == 0, registered.stderr
    node = json.loads(registered.stdout)["node"]
    bonded = ionet(cwd, "--url", url, "--keypair", authority, "stake", "deposit", node, "8000")
    assert bonded.returncode == 0, bonded.stderr
    shown = json.loads(ionet(cwd, "--url", url, "--json", "node", "show", node).stdout)
    assert (shown["bonded"], shown["declared"]["gpu_count"]) == (8_000 * IO, 8)
    mine = ionet(cwd, "--url", url, "--json", "node", "list", "--operator", shown["operator"])
    assert [n["address"] for n in json.loads(mine.stdout)] == [node]
    for amount, message in (
        ("0", "amount must be positive"),
        ("abc", "is not an amount"),
        ("0.000000001", "8 decimals"),
    ):
        bad = ionet(cwd, "--url", url, "--keypair", authority, "stake", "deposit", node, amount)
        assert bad.returncode == 1 and message in bad.stderr and "Traceback" not in bad.stderr
    # A negative number reads as an option (a usage error, exit 2) unless after `--`.
    dash = ionet(cwd, "--url", url, "--keypair", authority, "stake", "deposit", node, "-5")
    assert dash.returncode == 2 and "Traceback" not in dash.stderr
    negative = ionet(cwd, "--url", url, "--keypair", authority, "stake", "deposit", node, "--", "-5")
    assert negative.returncode == 1 and "amount must be positive" in negative.stderr
    # A program error over the CLI: registering the same node again.
    again = ionet(
        cwd, "--url", url, "--keypair", authority, "node", "register",
        "--node-id", "1", "--agent", agent, "--gpu", "H100",
    )  # fmt: skip
    assert again.returncode == 1 and "Traceback" not in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1


def test_a_node_and_a_job_through_their_whole_lives(localnet: tuple[Path, str]) -> None:
    """Every role at the command line: the admin (also verifier and matcher), an operator,
    its agent and a client; the clock warped through the validator's extension."""
    cwd, url = localnet
    admin = str(cwd / ".localnet" / "upgrade-authority.json")
    assert ionet(cwd, "--url", url, "--keypair", admin, "deploy").returncode == 0
    keys = {name: Keypair() for name in ("operator", "agent", "agent2", "client")}
    files = {name: str(save_keypair(kp, cwd / f"{name}.json")) for name, kp in keys.items()}

    def as_(who: str, *args: str) -> subprocess.CompletedProcess[str]:
        result = ionet(cwd, "--url", url, "--keypair", files.get(who, admin), "--json", *args)
        assert result.returncode == 0, (args, result.stderr)
        return result

    def fails(who: str, message: str, *args: str) -> None:
        result = ionet(cwd, "--url", url, "--keypair", files.get(who, admin), *args)
        assert result.returncode == 1 and message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1

    for who in files:
        as_(who, "airdrop", "5")
    as_("admin", "token", "transfer", "2000", str(keys["operator"].pubkey()))
    as_("admin", "token", "transfer", "100", str(keys["client"].pubkey()))
    agent = str(keys["agent"].pubkey())
    registered = as_(
        "operator", "node", "register", "--node-id", "7", "--agent", agent, "--gpu", "H100", "--count", "1"
    )
    node = json.loads(registered.stdout)["node"]
    as_("operator", "stake", "deposit", node, "1100")
    measured = ("--gpu", "H100", "--count", "1", "--vram", "80", "--tflops", "989", "--rtt-us", "500")
    attested = json.loads(as_("admin", "node", "attest", node, *measured).stdout)
    assert attested == {"passed": True, "status": "Verified"}
    as_("agent", "node", "heartbeat", node)
    as_("operator", "stake", "unstake", node, "50")
    assert json.loads(as_("operator", "stake", "show", node).stdout)["unbonding"] == 50 * IO
    as_("operator", "stake", "rebond", node)
    stake = json.loads(as_("operator", "stake", "show", node).stdout)
    assert (stake["bonded"], stake["unbonding"], stake["minimum"]) == (1_100 * IO, 0, 1_000 * IO)
    fails("operator", "NothingToUpdate", "node", "update", node, "--agent", str(keys["agent"].pubkey()))
    fails("operator", "nothing to update", "node", "update", node)
    as_("operator", "node", "update", node, "--agent", str(keys["agent2"].pubkey()))  # the agent key rotates

    job = json.loads(as_("client", "job", "create", "--job-id", "1", "--gpu", "H100", "--count", "1",
                         "--hours", "1", "--price", "2").stdout)["job"]  # fmt: skip
    fails("admin", "either --node NODE:GPUS", "job", "assign", job)
    fails("admin", "must look like NODE:GPUS", "job", "assign", job, "--node", f"{node}:0")
    assigned = json.loads(as_("admin", "job", "assign", job, "--auto").stdout)
    assert assigned == [{"node": node, "gpus": 1}]
    as_("agent2", "job", "start", job, node)
    fails("agent2", "UsageExceedsElapsed", "job", "report", job, node, "1800")
    warp(url, 1_800)
    as_("agent2", "job", "report", job, node, "1800")
    as_("client", "job", "complete", job)
    fails("admin", "ChallengeWindowOpen", "job", "settle", job)
    warp(url, 3_600)
    settled = json.loads(as_("admin", "job", "settle", job).stdout)
    assert settled == {"paid": IO - IO * 2 // 100, "fees": IO * 2 // 100, "refunded": IO, "state": "Settled"}
    assert json.loads(as_("admin", "job", "show", job).stdout)["runs"] == []

    # Slashing: proposed, appealed, overturned.
    as_("admin", "slash", "propose", node, "--offense", "Misconduct", "--evidence", "log excerpt")
    fails("admin", "unknown Offense 'Theft'", "slash", "propose", node, "--offense", "Theft")
    as_("operator", "slash", "appeal", node, "0", "--reason", "the log is from another host")
    as_("admin", "slash", "resolve", node, "0", "--overturn")
    (proposal,) = json.loads(as_("admin", "slash", "show", node).stdout)
    assert (proposal["offense"], proposal["status"]) == ("Misconduct", "Overturned")

    # Rewards: accrued, epochs minted, claimed into a locked tranche.
    as_("agent2", "node", "heartbeat", node)
    as_("agent2", "rewards", "accrue", node)
    warp(url, 3_600)
    assert json.loads(as_("admin", "rewards", "mint-epoch", "--all").stdout)["epochs_minted"] >= 1
    claimed = json.loads(as_("operator", "rewards", "claim", node).stdout)
    assert claimed["paid"] == 0 and claimed["locked"] > 0
    fails("agent2", "NotBeneficiary", "rewards", "claim", node)

    # Parameters: proposed, too early to execute, cancelled; bad names refused.
    as_("admin", "params", "propose", "--set", "fee_bps=250")
    assert "250" in ionet(cwd, "--url", url, "params", "show").stdout
    fails("admin", "TimelockNotElapsed", "params", "execute")
    fails("admin", "expected NAME=VALUE", "params", "propose", "--set", "nope=1")
    as_("admin", "params", "cancel")


def warp(url: str, seconds: int) -> None:
    async def go() -> None:
        conn = RpcConnection(url)
        await conn.warp(seconds)
        await conn.close()

    asyncio.run(go())
