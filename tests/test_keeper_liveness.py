"""The keeper's liveness and reward steps on a validator process (real SBF programs over
JSON-RPC) with a real oracle serving leaves over HTTP: it opens reward accounts, syncs
nodes to the committed root only with leaves that hash to the on-chain root, accrues, and
resolves rewards the operator then claims; two keepers at once never fail each other."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from aiohttp import web
from solders.keypair import Keypair

from ionet_sdk import pda, spl, token
from ionet_sdk._generated.ionet_registry.accounts import EpochRoot
from ionet_sdk._generated.ionet_registry.types import NodeAttestArgs, NodeStatus
from ionet_sdk._generated.ionet_token.accounts import Reward
from ionet_sdk.cluster import save_keypair
from ionet_sdk.heartbeat import Heartbeat
from ionet_sdk.liveness import Epochs
from ionet_sdk.localnet import free_port
from ionet_sdk.services.agent.gpus import simulated
from ionet_sdk.services.keeper.service import Keeper, Outcome
from ionet_sdk.services.network import MODEL, SOL, Network, NetworkSettings
from ionet_sdk.services.oracle.config import OracleConfig
from ionet_sdk.services.oracle.directory import Directory
from ionet_sdk.services.oracle.service import Oracle
from ionet_sdk.services.oracle.store import Store


def results(outcomes: list[Outcome], step: str) -> Counter[str]:
    return Counter(o.result for o in outcomes if o.step == step)


def done(outcomes: list[Outcome], step: str) -> list[str]:
    return [o.target for o in outcomes if o.step == step and o.result == "done"]


def no_failures(outcomes: list[Outcome]) -> None:
    failed = [o for o in outcomes if o.result == "failed"]
    assert not failed, failed


@asynccontextmanager
async def serving(
    net: Network, key: Keypair, db: Path, clock: Callable[[], float]
) -> AsyncIterator[tuple[Oracle, str]]:
    """A real oracle (its HTTP API and writer) on `clock`, voting roots to the network's chain."""
    config = await net.client().token_config()
    cfg = OracleConfig(keypair=save_keypair(key, db.with_suffix(".json")), db=db)
    oracle = Oracle(
        cfg, key, pda.registry_config(), Epochs(config.genesis_time, config.epoch_secs), Store(db),
        Directory(net.conn, 0.0), chain=net.conn, clock=clock,
    )  # fmt: skip
    runner = web.AppRunner(oracle.app())
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    writer = asyncio.create_task(oracle.writer())
    try:
        yield oracle, f"http://127.0.0.1:{port}"
    finally:
        oracle.queue.put_nowait(None)
        await writer
        await runner.cleanup()
        oracle.store.close()


