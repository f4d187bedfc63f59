"""rewards_open / rewards_accrue / rewards_claim / rewards_forfeit: emissions shared by
delivered work and availability, claimed lazily, locked, and taken by slashes."""

from __future__ import annotations

from solders.keypair import Keypair

from ionet_sdk import registry, token
from ionet_sdk._generated import anchor_errors
from ionet_sdk._generated.ionet_registry.types import Offense
from ionet_sdk._generated.ionet_token import errors, events
from ionet_sdk._generated.ionet_token.accounts import EpochRecord, Reward
from ionet_sdk.defaults import DAY, IO, REGISTRY_PARAMS, TOKEN_PARAMS
from ionet_sdk.testing import SANDBOX_START

from .escrow_env import HOUR, ClientHandle, EscrowEnv, NodeHandle
from .registry_env import with_account


async def reward(market: EscrowEnv, node: NodeHandle) -> Reward:
    data = await Reward.fetch(market.conn, token.reward_account(node.address))
    assert data is not None
    return data


async def open_rewards(market: EscrowEnv, *nodes: NodeHandle) -> None:
    for node in nodes:
        await market.send([token.build_rewards_open_ix(node.address, market.payer.pubkey())], market.payer)


async def mint_through(market: EscrowEnv, epoch: int) -> None:
    """Crank every epoch up to and including `epoch` (warping to its end if needed)."""
    config = await market.io.config()
    end = config.genesis_time + (epoch + 1) * config.epoch_secs
    market.conn.warp(max(0, end - await market.now()))
    while (await market.io.config()).epochs_minted <= epoch:
        await market.io.crank()


async def current_epoch(market: EscrowEnv) -> int:
    config = await market.io.config()
    return (await market.now() - config.genesis_time) // config.epoch_secs


# Availability points the oracles prove for an 8-GPU H100 node present a whole epoch:
# 3,600 s x 8 GPUs x the 5.0x weight.
FULL_EPOCH_POINTS = HOUR * 8 * 5


async def worked(market: EscrowEnv, nodes: int = 1, hours: int = 1) -> list[NodeHandle]:
    """Nodes with reward accounts that delivered `hours` on 8 GPUs each and were settled,
    and that the oracles proved present for a whole epoch."""
    r = await market.ran(hours, nodes)
    await open_rewards(market, *r.nodes)
    await market.settled_window(r)
    await market.settle(r.job, *r.nodes)
    for node in r.nodes:
        await market.prove_availability(node, FULL_EPOCH_POINTS)
    return r.nodes


