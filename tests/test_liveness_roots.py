"""On-chain liveness (docs/liveness.md §6 and §7): oracle roots with a quorum and a challenge
window, equivocation evidence, and `node_sync` against the Python tree (`ionet_sdk.merkle`)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk import pda, registry
from ionet_sdk._generated.ionet_registry import errors, events
from ionet_sdk.client import IonetClient
from ionet_sdk.errors import TransactionFailedError
from ionet_sdk.liveness import LivenessLeaf, availability_points, uptime_in_epoch
from ionet_sdk.merkle import MerkleTree, Proof

from .registry_env import NodeHandle, RegistryEnv

EPOCH = 3_600
COVERAGE = 90
PRIOR = 86_400  # UPTIME_PRIOR_SECS, observed at the initial reputation (50%)


def ratio(uptime: int, observed: int) -> int:
    """The program's time-weighted uptime ratio (bps), with its prior of a day at 50%."""
    return (uptime * 10_000 + PRIOR * 5_000) // (observed + PRIOR)


def leaf(
    handle: NodeHandle | Pubkey, agent: Pubkey, epoch: int, uptimes: list[int], last_seen: int = 0
) -> LivenessLeaf:
    """A node's cumulative leaf after one epoch of `uptimes[i]` seconds each (epoch
    `epoch - len + 1 .. epoch`), as the oracle carries it (8 H100s)."""
    node = handle if isinstance(handle, Pubkey) else handle.address
    current = LivenessLeaf.empty(node, agent)
    first = epoch - len(uptimes) + 1
    for i, up in enumerate(uptimes):
        current = current.next(
            first + i, epoch_uptime=up, observed=EPOCH, heartbeats=up // 60, last_seen=last_seen,
            agent=agent, tier=0, gpu_count=8,
        )  # fmt: skip
    return current


async def world(env: RegistryEnv, nodes: int = 3) -> list[NodeHandle]:
    await env.set_oracles(3, quorum=2)
    return [await env.register() for _ in range(nodes)]


async def test_a_root_takes_effect_after_a_quorum_and_its_challenge_window(env: RegistryEnv) -> None:
    handles = await world(env)
    leaves = [leaf(h, h.agent.pubkey(), 30, [EPOCH] * 24) for h in handles]
    tree = MerkleTree([lf.to_bytes() for lf in sorted(leaves, key=lambda x: bytes(x.node))])
    target, watch = handles[0], [handles[0].address, pda.epoch_root(30)]
    mine = next(lf for lf in leaves if lf.node == target.address)
    first = await env.vote_root(env.oracles[0], 30, tree)
    (voted,) = [e for e in events.parse_logs(first.logs) if isinstance(e, events.LivenessRootVoted)]
    assert (voted.votes, voted.reached_quorum) == (1, False)
    # One vote of a quorum of two: no root in effect.
    sync = env.sync_ix(target, 30, tree, mine)
    await env.rejects([sync], env.payer, errors.RootNotInEffect, watch=watch)
    second = await env.vote_root(env.oracles[1], 30, tree)
    (voted,) = [e for e in events.parse_logs(second.logs) if isinstance(e, events.LivenessRootVoted)]
    assert (voted.votes, voted.reached_quorum) == (2, True)
    # The quorum is there, but the challenge window is still open.
    env.conn.warp(env.config.params.root_challenge_secs - 5)
    await env.rejects([sync], env.payer, errors.RootNotInEffect, watch=watch)
    env.conn.warp(5)
    result = await env.sync(target, 30, tree, mine)
    node = await env.node(target)
    assert (node.synced_epoch, node.proven_uptime_secs, node.proven_observed_secs) == (
        30,
        24 * EPOCH,
        24 * EPOCH,
    )
    assert node.proven_availability_points == mine.availability_points > 0
    assert node.last_epoch_uptime_secs == EPOCH and node.uptime_bps == ratio(24 * EPOCH, 24 * EPOCH) == 7_500
    assert (await env.epoch_root(30)).is_final
    (synced,) = [e for e in events.parse_logs(result.logs) if isinstance(e, events.NodeSynced)]
    assert synced.epoch == 30 and synced.uptime_bps == 7_500
    # Anyone may sync: the payer is neither operator nor agent.
    assert env.payer.pubkey() not in (target.operator.pubkey(), target.agent.pubkey())