async def test_keepers_sync_nodes_with_checked_leaves_and_resolve_claimable_rewards(tmp_path: Path) -> None:
    async with Network(tmp_path, NetworkSettings(gpus=(1, 2, 1)), frozen_clock=True) as net:
        await net.deploy()
        await net.fund()
        await net.register()
        client = net.client()
        for op in net.operators:  # what the verifier service records
            report = simulated(MODEL, op.gpus, 24, label=str(op.address))
            await client.attest(
                net.verifier_key, op.address,
                NodeAttestArgs(
                    gpu_model=MODEL, gpu_count=op.gpus, vram_gb_per_gpu=report.vram_gb_per_gpu,
                    measured_tflops=200, rtt_us=500, packet_loss_bps=0, bandwidth_mbps=10_000,
                    fingerprint=list(report.fingerprint),
                ),
            )  # fmt: skip
        epochs = Epochs((await client.token_config()).genesis_time, net.settings.epoch_secs)
        # Epoch 0 cannot be synced (a node's `synced_epoch` starts at 0): heartbeats of epoch 1.
        await net.conn.warp(epochs.end(epochs.epoch_at(await net.now())) - await net.now() + 1)
        epoch = epochs.epoch_at(start := await net.now())
        assert epoch >= 1
        now = [float(start)]
        keepers = []
        for _ in range(2):
            payer = Keypair()
            await net.conn.request_airdrop(payer.pubkey(), 10 * SOL)
            keepers.append(payer)
        liar_key = Keypair()
        async with (
            serving(net, net.oracle_key, tmp_path / "oracle.sqlite3", lambda: now[0]) as (oracle, url),
            serving(net, liar_key, tmp_path / "liar.sqlite3", lambda: now[0]) as (liar, liar_url),
        ):
            # Every agent heartbeats to the oracle through the epoch; the other oracle (not
            # one of the registry's) hears only the first node, so its tree differs.
            for t in range(1, epochs.epoch_secs - 5, 10):
                now[0] = epochs.start(epoch) + t
                for i, op in enumerate(net.operators):
                    beat = Heartbeat(
                        pda.registry_config(), op.address, op.agent.pubkey(), epoch, t * 10 + i, int(now[0])
                    ).sign(op.agent)
                    [receipt] = await oracle.accept([beat.to_bytes()])
                    assert isinstance(receipt, bytes), receipt
                    if i == 0:
                        await liar.accept([beat.to_bytes()])
            now[0] = epochs.end(epoch) + 2
            assert await oracle.close(epoch) is not None  # the root, voted on-chain (quorum 1)
            assert await liar.close(epoch) is not None  # served over HTTP, never accepted on-chain

            every_node = Counter(f"node {op.address}" for op in net.operators)
            a = Keeper(net.conn, keepers[0], oracles=[liar_url, url])
            b = Keeper(net.conn, keepers[1], oracles=[url])
            first = await a.tick()
            no_failures(first)
            # Reward accounts open before any sync, so no proven point is lost; the root is
            # not in effect yet (its challenge window), so nobody is synced.
            assert sorted(done(first, "open_rewards")) == sorted(f"node {op.address}" for op in net.operators)
            assert not results(first, "sync_nodes")

            await net.conn.warp(net.settings.root_challenge_secs)
            # A keeper that only knows the other oracle fetches leaves that prove against
            # its own root, not the chain's: it sends nothing.
            only_liar = await Keeper(net.conn, keepers[0], oracles=[liar_url]).tick()
            assert results(only_liar, "sync_nodes") == Counter({"skipped": 3})

            both = [*await asyncio.gather(a.tick(), b.tick())]
            out = both[0] + both[1]
            no_failures(out)
            assert Counter(done(out, "sync_nodes")) == every_node
            nodes = await net.nodes()
            for op in net.operators:
                node = nodes[op.address]
                assert node.synced_epoch == epoch
                assert node.proven_availability_points > 0
                assert node.status == NodeStatus.Active

            out = [o for pair in await asyncio.gather(a.tick(), b.tick()) for o in pair]
            no_failures(out)
            assert Counter(done(out, "accrue_rewards")) == every_node
            assert not results(await a.tick(), "accrue_rewards")  # nothing new: nothing sent

            # The epoch ends: it is minted, and the next accrual resolves its bucket (no lock
            # in this network's token config), so the operator can claim.
            await net.conn.warp(net.settings.epoch_secs)
            out = [o for _ in range(2) for pair in await asyncio.gather(a.tick(), b.tick()) for o in pair]
            no_failures(out)
            assert Counter(done(out, "mint_epochs")) == Counter({f"epochs from {epoch + 1}": 1})
            assert Counter(done(out, "accrue_rewards")) == every_node
            op = net.operators[1]
            reward = await Reward.fetch(net.conn, token.reward_account(op.address))
            assert reward is not None and reward.locked > 0
            owner = net.client(op.operator)
            await owner.claim_rewards(op.operator, op.address)
            info = await net.conn.get_account(spl.ata(op.operator.pubkey(), token.MINT))
            assert info is not None
            assert int.from_bytes(bytes(info.data)[64:72], "little") == reward.locked

            # A later root: once it is in effect the keepers sync every node to it and close
            # the superseded record (its rent back to the oracle), each exactly once.
            now[0] = epochs.end(epoch + 1) + 2
            assert await oracle.close(epoch + 1) is not None  # no heartbeat: leaves carried
            later = epoch + 2
            for t in range(1, epochs.epoch_secs - 5, 10):
                now[0] = epochs.start(later) + t
                for i, op in enumerate(net.operators):
                    beat = Heartbeat(
                        pda.registry_config(), op.address, op.agent.pubkey(), later, 10_000 + t * 10 + i,
                        int(now[0]),
                    ).sign(op.agent)  # fmt: skip
                    await oracle.accept([beat.to_bytes()])
            now[0] = epochs.end(later) + 2
            assert await oracle.close(later) is not None
            await net.conn.warp(net.settings.root_challenge_secs)
            # An operator claims by proof before any keeper: `ionet rewards claim --oracle`
            # syncs its node to the newest root in effect, accrues and pays in one transaction.
            op = net.operators[2]
            locked = (await Reward.fetch(net.conn, token.reward_account(op.address))).locked  # type: ignore[union-attr]
            claimed = json.loads(
                await net.cli(
                    f"{op.name}-operator", "--json", "rewards", "claim", str(op.address), "--oracle", url
                )
            )
            assert claimed["synced_epoch"] == later and claimed["paid"] == locked > 0
            assert (await net.nodes())[op.address].synced_epoch == later
            out = [o for _ in range(2) for pair in await asyncio.gather(a.tick(), b.tick()) for o in pair]
            no_failures(out)
            assert Counter(done(out, "sync_nodes")) == every_node - Counter([f"node {op.address}"])
            assert Counter(done(out, "close_roots")) == Counter({f"epoch root(s) {epoch}..{epoch + 1}": 1})
            assert await EpochRoot.fetch(net.conn, pda.epoch_root(epoch)) is None
            assert await EpochRoot.fetch(net.conn, pda.epoch_root(later)) is not None
            assert all(n.synced_epoch == later for n in (await net.nodes()).values())
