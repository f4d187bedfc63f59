"""Liveness figures: the IO token's epochs, time-weighted presence, the epoch leaf.

The rules here are the protocol (docs/liveness.md); the oracle service applies them and
the on-chain sync/claim will read the leaf with exactly this layout.

Presence: an accepted heartbeat received at oracle time `r` proves the node was reachable
at `r` and is credited the interval `[r, r + coverage)`. A node's uptime in an epoch is
the length of the union of its intervals clipped to the epoch (`uptime_in_epoch`), so it
is time-weighted: a node heard for 5 minutes of an hour is credited about 5 minutes plus
one coverage, whatever it reported. A heartbeat that arrives late (its timestamp off the
oracle's clock by more than the allowed skew) or never arrives credits nothing.

Leaf: `LivenessLeaf`, 128 bytes little-endian, *cumulative* figures so that one sync or
claim against the latest root covers every epoch since the last one.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar, Self

from solders.pubkey import Pubkey

from ionet_sdk._generated.ionet_registry.accounts import EpochRoot, Node, RegistryConfig
from ionet_sdk.defaults import TOKEN_PARAMS

LEAF_VERSION = 1
TIER_WEIGHT_BPS: tuple[int, ...] = tuple(TOKEN_PARAMS.tier_weights_bps)
"""Availability weight per GPU of each tier (the registry's effective tier 0..6, 0 =
H100/H200), in basis points: the IO token's default `tier_weights_bps`."""


