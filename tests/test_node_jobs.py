"""node_job_commit and node_job_release: the escrow program's interface to nodes.

In production the job authority is the escrow program's PDA, signing by CPI;
here a keypair stands in for it.
"""

from __future__ import annotations

from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair

from ionet_sdk import registry
from ionet_sdk._generated import anchor_errors
from ionet_sdk._generated.ionet_registry import errors, events
from ionet_sdk._generated.ionet_registry.types import ConfigUpdateArgs, JobOutcome
from ionet_sdk.defaults import IO, REGISTRY_PARAMS

from .registry_env import NodeHandle, RegistryEnv, hardware


async def job_authority(env: RegistryEnv) -> Keypair:
    authority = await env.new_operator()
    args = ConfigUpdateArgs(
        admin=None,
        slashing_authority=None,
        job_authority=authority.pubkey(),
        verifiers=None,
        params=None,
        oracles=None,
    )
    await env.send([registry.build_config_update_ix(env.admin.pubkey(), args)], env.admin)
    await env.refresh_config()
    return authority


async def committed_node(env: RegistryEnv, authority: Keypair, gpus: int = 4) -> NodeHandle:
    handle = await env.register()
    await env.activate(handle, extra_stake=100 * IO)
    await env.send(
        [registry.build_node_job_commit_ix([(handle.address, gpus)], authority.pubkey())], authority
    )
    return handle


async def test_commit_and_complete_a_job(env: RegistryEnv) -> None:
    authority = await job_authority(env)
    handle = await committed_node(env, authority)
    node = await env.node(handle)
    assert (node.active_jobs, node.committed_gpus) == (1, 4)
    before = node.reputation_bps
    result = await env.send(
        [registry.build_node_job_release_ix(handle.address, authority.pubkey(), 4, JobOutcome.Completed)],
        authority,
    )
    node = await env.node(handle)
    assert (node.active_jobs, node.committed_gpus, node.jobs_completed) == (0, 0, 1)
    assert node.reputation_bps > before
    assert any(isinstance(e, events.NodeJobReleased) for e in events.parse_logs(result.logs))


async def test_a_failed_job_lowers_reputation(env: RegistryEnv) -> None:
    authority = await job_authority(env)
    handle = await committed_node(env, authority)
    before = (await env.node(handle)).reputation_bps
    await env.send(
        [registry.build_node_job_release_ix(handle.address, authority.pubkey(), 4, JobOutcome.Failed)],
        authority,
    )
    node = await env.node(handle)
    assert node.jobs_failed == 1
    assert node.reputation_bps < before


async def test_commit_is_refused_to_strangers_ineligible_nodes_and_beyond_the_gpus(env: RegistryEnv) -> None:
    authority = await job_authority(env)
    stranger = await env.new_operator()
    active = await env.register(hardware(count=8))
    await env.activate(active)
    ix = registry.build_node_job_commit_ix([(active.address, 1)], stranger.pubkey())
    await env.rejects([ix], stranger, errors.NotJobAuthority, watch=[active.address])
    ix = registry.build_node_job_commit_ix([(active.address, 9)], authority.pubkey())
    await env.rejects([ix], authority, errors.GpusUnavailable, watch=[active.address])
    idle = await env.register()  # registered, not attested
    ix = registry.build_node_job_commit_ix([(idle.address, 1)], authority.pubkey())
    await env.rejects([ix], authority, errors.NodeNotEligible, watch=[idle.address])
    release = registry.build_node_job_release_ix(active.address, authority.pubkey(), 1, JobOutcome.Completed)
    await env.rejects([release], authority, errors.NoJobCommitment, watch=[active.address])


async def test_a_node_with_an_active_job_cannot_unstake_withdraw_change_hardware_or_leave(
    env: RegistryEnv,
) -> None:
    authority = await job_authority(env)
    handle = await env.register()
    await env.activate(handle, extra_stake=100 * IO)
    op = handle.operator
    # Unbonding requested before the job: the withdrawal waits for the job to end.
    await env.send([registry.build_stake_request_unstake_ix(handle.address, op.pubkey(), 100 * IO)], op)
    await env.send([registry.build_node_job_commit_ix([(handle.address, 4)], authority.pubkey())], authority)
    env.conn.warp(REGISTRY_PARAMS.unbonding_period_secs)
    assert handle.token_account is not None
    watch = [handle.address, handle.vault]
    withdraw = registry.build_stake_withdraw_ix(
        env.config, handle.address, handle.vault, op.pubkey(), handle.token_account
    )
    await env.rejects([withdraw], op, errors.NodeBusy, watch=watch)
    unstake = registry.build_stake_request_unstake_ix(handle.address, op.pubkey(), IO)
    await env.rejects([unstake], op, errors.NodeBusy, watch=watch)
    update = registry.build_node_update_ix(handle.address, op.pubkey(), hardware=hardware(label="swapped"))
    await env.rejects([update], op, errors.NodeBusy, watch=watch)
    leave = registry.build_node_deregister_ix(env.config, handle.address, handle.vault, op.pubkey())
    await env.rejects([leave], op, errors.NodeBusy, watch=watch)
    # Released: the withdrawal goes through.
    await env.send(
        [registry.build_node_job_release_ix(handle.address, authority.pubkey(), 4, JobOutcome.Cancelled)],
        authority,
    )
    await env.send([withdraw], op)
    assert (await env.node(handle)).unbonding == 0


async def test_a_batch_commits_every_node_or_none(env: RegistryEnv) -> None:
    """One call commits a cluster; a bad entry anywhere (not a node, read-only, a count
    list of another length, an unattested node) rejects the whole batch."""
    authority = await job_authority(env)
    nodes = []
    for i in range(3):
        handle = await env.register(hardware(count=8, label=f"batch-{i}"))
        await env.activate(handle)
        nodes.append(handle)
    watch = [n.address for n in nodes]
    pairs = [(n.address, 8) for n in nodes]
    idle = await env.register(hardware(label="batch-idle"))
    ix = registry.build_node_job_commit_ix([*pairs, (idle.address, 1)], authority.pubkey())
    await env.rejects([ix], authority, errors.NodeNotEligible, watch=[*watch, idle.address])
    not_a_node = registry.build_node_job_commit_ix(
        [*pairs[:2], (env.treasury.pubkey(), 1)], authority.pubkey()
    )
    await env.rejects([not_a_node], authority, anchor_errors.AccountOwnedByWrongProgram, watch=watch)
    ix = registry.build_node_job_commit_ix(pairs, authority.pubkey())
    read_only = Instruction(
        ix.program_id, ix.data, [*ix.accounts[:-1], AccountMeta(ix.accounts[-1].pubkey, False, False)]
    )
    await env.rejects([read_only], authority, errors.InvalidNode, watch=watch)
    short = registry.build_node_job_commit_ix(pairs, authority.pubkey())
    short = Instruction(short.program_id, short.data, short.accounts[:-1])
    await env.rejects([short], authority, errors.InvalidBatch, watch=watch)
    await env.send([ix], authority)
    assert [(await env.node(n)).committed_gpus for n in nodes] == [8, 8, 8]
