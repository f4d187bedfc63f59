"""The `ionet` command as a user runs it: a subprocess against a validator process it
started itself, including the bad-input cases (one line on stderr, exit 1, no traceback).

Each subprocess gets its own HOME, so the default keypair (~/.config/solana/id.json)
is the test's, created by `ionet localnet start` as for a new user, and the
programs' upgrade authority."""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk import pda, registry, tx
from ionet_sdk._generated.ionet_registry.accounts import RegistryConfig
from ionet_sdk.cluster import load_keypair, save_keypair
from ionet_sdk.defaults import IO
from ionet_sdk.liveness import LivenessLeaf
from ionet_sdk.localnet import free_port
from ionet_sdk.merkle import MerkleTree
from ionet_sdk.rpc import RpcConnection

REPO = Path(__file__).resolve().parent.parent
IONET = str(REPO / ".venv" / "bin" / "ionet")


def ionet(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(cwd / "home")}
    env.pop("IONET_URL", None)
    return subprocess.run(
        [IONET, *args], cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=120
    )


def strict_json(text: str) -> Any:
    """RFC 8259: NaN, Infinity and -Infinity are not JSON."""

    def refuse(constant: str) -> Any:
        raise AssertionError(f"{constant} is not JSON (RFC 8259)")

    return json.loads(text, parse_constant=refuse)


def admin_file(cwd: Path) -> str:
    """The default keypair `ionet localnet start` created: upgrade authority and admin."""
    return str(cwd / "home" / ".config" / "solana" / "id.json")


@pytest.fixture(scope="module")
def localnet(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    cwd = tmp_path_factory.mktemp("cli")
    port = free_port(pair=True)  # RPC and websocket
    started = ionet(cwd, "localnet", "start", "--port", str(port))
    assert started.returncode == 0, started.stderr
    assert "created your default keypair" in started.stderr
    try:
        yield cwd, f"http://127.0.0.1:{port}"
    finally:
        stopped = ionet(cwd, "localnet", "stop")
        assert stopped.returncode == 0, stopped.stderr
        assert not (cwd / ".localnet" / "state.json").exists()


def test_status_deploy_and_queries(localnet: tuple[Path, str]) -> None:
    cwd, url = localnet
    status = ionet(cwd, "--url", url, "localnet", "status")
    assert status.returncode == 0 and "healthy" in status.stdout
    # The default keypair is the upgrade authority: deploy needs no --keypair.
    first = ionet(cwd, "--url", url, "deploy")
    assert first.returncode == 0, first.stderr
    assert first.stdout.count("created") == 5
    second = ionet(cwd, "--url", url, "deploy")
    assert second.returncode == 0 and "nothing to change" in second.stdout
    nodes = ionet(cwd, "--url", url, "--json", "node", "list", "--status", "active")
    assert nodes.returncode == 0 and json.loads(nodes.stdout) == []
    stats = ionet(cwd, "--url", url, "--json", "token", "stats")
    assert stats.returncode == 0, stats.stderr
    figures = strict_json(stats.stdout)
    assert figures["supply"] == figures["minted (genesis)"] == 500_000_000 * IO
    # Nothing emitted yet: the D/E ratio is undefined, null with the reason (was Infinity).
    assert figures["de_ratio"] is None and "no IO emitted" in figures["de_ratio_reason"]
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
        (("--url", "http://127.0.0.1:1", "node", "list"), "cannot reach the RPC at http://127.0.0.1:1"),
    ],
)
def test_bad_input_is_one_clear_line(localnet: tuple[Path, str], args: tuple[str, ...], message: str) -> None:
    cwd, url = localnet
    full = args if args[0] == "--url" else ("--url", url, *args)
    result = ionet(cwd, *full)
    assert result.returncode == 1, result
    assert message in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_out_of_range_options_are_one_line_and_status_1(localnet: tuple[Path, str]) -> None:
    cwd, url = localnet
    result = ionet(cwd, "--url", url, "token", "stats", "--epochs", "0")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "--epochs" in result.stderr
    # A malformed command line is a usage error (status 2), also one line.
    unknown = ionet(cwd, "--url", url, "token", "stats", "--epoch", "3")
    assert unknown.returncode == 2 and len(unknown.stderr.strip().splitlines()) == 1
    assert "No such option" in unknown.stderr


