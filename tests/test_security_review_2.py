"""The second security review of the lifecycle (issue 15), each tried as an attack:

1. a full slash executed over several slash epochs, with forfeits in between, used to
   leave 25% of the locked rewards (shares multiplied: 1 - 0.5 x 0.5);
2. rewards claimed while a slash is pending (the operator appeals, waits out the lock
   and claims before the slash executes), and an appeal the admin never decides;
3. a stranger reopening the reward account between `rewards_close` and
   `node_deregister` (the SDK's `deregister` does both in one transaction);
4. a founded dispute at 1 bps payout counted as a completed job;
5. a node that never started: released as failed by `job_timeout` but as cancelled
   (no fault) by `job_cancel` after the same start deadline.
"""

from __future__ import annotations

import pytest

from ionet_sdk import pda, registry, token
from ionet_sdk._generated.ionet_escrow.constants import COMPLETION_MIN_PAYOUT_BPS
from ionet_sdk._generated.ionet_registry import errors
from ionet_sdk._generated.ionet_registry.constants import APPEAL_RESOLUTION_SECS
from ionet_sdk._generated.ionet_registry.types import SlashStatus
from ionet_sdk._generated.ionet_token import errors as token_errors
from ionet_sdk.client import IonetClient
from ionet_sdk.defaults import IO, REGISTRY_PARAMS, TOKEN_PARAMS

from .escrow_env import EscrowEnv
from .registry_env import NodeHandle, RegistryEnv
from .test_security_faults import deregister, execute, propose
from .test_token_rewards import current_epoch, mint_through, reward, worked

P = REGISTRY_PARAMS


async def locked_rewards(market: EscrowEnv) -> tuple[NodeHandle, int]:
    """A node with rewards resolved and locked."""
    (node,) = await worked(market)
    epoch = await current_epoch(market)
    await market.send([token.build_rewards_accrue_ix(node.address)], market.payer)
    await mint_through(market, epoch)
    await market.send([token.build_rewards_accrue_ix(node.address, [epoch])], market.payer)
    locked = (await reward(market, node)).locked
    assert locked > 0
    return node, locked


# --- 1. forfeiture takes the cumulative share, however executions and forfeits interleave

# Per slash epoch: "x" executes, "xf" executes and forfeits in the same transaction,
# "f" forfeits alone (after the last execution).
INTERLEAVINGS = {
    "forfeit after each execution": ["xf", "xf"],
    "forfeit once at the end": ["x", "x", "f"],
    "forfeit after the first only": ["xf", "x", "f"],
}


@pytest.mark.parametrize("steps", list(INTERLEAVINGS.values()), ids=list(INTERLEAVINGS))
async def test_a_slash_over_several_epochs_forfeits_its_whole_share(
    market: EscrowEnv, steps: list[str]
) -> None:
    """A 100% slash at the 50% per-epoch cap executes over two slash epochs: all the locked
    rewards go, whether the rewards are forfeited after each execution or once."""
    node, locked = await locked_rewards(market)
    stake = (await market.node(node)).bonded
    await market.send([propose(market, node, 0, amount=stake)], market.slasher)
    market.conn.warp(P.appeal_window_secs + 1)
    forfeit = token.build_rewards_forfeit_ix(node.address)
    for step in steps:
        ixs = {"x": [execute(market, node, 0)], "xf": [execute(market, node, 0), forfeit], "f": [forfeit]}[
            step
        ]
        await market.send(ixs, market.payer)
        if step != "f":
            market.conn.warp(P.slash_epoch_secs)
    n = await market.node(node)
    assert (await market.proposal(node, 0)).status == SlashStatus.Executed
    assert (n.bonded + n.unbonding, n.slashed_total) == (0, stake)
    after = await reward(market, node)
    assert (after.locked, after.forfeited_total) == (0, locked)


