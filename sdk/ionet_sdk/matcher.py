"""The off-chain matching service's rule: which nodes serve a job.

The escrow program checks every assignment (model or tier, VRAM, CUDA, region,
reputation, stake, free GPUs); the matcher chooses among the nodes that pass,
with the seeds' rule: minimise round-trip time, maximise bandwidth (both as the
verifier last measured them), subject to the GPU model and CUDA >= the minimum.
Nodes are taken in that order until the job's GPU count is covered; the last
one may lend only part of its GPUs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from solders.pubkey import Pubkey

from ionet_sdk._generated.ionet_escrow.accounts import Job
from ionet_sdk._generated.ionet_registry.accounts import Node
from ionet_sdk._generated.ionet_registry.types import GpuModel, NodeStatus, RegistryParams
from ionet_sdk.errors import IonetError
from ionet_sdk.registry import GPU_TIERS


class NoMatchError(IonetError):
    """Not enough eligible GPUs for the job."""


@dataclass(frozen=True, slots=True)
class Pick:
    """A node chosen for a job, with the GPUs it lends and why it ranked where it did."""

    node: Pubkey
    gpus: int
    rtt_us: int
    bandwidth_mbps: int


def live_until(node: Node, params: RegistryParams) -> int:
    """The last instant (unix seconds) at which the node counts as live, as the registry's
    `Node::liveness_fresh`: the oracles' last sighting proven by its last sync (`last_seen`)
    plus `liveness_max_age_secs`, provided that sync's epoch showed at least
    `min_epoch_uptime_secs` of presence; -1 for a node never proven live (or proven with
    too little presence). The one place the matcher and the keeper read liveness, so that
    a change of the rule is made here once."""
    if node.last_seen <= 0 or node.last_epoch_uptime_secs < params.min_epoch_uptime_secs:
        return -1
    return node.last_seen + params.liveness_max_age_secs


def node_live(node: Node, params: RegistryParams, now: int) -> bool:
    """Whether the node counts as live at `now` (unix seconds); see `live_until`."""
    return now <= live_until(node, params)


def rejection(node: Node, job: Job, params: RegistryParams, min_reputation_bps: int, now: int) -> str | None:
    """Why `node` cannot serve `job` now, or None if it can."""
    attested = node.attestation
    if node.status != NodeStatus.Active:
        return f"status {NodeStatus(node.status).name}"
    if not attested.passed or now >= attested.expires_at:
        return "no valid attestation"
    if not node_live(node, params, now):
        return "not live (proven liveness stale)"
    model, wanted = GpuModel(attested.gpu_model), GpuModel(job.gpu_model)
    if (GPU_TIERS[model] != GPU_TIERS[wanted]) if job.match_tier else (model != wanted):
        return f"GPU {model.name}, job wants {wanted.name}{' class' if job.match_tier else ''}"
    if attested.vram_gb_per_gpu < job.min_vram_gb:
        return f"{attested.vram_gb_per_gpu} GB VRAM < {job.min_vram_gb}"
    cuda = (node.declared.cuda_major, node.declared.cuda_minor)
    if cuda < (job.min_cuda_major, job.min_cuda_minor):
        return f"CUDA {cuda[0]}.{cuda[1]} < {job.min_cuda_major}.{job.min_cuda_minor}"
    if any(job.region) and job.region != node.declared.region:
        return "region"
    if node.reputation_bps < min_reputation_bps:
        return f"reputation {node.reputation_bps / 100:.1f}% below the floor"
    if job.price_per_gpu_hour < node.min_price_per_gpu_hour:
        return "job price below the node's minimum"
    if node.declared.gpu_count <= node.committed_gpus:
        return "no free GPUs"
    return None


def rank_key(node: Node) -> tuple[int, int]:
    """The seeds' rule: lowest RTT first, then highest bandwidth."""
    return node.attestation.rtt_us, -node.attestation.bandwidth_mbps


def pick_cluster(
    nodes: Sequence[tuple[Pubkey, Node]],
    job: Job,
    params: RegistryParams,
    *,
    min_reputation_bps: int,
    now: int,
) -> list[Pick]:
    """The nodes (and GPUs from each) the job should be assigned, best first."""
    eligible = [
        (address, node)
        for address, node in nodes
        if rejection(node, job, params, min_reputation_bps, now) is None
    ]
    eligible.sort(key=lambda pair: rank_key(pair[1]))
    needed = job.gpu_count - job.gpus_assigned
    picks: list[Pick] = []
    for address, node in eligible:
        if needed == 0:
            break
        gpus = min(needed, node.declared.gpu_count - node.committed_gpus)
        picks.append(Pick(address, gpus, node.attestation.rtt_us, node.attestation.bandwidth_mbps))
        needed -= gpus
    if needed:
        have = job.gpu_count - job.gpus_assigned - needed
        raise NoMatchError(f"only {have} of {job.gpu_count - job.gpus_assigned} GPUs are eligible")
    return picks
