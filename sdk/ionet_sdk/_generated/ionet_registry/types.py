"""Types defined by ionet_registry.

Generated from target/idl/ionet_registry.json by scripts/generate_sdk.py. Do not edit."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from solders.pubkey import Pubkey

from ionet_sdk.codec import Reader, Writer


@dataclass(frozen=True, slots=True)
class Attestation:
    """
    What a verifier measured. `attested_at == 0` means never attested.
    Zero-copy (`repr(C)`, explicit padding): stored inside the node.
    """

    slot: int
    attested_at: int
    """unit: unix seconds"""
    expires_at: int
    """unit: unix seconds"""
    verifier: Pubkey
    fingerprint: list[int]
    """The fingerprint (hash of GPU UUIDs) the verifier saw."""
    measured_tflops: int
    """Measured dense FP16 throughput per GPU. unit: TFLOPS"""
    rtt_us: int
    """Round trip to the verifier. unit: microseconds"""
    bandwidth_mbps: int
    """unit: Mbit/s"""
    gpu_count: int
    vram_gb_per_gpu: int
    """unit: GB"""
    packet_loss_bps: int
    """precision: bps"""
    gpu_model: GpuModel
    """A `GpuModel`."""
    passed: int
    """1 if every measurement matched the declaration."""
    mismatch: int
    """`mismatch::*` bits."""
    padding: list[int]

    @classmethod
    def read(cls, r: Reader) -> Attestation:
        return cls(
            slot=r.u64(),
            attested_at=r.i64(),
            expires_at=r.i64(),
            verifier=r.pubkey(),
            fingerprint=r.array(Reader.u8, 32),
            measured_tflops=r.u32(),
            rtt_us=r.u32(),
            bandwidth_mbps=r.u32(),
            gpu_count=r.u16(),
            vram_gb_per_gpu=r.u16(),
            packet_loss_bps=r.u16(),
            gpu_model=GpuModel.read(r),
            passed=r.u8(),
            mismatch=r.u8(),
            padding=r.array(Reader.u8, 3),
        )

    def write(self, w: Writer) -> None:
        w.u64(self.slot)
        w.i64(self.attested_at)
        w.i64(self.expires_at)
        w.pubkey(self.verifier)
        w.array(self.fingerprint, Writer.u8, 32)
        w.u32(self.measured_tflops)
        w.u32(self.rtt_us)
        w.u32(self.bandwidth_mbps)
        w.u16(self.gpu_count)
        w.u16(self.vram_gb_per_gpu)
        w.u16(self.packet_loss_bps)
        self.gpu_model.write(w)
        w.u8(self.passed)
        w.u8(self.mismatch)
        w.array(self.padding, Writer.u8, 3)


@dataclass(frozen=True, slots=True)
class ConfigInitArgs:
    """Type `ConfigInitArgs`."""

    admin: Pubkey
    slashing_authority: Pubkey
    job_authority: Pubkey
    """The escrow program's authority PDA, or the default key for none yet."""
    verifiers: list[Pubkey]
    params: RegistryParams

    @classmethod
    def read(cls, r: Reader) -> ConfigInitArgs:
        return cls(
            admin=r.pubkey(),
            slashing_authority=r.pubkey(),
            job_authority=r.pubkey(),
            verifiers=r.vec(Reader.pubkey),
            params=RegistryParams.read(r),
        )

    def write(self, w: Writer) -> None:
        w.pubkey(self.admin)
        w.pubkey(self.slashing_authority)
        w.pubkey(self.job_authority)
        w.vec(self.verifiers, Writer.pubkey)
        self.params.write(w)


