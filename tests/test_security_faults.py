"""The lifecycle and market faults of the security review (issue 15), each tried as
an attack: the error code it must meet now, and the accounts it must leave alone.

1. slash immunity by re-registration (and a stale reward snapshot),
2. a slash that never finishes, 3. dust that locks accounts, 4. a node forced into
an underpriced job or an impossible start window, 5. forfeiture diluted by a stake
top-up, 6. credits for work a founded dispute paid nothing for, 7. a dispute the
arbiter never decides; plus a second unstake that re-locked a matured unbonding.
"""

from __future__ import annotations

import math

from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk import escrow, pda, registry, spl, token
from ionet_sdk._generated.ionet_escrow import errors as escrow_errors
from ionet_sdk._generated.ionet_escrow import events as escrow_events
from ionet_sdk._generated.ionet_escrow.constants import DISPUTE_RESOLUTION_SECS, MIN_START_WINDOW_SECS
from ionet_sdk._generated.ionet_escrow.types import JobState
from ionet_sdk._generated.ionet_registry import errors
from ionet_sdk._generated.ionet_registry.types import NodeRegisterArgs, Offense, SlashStatus
from ionet_sdk._generated.ionet_token import errors as token_errors
from ionet_sdk.defaults import IO, IO_DECIMALS, REGISTRY_PARAMS

from .escrow_env import HOUR, EscrowEnv
from .registry_env import NodeHandle, RegistryEnv
from .test_token_rewards import current_epoch, mint_through, reward, worked

P = REGISTRY_PARAMS


def propose(
    env: RegistryEnv, node: NodeHandle, index: int, amount: int = 0, offense: Offense = Offense.Misconduct
) -> Instruction:
    return registry.build_slash_propose_ix(
        node.address,
        index,
        proposer=env.slasher.pubkey(),
        payer=env.slasher.pubkey(),
        offense=offense,
        evidence_hash=bytes(32),
        amount=amount,
    )


def execute(env: RegistryEnv, node: NodeHandle, index: int) -> Instruction:
    return registry.build_slash_execute_ix(env.config, node.address, node.vault, index, env.payer.pubkey())


def deregister(env: RegistryEnv, node: NodeHandle) -> Instruction:
    return registry.build_node_deregister_ix(env.config, node.address, node.vault, node.operator.pubkey())


async def register_as(env: RegistryEnv, operator: Keypair, node_id: int) -> NodeHandle:
    """Register node `node_id` of `operator` (the sandbox's `register` picks fresh ids)."""
    agent, vault = Keypair(), Keypair()
    spec = (await env.register()).spec  # any valid hardware
    args = NodeRegisterArgs(node_id=node_id, agent=agent.pubkey(), hardware=spec)
    ixs = await registry.build_node_register_ixs(env.conn, env.config, operator.pubkey(), args, vault)
    await env.send(ixs, operator, [vault])
    return NodeHandle(operator, agent, node_id, pda.node(operator.pubkey(), node_id), vault.pubkey(), spec)


async def unstake_all(env: RegistryEnv, node: NodeHandle) -> None:
    bonded = (await env.node(node)).bonded
    op = node.operator
    await env.send([registry.build_stake_request_unstake_ix(node.address, op.pubkey(), bonded)], op)
    env.conn.warp(P.unbonding_period_secs)
    assert node.token_account is not None
    withdraw = registry.build_stake_withdraw_ix(
        env.config, node.address, node.vault, op.pubkey(), node.token_account
    )
    await env.send([withdraw], op)


# --- 1. counter-keyed accounts across close and re-creation


