"""Node liveness without on-chain heartbeats (docs/liveness.md §7): a node is eligible for
work (Active) only while synced (`node_sync`) to an oracle leaf that heard it recently
(`last_seen` within `liveness_max_age_secs`) and for long enough in that epoch
(`min_epoch_uptime_secs`); the permissionless `node_mark_inactive` crank demotes a node
whose proven liveness went stale, and is refused while it is fresh."""

from __future__ import annotations

from ionet_sdk import registry
from ionet_sdk._generated.ionet_registry import errors, events
from ionet_sdk._generated.ionet_registry.types import NodeStatus

from .registry_env import NodeHandle, RegistryEnv


async def bonded(env: RegistryEnv) -> NodeHandle:
    """Registered, attested and bonded at its minimum: everything but proven liveness."""
    handle = await env.register()
    await env.attest(handle)
    await env.deposit(handle, await env.min_stake(handle))
    return handle


async def now(env: RegistryEnv) -> int:
    return (await env.conn.get_clock()).unix_timestamp


async def test_a_node_never_synced_is_not_eligible_and_a_fresh_leaf_activates_it(env: RegistryEnv) -> None:
    handle = await bonded(env)
    node = await env.node(handle)
    # Attested and bonded, but no oracle ever proved it live: not eligible.
    assert (node.status, node.last_seen, node.synced_epoch) == (NodeStatus.Verified, 0, 0)
    assert not await env.liveness_fresh(handle)
    committed_at = await now(env)
    epoch, _tree = await env.prove_live(handle)
    result = env.last_result  # the node_sync
    print(f"\nnode_sync (activating): {result.compute_units} CU")
    node = await env.node(handle)
    assert (node.status, node.synced_epoch, node.last_seen) == (NodeStatus.Active, epoch, committed_at)
    assert node.last_epoch_uptime_secs == env.config.params.min_epoch_uptime_secs == 1_800
    # prove_live credits half of a one-hour epoch: the uptime ratio stays at 50%, and no
    # availability points are credited.
    assert (node.uptime_bps, node.proven_availability_points) == (5_000, 0)
    kinds = {type(e) for e in events.parse_logs(result.logs)}
    assert {events.NodeSynced, events.NodeStatusChanged} <= kinds


async def test_an_epoch_uptime_below_the_minimum_is_not_eligible(env: RegistryEnv) -> None:
    least = env.config.params.min_epoch_uptime_secs
    handle = await bonded(env)
    await env.prove_live(handle, epoch_uptime_secs=least - 1)
    node = await env.node(handle)
    assert node.status == NodeStatus.Verified and node.last_epoch_uptime_secs == least - 1
    await env.prove_live(handle, epoch_uptime_secs=least)
    node = await env.node(handle)
    assert node.status == NodeStatus.Active
    # prove_live carries the figures forward (cumulative, never lower) and credits no
    # availability points.
    assert (node.proven_uptime_secs, node.proven_observed_secs) == (2 * least - 1, 2 * 3_600)
    assert node.proven_availability_points == 0
    # An Active node synced to an epoch in which it was barely heard drops out at once.
    await env.prove_live(handle, epoch_uptime_secs=60)
    node = await env.node(handle)
    assert node.status == NodeStatus.Inactive and node.last_epoch_uptime_secs == 60


async def test_a_leaf_that_heard_the_node_too_long_ago_does_not_activate_it(env: RegistryEnv) -> None:
    max_age = env.config.params.liveness_max_age_secs
    handle = await bonded(env)
    challenge = env.config.params.root_challenge_secs
    # Synced one challenge window after the commit: last_seen is then max_age + 1 old.
    await env.prove_live(handle, last_seen=await now(env) - max_age - 1 + challenge)
    node = await env.node(handle)
    assert node.status == NodeStatus.Verified and node.last_seen > 0
    assert not await env.liveness_fresh(handle)


async def test_mark_inactive_once_the_proven_liveness_is_stale(env: RegistryEnv) -> None:
    handle = await env.register()
    await env.activate(handle)
    node = await env.node(handle)
    uptime, reputation = node.uptime_bps, node.reputation_bps
    cranker = await env.new_operator()
    ix = registry.build_node_mark_inactive_ix(handle.address, cranker.pubkey())
    # Exactly liveness_max_age_secs after the oracles last heard it: still fresh.
    env.conn.warp(node.last_seen + env.config.params.liveness_max_age_secs - await now(env))
    await env.rejects([ix], cranker, errors.NodeNotStale, watch=[handle.address])
    env.conn.warp(1)
    result = await env.send([ix], cranker)
    print(f"\nnode_mark_inactive: {result.compute_units} CU")
    after = await env.node(handle)
    assert after.status == NodeStatus.Inactive
    # Uptime is the oracles' figure: the crank does not touch it.
    assert (after.uptime_bps, after.reputation_bps) == (uptime, reputation)
    (marked,) = [e for e in events.parse_logs(result.logs) if isinstance(e, events.NodeMarkedInactive)]
    assert (marked.node, marked.last_seen, marked.cranker) == (
        handle.address,
        node.last_seen,
        cranker.pubkey(),
    )
    # Once only: it is no longer Active.
    await env.rejects([ix], cranker, errors.NodeNotActive, watch=[handle.address])
    # A sync to a fresh leaf brings it back.
    await env.prove_live(handle)
    assert (await env.node(handle)).status == NodeStatus.Active


async def test_mark_inactive_rejects_a_freshly_proven_node(env: RegistryEnv) -> None:
    handle = await env.register()
    await env.activate(handle)
    env.conn.warp(env.config.params.liveness_max_age_secs // 2)
    cranker = await env.new_operator()
    ix = registry.build_node_mark_inactive_ix(handle.address, cranker.pubkey())
    await env.rejects([ix], cranker, errors.NodeNotStale, watch=[handle.address])


async def test_mark_inactive_rejects_a_node_that_is_not_active(env: RegistryEnv) -> None:
    handle = await env.register()
    env.conn.warp(env.config.params.liveness_max_age_secs + 1)
    cranker = await env.new_operator()
    ix = registry.build_node_mark_inactive_ix(handle.address, cranker.pubkey())
    await env.rejects([ix], cranker, errors.NodeNotActive, watch=[handle.address])