@dataclass(frozen=True, slots=True)
class ConfigUpdateArgs:
    """Type `ConfigUpdateArgs`."""

    admin: Pubkey | None
    slashing_authority: Pubkey | None
    job_authority: Pubkey | None
    verifiers: list[Pubkey] | None
    params: RegistryParams | None
    oracles: list[Pubkey] | None
    """
    A new liveness oracle list (at most `MAX_ORACLES`; the quorum must be a
    majority of it and at most its length). Roots not yet final count only the
    votes of the new list's oracles.
    """

    @classmethod
    def read(cls, r: Reader) -> ConfigUpdateArgs:
        return cls(
            admin=r.option(Reader.pubkey),
            slashing_authority=r.option(Reader.pubkey),
            job_authority=r.option(Reader.pubkey),
            verifiers=r.option(lambda r: r.vec(Reader.pubkey)),
            params=r.option(RegistryParams.read),
            oracles=r.option(lambda r: r.vec(Reader.pubkey)),
        )

    def write(self, w: Writer) -> None:
        w.option(self.admin, Writer.pubkey)
        w.option(self.slashing_authority, Writer.pubkey)
        w.option(self.job_authority, Writer.pubkey)
        w.option(self.verifiers, lambda w, v: w.vec(v, Writer.pubkey))
        w.option(self.params, lambda w, v: v.write(w))
        w.option(self.oracles, lambda w, v: w.vec(v, Writer.pubkey))


class GpuModel(IntEnum):
    """Enum `GpuModel`."""

    H200 = 0
    H100 = 1
    A100 = 2
    L40S = 3
    A6000 = 4
    A5000 = 5
    Rtx4090 = 6
    Rtx3090 = 7
    Other = 8

    @classmethod
    def read(cls, r: Reader) -> GpuModel:
        return cls(r.variant(9))

    def write(self, w: Writer) -> None:
        w.u8(int(self))


class GpuTier(IntEnum):
    """GPU tiers, highest first. A node's tier sets its minimum stake."""

    H100Class = 0
    A100 = 1
    L40S = 2
    A6000Class = 3
    Rtx4090 = 4
    Rtx3090 = 5
    Other = 6

    @classmethod
    def read(cls, r: Reader) -> GpuTier:
        return cls(r.variant(7))

    def write(self, w: Writer) -> None:
        w.u8(int(self))


@dataclass(frozen=True, slots=True)
class HardwareSpec:
    """What an operator declares about a node."""

    gpu_model: GpuModel
    gpu_count: int
    vram_gb_per_gpu: int
    """unit: GB"""
    cuda_major: int
    cuda_minor: int
    region: list[int]
    """Region code, ASCII, zero-padded (e.g. "us-east")."""
    bandwidth_mbps: int
    """unit: Mbit/s"""
    fingerprint: list[int]
    """sha256 of the node's GPU UUIDs, sorted and concatenated."""

    @classmethod
    def read(cls, r: Reader) -> HardwareSpec:
        return cls(
            gpu_model=GpuModel.read(r),
            gpu_count=r.u16(),
            vram_gb_per_gpu=r.u16(),
            cuda_major=r.u8(),
            cuda_minor=r.u8(),
            region=r.array(Reader.u8, 8),
            bandwidth_mbps=r.u32(),
            fingerprint=r.array(Reader.u8, 32),
        )

    def write(self, w: Writer) -> None:
        self.gpu_model.write(w)
        w.u16(self.gpu_count)
        w.u16(self.vram_gb_per_gpu)
        w.u8(self.cuda_major)
        w.u8(self.cuda_minor)
        w.array(self.region, Writer.u8, 8)
        w.u32(self.bandwidth_mbps)
        w.array(self.fingerprint, Writer.u8, 32)


class JobOutcome(IntEnum):
    """How a job ended for one node, as the escrow program reports it."""

    Completed = 0
    Failed = 1
    Cancelled = 2

    @classmethod
    def read(cls, r: Reader) -> JobOutcome:
        return cls(r.variant(3))

    def write(self, w: Writer) -> None:
        w.u8(int(self))


