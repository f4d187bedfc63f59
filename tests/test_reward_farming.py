"""Rewards nobody can farm (issue 16, item 5; docs/liveness.md §8), each tried as an attack
on the real programs:

1. wash trading: an operator hires its own node at 1 base unit per GPU-hour (fee 0) or at
   2 IO per GPU-hour (fee 0.32 IO) and used to take the epoch's whole work pool (+11,986 IO);
2. carry sniping: after five epochs with no work, one GPU-second of work used to collect
   every carried pool (83,904 IO);
3. tier at delivery: RTX 3090 work accrued after the node re-attested as an H100 used to be
   weighted as H100 work (6.7x);
4. a slash burn with emissions 64 epochs behind used to reset the stats slot holding an
   unminted epoch's points;
5. availability from proven presence only: an active node nobody proved present used to be
   credited full availability from its status byte.
"""

from __future__ import annotations

from ionet_sdk import registry, token
from ionet_sdk._generated.ionet_escrow import events as escrow_events
from ionet_sdk._generated.ionet_registry.types import GpuModel
from ionet_sdk._generated.ionet_token import errors, events
from ionet_sdk._generated.ionet_token.accounts import EpochRecord
from ionet_sdk.defaults import DAY, IO, REGISTRY_PARAMS, TOKEN_PARAMS
from ionet_sdk.testing.registry import hardware

from .escrow_env import HOUR, ClientHandle, EscrowEnv, JobHandle, NodeHandle
from .test_security_faults import execute, propose
from .test_token_rewards import current_epoch, mint_through, open_rewards, reward


async def accrue(market: EscrowEnv, node: NodeHandle, epochs: list[int] | None = None) -> int:
    """Accrue (resolving `epochs`); returns the work points credited, 0 when nothing was new."""
    try:
        result = await market.send([token.build_rewards_accrue_ix(node.address, epochs or [])], market.payer)
    except errors.NothingToAccrue:
        return 0
    return sum(e.work_points for e in events.parse_logs(result.logs) if isinstance(e, events.RewardsAccrued))


async def collect(market: EscrowEnv, node: NodeHandle, epochs: list[int]) -> int:
    """Resolve the node's buckets of `epochs` (minted), wait out the lock and claim
    everything to the operator's account; returns what was paid."""
    assert node.token_account is not None
    claim = token.build_rewards_claim_ix(node.address, node.operator.pubkey(), node.token_account, epochs)
    try:
        await market.send([claim], node.operator)
    except errors.NothingToClaim:
        return 0
    if (await reward(market, node)).locked == 0:
        return 0
    market.conn.warp(TOKEN_PARAMS.reward_lock_secs + DAY)
    claim = token.build_rewards_claim_ix(node.address, node.operator.pubkey(), node.token_account, [])
    result = await market.send([claim], node.operator)
    return sum(e.paid for e in events.parse_logs(result.logs) if isinstance(e, events.RewardsClaimed))


async def self_dealt_job(
    market: EscrowEnv, node: NodeHandle, price: int, gpus: int = 8, gpu_seconds: int = 8 * HOUR
) -> tuple[JobHandle, int]:
    """The node's operator hires its own node for one hour at `price` per GPU-hour and
    reports `gpu_seconds`; settled and finalized. Returns the job and the IO it burned."""
    assert node.token_account is not None
    me = ClientHandle(node.operator, node.token_account)
    job = await market.create_job(
        me,
        price_per_gpu_hour=price,
        duration_hours=1,
        gpu_count=gpus,
        start_deadline=await market.now() + 600,
    )
    await market.assign(job, node, gpus=gpus)
    await market.start(job, node)
    market.conn.warp(HOUR)
    await market.report(job, node, gpu_seconds)
    await market.complete(job, node.operator)
    market.conn.warp(market.escrow_config.params.challenge_window_secs)
    result = await market.settle(job, node)
    burned = sum(
        e.fees_burned
        for e in escrow_events.parse_logs(result.logs)
        if isinstance(e, escrow_events.JobSettled)
    )
    return job, burned


async def wash_trade(market: EscrowEnv, price: int) -> tuple[int, int, int]:
    """One self-dealt hour on an 8-GPU H100 node, every reward collected: (IO before, IO
    after, IO burned) of the operator, who is also the client."""
    node = await market.active_node()
    await open_rewards(market, node)
    assert node.token_account is not None
    before = await market.token_balance(node.token_account)
    _, burned = await self_dealt_job(market, node, price)
    epoch = await current_epoch(market)
    await accrue(market, node)
    await mint_through(market, epoch)
    await collect(market, node, [epoch])
    return before, await market.token_balance(node.token_account), burned


async def test_wash_trading_at_one_base_unit_per_gpu_hour_earns_nothing(market: EscrowEnv) -> None:
    before, after, burned = await wash_trade(market, price=1)
    assert burned == 0
    assert after <= before, f"self-dealing paid {(after - before) / IO} IO"


async def test_wash_trading_at_the_market_price_never_pays_more_than_it_burned(market: EscrowEnv) -> None:
    before, after, burned = await wash_trade(market, price=2 * IO)
    assert burned == 8 * 2 * IO * TOKEN_PARAMS.fee_bps // 10_000  # 0.32 IO
    assert after <= before, f"self-dealing paid {(after - before) / IO} IO"


