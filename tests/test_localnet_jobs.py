"""A job's whole life and address lookup tables against a validator process, on both
backends (the SDK's pytest plugin's `each_validator`: Agave's solana-test-validator and
the embedded server), with one validator and one market per backend for the module.

Nothing warps the clock: the escrow is initialized with the shortest challenge window
its bounds allow (`CHALLENGE_WINDOW_SECS_MIN`, one minute; `EscrowParams::validate`
refuses less, and a test-only bound would test another program), and the test waits for
the chain's own clock to pass it. The wait is spent building and activating the lookup
table that the settlement then uses. A race of two conflicting sends checks that the
loser raises its program error even where it landed (failed) and preflight could not see
it. Flows that need hours or days of protocol time
(timeouts, dispute deadlines, unbonding, rewards) stay on the embedded validator
(tests/test_demo.py, the in-process suites), which can warp.

Everything goes through `RpcConnection` (solana-py's AsyncClient); nothing in-process."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace

import pytest
import pytest_asyncio
from solders.keypair import Keypair
from solders.message import MessageV0
from solders.system_program import TransferParams, transfer

from ionet_sdk import escrow, lookup_tables, pda, spl, token, tx
from ionet_sdk._generated.ionet_escrow import errors, events
from ionet_sdk._generated.ionet_escrow.accounts import Job, Run
from ionet_sdk._generated.ionet_escrow.types import JobSpec, JobState, RunStatus
from ionet_sdk._generated.ionet_registry.types import GpuModel
from ionet_sdk.connection import SendResult
from ionet_sdk.defaults import ESCROW_PARAMS, IO
from ionet_sdk.errors import AccountAlreadyExistsError
from ionet_sdk.localnet import LocalValidator
from ionet_sdk.rpc import RpcConnection

from .localnet_flow import (
    Escrow,
    activate,
    confirmed,
    fund,
    fund_io,
    register_node,
    send,
    set_up_escrow,
    set_up_registry,
)

CHALLENGE_WINDOW = 60  # seconds: ionet_escrow's CHALLENGE_WINDOW_SECS_MIN
HOUR = 3_600


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def market(each_validator: LocalValidator) -> AsyncIterator[Escrow]:
    conn = RpcConnection(each_validator.url)
    try:
        registry_market = await set_up_registry(conn, each_validator.upgrade_authority)
        # The program's bound, not the test's choice: a second less is refused.
        with pytest.raises(errors.ParamOutOfBounds):
            await set_up_escrow(
                registry_market, replace(ESCROW_PARAMS, challenge_window_secs=CHALLENGE_WINDOW - 1)
            )
        params = replace(ESCROW_PARAMS, challenge_window_secs=CHALLENGE_WINDOW)
        yield await set_up_escrow(registry_market, params)
    finally:
        await conn.close()


async def chain_time(conn: RpcConnection) -> int:
    return (await conn.get_clock()).unix_timestamp


async def io_supply(conn: RpcConnection) -> int:
    info = await conn.get_account(token.MINT)
    assert info is not None
    return spl.mint_supply(info)


async def until_chain_time(conn: RpcConnection, instant: int, timeout: float = 180.0) -> None:
    """Wait until the cluster's clock (at the connection's commitment) reaches `instant`."""
    deadline = asyncio.get_running_loop().time() + timeout
    while await chain_time(conn) < instant:
        assert asyncio.get_running_loop().time() < deadline, f"the chain clock did not reach {instant}"
        await asyncio.sleep(0.5)


async def h100_job(conn: RpcConnection, gpus: int = 16, price: int = 2 * IO) -> JobSpec:
    """`gpus` H100s for an hour at `price` IO base units per GPU-hour, to start within 10 minutes."""
    return JobSpec(
        gpu_model=GpuModel.H100,
        match_tier=False,
        gpu_count=gpus,
        min_vram_gb=80,
        min_cuda_major=12,
        min_cuda_minor=0,
        region=[0] * 8,
        duration_hours=1,
        price_per_gpu_hour=price,
        start_deadline=await chain_time(conn) + 600,
    )


async def test_a_job_runs_settles_through_a_lookup_table_and_finalizes(market: Escrow) -> None:
    conn, payer = market.market.conn, market.market.payer
    nodes = [await register_node(market.market, 1, label=f"job-node-{i}") for i in range(2)]
    await activate(market.market, *nodes)  # one oracle root for both: one challenge window to wait
    client = Keypair()
    await fund(conn, client, sol=10)
    client_token = await fund_io(market.market, client.pubkey(), 1_000 * IO)

    # Create: 16 H100s for an hour at 2 IO per GPU-hour, escrowed in full.
    spec = await h100_job(conn)
    await send(conn, [escrow.build_job_create_ix(market.config, client.pubkey(), 1, spec)], client)
    job = pda.job(client.pubkey(), 1)
    data = await Job.fetch(conn, job)
    assert data is not None and data.deposited == 16 * 2 * IO
    assert spl.token_balance(await conn.get_account(client_token)) == 1_000 * IO - data.deposited

    # Assign (the matcher, one instruction for both), start (each agent).
    assign = escrow.build_job_assign_ix(
        job, [(n.address, 8) for n in nodes], market.matcher.pubkey(), payer.pubkey()
    )
    await send(conn, [assign], payer, [market.matcher])
    for node in nodes:
        await send(conn, [escrow.build_job_start_ix(job, node.address, node.agent.pubkey())], node.agent)
    runs = [await Run.fetch(conn, pda.run(job, n.address)) for n in nodes]
    assert all(r is not None and RunStatus(r.status) == RunStatus.Running for r in runs)
    started = max(r.started_at for r in runs if r is not None)

    # Usage while running: at most GPUs x the seconds since the start, on the chain's clock.
    await until_chain_time(conn, started + 2)
    first = nodes[0]
    report = escrow.build_job_report_usage_ix(job, first.address, first.agent.pubkey(), 8 * 2)
    await send(conn, [report], first.agent)
    too_much = escrow.build_job_report_usage_ix(job, first.address, first.agent.pubkey(), 8 * HOUR)
    with pytest.raises(errors.UsageExceedsElapsed) as failure:
        await tx.send(conn, [too_much], first.agent)
    assert failure.value.logs

    # Complete (the client): the challenge window opens; usage up to the completion is
    # still accepted in it; settling is refused until it closes.
    await send(conn, [escrow.build_job_complete_ix(job, client.pubkey())], client)
    data = await Job.fetch(conn, job)
    assert data is not None and JobState(data.state) == JobState.Completed
    assert data.challenge_ends_at == data.completed_at + CHALLENGE_WINDOW
    usage = []
    for node in nodes:
        run = await Run.fetch(conn, pda.run(job, node.address))
        assert run is not None
        usage.append(run.gpus * (data.completed_at - run.started_at))
        ix = escrow.build_job_report_usage_ix(job, node.address, node.agent.pubkey(), usage[-1])
        await send(conn, [ix], node.agent)
    runs = [await Run.fetch(conn, pda.run(job, n.address)) for n in nodes]
    assert [r.gpu_seconds for r in runs if r is not None] == usage
    settle = escrow.build_job_settle_ix(
        market.config, job, data, [r for r in runs if r is not None], payer.pubkey()
    )
    with pytest.raises(errors.ChallengeWindowOpen):
        await tx.send(conn, [settle], payer)

    # Meanwhile: a lookup table with every account of the settlement, active before use.
    finalize = escrow.build_job_finalize_ix(market.config, job, data)
    accounts = [m.pubkey for ix in (settle, finalize) for m in ix.accounts] + [settle.program_id]
    table = await lookup_tables.create_lookup_table(conn, payer, accounts)
    assert set(table.addresses) == set(accounts)

    # After the window (on the chain's clock): settle both runs and finalize, in one v0
    # transaction whose accounts come from the table.
    await until_chain_time(conn, data.challenge_ends_at)
    operators = [spl.ata(n.operator.pubkey(), market.config.payment_mint) for n in nodes]
    before = [spl.token_balance(await conn.get_account(a)) for a in operators]
    treasury_before = spl.token_balance(await conn.get_account(market.config.treasury))
    supply_before = await io_supply(conn)
    signed = tx.build_transaction([settle, finalize], payer, [], await conn.latest_blockhash(), [table])
    message = signed.message
    assert isinstance(message, MessageV0) and len(message.address_table_lookups) == 1
    assert len(message.account_keys) < len(set(accounts))
    result = await conn.send_transaction(signed)
    await confirmed(conn, result.signature)
    settled = [e for e in events.parse_logs(result.logs) if isinstance(e, events.RunSettled)]
    assert len(settled) == 2

    data = await Job.fetch(conn, job)
    assert data is not None and (JobState(data.state), data.runs_open) == (JobState.Settled, 0)
    earned = sum(u * spec.price_per_gpu_hour // HOUR for u in usage)
    assert data.paid + data.fees == earned > 0
    assert data.refunded == data.deposited - earned
    after = [spl.token_balance(await conn.get_account(a)) for a in operators]
    assert sum(after) - sum(before) == data.paid
    assert spl.token_balance(await conn.get_account(client_token)) == 1_000 * IO - earned
    # Fees: burned through the IO token program (the supply falls) or to the treasury.
    burned = supply_before - await io_supply(conn)
    to_treasury = spl.token_balance(await conn.get_account(market.config.treasury)) - treasury_before
    assert burned + to_treasury == data.fees > 0


async def test_a_v0_transaction_uses_a_lookup_table_as_soon_as_it_is_returned(market: Escrow) -> None:
    """Create and extend (more addresses than one extension carries), then use it at once:
    `create_lookup_table` returns only once the table is active on the cluster."""
    conn = market.market.conn
    authority = Keypair()
    await fund(conn, authority, sol=10)
    recipients = [Keypair().pubkey() for _ in range(lookup_tables.EXTEND_CHUNK + 6)]
    table = await lookup_tables.create_lookup_table(conn, authority, recipients)
    assert table.addresses == recipients
    rent = await conn.minimum_balance_for_rent_exemption(0)
    pays = [
        transfer(TransferParams(from_pubkey=authority.pubkey(), to_pubkey=r, lamports=rent))
        for r in recipients[:20]
    ]
    signed = tx.build_transaction(pays, authority, [], await conn.latest_blockhash(), [table])
    message = signed.message
    assert isinstance(message, MessageV0) and len(message.address_table_lookups) == 1
    assert len(bytes(signed)) <= 1_232 and len(message.account_keys) == 2  # payer, system
    await conn.send_transaction(signed)
    balances = [await conn.get_balance(r) for r in recipients]
    assert balances == [rent] * 20 + [0] * (len(recipients) - 20)


async def test_of_two_conflicting_sends_the_loser_raises_its_program_error(
    each_validator: LocalValidator, market: Escrow
) -> None:
    """Two creations of the same job at once: one wins; the other raises the error it failed
    with, never an empty success. On solana-test-validator both pass preflight (at
    "confirmed", neither has landed yet), so the loser lands, failed, fee charged, and only
    reading it back at the connection's commitment tells; the embedded server refuses it
    at preflight (the winner is final at once) and it leaves no trace."""
    conn = market.market.conn
    client = Keypair()
    await fund(conn, client, sol=10)
    await fund_io(market.market, client.pubkey(), 1_000 * IO)
    blockhash = await conn.latest_blockhash()
    signed = [
        tx.build_transaction(
            [escrow.build_job_create_ix(market.config, client.pubkey(), 7, await h100_job(conn, 8, price))],
            client,
            [],
            blockhash,
        )
        for price in (2 * IO, 3 * IO)
    ]
    outcomes = await asyncio.gather(*(conn.send_transaction(t) for t in signed), return_exceptions=True)
    won = [i for i, o in enumerate(outcomes) if isinstance(o, SendResult)]
    lost = [i for i, o in enumerate(outcomes) if isinstance(o, BaseException)]
    assert len(won) == 1 and len(lost) == 1, outcomes
    failure = outcomes[lost[0]]
    assert isinstance(failure, AccountAlreadyExistsError) and failure.logs
    data = await Job.fetch(conn, pda.job(client.pubkey(), 7))
    assert data is not None and data.price_per_gpu_hour == (2 * IO, 3 * IO)[won[0]]
    loser = (await conn.client.get_signature_statuses([signed[lost[0]].signatures[0]])).value[0]
    if each_validator.kind == "solana-test-validator":
        assert loser is not None and loser.err is not None  # it landed, failed
    else:
        assert loser is None  # refused at preflight
