"""slash_propose, slash_appeal, slash_resolve, slash_execute."""

from __future__ import annotations

from solders.instruction import Instruction
from solders.keypair import Keypair

from ionet_sdk import pda, registry
from ionet_sdk._generated import anchor_errors
from ionet_sdk._generated.ionet_registry import errors, events
from ionet_sdk._generated.ionet_registry.types import NodeStatus, Offense, SlashStatus
from ionet_sdk.defaults import IO, REGISTRY_PARAMS

from .registry_env import NodeHandle, RegistryEnv, with_account

WINDOW = REGISTRY_PARAMS.appeal_window_secs
EVIDENCE = bytes(range(32))


def propose_ix(
    env: RegistryEnv,
    handle: NodeHandle,
    index: int,
    offense: Offense,
    *,
    amount: int = 0,
    proposer: Keypair | None = None,
) -> Instruction:
    signer = proposer or env.slasher
    return registry.build_slash_propose_ix(
        handle.address,
        index,
        proposer=signer.pubkey(),
        payer=signer.pubkey(),
        offense=offense,
        evidence_hash=EVIDENCE,
        amount=amount,
    )


async def staked_node(env: RegistryEnv, stake: int = 1_000 * IO) -> NodeHandle:
    handle = await env.register()
    await env.deposit(handle, stake)
    return handle


async def test_propose_freezes_amount_from_offense_share(env: RegistryEnv) -> None:
    handle = await staked_node(env)
    result = await env.send([propose_ix(env, handle, 0, Offense.JobFailure)], env.slasher)
    print(f"\nslash_propose: {result.compute_units} CU")
    proposal = await env.proposal(handle, 0)
    clock = await env.conn.get_clock()
    assert proposal.amount == 100 * IO  # JobFailure: 10% of 1_000 IO
    assert (proposal.status, proposal.evidence_hash, proposal.offense) == (
        SlashStatus.Proposed,
        list(EVIDENCE),
        Offense.JobFailure,
    )
    assert proposal.appeal_deadline == clock.unix_timestamp + WINDOW
    node = await env.node(handle)
    assert (node.pending_slashes, node.slash_count) == (1, 1)
    assert any(isinstance(e, events.SlashProposed) for e in events.parse_logs(result.logs))


async def test_propose_by_a_non_authority_is_rejected(env: RegistryEnv) -> None:
    handle = await staked_node(env)
    stranger = await env.new_operator()
    await env.rejects(
        [propose_ix(env, handle, 0, Offense.Misconduct, proposer=stranger)],
        stranger,
        errors.NotSlashingAuthority,
        watch=[handle.address, pda.slash(handle.address, 0)],
    )


async def test_propose_beyond_the_stake_is_rejected(env: RegistryEnv) -> None:
    handle = await staked_node(env, 50 * IO)
    await env.rejects(
        [propose_ix(env, handle, 0, Offense.Misconduct, amount=50 * IO + 1)],
        env.slasher,
        errors.SlashExceedsStake,
        watch=[handle.address, pda.slash(handle.address, 0)],
    )


async def test_execute_after_the_window_burns_and_pays_the_treasury(env: RegistryEnv) -> None:
    handle = await staked_node(env)
    await env.send([propose_ix(env, handle, 0, Offense.JobFailure)], env.slasher)
    execute = registry.build_slash_execute_ix(env.config, handle.address, handle.vault, 0, env.payer.pubkey())
    await env.rejects(
        [execute],
        env.payer,
        errors.AppealWindowOpen,
        watch=[handle.address, handle.vault, pda.slash(handle.address, 0)],
    )
    env.conn.warp(WINDOW + 1)
    supply, treasury = await env.supply(), await env.token_balance(env.treasury.pubkey())
    reputation = (await env.node(handle)).reputation_bps
    result = await env.send([execute], env.payer)
    print(f"\nslash_execute: {result.compute_units} CU")
    node, proposal = await env.node(handle), await env.proposal(handle, 0)
    assert (node.bonded, node.slashed_total, node.pending_slashes) == (900 * IO, 100 * IO, 0)
    assert (proposal.executed, proposal.status) == (100 * IO, SlashStatus.Executed)
    assert await env.supply() == supply - 50 * IO  # half burned
    assert await env.token_balance(env.treasury.pubkey()) == treasury + 50 * IO
    assert await env.token_balance(handle.vault) == 900 * IO
    assert node.jobs_failed == 1
    assert node.reputation_bps < reputation
    (event,) = [e for e in events.parse_logs(result.logs) if isinstance(e, events.SlashExecuted)]
    assert (event.amount, event.burned, event.to_treasury, event.remaining) == (100 * IO, 50 * IO, 50 * IO, 0)
    # Executed: never twice.
    await env.rejects([execute], env.payer, errors.SlashNotExecutable, watch=[handle.address])


