"""token_init and genesis_mint: the IO mint under program control, the capped genesis."""

from __future__ import annotations

import struct
from dataclasses import replace

import pytest
from solders.keypair import Keypair
from spl.token.constants import TOKEN_PROGRAM_ID

from ionet_sdk import spl, token
from ionet_sdk._generated import anchor_errors
from ionet_sdk._generated.ionet_token import errors, events
from ionet_sdk.defaults import IO, SUPPLY_CAP, TOKEN_PARAMS
from ionet_sdk.economics import halving_schedule
from ionet_sdk.errors import TransactionFailedError
from ionet_sdk.testing.token import GENESIS

from .token_env import TokenEnv


async def test_init_creates_a_mint_only_the_program_can_mint() -> None:
    env = await TokenEnv().setup(init=False)
    now = await env.now()
    args = env.init_args(schedule=halving_schedule(now, first_year=150_000_000 * IO, years=20))
    stranger = await env.holder()
    await env.rejects(
        [token.build_token_init_ix(stranger.pubkey(), args)],
        stranger,
        errors.NotUpgradeAuthority,
        watch=[token.MINT],
    )
    for bad, error in (
        (replace(args, genesis_total=SUPPLY_CAP + 1), errors.ParamOutOfBounds),
        (replace(args, epoch_secs=59), errors.ParamOutOfBounds),
        (replace(args, params=replace(TOKEN_PARAMS, timelock_secs=0)), errors.ParamOutOfBounds),
        (replace(args, schedule=[]), errors.InvalidSchedule),
        (replace(args, schedule=list(reversed(args.schedule))), errors.InvalidSchedule),
    ):
        await env.rejects(
            [token.build_token_init_ix(env.deployer.pubkey(), bad)], env.deployer, error, watch=[token.MINT]
        )
    result = await env.send([token.build_token_init_ix(env.deployer.pubkey(), args)], env.deployer)
    print(f"\ntoken_init: {result.compute_units} CU")
    info = await env.conn.get_account(token.MINT)
    assert info is not None and info.owner == TOKEN_PROGRAM_ID
    # SPL mint layout: COption<mint_authority> at 0, supply at 36, decimals at 44, freeze at 46.
    tag, authority = struct.unpack_from("<I32s", info.data, 0)
    supply, decimals, _, freeze_tag = struct.unpack_from("<QBBI", info.data, 36)
    assert (tag, bytes(authority), supply, decimals, freeze_tag) == (1, bytes(token.AUTHORITY), 0, 8, 0)
    config = await env.config()
    assert (config.admin, config.genesis_total, config.epoch_secs, config.epochs_minted) == (
        env.admin.pubkey(),
        GENESIS,
        3_600,
        0,
    )
    assert await env.schedule() == args.schedule
    assert any(isinstance(e, events.TokenInitialized) for e in events.parse_logs(result.logs))
    # Nobody but the program can mint: the mint authority is its PDA.
    holder = await env.holder()
    account = await env.account(holder)
    with pytest.raises(TransactionFailedError):
        await env.send([spl.mint_to_ix(token.MINT, account, stranger.pubkey(), IO, 8)], stranger)
    assert await env.supply() == 0


async def test_genesis_is_the_admins_and_capped_by_the_allocation(io: TokenEnv) -> None:
    alice, bob = await io.holder(), await io.holder()
    result = await io.send(
        [token.build_genesis_mint_ix(io.admin.pubkey(), await io.account(alice), 100 * IO)], io.admin
    )
    print(f"\ngenesis_mint: {result.compute_units} CU")
    assert await io.supply() == 100 * IO
    assert (await io.stats()).minted_genesis == 100 * IO
    destination = await io.account(bob)
    await io.rejects(
        [token.build_genesis_mint_ix(bob.pubkey(), destination, IO)],
        bob,
        errors.NotAdmin,
        watch=[token.MINT, destination],
    )
    await io.rejects(
        [token.build_genesis_mint_ix(io.admin.pubkey(), destination, GENESIS - 100 * IO + 1)],
        io.admin,
        errors.GenesisExhausted,
        watch=[token.MINT, destination],
    )
    await io.rejects(
        [token.build_genesis_mint_ix(io.admin.pubkey(), destination, 0)],
        io.admin,
        errors.ZeroAmount,
        watch=[token.MINT],
    )
    # A token account of another mint.
    other_mint, other_account = Keypair(), Keypair()
    ixs = await spl.create_mint_ixs(io.conn, io.payer.pubkey(), other_mint.pubkey(), 8, io.payer.pubkey())
    ixs += await spl.create_token_account_ixs(
        io.conn, io.payer.pubkey(), other_account, other_mint.pubkey(), bob.pubkey()
    )
    await io.send(ixs, io.payer, [other_mint, other_account])
    await io.rejects(
        [token.build_genesis_mint_ix(io.admin.pubkey(), other_account.pubkey(), IO)],
        io.admin,
        anchor_errors.ConstraintTokenMint,
        watch=[token.MINT],
    )
    await io.send([token.build_genesis_mint_ix(io.admin.pubkey(), destination, GENESIS - 100 * IO)], io.admin)
    assert (await io.config()).genesis_minted == GENESIS


async def test_the_cap_holds_even_when_the_genesis_is_the_whole_cap() -> None:
    env = await TokenEnv().setup(genesis_total=SUPPLY_CAP)
    holder = await env.holder()
    await env.genesis(holder, SUPPLY_CAP)
    assert await env.supply() == SUPPLY_CAP
    # Emissions find no room left: the epoch is minted with nothing.
    await env.to_epoch_end()
    result = await env.crank()
    (event,) = [e for e in events.parse_logs(result.logs) if isinstance(e, events.EpochEmitted)]
    assert (event.amount, event.scheduled > 0) == (0, True)
    assert await env.supply() == SUPPLY_CAP
