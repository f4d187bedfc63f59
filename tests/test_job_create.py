"""job_create: escrow count x hours x price; spec and deadline checks; id collisions."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ionet_sdk import pda, spl
from ionet_sdk._generated import anchor_errors
from ionet_sdk._generated.ionet_escrow import errors, events
from ionet_sdk._generated.ionet_escrow.types import JobState
from ionet_sdk._generated.ionet_registry.types import GpuModel
from ionet_sdk.defaults import IO
from ionet_sdk.errors import TransactionFailedError
from ionet_sdk.testing.escrow import ClientHandle

from .escrow_env import EscrowEnv

U64_MAX = 2**64 - 1


async def test_create_escrows_the_full_price(market: EscrowEnv) -> None:
    client = await market.new_client(10_000 * IO)
    spec = await market.job_spec(gpu_count=8, duration_hours=4, price_per_gpu_hour=2 * IO)
    result = await market.send([market.create_job_ix(client, 42, spec)], client.keypair)
    print(f"\njob_create: {result.compute_units} CU")
    job_address = pda.job(client.pubkey, 42)
    job = market.job_handle(client, 42, spec)
    data = await market.job(job)
    assert data.deposited == 64 * IO
    assert await market.vault_balance(job) == 64 * IO
    assert await market.token_balance(client.token_account) == 10_000 * IO - 64 * IO
    assert JobState(data.state) == JobState.Open
    assert (data.client, data.job_id, data.vault) == (client.pubkey, 42, pda.job_vault(job_address))
    assert (data.gpu_count, data.duration_hours, data.price_per_gpu_hour) == (8, 4, 2 * IO)
    assert data.payout_bps == 10_000
    (event,) = [e for e in events.parse_logs(result.logs) if isinstance(e, events.JobCreated)]
    assert (event.job, event.deposited, event.gpu_model) == (job_address, 64 * IO, GpuModel.H100)


async def test_one_client_creates_many_jobs_at_once_and_ids_never_collide(market: EscrowEnv) -> None:
    client = await market.new_client()
    spec = await market.job_spec()
    ixs = [market.create_job_ix(client, job_id, spec) for job_id in (1, 2, 3)]
    await market.send(ixs, client.keypair)
    for job_id in (1, 2, 3):
        assert await market.conn.get_account(pda.job(client.pubkey, job_id)) is not None
    # The same id again is refused (the PDA exists); another client may use it.
    with pytest.raises(TransactionFailedError) as failure:
        await market.send([market.create_job_ix(client, 2, spec)], client.keypair)
    assert "already in use" in "\n".join(failure.value.logs)
    other = await market.new_client()
    await market.send([market.create_job_ix(other, 2, spec)], other.keypair)


async def test_invalid_specs_and_deadlines_are_refused(market: EscrowEnv) -> None:
    client = await market.new_client()
    spec = await market.job_spec()
    now = await market.now()
    bad_specs = [
        replace(spec, gpu_model=GpuModel.Other),
        replace(spec, gpu_count=0),
        replace(spec, gpu_count=market.escrow_config.params.max_gpus_per_job + 1),
        replace(spec, duration_hours=0),
        replace(spec, duration_hours=market.escrow_config.params.max_duration_hours + 1),
        replace(spec, price_per_gpu_hour=0),
        replace(spec, min_vram_gb=1_025),
    ]
    watch = [client.token_account]
    for bad in bad_specs:
        await market.rejects(
            [market.create_job_ix(client, 7, bad)], client.keypair, errors.InvalidJobSpec, watch=watch
        )
    for deadline in (now, now - 1, now + market.escrow_config.params.max_start_delay_secs + 1):
        await market.rejects(
            [market.create_job_ix(client, 7, replace(spec, start_deadline=deadline))],
            client.keypair,
            errors.InvalidStartDeadline,
            watch=watch,
        )


async def test_deposit_overflowing_u64_is_an_error_not_a_wrap(market: EscrowEnv) -> None:
    client = await market.new_client()
    spec = await market.job_spec(gpu_count=2, duration_hours=1, price_per_gpu_hour=U64_MAX // 2 + 1)
    await market.rejects(
        [market.create_job_ix(client, 9, spec)],
        client.keypair,
        errors.MathOverflow,
        watch=[client.token_account],
    )
    # The same job priced within u64 is accepted.
    fits = await market.job_spec(gpu_count=2, duration_hours=1, price_per_gpu_hour=IO)
    await market.send([market.create_job_ix(client, 9, fits)], client.keypair)


async def test_paying_with_another_mint_or_anothers_account_is_refused(market: EscrowEnv) -> None:
    client = await market.new_client()
    spec = await market.job_spec()
    other = await market.new_client()
    # Someone else's IO account: the client cannot sign for it.
    ix = market.create_job_ix(ClientHandle(client.keypair, other.token_account), 5, spec)
    await market.rejects(
        [ix], client.keypair, anchor_errors.ConstraintTokenOwner, watch=[other.token_account]
    )
    # A token account of a different mint.
    fake_mint, fake_account = await market.other_mint_account(client)
    ix = market.create_job_ix(ClientHandle(client.keypair, fake_account), 5, spec)
    await market.rejects([ix], client.keypair, anchor_errors.ConstraintTokenMint, watch=[fake_account])
    del fake_mint


async def test_not_enough_funds_fails_in_the_token_program_and_moves_nothing(market: EscrowEnv) -> None:
    client = await market.new_client(10 * IO)
    spec = await market.job_spec(gpu_count=8, duration_hours=4, price_per_gpu_hour=IO)
    try:
        await market.send([market.create_job_ix(client, 1, spec)], client.keypair)
    except TransactionFailedError:
        pass
    else:
        raise AssertionError("a job was created without the funds")
    assert await market.token_balance(client.token_account) == 10 * IO
    assert await market.conn.get_account(pda.job(client.pubkey, 1)) is None
    assert spl.ata(client.pubkey, market.mint) == client.token_account
