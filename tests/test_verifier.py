"""Proof of compute end to end: `ionet agent run` and `ionet verifier run` as processes on
loopback, the registry on a validator process, ending in an on-chain attestation; then
each simulated cheater (a partial prover, a stale answer, a slow device, a missed
deadline, a report signed by another key, other GPUs than declared) against the same
verifier code, each caught."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import time
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk import compute_proof as cp
from ionet_sdk import pda
from ionet_sdk._generated.ionet_registry.accounts import Node
from ionet_sdk._generated.ionet_registry.types import GpuModel, HardwareSpec, NodeStatus
from ionet_sdk.client import IonetClient
from ionet_sdk.cluster import save_keypair
from ionet_sdk.deploy import Plan, deploy
from ionet_sdk.errors import IonetError
from ionet_sdk.localnet import LocalValidator, free_port
from ionet_sdk.rpc import RpcConnection
from ionet_sdk.services.agent import gpus
from ionet_sdk.services.agent.service import Agent, AgentConfig
from ionet_sdk.services.verifier.challenge import ChallengeResult, VerifierConfig, challenge_node

REPO = Path(__file__).resolve().parent.parent
IONET = str(REPO / ".venv" / "bin" / "ionet")
SOL = 1_000_000_000
TFLOPS_BIT = 16


def spec_of(report: gpus.HardwareReport) -> HardwareSpec:
    return HardwareSpec(
        gpu_model=report.model,
        gpu_count=report.count,
        vram_gb_per_gpu=report.vram_gb_per_gpu,
        cuda_major=report.cuda_version[0],
        cuda_minor=report.cuda_version[1],
        region=list(b"us-east\x00"),
        bandwidth_mbps=1_000,
        fingerprint=list(report.fingerprint),
    )


@dataclass
class World:
    url: str
    verifier: Keypair
    verifier_file: Path
    conn: RpcConnection
    next_id: int = 1

    async def node(self, model: GpuModel, count: int = 1) -> tuple[Pubkey, Keypair, gpus.HardwareReport]:
        """A registered node whose declaration is what a simulated agent reports."""
        operator, agent = Keypair(), Keypair()
        await self.conn.request_airdrop(operator.pubkey(), 10 * SOL)
        node_id = self.next_id
        self.next_id += 1
        node = pda.node(operator.pubkey(), node_id)
        report = gpus.simulated(model, count, label=str(node))
        await IonetClient(self.conn, operator).register_node(
            operator, node_id, agent.pubkey(), spec_of(report)
        )
        return node, agent, report


@pytest.fixture(scope="module")
async def world(local_validator: LocalValidator, tmp_path_factory: pytest.TempPathFactory) -> World:
    conn = RpcConnection(local_validator.url)
    deployer = local_validator.upgrade_authority
    verifier = Keypair()
    await conn.request_airdrop(deployer.pubkey(), 100 * SOL)
    await conn.request_airdrop(verifier.pubkey(), 10 * SOL)
    await deploy(conn, Plan(deployer=deployer, admin=deployer, verifiers=[verifier.pubkey()]))
    key_file = save_keypair(verifier, tmp_path_factory.mktemp("verifier") / "verifier.json")
    return World(local_validator.url, verifier, key_file, conn)


async def wait_http(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    async with aiohttp.ClientSession() as session:
        for _ in range(300):
            if process.poll() is not None:
                raise AssertionError(f"exited: {log.read_text()[-2000:]}")
            try:
                async with session.get(url, timeout=aiohttp.ClientTimeout(total=1)) as response:
                    if response.status in (200, 503):
                        return
            except (aiohttp.ClientError, TimeoutError):
                pass
            await asyncio.sleep(0.1)
    raise AssertionError(f"did not start: {log.read_text()[-2000:]}")


def spawn(args: Sequence[str], log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "IONET_AGENT_RUNS_INTERVAL_SECS": "0.2"}  # the run watcher polls the validator
    with log.open("ab") as out:
        return subprocess.Popen([IONET, *args], stdout=out, stderr=subprocess.STDOUT, env=env)


async def test_agent_and_verifier_processes_end_in_an_attestation(world: World, tmp_path: Path) -> None:
    node, agent, report = await world.node(GpuModel.Other)
    agent_file = save_keypair(agent, tmp_path / "agent.json")
    agent_port, verifier_port = free_port(), free_port()
    agent_url = f"http://127.0.0.1:{agent_port}"
    agent_log, verifier_log = tmp_path / "agent.log", tmp_path / "verifier.log"
    agent_proc = spawn(
        ["--url", world.url, "--keypair", str(agent_file), "agent", "run", "--node", str(node),
         "--port", str(agent_port), "--simulate", "--sim-model", "Other", "--sim-count", "1", "--watch-runs",
         "--log-json"],
        agent_log,
    )  # fmt: skip
    verifier_proc: subprocess.Popen[bytes] | None = None
    try:
        await wait_http(f"{agent_url}/health", agent_proc, agent_log)
        verifier_proc = spawn(
            ["--url", world.url, "--keypair", str(world.verifier_file), "verifier", "run",
             "--targets", f"{node}={agent_url}", "--port", str(verifier_port), "--n", "256", "--rounds", "3",
             "--allow-simulated", "--log-json"],
            verifier_log,
        )  # fmt: skip
        base = f"http://127.0.0.1:{verifier_port}"
        await wait_http(f"{base}/health", verifier_proc, verifier_log)
        result: dict[str, object] = {}
        async with aiohttp.ClientSession() as session:
            for _ in range(600):
                async with session.get(f"{base}/v1/results") as response:
                    result = (await response.json())["results"].get(str(node), {})
                if result:
                    break
                await asyncio.sleep(0.1)
            async with session.get(f"{base}/metrics") as response:
                metrics = await response.text()
            async with session.get(f"{agent_url}/metrics") as response:
                agent_metrics = await response.text()
        assert result.get("passed") is True, (result, verifier_log.read_text()[-3000:])
        assert result["attestation_passed"] is True
        assert result["simulated"] is True
        assert result["fingerprint"] == report.fingerprint.hex()
        assert float(str(result["int8_tops_per_gpu"])) > 0
        assert 'ionet_verifier_challenges_total{result="passed"} 1.0' in metrics
        assert 'ionet_agent_challenges_total{result="ok",step="reveal"} 1.0' in agent_metrics
        on_chain = await IonetClient(world.conn, Keypair()).node(node)
        assert on_chain.attestation.passed == 1
        assert on_chain.attestation.verifier == world.verifier.pubkey()
        assert bytes(on_chain.attestation.fingerprint) == report.fingerprint
        assert on_chain.attestations_passed == 1
        verifier_proc.send_signal(signal.SIGTERM)
        assert verifier_proc.wait(30) == 0
        agent_proc.send_signal(signal.SIGTERM)
        assert agent_proc.wait(30) == 0
        events = [
            json.loads(line)["event"] for line in agent_log.read_text().splitlines() if line.startswith("{")
        ]
        assert {"started", "challenge_prepared", "challenge_committed", "stopped"} <= set(events)
        assert "runs_unavailable" not in events  # the run watcher read the escrow every 0.2 s
    finally:
        for proc in (agent_proc, verifier_proc):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait(10)


# --- cheaters, against the verifier's code and an in-process agent


class PartialBackend(cp.CpuBackend):
    """Computes every other row; the rest are made up."""

    def run(self, masks: Sequence[cp.Int8], rounds: int) -> list[cp.Int64]:
        out = super().run(masks, rounds)
        for p in out:
            p[1::2] += 1
        return out


class StaleBackend(cp.CpuBackend):
    """Answers with the product for another nonce (an old answer)."""

    def run(self, masks: Sequence[cp.Int8], rounds: int) -> list[cp.Int64]:
        return super().run([cp.derive_mask(bytes(32), d, len(m)) for d, m in enumerate(masks)], rounds)


class SlowBackend(cp.CpuBackend):
    def run(self, masks: Sequence[cp.Int8], rounds: int) -> list[cp.Int64]:
        time.sleep(2.0)
        return super().run(masks, rounds)


async def serve(agent: Agent) -> AsyncIterator[str]:
    runner = web.AppRunner(agent.app(), access_log=None)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


async def challenge(
    world: World,
    tmp: Path,
    node: Pubkey,
    agent: Agent,
    **changes: object,
) -> tuple[ChallengeResult, Node]:
    cfg = VerifierConfig(
        keypair=world.verifier_file, n=128, rounds=3, checks=16, pings=3, bandwidth_bytes=1 << 16,
        allow_simulated=True, evidence_dir=tmp / "evidence",
    )  # fmt: skip
    cfg = replace(cfg, **changes)  # type: ignore[arg-type]
    client = IonetClient(world.conn, world.verifier)
    async for url in serve(agent):
        result = await challenge_node(client, world.verifier, node, url, cfg)
        return result, await client.node(node)
    raise AssertionError("unreachable")


def make_agent(node: Pubkey, key: Keypair, report: gpus.HardwareReport, backend: cp.Backend) -> Agent:
    cfg = AgentConfig(keypair=Path("unused.json"), node=str(node), simulate=True)
    return Agent(cfg, key, report, backend)


@pytest.mark.parametrize(
    ("backend", "why"),
    [
        (PartialBackend(), "rows failed"),
        (StaleBackend(), "16 of 16 rows failed"),
    ],
)
async def test_wrong_rows_fail_the_challenge_and_the_attestation(
    world: World, tmp_path: Path, backend: cp.Backend, why: str
) -> None:
    node, key, report = await world.node(GpuModel.Rtx3090)
    result, on_chain = await challenge(world, tmp_path, node, make_agent(node, key, report, backend))
    assert not result.passed
    assert why in result.why
    assert result.failed_rows
    assert result.evidence is not None
    evidence = json.loads(Path(result.evidence).read_text())
    assert evidence["root"] and evidence["seed"] and evidence["opened"]
    assert any(not c["ok"] for c in evidence["checks"])
    assert on_chain.attestation.passed == 0
    assert on_chain.attestation.measured_tflops == 0
    assert on_chain.attestation.mismatch == TFLOPS_BIT
    assert on_chain.status != NodeStatus.Jailed


async def test_an_honest_slow_device_passes_the_rows_but_not_the_model_figure(
    world: World, tmp_path: Path
) -> None:
    # The CPU claims an RTX 3090: every row is right, the rate is far below 80 % of 71 TFLOPS.
    node, key, report = await world.node(GpuModel.Rtx3090)
    result, on_chain = await challenge(world, tmp_path, node, make_agent(node, key, report, cp.CpuBackend()))
    assert result.passed
    assert result.registry_tflops < 0.8 * 71
    assert on_chain.attestation.passed == 0
    assert on_chain.attestation.mismatch == TFLOPS_BIT


async def test_a_missed_deadline_fails(world: World, tmp_path: Path) -> None:
    node, key, report = await world.node(GpuModel.Rtx3090)
    agent = make_agent(node, key, report, SlowBackend())
    result, on_chain = await challenge(world, tmp_path, node, agent, compute_timeout_secs=0.5)
    assert (result.passed, result.why) == (False, "deadline passed")
    assert on_chain.attestation.mismatch == TFLOPS_BIT


async def test_other_gpus_than_declared_jail_the_node(world: World, tmp_path: Path) -> None:
    node, key, _ = await world.node(GpuModel.Rtx3090)
    other = gpus.simulated(GpuModel.Rtx3090, 1, label="another machine")
    result, on_chain = await challenge(world, tmp_path, node, make_agent(node, key, other, cp.CpuBackend()))
    assert result.jailed
    assert on_chain.status == NodeStatus.Jailed
    assert bytes(on_chain.spoofing_evidence) != bytes(32)


async def test_a_report_not_signed_by_the_agent_key_is_refused(world: World, tmp_path: Path) -> None:
    node, _, report = await world.node(GpuModel.Other)
    impostor = make_agent(node, Keypair(), report, cp.CpuBackend())
    with pytest.raises(IonetError, match="not signed by node"):
        await challenge(world, tmp_path, node, impostor)
    on_chain = await IonetClient(world.conn, Keypair()).node(node)
    assert on_chain.attestation.attested_at == 0


async def test_simulated_gpus_are_refused_unless_allowed(world: World, tmp_path: Path) -> None:
    node, key, report = await world.node(GpuModel.Other)
    with pytest.raises(IonetError, match="simulated"):
        await challenge(
            world, tmp_path, node, make_agent(node, key, report, cp.CpuBackend()), allow_simulated=False
        )


async def test_verifier_challenge_cli_prints_the_figures(world: World, tmp_path: Path) -> None:
    node, key, _ = await world.node(GpuModel.Other)
    report = gpus.simulated(GpuModel.Other, 1, label=str(node))
    async for url in serve(make_agent(node, key, report, cp.CpuBackend())):
        process = await asyncio.create_subprocess_exec(
            IONET, "--json", "--url", world.url, "--keypair", str(world.verifier_file),
            "verifier", "challenge", str(node), "--agent", url, "--n", "128", "--rounds", "3",
            "--allow-simulated", "--evidence-dir", str(tmp_path),
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        out, err = await asyncio.wait_for(process.communicate(), 120)
        assert process.returncode == 0, err.decode()
        body = json.loads(out)
        assert (body["passed"], body["attestation_passed"], body["n"], body["rounds"]) == (True, True, 128, 3)
        assert body["rtt_us"] > 0
        assert body["bandwidth_mbps"] > 0
