"""IonetClient: typed queries with server-side filters and multi-transaction flows."""

from __future__ import annotations

from dataclasses import replace

import pytest
from solders.message import to_bytes_versioned
from solders.pubkey import Pubkey
from solders.transaction import VersionedTransaction

from ionet_sdk import client as client_module
from ionet_sdk import tx
from ionet_sdk._generated.ionet_escrow import events as escrow_events
from ionet_sdk._generated.ionet_escrow.accounts import Job, Run
from ionet_sdk._generated.ionet_escrow.types import JobState
from ionet_sdk._generated.ionet_registry.accounts import Node
from ionet_sdk._generated.ionet_registry.types import GpuModel, NodeStatus, Offense
from ionet_sdk.client import IonetClient
from ionet_sdk.defaults import IO

from .escrow_env import HOUR, EscrowEnv
from .registry_env import hardware, measurement


def differing(a: bytes, b: bytes) -> list[int]:
    return [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]


async def test_filter_offsets_match_the_generated_layouts(market: EscrowEnv) -> None:
    handle = await market.active_node()
    node = await market.node(handle)
    data = node.encode()
    assert len(data) == client_module.NODE_SIZE
    # The fields are typed enums: the byte that changes with the value is the field's offset.
    jailed = replace(node, status=NodeStatus.Jailed).encode()
    registered = replace(node, status=NodeStatus.Registered).encode()
    assert differing(jailed, registered) == [client_module.NODE_STATUS]
    a100 = replace(node, declared=replace(node.declared, gpu_model=GpuModel.A100)).encode()
    other = replace(node, declared=replace(node.declared, gpu_model=GpuModel.Other)).encode()
    assert differing(a100, other) == [client_module.NODE_GPU_MODEL]
    assert data[client_module.NODE_OPERATOR : client_module.NODE_OPERATOR + 32] == bytes(node.operator)
    job_handle = await market.create_job()
    job = await market.job(job_handle)
    data = replace(job, state=JobState.Settled).encode()
    assert len(data) == client_module.JOB_SIZE
    assert differing(data, replace(job, state=JobState.Open).encode()) == [client_module.JOB_STATE]
    assert data[client_module.JOB_CLIENT : client_module.JOB_CLIENT + 32] == bytes(job.client)
    await market.assign(job_handle, handle)
    run = await market.run(job_handle, handle)
    assert Run.decode(run.encode()).job == job_handle.address and bytes(run.encode())[40:72] == bytes(
        job_handle.address
    )
    assert isinstance(Job.decode(job.encode()), Job) and isinstance(Node.decode(node.encode()), Node)


