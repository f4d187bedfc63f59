"""job_timeout: a node that never started (by the start deadline) or whose usage receipts
stopped (none for `report_timeout_secs`) is removed and refunded for; one that had started
and went silent is also slashed. A running run's liveness is its own receipts, not the
node's registry liveness; a run that delivered its whole reservation is never timed out."""

from __future__ import annotations

from solders.pubkey import Pubkey

from ionet_sdk import pda, registry
from ionet_sdk._generated.ionet_escrow import errors, events
from ionet_sdk._generated.ionet_escrow.types import JobState, RunStatus
from ionet_sdk._generated.ionet_registry.types import Offense, SlashStatus
from ionet_sdk.defaults import ESCROW_PARAMS, IO, REGISTRY_PARAMS

from .escrow_env import HOUR, EscrowEnv, NodeHandle
from .registry_env import with_account


def operator_token(node: NodeHandle) -> Pubkey:
    assert node.token_account is not None
    return node.token_account


REPORT_TIMEOUT = ESCROW_PARAMS.report_timeout_secs  # 900 s
SILENCE = REPORT_TIMEOUT + 1


async def test_a_node_that_never_started_is_removed_and_refunded_but_not_slashed(market: EscrowEnv) -> None:
    starter, sleeper = await market.active_node(), await market.active_node()
    job = await market.create_job(gpu_count=16)  # 16 GPUs x 4 h x 2 IO = 128 IO
    await market.assign(job, starter, sleeper)
    await market.start(job, starter)
    run = market.run_address(job, sleeper)
    watch = [job.address, run, sleeper.address, job.vault, job.client.token_account]
    # Before the start deadline the node is within its rights.
    await market.rejects(
        [await market.timeout_ix(job, sleeper)], market.payer, errors.NodeHealthy, watch=watch
    )
    await market.live(601, job, [starter])  # the starter reports; the sleeper never started
    reputation_before = (await market.node(sleeper)).reputation_bps
    client_before = await market.token_balance(job.client.token_account)

    result = await market.timeout(job, sleeper)
    print(f"\njob_timeout (refund, release): {result.compute_units} CU")
    assert await market.token_balance(job.client.token_account) == client_before + 64 * IO
    (event,) = [e for e in events.parse_logs(result.logs) if isinstance(e, events.RunTimedOut)]
    assert (event.not_started, event.refunded, event.slash_proposal) == (True, 64 * IO, Pubkey.default())
    data, run_data = await market.job(job), await market.run(job, sleeper)
    assert (data.refunded, data.runs_removed, RunStatus(run_data.status)) == (64 * IO, 1, RunStatus.Removed)
    node = await market.node(sleeper)
    # It declined the job: the failure counts in its reputation, but no slash.
    assert (node.committed_gpus, node.active_jobs, node.jobs_failed, node.pending_slashes) == (0, 0, 1, 0)
    assert node.reputation_bps < reputation_before
    assert await market.conn.get_account(pda.slash(sleeper.address, 0)) is None
    # Removed once: a second crank finds nothing to do.
    await market.rejects(
        [await market.timeout_ix(job, sleeper)],
        market.payer,
        errors.InvalidRunState,
        watch=[job.address, run],
    )


