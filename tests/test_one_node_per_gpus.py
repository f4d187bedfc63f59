"""Reward invariants of docs/liveness.md §8 that the registry enforces: one node per set of
GPUs (a hardware fingerprint index, invariant 4) and reputation that punishes failure
more than an hour of uptime rewards (invariant 6)."""

from __future__ import annotations

from ionet_sdk import pda, registry
from ionet_sdk._generated.ionet_registry import errors
from ionet_sdk._generated.ionet_registry.accounts import FingerprintIndex
from ionet_sdk._generated.ionet_registry.types import NodeStatus, Offense
from ionet_sdk.defaults import REGISTRY_PARAMS
from ionet_sdk.liveness import LivenessLeaf

from .registry_env import RegistryEnv, hardware, measurement

HOUR = 3_600


async def test_one_set_of_gpus_backs_at_most_one_node(env: RegistryEnv) -> None:
    spec = hardware(label="the-same-eight-h100s")
    first = await env.register(spec)
    await env.activate(first)
    # Another operator registers the same GPUs (same fingerprint) under a second node.
    second = await env.register(spec, await env.new_operator())
    verifier = env.verifiers[0]
    ix = registry.build_node_attest_ix(second.address, verifier.pubkey(), measurement(spec))
    await env.rejects([ix], env.payer, errors.FingerprintInUse, signers=[verifier], watch=[second.address])
    # Naming the holder does not help while it still holds the GPUs.
    ix = registry.build_node_attest_ix(second.address, verifier.pubkey(), measurement(spec), first.address)
    await env.rejects([ix], env.payer, errors.FingerprintInUse, signers=[verifier], watch=[second.address])
    index = await FingerprintIndex.fetch(env.conn, pda.fingerprint(bytes(spec.fingerprint)))
    assert index is not None and index.node == first.address
    assert (await env.node(first)).claimed_fingerprint == spec.fingerprint
    # The first node moves to other GPUs: it gives the fingerprint up, and the second
    # node (showing the old holder) takes it over.
    moved = registry.build_node_update_ix(
        first.address, first.operator.pubkey(), hardware=hardware(label="other-gpus")
    )
    await env.send([moved], first.operator)
    assert (await env.node(first)).claimed_fingerprint == [0] * 32
    ix = registry.build_node_attest_ix(second.address, verifier.pubkey(), measurement(spec), first.address)
    await env.send([ix], env.payer, [verifier])
    index = await FingerprintIndex.fetch(env.conn, pda.fingerprint(bytes(spec.fingerprint)))
    assert index is not None and index.node == second.address
    # The first node cannot come back to those GPUs now.
    back = registry.build_node_update_ix(first.address, first.operator.pubkey(), hardware=spec)
    await env.send([back], first.operator)
    ix = registry.build_node_attest_ix(first.address, verifier.pubkey(), measurement(spec), second.address)
    await env.rejects([ix], env.payer, errors.FingerprintInUse, signers=[verifier], watch=[first.address])
    assert (await env.node(first)).status != NodeStatus.Active


async def test_one_failure_costs_more_reputation_than_an_hour_of_perfect_uptime_earns(
    env: RegistryEnv,
) -> None:
    await env.set_oracles(1, quorum=1)
    handle = await env.register()
    await env.activate(handle, extra_stake=10**11)
    agent = handle.agent.pubkey()
    # A day at 50% uptime, proven by an oracle root.
    day = LivenessLeaf.empty(handle.address, agent)
    for e in range(24):
        day = day.next(
            e,
            epoch_uptime=HOUR // 2,
            observed=HOUR,
            heartbeats=30,
            last_seen=0,
            agent=agent,
            tier=0,
            gpu_count=8,
        )
    tree = await env.commit_root(23, [day])
    await env.sync(handle, 23, tree, day)
    base = (await env.node(handle)).reputation_bps
    # One more hour heard every minute.
    hour = day.next(
        24, epoch_uptime=HOUR, observed=HOUR, heartbeats=60, last_seen=0, agent=agent, tier=0, gpu_count=8
    )
    tree = await env.commit_root(24, [hour])
    await env.sync(handle, 24, tree, hour)
    gained = (await env.node(handle)).reputation_bps - base
    assert gained > 0
    # One executed slash for misconduct (it changes no other input of the reputation: no
    # job outcome, no uptime; before, the spoofer's reputation held through its slash).
    node = await env.node(handle)
    propose = registry.build_slash_propose_ix(
        handle.address, node.slash_count, proposer=env.slasher.pubkey(), payer=env.slasher.pubkey(),
        offense=Offense.Misconduct, amount=10**8, evidence_hash=bytes(32),
    )  # fmt: skip
    await env.send([propose], env.slasher)
    env.conn.warp(REGISTRY_PARAMS.appeal_window_secs + 1)
    before = (await env.node(handle)).reputation_bps
    execute = registry.build_slash_execute_ix(env.config, handle.address, handle.vault, 0, env.payer.pubkey())
    await env.send([execute], env.payer)
    after = await env.node(handle)
    assert after.slashes_executed == 1
    lost = before - after.reputation_bps
    assert lost >= 500 > gained, (lost, gained)
