"""job_settle: pro-rata payment, fee burn, refund, batches, and every substitution refused."""

from __future__ import annotations

from dataclasses import replace

from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk import escrow, lookup_tables, pda, spl, token, tx
from ionet_sdk._generated.ionet_escrow import errors, events
from ionet_sdk._generated.ionet_escrow.types import JobState, RunStatus
from ionet_sdk.defaults import IO, TOKEN_PARAMS
from ionet_sdk.logs import logs_truncated

from .escrow_env import HOUR, EscrowEnv, Running
from .registry_env import with_account

# Fixed accounts of job_settle, in the program's order; then (run, node, operator IO) per run.
VAULT, MINT, RENT_PAYER = 2, 3, 4
FIXED = 10
RUN, NODE, OPERATOR_TOKEN = FIXED, FIXED + 1, FIXED + 2


def operator_account(env: EscrowEnv, r: Running, i: int) -> Pubkey:
    return spl.ata(r.nodes[i].operator.pubkey(), env.mint)


def watched(env: EscrowEnv, r: Running) -> list[Pubkey]:
    return [
        r.job.address,
        r.job.vault,
        r.job.client.token_account,
        env.treasury.pubkey(),
        *(env.run_address(r.job, n) for n in r.nodes),
        *(operator_account(env, r, i) for i in range(len(r.nodes))),
        *(n.address for n in r.nodes),
    ]