async def test_work_and_availability_share_the_epochs_emission(market: EscrowEnv) -> None:
    (node,) = await worked(market)
    assert (await market.node(node)).delivered_gpu_seconds == 8 * HOUR
    epoch = await current_epoch(market)
    result = await market.send([token.build_rewards_accrue_ix(node.address)], market.payer)
    print(f"\nrewards_accrue: {result.compute_units} CU")
    (accrued,) = [e for e in events.parse_logs(result.logs) if isinstance(e, events.RewardsAccrued)]
    # Work: the fee burned (2% of 8 GPU-hours at 2 IO), at full weight (H100 class is the
    # heaviest tier); availability: what the oracles proved.
    fee = 8 * 2 * IO * TOKEN_PARAMS.fee_bps // 10_000
    assert accrued.work_points == fee * TOKEN_PARAMS.fee_burn_bps // 10_000
    assert accrued.availability_points == FULL_EPOCH_POINTS and accrued.epoch == epoch
    # Nothing new in the same epoch: refused.
    await market.rejects(
        [token.build_rewards_accrue_ix(node.address)],
        market.payer,
        errors.NothingToAccrue,
        watch=[token.reward_account(node.address)],
    )
    await mint_through(market, epoch)
    record = await EpochRecord.fetch(market.conn, token.epoch_record(epoch))
    assert record is not None
    assert (record.work_points, record.availability_points) == (
        accrued.work_points,
        accrued.availability_points,
    )
    # The only node: all of it; the work pool pays at most a base unit per work point
    # (per base unit burned), the rest goes to availability.
    assert record.work_pool == accrued.work_points
    assert record.work_pool + record.availability_pool == (await market.io.stats()).epochs[epoch % 64].minted

    destination = node.token_account
    assert destination is not None
    claim = token.build_rewards_claim_ix(node.address, node.operator.pubkey(), destination, [epoch])
    claimed_at = await market.now()
    result = await market.send([claim], node.operator)
    print(f"rewards_claim (resolve one epoch): {result.compute_units} CU")
    (claimed,) = [e for e in events.parse_logs(result.logs) if isinstance(e, events.RewardsClaimed)]
    assert claimed.resolved == record.work_pool + record.availability_pool  # rounding: one claimant
    assert (claimed.paid, claimed.locked) == (0, claimed.resolved)  # locked first
    # Locked for the full period, unlocking at the next whole day after it.
    lock = TOKEN_PARAMS.reward_lock_secs
    assert claimed.unlock_at % DAY == 0 and lock <= claimed.unlock_at - claimed_at < lock + DAY
    await market.rejects(
        [claim], node.operator, errors.NothingToClaim, watch=[token.reward_account(node.address)]
    )
    market.conn.warp(claimed.unlock_at - 1 - await market.now())
    await market.rejects(
        [claim], node.operator, errors.NothingToClaim, watch=[token.reward_account(node.address)]
    )
    market.conn.warp(1)
    before = await market.token_balance(destination)
    result = await market.send([claim], node.operator)
    (paid,) = [e for e in events.parse_logs(result.logs) if isinstance(e, events.RewardsClaimed)]
    assert paid.paid == claimed.resolved
    assert await market.token_balance(destination) == before + claimed.resolved
    assert (await market.io.stats()).rewards_paid == claimed.resolved


async def test_two_nodes_share_pro_rata(market: EscrowEnv) -> None:
    a, b = await worked(market, nodes=2)
    epoch = await current_epoch(market)
    for node in (a, b):
        await market.send([token.build_rewards_accrue_ix(node.address)], market.payer)
    await mint_through(market, epoch)
    record = await EpochRecord.fetch(market.conn, token.epoch_record(epoch))
    assert record is not None
    resolved = []
    for node in (a, b):
        assert node.token_account is not None
        claim = token.build_rewards_claim_ix(
            node.address, node.operator.pubkey(), node.token_account, [epoch]
        )
        result = await market.send([claim], node.operator)
        resolved += [
            e.resolved for e in events.parse_logs(result.logs) if isinstance(e, events.RewardsClaimed)
        ]
    # Equal nodes, equal work: equal halves, never more than the pools.
    assert abs(resolved[0] - resolved[1]) <= 1
    assert sum(resolved) <= record.work_pool + record.availability_pool


async def test_claims_are_the_operators_own(market: EscrowEnv) -> None:
    a, b = await worked(market, nodes=2)
    epoch = await current_epoch(market)
    for node in (a, b):
        await market.send([token.build_rewards_accrue_ix(node.address)], market.payer)
    await mint_through(market, epoch)
    assert a.token_account is not None and b.token_account is not None
    watch = [
        token.reward_account(a.address),
        token.reward_account(b.address),
        a.token_account,
        b.token_account,
    ]
    # b's operator claims a's rewards (to its own account, or to a's).
    theft = token.build_rewards_claim_ix(a.address, b.operator.pubkey(), b.token_account, [epoch])
    await market.rejects([theft], b.operator, errors.NotBeneficiary, watch=watch)
    # a's reward account with b's node.
    ix = token.build_rewards_claim_ix(b.address, a.operator.pubkey(), a.token_account, [epoch])
    keys = [m.pubkey for m in ix.accounts]
    mixed = with_account(ix, keys.index(token.reward_account(b.address)), token.reward_account(a.address))
    await market.rejects([mixed], a.operator, errors.WrongRewardAccount, watch=watch)
    # Paid into someone else's account, or an account of another mint.
    elsewhere = token.build_rewards_claim_ix(a.address, a.operator.pubkey(), b.token_account, [epoch])
    await market.rejects([elsewhere], a.operator, anchor_errors.ConstraintTokenOwner, watch=watch)
    _, foreign = await market.other_mint_account(ClientHandle(a.operator, a.token_account))
    wrong_mint = token.build_rewards_claim_ix(a.address, a.operator.pubkey(), foreign, [epoch])
    await market.rejects([wrong_mint], a.operator, anchor_errors.ConstraintTokenMint, watch=watch)
    # Not a registry node.
    fake = Keypair()
    await market.rejects(
        [token.build_rewards_open_ix(fake.pubkey(), market.payer.pubkey())],
        market.payer,
        errors.InvalidNode,
        watch=[token.reward_account(fake.pubkey())],
    )