async def test_execute_respects_the_per_epoch_cap(env: RegistryEnv) -> None:
    handle = await staked_node(env)
    await env.send([propose_ix(env, handle, 0, Offense.Misconduct, amount=800 * IO)], env.slasher)
    env.conn.warp(WINDOW + 1)
    execute = registry.build_slash_execute_ix(env.config, handle.address, handle.vault, 0, env.payer.pubkey())
    await env.send([execute], env.payer)
    node, proposal = await env.node(handle), await env.proposal(handle, 0)
    assert (node.bonded, proposal.executed, proposal.status) == (500 * IO, 500 * IO, SlashStatus.Proposed)
    assert node.status == NodeStatus.Jailed  # misconduct
    await env.rejects([execute], env.payer, errors.SlashCapReached, watch=[handle.address])
    # Each slash epoch takes at most half of the larger of the stake the node began it
    # with (500) and the frozen amount (800): 400, of which 300 remain. It completes.
    env.conn.warp(REGISTRY_PARAMS.slash_epoch_secs)
    await env.send([execute], env.payer)
    node, proposal = await env.node(handle), await env.proposal(handle, 0)
    assert (node.bonded, proposal.executed, proposal.status) == (200 * IO, 800 * IO, SlashStatus.Executed)
    assert node.pending_slashes == 0


async def test_unbonding_stake_is_still_slashable(env: RegistryEnv) -> None:
    handle = await staked_node(env, 100 * IO)
    op = handle.operator
    await env.send([registry.build_stake_request_unstake_ix(handle.address, op.pubkey(), 100 * IO)], op)
    await env.send([propose_ix(env, handle, 0, Offense.Downtime, amount=40 * IO)], env.slasher)
    env.conn.warp(WINDOW + 1)
    await env.send(
        [registry.build_slash_execute_ix(env.config, handle.address, handle.vault, 0, env.payer.pubkey())],
        env.payer,
    )
    node = await env.node(handle)
    assert (node.bonded, node.unbonding) == (0, 60 * IO)


async def test_appeal_overturned_releases_the_node(env: RegistryEnv) -> None:
    handle = await staked_node(env)
    op = handle.operator
    await env.send([propose_ix(env, handle, 0, Offense.HardwareSpoofing)], env.slasher)
    result = await env.send([registry.build_slash_appeal_ix(handle.address, 0, op.pubkey(), bytes(32))], op)
    assert any(isinstance(e, events.SlashAppealed) for e in events.parse_logs(result.logs))
    env.conn.warp(WINDOW + 1)
    execute = registry.build_slash_execute_ix(env.config, handle.address, handle.vault, 0, env.payer.pubkey())
    await env.rejects([execute], env.payer, errors.SlashNotExecutable, watch=[handle.address])
    stranger = await env.new_operator()
    await env.rejects(
        [registry.build_slash_resolve_ix(handle.address, 0, stranger.pubkey(), uphold=False)],
        stranger,
        errors.NotAdmin,
        watch=[pda.slash(handle.address, 0)],
    )
    await env.send(
        [registry.build_slash_resolve_ix(handle.address, 0, env.admin.pubkey(), uphold=False)], env.admin
    )
    assert (await env.proposal(handle, 0)).status == SlashStatus.Overturned
    node = await env.node(handle)
    assert (node.pending_slashes, node.bonded) == (0, 1_000 * IO)


async def test_appeal_upheld_becomes_executable(env: RegistryEnv) -> None:
    handle = await staked_node(env)
    await env.send([propose_ix(env, handle, 0, Offense.Downtime)], env.slasher)
    await env.send(
        [registry.build_slash_appeal_ix(handle.address, 0, handle.operator.pubkey(), bytes(32))],
        handle.operator,
    )
    await env.send(
        [registry.build_slash_resolve_ix(handle.address, 0, env.admin.pubkey(), uphold=True)], env.admin
    )
    await env.send(
        [registry.build_slash_execute_ix(env.config, handle.address, handle.vault, 0, env.payer.pubkey())],
        env.payer,
    )
    assert (await env.node(handle)).bonded == 980 * IO  # Downtime: 2%


async def test_appeal_after_the_window_or_by_a_stranger_is_rejected(env: RegistryEnv) -> None:
    handle = await staked_node(env)
    await env.send([propose_ix(env, handle, 0, Offense.Downtime)], env.slasher)
    stranger = await env.new_operator()
    await env.rejects(
        [registry.build_slash_appeal_ix(handle.address, 0, stranger.pubkey(), bytes(32))],
        stranger,
        errors.NotOperator,
        watch=[pda.slash(handle.address, 0)],
    )
    env.conn.warp(WINDOW + 1)
    await env.rejects(
        [registry.build_slash_appeal_ix(handle.address, 0, handle.operator.pubkey(), bytes(32))],
        handle.operator,
        errors.AppealWindowClosed,
        watch=[pda.slash(handle.address, 0)],
    )


async def test_execute_with_another_nodes_proposal_is_rejected(env: RegistryEnv) -> None:
    a, b = await staked_node(env), await staked_node(env)
    await env.send([propose_ix(env, b, 0, Offense.Misconduct, amount=10 * IO)], env.slasher)
    env.conn.warp(WINDOW + 1)
    ix = registry.build_slash_execute_ix(env.config, a.address, a.vault, 0, env.payer.pubkey())
    # b's proposal names node b: has_one = node rejects it under node a.
    await env.rejects(
        [with_account(ix, 2, pda.slash(b.address, 0))],
        env.payer,
        anchor_errors.ConstraintHasOne,
        watch=[a.address, b.address, a.vault],
    )