async def test_settle_pays_pro_rata_burns_the_fee_and_refunds_the_rest(market: EscrowEnv) -> None:
    r = await market.running(2)  # 16 GPUs x 4 h x 2 IO = 128 IO escrowed
    market.conn.warp(HOUR)
    await market.report(r.job, r.nodes[0], 8 * HOUR)  # a full hour on 8 GPUs
    await market.report(r.job, r.nodes[1], 4 * HOUR)  # half of it
    await market.settled_window(r)
    balances = [await market.token_balance(operator_account(market, r, i)) for i in range(2)]
    client_before = await market.token_balance(r.job.client.token_account)
    supply_before = await market.supply()
    payer_before = await market.conn.get_balance(market.payer.pubkey())

    result = await market.settle(r.job, *r.nodes)
    print(f"\njob_settle x2 + job_finalize: {result.compute_units} CU")
    earned = [16 * IO, 8 * IO]
    fees = [e * 200 // 10_000 for e in earned]
    for i in range(2):
        assert await market.token_balance(operator_account(market, r, i)) == balances[i] + earned[i] - fees[i]
    assert await market.token_balance(r.job.client.token_account) == client_before + 128 * IO - sum(earned)
    assert await market.supply() == supply_before - sum(fees)  # every fee burned (fee_burn_bps 100%)
    assert await market.vault_balance(r.job) == 0
    data = await market.job(r.job)
    assert JobState(data.state) == JobState.Settled
    assert (data.paid, data.fees, data.fees_pending, data.refunded, data.runs_open) == (
        sum(earned) - sum(fees),
        sum(fees),
        0,
        128 * IO - sum(earned),
        0,
    )
    assert data.deposited == data.paid + data.fees + data.refunded
    for node in r.nodes:
        assert await market.conn.get_account(market.run_address(r.job, node)) is None
        registry_node = await market.node(node)
        assert (registry_node.committed_gpus, registry_node.active_jobs, registry_node.jobs_completed) == (
            0,
            0,
            1,
        )
    # Both runs' rent went back to the payer (less the transaction fee it paid).
    assert await market.conn.get_balance(market.payer.pubkey()) > payer_before
    settled = [e for e in events.parse_logs(result.logs) if isinstance(e, events.RunSettled)]
    assert [(e.paid, e.fee, e.status) for e in settled] == [
        (earned[0] - fees[0], fees[0], RunStatus.Running),
        (earned[1] - fees[1], fees[1], RunStatus.Running),
    ]
    (final,) = [e for e in events.parse_logs(result.logs) if isinstance(e, events.JobSettled)]
    assert (final.fees_burned, final.fees_to_treasury, final.refunded) == (sum(fees), 0, data.refunded)

    # The client closes the job; both rents come back to it.
    client_lamports = await market.conn.get_balance(r.job.client.pubkey)
    await market.close(r.job)
    assert await market.conn.get_account(r.job.address) is None
    assert await market.conn.get_account(r.job.vault) is None
    assert await market.conn.get_balance(r.job.client.pubkey) > client_lamports


async def test_fee_split_between_burn_and_treasury_follows_the_token_params(market: EscrowEnv) -> None:
    # Fee parameters are the IO token's, changed only after its timelock.
    params = replace(TOKEN_PARAMS, fee_bps=1_000, fee_burn_bps=2_500)
    io = market.io
    await io.send([token.build_params_propose_ix(io.admin.pubkey(), params)], io.admin)
    market.conn.warp(TOKEN_PARAMS.timelock_secs)
    await io.send([token.build_params_execute_ix(io.admin.pubkey())], io.admin)
    r = await market.ran(1, 1)  # created now: a 10% fee; earns 16 IO, so 1.6 IO of fees
    assert (await market.job(r.job)).fee_bps == 1_000
    await market.settled_window(r)
    treasury_before = await market.token_balance(market.treasury.pubkey())
    supply_before = await market.supply()
    result = await market.settle(r.job, *r.nodes)
    assert await market.token_balance(market.treasury.pubkey()) == treasury_before + 120_000_000
    assert await market.supply() == supply_before - 40_000_000
    stats = await io.stats()
    assert (stats.burned_fees, stats.fees, stats.compute_spend, stats.escrowed_volume) == (
        40_000_000,
        160_000_000,
        16 * IO,
        64 * IO,
    )
    assert any(isinstance(e, events.JobSettled) for e in events.parse_logs(result.logs))


async def test_no_settlement_before_the_window_closes_or_while_running(market: EscrowEnv) -> None:
    r = await market.ran(1)
    ix = await market.settle_ix(r.job, r.nodes)
    await market.rejects([ix], market.payer, errors.InvalidJobState, watch=watched(market, r))
    await market.complete(r.job)
    market.conn.warp(market.escrow_config.params.challenge_window_secs - 1)
    await market.rejects([ix], market.payer, errors.ChallengeWindowOpen, watch=watched(market, r))
    market.conn.warp(1)
    await market.send([ix], market.payer)


async def test_a_run_is_never_paid_twice(market: EscrowEnv) -> None:
    r = await market.ran(1, 3)
    await market.settled_window(r)
    # The same run twice in one batch: the second is already closed.
    once = await market.settle_ix(r.job, r.nodes[:1])
    twice = Instruction(once.program_id, once.data, [*once.accounts, *once.accounts[FIXED:]])
    await market.rejects([twice], market.payer, errors.InvalidRun, watch=watched(market, r))
    # Batches across transactions: one run, then the same run again, then the others.
    await market.send([once], market.payer)
    paid_once = await market.token_balance(operator_account(market, r, 0))
    await market.rejects([once], market.payer, errors.InvalidRun, watch=watched(market, r))
    assert JobState((await market.job(r.job)).state) == JobState.Completed
    await market.settle(r.job, *r.nodes[1:])
    assert await market.token_balance(operator_account(market, r, 0)) == paid_once
    data = await market.job(r.job)
    assert (JobState(data.state), data.runs_open) == (JobState.Settled, 0)
    assert data.paid == 3 * (16 * IO - 16 * IO * 200 // 10_000)


async def test_substituted_accounts_are_refused(market: EscrowEnv) -> None:
    r = await market.ran(1)
    other = await market.ran(1)
    for job in (r, other):
        await market.settled_window(job)
    good = await market.settle_ix(r.job, r.nodes[:1])
    stranger = await market.new_client()
    _, foreign_mint_account = await market.other_mint_account(stranger)
    cases: list[tuple[int, Pubkey, type[errors.IonetEscrowError]]] = [
        (VAULT, other.job.vault, errors.WrongVault),
        (MINT, Keypair().pubkey(), errors.WrongMint),
        (RENT_PAYER, stranger.pubkey, errors.WrongRentPayer),
        (RUN, market.run_address(other.job, other.nodes[0]), errors.RunJobMismatch),
        (RUN, pda.escrow_config(), errors.InvalidRun),
        (NODE, r.nodes[1].address, errors.RunNodeMismatch),
        (OPERATOR_TOKEN, stranger.token_account, errors.WrongTokenOwner),
        (OPERATOR_TOKEN, operator_account(market, r, 1), errors.WrongTokenOwner),
        (OPERATOR_TOKEN, foreign_mint_account, errors.WrongMint),
    ]
    for index, key, error in cases:
        await market.rejects(
            [with_account(good, index, key)],
            market.payer,
            error,
            watch=[*watched(market, r), *watched(market, other), stranger.token_account],
        )
    await market.rejects(
        [Instruction(good.program_id, good.data, list(good.accounts[:FIXED]))],
        market.payer,
        errors.InvalidBatch,
        watch=watched(market, r),
    )
    await market.send([good], market.payer)


async def test_a_sixteen_node_cluster_settles_in_two_transactions_with_every_event(market: EscrowEnv) -> None:
    nodes = [await market.active_node() for _ in range(16)]
    job = await market.create_job(gpu_count=128)
    assign = [await market.assign(job, *nodes[i : i + 8]) for i in (0, 8)]
    print(f"\njob_assign: {sum(a.compute_units for a in assign) // 16} CU per node (batches of 8)")
    for node in nodes:
        await market.start(job, node)
    market.conn.warp(HOUR)
    for node in nodes:
        await market.report(job, node, 8 * HOUR)
    r = Running(job, nodes)
    await market.settled_window(r)
    # A batch is bounded by the runtime's 10,000-byte log limit: every RunSettled survives.
    batch = escrow.MAX_SETTLE_RUNS
    settled = []
    for group in (nodes[:batch], nodes[batch:]):
        ix = await market.settle_ix(job, group)
        assert len(ix.accounts) == FIXED + 3 * len(group)
        table = await lookup_tables.create_lookup_table(
            market.conn, market.payer, [m.pubkey for m in ix.accounts] + [ix.program_id]
        )
        result = await tx.send(market.conn, [ix], market.payer, unit_limit=1_400_000, lookup_tables=[table])
        assert not logs_truncated(result.logs)
        settled += [e for e in events.parse_logs(result.logs) if isinstance(e, events.RunSettled)]
        per_node = result.compute_units // len(group)
        print(f"job_settle x{len(group)} in one transaction: {result.compute_units} CU ({per_node} per node)")
    assert len(settled) == 16
    assert (await market.job(job)).runs_open == 0
    finalized = await market.finalize(job)
    print(f"job_finalize: {finalized.compute_units} CU")
    data = await market.job(job)
    assert (JobState(data.state), data.runs_open) == (JobState.Settled, 0)
    assert data.paid == 16 * (16 * IO - 16 * IO * 200 // 10_000)