async def test_votes_are_refused_from_strangers_twice_from_an_oracle_and_for_empty_trees(
    env: RegistryEnv,
) -> None:
    handles = await world(env, 1)
    tree = MerkleTree([leaf(handles[0], handles[0].agent.pubkey(), 4, [EPOCH]).to_bytes()])
    stranger = await env.new_operator()
    watch = [pda.epoch_root(4), pda.registry_config()]
    ix = registry.build_liveness_root_commit_ix(stranger.pubkey(), 4, tree.root, 1)
    await env.rejects([ix], stranger, errors.NotOracle, watch=watch)
    # An admin-set verifier is not an oracle either.
    env.conn.airdrop(env.verifiers[0].pubkey(), 10**9)
    ix = registry.build_liveness_root_commit_ix(env.verifiers[0].pubkey(), 4, tree.root, 1)
    await env.rejects([ix], env.verifiers[0], errors.NotOracle, watch=watch)
    ix = registry.build_liveness_root_commit_ix(env.oracles[0].pubkey(), 4, tree.root, 0)
    await env.rejects([ix], env.oracles[0], errors.EmptyRoot, watch=watch)
    await env.vote_root(env.oracles[0], 4, tree)
    for root in (tree.root, bytes(32)):  # the same root again, or a different one
        ix = registry.build_liveness_root_commit_ix(env.oracles[0].pubkey(), 4, root, 1)
        await env.rejects([ix], env.oracles[0], errors.OracleAlreadyVoted, watch=watch)
    record = await env.epoch_root(4)
    assert record.voters == [env.oracles[0].pubkey()] and record.quorum_at == 0


async def test_split_votes_take_no_effect_until_a_majority_agrees(env: RegistryEnv) -> None:
    handles = await world(env, 2)
    good = [leaf(h, h.agent.pubkey(), 7, [EPOCH]) for h in handles]
    forged = [leaf(handles[0], handles[0].agent.pubkey(), 7, [EPOCH, EPOCH])]
    tree_good = MerkleTree([lf.to_bytes() for lf in sorted(good, key=lambda x: bytes(x.node))])
    tree_forged = MerkleTree([lf.to_bytes() for lf in forged])
    await env.vote_root(env.oracles[0], 7, tree_forged)
    await env.vote_root(env.oracles[1], 7, tree_good)
    env.conn.warp(env.config.params.root_challenge_secs)
    for tree, lf in ((tree_forged, forged[0]), (tree_good, good[0])):
        ix = env.sync_ix(lf.node, 7, tree, lf)
        await env.rejects([ix], env.payer, errors.RootNotInEffect, watch=[lf.node, pda.epoch_root(7)])
    await env.vote_root(env.oracles[2], 7, tree_good)
    env.conn.warp(env.config.params.root_challenge_secs)
    await env.rejects(
        [env.sync_ix(forged[0].node, 7, tree_forged, forged[0])], env.payer, errors.InvalidProof,
        watch=[forged[0].node],
    )  # fmt: skip
    await env.sync(handles[0], 7, tree_good, next(lf for lf in good if lf.node == handles[0].address))
    assert (await env.node(handles[0])).synced_epoch == 7


