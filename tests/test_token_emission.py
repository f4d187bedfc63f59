"""emission_mint_epoch: once per epoch, in order, within the cap and the circuit breaker."""

from __future__ import annotations

from dataclasses import replace

from ionet_sdk import token
from ionet_sdk._generated import anchor_errors
from ionet_sdk._generated.ionet_token import errors, events
from ionet_sdk._generated.ionet_token.types import EmissionEntry
from ionet_sdk.defaults import HOUR, IO, SUPPLY_CAP, TOKEN_PARAMS

from .token_env import TokenEnv

PER_EPOCH = 1_000 * IO


async def flat(per_epoch: int = PER_EPOCH, **params: int) -> TokenEnv:
    env = TokenEnv()
    await env.setup(init=False)
    now = await env.now()
    args = env.init_args(
        schedule=[EmissionEntry(start_time=now, per_epoch=per_epoch)],
        params=replace(TOKEN_PARAMS, **params),  # type: ignore[arg-type]
    )
    await env.send([token.build_token_init_ix(env.deployer.pubkey(), args)], env.deployer)
    return env


async def test_each_epoch_mints_its_emission_once_after_it_ends() -> None:
    env = await flat()
    watch = [token.MINT, token.CONFIG, token.REWARD_VAULT]
    cranker = env.payer
    crank = token.build_emission_mint_epoch_ix(cranker.pubkey(), 0)
    await env.rejects([crank], cranker, errors.EpochNotEnded, watch=watch)
    await env.to_epoch_end()
    result = await env.crank()
    print(f"\nemission_mint_epoch: {result.compute_units} CU")
    (event,) = [e for e in events.parse_logs(result.logs) if isinstance(e, events.EpochEmitted)]
    assert (event.epoch, event.amount, event.supply) == (0, PER_EPOCH, PER_EPOCH)
    assert await env.balance(token.REWARD_VAULT) == PER_EPOCH
    # A second mint of the same epoch: its record is not the next epoch's.
    await env.rejects([crank], cranker, anchor_errors.ConstraintSeeds, watch=watch)
    crank = token.build_emission_mint_epoch_ix(cranker.pubkey(), 1)
    await env.rejects([crank], cranker, errors.EpochNotEnded, watch=watch)
    # Missed epochs are minted one by one, in order, and never again.
    env.conn.warp(3 * HOUR)
    for expected in (1, 2, 3):
        result = await env.crank()
        (event,) = [e for e in events.parse_logs(result.logs) if isinstance(e, events.EpochEmitted)]
        assert event.epoch == expected
    crank = token.build_emission_mint_epoch_ix(cranker.pubkey(), 4)
    await env.rejects([crank], cranker, errors.EpochNotEnded, watch=watch)
    stats = await env.stats()
    assert stats.minted_emission == 4 * PER_EPOCH == await env.supply()
    assert [stats.epochs[i].minted for i in range(4)] == [PER_EPOCH] * 4


async def test_the_schedule_steps_down_at_its_entries() -> None:
    env = TokenEnv()
    await env.setup(init=False)
    now = await env.now()
    schedule = [
        EmissionEntry(start_time=now, per_epoch=800),
        EmissionEntry(start_time=now + 2 * HOUR, per_epoch=400),
    ]
    await env.send(
        [token.build_token_init_ix(env.deployer.pubkey(), env.init_args(schedule=schedule))], env.deployer
    )
    env.conn.warp(4 * HOUR)
    minted = []
    for _ in range(4):
        result = await env.crank()
        minted += [e.amount for e in events.parse_logs(result.logs) if isinstance(e, events.EpochEmitted)]
    assert minted == [800, 800, 400, 400]


async def test_the_circuit_breaker_limits_the_window_and_recovers() -> None:
    # 1,000 IO per epoch against a 2,500 IO threshold over a one-hour window.
    env = await flat(breaker_threshold=2_500 * IO, breaker_window_secs=HOUR)
    env.conn.warp(3 * HOUR)
    await env.crank()
    await env.crank()  # 2,000 in the window
    watch = [token.MINT, token.CONFIG, token.REWARD_VAULT]
    await env.rejects(
        [token.build_emission_mint_epoch_ix(env.payer.pubkey(), 2)],
        env.payer,
        errors.CircuitBreakerTripped,
        watch=watch,
    )
    env.conn.warp(HOUR // 2)  # the window total decays to 1,000
    await env.crank()
    assert (await env.stats()).minted_emission == 3 * PER_EPOCH


async def test_emissions_never_exceed_the_cap_nor_the_unminted_genesis() -> None:
    big = 10_000_000 * IO  # the largest emission an entry may hold
    env = await flat(big, breaker_threshold=SUPPLY_CAP)
    config = await env.config()
    holder = await env.holder()
    # Leave room for less than one epoch: cap - genesis allocation - (emission so far).
    await env.genesis(holder, config.genesis_total // 2)
    env.conn.warp(100 * HOUR)
    total = 0
    for _ in range(40):
        result = await env.crank()
        total += sum(e.amount for e in events.parse_logs(result.logs) if isinstance(e, events.EpochEmitted))
    room = SUPPLY_CAP - config.genesis_total
    assert total == min(room, 40 * big)
    supply = await env.supply()
    assert supply == config.genesis_total // 2 + total
    # The rest of the genesis allocation still fits under the cap.
    await env.genesis(holder, config.genesis_total // 2)
    assert await env.supply() == SUPPLY_CAP
    # Burning makes no room for more emissions: the cap counts what was ever minted.
    await env.burn(holder, 1_000 * IO)
    result = await env.crank()
    assert [e.amount for e in events.parse_logs(result.logs) if isinstance(e, events.EpochEmitted)] == [0]
