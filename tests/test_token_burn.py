"""fees_burn: fee and slash burns through the program, reported only by their reporters."""

from __future__ import annotations

import pytest

from ionet_sdk import spl, token
from ionet_sdk._generated.ionet_token import errors, events
from ionet_sdk._generated.ionet_token.types import BurnKind
from ionet_sdk.defaults import IO
from ionet_sdk.economics import period
from ionet_sdk.errors import TransactionFailedError

from .token_env import TokenEnv


async def test_fee_and_slash_burns_are_counted_per_kind_and_epoch(io: TokenEnv) -> None:
    payer = await io.holder()
    source = await io.genesis(payer, 1_000 * IO)
    result = await io.burn(payer, 20 * IO, compute_spend=1_000 * IO, fees=20 * IO)
    print(f"\nfees_burn: {result.compute_units} CU")
    (event,) = [e for e in events.parse_logs(result.logs) if isinstance(e, events.TokensBurned)]
    assert (event.kind, event.amount, event.supply) == (BurnKind.Fee, 20 * IO, 980 * IO)
    await io.burn(payer, 30 * IO, kind=BurnKind.Slash)
    assert await io.balance(source) == 950 * IO
    assert await io.supply() == 950 * IO
    stats = await io.stats()
    assert (stats.burned_fees, stats.burned_slashes, stats.compute_spend, stats.fees) == (
        20 * IO,
        30 * IO,
        1_000 * IO,
        20 * IO,
    )
    epoch = stats.epochs[0]
    assert (epoch.burned_fees, epoch.burned_slashes, epoch.compute_spend) == (20 * IO, 30 * IO, 1_000 * IO)


async def test_only_the_reporters_burn_and_only_their_kind(io: TokenEnv) -> None:
    holder = await io.holder()
    source = await io.genesis(holder, 100 * IO)
    stranger = await io.holder()
    watch = [token.MINT, token.STATS, source]
    cases = (
        (BurnKind.Fee, stranger),
        (BurnKind.Fee, io.slash_reporter),
        (BurnKind.Slash, io.fee_reporter),
    )
    for kind, reporter in cases:
        ix = token.build_fees_burn_ix(source, holder.pubkey(), reporter.pubkey(), kind=kind, amount=IO)
        await io.rejects([ix], io.payer, errors.NotBurnReporter, [holder, reporter], watch=watch)
    nothing = token.build_fees_burn_ix(
        source, holder.pubkey(), io.fee_reporter.pubkey(), kind=BurnKind.Fee, amount=0
    )
    await io.rejects([nothing], io.payer, errors.ZeroAmount, [holder, io.fee_reporter], watch=watch)
    # The reporter cannot burn someone else's tokens: the owner must sign.
    theft = token.build_fees_burn_ix(
        source, stranger.pubkey(), io.fee_reporter.pubkey(), kind=BurnKind.Fee, amount=IO
    )
    with pytest.raises(TransactionFailedError) as failure:  # the token program's OwnerMismatch
        await io.send([theft], io.payer, [stranger, io.fee_reporter])
    assert any("owner does not match" in line.lower() for line in failure.value.logs), failure.value.logs
    assert await io.balance(source) == 100 * IO
    assert spl.ata(holder.pubkey(), token.MINT) == source


async def test_the_sdk_computes_demand_to_emission_and_net_deflation(io: TokenEnv) -> None:
    payer = await io.holder()
    await io.genesis(payer, 100_000 * IO)
    await io.to_epoch_end()
    await io.crank()  # epoch 0 emits
    emitted = (await io.stats()).epochs[0].minted
    await io.burn(payer, 10 * IO, compute_spend=emitted, fees=10 * IO)  # in epoch 1
    stats = await io.stats()
    both = period(stats, 1, 2)
    assert (both.minted, both.compute_spend, both.burned) == (emitted, emitted, 10 * IO)
    assert both.demand_to_emission == 1.0 and not both.net_deflation
    last = period(stats, 1, 1)  # epoch 1: nothing minted yet, 10 IO burned
    assert last.net_deflation and last.demand_to_emission == float("inf")
