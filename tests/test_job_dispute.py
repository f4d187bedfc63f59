"""job_dispute and job_resolve: the challenge window, the bond, the arbiter's decision."""

from __future__ import annotations

from solders.keypair import Keypair

from ionet_sdk import escrow
from ionet_sdk._generated.ionet_escrow import errors, events, instructions
from ionet_sdk._generated.ionet_escrow.types import JobState
from ionet_sdk.defaults import IO

from .escrow_env import EscrowEnv, Running
from .registry_env import with_account

BOND = 100 * IO


async def completed(market: EscrowEnv) -> Running:
    r = await market.ran(1, 1)  # earns 16 IO of 64 IO escrowed
    await market.complete(r.job)
    return r


async def test_a_founded_dispute_cuts_the_payout_and_returns_the_bond(market: EscrowEnv) -> None:
    r = await completed(market)
    client_before = await market.token_balance(r.job.client.token_account)
    result = await market.dispute(r.job)
    print(f"\njob_dispute: {result.compute_units} CU")
    data = await market.job(r.job)
    assert (JobState(data.state), data.dispute_bond, data.deposited) == (
        JobState.Disputed,
        BOND,
        64 * IO + BOND,
    )
    assert await market.token_balance(r.job.client.token_account) == client_before - BOND
    # Settlement waits for the arbiter, even after the window.
    market.conn.warp(market.escrow_config.params.challenge_window_secs)
    ix = await market.settle_ix(r.job, r.nodes)
    await market.rejects([ix], market.payer, errors.InvalidJobState, watch=[r.job.address, r.job.vault])

    result = await market.resolve(r.job, founded=True, payout_bps=2_500)
    print(f"job_resolve: {result.compute_units} CU")
    (event,) = [e for e in events.parse_logs(result.logs) if isinstance(e, events.DisputeResolved)]
    assert (event.founded, event.payout_bps, event.bond) == (True, 2_500, BOND)
    operator = r.nodes[0].token_account
    assert operator is not None
    operator_before = await market.token_balance(operator)
    await market.settle(r.job, *r.nodes)
    gross = 16 * IO // 4
    assert await market.token_balance(operator) == operator_before + gross - gross * 200 // 10_000
    assert await market.token_balance(r.job.client.token_account) == client_before + 64 * IO - gross
    data = await market.job(r.job)
    assert data.deposited == data.paid + data.fees + data.refunded


async def test_an_unfounded_dispute_loses_its_bond(market: EscrowEnv) -> None:
    r = await completed(market)
    await market.dispute(r.job)
    treasury_before = await market.token_balance(market.treasury.pubkey())
    await market.resolve(r.job, founded=False)
    assert await market.token_balance(market.treasury.pubkey()) == treasury_before + BOND
    data = await market.job(r.job)
    assert (JobState(data.state), data.fees, data.dispute_bond, data.payout_bps) == (
        JobState.Completed,
        BOND,
        0,
        10_000,
    )
    await market.settle(r.job, *r.nodes)  # settles at once: the window is over
    data = await market.job(r.job)
    assert data.deposited == data.paid + data.fees + data.refunded


async def test_disputes_are_the_clients_once_and_within_the_window(market: EscrowEnv) -> None:
    r = await completed(market)
    data = await market.job(r.job)
    stranger = await market.new_client()
    ix = instructions.job_dispute(
        instructions.JobDisputeAccounts(
            job=r.job.address,
            vault=data.vault,
            payment_mint=market.mint,
            client_token=stranger.token_account,
            client=stranger.pubkey,
        ),
        evidence_hash=[2] * 32,
    )
    watch = [r.job.address, r.job.vault, r.job.client.token_account, stranger.token_account]
    await market.rejects([ix], stranger.keypair, errors.NotClient, watch=watch)
    await market.dispute(r.job)
    data = await market.job(r.job)
    again = escrow.build_job_dispute_ix(market.escrow_config, r.job.address, data, b"\x03" * 32)
    await market.rejects([again], r.job.client.keypair, errors.InvalidJobState, watch=watch)
    await market.resolve(r.job, founded=False)
    data = await market.job(r.job)
    again = escrow.build_job_dispute_ix(market.escrow_config, r.job.address, data, b"\x03" * 32)
    await market.rejects([again], r.job.client.keypair, errors.AlreadyDisputed, watch=watch)

    late = await completed(market)
    market.conn.warp(market.escrow_config.params.challenge_window_secs)
    ix = escrow.build_job_dispute_ix(
        market.escrow_config, late.job.address, await market.job(late.job), b"\x04" * 32
    )
    await market.rejects(
        [ix], late.job.client.keypair, errors.ChallengeWindowClosed, watch=[late.job.address]
    )


async def test_only_the_arbiter_resolves_and_within_bounds(market: EscrowEnv) -> None:
    r = await completed(market)
    await market.dispute(r.job)
    data = await market.job(r.job)
    impostor = Keypair()
    market.conn.airdrop(impostor.pubkey(), 10**9)
    ix = escrow.build_job_resolve_ix(market.escrow_config, r.job.address, data, True, 0)
    forged = with_account(
        ix, [m.pubkey for m in ix.accounts].index(market.arbiter.pubkey()), impostor.pubkey()
    )
    watch = [r.job.address, r.job.vault, market.treasury.pubkey()]
    await market.rejects([forged], impostor, errors.NotArbiter, watch=watch)
    over = escrow.build_job_resolve_ix(market.escrow_config, r.job.address, data, True, 10_001)
    await market.rejects([over], market.arbiter, errors.ParamOutOfBounds, watch=watch)
