"""job_unassign: the matcher withdraws a node that has not started (or the node's agent
declines), before the start deadline, so that the job's GPUs can be placed elsewhere
(issue 18, item 1: re-match when a node drops before start)."""

from __future__ import annotations

from ionet_sdk import escrow, pda
from ionet_sdk._generated.ionet_escrow import errors, events
from ionet_sdk._generated.ionet_escrow.types import JobState

from .escrow_env import EscrowEnv


async def test_the_matcher_withdraws_a_node_that_has_not_started_and_places_the_gpus_elsewhere(
    market: EscrowEnv,
) -> None:
    first, second = await market.active_node(), await market.active_node()
    job = await market.create_job(gpu_count=8)
    await market.assign(job, first, gpus=8)
    run = pda.run(job.address, first.address)
    payer_before = (await market.conn.get_account(market.payer.pubkey())).lamports  # type: ignore[union-attr]
    run_rent = (await market.conn.get_account(run)).lamports  # type: ignore[union-attr]
    node_before = await market.node(first)

    ix = escrow.build_job_unassign_ix(
        job.address, first.address, rent_payer=market.payer.pubkey(), signer=market.matcher.pubkey()
    )
    result = await market.send([ix], market.matcher)
    print(f"\njob_unassign: {result.compute_units} CU")
    (event,) = [e for e in events.parse_logs(result.logs) if isinstance(e, events.RunUnassigned)]
    assert (event.gpus, event.by_agent, event.gpus_assigned) == (8, False, 0)
    # The run is closed, its rent back with whoever paid it; the node is free and its
    # record untouched (no failure: nothing was promised yet).
    assert await market.conn.get_account(run) is None
    payer_after = (await market.conn.get_account(market.payer.pubkey())).lamports  # type: ignore[union-attr]
    assert payer_after == payer_before + run_rent
    node = await market.node(first)
    assert (node.committed_gpus, node.active_jobs) == (0, 0)
    assert (node.jobs_failed, node.jobs_completed, node.reputation_bps) == (
        node_before.jobs_failed,
        node_before.jobs_completed,
        node_before.reputation_bps,
    )
    data = await market.job(job)
    assert (data.gpus_assigned, data.runs, data.runs_open, JobState(data.state)) == (0, 0, 0, JobState.Open)

    # Re-matched: the GPUs go to another node, which starts; the job runs and settles.
    await market.assign(job, second, gpus=8)
    await market.start(job, second)
    data = await market.job(job)
    assert (data.gpus_assigned, data.runs, data.runs_started, JobState(data.state)) == (
        8,
        1,
        1,
        JobState.Running,
    )
    # The withdrawn node can be assigned again to the same job later (its run is gone).
    assert await market.conn.get_account(run) is None


async def test_an_agent_declines_its_own_assignment(market: EscrowEnv) -> None:
    node = await market.active_node()
    job = await market.create_job(gpu_count=8)
    await market.assign(job, node, gpus=8)
    ix = escrow.build_job_unassign_ix(
        job.address, node.address, rent_payer=market.payer.pubkey(), signer=node.agent.pubkey()
    )
    result = await market.send([ix], node.agent)
    (event,) = [e for e in events.parse_logs(result.logs) if isinstance(e, events.RunUnassigned)]
    assert event.by_agent
    # The same node is assigned again (a fresh run account).
    await market.assign(job, node, gpus=8)
    assert (await market.job(job)).gpus_assigned == 8


async def test_unassign_is_refused_to_strangers_after_a_start_and_after_the_deadline(
    market: EscrowEnv,
) -> None:
    node, other = await market.active_node(), await market.active_node()
    job = await market.create_job(gpu_count=16)
    await market.assign(job, node, other, gpus=8)
    run = pda.run(job.address, node.address)
    watch = [job.address, run, node.address]
    stranger = await market.new_client()

    # Neither the matcher nor the run's agent: another node's agent, the client.
    for signer in (other.agent, stranger.keypair):
        ix = escrow.build_job_unassign_ix(
            job.address, node.address, rent_payer=market.payer.pubkey(), signer=signer.pubkey()
        )
        await market.rejects([ix], signer, errors.NotMatcher, watch=watch)
    # The rent goes back to the run's payer only.
    ix = escrow.build_job_unassign_ix(
        job.address, node.address, rent_payer=stranger.pubkey, signer=market.matcher.pubkey()
    )
    await market.rejects([ix], market.matcher, errors.WrongRentPayer, watch=watch)

    # A started run is not withdrawn: it is paid for what it delivers, or timed out.
    await market.start(job, other)
    ix = escrow.build_job_unassign_ix(
        job.address, other.address, rent_payer=market.payer.pubkey(), signer=market.matcher.pubkey()
    )
    await market.rejects(
        [ix], market.matcher, errors.InvalidRunState, watch=[job.address, pda.run(job.address, other.address)]
    )

    # After the start deadline a run that never started is job_timeout's (a failure).
    data = await market.job(job)
    market.conn.warp(data.start_deadline - await market.now() + 1)
    ix = escrow.build_job_unassign_ix(
        job.address, node.address, rent_payer=market.payer.pubkey(), signer=market.matcher.pubkey()
    )
    await market.rejects([ix], market.matcher, errors.StartDeadlinePassed, watch=watch)


async def test_an_agent_cannot_decline_once_the_job_could_no_longer_be_placed_elsewhere(
    market: EscrowEnv,
) -> None:
    """Declining is free of any reputation effect because the matcher can still place the
    GPUs on another node. Once less than MIN_START_WINDOW_SECS (300 s) is left before the
    start deadline no node can be assigned any more: an agent that held the job until then
    and did not start has failed it (job_timeout), and must not walk away unrecorded."""
    node = await market.active_node()
    job = await market.create_job(gpu_count=8)
    await market.assign(job, node, gpus=8)
    run = pda.run(job.address, node.address)
    data = await market.job(job)
    market.conn.warp(data.start_deadline - await market.now() - 299)
    ix = escrow.build_job_unassign_ix(
        job.address, node.address, rent_payer=market.payer.pubkey(), signer=node.agent.pubkey()
    )
    await market.rejects([ix], node.agent, errors.StartWindowTooShort, watch=[job.address, run, node.address])
    # The matcher may still withdraw it (its own choice: nothing the node did).
    ix = escrow.build_job_unassign_ix(
        job.address, node.address, rent_payer=market.payer.pubkey(), signer=market.matcher.pubkey()
    )
    await market.send([ix], market.matcher)
    assert await market.conn.get_account(run) is None