async def test_equivocation_removes_the_oracle_and_voids_the_roots_its_vote_carried(env: RegistryEnv) -> None:
    handles = await world(env, 2)
    leaves = [leaf(h, h.agent.pubkey(), 9, [EPOCH]) for h in handles]
    tree = MerkleTree([lf.to_bytes() for lf in sorted(leaves, key=lambda x: bytes(x.node))])
    liar, honest, late = env.oracles
    await env.vote_root(liar, 9, tree)
    await env.vote_root(honest, 9, tree)
    other = bytes(32)
    first = env.statement(liar, 9, tree.root, tree.leaf_count)
    second = env.statement(liar, 9, other, 5)
    reporter = await env.new_operator()
    watch = [pda.registry_config()]

    async def refused(a: bytes, b: bytes) -> None:
        ixs = registry.build_liveness_equivocation_ixs(reporter.pubkey(), a, b)
        await env.rejects(ixs, reporter, errors.InvalidEquivocation, watch=watch)

    await refused(first, first)  # the same statement twice is no evidence
    await refused(first, env.statement(honest, 9, other, 5))  # two oracles
    await refused(first, env.statement(liar, 10, other, 5))  # two epochs
    foreign = bytearray(env.statement(liar, 9, other, 5))
    # A statement for another deployment (its own config address), validly signed.
    foreign[16:48] = bytes(Pubkey.new_unique())
    foreign[124:] = bytes(liar.sign_message(bytes(foreign[:124])))
    await refused(first, bytes(foreign))
    # Without the precompile instruction right before it, nothing is evidence.
    (_, bare) = registry.build_liveness_equivocation_ixs(reporter.pubkey(), first, second)
    await env.rejects([bare], reporter, errors.InvalidEquivocation, watch=watch)
    # A forged signature fails the precompile: the whole transaction fails.
    forged = bytearray(second)
    forged[-1] ^= 1
    with pytest.raises(TransactionFailedError):
        await env.send(
            registry.build_liveness_equivocation_ixs(reporter.pubkey(), first, bytes(forged)), reporter
        )
    assert (await env.refresh_config()).oracles == [o.pubkey() for o in env.oracles]

    result = await env.send(
        registry.build_liveness_equivocation_ixs(reporter.pubkey(), first, second), reporter
    )
    (event,) = [e for e in events.parse_logs(result.logs) if isinstance(e, events.OracleEquivocated)]
    assert event.oracle == liar.pubkey() and event.epoch == 9
    config = await env.refresh_config()
    assert config.oracles == [honest.pubkey(), late.pubkey()] and config.oracles_removed == 1
    # The root had its quorum only with the liar's vote: not in effect after its window.
    env.conn.warp(config.params.root_challenge_secs)
    target = handles[0]
    mine = next(lf for lf in leaves if lf.node == target.address)
    await env.rejects(
        [env.sync_ix(target, 9, tree, mine)], env.payer, errors.RootNotInEffect,
        watch=[target.address, pda.epoch_root(9)],
    )  # fmt: skip
    # The removed oracle can no longer vote, nor be reported twice.
    ix = registry.build_liveness_root_commit_ix(liar.pubkey(), 11, tree.root, tree.leaf_count)
    await env.rejects([ix], liar, errors.NotOracle, watch=watch)
    ixs = registry.build_liveness_equivocation_ixs(reporter.pubkey(), first, second)
    await env.rejects(ixs, reporter, errors.NotOracle, watch=watch)
    # A second honest oracle restores the quorum, and a new challenge window starts.
    await env.vote_root(late, 9, tree)
    await env.rejects(
        [env.sync_ix(target, 9, tree, mine)], env.payer, errors.RootNotInEffect, watch=[target.address]
    )
    env.conn.warp(config.params.root_challenge_secs)
    await env.sync(target, 9, tree, mine)