async def test_a_node_with_a_live_slash_proposal_cannot_deregister_and_reregister(env: RegistryEnv) -> None:
    """The attack: propose (later overturned) → unstake, withdraw, deregister → register
    the same id: its slash count restarts at 0 under the old proposal, so no slash (and no
    job timeout) can ever be proposed again. Now deregistration waits until every
    proposal is closed, and the re-registered node can be slashed."""
    node = await env.register()
    await env.deposit(node, 100 * IO)
    await env.send([propose(env, node, 0, amount=IO)], env.slasher)
    op = node.operator
    await env.send([registry.build_slash_appeal_ix(node.address, 0, op.pubkey(), bytes(32))], op)
    await env.send([registry.build_slash_resolve_ix(node.address, 0, env.admin.pubkey(), False)], env.admin)
    await unstake_all(env, node)
    await env.rejects(
        [deregister(env, node)],
        op,
        errors.SlashProposalsOpen,
        watch=[node.address, node.vault, pda.slash(node.address, 0)],
    )
    # A proposal that is not final cannot be closed.
    other = await env.register()
    await env.deposit(other, 100 * IO)
    await env.send([propose(env, other, 0)], env.slasher)
    await env.rejects(
        [registry.build_slash_close_ix(other.address, 0, env.slasher.pubkey())],
        env.payer,
        errors.SlashNotFinal,
        watch=[other.address, pda.slash(other.address, 0)],
    )
    # Closing the overturned proposal (anyone) returns its rent to whoever paid it.
    before = await env.conn.get_balance(env.slasher.pubkey())
    await env.send([registry.build_slash_close_ix(node.address, 0, env.slasher.pubkey())], env.payer)
    assert await env.conn.get_account(pda.slash(node.address, 0)) is None
    assert await env.conn.get_balance(env.slasher.pubkey()) > before
    await env.send([deregister(env, node)], op)
    # Re-registered under the same id, the node is slashable again.
    again = await register_as(env, op, node.node_id)
    assert again.address == node.address
    await env.deposit(again, 100 * IO)
    await env.send([propose(env, again, 0)], env.slasher)
    assert (await env.proposal(again, 0)).status == SlashStatus.Proposed


async def test_a_node_with_a_reward_account_cannot_deregister(env: RegistryEnv) -> None:
    """The reward account (`["reward", node]`) would outlive the node with stale slash and
    delivery snapshots: a re-registered node would escape forfeiture. Deregistration
    waits until the account is closed, which needs it empty."""
    node = await env.register()
    op = node.operator
    await env.send([token.build_rewards_open_ix(node.address, env.payer.pubkey())], env.payer)
    await env.rejects(
        [deregister(env, node)], op, errors.RewardsAccountOpen, watch=[node.address, node.vault]
    )
    # Only the beneficiary closes it.
    stranger = await env.new_operator()
    await env.rejects(
        [token.build_rewards_close_ix(node.address, stranger.pubkey())],
        stranger,
        token_errors.NotBeneficiary,
        watch=[token.reward_account(node.address)],
    )
    await env.send([token.build_rewards_close_ix(node.address, op.pubkey())], op)
    await env.send([deregister(env, node)], op)
    assert await env.conn.get_account(node.address) is None


async def test_a_reward_account_holding_rewards_cannot_be_closed(market: EscrowEnv) -> None:
    (node,) = await worked(market)
    epoch = await current_epoch(market)
    await market.send([token.build_rewards_accrue_ix(node.address)], market.payer)
    await mint_through(market, epoch)
    await market.send([token.build_rewards_accrue_ix(node.address, [epoch])], market.payer)
    assert (await reward(market, node)).locked > 0
    await market.rejects(
        [token.build_rewards_close_ix(node.address, node.operator.pubkey())],
        node.operator,
        token_errors.RewardsNotEmpty,
        watch=[token.reward_account(node.address)],
    )


# --- 2. a slash completes in a bounded number of slash epochs


async def test_a_full_slash_completes_within_the_caps_epochs(env: RegistryEnv) -> None:
    """A 100% slash at a 50% per-epoch cap used to take half of what remained each epoch:
    after 40 executions 1 base unit was left and the proposal stayed pending for ever
    (no withdrawal, no deregistration). Now the cap is a share of the frozen amount too."""
    node = await env.register()
    stake = 1_000 * IO
    await env.deposit(node, stake)
    await env.send([propose(env, node, 0, amount=stake)], env.slasher)
    env.conn.warp(P.appeal_window_secs + 1)
    bound = math.ceil(10_000 / P.epoch_slash_cap_bps)
    epochs = 0
    while (await env.proposal(node, 0)).status != SlashStatus.Executed:
        assert epochs < bound, f"still pending after {epochs} slash epochs"
        await env.send([execute(env, node, 0)], env.payer)
        epochs += 1
        env.conn.warp(P.slash_epoch_secs)
    data = await env.node(node)
    assert (data.bonded, data.unbonding, data.pending_slashes, data.slashed_total) == (0, 0, 0, stake)
    assert epochs == bound


