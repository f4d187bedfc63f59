"""node_attest: proof-of-compute attestations by the verifier set."""

from __future__ import annotations

from ionet_sdk import registry
from ionet_sdk._generated.ionet_registry import errors, events
from ionet_sdk._generated.ionet_registry.types import GpuModel, GpuTier, NodeStatus
from ionet_sdk.defaults import REGISTRY_PARAMS

from .registry_env import RegistryEnv, hardware, measurement

MISMATCH_MODEL, MISMATCH_COUNT, MISMATCH_FINGERPRINT, MISMATCH_TFLOPS = 1, 2, 8, 16


async def test_attestation_sets_tier_from_attested_hardware(env: RegistryEnv) -> None:
    handle = await env.register(hardware(GpuModel.L40S, count=2, vram=48))
    result = await env.attest(handle, env.verifiers[1])
    print(f"\nnode_attest: {result.compute_units} CU")
    node = await env.node(handle)
    clock = await env.conn.get_clock()
    assert node.status == NodeStatus.Verified
    assert node.effective_tier == GpuTier.L40S
    a = node.attestation
    assert (a.verifier, a.passed, a.mismatch, a.measured_tflops) == (env.verifiers[1].pubkey(), True, 0, 362)
    assert a.expires_at == clock.unix_timestamp + REGISTRY_PARAMS.attestation_validity_secs
    assert node.attestations_passed == 1
    (event,) = [e for e in events.parse_logs(result.logs) if isinstance(e, events.NodeAttested)]
    assert event.passed and event.effective_tier == GpuTier.L40S


async def test_spoofed_hardware_is_recorded_and_jails_the_node(env: RegistryEnv) -> None:
    # Declares 8x H100; the verifier measures RTX 3090s with other GPU UUIDs.
    handle = await env.register(hardware(GpuModel.H100, count=8, label="claimed"))
    spoof = measurement(hardware(GpuModel.Rtx3090, count=8, vram=24, label="real"))
    result = await env.send(
        [registry.build_node_attest_ix(handle.address, env.verifiers[0].pubkey(), spoof)],
        env.payer,
        [env.verifiers[0]],
    )
    node = await env.node(handle)
    assert node.status == NodeStatus.Jailed
    assert node.effective_tier == GpuTier.Other
    assert node.attestation.mismatch & (MISMATCH_MODEL | MISMATCH_FINGERPRINT)
    (event,) = [e for e in events.parse_logs(result.logs) if isinstance(e, events.NodeAttested)]
    assert not event.passed
    assert node.spoofing_evidence == event.attestation_hash != [0] * 32
    assert node.attestations_failed == 1
    # The jailing is an event like every status move (indexers follow them).
    (moved,) = [e for e in events.parse_logs(result.logs) if isinstance(e, events.NodeStatusChanged)]
    assert (moved.node, moved.from_, moved.to) == (handle.address, NodeStatus.Registered, NodeStatus.Jailed)
    # A jailed node cannot become active by staking and being proven live.
    await env.deposit(handle, 10**13)
    await env.prove_live(handle)
    assert (await env.node(handle)).status == NodeStatus.Jailed


async def test_underperforming_gpus_fail_without_jailing(env: RegistryEnv) -> None:
    handle = await env.register(hardware(GpuModel.A100, count=1))
    await env.attest(handle, measured_tflops=100)  # expected 312; 80% required
    node = await env.node(handle)
    assert not node.attestation.passed
    assert node.attestation.mismatch == MISMATCH_TFLOPS
    assert node.status == NodeStatus.Registered


async def test_attestation_by_a_non_verifier_is_rejected(env: RegistryEnv) -> None:
    handle = await env.register()
    impostor = await env.new_operator()
    ix = registry.build_node_attest_ix(handle.address, impostor.pubkey(), measurement(handle.spec))
    await env.rejects([ix], impostor, errors.NotVerifier, watch=[handle.address])


async def test_attestation_expires(env: RegistryEnv) -> None:
    handle = await env.register()
    await env.activate(handle)
    env.conn.warp(REGISTRY_PARAMS.attestation_validity_secs + 1)
    await env.prove_live(handle)  # live, but its attestation expired
    node = await env.node(handle)
    assert node.status == NodeStatus.Inactive


async def test_count_mismatch_is_spoofing(env: RegistryEnv) -> None:
    handle = await env.register(hardware(GpuModel.H100, count=8))
    await env.attest(handle, gpu_count=4)
    node = await env.node(handle)
    assert node.status == NodeStatus.Jailed
    assert node.attestation.mismatch == MISMATCH_COUNT
