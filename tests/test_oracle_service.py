"""The oracle as its operator runs it: `ionet oracle run` as a process on loopback, the
registry on a validator process (the `local_validator` fixture), agents sending signed
heartbeats; refusals (bad signature, replay, wrong agent, unknown node, late, wrong
config); a SIGKILL mid-epoch and a restart that keeps everything acknowledged; epochs that
close into roots whose proofs verify with ionet_sdk.merkle; SIGTERM exits 0."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import time
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import aiohttp
import pytest
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk import merkle, pda, registry, token, tx
from ionet_sdk._generated.ionet_registry.accounts import EpochRoot, Node, RegistryConfig
from ionet_sdk._generated.ionet_registry.types import ConfigUpdateArgs
from ionet_sdk._generated.ionet_token.accounts import TokenConfig
from ionet_sdk.client import IonetClient
from ionet_sdk.cluster import save_keypair
from ionet_sdk.deploy import Plan, deploy
from ionet_sdk.heartbeat import Heartbeat, Receipt, SignedHeartbeat
from ionet_sdk.liveness import Epochs
from ionet_sdk.localnet import LocalValidator, free_port
from ionet_sdk.rpc import RpcConnection
from ionet_sdk.services.oracle.client import OracleClient, OracleRefusedError
from ionet_sdk.testing.registry import hardware

REPO = Path(__file__).resolve().parent.parent
IONET = str(REPO / ".venv" / "bin" / "ionet")
SOL = 1_000_000_000
EPOCH_SECS = 8


@dataclass
class Agent:
    node: Pubkey
    key: Keypair
    sequence: int = 0

    def beat(self, config: Pubkey, epoch_secs_genesis: tuple[int, int], **changes: int) -> SignedHeartbeat:
        genesis, secs = epoch_secs_genesis
        now = time.time()
        self.sequence += 1
        fields = {"epoch": int((now - genesis) // secs), "sequence": self.sequence, "timestamp": int(now)}
        fields.update(changes)
        return Heartbeat(config, self.node, self.key.pubkey(), **fields).sign(self.key)


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([IONET, *args], capture_output=True, text=True, check=False, timeout=120)


class OracleProcess:
    def __init__(self, tmp: Path, url: str, genesis: int | None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.keypair = Keypair()
        self.key_file = save_keypair(self.keypair, tmp / "oracle.json")
        self.log = tmp / "oracle.log"
        self.args = [
            IONET, "--url", url, "--keypair", str(self.key_file), "oracle", "run",
            "--port", str(self.port), "--db", str(tmp / "oracle.sqlite3"),
            "--coverage-secs", "2", "--max-skew-secs", "5", "--log-json",
        ]  # fmt: skip
        if genesis is not None:
            self.args += ["--genesis-time", str(genesis), "--epoch-secs", str(EPOCH_SECS)]
        self.process: subprocess.Popen[bytes] | None = None

    async def start(self) -> None:
        env = {**os.environ, "IONET_ORACLE_SETTLE_SECS": "0.5"}
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(self.args, stdout=log, stderr=subprocess.STDOUT, env=env)
        async with OracleClient(self.url, timeout=2) as client:
            for _ in range(300):
                if self.process.poll() is not None:
                    raise AssertionError(f"oracle exited: {self.log.read_text()[-2000:]}")
                try:
                    await client.info()
                    return
                except Exception:
                    await asyncio.sleep(0.1)
        raise AssertionError(f"oracle did not start: {self.log.read_text()[-2000:]}")

    def kill(self, sig: int = signal.SIGKILL) -> int:
        assert self.process is not None
        self.process.send_signal(sig)
        return self.process.wait(30)


@pytest.fixture(scope="module")
async def world(local_validator: LocalValidator) -> tuple[str, Keypair, dict[str, Agent], str]:
    """The programs deployed, three registered nodes (a, b, c) and one never registered (d)."""
    conn = RpcConnection(local_validator.url)
    deployer = local_validator.upgrade_authority
    await conn.request_airdrop(deployer.pubkey(), 100 * SOL)
    await deploy(conn, Plan(deployer=deployer, admin=deployer))
    agents: dict[str, Agent] = {}
    for i, name in enumerate("abc", start=1):
        operator, agent = Keypair(), Keypair()
        await conn.request_airdrop(operator.pubkey(), 10 * SOL)
        node = await IonetClient(conn, operator).register_node(
            operator, i, agent.pubkey(), hardware(label=f"oracle-{name}")
        )
        agents[name] = Agent(node, agent)
    agents["d"] = Agent(Pubkey.new_unique(), Keypair())
    await conn.close()
    return local_validator.url, deployer, agents, local_validator.kind


async def make_oracle(url: str, admin: Keypair, oracle: Keypair) -> None:
    """The registry's admin (the deployer here) makes `oracle` the only liveness oracle."""
    conn = RpcConnection(url)
    try:
        await conn.request_airdrop(oracle.pubkey(), 10 * SOL)
        config = await RegistryConfig.fetch(conn, pda.registry_config())
        assert config is not None
        args = ConfigUpdateArgs(
            admin=None, slashing_authority=None, job_authority=None, verifiers=None,
            params=replace(config.params, oracle_quorum=1), oracles=[oracle.pubkey()],
        )  # fmt: skip
        await tx.send(conn, [registry.build_config_update_ix(admin.pubkey(), args)], admin)
    finally:
        await conn.close()