async def test_a_slash_with_no_stake_left_to_take_completes(env: RegistryEnv) -> None:
    """Two slashes of one node: the first takes all the stake. The second found nothing to
    take (`SlashCapReached`) and stayed pending for ever, blocking the node. (Found by
    tests/test_lifecycle_invariants.py.)"""
    node = await env.register()
    await env.deposit(node, IO)
    await env.send(
        [propose(env, node, 0), propose(env, node, 1, offense=Offense.HardwareSpoofing)], env.slasher
    )
    env.conn.warp(P.appeal_window_secs + 1)
    for _ in range(math.ceil(10_000 / P.epoch_slash_cap_bps)):
        await env.send([execute(env, node, 0)], env.payer)
        env.conn.warp(P.slash_epoch_secs)
    assert (await env.node(node)).bonded == 0
    await env.send([execute(env, node, 1)], env.payer)
    proposal = await env.proposal(node, 1)
    assert (proposal.status, proposal.executed) == (SlashStatus.Executed, 0)
    assert (await env.node(node)).pending_slashes == 0


# --- 3. unaccounted balances never block a close


async def test_dust_in_a_node_vault_goes_to_the_treasury_at_deregistration(env: RegistryEnv) -> None:
    node = await env.register()
    attacker = await env.new_operator()
    source = await env.fund(attacker, IO)
    dust = spl.transfer_ix(source, env.mint, node.vault, attacker.pubkey(), 1, IO_DECIMALS)
    await env.send([dust], attacker)
    treasury = await env.token_balance(env.treasury.pubkey())
    await env.send([deregister(env, node)], node.operator)
    assert await env.conn.get_account(node.vault) is None
    assert await env.token_balance(env.treasury.pubkey()) == treasury + 1


async def test_dust_in_a_settled_jobs_vault_goes_to_the_treasury_at_close(market: EscrowEnv) -> None:
    r = await market.ran(1, 1)
    await market.settled_window(r)
    await market.settle(r.job, *r.nodes)
    attacker = await market.new_client()
    dust = spl.transfer_ix(attacker.token_account, market.mint, r.job.vault, attacker.pubkey, 1, IO_DECIMALS)
    await market.send([dust], attacker.keypair)
    treasury = await market.token_balance(market.treasury.pubkey())
    result = await market.close(r.job)
    assert await market.conn.get_account(r.job.vault) is None
    assert await market.conn.get_account(r.job.address) is None
    assert await market.token_balance(market.treasury.pubkey()) == treasury + 1
    swept = [e for e in escrow_events.parse_logs(result.logs) if isinstance(e, escrow_events.VaultDustSwept)]
    assert [e.amount for e in swept] == [1]


# --- 4. operators consent to the terms they can be slashed under


async def test_a_node_is_not_assigned_below_its_operators_minimum_price(market: EscrowEnv) -> None:
    """8 H100 x 720 h at 1 base unit per GPU-hour: the node's floor refuses it."""
    node = await market.active_node()
    op = node.operator
    await market.send(
        [registry.build_node_update_ix(node.address, op.pubkey(), min_price_per_gpu_hour=IO)], op
    )
    assert (await market.node(node)).min_price_per_gpu_hour == IO
    job = await market.create_job(duration_hours=720, price_per_gpu_hour=1)
    await market.rejects(
        [market.assign_ix(job, [(node, 8)])],
        market.payer,
        escrow_errors.PriceBelowNodeMinimum,
        [market.matcher],
        watch=[node.address, job.address, market.run_address(job, node)],
    )
    # At its price the node is assigned.
    fair = await market.create_job(price_per_gpu_hour=IO)
    await market.assign(fair, node)


