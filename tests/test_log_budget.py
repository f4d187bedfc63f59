"""Every batch the SDK builds keeps its logs — and the events indexers read from them —
under the runtime's 10,000-byte limit (numbers: scripts/bench_logs.py), and a larger
batch is refused before it is sent."""

from __future__ import annotations

import pytest

from ionet_sdk import escrow, lookup_tables, token, tx
from ionet_sdk._generated.ionet_escrow import events
from ionet_sdk._generated.ionet_token import events as token_events
from ionet_sdk.client import MINT_BATCH
from ionet_sdk.errors import InvalidArgumentError
from ionet_sdk.logs import log_bytes, logs_truncated

from .escrow_env import HOUR, EscrowEnv


async def test_the_largest_batches_keep_every_event(market: EscrowEnv) -> None:
    n = max(escrow.MAX_SETTLE_RUNS, escrow.MAX_ASSIGN_NODES)
    nodes = [await market.active_node() for _ in range(n)]
    job = await market.create_job(gpu_count=8 * n)
    assign = market.assign_ix(job, [(node, 8) for node in nodes[: escrow.MAX_ASSIGN_NODES]])
    table = await lookup_tables.create_lookup_table(
        market.conn, market.payer, [m.pubkey for m in assign.accounts] + [assign.program_id]
    )
    assigned = await tx.send(market.conn, [assign], market.payer, [market.matcher], lookup_tables=[table])
    assert not logs_truncated(assigned.logs) and log_bytes(assigned.logs) <= escrow.LOG_BUDGET_BYTES
    nodes_assigned = [e for e in events.parse_logs(assigned.logs) if isinstance(e, events.NodeAssigned)]
    assert len(nodes_assigned) == escrow.MAX_ASSIGN_NODES

    for node in nodes:
        await market.start(job, node)
    market.conn.warp(HOUR)
    for node in nodes:
        await market.report(job, node, 8 * HOUR)
    await market.complete(job)
    market.conn.warp(market.escrow_config.params.challenge_window_secs)
    settle = await market.settle_ix(job, nodes[: escrow.MAX_SETTLE_RUNS])
    table = await lookup_tables.create_lookup_table(
        market.conn, market.payer, [m.pubkey for m in settle.accounts] + [settle.program_id]
    )
    settled = await tx.send(market.conn, [settle], market.payer, unit_limit=1_400_000, lookup_tables=[table])
    assert not logs_truncated(settled.logs) and log_bytes(settled.logs) <= escrow.LOG_BUDGET_BYTES
    runs = [e for e in events.parse_logs(settled.logs) if isinstance(e, events.RunSettled)]
    assert len(runs) == escrow.MAX_SETTLE_RUNS


async def test_a_batch_over_the_log_budget_is_refused(market: EscrowEnv) -> None:
    node = await market.active_node()
    job = await market.create_job()
    await market.assign(job, node)
    run = await market.run(job, node)
    data = await market.job(job)
    with pytest.raises(InvalidArgumentError, match="10,000-byte log limit"):
        escrow.build_job_settle_ix(
            market.escrow_config,
            job.address,
            data,
            [run] * (escrow.MAX_SETTLE_RUNS + 1),
            market.payer.pubkey(),
        )
    with pytest.raises(InvalidArgumentError, match="10,000-byte log limit"):
        escrow.build_job_assign_ix(
            job.address, [(node.address, 1)] * (escrow.MAX_ASSIGN_NODES + 1), market.matcher.pubkey(),
            market.payer.pubkey(),
        )  # fmt: skip


async def test_a_full_mint_batch_keeps_every_event(market: EscrowEnv) -> None:
    config = await market.io.config()
    market.conn.warp(config.epoch_secs * (MINT_BATCH + 1))
    ixs = [
        token.build_emission_mint_epoch_ix(market.payer.pubkey(), e)
        for e in range(config.epochs_minted, config.epochs_minted + MINT_BATCH)
    ]
    result = await market.send(ixs, market.payer)
    assert not logs_truncated(result.logs) and log_bytes(result.logs) <= escrow.LOG_BUDGET_BYTES
    minted = [e for e in token_events.parse_logs(result.logs) if isinstance(e, token_events.EpochEmitted)]
    assert len(minted) == MINT_BATCH
