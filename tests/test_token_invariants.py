"""Property test: long random sequences of epochs, genesis mints, fee and slash burns and
parameter changes through the real token program; after every step the supply never
exceeds the cap, minted - burned equals the supply, and the stats account agrees with
the token balances."""

from __future__ import annotations

import asyncio
import contextlib
import os
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk import spl, token
from ionet_sdk._generated.ionet_token.types import BurnKind, EmissionEntry
from ionet_sdk.defaults import HOUR, IO, SUPPLY_CAP, TOKEN_PARAMS
from ionet_sdk.errors import IonetError

from .token_env import TokenEnv

EXAMPLES = int(os.environ.get("IONET_PROPERTY_EXAMPLES", "60"))
HOLDERS = 3
Op = tuple[str, tuple[int, ...]]

amount = st.integers(0, 5_000_000).map(lambda n: n * IO // 100)
operation = st.one_of(
    st.tuples(st.just("warp"), st.tuples(st.sampled_from([60, 1_800, HOUR, 5 * HOUR, 30 * HOUR]))),
    st.tuples(st.just("crank"), st.tuples(st.integers(1, 6))),
    st.tuples(st.just("genesis"), st.tuples(st.integers(0, HOLDERS - 1), amount)),
    st.tuples(st.just("burn"), st.tuples(st.integers(0, HOLDERS - 1), amount, st.integers(0, 1))),
    st.tuples(st.just("propose"), st.tuples(st.integers(1, 50_000), st.integers(0, 3))),
    st.tuples(st.just("execute"), st.tuples()),
    st.tuples(st.just("cancel"), st.tuples()),
)


async def apply(env: TokenEnv, holders: list[Keypair], op: Op) -> None:
    name, args = op
    if name == "warp":
        env.conn.warp(args[0])
    elif name == "crank":
        for _ in range(args[0]):
            await env.crank()
    elif name == "genesis":
        await env.genesis(holders[args[0]], args[1])
    elif name == "burn":
        kind = BurnKind.Fee if args[2] == 0 else BurnKind.Slash
        await env.burn(holders[args[0]], args[1], kind=kind, compute_spend=args[1] * 50, fees=args[1])
    elif name == "propose":
        now = await env.now()
        schedule = [
            EmissionEntry(start_time=now + (i + 1) * 3 * HOUR, per_epoch=args[0] * IO) for i in range(args[1])
        ]
        params = replace(TOKEN_PARAMS, timelock_secs=HOUR, breaker_threshold=max(1, args[0]) * 10 * IO)
        await env.send([token.build_params_propose_ix(env.admin.pubkey(), params, schedule)], env.admin)
    elif name == "execute":
        await env.send([token.build_params_execute_ix(env.admin.pubkey())], env.admin)
    elif name == "cancel":
        await env.send([token.build_params_cancel_ix(env.admin.pubkey())], env.admin)


async def check(env: TokenEnv, holders: list[Keypair]) -> None:
    supply = await env.supply()
    stats = await env.stats()
    config = await env.config()
    assert supply <= SUPPLY_CAP
    minted = stats.minted_genesis + stats.minted_emission
    assert minted <= SUPPLY_CAP  # the cap bounds everything ever minted
    burned = stats.burned_fees + stats.burned_slashes
    assert minted - burned == supply, "minted - burned must equal the supply"
    assert stats.minted_genesis == config.genesis_minted <= config.genesis_total
    balances = [await env.balance(token.REWARD_VAULT)]
    for holder in holders:
        info = await env.conn.get_account(token_account(holder))
        balances.append(await env.balance(token_account(holder)) if info else 0)
    assert sum(balances) == supply, "the stats disagree with the token balances"
    assert balances[0] == stats.minted_emission  # no rewards claimed yet: the pool holds every emission
    epoch_now = (await env.now() - config.genesis_time) // config.epoch_secs
    assert config.epochs_minted <= epoch_now
    if epoch_now < 64:  # the ring still holds every epoch
        assert sum(e.minted for e in stats.epochs) == stats.minted_emission
        assert sum(e.burned_fees for e in stats.epochs) == stats.burned_fees
        assert sum(e.burned_slashes for e in stats.epochs) == stats.burned_slashes


def token_account(holder: Keypair) -> Pubkey:
    return spl.ata(holder.pubkey(), token.MINT)


async def scenario(ops: list[Op]) -> None:
    env = await TokenEnv().setup()
    holders = [await env.holder() for _ in range(HOLDERS)]
    for holder in holders:
        await env.account(holder)
    for op in ops:
        with contextlib.suppress(IonetError):  # refused: the checks prove nothing changed
            await apply(env, holders, op)
        await check(env, holders)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(operation, min_size=5, max_size=50))
def test_random_economics_keep_supply_and_stats_consistent(ops: list[Op]) -> None:
    asyncio.run(scenario(ops))
