"""job_start, job_report_usage, job_complete: the agent's start and usage receipts."""

from __future__ import annotations

from ionet_sdk import escrow
from ionet_sdk._generated import anchor_errors
from ionet_sdk._generated.ionet_escrow import errors, events
from ionet_sdk._generated.ionet_escrow.types import JobState, RunStatus

from .escrow_env import HOUR, EscrowEnv
from .registry_env import with_account


async def test_agents_start_their_runs_and_the_job_runs(market: EscrowEnv) -> None:
    nodes = [await market.active_node() for _ in range(2)]
    job = await market.create_job(gpu_count=16)
    await market.assign(job, *nodes)
    result = await market.start(job, nodes[0])
    print(f"\njob_start: {result.compute_units} CU")
    now = await market.now()
    run = await market.run(job, nodes[0])
    assert (RunStatus(run.status), run.started_at) == (RunStatus.Running, now)
    data = await market.job(job)
    assert (JobState(data.state), data.started_at, data.runs_started) == (JobState.Running, now, 1)
    (event,) = [e for e in events.parse_logs(result.logs) if isinstance(e, events.RunStarted)]
    assert event.node == nodes[0].address
    # Starting twice is refused; the other node starts later.
    run_address = market.run_address(job, nodes[0])
    ix = escrow.build_job_start_ix(job.address, nodes[0].address, nodes[0].agent.pubkey())
    await market.rejects([ix], nodes[0].agent, errors.InvalidRunState, watch=[job.address, run_address])
    await market.start(job, nodes[1])
    assert (await market.job(job)).runs_started == 2


async def test_start_needs_the_runs_agent_the_runs_job_and_the_deadline(market: EscrowEnv) -> None:
    node, other = await market.active_node(), await market.active_node()
    job = await market.create_job(gpu_count=8)
    other_job = await market.create_job(gpu_count=8)
    await market.assign(job, node)
    await market.assign(other_job, other)
    run = market.run_address(job, node)
    # The operator's key, or another node's agent, is not this run's agent.
    for signer in (node.operator, other.agent):
        ix = escrow.build_job_start_ix(job.address, node.address, signer.pubkey())
        await market.rejects([ix], signer, errors.NotRunAgent, watch=[job.address, run])
    # Another job's run, with this job.
    ix = with_account(
        escrow.build_job_start_ix(job.address, node.address, node.agent.pubkey()),
        1,
        market.run_address(other_job, other),
    )
    await market.rejects([ix], node.agent, errors.RunJobMismatch, watch=[job.address, run])
    market.conn.warp(601)
    ix = escrow.build_job_start_ix(job.address, node.address, node.agent.pubkey())
    await market.rejects([ix], node.agent, errors.StartDeadlinePassed, watch=[job.address, run])