async def test_carried_pools_are_no_jackpot(market: EscrowEnv) -> None:
    """Five epochs with availability and no work, then one GPU-second of work: it earns at
    most what it burned; the five work pools went to the available node, not to it."""
    sniper, available = await market.active_node(), await market.active_node()
    await open_rewards(market, sniper, available)
    first = await current_epoch(market)
    for epoch in range(first, first + 5):
        await market.prove_availability(available, 8 * HOUR * 5)  # an H100 node, all hour
        await accrue(market, available, [epoch - 1] if epoch > first else [])
        await mint_through(market, epoch)
    await market.prove_live(sniper)  # proven alive now (no availability credited), for the assignment
    _, burned = await self_dealt_job(market, sniper, price=2 * IO, gpus=1, gpu_seconds=1)
    epoch = await current_epoch(market)
    assert await accrue(market, sniper) <= burned
    await mint_through(market, epoch)
    assert sniper.token_account is not None
    got = await collect(market, sniper, [epoch])
    assert got <= burned, f"one GPU-second collected {got / IO} IO"


async def test_work_is_weighted_by_the_tier_it_was_delivered_on(market: EscrowEnv) -> None:
    """An RTX 3090 node delivers a 3090 job, then re-declares and re-attests as an H100
    before accruing: its work keeps the 3090 weight (0.75x of 5x per base unit burned)."""
    node = await market.active_node(hardware(GpuModel.Rtx3090, count=8, vram=24, label="3090"))
    await open_rewards(market, node)
    assert node.token_account is not None
    me = ClientHandle(node.operator, node.token_account)
    job = await market.create_job(me, gpu_model=GpuModel.Rtx3090, min_vram_gb=24, duration_hours=1)
    await market.assign(job, node, gpus=8)
    await market.start(job, node)
    market.conn.warp(HOUR)
    await market.report(job, node, 8 * HOUR)
    await market.complete(job, node.operator)
    market.conn.warp(market.escrow_config.params.challenge_window_secs)
    await market.settle(job, node)
    fee = 8 * 2 * IO * TOKEN_PARAMS.fee_bps // 10_000
    # Re-declared and re-attested as an H100 (the heaviest tier) before the accrual.
    h100 = hardware(GpuModel.H100, count=8, vram=80, label="3090")
    await market.send(
        [registry.build_node_update_ix(node.address, node.operator.pubkey(), hardware=h100)], node.operator
    )
    node.spec = h100
    await market.attest(node)
    assert (await market.node(node)).effective_tier == 0  # H100 class now
    weights = TOKEN_PARAMS.tier_weights_bps
    want = fee * TOKEN_PARAMS.fee_burn_bps // 10_000 * weights[5] // max(weights)
    assert await accrue(market, node) == want


async def test_a_burn_far_behind_emissions_erases_no_points(market: EscrowEnv) -> None:
    """Points credited in epoch e stay until e is minted, even when a slash burns in epoch
    e + 64 (the same stats-ring slot) while emissions are still 64 epochs behind."""
    node = await market.active_node()
    await open_rewards(market, node)
    await market.prove_availability(node, 1_000)
    _, burned = await self_dealt_job(market, node, price=2 * IO)
    epoch = await current_epoch(market)
    points = await accrue(market, node)
    assert points > 0 and burned > 0
    slot = (await market.io.stats()).epochs[epoch % 64]
    assert (slot.epoch, slot.work_points) == (epoch, points)
    # 64 epochs later, nothing minted since: a slash executes and burns.
    config = await market.io.config()
    assert config.epochs_minted <= epoch
    later = config.genesis_time + (epoch + 64) * config.epoch_secs
    market.conn.warp(later - await market.now() - REGISTRY_PARAMS.appeal_window_secs - 2)
    stake = (await market.node(node)).bonded
    await market.send([propose(market, node, 0, amount=stake // 10)], market.slasher)
    market.conn.warp(REGISTRY_PARAMS.appeal_window_secs + 2)
    assert await current_epoch(market) == epoch + 64
    await market.send([execute(market, node, 0)], market.payer)
    assert (await market.io.stats()).burned_slashes > 0
    await mint_through(market, epoch)
    record = await EpochRecord.fetch(market.conn, token.epoch_record(epoch))
    assert record is not None
    assert record.work_points == points, "the burn erased the epoch's unminted points"


async def test_availability_needs_proven_presence(market: EscrowEnv) -> None:
    """An active node the oracles never proved present earns no availability; one proved
    present for a tenth of the epoch earns a tenth of an always-on node's share."""
    silent, always, sometimes = [await market.active_node() for _ in range(3)]
    await open_rewards(market, silent, always, sometimes)
    epoch = await current_epoch(market)
    full = 8 * HOUR * 5  # GPU-seconds x the H100 weight, as the oracles compute it
    await market.prove_availability(always, full)
    await market.prove_availability(sometimes, full // 10)
    credited = {}
    for node in (silent, always, sometimes):
        try:
            result = await market.send([token.build_rewards_accrue_ix(node.address)], market.payer)
        except errors.NothingToAccrue:
            credited[node.address] = 0
            continue
        (e,) = [e for e in events.parse_logs(result.logs) if isinstance(e, events.RewardsAccrued)]
        credited[node.address] = e.availability_points
    assert credited == {silent.address: 0, always.address: full, sometimes.address: full // 10}
    await mint_through(market, epoch)
    record = await EpochRecord.fetch(market.conn, token.epoch_record(epoch))
    assert record is not None and record.availability_points == full + full // 10