async def test_queries_and_a_job_settled_in_batches(market: EscrowEnv) -> None:
    client = IonetClient(market.conn, market.payer, unit_limit=1_400_000)
    h100s = [await market.active_node() for _ in range(8)]
    a100 = await market.active_node(hardware(GpuModel.A100, label="a100-client"))
    active = await client.nodes(status=NodeStatus.Active)
    assert {n.address for n in active} >= {h.address for h in [*h100s, a100]}
    assert [n.address for n in await client.nodes(gpu_model=GpuModel.A100)] == [a100.address]
    mine = await client.nodes(operator=h100s[0].operator.pubkey())
    assert [n.address for n in mine] == [h100s[0].address]

    buyer = await market.new_client()
    spec = await market.job_spec(gpu_count=64, duration_hours=2)
    created = await client.create_job(buyer.keypair, 7, spec)
    job = created.address
    assert any(isinstance(e, escrow_events.JobCreated) for e in escrow_events.parse_logs(created.result.logs))
    assert [j.address for j in await client.jobs(client=buyer.pubkey)] == [job]
    await client.assign(market.matcher, job, [(h.address, 8) for h in h100s])
    for h in h100s:
        await market.start(market.job_handle(buyer, 7, spec), h)
    assert [j.address for j in await client.jobs(state=JobState.Running)] == [job]
    market.conn.warp(HOUR)
    handle = market.job_handle(buyer, 7, spec)
    for h in h100s:
        await market.report(handle, h, 8 * HOUR)
    await market.complete(handle)
    market.conn.warp(market.escrow_config.params.challenge_window_secs)
    results = await client.settle(job)
    assert len(results) == 3  # two batches of runs (6 + 2), then the finalize
    data = await client.job(job)
    assert JobState(data.state) == JobState.Settled
    assert data.paid == 8 * (16 * IO - 16 * IO * 200 // 10_000)
    assert (await client.economics()).minted >= 0
    assert Pubkey.default() not in {n.address for n in active}


async def test_flows_for_stake_slashes_and_parameters(market: EscrowEnv) -> None:
    client = IonetClient(market.conn, market.payer)
    handle = await market.active_node()
    bonded = (await client.node(handle.address)).bonded
    await client.request_unstake(handle.operator, handle.address, IO)
    assert (await client.node(handle.address)).unbonding == IO
    await client.rebond(handle.operator, handle.address)
    assert ((await client.node(handle.address)).bonded, (await client.node(handle.address)).unbonding) == (
        bonded,
        0,
    )
    # A spoofed attestation jails the node; the slash proposal cites the registry's evidence.
    outcome = await client.attest(
        market.verifiers[0], handle.address, measurement(handle.spec, gpu_model=GpuModel.Rtx3090)
    )
    assert not outcome.passed and outcome.jailed
    assert outcome.reasons == ["GPU model differs from the declared one"]
    assert NodeStatus((await client.node(handle.address)).status) == NodeStatus.Jailed
    proposal = await client.propose_slash(market.slasher, handle.address, Offense.HardwareSpoofing)
    (located,) = await client.slash_proposals(handle.address)
    assert located.address == proposal
    assert located.data.evidence_hash == (await client.node(handle.address)).spoofing_evidence
    market.conn.warp(market.config.params.appeal_window_secs + 1)
    await client.execute_slash(handle.address, 0)
    assert (await client.node(handle.address)).bonded == bonded // 2  # spoofing: 50%
    # Parameters: proposed, visible, cancelled.
    config = await client.token_config()
    await client.propose_params(market.io.admin, replace(config.params, fee_bps=300))
    pending = await client.params_proposal()
    assert pending is not None and pending.params.fee_bps == 300
    await client.cancel_params(market.io.admin)
    assert await client.params_proposal() is None


async def test_transactions_built_here_and_signed_elsewhere(market: EscrowEnv) -> None:
    client = IonetClient(market.conn, market.payer, unit_limit=200_000, priority_fee=1_000)
    handle = await market.active_node()
    message = await client.build_tx(
        await client.build_stake_ixs(handle.operator.pubkey(), handle.address, IO)
    )
    assert message.account_keys[0] == market.payer.pubkey()
    budget = Pubkey.from_string("ComputeBudget111111111111111111111111111111")
    assert [message.account_keys[ix.program_id_index] for ix in message.instructions][:2] == [budget, budget]
    # The signers sign the message bytes wherever their keys live; the transaction is assembled here.
    signatures = [kp.sign_message(to_bytes_versioned(message)) for kp in (market.payer, handle.operator)]
    bonded = (await client.node(handle.address)).bonded
    await market.conn.send_transaction(VersionedTransaction.populate(message, signatures))
    assert (await client.node(handle.address)).bonded == bonded + IO
    assert await client.suggest_priority_fee([handle.address]) == 0  # the embedded SVM: no congestion


def test_priority_fee_percentiles() -> None:
    assert tx.priority_fee([]) == 0 and tx.priority_fee([0, 0]) == 0
    fees = [0, 10, 20, 30, 40, 1_000]
    assert tx.priority_fee(fees, 0) == 10 and tx.priority_fee(fees, 50) == 30
    assert tx.priority_fee(fees, 100) == 1_000
    with pytest.raises(ValueError, match="percentile"):
        tx.priority_fee(fees, 101)