async def test_a_node_that_never_started_is_refunded_and_released_but_not_slashed(market: EscrowEnv) -> None:
    node = await market.active_node()
    job = await market.create_job(duration_hours=720, price_per_gpu_hour=1)
    await market.assign(job, node)
    market.conn.warp(600 + 1)
    failed = (await market.node(node)).jobs_failed
    result = await market.timeout(job, node)
    data = await market.node(node)
    assert (data.pending_slashes, data.slash_count, data.active_jobs) == (0, 0, 0)
    assert data.jobs_failed == failed + 1  # its reputation still records the failure
    assert await market.conn.get_account(pda.slash(node.address, 0)) is None
    (timed_out,) = [
        e for e in escrow_events.parse_logs(result.logs) if isinstance(e, escrow_events.RunTimedOut)
    ]
    assert timed_out.not_started and timed_out.slash_proposal == Pubkey.default()


async def test_no_node_gets_a_start_window_it_cannot_meet(market: EscrowEnv) -> None:
    client = await market.new_client()
    spec = await market.job_spec(start_deadline=await market.now() + 1)
    await market.rejects(
        [market.create_job_ix(client, 99, spec)],
        client.keypair,
        escrow_errors.InvalidStartDeadline,
        watch=[pda.job(client.pubkey, 99)],
    )
    node = await market.active_node()
    job = await market.create_job(start_deadline=await market.now() + MIN_START_WINDOW_SECS + 60)
    market.conn.warp(61)
    await market.rejects(
        [market.assign_ix(job, [(node, 8)])],
        market.payer,
        escrow_errors.StartWindowTooShort,
        [market.matcher],
        watch=[node.address, job.address, market.run_address(job, node)],
    )


# --- 5. forfeiture is the share of the stake the slash froze


async def test_a_stake_top_up_does_not_dilute_the_forfeiture(market: EscrowEnv) -> None:
    """After a 100% slash's appeal window, one transaction tops the stake up 99x, executes
    and forfeits: the share forfeited used to be measured against the topped-up stake
    (1% of the locked rewards). Now it is the share of the stake the proposal froze: all."""
    (node,) = await worked(market)
    epoch = await current_epoch(market)
    await market.send([token.build_rewards_accrue_ix(node.address)], market.payer)
    await mint_through(market, epoch)
    await market.send([token.build_rewards_accrue_ix(node.address, [epoch])], market.payer)
    locked = (await reward(market, node)).locked
    assert locked > 0
    stake = (await market.node(node)).bonded
    await market.send([propose(market, node, 0, amount=stake)], market.slasher)
    market.conn.warp(P.appeal_window_secs + 1)
    assert node.token_account is not None
    top_up = registry.build_stake_deposit_ix(
        market.config, node.address, node.vault, node.operator.pubkey(), node.token_account, amount=99 * stake
    )
    forfeit = token.build_rewards_forfeit_ix(node.address)
    await market.send([top_up, execute(market, node, 0), forfeit], market.payer, [node.operator])
    after = await reward(market, node)
    assert (after.locked, after.forfeited_total) == (0, locked)


