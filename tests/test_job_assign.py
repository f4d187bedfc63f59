"""job_assign: batch assignment checked against the spec; the registry commits the GPUs."""

from __future__ import annotations

from dataclasses import replace

from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk import escrow, pda
from ionet_sdk._generated import anchor_errors
from ionet_sdk._generated.ionet_escrow import errors, events
from ionet_sdk._generated.ionet_escrow.types import ConfigUpdateArgs, RunStatus
from ionet_sdk._generated.ionet_registry import errors as registry_errors
from ionet_sdk._generated.ionet_registry.types import GpuModel
from ionet_sdk.defaults import ESCROW_PARAMS

from .escrow_env import EscrowEnv, JobHandle, NodeHandle
from .registry_env import hardware, unsigned, with_account


def watch(job: JobHandle, *nodes: NodeHandle) -> list[Pubkey]:
    return [job.address, *(n.address for n in nodes), *(pda.run(job.address, n.address) for n in nodes)]


async def test_assign_a_cluster_in_one_instruction(market: EscrowEnv) -> None:
    nodes = [await market.active_node() for _ in range(4)]
    job = await market.create_job(gpu_count=32)
    result = await market.assign(job, *nodes)
    print(f"\njob_assign x4: {result.compute_units} CU ({result.compute_units // 4} per node)")
    data = await market.job(job)
    assert (data.gpus_assigned, data.runs, data.runs_open) == (32, 4, 4)
    for node in nodes:
        run = await market.run(job, node)
        assert (run.job, run.node, run.agent, run.operator) == (
            job.address,
            node.address,
            node.agent.pubkey(),
            node.operator.pubkey(),
        )
        assert (run.gpus, RunStatus(run.status), run.rent_payer) == (
            8,
            RunStatus.Assigned,
            market.payer.pubkey(),
        )
        registry_node = await market.node(node)
        assert (registry_node.committed_gpus, registry_node.active_jobs) == (8, 1)
    assigned = [e for e in events.parse_logs(result.logs) if isinstance(e, events.NodeAssigned)]
    assert [e.node for e in assigned] == [n.address for n in nodes]


async def test_hardware_must_match_the_spec(market: EscrowEnv) -> None:
    a100 = await market.active_node(hardware(GpuModel.A100, label="a100"))
    h200 = await market.active_node(hardware(GpuModel.H200, vram=141, label="h200"))
    h100 = await market.active_node()
    job = await market.create_job(gpu_count=8)
    for node in (a100, h200):
        await market.rejects(
            [market.assign_ix(job, [(node, 8)])],
            market.payer,
            errors.GpuModelMismatch,
            [market.matcher],
            watch(job, node),
        )
    # Same tier accepted when the client allows it.
    tier_job = await market.create_job(gpu_count=8, match_tier=True)
    await market.assign(tier_job, h200)
    cases: list[tuple[dict[str, object], type[errors.IonetEscrowError]]] = [
        ({"min_vram_gb": 96}, errors.InsufficientVram),
        ({"min_cuda_major": 12, "min_cuda_minor": 5}, errors.CudaTooOld),
        ({"region": list(b"eu-west\x00")}, errors.RegionMismatch),
    ]
    for changes, expected in cases:
        strict = await market.create_job(gpu_count=8, **changes)
        await market.rejects(
            [market.assign_ix(strict, [(h100, 8)])],
            market.payer,
            expected,
            [market.matcher],
            watch(strict, h100),
        )
    same_region = await market.create_job(gpu_count=8, region=list(b"us-east\x00"))
    await market.assign(same_region, h100)


async def test_reputation_floor_and_registry_eligibility(market: EscrowEnv) -> None:
    node = await market.active_node()
    job = await market.create_job(gpu_count=8, start_deadline=await market.now() + 3_600)
    strict = replace(ESCROW_PARAMS, min_reputation_bps=9_900)
    args = ConfigUpdateArgs(admin=None, matcher=None, arbiter=None, params=strict)
    await market.send([escrow.build_config_update_ix(market.admin.pubkey(), args)], market.admin)
    await market.rejects(
        [market.assign_ix(job, [(node, 8)])],
        market.payer,
        errors.ReputationTooLow,
        [market.matcher],
        watch(job, node),
    )
    args = replace(args, params=ESCROW_PARAMS)
    await market.send([escrow.build_config_update_ix(market.admin.pubkey(), args)], market.admin)
    # Registered and attested but never bonded: the registry refuses it (its error, not the escrow's).
    unbonded = await market.register()
    await market.attest(unbonded)
    await market.rejects(
        [market.assign_ix(job, [(unbonded, 8)])],
        market.payer,
        registry_errors.NodeNotEligible,
        [market.matcher],
        watch(job, unbonded),
    )