def test_an_operator_registers_and_bonds_a_node(localnet: tuple[Path, str]) -> None:
    cwd, url = localnet
    authority = admin_file(cwd)
    assert ionet(cwd, "--url", url, "deploy").returncode == 0
    save_keypair(Keypair(), cwd / "agent-1.json")
    agent = "agent-1.json"
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
        ("inf", "finite"),
        ("NaN", "finite"),
        ("184467440737.09551616", "more than the largest amount"),
        ("1" + "0" * 30, "more than the largest amount"),
    ):
        bad = ionet(cwd, "--url", url, "--keypair", authority, "stake", "deposit", node, amount)
        assert bad.returncode == 1 and message in bad.stderr and "Traceback" not in bad.stderr
    # A negative number reaches the amount check (not read as an option `-5`), as after `--`.
    dash = ionet(cwd, "--url", url, "--keypair", authority, "stake", "deposit", node, "-5")
    assert dash.returncode == 1 and "amount must be positive" in dash.stderr
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
    admin = admin_file(cwd)
    assert ionet(cwd, "--url", url, "deploy").returncode == 0
    keys = {name: Keypair() for name in ("operator", "agent", "agent2", "client")}
    files = {name: str(save_keypair(kp, cwd / f"{name}.json")) for name, kp in keys.items()}

    def as_(who: str, *args: str) -> subprocess.CompletedProcess[str]:
        result = ionet(cwd, "--url", url, "--keypair", files.get(who, admin), "--json", *args)
        assert result.returncode == 0, (args, result.stderr)
        strict_json(result.stdout)  # every command's --json output is RFC 8259 JSON
        return result

    def fails(who: str, message: str, *args: str) -> None:
        result = ionet(cwd, "--url", url, "--keypair", files.get(who, admin), *args)
        assert result.returncode == 1 and message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1

    for who in files:
        as_(who, "airdrop", "5")
    as_("admin", "token", "transfer", "2000", str(keys["operator"].pubkey()))
    as_("admin", "token", "transfer", "100", str(keys["client"].pubkey()))
    registered = as_(
        "operator",
        "node",
        "register",
        "--node-id",
        "7",
        "--agent",
        files["agent"],
        "--gpu",
        "H100",
        "--count",
        "1",
    )
    node = json.loads(registered.stdout)["node"]
    as_("operator", "stake", "deposit", node, "1100")
    measured = ("--gpu", "H100", "--count", "1", "--vram", "80", "--tflops", "989", "--rtt-us", "500")
    attested = json.loads(as_("admin", "node", "attest", node, *measured).stdout)
    assert attested == {"passed": True, "status": "Verified"}
    prove_live(url, load_keypair(Path(admin)), node, keys["agent"].pubkey())
    assert json.loads(as_("admin", "node", "show", node).stdout)["status"] == "Active"
    as_("agent", "rewards", "accrue", node)  # opens the reward account: work accrues from now on
    as_("operator", "stake", "unstake", node, "50")
    assert json.loads(as_("operator", "stake", "show", node).stdout)["unbonding"] == 50 * IO
    as_("operator", "stake", "rebond", node)
    stake = json.loads(as_("operator", "stake", "show", node).stdout)
    assert (stake["bonded"], stake["unbonding"], stake["minimum"]) == (1_100 * IO, 0, 1_000 * IO)
    fails("operator", "NothingToUpdate", "node", "update", node, "--agent", files["agent"])
    fails("operator", "nothing to update", "node", "update", node)
    as_("operator", "node", "update", node, "--agent", files["agent2"])  # the agent key rotates

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
    as_("agent2", "rewards", "accrue", node)
    warp(url, 3_600)
    assert json.loads(as_("admin", "rewards", "mint-epoch", "--all").stdout)["epochs_minted"] >= 1
    claimed = json.loads(as_("operator", "rewards", "claim", node).stdout)
    assert claimed["paid"] == 0 and claimed["locked"] > 0
    fails("agent2", "NotBeneficiary", "rewards", "claim", node)

    # Parameters: proposed, too early to execute, cancelled; bad names refused.
    as_("admin", "params", "propose", "--set", "fee_bps=250")
    assert "2.5%" in ionet(cwd, "--url", url, "params", "show").stdout
    fails("admin", "TimelockNotElapsed", "params", "execute")
    fails("admin", "expected NAME=VALUE", "params", "propose", "--set", "nope=1")
    as_("admin", "params", "cancel")