@dataclass(frozen=True, slots=True)
class Epochs:
    """The IO token's epoch clock: epoch `e` is `[genesis + e*secs, genesis + (e+1)*secs)`."""

    genesis_time: int
    """unit: unix seconds"""
    epoch_secs: int
    """unit: seconds (3,600 by default)"""

    def epoch_at(self, unix_time: float) -> int:
        """The epoch index at `unix_time` (negative before genesis)."""
        return int((unix_time - self.genesis_time) // self.epoch_secs)

    def start(self, epoch: int) -> int:
        return self.genesis_time + epoch * self.epoch_secs

    def end(self, epoch: int) -> int:
        return self.start(epoch + 1)


def uptime_in_epoch(received: Iterable[float], start: float, end: float, coverage: float) -> int:
    """Seconds of `[start, end)` covered by the union of `[r, r + coverage)` over the
    receive times `received` (any order; heartbeats from before `start` count for the part
    of their interval inside). Rounded down to whole seconds; at most `end - start`."""
    covered = 0.0
    reach = start
    for r in sorted(received):
        lo, hi = max(r, reach), min(r + coverage, end)
        if hi > lo:
            covered += hi - lo
            reach = hi
    return int(covered)


def availability_points(uptime_secs: int, tier: int, gpu_count: int) -> int:
    """Availability points for `uptime_secs` of presence on `gpu_count` GPUs of `tier`:
    GPU-seconds weighted by the tier, `uptime * gpus * weight_bps // 10_000` (rounded down,
    in the protocol's favour). Unknown tiers weigh as the lowest."""
    weight = TIER_WEIGHT_BPS[tier] if 0 <= tier < len(TIER_WEIGHT_BPS) else TIER_WEIGHT_BPS[-1]
    return uptime_secs * gpu_count * weight // 10_000


@dataclass(frozen=True, slots=True)
class LivenessLeaf:
    """A node's cumulative liveness through `epoch` (the leaf of that epoch's tree).

    Byte layout (128 bytes, little-endian, no padding):

    | offset | size | field |
    | 0 | 32 | node (registry Node address) |
    | 32 | 32 | agent (the agent key the heartbeats were checked against) |
    | 64 | 8 | epoch (u64) |
    | 72 | 8 | uptime_secs (u64, cumulative) |
    | 80 | 8 | observed_secs (u64, cumulative) |
    | 88 | 8 | availability_points (u64, cumulative) |
    | 96 | 8 | heartbeats (u64, cumulative accepted) |
    | 104 | 8 | last_seen (i64, unix seconds; oracle receive time) |
    | 112 | 4 | epoch_uptime_secs (u32, this epoch only) |
    | 116 | 4 | epochs_present (u32, cumulative epochs with uptime > 0) |
    | 120 | 1 | tier (u8, effective tier credited this epoch) |
    | 121 | 1 | gpu_count (u8, GPUs credited this epoch) |
    | 122 | 1 | version (u8, 1) |
    | 123 | 5 | reserved (zero) |
    """

    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32s32sQQQQQqIIBBB5s")
    SIZE: ClassVar[int] = LAYOUT.size  # 128

    node: Pubkey
    agent: Pubkey
    epoch: int
    uptime_secs: int
    """unit: seconds, cumulative over all epochs the oracles observed the node"""
    observed_secs: int
    """unit: seconds, cumulative: the time since the node's first heartbeat (the denominator
    of its uptime ratio; absent epochs count here and not in uptime_secs)"""
    availability_points: int
    """cumulative tier-weighted GPU-seconds of presence (see `availability_points`)"""
    heartbeats: int
    last_seen: int
    """unit: unix seconds (oracle receive time of the last accepted heartbeat)"""
    epoch_uptime_secs: int
    """unit: seconds, in this epoch"""
    epochs_present: int
    tier: int
    gpu_count: int
    version: int = LEAF_VERSION

    def to_bytes(self) -> bytes:
        return self.LAYOUT.pack(
            bytes(self.node), bytes(self.agent), self.epoch, self.uptime_secs, self.observed_secs,
            self.availability_points, self.heartbeats, self.last_seen, self.epoch_uptime_secs,
            self.epochs_present, self.tier, self.gpu_count, self.version, bytes(5),
        )  # fmt: skip

    @classmethod
    def from_bytes(cls, data: bytes) -> Self:
        if len(data) != cls.SIZE:
            raise ValueError(f"a liveness leaf is {cls.SIZE} bytes, got {len(data)}")
        node, agent, *figures, _reserved = cls.LAYOUT.unpack(data)
        return cls(Pubkey(node), Pubkey(agent), *figures)

    def next(
        self,
        epoch: int,
        *,
        epoch_uptime: int,
        observed: int,
        heartbeats: int,
        last_seen: int,
        agent: Pubkey,
        tier: int,
        gpu_count: int,
    ) -> LivenessLeaf:
        """This leaf carried to `epoch` with that epoch's figures added (an absent epoch
        adds `observed` seconds and nothing else)."""
        return LivenessLeaf(
            node=self.node,
            agent=agent,
            epoch=epoch,
            uptime_secs=self.uptime_secs + epoch_uptime,
            observed_secs=self.observed_secs + observed,
            availability_points=self.availability_points + availability_points(epoch_uptime, tier, gpu_count),
            heartbeats=self.heartbeats + heartbeats,
            last_seen=max(self.last_seen, last_seen),
            epoch_uptime_secs=epoch_uptime,
            epochs_present=self.epochs_present + (1 if epoch_uptime > 0 else 0),
            tier=tier,
            gpu_count=gpu_count,
        )

    @classmethod
    def empty(cls, node: Pubkey, agent: Pubkey) -> LivenessLeaf:
        """The figures before a node's first epoch (all zero)."""
        return cls(node, agent, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)


def root_in_effect(record: EpochRoot, config: RegistryConfig, now: int) -> tuple[int, bytes] | None:
    """`(leaf_count, root)` of `record` if `node_sync` accepts it at `now` (unix seconds):
    final, or a quorum of the config's *current* oracles and `root_challenge_secs` passed
    since it was reached (the program's `EpochRoot::in_effect`); else None."""
    if record.quorum_at == 0 or record.accepted >= len(record.proposals):
        return None
    proposal = record.proposals[record.accepted]
    if not record.is_final:
        if now < record.quorum_at + config.params.root_challenge_secs:
            return None
        live = {bytes(o) for o in config.oracles}
        votes = sum(
            1 for i, voter in enumerate(record.voters) if proposal.signers >> i & 1 and bytes(voter) in live
        )
        if votes < config.params.oracle_quorum:
            return None
    return proposal.leaf_count, bytes(proposal.root)


def synced_through(node: Node) -> int:
    """The epoch the node was last synced to, -1 when never (`node_sync` then takes any
    epoch, 0 included; after that only a newer one)."""
    return -1 if node.synced_epoch == 0 and node.last_seen == 0 else node.synced_epoch