async def test_a_forfeit_without_the_epoch_records_cannot_let_points_escape(market: EscrowEnv) -> None:
    """Points of a minted epoch not yet resolved when a slash is applied: a forfeit sent
    without that epoch's record used to apply the slash to the (empty) tranches only and
    mark it applied, so the points later locked in full. Now it is refused, and the same
    forfeit with the record takes the slash's share of them."""
    (node,) = await worked(market)
    epoch = await current_epoch(market)
    await market.send([token.build_rewards_accrue_ix(node.address)], market.payer)
    await mint_through(market, epoch)
    stake = (await market.node(node)).bonded
    await market.send([propose(market, node, 0, amount=stake)], market.slasher)
    market.conn.warp(P.appeal_window_secs + 1)
    await market.send([execute(market, node, 0)], market.payer)
    before = await reward(market, node)
    await market.rejects(
        [token.build_rewards_forfeit_ix(node.address)],
        market.payer,
        token_errors.EpochRecordsMissing,
        watch=[token.reward_account(node.address)],
    )
    await market.send([token.build_rewards_forfeit_ix(node.address, [epoch])], market.payer)
    after = await reward(market, node)
    share_ppb = (await market.node(node)).slashed_share_ppb
    resolved = after.locked + after.forfeited_total
    assert before.locked == 0 and after.forfeited_total == -(-resolved * share_ppb // 10**9) > 0


# --- 6. credits follow the payout


async def test_a_founded_dispute_at_zero_payout_credits_no_work(market: EscrowEnv) -> None:
    r = await market.ran(1, 1)
    (node,) = r.nodes
    before = await market.node(node)
    await market.complete(r.job)
    await market.dispute(r.job)
    await market.resolve(r.job, True, 0)
    await market.settle(r.job, node)
    after = await market.node(node)
    assert after.delivered_gpu_seconds == before.delivered_gpu_seconds
    assert after.jobs_completed == before.jobs_completed
    assert after.jobs_failed == before.jobs_failed + 1


async def test_a_partial_payout_credits_the_paid_share_of_the_work(market: EscrowEnv) -> None:
    r = await market.ran(1, 1)
    (node,) = r.nodes
    before = await market.node(node)
    await market.complete(r.job)
    await market.dispute(r.job)
    await market.resolve(r.job, True, 2_500)
    await market.settle(r.job, node)
    after = await market.node(node)
    assert after.delivered_gpu_seconds == before.delivered_gpu_seconds + 8 * HOUR // 4
    # A quarter paid is under half: the job counts as failed (the paid work still counts).
    assert (after.jobs_completed, after.jobs_failed) == (before.jobs_completed, before.jobs_failed + 1)


# --- 7. the arbiter has a deadline


async def test_an_undecided_dispute_lapses_to_the_default_outcome(market: EscrowEnv) -> None:
    r = await market.ran(1, 1)
    (node,) = r.nodes
    await market.complete(r.job)
    await market.dispute(r.job)
    data = await market.job(r.job)
    assert data.dispute_deadline == await market.now() + DISPUTE_RESOLUTION_SECS
    lapse = escrow.build_job_dispute_lapse_ix(market.escrow_config, r.job.address, data)
    await market.rejects(
        [lapse], market.payer, escrow_errors.DisputeDeadlineNotReached, watch=[r.job.address, r.job.vault]
    )
    market.conn.warp(DISPUTE_RESOLUTION_SECS)
    resolve = escrow.build_job_resolve_ix(market.escrow_config, r.job.address, data, True, 0)
    await market.rejects(
        [resolve],
        market.payer,
        escrow_errors.DisputeDeadlinePassed,
        [market.arbiter],
        watch=[r.job.address, r.job.vault],
    )
    client_before = await market.token_balance(r.job.client.token_account)
    await market.send([lapse], market.payer)
    data = await market.job(r.job)
    assert (JobState(data.state), data.dispute_bond) == (JobState.Completed, 0)
    bond = market.escrow_config.params.dispute_bond
    assert await market.token_balance(r.job.client.token_account) == client_before + bond
    # The default outcome pays the node in full.
    await market.settle(r.job, node)
    assert (await market.job(r.job)).paid > 0
    assert (await market.node(node)).delivered_gpu_seconds >= 8 * HOUR


# --- issue 14, item 15: a second unstake does not re-lock a matured unbonding


async def test_a_second_unstake_is_refused_while_a_matured_unbonding_waits(env: RegistryEnv) -> None:
    node = await env.register()
    await env.deposit(node, 100 * IO)
    op = node.operator
    await env.send([registry.build_stake_request_unstake_ix(node.address, op.pubkey(), 10 * IO)], op)
    # Before maturity a second request adds to the unbonding (and restarts the period).
    await env.send([registry.build_stake_request_unstake_ix(node.address, op.pubkey(), 10 * IO)], op)
    env.conn.warp(P.unbonding_period_secs)
    await env.rejects(
        [registry.build_stake_request_unstake_ix(node.address, op.pubkey(), 10 * IO)],
        op,
        errors.UnbondingMatured,
        watch=[node.address, node.vault],
    )
    assert node.token_account is not None
    withdraw = registry.build_stake_withdraw_ix(
        env.config, node.address, node.vault, op.pubkey(), node.token_account
    )
    await env.send([withdraw], op)
    await env.send([registry.build_stake_request_unstake_ix(node.address, op.pubkey(), 10 * IO)], op)
    assert (await env.node(node)).unbonding == 10 * IO