async def test_a_slash_takes_its_share_of_the_locked_rewards(market: EscrowEnv) -> None:
    (node,) = await worked(market)
    epoch = await current_epoch(market)
    await market.send([token.build_rewards_accrue_ix(node.address)], market.payer)
    await mint_through(market, epoch)
    assert node.token_account is not None
    claim = token.build_rewards_claim_ix(node.address, node.operator.pubkey(), node.token_account, [epoch])
    await market.send([claim], node.operator)
    locked = (await reward(market, node)).locked
    await market.rejects(
        [token.build_rewards_forfeit_ix(node.address)],
        market.payer,
        errors.NoNewSlashes,
        watch=[token.reward_account(node.address)],
    )
    # The slashing authority proposes 50% of the stake; after the appeal window it executes.
    stake = (await market.node(node)).bonded
    propose = registry.build_slash_propose_ix(
        node.address,
        0,
        proposer=market.slasher.pubkey(),
        payer=market.slasher.pubkey(),
        offense=Offense.Misconduct,
        evidence_hash=bytes(32),
        amount=stake // 2,
    )
    await market.send([propose], market.slasher)
    market.conn.warp(REGISTRY_PARAMS.appeal_window_secs + 1)
    supply = await market.supply()
    execute = registry.build_slash_execute_ix(
        market.config, node.address, node.vault, 0, market.payer.pubkey()
    )
    await market.send([execute], market.payer)
    slashed_burn = stake // 2 * REGISTRY_PARAMS.slash_burn_bps // 10_000
    assert await market.supply() == supply - slashed_burn
    assert (await market.io.stats()).burned_slashes == slashed_burn

    result = await market.send([token.build_rewards_forfeit_ix(node.address)], market.payer)
    print(f"\nrewards_forfeit: {result.compute_units} CU")
    after = await reward(market, node)
    taken = -(-locked // 2)  # rounded up: the slashed node bears the rounding
    assert after.locked == locked - taken and after.forfeited_total == taken
    assert await market.supply() == supply - slashed_burn - taken
    assert (await market.io.stats()).burned_slashes == slashed_burn + taken


# Unlocks round up to whole days, so what this test expects (sixteen hourly resolutions in
# one tranche) holds only when those hours don't straddle a day boundary: it pins the clock
# to a midnight (from 15:04 they would straddle one). The exact unlock time below fails if
# the pin is removed.
PINNED_START = SANDBOX_START


async def test_accruals_resolve_minted_epochs_and_each_tranche_keeps_its_lock() -> None:
    """The agent accrues every epoch with the operator's key cold: minted epochs are
    resolved into locked tranches (no BucketsFull); a claim pays only the tranches
    whose own lock has ended, so claiming often never pushes earlier rewards back."""
    market = await EscrowEnv(start_time=PINNED_START).setup()
    (node,) = await worked(market)
    first = await current_epoch(market)
    unlocks = []
    for epoch in range(first, first + 2 * len((await reward(market, node)).buckets)):
        minted = (await market.io.config()).epochs_minted
        held = [b.epoch for b in (await reward(market, node)).buckets if b.used and b.epoch < minted]
        result = await market.send([token.build_rewards_accrue_ix(node.address, held)], market.payer)
        (accrued,) = [e for e in events.parse_logs(result.logs) if isinstance(e, events.RewardsAccrued)]
        assert accrued.epoch == epoch and (accrued.resolved > 0) == bool(held)
        if accrued.resolved:
            unlocks.append((await reward(market, node)).unlock_at)
        await mint_through(market, epoch)
        await market.prove_availability(node, FULL_EPOCH_POINTS)
    state = await reward(market, node)
    assert state.locked > 0 and state.claimed_total == 0 and len(set(unlocks)) == 1
    # Resolved during the first day, locked 7 days, rounded up to a whole day: day 8.
    assert unlocks[0] == PINNED_START + (TOKEN_PARAMS.reward_lock_secs // DAY + 1) * DAY
    assert sum(t.amount for t in state.tranches) == state.locked
    # A day later the remaining buckets resolve into a second tranche, a day later too.
    await mint_through(market, await current_epoch(market) + 24)
    await market.prove_availability(node, FULL_EPOCH_POINTS)
    minted = (await market.io.config()).epochs_minted
    held = [b.epoch for b in state.buckets if b.used and b.epoch < minted]
    await market.send([token.build_rewards_accrue_ix(node.address, held)], market.payer)
    state = await reward(market, node)
    amounts = {t.unlock_at: t.amount for t in state.tranches if t.amount}
    assert sorted(amounts) == [unlocks[0], unlocks[0] + DAY]
    # The operator claims now: nothing has unlocked, nothing is paid.
    assert node.token_account is not None
    claim = token.build_rewards_claim_ix(node.address, node.operator.pubkey(), node.token_account, [])
    await market.rejects(
        [claim], node.operator, errors.NothingToClaim, watch=[token.reward_account(node.address)]
    )
    # At the first tranche's unlock exactly that one is paid; the second keeps its own lock.
    market.conn.warp(unlocks[0] - await market.now())
    before = await market.token_balance(node.token_account)
    await market.send([claim], node.operator)
    after = await reward(market, node)
    assert await market.token_balance(node.token_account) == before + amounts[unlocks[0]]
    assert (after.locked, after.unlock_at) == (amounts[unlocks[0] + DAY], unlocks[0] + DAY)


async def test_a_slash_also_takes_its_share_of_rewards_not_yet_resolved(market: EscrowEnv) -> None:
    """Points of minted epochs still in buckets when a slash executes are resolved and
    forfeited with the same share: a slash cannot be dodged by not claiming."""
    (node,) = await worked(market)
    epoch = await current_epoch(market)
    await market.send([token.build_rewards_accrue_ix(node.address)], market.payer)
    await mint_through(market, epoch)
    assert (await reward(market, node)).locked == 0  # resolved by nobody yet
    stake = (await market.node(node)).bonded
    propose = registry.build_slash_propose_ix(
        node.address, 0, proposer=market.slasher.pubkey(), payer=market.slasher.pubkey(),
        offense=Offense.Misconduct, evidence_hash=bytes(32), amount=stake // 4,
    )  # fmt: skip
    await market.send([propose], market.slasher)
    market.conn.warp(REGISTRY_PARAMS.appeal_window_secs + 1)
    execute = registry.build_slash_execute_ix(
        market.config, node.address, node.vault, 0, market.payer.pubkey()
    )
    await market.send([execute], market.payer)
    supply = await market.supply()
    result = await market.send([token.build_rewards_forfeit_ix(node.address, [epoch])], market.payer)
    (forfeited,) = [e for e in events.parse_logs(result.logs) if isinstance(e, events.RewardsForfeited)]
    after = await reward(market, node)
    resolved = after.locked + forfeited.forfeited
    assert forfeited.forfeited == -(-resolved // 4) and forfeited.forfeited > 0  # rounded up
    assert after.forfeited_total == forfeited.forfeited
    assert await market.supply() == supply - forfeited.forfeited
