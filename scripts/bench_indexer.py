#!/usr/bin/env python3
"""The indexer's throughput and the query API's latency, SQLite and PostgreSQL side by side.

    python scripts/bench_indexer.py [--events 20000] [--nodes 200000] [--epochs 8760] [--requests 200]

1. Ingestion: synthetic transactions (one event each, a realistic mix: node
   registrations, stake deposits, status changes, job creations and assignments, usage
   reports, fee burns, epoch emissions) encoded with the generated SDK's event classes,
   written as `Program data:` log lines, and pushed through the real decoders and
   writers (`Database.apply`, batches of 200 transactions as the follower writes them).
2. Query latency: a database with `--nodes` nodes and `--epochs` hourly epochs (a year),
   served by the indexer's own aiohttp app on loopback; p50/p99 of the node list (sorted
   by reputation, paginated, with its total), a node page and the epochs chart (the
   newest 500 epochs), over `--requests` requests each.

PostgreSQL is a throwaway server (Debian's binaries, `ionet_sdk.testing.postgres`;
fsync off, as for any benchmark of a scratch database). A measurement, not a test: it
exits 0 whatever the figures; the last two lines state the goals.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiohttp import ClientSession, web
from solders.pubkey import Pubkey
from sqlalchemy import insert

from ionet_sdk._generated.ionet_escrow import events as ee
from ionet_sdk._generated.ionet_escrow.constants import PROGRAM_ID as ESCROW
from ionet_sdk._generated.ionet_escrow.types import GpuModel as JobGpuModel
from ionet_sdk._generated.ionet_registry import events as re_
from ionet_sdk._generated.ionet_registry.constants import PROGRAM_ID as REGISTRY
from ionet_sdk._generated.ionet_registry.types import GpuModel, HardwareSpec, NodeStatus
from ionet_sdk._generated.ionet_token import events as te
from ionet_sdk._generated.ionet_token.constants import PROGRAM_ID as TOKEN
from ionet_sdk._generated.ionet_token.types import BurnKind
from ionet_sdk.services.indexer import schema as s
from ionet_sdk.services.indexer.service import build_app
from ionet_sdk.services.indexer.store import Database, FetchedTx
from ionet_sdk.testing.postgres import TempPostgres, unavailable_reason

REGIONS = ["us-east", "us-west", "eu-west", "eu-north", "ap-south", "us-cent"]
MODELS = ["H200", "H100", "A100", "L40S", "Rtx4090"]


def key(rng: random.Random) -> Pubkey:
    return Pubkey.from_bytes(rng.randbytes(32))


def tx_of(i: int, program: Pubkey, event: Any) -> FetchedTx:
    data = base64.b64encode(event.encode()).decode()
    logs = [f"Program {program} invoke [1]", f"Program data: {data}", f"Program {program} success"]
    return FetchedTx(f"{i:088d}", 1_000 + i, 1_800_000_000 + i, None, "finalized", logs, (str(program),))


def synthetic(n: int, seed: int = 7) -> list[FetchedTx]:
    """`n` one-event transactions over a few hundred nodes and jobs."""
    rng = random.Random(seed)
    nodes = [key(rng) for _ in range(max(1, n // 50))]
    jobs = [key(rng) for _ in range(max(1, n // 100))]
    runs = [key(rng) for _ in jobs]
    out: list[FetchedTx] = []
    for i, node in enumerate(nodes):
        hw = HardwareSpec(
            GpuModel(i % 5),
            1 + i % 8,
            80,
            12,
            4,
            list(REGIONS[i % 6].encode().ljust(8, b"\0")),
            10_000,
            [0] * 32,
        )
        out.append(tx_of(len(out), REGISTRY, re_.NodeRegistered(node, key(rng), i, key(rng), hw)))
    for j, (job, run) in enumerate(zip(jobs, runs, strict=True)):
        out.append(
            tx_of(
                len(out),
                ESCROW,
                ee.JobCreated(
                    job, key(rng), j, JobGpuModel(1), 8, 4, 250_000_000, 8_000_000_000, 1_800_000_000
                ),
            )
        )
        out.append(tx_of(len(out), ESCROW, ee.NodeAssigned(job, run, nodes[j % len(nodes)], 8, 8)))
    epoch = 0
    while len(out) < n:
        r = rng.random()
        i = len(out)
        node = nodes[rng.randrange(len(nodes))]
        if r < 0.35:
            j = rng.randrange(len(jobs))
            ev: Any = ee.UsageReported(jobs[j], runs[j], i * 60, i * 1_000)
            out.append(tx_of(i, ESCROW, ev))
        elif r < 0.55:
            out.append(tx_of(i, REGISTRY, re_.StakeDeposited(node, 100_000_000, 10_000_000_000 + i)))
        elif r < 0.75:
            out.append(
                tx_of(
                    i, REGISTRY, re_.NodeStatusChanged(node, NodeStatus(1), NodeStatus(2), 7_000 + i % 3000)
                )
            )
        elif r < 0.9:
            epoch += 1
            out.append(tx_of(i, TOKEN, te.EpochEmitted(epoch, 10**12, 10**12, 5 * 10**16, 0)))
        else:
            out.append(
                tx_of(
                    i,
                    TOKEN,
                    te.TokensBurned(BurnKind(0), 1_000_000, 50_000_000, 1_000_000, epoch, 5 * 10**16),
                )
            )
    return out[:n]


def ingest(db: Database, txs: list[FetchedTx]) -> float:
    """Events per second through `Database.apply`, batches of 200."""
    started = time.perf_counter()
    events = 0
    for start in range(0, len(txs), 200):
        events += db.apply(txs[start : start + 200]).events
    return events / (time.perf_counter() - started)


def load_big(db: Database, nodes: int, epochs: int) -> str:
    """`nodes` nodes, their history and `epochs` epochs, bulk-inserted; one node's address."""
    rng = random.Random(11)
    sig = "B" * 88
    with db.engine.begin() as conn:
        conn.execute(
            insert(s.transactions),
            [
                {
                    "signature": sig,
                    "slot": 1,
                    "block_time": 1,
                    "err": None,
                    "commitment": "finalized",
                    "truncated": False,
                    "events": 0,
                    "unknown_events": 0,
                }
            ],
        )
        first = ""
        for start in range(0, nodes, 10_000):
            rows = []
            for i in range(start, min(nodes, start + 10_000)):
                address = str(key(rng))
                first = first or address
                rows.append(
                    {
                        "address": address,
                        "operator": str(key(rng)),
                        "agent": str(key(rng)),
                        "node_id": i,
                        "gpu_model": MODELS[i % 5],
                        "gpu_count": 1 + i % 8,
                        "vram_gb_per_gpu": 80,
                        "cuda": "12.4",
                        "region": REGIONS[i % 6],
                        "bandwidth_mbps": 10_000,
                        "status": ("Active", "Inactive", "Jailed")[i % 3],
                        "reputation_bps": rng.randrange(10_000),
                        "uptime_bps": rng.randrange(10_000),
                        "bonded": 10**11,
                        "unbonding": 0,
                        "slashed": 0,
                        "active_jobs": 0,
                        "committed_gpus": 0,
                        "registered_slot": i,
                        "last_slot": i,
                        "last_signature": sig,
                    }
                )
            conn.execute(insert(s.nodes), rows)
        conn.execute(
            insert(s.node_history),
            [
                {
                    "signature": sig,
                    "idx": k,
                    "slot": k,
                    "block_time": k,
                    "node": first,
                    "event": "NodeStatusChanged",
                    "status": "Active",
                    "reputation_bps": 5_000 + k,
                    "uptime_bps": None,
                    "bonded": None,
                }
                for k in range(200)
            ],
        )
        for start in range(0, epochs, 10_000):
            conn.execute(
                insert(s.epochs),
                [
                    {
                        "epoch": e,
                        "minted": 10**12,
                        "scheduled": 10**12,
                        "supply": 5 * 10**16,
                        "burned_fees": 10**9,
                        "burned_slashes": 0,
                        "compute_spend": 6 * 10**11,
                        "fees": 10**9,
                        "work_pool": 0,
                        "availability_pool": 0,
                        "emitted_at": e * 3600,
                        "last_slot": e,
                        "last_signature": sig,
                    }
                    for e in range(start, min(epochs, start + 10_000))
                ],
            )
    return first