@dataclass(frozen=True, slots=True)
class NodeAttestArgs:
    """What a verifier measured on the node (proof of compute)."""

    gpu_model: GpuModel
    gpu_count: int
    vram_gb_per_gpu: int
    """unit: GB"""
    measured_tflops: int
    """Measured dense FP16 throughput per GPU. unit: TFLOPS"""
    rtt_us: int
    """unit: microseconds"""
    packet_loss_bps: int
    """precision: bps"""
    bandwidth_mbps: int
    """unit: Mbit/s"""
    fingerprint: list[int]
    """sha256 of the GPU UUIDs the verifier read through NVML."""

    @classmethod
    def read(cls, r: Reader) -> NodeAttestArgs:
        return cls(
            gpu_model=GpuModel.read(r),
            gpu_count=r.u16(),
            vram_gb_per_gpu=r.u16(),
            measured_tflops=r.u32(),
            rtt_us=r.u32(),
            packet_loss_bps=r.u16(),
            bandwidth_mbps=r.u32(),
            fingerprint=r.array(Reader.u8, 32),
        )

    def write(self, w: Writer) -> None:
        self.gpu_model.write(w)
        w.u16(self.gpu_count)
        w.u16(self.vram_gb_per_gpu)
        w.u32(self.measured_tflops)
        w.u32(self.rtt_us)
        w.u16(self.packet_loss_bps)
        w.u32(self.bandwidth_mbps)
        w.array(self.fingerprint, Writer.u8, 32)


@dataclass(frozen=True, slots=True)
class NodeHardware:
    """`HardwareSpec` as stored in a node (zero-copy, `repr(C)`, explicit padding)."""

    bandwidth_mbps: int
    """unit: Mbit/s"""
    gpu_count: int
    vram_gb_per_gpu: int
    """unit: GB"""
    gpu_model: GpuModel
    """A `GpuModel`."""
    cuda_major: int
    cuda_minor: int
    padding: int
    region: list[int]
    fingerprint: list[int]

    @classmethod
    def read(cls, r: Reader) -> NodeHardware:
        return cls(
            bandwidth_mbps=r.u32(),
            gpu_count=r.u16(),
            vram_gb_per_gpu=r.u16(),
            gpu_model=GpuModel.read(r),
            cuda_major=r.u8(),
            cuda_minor=r.u8(),
            padding=r.u8(),
            region=r.array(Reader.u8, 8),
            fingerprint=r.array(Reader.u8, 32),
        )

    def write(self, w: Writer) -> None:
        w.u32(self.bandwidth_mbps)
        w.u16(self.gpu_count)
        w.u16(self.vram_gb_per_gpu)
        self.gpu_model.write(w)
        w.u8(self.cuda_major)
        w.u8(self.cuda_minor)
        w.u8(self.padding)
        w.array(self.region, Writer.u8, 8)
        w.array(self.fingerprint, Writer.u8, 32)


@dataclass(frozen=True, slots=True)
class NodeRegisterArgs:
    """Type `NodeRegisterArgs`."""

    node_id: int
    """Operator-chosen id; the node PDA is derived from operator + node id."""
    agent: Pubkey
    """The worker agent's hot key."""
    hardware: HardwareSpec

    @classmethod
    def read(cls, r: Reader) -> NodeRegisterArgs:
        return cls(node_id=r.u64(), agent=r.pubkey(), hardware=HardwareSpec.read(r))

    def write(self, w: Writer) -> None:
        w.u64(self.node_id)
        w.pubkey(self.agent)
        self.hardware.write(w)


class NodeStatus(IntEnum):
    """
    Registered → Verified → Active ⇄ Inactive; any → Jailed on failed
    attestation; Jailed → Verified only by a passing attestation.
    Deregistered nodes have no account (closed, rent returned).
    """

    Registered = 0
    Verified = 1
    Active = 2
    Inactive = 3
    Jailed = 4

    @classmethod
    def read(cls, r: Reader) -> NodeStatus:
        return cls(r.variant(5))

    def write(self, w: Writer) -> None:
        w.u8(int(self))


@dataclass(frozen=True, slots=True)
class NodeSyncArgs:
    """Type `NodeSyncArgs`."""

    epoch: int
    """The epoch whose committed root the leaf is proven against."""
    leaf: list[int]
    """The node's liveness leaf of that epoch (docs/liveness.md §5)."""
    index: int
    """The leaf's position in the epoch's tree."""
    siblings: list[list[int]]
    """Sibling hashes from the leaf level up (at most `MAX_PROOF_SIBLINGS`)."""

    @classmethod
    def read(cls, r: Reader) -> NodeSyncArgs:
        return cls(
            epoch=r.u64(),
            leaf=r.array(Reader.u8, 128),
            index=r.u32(),
            siblings=r.vec(lambda r: r.array(Reader.u8, 32)),
        )

    def write(self, w: Writer) -> None:
        w.u64(self.epoch)
        w.array(self.leaf, Writer.u8, 128)
        w.u32(self.index)
        w.vec(self.siblings, lambda w, v: w.array(v, Writer.u8, 32))