async def test_assignment_needs_recently_proven_liveness(market: EscrowEnv) -> None:
    """Eligibility reads the node's oracle-proven liveness (`node_sync`), nothing else:
    never synced, synced to an epoch with less than `min_epoch_uptime_secs` of presence,
    or last seen more than `liveness_max_age_secs` ago: refused by the registry."""
    params = market.config.params
    node = await market.register()
    await market.attest(node)
    await market.deposit(node, await market.min_stake(node))
    start_deadline = await market.now() + params.liveness_max_age_secs + 2 * 3_600
    first, second = [await market.create_job(gpu_count=4, start_deadline=start_deadline) for _ in range(2)]

    async def refused(job: JobHandle) -> None:
        await market.rejects(
            [market.assign_ix(job, [(node, 4)])],
            market.payer,
            registry_errors.NodeNotEligible,
            [market.matcher],
            watch(job, node),
        )

    await refused(first)  # attested and bonded, never proven live
    await market.prove_live(node, epoch_uptime_secs=params.min_epoch_uptime_secs - 1)
    await refused(first)  # heard, but for too little of its epoch
    await market.prove_live(node)
    await market.assign(first, node, gpus=4)  # a fresh leaf: eligible
    last_seen = (await market.node(node)).last_seen
    market.conn.warp(last_seen + params.liveness_max_age_secs + 1 - await market.now())
    await refused(second)  # the oracles' last sighting is too old
    await market.prove_live(node)
    await market.assign(second, node, gpus=4)
    assert (await market.node(node)).committed_gpus == 8


async def test_only_the_matcher_assigns(market: EscrowEnv) -> None:
    node = await market.active_node()
    job = await market.create_job(gpu_count=8)
    stranger = Keypair()
    ix = escrow.build_job_assign_ix(
        job.address, [(node.address, 8)], stranger.pubkey(), market.payer.pubkey()
    )
    await market.rejects([ix], market.payer, errors.NotMatcher, [stranger], watch(job, node))
    ix = unsigned(market.assign_ix(job, [(node, 8)]), market.matcher.pubkey())
    await market.rejects([ix], market.payer, anchor_errors.AccountNotSigner, watch=watch(job, node))


async def test_gpu_count_node_limit_duplicates_and_deadline(market: EscrowEnv) -> None:
    a, b = await market.active_node(), await market.active_node()
    job = await market.create_job(gpu_count=8)
    await market.rejects(
        [market.assign_ix(job, [(a, 8), (b, 8)])],
        market.payer,
        errors.TooManyGpus,
        [market.matcher],
        watch(job, a, b),
    )
    await market.rejects(
        [market.assign_ix(job, [(a, 0)])], market.payer, errors.TooManyGpus, [market.matcher], watch(job, a)
    )
    # The same node twice: the second run already exists.
    await market.rejects(
        [market.assign_ix(job, [(a, 4), (a, 4)])],
        market.payer,
        errors.NodeAlreadyAssigned,
        [market.matcher],
        watch(job, a),
    )
    await market.assign(job, a, gpus=4)
    await market.rejects(
        [market.assign_ix(job, [(a, 4)])],
        market.payer,
        errors.NodeAlreadyAssigned,
        [market.matcher],
        watch(job, a),
    )
    market.conn.warp(601)  # b is still proven live (liveness_max_age_secs is hours)
    await market.rejects(
        [market.assign_ix(job, [(b, 4)])],
        market.payer,
        errors.StartDeadlinePassed,
        [market.matcher],
        watch(job, b),
    )


async def test_substituted_accounts_are_refused(market: EscrowEnv) -> None:
    node = await market.active_node()
    other = await market.active_node()
    job = await market.create_job(gpu_count=8)
    good = market.assign_ix(job, [(node, 8)])
    node_index = len(good.accounts) - 2
    # Not a registry node: the escrow's config, a system account.
    for fake in (pda.escrow_config(), market.payer.pubkey()):
        ix = with_account(good, node_index, fake)
        await market.rejects([ix], market.payer, errors.InvalidNode, [market.matcher], watch(job, node))
    # The run of another node (not the PDA of this job and node).
    ix = with_account(good, node_index + 1, pda.run(job.address, other.address))
    await market.rejects([ix], market.payer, errors.InvalidPda, [market.matcher], watch(job, node))
    # A batch whose accounts do not match its GPU list.
    ix = Instruction(good.program_id, good.data, list(good.accounts[:-1]))
    await market.rejects([ix], market.payer, errors.InvalidBatch, [market.matcher], watch(job, node))
    # Another program's id where the registry is expected.
    index = next(i for i, m in enumerate(good.accounts) if m.pubkey == pda.registry_config())
    ix = with_account(good, index, pda.escrow_config())
    await market.rejects([ix], market.payer, errors.InvalidRegistryConfig, [market.matcher], watch(job, node))
    assert isinstance(good.accounts[node_index], AccountMeta)