def prove_live(url: str, oracle: Keypair, node: str, agent: Pubkey) -> None:
    """Liveness the network's way, the oracle's part over RPC: `ionet deploy` made the admin
    the registry's oracle (quorum 1); it commits epoch 1's root of the node's leaf (heard
    now, for half of a one-hour epoch: the least that makes a node eligible), the clock
    passes the root's challenge window, and anyone syncs the node with its proof (what
    `ionet node sync` does with an oracle service's proof)."""

    async def go() -> None:
        conn = RpcConnection(url)
        try:
            address = Pubkey.from_string(node)
            now = (await conn.get_clock()).unix_timestamp
            leaf = LivenessLeaf.empty(address, agent).next(
                1, epoch_uptime=1_800, observed=3_600, heartbeats=30, last_seen=now, agent=agent,
                tier=0, gpu_count=1,
            )  # fmt: skip
            tree = MerkleTree([leaf.to_bytes()])
            commit = registry.build_liveness_root_commit_ix(oracle.pubkey(), 1, tree.root, tree.leaf_count)
            await tx.send(conn, [commit], oracle)
            config = await RegistryConfig.fetch(conn, pda.registry_config())
            assert config is not None
            await conn.warp(config.params.root_challenge_secs)
            sync = registry.build_node_sync_ix(address, 1, leaf.to_bytes(), tree.proof(0))
            await tx.send(conn, [sync], oracle)
        finally:
            await conn.close()

    asyncio.run(go())


def warp(url: str, seconds: int) -> None:
    async def go() -> None:
        conn = RpcConnection(url)
        await conn.warp(seconds)
        await conn.close()

    asyncio.run(go())


# --- bounded numbers (issue 14, item 6): every numeric argument, one line, status 1

NODE = "11111111111111111111111111111112"
BIG = str(2**64)