@dataclass(frozen=True, slots=True)
class NodeUpdateArgs:
    """Type `NodeUpdateArgs`."""

    agent: Pubkey | None
    hardware: HardwareSpec | None
    """New hardware; any change clears the attestation."""
    min_price_per_gpu_hour: int | None
    """
    The lowest price per GPU-hour the node accepts (the escrow refuses to
    assign it to a cheaper job); 0 accepts any. precision: IO base units (1e8)
    """

    @classmethod
    def read(cls, r: Reader) -> NodeUpdateArgs:
        return cls(
            agent=r.option(Reader.pubkey),
            hardware=r.option(HardwareSpec.read),
            min_price_per_gpu_hour=r.option(Reader.u64),
        )

    def write(self, w: Writer) -> None:
        w.option(self.agent, Writer.pubkey)
        w.option(self.hardware, lambda w, v: v.write(w))
        w.option(self.min_price_per_gpu_hour, Writer.u64)


class Offense(IntEnum):
    """Slashable offenses; `RegistryParams::slash_bps` is indexed by these."""

    HardwareSpoofing = 0
    JobFailure = 1
    Downtime = 2
    Misconduct = 3

    @classmethod
    def read(cls, r: Reader) -> Offense:
        return cls(r.variant(4))

    def write(self, w: Writer) -> None:
        w.u8(int(self))