async def test_a_silent_node_is_paid_for_what_it_delivered_and_the_rest_is_refunded(
    market: EscrowEnv,
) -> None:
    r = await market.running(2)
    talker, silent = r.nodes
    market.conn.warp(100)
    await market.report(r.job, silent, 8 * 100)  # 800 GPU-seconds, then silence
    run = market.run_address(r.job, silent)
    watch = [r.job.address, run, silent.address, r.job.vault]
    for each in r.nodes:
        await market.rejects(
            [await market.timeout_ix(r.job, each)], market.payer, errors.NodeHealthy, watch=watch
        )
    # The talker sends a receipt every minute; the silent node's last one is exactly
    # report_timeout_secs old: not yet silent for longer than that.
    await market.live(REPORT_TIMEOUT, r.job, [talker])
    for each in r.nodes:
        await market.rejects(
            [await market.timeout_ix(r.job, each)], market.payer, errors.NodeHealthy, watch=watch
        )
    await market.live(1, r.job, [talker])
    # Now only the talker's run is live: both nodes' oracle-proven liveness is still fresh
    # (proven at activation, younger than liveness_max_age_secs); only the receipts differ.
    assert all([await market.liveness_fresh(n) for n in r.nodes])
    await market.rejects(
        [await market.timeout_ix(r.job, talker)], market.payer, errors.NodeHealthy, watch=[r.job.address]
    )
    earned_by_silent = 800 * 2 * IO // HOUR
    client_before = await market.token_balance(r.job.client.token_account)
    result = await market.timeout(r.job, silent)
    print(f"\njob_timeout (refund, release, slash proposal): {result.compute_units} CU")
    assert (
        await market.token_balance(r.job.client.token_account) == client_before + 64 * IO - earned_by_silent
    )
    # It had started and went silent: a job-failure slash is proposed with the evidence.
    (event,) = [e for e in events.parse_logs(result.logs) if isinstance(e, events.RunTimedOut)]
    assert (event.not_started, event.slash_proposal) == (False, pda.slash(silent.address, 0))
    node = await market.node(silent)
    assert (node.jobs_failed, node.pending_slashes) == (1, 1)
    proposal = await market.proposal(silent, 0)
    assert (proposal.offense, proposal.proposer, proposal.status) == (
        Offense.JobFailure,
        pda.escrow_authority(),
        SlashStatus.Proposed,
    )
    assert proposal.evidence_hash == event.evidence_hash
    assert proposal.amount == node.bonded * REGISTRY_PARAMS.slash_bps[Offense.JobFailure] // 10_000
    # Reports from the removed node are refused; the other node keeps working and is paid.
    await market.rejects(
        [await market.timeout_ix(r.job, silent)], market.payer, errors.InvalidRunState, watch=[r.job.address]
    )
    await market.live(HOUR, r.job, [talker])
    earned_by_talker = (await market.run(r.job, talker)).gpu_seconds * 2 * IO // HOUR
    await market.settled_window(r)
    talker_before = await market.token_balance(operator_token(talker))
    silent_before = await market.token_balance(operator_token(silent))
    result = await market.settle(r.job, *r.nodes)
    statuses = [e.status for e in events.parse_logs(result.logs) if isinstance(e, events.RunSettled)]
    assert statuses == [RunStatus.Running, RunStatus.Removed]
    assert (
        await market.token_balance(operator_token(talker))
        == talker_before + earned_by_talker - earned_by_talker * 200 // 10_000
    )
    assert await market.token_balance(operator_token(silent)) == (
        silent_before + earned_by_silent - earned_by_silent * 200 // 10_000
    )
    data = await market.job(r.job)
    assert JobState(data.state) == JobState.Settled
    assert data.deposited == data.paid + data.fees + data.refunded
    assert (await market.node(silent)).active_jobs == 0
    # After the appeal window anyone executes the slash; the failure is counted once.
    market.conn.warp(REGISTRY_PARAMS.appeal_window_secs + 1)
    execute = registry.build_slash_execute_ix(
        market.config, silent.address, silent.vault, 0, market.payer.pubkey()
    )
    await market.send([execute], market.payer)
    node = await market.node(silent)
    assert (node.slashed_total, node.jobs_failed) == (proposal.amount, 1)