async def test_a_partial_slash_over_two_epochs_forfeits_its_share_once(market: EscrowEnv) -> None:
    """75% of the stake over two epochs (50% + 25%), forfeited after each: 75% of the
    locked rewards go (rounded up against the node), not 1 - 0.5 x (1 - 0.25/0.5)."""
    node, locked = await locked_rewards(market)
    stake = (await market.node(node)).bonded
    assert stake % 4 == 0
    await market.send([propose(market, node, 0, amount=stake * 3 // 4)], market.slasher)
    market.conn.warp(P.appeal_window_secs + 1)
    forfeit = token.build_rewards_forfeit_ix(node.address)
    await market.send([execute(market, node, 0), forfeit], market.payer)
    assert (await reward(market, node)).forfeited_total == -(-locked // 2)
    market.conn.warp(P.slash_epoch_secs)
    await market.send([execute(market, node, 0), forfeit], market.payer)
    after = await reward(market, node)
    want = locked - locked * 3 // 4  # what stays, to one base unit of rounding per step
    assert want - 2 <= after.locked <= want
    assert after.locked + after.forfeited_total == locked


# --- 2. nothing is paid while a slash is pending; appeals have a deadline


async def test_rewards_are_not_paid_while_a_slash_is_pending(market: EscrowEnv) -> None:
    """The operator appeals a 100% slash, waits out the lock and claims before the slash
    executes: refused (`SlashPending`). The upheld slash then forfeits all of it."""
    node, locked = await locked_rewards(market)
    stake = (await market.node(node)).bonded
    op = node.operator
    await market.send([propose(market, node, 0, amount=stake)], market.slasher)
    await market.send([registry.build_slash_appeal_ix(node.address, 0, op.pubkey(), bytes(32))], op)
    market.conn.warp(TOKEN_PARAMS.reward_lock_secs + 86_400)  # unlocked; the appeal still undecided
    assert 0 < (await reward(market, node)).unlock_at <= await market.now()
    assert node.token_account is not None
    claim = token.build_rewards_claim_ix(node.address, op.pubkey(), node.token_account, [])
    await market.rejects(
        [claim], op, token_errors.SlashPending, watch=[token.reward_account(node.address), node.token_account]
    )
    await market.rejects(
        [token.build_rewards_close_ix(node.address, op.pubkey())],
        op,
        token_errors.SlashPending,
        watch=[token.reward_account(node.address)],
    )
    await market.send(
        [registry.build_slash_resolve_ix(node.address, 0, market.admin.pubkey(), True)], market.admin
    )
    forfeit = token.build_rewards_forfeit_ix(node.address)
    for _ in range(2):
        await market.send([execute(market, node, 0), forfeit], market.payer)
        market.conn.warp(P.slash_epoch_secs)
    after = await reward(market, node)
    assert (after.locked, after.forfeited_total, after.claimed_total) == (0, locked, 0)


async def test_an_undecided_appeal_lapses_to_overturned_and_frees_the_rewards(market: EscrowEnv) -> None:
    node, locked = await locked_rewards(market)
    op = node.operator
    await market.send([propose(market, node, 0, amount=IO)], market.slasher)
    await market.send([registry.build_slash_appeal_ix(node.address, 0, op.pubkey(), bytes(32))], op)
    proposal = await market.proposal(node, 0)
    lapse = registry.build_slash_appeal_lapse_ix(node.address, 0)
    watch = [node.address, pda.slash(node.address, 0)]
    market.conn.warp(P.appeal_window_secs + APPEAL_RESOLUTION_SECS - 10)
    await market.rejects([lapse], market.payer, errors.AppealDeadlineNotReached, watch=watch)
    market.conn.warp(10)
    assert await market.now() >= proposal.appeal_deadline + APPEAL_RESOLUTION_SECS
    resolve = registry.build_slash_resolve_ix(node.address, 0, market.admin.pubkey(), True)
    await market.rejects([resolve], market.admin, errors.AppealDeadlinePassed, watch=watch)
    await market.send([lapse], market.payer)
    assert (await market.proposal(node, 0)).status == SlashStatus.Overturned
    assert (await market.node(node)).pending_slashes == 0
    await market.rejects([lapse], market.payer, errors.SlashNotResolvable, watch=watch)
    # The rewards, held while the slash was pending, are paid in full.
    market.conn.warp(TOKEN_PARAMS.reward_lock_secs)
    assert node.token_account is not None
    before = await market.token_balance(node.token_account)
    await market.send([token.build_rewards_claim_ix(node.address, op.pubkey(), node.token_account, [])], op)
    assert await market.token_balance(node.token_account) == before + locked


# --- 3. deregistration closes the reward account in the same transaction


async def test_a_reopened_reward_account_cannot_block_the_sdks_deregister(env: RegistryEnv) -> None:
    """`rewards_open` is permissionless: after a `rewards_close` of its own, a stranger
    reopens the account and `node_deregister` fails. The SDK's `deregister` closes the
    account and the node in one transaction, so a reopen lands before (and is closed
    with it) or after (the node is gone: `rewards_open` fails)."""
    node = await env.register()
    op = node.operator
    stranger = await env.new_operator()
    await env.send([token.build_rewards_open_ix(node.address, env.payer.pubkey())], env.payer)
    await env.send([token.build_rewards_close_ix(node.address, op.pubkey())], op)
    await env.send([token.build_rewards_open_ix(node.address, stranger.pubkey())], stranger)
    await env.rejects([deregister(env, node)], op, errors.RewardsAccountOpen, watch=[node.address])
    client = IonetClient(env.conn, env.payer)
    await client.deregister(op, node.address)
    assert await env.conn.get_account(node.address) is None
    assert await env.conn.get_account(token.reward_account(node.address)) is None
    reopen = token.build_rewards_open_ix(node.address, stranger.pubkey())
    await env.rejects(
        [reopen], stranger, token_errors.InvalidNode, watch=[token.reward_account(node.address)]
    )


# --- 4. a job counts as completed only when at least half of it was paid


@pytest.mark.parametrize(
    ("payout_bps", "completed"),
    [(1, False), (COMPLETION_MIN_PAYOUT_BPS - 1, False), (COMPLETION_MIN_PAYOUT_BPS, True)],
)
async def test_a_founded_dispute_counts_as_completed_only_from_half_the_payout(
    market: EscrowEnv, payout_bps: int, completed: bool
) -> None:
    r = await market.ran(1, 1)
    (node,) = r.nodes
    before = await market.node(node)
    await market.complete(r.job)
    await market.dispute(r.job)
    await market.resolve(r.job, True, payout_bps)
    await market.settle(r.job, node)
    after = await market.node(node)
    assert after.jobs_completed - before.jobs_completed == int(completed)
    assert after.jobs_failed - before.jobs_failed == int(not completed)


# --- 5. a node that never started: the same outcome on both paths


@pytest.mark.parametrize("path", ["timeout", "cancel"])
async def test_a_node_that_never_started_is_released_as_failed_on_both_paths(
    market: EscrowEnv, path: str
) -> None:
    node = await market.active_node()
    job = await market.create_job(duration_hours=720, price_per_gpu_hour=1)
    await market.assign(job, node)
    market.conn.warp(600 + 1)  # past the start deadline
    before = await market.node(node)
    if path == "timeout":
        await market.timeout(job, node)
    else:
        stranger = await market.new_operator()
        await market.cancel(job, stranger)
        await market.settle(job, node)
    after = await market.node(node)
    assert (after.jobs_failed, after.jobs_completed, after.active_jobs) == (
        before.jobs_failed + 1,
        before.jobs_completed,
        0,
    )
    assert after.pending_slashes == 0


async def test_a_client_cancelling_before_the_start_deadline_fails_no_node(market: EscrowEnv) -> None:
    node = await market.active_node()
    job = await market.create_job(duration_hours=720, price_per_gpu_hour=1)
    await market.assign(job, node)
    before = await market.node(node)
    await market.cancel(job)
    await market.settle(job, node)
    after = await market.node(node)
    assert (after.jobs_failed, after.active_jobs) == (before.jobs_failed, 0)