CREATE = ("job", "create", "--gpu", "H100", "--count", "1", "--hours", "1")
REGISTER = ("node", "register", "--agent", "x.json", "--gpu", "H100")
ATTEST = ("node", "attest", NODE, "--gpu", "H100", "--count", "1", "--vram", "80")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("airdrop", "inf"), "finite number of SOL"),
        (("airdrop", "nan"), "finite number of SOL"),
        (("airdrop", "--", "-1"), "positive"),
        (("airdrop", "1" + "0" * 30), "more than the largest amount"),
        (("airdrop", "0.0000000001"), "more than 9 decimals"),
        (("token", "transfer", "Infinity", NODE), "finite number of IO"),
        (("stake", "unstake", NODE, "--", "-inf"), "finite number of IO"),
        ((*CREATE, "--job-id", "1", "--price", "nan"), "finite number of IO"),
        ((*CREATE, "--job-id", BIG, "--price", "1"), "--job-id"),
        ((*CREATE, "--job-id", "1e3", "--price", "1"), "ASCII digits"),
        (("job", "report", NODE, NODE, BIG), "gpu_seconds"),
        (("job", "assign", NODE, "--node", f"{NODE}:{BIG}"), "NODE:GPUS"),
        ((*REGISTER, "--node-id", BIG), "--node-id"),
        ((*REGISTER, "--node-id", "1", "--bandwidth", "inf"), "--bandwidth"),
        ((*REGISTER, "--node-id", "1", "--cuda", "300.1"), "CUDA version"),
        ((*ATTEST, "--tflops", BIG), "--tflops"),
        (("slash", "execute", NODE, "--", "-1"), "index"),
        (
            ("slash", "propose", NODE, "--offense", "Downtime", "--amount", "0.000000001"),
            "more than 8 decimals",
        ),
        (("params", "propose", "--set", "fee_bps=inf"), "values are integers"),
        (("token", "stats", "--epochs", "nan"), "--epochs"),
        (("localnet", "start", "--port", "99999"), "--port"),
    ],
)
def test_numeric_arguments_are_bounded(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    """Non-finite, negative, too precise or beyond-u64 numbers: one line, exit 1 (no cluster
    is reached: each is refused before any RPC). In process, through typer's runner."""
    from typer.testing import CliRunner

    from ionet_sdk.cli import app

    agent = save_keypair(Keypair(), tmp_path / "x.json")
    full = ["--url", "http://127.0.0.1:1", *(str(agent) if a == "x.json" else a for a in args)]
    result = CliRunner().invoke(app, full)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert message in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    as_json = CliRunner().invoke(app, [*full[:2], "--json", *full[2:]])
    assert as_json.exit_code == 1 and message in strict_json(as_json.stdout)["error"]["message"]


# --- --json (item 12): RFC 8259 everywhere, errors included, accepted after the command


def test_json_errors_are_json_on_stdout_and_the_flag_goes_anywhere(tmp_path: Path) -> None:
    bad_key = ionet(tmp_path, "node", "show", "not-a-key", "--json")
    assert bad_key.returncode == 1
    assert strict_json(bad_key.stdout)["error"]["message"].startswith("'not-a-key' is not a valid public key")
    unreachable = ionet(tmp_path, "node", "list", "--json", "--url", "http://127.0.0.1:1")
    assert unreachable.returncode == 1
    error = strict_json(unreachable.stdout)["error"]
    assert error["type"] == "TransportError" and "http://127.0.0.1:1" in error["message"]
    usage = ionet(tmp_path, "node", "list", "--colour", "red", "--json")
    assert usage.returncode == 2 and strict_json(usage.stdout)["error"]["type"] == "UsageError"
    number = ionet(tmp_path, "airdrop", "inf", "--json")
    assert number.returncode == 1 and "finite" in strict_json(number.stdout)["error"]["message"]
    # Without --json, stdout stays empty on errors.
    assert ionet(tmp_path, "airdrop", "inf").stdout == ""


def test_json_after_the_subcommand(localnet: tuple[Path, str]) -> None:
    cwd, url = localnet
    before = ionet(cwd, "--url", url, "--json", "token", "stats")
    after = ionet(cwd, "token", "stats", "--json", "--url", url)
    assert before.returncode == after.returncode == 0, after.stderr
    assert strict_json(after.stdout).keys() == strict_json(before.stdout).keys()


# --- GPU models and VRAM defaults (item 9); the agent's key (item 10)


def test_gpu_names_and_vram_defaults_come_from_the_model(localnet: tuple[Path, str]) -> None:
    from ionet_sdk import registry
    from ionet_sdk._generated.ionet_registry.types import GpuModel

    cwd, url = localnet
    assert ionet(cwd, "--url", url, "deploy").returncode == 0
    save_keypair(Keypair(), cwd / "gpu-agent.json")
    declared = {}
    for node_id, spelling in ((21, "rtx4090"), (22, "RTX 4090"), (23, "RTX4090"), (24, "nvidia-rtx-4090")):
        result = ionet(
            cwd, "--url", url, "--json", "node", "register", "--node-id", str(node_id),
            "--agent", "gpu-agent.json", "--gpu", spelling, "--count", "4",
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        declared[spelling] = strict_json(result.stdout)["declared"]
    assert {(d["gpu_model"], d["gpu_count"], d["vram_gb_per_gpu"]) for d in declared.values()} == {
        ("Rtx4090", 4, 24)
    }
    listed = ionet(cwd, "--url", url, "--json", "node", "list", "--gpu", "RTX 4090")
    assert len(strict_json(listed.stdout)) == 4
    explicit = ionet(
        cwd, "--url", url, "--json", "node", "register", "--node-id", "25", "--agent", "gpu-agent.json",
        "--gpu", "A100", "--vram", "80",
    )  # fmt: skip
    assert strict_json(explicit.stdout)["declared"]["vram_gb_per_gpu"] == 80
    other = ionet(cwd, "--url", url, "node", "register", "--node-id", "26", "--agent", "gpu-agent.json",
                  "--gpu", "other")  # fmt: skip
    assert other.returncode == 1 and "--vram is required" in other.stderr
    # --help lists every model with its expected TFLOPS and default VRAM, from the SDK's table.
    shown = " ".join(ionet(cwd, "node", "register", "--help").stdout.split())
    for model in GpuModel:
        name = "RTX " + model.name[3:] if model.name.startswith("Rtx") else model.name
        vram = registry.DEFAULT_VRAM_GB.get(model)
        line = f"{name} {registry.EXPECTED_TFLOPS[model]} TFLOPS " + (f"{vram} GB" if vram else "no default")
        assert line in shown, line


def test_the_agent_key_must_be_held_or_confirmed(localnet: tuple[Path, str]) -> None:
    from ionet_sdk import pda

    cwd, url = localnet
    assert ionet(cwd, "--url", url, "deploy").returncode == 0
    typo = str(Keypair().pubkey())  # a valid base58 key that nobody here holds
    register = ("--url", url, "node", "register", "--node-id", "31", "--gpu", "H100")
    as_file = ionet(cwd, *register, "--agent", typo)
    assert as_file.returncode == 1 and "--agent takes the agent's keypair file" in as_file.stderr
    unconfirmed = ionet(cwd, *register, "--agent-pubkey", typo)
    assert unconfirmed.returncode == 1 and "cannot check" in unconfirmed.stderr
    off_curve = ionet(cwd, *register, "--agent-pubkey", str(pda.registry_config()), "--yes")
    assert off_curve.returncode == 1 and "off the curve" in off_curve.stderr
    nothing = ionet(cwd, *register)
    assert nothing.returncode == 1 and "give the agent" in nothing.stderr
    listed = strict_json(ionet(cwd, "--url", url, "--json", "node", "list").stdout)
    assert typo not in {n["agent"] for n in listed}  # nothing was registered
    confirmed = ionet(cwd, *register, "--agent-pubkey", typo, "--yes", "--json")
    assert confirmed.returncode == 0 and strict_json(confirmed.stdout)["agent"] == typo


# --- readable output (item 13)


def test_node_show_is_readable_and_never_cut(localnet: tuple[Path, str]) -> None:
    cwd, url = localnet
    assert ionet(cwd, "--url", url, "deploy").returncode == 0
    save_keypair(Keypair(), cwd / "show-agent.json")
    registered = ionet(
        cwd, "--url", url, "--json", "node", "register", "--node-id", "41",
        "--agent", "show-agent.json", "--gpu", "L40S", "--count", "2", "--region", "eu-west",
    )  # fmt: skip
    node = strict_json(registered.stdout)["node"]
    assert ionet(cwd, "--url", url, "stake", "deposit", node, "12.5").returncode == 0
    shown = ionet(cwd, "--url", url, "node", "show", node)
    assert shown.returncode == 0, shown.stderr
    text = shown.stdout
    rows = {
        line.split("│")[1].strip(): line.split("│")[2].strip() for line in text.splitlines() if "│" in line
    }
    assert rows["status"] == "Registered" and rows["declared.gpu_model"] == "L40S"
    assert rows["bonded"] == "12.5 IO" and rows["declared.region"] == "eu-west"
    assert rows["declared.vram_gb_per_gpu"] == "48 GB"
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \((now|\d+ (s|min|h|d) ago)\)", rows["registered_at"]
    )
    assert rows["last_seen"] == "never"
    assert not {"bump", "reserved", "padding", "declared.padding"} & rows.keys()
    assert node in text and "…" not in text  # the whole address, in a pipe
    as_json = strict_json(ionet(cwd, "--url", url, "--json", "node", "show", node).stdout)
    assert (as_json["status"], as_json["declared"]["gpu_model"], as_json["bonded"]) == (
        "Registered",
        "L40S",
        12.5 * IO,
    )
    assert "bump" not in as_json and "reserved" not in as_json


def test_every_command_has_an_example_in_its_help() -> None:
    import typer.main
    from typer.testing import CliRunner

    from ionet_sdk.cli import app

    def commands(group: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
        found: list[tuple[str, ...]] = []
        for name, command in getattr(group, "commands", {}).items():
            found += commands(command, (*path, name)) if hasattr(command, "commands") else [(*path, name)]
        return found

    every = commands(typer.main.get_command(app))
    assert ("node", "register") in every and len(every) > 40
    runner = CliRunner()
    missing = [
        " ".join(path) for path in every if "Example" not in runner.invoke(app, [*path, "--help"]).output
    ]
    assert missing == []
