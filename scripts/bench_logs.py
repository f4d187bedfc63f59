#!/usr/bin/env python3
"""Log bytes per batch instruction, measured on the embedded SVM (the SBF programs in LiteSVM).

    python scripts/bench_logs.py

The runtime keeps at most 10,000 bytes of log messages per transaction and drops
the rest (a `Log truncated` line), events included. This prints, for each
instruction that takes a batch (job_settle: runs; job_assign: nodes;
emission_mint_epoch: epochs per transaction), the log bytes of a transaction
for several batch sizes, the fixed part and the worst per-item bytes, and the
largest batch whose logs stay under the limit with the margin the SDK keeps
(`escrow.LOG_BUDGET_BYTES`). A measurement, not a test: it exits 0 whatever the
figures; tests/test_log_budget.py checks the SDK's batch limits against the limit.
"""

from __future__ import annotations

import asyncio
import itertools

from ionet_sdk import escrow, lookup_tables, token, tx
from ionet_sdk.client import MINT_BATCH
from ionet_sdk.defaults import ESCROW_PARAMS
from ionet_sdk.logs import LOG_LIMIT_BYTES, log_bytes, logs_truncated
from ionet_sdk.testing.escrow import EscrowSandbox
from ionet_sdk.testing.registry import NodeHandle

HOUR = 3_600


async def settle_bytes(env: EscrowSandbox, nodes: list[NodeHandle], sizes: list[int]) -> dict[int, int]:
    """Log bytes of one job_settle of n runs (through a lookup table), each n in `sizes`."""
    out = {}
    for n in sizes:
        await env.prove_live(*nodes[:n])  # one oracle root for all of them
        job = await env.create_job(gpu_count=8 * n)
        for start in range(0, n, 8):
            await env.assign(job, *nodes[start : min(n, start + 8)])
        for node in nodes[:n]:
            await env.start(job, node)
        env.conn.warp(HOUR)
        for node in nodes[:n]:
            await env.report(job, node, 8 * HOUR)  # the largest amounts: full usage
        await env.complete(job)
        env.conn.warp(ESCROW_PARAMS.challenge_window_secs)
        ix = await env.settle_ix(job, nodes[:n])
        table = await lookup_tables.create_lookup_table(
            env.conn, env.payer, [m.pubkey for m in ix.accounts] + [ix.program_id]
        )
        result = await tx.send(env.conn, [ix], env.payer, unit_limit=1_400_000, lookup_tables=[table])
        assert not logs_truncated(result.logs)
        out[n] = log_bytes(result.logs)
        await env.finalize(job)
    return out


async def assign_bytes(env: EscrowSandbox, nodes: list[NodeHandle], sizes: list[int]) -> dict[int, int]:
    out = {}
    for n in sizes:
        job = await env.create_job(gpu_count=8 * n)
        result = await env.assign(job, *nodes[:n])
        out[n] = log_bytes(result.logs)
        await env.cancel(job)
        for start in range(0, n, 8):
            await env.settle(job, *nodes[start : min(n, start + 8)])
    return out


async def mint_bytes(sizes: list[int]) -> dict[int, int]:
    out = {}
    env = await EscrowSandbox().setup()
    config = await env.io.config()
    env.conn.warp(config.epoch_secs * (sum(sizes) + 1))
    epoch = config.epochs_minted
    for n in sizes:
        ixs = [token.build_emission_mint_epoch_ix(env.payer.pubkey(), e) for e in range(epoch, epoch + n)]
        epoch += n
        out[n] = log_bytes((await env.send(ixs, env.payer)).logs)
    return out


def row(name: str, figures: dict[int, int], sdk_max: int) -> None:
    sizes = sorted(figures)
    per_item = max((figures[b] - figures[a]) / (b - a) for a, b in itertools.pairwise(sizes))
    fixed = figures[sizes[0]] - per_item * sizes[0]
    fits = int((escrow.LOG_BUDGET_BYTES - fixed) // per_item)
    shown = ", ".join(f"{n}: {figures[n]:,}" for n in sizes)
    print(f"| {name} | {shown} | {fixed:,.0f} | {per_item:,.0f} | {fits} | {sdk_max} |")


async def main() -> None:
    env = await EscrowSandbox().setup()
    nodes = [await env.active_node() for _ in range(16)]
    settle = await settle_bytes(env, nodes, sorted({1, 2, 4, escrow.MAX_SETTLE_RUNS}))
    await env.prove_live(*nodes)
    assign = await assign_bytes(env, nodes, sorted({1, 2, 4, 8, escrow.MAX_ASSIGN_NODES}))
    mint = await mint_bytes([1, 2, 4, 6])
    print(f"Log bytes per transaction (runtime limit {LOG_LIMIT_BYTES:,}; the SDK keeps "
          f"{escrow.LOG_BUDGET_BYTES:,}):\n")  # fmt: skip
    print("| instruction (batch of) | log bytes by batch size | fixed | per item (worst) | fits | SDK max |")
    print("|---|---|---|---|---|---|")
    row("job_settle (runs)", settle, escrow.MAX_SETTLE_RUNS)
    row("job_assign (nodes)", assign, escrow.MAX_ASSIGN_NODES)
    row("emission_mint_epoch (epochs per tx)", mint, MINT_BATCH)


if __name__ == "__main__":
    asyncio.run(main())
