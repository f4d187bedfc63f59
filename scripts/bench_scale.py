#!/usr/bin/env python3
"""Liveness at the seeds' scale: the per-minute on-chain heartbeat ionet had until it was
removed, against signed off-chain heartbeats, oracle-committed epoch roots and lazy claims
(docs/liveness.md).

    python scripts/bench_scale.py --nodes 200000 [--load-heartbeats 60000] [--load-seconds 60]

One run, printed side by side. The baseline column is the removed `node_heartbeat`
instruction: its compute units (3,060 CU) were measured by this script on commit 823267e
and are recorded here, not re-measured (the instruction no longer exists); its traffic
(one transaction per node per minute, 1,440 a day, 5,000 lamports per signature) is
arithmetic. Measured here: the oracle's aggregation of an epoch and its 200,000-leaf
tree (the oracle's own code: `epoch_leaves`, `MerkleTree`, the SQLite save); proof bytes;
the heartbeats per second one oracle process (aiohttp + SQLite WAL, FULL sync, group
commit) verifies, stores and answers with signed receipts, driven by a load generator in a
second process on loopback; `node_sync` and `liveness_root_commit` on LiteSVM with real
proofs of a tree of `--nodes` leaves (`--sync-sample` nodes synced), and the weekly
sync+claim transaction (`node_sync` + `rewards_accrue` + `rewards_claim`, paying a real
unlocked tranche) for as many nodes. Assumed and said: the traffic (root commits per
epoch, one sync+claim per node per week). A measurement, not a test:
it exits 0 whatever the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import math
import multiprocessing
import os
import random
import socket
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp
from solders.account import Account
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk import merkle, pda, registry, token
from ionet_sdk._generated.ionet_registry.constants import NODE_SEED
from ionet_sdk._generated.ionet_token import events as token_events
from ionet_sdk.cluster import save_keypair
from ionet_sdk.defaults import TOKEN_PARAMS
from ionet_sdk.heartbeat import Heartbeat
from ionet_sdk.liveness import Epochs, LivenessLeaf
from ionet_sdk.programs import REGISTRY_ID
from ionet_sdk.services.oracle import service
from ionet_sdk.services.oracle.aggregate import epoch_leaves
from ionet_sdk.services.oracle.config import OracleConfig
from ionet_sdk.services.oracle.directory import NodeEntry
from ionet_sdk.services.oracle.store import EpochRow, Store
from ionet_sdk.testing.registry import RegistrySandbox

LAMPORTS_PER_SIGNATURE = 5_000
SOL = 1_000_000_000
DAY = 86_400
HEARTBEAT_SECS = 60  # the agent's cadence (REGISTRY_PARAMS.heartbeat_interval_secs)
RECORDED_HEARTBEAT_CU = 3_060
"""CU of one on-chain `node_heartbeat` (an Active node, a minute after its previous one),
measured by this script on commit 823267e; the instruction was removed since."""
EPOCH_SECS = 3_600
ORACLES = 5  # n: each commits its root every epoch (m = 3 must agree)
CLAIM_DAYS = 7  # a node syncs and claims once a week (one transaction, one signature)


# --- the new design's on-chain sync, measured


async def measure_sync_cu(leaves: int, sample: int) -> dict[str, float]:
    """`node_sync` on LiteSVM with real proofs: a tree of `leaves` leaves (sorted by node
    address, as the oracle builds it), `sample` of them real registry nodes, its root
    voted by a 1-of-1 oracle set and past its challenge window; each sample node synced
    once. Also the CU of the root vote that creates the epoch's record."""
    env = await RegistrySandbox().setup()
    await env.set_oracles(1, quorum=1)
    real = await env.register()
    template = await env.node(real)
    info = await env.conn.get_account(real.address)
    assert info is not None
    operator = real.operator.pubkey()
    rng = random.Random(11)
    epoch = 500_000
    mine: list[LivenessLeaf] = []
    for i in range(sample):
        node_id = 10_000 + i
        address, bump = Pubkey.find_program_address(
            [NODE_SEED, bytes(operator), node_id.to_bytes(8, "little")], REGISTRY_ID
        )
        agent = Pubkey.new_unique()
        data = dataclasses.replace(template, agent=agent, node_id=node_id, bump=bump).encode()
        env.conn.svm.set_account(address, Account(info.lamports, data, REGISTRY_ID, False, 0))
        mine.append(
            LivenessLeaf(address, agent, epoch, 3_000 * 24, 3_600 * 24, 10**9, 60 * 24, 0, 3_000, 24, 0, 8)
        )
    others = [
        LivenessLeaf(
            Pubkey.from_bytes(rng.randbytes(32)), Pubkey.new_unique(), epoch, 0, 0, 0, 0, 0, 0, 0, 0, 8
        )
        for _ in range(leaves - sample)
    ]
    ordered = sorted([*mine, *others], key=lambda leaf: bytes(leaf.node))
    raw = [leaf.to_bytes() for leaf in ordered]
    tree = merkle.MerkleTree(raw)
    position = {bytes(leaf.node): i for i, leaf in enumerate(ordered)}
    vote = await env.vote_root(env.oracles[0], epoch, tree)
    env.conn.warp(env.config.params.root_challenge_secs)
    units: list[int] = []
    siblings: list[int] = []
    for leaf in mine:
        proof = tree.proof(position[bytes(leaf.node)])
        ix = registry.build_node_sync_ix(leaf.node, epoch, leaf.to_bytes(), proof)
        units.append((await env.send([ix], env.payer)).compute_units)
        siblings.append(len(proof.siblings))
    return {
        "mean": sum(units) / len(units),
        "max": max(units),
        "min": min(units),
        "synced": len(units),
        "siblings": max(siblings),
        "commit_cu": vote.compute_units,
    }