async def test_the_oracle_end_to_end(
    world: tuple[str, Keypair, dict[str, Agent], str], tmp_path: Path
) -> None:
    url, admin, agents, kind = world
    a, b, c, d = (agents[k] for k in "abcd")
    config = pda.registry_config()
    # Epochs of EPOCH_SECS; a fresh one starts in a second (the index stays positive).
    start = int(time.time()) + 2
    genesis = start - 1000 * EPOCH_SECS
    clock = (genesis, EPOCH_SECS)
    oracle = OracleProcess(tmp_path, url, genesis)
    await make_oracle(url, admin, oracle.keypair)
    await oracle.start()
    receipts: list[Receipt] = []

    async def refused(client: OracleClient, signed: SignedHeartbeat, code: str) -> None:
        with pytest.raises(OracleRefusedError) as caught:
            await client.send(signed)
        assert caught.value.code == code, caught.value

    await asyncio.sleep(max(0.0, start - time.time()) + 0.2)
    async with OracleClient(oracle.url) as client:
        info = await client.info()
        assert (info.oracle, info.config) == (oracle.keypair.pubkey(), config)
        receipts.append(await client.send(a.beat(config, clock)))
        receipts.append(await client.send(b.beat(config, clock)))
        first = a.beat(config, clock)
        receipts.append(await client.send(first))
        await refused(client, first, "replay")  # the same signed heartbeat again
        await refused(client, a.beat(config, clock, sequence=1), "replay")  # an old sequence, re-signed
        # c's heartbeat signed by a key that is not c's registered agent.
        impostor = Agent(c.node, Keypair())
        await refused(client, impostor.beat(config, clock), "wrong_agent")
        # Names c's agent but another key signed: the signature fails.
        message = c.beat(config, clock).message
        forged = SignedHeartbeat.from_bytes(message + bytes(Keypair().sign_message(message)))
        await refused(client, forged, "bad_signature")
        await refused(client, d.beat(config, clock), "unknown_node")
        await refused(client, a.beat(config, clock, timestamp=int(time.time()) - 120), "late")
        await refused(
            client, Agent(a.node, a.key, a.sequence).beat(Pubkey.new_unique(), clock), "wrong_config"
        )
        # A batch: accepted and refused side by side, in order.
        batch = [a.beat(config, clock), b.beat(config, clock), first]
        results = await client.send_batch(batch)
        assert isinstance(results[0], Receipt) and isinstance(results[1], Receipt)
        assert isinstance(results[2], OracleRefusedError) and results[2].code == "replay"
        receipts += [r for r in results if isinstance(r, Receipt)]

    # Killed mid-epoch, restarted on the same database: nothing acknowledged is lost, and
    # the replay guard survives.
    assert oracle.kill(signal.SIGKILL) == -signal.SIGKILL
    await oracle.start()
    async with OracleClient(oracle.url) as client:
        await client.info()
        # The last accepted sequence, re-signed for the current epoch: still a replay.
        await refused(client, a.beat(config, clock, sequence=batch[0].heartbeat.sequence), "replay")
        receipts.append(await client.send(a.beat(config, clock)))
        # The next epoch: a keeps going, b is silent (absent).
        last = max(r.epoch for r in receipts)
        await asyncio.sleep(max(0.0, genesis + (last + 1) * EPOCH_SECS - time.time()) + 0.3)
        receipts.append(await client.send(a.beat(config, clock)))
        final = receipts[-1].epoch
        assert final > max(r.epoch for r in receipts if r.node == b.node)
        # Wait for the oracle to close the final epoch.
        for _ in range(int(EPOCH_SECS * 10) + 100):
            if await client.root(final) is not None:
                break
            await asyncio.sleep(0.1)
        first_epoch = min(r.epoch for r in receipts)
        counts = Counter((r.node, r.epoch) for r in receipts)
        for epoch in range(first_epoch, final + 1):
            found = await client.root(epoch)
            assert found is not None, f"epoch {epoch} not closed"
            _, root, leaf_count, _ = found
            assert leaf_count == 2  # a and b; c, d never accepted
            for agent in (a, b):
                proof = await client.node_proof(epoch, agent.node)
                assert proof is not None
                assert merkle.verify(root, proof.leaf_bytes, proof.proof)  # again, by hand
                leaf = proof.leaf
                assert leaf.epoch == epoch and leaf.agent == agent.key.pubkey()
                acknowledged = sum(n for (node, e), n in counts.items() if node == agent.node and e <= epoch)
                assert leaf.heartbeats == acknowledged
                end = genesis + (epoch + 1) * EPOCH_SECS
                if counts[(agent.node, epoch)] == 0:
                    assert leaf.epoch_uptime_secs == 0
                elif any(
                    r.node == agent.node and r.epoch == epoch and r.received_at + 1 < end for r in receipts
                ):
                    # (one received in the epoch's last second may credit less than a second)
                    assert 0 < leaf.epoch_uptime_secs <= EPOCH_SECS
            for stranger in (c, d):
                assert await client.node_proof(epoch, stranger.node) is None
        silent = await client.node_proof(final, b.node)
        assert silent is not None and silent.leaf.epoch_uptime_secs == 0
        assert silent.leaf.uptime_secs < silent.leaf.observed_secs
        root_of_final = (await client.root(final) or (0, b""))[1]

    # The same through the command line: the agent's loop, a proof, the root to commit.
    agent_file = save_keypair(a.key, tmp_path / "agent.json")
    sent = await asyncio.to_thread(
        cli, "--json", "--keypair", str(agent_file), "agent", "heartbeat", str(a.node),
        "--oracle", oracle.url, "--count", "2", "--interval", "0.2",
    )  # fmt: skip
    assert json.loads(sent.stdout)["receipts"] == 2, sent.stderr
    shown = await asyncio.to_thread(
        cli, "--json", "oracle", "proof", str(a.node), "--epoch", str(final), "--oracle", oracle.url
    )
    assert json.loads(shown.stdout)["root"] == root_of_final.hex(), shown.stderr
    printed = await asyncio.to_thread(
        cli, "--json", "oracle", "root", "--epoch", str(final), "--oracle", oracle.url
    )
    assert json.loads(printed.stdout)["root"] == root_of_final.hex(), printed.stderr
    if kind == "ionet":  # a clock that ionetWarp moves past the challenge window
        # Anyone syncs a's node to the oracle's on-chain root with the oracle's proof.
        conn = RpcConnection(url)
        for _ in range(100):
            if await EpochRoot.fetch(conn, pda.epoch_root(final)) is not None:
                break
            await asyncio.sleep(0.1)
        config_now = await RegistryConfig.fetch(conn, pda.registry_config())
        assert config_now is not None
        await conn.warp(config_now.params.root_challenge_secs)
        payer = save_keypair(admin, tmp_path / "payer.json")
        synced = await asyncio.to_thread(
            cli, "--url", url, "--keypair", str(payer), "node", "sync", str(a.node),
            "--oracle", oracle.url, "--epoch", str(final),
        )  # fmt: skip
        assert synced.returncode == 0, synced.stderr
        node_now = await Node.fetch(conn, a.node)
        await conn.close()
        assert node_now is not None and node_now.synced_epoch == final > 0
    intruder = await asyncio.to_thread(
        cli, "--keypair", str(save_keypair(Keypair(), tmp_path / "x.json")), "agent", "heartbeat",
        str(a.node), "--oracle", oracle.url, "--count", "1",
    )  # fmt: skip
    assert intruder.returncode == 1 and "wrong_agent 1" in intruder.stdout
    async with aiohttp.ClientSession() as session, session.get(oracle.url + "/v1/health") as health:
        assert health.status == 200 and (await health.json())["status"] == "ok"
    assert oracle.kill(signal.SIGTERM) == 0

    # Without an epoch clock in its settings, the oracle reads the IO token's.
    conn = RpcConnection(url)
    token_config = await TokenConfig.fetch(conn, token.CONFIG)
    await conn.close()
    assert token_config is not None
    second = tmp_path / "second"
    second.mkdir()
    chain_clock = OracleProcess(second, url, None)
    await chain_clock.start()
    async with OracleClient(chain_clock.url) as client:
        info = await client.info()
    assert info.epochs == Epochs(token_config.genesis_time, token_config.epoch_secs)
    assert chain_clock.kill(signal.SIGTERM) == 0
    events = [
        json.loads(line)["event"] for line in oracle.log.read_text().splitlines() if line.startswith("{")
    ]
    assert events.count("started") == 2 and events[-1] == "stopped"
    # Each closed epoch's root was voted on-chain by the oracle (quorum 1 here).
    assert "root_committed" in events and "root_commit_failed" not in events, oracle.log.read_text()[-2000:]
    conn = RpcConnection(url)
    record = await EpochRoot.fetch(conn, pda.epoch_root(final))
    await conn.close()
    assert record is not None and record.voters == [oracle.keypair.pubkey()]
    assert bytes(record.proposals[record.accepted].root) == root_of_final and record.quorum_at > 0