async def test_a_wrong_proof_or_someone_elses_leaf_is_refused(env: RegistryEnv) -> None:
    handles = await world(env, 5)
    leaves = sorted((leaf(h, h.agent.pubkey(), 6, [EPOCH]) for h in handles), key=lambda x: bytes(x.node))
    tree = await env.commit_root(6, leaves)
    target = next(h for h in handles if h.address == leaves[1].node)
    other = next(h for h in handles if h.address == leaves[2].node)
    watch = [target.address, other.address]
    proof = tree.proof(1)
    flipped = bytes([proof.siblings[0][0] ^ 1]) + proof.siblings[0][1:]
    data = leaves[1].to_bytes()
    cases = [
        # A flipped sibling byte.
        registry.build_node_sync_ix(
            target.address, 6, data, Proof(1, proof.leaf_count, (flipped, *proof.siblings[1:]))
        ),
        # The right siblings at another position.
        registry.build_node_sync_ix(target.address, 6, data, Proof(0, proof.leaf_count, proof.siblings)),
        # A sibling too many.
        registry.build_node_sync_ix(
            target.address, 6, leaves[1].to_bytes(), Proof(1, proof.leaf_count, (*proof.siblings, bytes(32)))
        ),
        # An inflated leaf.
        registry.build_node_sync_ix(
            target.address, 6, replace(leaves[1], availability_points=10**15).to_bytes(), proof
        ),
    ]  # fmt: skip
    for ix in cases:
        await env.rejects([ix], env.payer, errors.InvalidProof, watch=watch)
    # Another node's valid leaf and proof, sent to this node.
    ix = registry.build_node_sync_ix(target.address, 6, leaves[2].to_bytes(), tree.proof(2))
    await env.rejects([ix], env.payer, errors.LeafMismatch, watch=watch)
    # A leaf naming another agent, or of another epoch, or of an unknown version.
    for bad in (
        replace(leaves[1], agent=Pubkey.new_unique()),
        replace(leaves[1], epoch=5),
        replace(leaves[1], version=2),
    ):
        forged = MerkleTree([bad.to_bytes()])
        ix = registry.build_node_sync_ix(target.address, 6, bad.to_bytes(), forged.proof(0))
        await env.rejects([ix], env.payer, errors.LeafMismatch, watch=watch)
    # Every leaf of the 5-leaf tree (the last one promoted at the first level) syncs.
    for lf in leaves:
        await env.sync(next(h for h in handles if h.address == lf.node), 6, tree, lf)


async def test_a_stale_or_replayed_leaf_is_refused(env: RegistryEnv) -> None:
    (target,) = await world(env, 1)
    agent = target.agent.pubkey()
    old = leaf(target, agent, 20, [EPOCH])
    new = leaf(target, agent, 21, [EPOCH, 600])
    tree_old = await env.commit_root(20, [old])
    tree_new = await env.commit_root(21, [new])
    await env.sync(target, 21, tree_new, new)
    watch = [target.address]
    await env.rejects([env.sync_ix(target, 21, tree_new, new)], env.payer, errors.StaleLeaf, watch=watch)
    await env.rejects([env.sync_ix(target, 20, tree_old, old)], env.payer, errors.StaleLeaf, watch=watch)
    # A later leaf whose cumulative figures went down (a reset oracle) is refused.
    lower = replace(leaf(target, agent, 22, [0]), last_seen=1)
    tree_lower = await env.commit_root(22, [lower])
    await env.rejects(
        [env.sync_ix(target, 22, tree_lower, lower)], env.payer, errors.LeafRegressed, watch=watch
    )


async def test_the_first_epoch_can_be_synced_once(env: RegistryEnv) -> None:
    """Epoch 0 (the network's first hour) is as good as any for a node never synced; once
    synced to it, its leaf is stale like any other."""
    (target,) = await world(env, 1)
    agent = target.agent.pubkey()
    first = leaf(target, agent, 0, [EPOCH], last_seen=1_000)
    tree = await env.commit_root(0, [first])
    await env.sync(target, 0, tree, first)
    node = await env.node(target)
    assert (node.synced_epoch, node.last_seen, node.proven_uptime_secs) == (0, 1_000, EPOCH)
    await env.rejects(
        [env.sync_ix(target, 0, tree, first)], env.payer, errors.StaleLeaf, watch=[target.address]
    )