async def latency(db: Database, paths: dict[str, str], requests: int) -> dict[str, tuple[float, float]]:
    runner = web.AppRunner(build_app(db), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    out: dict[str, tuple[float, float]] = {}
    async with ClientSession() as http:
        for name, path in paths.items():
            times = []
            for i in range(requests + 5):
                started = time.perf_counter()
                async with http.get(f"http://127.0.0.1:{port}{path}") as resp:
                    assert resp.status == 200, await resp.text()
                    await resp.read()
                if i >= 5:  # warm-up
                    times.append((time.perf_counter() - started) * 1000)
            times.sort()
            out[name] = (statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))])
    await runner.cleanup()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--nodes", type=int, default=200_000)
    parser.add_argument("--epochs", type=int, default=24 * 365)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    targets: dict[str, Callable[[str], str]] = {}
    tmp = Path(tempfile.mkdtemp(prefix="ionet-bench-"))
    targets["sqlite"] = lambda name: f"sqlite:///{tmp}/{name}.sqlite3"
    pg: TempPostgres | None = None
    if (reason := unavailable_reason()) is None:
        pg = TempPostgres.start()
        targets["postgresql"] = pg.create_database
    else:
        print(f"postgresql: skipped ({reason})")
    txs = synthetic(args.events)
    rates: dict[str, float] = {}
    lat: dict[str, dict[str, tuple[float, float]]] = {}
    try:
        for kind, make in targets.items():
            db = Database(make("ingest"))
            db.migrate()
            rates[kind] = ingest(db, txs)
            db.dispose()
            big = Database(make("big"))
            big.migrate()
            node = load_big(big, args.nodes, args.epochs)
            paths = {
                "node list": "/api/v1/nodes?sort=reputation&limit=50&offset=1000",
                "node page": f"/api/v1/nodes/{node}",
                "epochs chart": "/api/v1/epochs?limit=500",
            }
            lat[kind] = asyncio.run(latency(big, paths, args.requests))
            big.dispose()
    finally:
        if pg is not None:
            pg.stop()
    print(f"\ningestion: {args.events:,} one-event transactions through the decoders and writers")
    print(f"{'database':<12} {'events/s':>10}")
    for kind, rate in rates.items():
        print(f"{kind:<12} {rate:>10,.0f}")
    size = f"{args.nodes:,} nodes and {args.epochs:,} hourly epochs"
    print(f"\nAPI latency, {size}, {args.requests} requests each")
    print(f"{'database':<12} {'query':<14} {'p50 ms':>8} {'p99 ms':>8}")
    for kind, rows in lat.items():
        for name, (p50, p99) in rows.items():
            print(f"{kind:<12} {name:<14} {p50:>8.1f} {p99:>8.1f}")
    pg_rate = rates.get("postgresql")
    worst = max((p99 for rows in lat.values() for _, p99 in rows.values()), default=float("nan"))
    shown = f"{pg_rate:.0f}" if pg_rate is not None else "n/a (no PostgreSQL)"
    print(f"\ngoal: postgres_events_per_s = {shown} /s (target >= 5000)")
    print(f"goal: api_p99_ms = {worst:.1f} ms (target < 100)")


if __name__ == "__main__":
    main()
