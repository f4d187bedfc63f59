"""node_heartbeat and the permissionless node_mark_inactive crank."""

from __future__ import annotations

from ionet_sdk import registry
from ionet_sdk._generated import anchor_errors
from ionet_sdk._generated.ionet_registry import errors, events
from ionet_sdk._generated.ionet_registry.types import NodeStatus
from ionet_sdk.defaults import REGISTRY_PARAMS

from .registry_env import RegistryEnv, unsigned

STALE = REGISTRY_PARAMS.heartbeat_interval_secs + REGISTRY_PARAMS.heartbeat_grace_secs + 1


async def test_heartbeat_records_liveness_and_activates_a_ready_node(env: RegistryEnv) -> None:
    handle = await env.register()
    await env.attest(handle)
    await env.deposit(handle, await env.min_stake(handle))
    assert (await env.node(handle)).status == NodeStatus.Verified
    result = await env.heartbeat(handle)
    print(f"\nnode_heartbeat: {result.compute_units} CU")
    node = await env.node(handle)
    clock = await env.conn.get_clock()
    assert (node.last_heartbeat, node.heartbeat_count, node.status) == (
        clock.unix_timestamp,
        1,
        NodeStatus.Active,
    )
    assert node.uptime_bps == 5_000  # uptime comes from oracle roots (node_sync), not heartbeats
    kinds = {type(e) for e in events.parse_logs(result.logs)}
    assert {events.NodeHeartbeat, events.NodeStatusChanged} <= kinds


async def test_heartbeats_on_time_or_late_leave_the_uptime_to_the_oracles(env: RegistryEnv) -> None:
    handle = await env.register()
    await env.heartbeat(handle)
    env.conn.warp(REGISTRY_PARAMS.heartbeat_interval_secs)
    await env.heartbeat(handle)
    on_time = (await env.node(handle)).uptime_bps
    env.conn.warp(STALE + 100)
    await env.heartbeat(handle)
    late = (await env.node(handle)).uptime_bps
    assert on_time == late == 5_000


async def test_heartbeat_rejects_operator_key_and_missing_signature(env: RegistryEnv) -> None:
    handle = await env.register()
    ix = registry.build_node_heartbeat_ix(handle.address, handle.operator.pubkey())
    await env.rejects([ix], handle.operator, errors.NotAgent, watch=[handle.address])
    ix = registry.build_node_heartbeat_ix(handle.address, handle.agent.pubkey())
    await env.rejects(
        [unsigned(ix, handle.agent.pubkey())],
        env.payer,
        anchor_errors.AccountNotSigner,
        watch=[handle.address],
    )


async def test_heartbeat_rejects_spam_within_half_an_interval(env: RegistryEnv) -> None:
    handle = await env.register()
    await env.heartbeat(handle)
    env.conn.warp(REGISTRY_PARAMS.heartbeat_interval_secs // 2 - 5)
    ix = registry.build_node_heartbeat_ix(handle.address, handle.agent.pubkey())
    await env.rejects([ix], handle.agent, errors.HeartbeatTooEarly, watch=[handle.address])


async def test_mark_inactive_on_a_stale_node(env: RegistryEnv) -> None:
    handle = await env.register()
    await env.activate(handle)
    env.conn.warp(STALE)
    cranker = await env.new_operator()
    result = await env.send([registry.build_node_mark_inactive_ix(handle.address, cranker.pubkey())], cranker)
    node = await env.node(handle)
    assert node.status == NodeStatus.Inactive
    assert any(isinstance(e, events.NodeMarkedInactive) for e in events.parse_logs(result.logs))
    # A heartbeat brings it back.
    await env.heartbeat(handle)
    assert (await env.node(handle)).status == NodeStatus.Active


async def test_mark_inactive_rejects_a_live_node(env: RegistryEnv) -> None:
    handle = await env.register()
    await env.activate(handle)
    env.conn.warp(REGISTRY_PARAMS.heartbeat_interval_secs)
    cranker = await env.new_operator()
    ix = registry.build_node_mark_inactive_ix(handle.address, cranker.pubkey())
    await env.rejects([ix], cranker, errors.NodeNotStale, watch=[handle.address])


async def test_mark_inactive_rejects_a_node_that_is_not_active(env: RegistryEnv) -> None:
    handle = await env.register()
    env.conn.warp(STALE)
    cranker = await env.new_operator()
    ix = registry.build_node_mark_inactive_ix(handle.address, cranker.pubkey())
    await env.rejects([ix], cranker, errors.NodeNotActive, watch=[handle.address])