async def test_an_offline_node_gains_no_proven_presence_and_its_uptime_falls(env: RegistryEnv) -> None:
    (target,) = await world(env, 1)
    agent = target.agent.pubkey()
    online = leaf(target, agent, 30, [EPOCH] * 24)  # a day heard every minute
    tree = await env.commit_root(30, [online])
    await env.sync(target, 30, tree, online)
    before = await env.node(target)
    # Three silent epochs: the oracle carries the leaf with no uptime.
    silent = leaf(target, agent, 33, [EPOCH] * 24 + [0, 0, 0])
    tree = await env.commit_root(33, [silent])
    await env.sync(target, 33, tree, silent)
    after = await env.node(target)
    assert after.proven_availability_points == before.proven_availability_points
    assert after.proven_uptime_secs == before.proven_uptime_secs == 24 * EPOCH
    assert after.last_epoch_uptime_secs == 0
    assert (
        after.uptime_bps == ratio(24 * EPOCH, 27 * EPOCH) < before.uptime_bps == ratio(24 * EPOCH, 24 * EPOCH)
    )
    assert after.reputation_bps < before.reputation_bps


async def test_intermittent_presence_is_time_weighted(env: RegistryEnv) -> None:
    (target,) = await world(env, 1)
    agent = target.agent.pubkey()
    # Heard every minute for the first 5 minutes of each hour: 4·60 + 90 = 330 s.
    up = uptime_in_epoch([60.0 * i for i in range(5)], 0, EPOCH, COVERAGE)
    assert up == 330
    intermittent = leaf(target, agent, 60, [up] * 48)  # two days of it
    tree = await env.commit_root(60, [intermittent])
    await env.sync(target, 60, tree, intermittent)
    node = await env.node(target)
    # Time-weighted: 9% of each hour, not the 86% a per-heartbeat average gave.
    assert node.uptime_bps == ratio(48 * 330, 48 * EPOCH) == 2_277
    assert node.uptime_bps < ratio(0, 0)  # below a new node's
    assert node.proven_availability_points == 48 * availability_points(330, 0, 8)
    assert node.proven_availability_points * 10 < 48 * availability_points(EPOCH, 0, 8)


async def test_only_a_majority_quorum_of_at_most_n_oracles_is_accepted(env: RegistryEnv) -> None:
    from .test_config_update import NOTHING

    watch = [pda.registry_config()]
    keys = [Keypair().pubkey() for _ in range(4)]
    for quorum, oracles in ((2, keys), (1, keys[:2]), (3, keys[:2])):
        args = replace(NOTHING, params=replace(env.config.params, oracle_quorum=quorum), oracles=oracles)
        ix = registry.build_config_update_ix(env.admin.pubkey(), args)
        await env.rejects([ix], env.admin, errors.OracleQuorumInvalid, watch=watch)
    ix = registry.build_config_update_ix(env.admin.pubkey(), replace(NOTHING, oracles=[keys[0], keys[0]]))
    await env.rejects([ix], env.admin, errors.InvalidOracle, watch=watch)
    ix = registry.build_config_update_ix(
        env.admin.pubkey(), replace(NOTHING, oracles=[Keypair().pubkey() for _ in range(9)])
    )
    await env.rejects([ix], env.admin, errors.TooManyOracles, watch=watch)
    args = replace(NOTHING, params=replace(env.config.params, oracle_quorum=3), oracles=keys)
    await env.send([registry.build_config_update_ix(env.admin.pubkey(), args)], env.admin)
    assert (await env.refresh_config()).oracles == keys


async def test_the_client_sees_when_a_root_takes_effect_and_syncs_by_proof(env: RegistryEnv) -> None:
    (target,) = await world(env, 1)
    client = IonetClient(env.conn, env.payer)
    mine = leaf(target, target.agent.pubkey(), 70, [EPOCH])
    tree = await env.commit_root(70, [mine], wait=False)
    assert await client.effective_epoch_root(70) is None  # challenge window open
    assert await client.effective_epoch_root(71) is None  # no votes at all
    env.conn.warp(env.config.params.root_challenge_secs)
    assert await client.effective_epoch_root(70) == (1, tree.root)
    await client.sync_node(target.address, 70, mine.to_bytes(), tree.proof(0))
    assert (await env.node(target)).synced_epoch == 70