async def measure_claim_cu(leaves: int, sample: int) -> dict[str, float]:
    """The weekly sync+claim transaction, measured on LiteSVM in steady state: one
    transaction of `node_sync` (a real proof), `rewards_accrue` (resolving last week's
    minted bucket into a locked tranche) and `rewards_claim` (paying the tranche whose
    lock, `reward_lock_secs`, has passed), signed by the operator, for `sample` nodes.

    Set-up per node (not measured): synced to epoch root E1 and accrued in IO epoch e0;
    e0 minted; synced to E2 and accrued in e1 (which resolves e0 into a locked tranche);
    e1 minted; the lock passed and every ended epoch minted. The measured transaction then
    syncs to E3 (a tree of `leaves` leaves, the sample among them), resolves e1 and pays
    e0's tranche. Roots: 1-of-1 oracle set."""
    env = await RegistrySandbox().setup()
    await env.set_oracles(1, quorum=1)
    real = await env.register()
    template = await env.node(real)
    info = await env.conn.get_account(real.address)
    assert info is not None
    operator = real.operator
    destination = await env.io.account(operator)
    nodes: list[tuple[Pubkey, Pubkey]] = []
    for i in range(sample):
        node_id = 20_000 + i
        address, bump = Pubkey.find_program_address(
            [NODE_SEED, bytes(operator.pubkey()), node_id.to_bytes(8, "little")], REGISTRY_ID
        )
        agent = Pubkey.new_unique()
        data = dataclasses.replace(template, agent=agent, node_id=node_id, bump=bump).encode()
        env.conn.svm.set_account(address, Account(info.lamports, data, REGISTRY_ID, False, 0))
        await env.send([token.build_rewards_open_ix(address, env.payer.pubkey())], env.payer)
        nodes.append((address, agent))

    week = 0

    rng = random.Random(13)

    async def root(epoch: int, size: int = 0) -> tuple[merkle.MerkleTree, dict[bytes, int], list[bytes]]:
        """Epoch `epoch`'s root over the sample's leaves, padded to `size` leaves."""
        nonlocal week
        week += 1
        now = await env.io.now()
        mine = [
            LivenessLeaf(
                address, agent, epoch, 3_000 * week, 3_600 * week, 144_000 * week, 60 * week,
                now, 3_000, week, 0, 8,
            )
            for address, agent in nodes
        ]  # fmt: skip
        mine += [
            LivenessLeaf(
                Pubkey.from_bytes(rng.randbytes(32)), Pubkey.new_unique(), epoch, 0, 0, 0, 0, 0, 0, 0, 0, 8
            )
            for _ in range(size - len(mine))
        ]
        ordered = sorted(mine, key=lambda leaf: bytes(leaf.node))
        raw = [leaf.to_bytes() for leaf in ordered]
        tree = merkle.MerkleTree(raw)
        await env.vote_root(env.oracles[0], epoch, tree)
        env.conn.warp(env.config.params.root_challenge_secs)
        return tree, {bytes(leaf.node): i for i, leaf in enumerate(ordered)}, raw

    def sync_ix(
        address: Pubkey, epoch: int, built: tuple[merkle.MerkleTree, dict[bytes, int], list[bytes]]
    ) -> Any:
        tree, position, raw = built
        i = position[bytes(address)]
        return registry.build_node_sync_ix(address, epoch, raw[i], tree.proof(i))

    async def current_epoch() -> int:
        config = await env.io.config()
        return (await env.io.now() - config.genesis_time) // config.epoch_secs

    async def mint_ended() -> None:
        """Warp to the end of the current IO epoch and mint every ended one."""
        config = await env.io.config()
        env.conn.warp(
            config.genesis_time + (await current_epoch() + 1) * config.epoch_secs - await env.io.now()
        )
        ended = await current_epoch()
        while (await env.io.config()).epochs_minted < ended:
            await env.io.crank()

    e1 = await root(1)
    first = await current_epoch()
    for address, _ in nodes:
        await env.send([sync_ix(address, 1, e1), token.build_rewards_accrue_ix(address)], env.payer)
    await mint_ended()
    e2 = await root(2)
    second = await current_epoch()
    for address, _ in nodes:
        await env.send([sync_ix(address, 2, e2), token.build_rewards_accrue_ix(address, [first])], env.payer)
    await mint_ended()
    # Past the lock, a day at a time: the emission's circuit breaker bounds a day's minting.
    for _ in range(TOKEN_PARAMS.reward_lock_secs // DAY + 1):
        env.conn.warp(DAY - EPOCH_SECS)
        await mint_ended()
    e3 = await root(3, leaves)
    units: list[int] = []
    paid = 0
    for address, _ in nodes:
        ixs = [
            sync_ix(address, 3, e3),
            token.build_rewards_accrue_ix(address, [second]),
            token.build_rewards_claim_ix(address, operator.pubkey(), destination, []),
        ]
        result = await env.send(ixs, operator)
        units.append(result.compute_units)
        paid += sum(
            e.paid for e in token_events.parse_logs(result.logs) if isinstance(e, token_events.RewardsClaimed)
        )
    assert paid > 0, "the measured claims paid nothing: the set-up is wrong"
    return {
        "mean": sum(units) / len(units),
        "max": max(units),
        "claimed": len(units),
        "paid": paid,
    }


# --- the oracle's epoch


def synthetic_epoch(nodes: int, beats: int, epochs: Epochs, epoch: int) -> tuple[list[bytes], Any]:
    """Previous-epoch leaves for every node, and this epoch's receive times: every node
    heard `beats` times at the cadence, a tenth of them silent (absent)."""
    rng = random.Random(7)
    keys = sorted(rng.randbytes(32) for _ in range(nodes))
    agent = Pubkey.new_unique()
    previous = [
        LivenessLeaf(Pubkey.from_bytes(k), agent, epoch - 1, 3000, 3600, 10**9, 60, epochs.start(epoch) - 30, 3000, 1, 0, 8)
        .to_bytes()
        for k in keys
    ]  # fmt: skip
    start = epochs.start(epoch)

    def heard() -> Any:
        for i, k in enumerate(keys):
            if i % 10 == 9:
                continue
            offset = rng.random() * 10
            for b in range(beats):
                yield k, start + offset + b * (EPOCH_SECS / beats), b

    return previous, heard


def bench_epoch(nodes: int, beats: int) -> dict[str, float]:
    epochs = Epochs(0, EPOCH_SECS)
    epoch = 500_000
    previous, heard = synthetic_epoch(nodes, beats, epochs, epoch)
    entries = {
        bytes(LivenessLeaf.from_bytes(p).node): NodeEntry(Pubkey.new_unique(), 2, 0, 8, 0.0) for p in previous
    }
    t0 = time.perf_counter()
    leaves = epoch_leaves(
        epoch, epochs=epochs, coverage=90.0, previous=previous, heard=heard(), nodes=entries
    )
    t1 = time.perf_counter()
    raw = [leaf.to_bytes() for leaf in leaves]
    tree = merkle.MerkleTree(raw)
    t2 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "epoch.sqlite3")
        keys = [bytes(leaf.node) for leaf in leaves]
        store.save_epoch(
            EpochRow(epoch, tree.root, tree.leaf_count, b"", 0.0), zip(keys, raw, strict=True), 0
        )
        t3 = time.perf_counter()
        store.close()
    worst = max(len(tree.proof(i).siblings) for i in (0, len(raw) // 2, len(raw) - 1))
    proof = tree.proof(len(raw) // 3)
    assert merkle.verify(tree.root, raw[len(raw) // 3], proof)
    return {
        "heartbeats": (nodes - nodes // 10) * beats,
        "aggregate_s": t1 - t0,
        "tree_s": t2 - t1,
        "save_s": t3 - t2,
        "proof_siblings": worst,
        "proof_bytes": 8 + 32 * worst,
        "leaf_bytes": len(raw[0]),
        "verify_cu": merkle.verify_cu(
            dataclasses.replace(proof, siblings=(b"\x00" * 32,) * worst), len(raw[0])
        ),
    }


# --- the oracle under load


def load_generator(  # noqa: PLR0917 (a Process target takes positional args)
    url: str, signed: list[bytes], batch: int, concurrency: int, seconds: float, out: Any
) -> None:
    """A second process: send pre-signed heartbeats (`batch` per request; 1 = the single
    endpoint) from `concurrency` connections until done or `seconds` pass."""

    async def main() -> tuple[int, int, float]:
        accepted = refused = 0
        chunks = [signed[i : i + batch] for i in range(0, len(signed), batch)]
        queue: asyncio.Queue[list[bytes]] = asyncio.Queue()
        for c in chunks:
            queue.put_nowait(c)
        deadline = time.monotonic() + seconds
        path = "/v1/heartbeat" if batch == 1 else "/v1/heartbeats"
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency)) as session:

            async def worker() -> None:
                nonlocal accepted, refused
                while not queue.empty() and time.monotonic() < deadline:
                    chunk = queue.get_nowait()
                    async with session.post(url + path, data=b"".join(chunk)) as response:
                        body = await response.json(content_type=None)
                    results = body.get("results", [body])
                    ok = sum(1 for r in results if "receipt" in r)
                    accepted += ok
                    refused += len(results) - ok

            t0 = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(concurrency)))
            return accepted, refused, time.perf_counter() - t0

    out.put(asyncio.run(main()))


async def bench_oracle(
    total: int, nodes: int, batch: int, concurrency: int, seconds: float
) -> dict[str, float]:
    """One oracle (this process) against the load generator (another process)."""
    sandbox = await RegistrySandbox().setup()
    real = await sandbox.register()
    template = await sandbox.node(real)
    info = await sandbox.conn.get_account(real.address)
    assert info is not None
    agents = [Keypair() for _ in range(nodes)]
    addresses = [pda.node(real.operator.pubkey(), 1_000 + i) for i in range(nodes)]
    # Copies of the node the program registered, each with its own agent key.
    for address, agent in zip(addresses, agents, strict=True):
        data = dataclasses.replace(template, agent=agent.pubkey()).encode()
        sandbox.conn.svm.set_account(address, Account(info.lamports, data, REGISTRY_ID, False, 0))
    now = time.time()
    epochs = Epochs(int(now) - EPOCH_SECS * 1000 - 600, EPOCH_SECS)  # 10 minutes into an epoch
    epoch = epochs.epoch_at(now)
    config = pda.registry_config()
    per_node = math.ceil(total / nodes)
    signed: list[bytes] = []
    for round_ in range(per_node):
        for address, agent in zip(addresses, agents, strict=True):
            beat = Heartbeat(config, address, agent.pubkey(), epoch, round_ + 1, int(now))
            signed.append(beat.sign(agent).to_bytes())
    signed = signed[:total]
    with tempfile.TemporaryDirectory() as tmp:
        port = _free_port()
        cfg = OracleConfig(
            keypair=save_keypair(Keypair(), Path(tmp) / "oracle.json"),
            port=port,
            db=Path(tmp) / "oracle.sqlite3",
            genesis_time=epochs.genesis_time,
            epoch_secs=EPOCH_SECS,
            max_skew_secs=900.0,  # the heartbeats were signed before the run
        )
        stop = asyncio.Event()
        task = asyncio.create_task(service.run(cfg, stop, conn=sandbox.conn))
        url = f"http://127.0.0.1:{port}"
        async with aiohttp.ClientSession() as session:
            for _ in range(200):
                try:
                    async with session.get(url + "/v1/health") as response:
                        if response.status == 200:
                            break
                except aiohttp.ClientError:
                    await asyncio.sleep(0.05)
        ctx = multiprocessing.get_context("spawn")
        out = ctx.Queue()
        child = ctx.Process(target=load_generator, args=(url, signed, batch, concurrency, seconds, out))
        child.start()
        accepted, refused, elapsed = await asyncio.to_thread(out.get)
        child.join()
        stored = await asyncio.to_thread(lambda: Store(cfg.db).count_heartbeats())
        stop.set()
        await task
    return {
        "accepted": accepted,
        "refused": refused,
        "seconds": elapsed,
        "per_s": accepted / elapsed if elapsed else 0.0,
        "stored": stored,
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- the report


def row(name: str, baseline: str, new: str, how: str) -> None:
    print(f"| {name} | {baseline} | {new} | {how} |")


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--nodes", type=int, default=200_000)
    parser.add_argument("--beats", type=int, default=60, help="heartbeats per node in the aggregated epoch")
    parser.add_argument(
        "--load-heartbeats", type=int, default=60_000, help="heartbeats the load generator sends"
    )
    parser.add_argument("--load-nodes", type=int, default=2_000, help="distinct nodes in the load")
    parser.add_argument("--load-seconds", type=float, default=60.0, help="the load's time limit")
    parser.add_argument("--batch", type=int, default=100, help="heartbeats per request (batched load)")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--sync-sample", type=int, default=1_000, help="nodes synced on LiteSVM")
    args = parser.parse_args()
    n = args.nodes
    print(f"# bench_scale: {n:,} nodes   (load average before: {_loadavg()}, {os.cpu_count()} CPUs)")

    heartbeat_cu = RECORDED_HEARTBEAT_CU
    sync = await measure_sync_cu(n, min(args.sync_sample, n))
    claim = await measure_claim_cu(n, min(args.sync_sample, n))
    epoch = bench_epoch(n, args.beats)
    single = batched = None
    if not args.skip_load:
        single = await bench_oracle(
            min(args.load_heartbeats, 20_000), args.load_nodes, 1, args.concurrency, args.load_seconds
        )
        batched = await bench_oracle(
            args.load_heartbeats, args.load_nodes, args.batch, args.concurrency, args.load_seconds
        )

    onchain_tx = n * DAY // HEARTBEAT_SECS
    onchain_lamports = onchain_tx * LAMPORTS_PER_SIGNATURE
    commits = ORACLES * DAY // EPOCH_SECS
    claims = n / CLAIM_DAYS
    new_tx = commits + claims
    new_lamports = new_tx * LAMPORTS_PER_SIGNATURE
    onchain_per_node = onchain_lamports / n
    new_per_node = new_lamports / n
    print()
    print(
        "| figure | removed: on-chain node_heartbeat every 60 s (recorded at 823267e) | new: off-chain heartbeats, epoch roots, weekly claims | how |"
    )
    print("| --- | ---: | ---: | --- |")
    row(
        "transactions per day",
        f"{onchain_tx:,}",
        f"{new_tx:,.0f}",
        f"{ORACLES} oracle root commits per 1 h epoch + one sync+claim per node per {CLAIM_DAYS} days (assumed)",
    )
    row("transactions per second", f"{onchain_tx / DAY:,.0f}", f"{new_tx / DAY:,.2f}", "")
    row(
        "CU of a node_sync (measured, LiteSVM)",
        "-",
        f"{sync['mean']:,.0f} mean, {sync['max']:,} max",
        f"{sync['synced']:,} nodes synced with real proofs in a {n:,}-leaf tree (up to {sync['siblings']} siblings; the proof's hashes alone: {epoch['verify_cu']:,} CU by the syscall price)",
    )
    row(
        "CU of a root vote (liveness_root_commit, measured)",
        "-",
        f"{sync['commit_cu']:,}",
        "the vote that creates the epoch's record; one per oracle per epoch",
    )
    row(
        "CU per transaction",
        f"{heartbeat_cu:,} (recorded at 823267e)",
        f"{claim['mean']:,.0f} mean, {claim['max']:,} max per sync+claim (measured)",
        f"{claim['claimed']:,} weekly transactions on LiteSVM, each node_sync (real proof, {n:,}-leaf tree) + rewards_accrue (resolves last week's epoch) + rewards_claim (pays the unlocked tranche), signed by the operator",
    )
    row(
        "SOL per day, network (base fees)",
        f"{onchain_lamports / SOL:,.1f}",
        f"{new_lamports / SOL:,.2f}",
        f"{LAMPORTS_PER_SIGNATURE:,} lamports per signature, no priority fees",
    )
    row(
        "lamports per node per day",
        f"{onchain_per_node:,.0f}",
        f"{new_per_node:,.1f}",
        "the network's fees / nodes",
    )
    row(
        "proof bytes (sync/claim)",
        "-",
        f"{epoch['proof_bytes']} + leaf {epoch['leaf_bytes']}",
        f"index u32 + count u32 + {epoch['proof_siblings']} × 32 B siblings",
    )
    row(
        "on-chain writes per node per epoch",
        "60 (Node account)",
        "0",
        "a node's record changes only when someone syncs or claims it",
    )
    row(
        "oracle: aggregate an epoch",
        "-",
        f"{epoch['aggregate_s']:.1f} s",
        f"{epoch['heartbeats']:,} heartbeats ({args.beats}/node, 10% absent) → {n:,} cumulative leaves",
    )
    row("oracle: build the tree", "-", f"{epoch['tree_s']:.2f} s", f"{n:,} leaves, sha256 (hashlib)")
    row("oracle: store the epoch", "-", f"{epoch['save_s']:.2f} s", "leaves + root in one SQLite transaction")
    if single is not None and batched is not None:
        row(
            "oracle: heartbeats/s, one per request",
            "-",
            f"{single['per_s']:,.0f}",
            f"{single['accepted']:,} accepted in {single['seconds']:.1f} s, {single['stored']:,} stored, {single['refused']:,} refused; {args.concurrency} connections",
        )
        row(
            f"oracle: heartbeats/s, {args.batch} per request",
            "-",
            f"{batched['per_s']:,.0f}",
            f"{batched['accepted']:,} accepted in {batched['seconds']:.1f} s, {batched['stored']:,} stored, {batched['refused']:,} refused",
        )
        row(
            "needed for the network",
            "-",
            f"{n / HEARTBEAT_SECS:,.0f}",
            f"{n:,} nodes every {HEARTBEAT_SECS} s",
        )
    print()
    print(f"load average after: {_loadavg()} (the machine is shared: the figures are lower bounds)")
    print(
        f"goal: liveness_cost_ratio = {onchain_per_node / new_per_node:,.0f} x (target >= 5000)".replace(
            ",", ""
        )
    )
    if batched is not None:
        best = max(batched["per_s"], single["per_s"] if single else 0.0)
        print(f"goal: oracle_heartbeats_per_s = {best:.0f} /s (target >= 3333)")


def _loadavg() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


if __name__ == "__main__":
    asyncio.run(main())