@dataclass(frozen=True, slots=True)
class RegistryParams:
    """Type `RegistryParams`."""

    base_stake_per_gpu: int
    """Stake bonded per GPU at multiplier 1x. precision: IO base units (1e8)"""
    tier_multiplier_bps: list[int]
    """Stake multiplier per `GpuTier`, highest tier first. precision: bps (1e4 = 1x)"""
    unbonding_period_secs: int
    """Time between an unstake request and the withdrawal. unit: seconds"""
    heartbeat_interval_secs: int
    """
    Expected time between an agent's signed off-chain heartbeats to the oracles
    (docs/liveness.md §3): the oracles' coverage of one heartbeat. unit: seconds
    """
    heartbeat_grace_secs: int
    """Extra coverage the oracles grant a heartbeat beyond the interval (network jitter). unit: seconds"""
    attestation_validity_secs: int
    """How long an attestation stays valid. unit: seconds"""
    slash_bps: list[int]
    """Slash size per `Offense`, as a share of the node's bonded stake. precision: bps"""
    appeal_window_secs: int
    """Time an operator has to appeal a proposed slash. unit: seconds"""
    slash_epoch_secs: int
    """Length of the window the per-epoch slash cap applies to. unit: seconds"""
    epoch_slash_cap_bps: int
    """Most of a node's stake that may be slashed in one slash epoch. precision: bps"""
    slash_burn_bps: int
    """Share of slashed tokens burned; the rest goes to the treasury. precision: bps"""
    reputation_uptime_weight_bps: int
    """Reputation weight of uptime (oracle-proven). precision: bps; the three weights sum to 1e4"""
    reputation_jobs_weight_bps: int
    """Reputation weight of job outcomes. precision: bps"""
    reputation_attestation_weight_bps: int
    """Reputation weight of passed attestations. precision: bps"""
    initial_reputation_bps: int
    """Reputation of a newly registered node. precision: bps"""
    oracle_quorum: int
    """
    Liveness oracles that must commit the same root of an epoch before it can take
    effect (`m` of the config's `n` oracles; a strict majority of them).
    """
    root_challenge_secs: int
    """
    Time after a root reached its quorum during which an oracle's equivocation can
    still void it; syncs against it are refused until then. unit: seconds
    """
    liveness_max_age_secs: int
    """
    How old the last oracle-proven sighting of a node (`Node.last_seen`) may be for
    the node to count as alive (eligible for work). Longer than the challenge
    window, which delays every root. unit: seconds
    """
    min_epoch_uptime_secs: int
    """
    Least uptime the node's last synced epoch must show for the node to count as
    alive. unit: seconds
    """

    @classmethod
    def read(cls, r: Reader) -> RegistryParams:
        return cls(
            base_stake_per_gpu=r.u64(),
            tier_multiplier_bps=r.array(Reader.u16, 7),
            unbonding_period_secs=r.u32(),
            heartbeat_interval_secs=r.u32(),
            heartbeat_grace_secs=r.u32(),
            attestation_validity_secs=r.u32(),
            slash_bps=r.array(Reader.u16, 4),
            appeal_window_secs=r.u32(),
            slash_epoch_secs=r.u32(),
            epoch_slash_cap_bps=r.u16(),
            slash_burn_bps=r.u16(),
            reputation_uptime_weight_bps=r.u16(),
            reputation_jobs_weight_bps=r.u16(),
            reputation_attestation_weight_bps=r.u16(),
            initial_reputation_bps=r.u16(),
            oracle_quorum=r.u8(),
            root_challenge_secs=r.u32(),
            liveness_max_age_secs=r.u32(),
            min_epoch_uptime_secs=r.u32(),
        )

    def write(self, w: Writer) -> None:
        w.u64(self.base_stake_per_gpu)
        w.array(self.tier_multiplier_bps, Writer.u16, 7)
        w.u32(self.unbonding_period_secs)
        w.u32(self.heartbeat_interval_secs)
        w.u32(self.heartbeat_grace_secs)
        w.u32(self.attestation_validity_secs)
        w.array(self.slash_bps, Writer.u16, 4)
        w.u32(self.appeal_window_secs)
        w.u32(self.slash_epoch_secs)
        w.u16(self.epoch_slash_cap_bps)
        w.u16(self.slash_burn_bps)
        w.u16(self.reputation_uptime_weight_bps)
        w.u16(self.reputation_jobs_weight_bps)
        w.u16(self.reputation_attestation_weight_bps)
        w.u16(self.initial_reputation_bps)
        w.u8(self.oracle_quorum)
        w.u32(self.root_challenge_secs)
        w.u32(self.liveness_max_age_secs)
        w.u32(self.min_epoch_uptime_secs)


@dataclass(frozen=True, slots=True)
class RootProposal:
    """
    One distinct `(root, leaf_count)` proposed for an epoch and the oracles that voted
    for it (bit `i` = `EpochRoot.voters[i]`).
    """

    root: list[int]
    leaf_count: int
    signers: int

    @classmethod
    def read(cls, r: Reader) -> RootProposal:
        return cls(root=r.array(Reader.u8, 32), leaf_count=r.u32(), signers=r.u16())

    def write(self, w: Writer) -> None:
        w.array(self.root, Writer.u8, 32)
        w.u32(self.leaf_count)
        w.u16(self.signers)


@dataclass(frozen=True, slots=True)
class SlashProposeArgs:
    """Type `SlashProposeArgs`."""

    offense: Offense
    amount: int
    """
    Amount to slash; 0 uses the offense's configured share of the node's stake.
    precision: IO base units (1e8)
    """
    evidence_hash: list[int]
    """Hash of the evidence (a failed attestation, a missed-deadline record)."""

    @classmethod
    def read(cls, r: Reader) -> SlashProposeArgs:
        return cls(offense=Offense.read(r), amount=r.u64(), evidence_hash=r.array(Reader.u8, 32))

    def write(self, w: Writer) -> None:
        self.offense.write(w)
        w.u64(self.amount)
        w.array(self.evidence_hash, Writer.u8, 32)


class SlashStatus(IntEnum):
    """Enum `SlashStatus`."""

    Proposed = 0
    Appealed = 1
    Upheld = 2
    Overturned = 3
    Executed = 4

    @classmethod
    def read(cls, r: Reader) -> SlashStatus:
        return cls(r.variant(5))

    def write(self, w: Writer) -> None:
        w.u8(int(self))