async def test_usage_receipts_are_cumulative_and_capped_by_elapsed_time(market: EscrowEnv) -> None:
    r = await market.running(1)
    job, node = r.job, r.nodes[0]
    run = market.run_address(job, node)

    def report(gpu_seconds: int):  # type: ignore[no-untyped-def]
        return escrow.build_job_report_usage_ix(job.address, node.address, node.agent.pubkey(), gpu_seconds)

    market.conn.warp(100)
    # 8 GPUs x 100 s elapsed: at most 800 GPU-seconds.
    await market.rejects([report(801)], node.agent, errors.UsageExceedsElapsed, watch=[run])
    result = await market.send([report(800)], node.agent)
    print(f"\njob_report_usage: {result.compute_units} CU")
    (event,) = [e for e in events.parse_logs(result.logs) if isinstance(e, events.UsageReported)]
    assert (event.gpu_seconds, event.earned) == (800, 800 * 2 * 10**8 // HOUR)
    await market.rejects([report(799)], node.agent, errors.UsageDecreased, watch=[run])
    await market.send([report(800)], node.agent)  # repeating a receipt changes nothing
    # Signed by anyone but the agent.
    ix = escrow.build_job_report_usage_ix(job.address, node.address, node.operator.pubkey(), 900)
    await market.rejects([ix], node.operator, errors.NotRunAgent, watch=[run])
    # The cap stops at the job's duration (4 h), however long the node runs.
    market.conn.warp(10 * HOUR)
    await market.rejects([report(8 * 4 * HOUR + 1)], node.agent, errors.UsageExceedsElapsed, watch=[run])
    await market.send([report(8 * 4 * HOUR)], node.agent)
    assert (await market.run(job, node)).gpu_seconds == 8 * 4 * HOUR


async def test_receipts_after_completion_count_only_time_before_it(market: EscrowEnv) -> None:
    r = await market.running(1)
    job, node = r.job, r.nodes[0]
    market.conn.warp(HOUR)
    await market.complete(job)
    market.conn.warp(600)
    run = market.run_address(job, node)
    late = escrow.build_job_report_usage_ix(job.address, node.address, node.agent.pubkey(), 8 * HOUR + 8)
    await market.rejects([late], node.agent, errors.UsageExceedsElapsed, watch=[run])
    await market.report(job, node, 8 * HOUR)  # the final receipt, inside the window
    market.conn.warp(HOUR)
    final = escrow.build_job_report_usage_ix(job.address, node.address, node.agent.pubkey(), 8 * HOUR)
    await market.rejects([final], node.agent, errors.InvalidJobState, watch=[run])


async def test_complete_by_the_client_early_or_anyone_after_the_latest_end(market: EscrowEnv) -> None:
    r = await market.running(1)
    stranger = await market.new_operator()
    ix = escrow.build_job_complete_ix(r.job.address, stranger.pubkey())
    await market.rejects([ix], stranger, errors.CompleteTooEarly, watch=[r.job.address])
    result = await market.complete(r.job)
    print(f"\njob_complete: {result.compute_units} CU")
    data = await market.job(r.job)
    now = await market.now()
    window = market.escrow_config.params.challenge_window_secs
    assert (JobState(data.state), data.completed_at, data.challenge_ends_at) == (
        JobState.Completed,
        now,
        now + window,
    )
    await market.rejects(
        [escrow.build_job_complete_ix(r.job.address, r.job.client.pubkey)],
        r.job.client.keypair,
        errors.InvalidJobState,
        watch=[r.job.address],
    )
    # Past start deadline + duration anyone may complete (funds never stay stuck).
    r2 = await market.running(1)
    market.conn.warp(600 + 4 * HOUR)
    await market.send([escrow.build_job_complete_ix(r2.job.address, stranger.pubkey())], stranger)
    assert JobState((await market.job(r2.job)).state) == JobState.Completed


async def test_nothing_runs_before_assignment(market: EscrowEnv) -> None:
    job = await market.create_job(gpu_count=8)
    ix = escrow.build_job_complete_ix(job.address, job.client.pubkey)
    await market.rejects([ix], job.client.keypair, errors.InvalidJobState, watch=[job.address])


async def test_a_cluster_starts_in_one_transaction_signed_by_every_agent(market: EscrowEnv) -> None:
    nodes = [await market.active_node() for _ in range(4)]
    job = await market.create_job(gpu_count=32)
    await market.assign(job, *nodes)
    ixs = [escrow.build_job_start_ix(job.address, n.address, n.agent.pubkey()) for n in nodes]
    result = await market.send(ixs, market.matcher, [n.agent for n in nodes])
    print(f"\njob_start x4 in one transaction: {result.compute_units} CU")
    data = await market.job(job)
    assert (JobState(data.state), data.runs_started) == (JobState.Running, 4)


async def test_a_node_not_assigned_to_the_job_has_no_run(market: EscrowEnv) -> None:
    assigned, stranger = await market.active_node(), await market.active_node()
    job = await market.create_job(gpu_count=8)
    await market.assign(job, assigned)
    watch = [job.address, market.run_address(job, assigned)]
    start = escrow.build_job_start_ix(job.address, stranger.address, stranger.agent.pubkey())
    await market.rejects([start], stranger.agent, anchor_errors.AccountOwnedByWrongProgram, watch=watch)
    await market.start(job, assigned)
    market.conn.warp(60)
    report = escrow.build_job_report_usage_ix(job.address, stranger.address, stranger.agent.pubkey(), 1)
    await market.rejects([report], stranger.agent, anchor_errors.AccountOwnedByWrongProgram, watch=watch)