async def test_no_timeouts_once_the_job_completed_and_no_substitutions(market: EscrowEnv) -> None:
    r = await market.running(2)
    other = await market.running(1)
    market.conn.warp(SILENCE)  # started and never reported: silent since its start
    good = await market.timeout_ix(r.job, r.nodes[0])
    keys = [m.pubkey for m in good.accounts]
    stranger = await market.new_client()
    watch = [r.job.address, r.job.vault, *(market.run_address(r.job, n) for n in r.nodes)]
    for index, key, error in (
        (keys.index(r.nodes[0].address), r.nodes[1].address, errors.RunNodeMismatch),
        (
            keys.index(market.run_address(r.job, r.nodes[0])),
            market.run_address(other.job, other.nodes[0]),
            errors.RunJobMismatch,
        ),
        (keys.index(r.job.vault), other.job.vault, errors.WrongVault),
        (keys.index(r.job.client.token_account), stranger.token_account, errors.WrongTokenOwner),
    ):
        await market.rejects([with_account(good, index, key)], market.payer, error, watch=watch)
    await market.complete(r.job)
    await market.rejects([good], market.payer, errors.InvalidJobState, watch=watch)


async def test_a_run_that_delivered_and_reported_its_whole_duration_is_never_timed_out(
    market: EscrowEnv,
) -> None:
    # Delivered and reported the whole reservation (8 GPUs x 4 h), then went quiet before
    # the client completed the job: the work is done, nothing failed.
    r = await market.ran(4, 1)
    (node,) = r.nodes
    run = market.run_address(r.job, node)
    market.conn.warp(10 * SILENCE)
    before = await market.node(node)
    await market.rejects(
        [await market.timeout_ix(r.job, node)],
        market.payer,
        errors.NodeHealthy,
        watch=[r.job.address, run, node.address, r.job.vault],
    )
    after = await market.node(node)
    assert (after.jobs_failed, after.pending_slashes) == (before.jobs_failed, 0) == (0, 0)


async def test_a_run_with_recent_receipts_is_not_timed_out_when_its_nodes_proof_went_stale(
    market: EscrowEnv,
) -> None:
    # The registry's liveness gates assignment only; a running run answers for itself.
    r = await market.running(1, duration_hours=8)
    (node,) = r.nodes
    await market.live(market.config.params.liveness_max_age_secs + 600, r.job, [node], step=600)
    assert not await market.liveness_fresh(node)  # no sync for over 4 h
    run = market.run_address(r.job, node)
    await market.rejects(
        [await market.timeout_ix(r.job, node)],
        market.payer,
        errors.NodeHealthy,
        watch=[r.job.address, run, node.address, r.job.vault],
    )
    market.conn.warp(SILENCE)  # and once its receipts stop, it is timed out
    await market.timeout(r.job, node)
    assert RunStatus((await market.run(r.job, node)).status) == RunStatus.Removed


async def test_a_lower_report_timeout_does_not_expose_runs_already_under_way(market: EscrowEnv) -> None:
    """A job keeps the receipt timeout it was created under (as it keeps its price and
    fee): the admin lowering `report_timeout_secs` must not make a healthy run, whose
    agent reports at the cadence the old timeout allowed, removable and slashable."""
    from dataclasses import replace

    from ionet_sdk import escrow
    from ionet_sdk._generated.ionet_escrow.types import ConfigUpdateArgs

    r = await market.running(1)
    (node,) = r.nodes
    await market.live(REPORT_TIMEOUT // 3, r.job, [node], step=REPORT_TIMEOUT // 3)  # receipts every 300 s
    lowered = replace(ESCROW_PARAMS, report_timeout_secs=60)
    update = ConfigUpdateArgs(admin=None, matcher=None, arbiter=None, params=lowered)
    await market.send([escrow.build_config_update_ix(market.admin.pubkey(), update)], market.admin)
    market.conn.warp(61)  # 61 s since the last receipt: past the new timeout, well within the job's
    run = market.run_address(r.job, node)
    await market.rejects(
        [await market.timeout_ix(r.job, node)], market.payer, errors.NodeHealthy,
        watch=[r.job.address, run, node.address, r.job.vault],
    )  # fmt: skip
    # A job created after the change is held to the new timeout.
    later = await market.running(1)
    (other,) = later.nodes
    market.conn.warp(61)
    await market.timeout(later.job, other)
