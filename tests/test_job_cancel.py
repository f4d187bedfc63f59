"""job_cancel and job_close: full refund before any start; closing returns the rent."""

from __future__ import annotations

from ionet_sdk import escrow
from ionet_sdk._generated.ionet_escrow import errors, events, instructions
from ionet_sdk._generated.ionet_escrow.types import JobState
from ionet_sdk.defaults import IO

from .escrow_env import EscrowEnv


async def test_cancel_before_start_refunds_everything_and_frees_the_nodes(market: EscrowEnv) -> None:
    nodes = [await market.active_node() for _ in range(2)]
    job = await market.create_job(gpu_count=16)
    await market.assign(job, *nodes)
    client_before = await market.token_balance(job.client.token_account)
    result = await market.cancel(job)
    print(f"\njob_cancel: {result.compute_units} CU")
    assert await market.token_balance(job.client.token_account) == client_before + 128 * IO
    (event,) = [e for e in events.parse_logs(result.logs) if isinstance(e, events.JobCancelled)]
    assert event.refunded == 128 * IO
    assert JobState((await market.job(job)).state) == JobState.Cancelled
    # Settling a cancelled job pays nothing and releases the nodes.
    await market.settle(job, *nodes)
    for node in nodes:
        registry_node = await market.node(node)
        assert (registry_node.committed_gpus, registry_node.active_jobs, registry_node.jobs_completed) == (
            0,
            0,
            0,
        )
    data = await market.job(job)
    assert (JobState(data.state), data.paid, data.fees, data.refunded) == (JobState.Settled, 0, 0, 128 * IO)
    await market.close(job)
    assert await market.conn.get_account(job.address) is None


async def test_a_job_never_assigned_is_settled_by_its_cancel(market: EscrowEnv) -> None:
    job = await market.create_job(gpu_count=8)
    await market.cancel(job)
    assert JobState((await market.job(job)).state) == JobState.Settled
    await market.close(job)


async def test_cancel_is_the_clients_until_the_deadline_and_never_after_a_start(market: EscrowEnv) -> None:
    job = await market.create_job(gpu_count=8)
    stranger = await market.new_client()
    watch = [job.address, job.vault, job.client.token_account]
    ix = escrow.build_job_cancel_ix(market.escrow_config, job.address, await market.job(job), stranger.pubkey)
    await market.rejects([ix], stranger.keypair, errors.NotClient, watch=watch)
    # After the start deadline with nothing started, anyone may return the money.
    market.conn.warp(601)
    await market.send([ix], stranger.keypair)
    assert await market.vault_balance(job) == 0

    r = await market.running(1)
    ix = escrow.build_job_cancel_ix(
        market.escrow_config, r.job.address, await market.job(r.job), r.job.client.pubkey
    )
    await market.rejects(
        [ix], r.job.client.keypair, errors.InvalidJobState, watch=[r.job.address, r.job.vault]
    )


async def test_close_only_a_settled_job_by_its_client(market: EscrowEnv) -> None:
    r = await market.ran(1, 1)
    data = await market.job(r.job)
    ix = escrow.build_job_close_ix(market.escrow_config, r.job.address, data)
    await market.rejects(
        [ix], r.job.client.keypair, errors.InvalidJobState, watch=[r.job.address, r.job.vault]
    )
    await market.settled_window(r)
    await market.settle(r.job, *r.nodes)
    stranger = await market.new_client()
    forged = instructions.job_close(
        instructions.JobCloseAccounts(
            job=r.job.address,
            vault=data.vault,
            client=stranger.pubkey,
            payment_mint=market.escrow_config.payment_mint,
            treasury=market.escrow_config.treasury,
        )
    )
    await market.rejects([forged], stranger.keypair, errors.NotClient, watch=[r.job.address, r.job.vault])
    await market.send([ix], r.job.client.keypair)
