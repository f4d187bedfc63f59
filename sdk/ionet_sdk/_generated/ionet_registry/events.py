"""Events of ionet_registry and their decoding from transaction logs.

Generated from target/idl/ionet_registry.json by scripts/generate_sdk.py. Do not edit."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import ClassVar

from solders.pubkey import Pubkey

from ionet_sdk.codec import Reader, Writer
from ionet_sdk.errors import DecodeError
from ionet_sdk.logs import LogsTruncatedError, logs_truncated, program_data

from .constants import PROGRAM_ID
from .types import (
    GpuModel,
    GpuTier,
    HardwareSpec,
    JobOutcome,
    NodeStatus,
    Offense,
    RegistryParams,
    SlashStatus,
)


@dataclass(frozen=True, slots=True)
class ConfigInitialized:
    """The registry config was created."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([181, 49, 200, 156, 19, 167, 178, 91])

    config: Pubkey
    admin: Pubkey
    slashing_authority: Pubkey
    job_authority: Pubkey
    stake_mint: Pubkey
    treasury: Pubkey
    verifiers: list[Pubkey]
    params: RegistryParams

    @classmethod
    def read(cls, r: Reader) -> ConfigInitialized:
        return cls(
            config=r.pubkey(),
            admin=r.pubkey(),
            slashing_authority=r.pubkey(),
            job_authority=r.pubkey(),
            stake_mint=r.pubkey(),
            treasury=r.pubkey(),
            verifiers=r.vec(Reader.pubkey),
            params=RegistryParams.read(r),
        )

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.config)
        w.pubkey(self.admin)
        w.pubkey(self.slashing_authority)
        w.pubkey(self.job_authority)
        w.pubkey(self.stake_mint)
        w.pubkey(self.treasury)
        w.vec(self.verifiers, Writer.pubkey)
        self.params.write(w)

    @classmethod
    def decode(cls, data: bytes) -> ConfigInitialized:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a ConfigInitialized: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class ConfigUpdated:
    """The admin changed the config; all values after the change."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([40, 241, 230, 122, 11, 19, 198, 194])

    admin: Pubkey
    slashing_authority: Pubkey
    job_authority: Pubkey
    treasury: Pubkey
    verifiers: list[Pubkey]
    params: RegistryParams
    oracles: list[Pubkey]

    @classmethod
    def read(cls, r: Reader) -> ConfigUpdated:
        return cls(
            admin=r.pubkey(),
            slashing_authority=r.pubkey(),
            job_authority=r.pubkey(),
            treasury=r.pubkey(),
            verifiers=r.vec(Reader.pubkey),
            params=RegistryParams.read(r),
            oracles=r.vec(Reader.pubkey),
        )

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.admin)
        w.pubkey(self.slashing_authority)
        w.pubkey(self.job_authority)
        w.pubkey(self.treasury)
        w.vec(self.verifiers, Writer.pubkey)
        self.params.write(w)
        w.vec(self.oracles, Writer.pubkey)

    @classmethod
    def decode(cls, data: bytes) -> ConfigUpdated:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a ConfigUpdated: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class DustSwept:
    """
    Unaccounted IO (sent to a vault outside the program's books) was swept to
    the treasury so that it cannot block closing the vault.
    """

    DISCRIMINATOR: ClassVar[bytes] = bytes([131, 70, 179, 205, 208, 80, 13, 168])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32sQ")

    vault: Pubkey
    amount: int

    @classmethod
    def read(cls, r: Reader) -> DustSwept:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("DustSwept: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # vault
                v[1],  # amount
            )
        except ValueError as err:
            raise DecodeError(f"DustSwept: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.vault)
        w.u64(self.amount)

    @classmethod
    def decode(cls, data: bytes) -> DustSwept:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a DustSwept: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class LivenessRootClosed:
    """An epoch's root record was closed: a later epoch's root is in effect."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([131, 201, 135, 41, 34, 96, 178, 129])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<QQ32s")

    epoch: int
    superseded_by: int
    creator: Pubkey
    """The oracle that created the record, paid back its rent."""

    @classmethod
    def read(cls, r: Reader) -> LivenessRootClosed:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("LivenessRootClosed: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                v[0],  # epoch
                v[1],  # superseded_by
                Pubkey.from_bytes(v[2]),  # creator
            )
        except ValueError as err:
            raise DecodeError(f"LivenessRootClosed: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.u64(self.epoch)
        w.u64(self.superseded_by)
        w.pubkey(self.creator)

    @classmethod
    def decode(cls, data: bytes) -> LivenessRootClosed:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a LivenessRootClosed: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class LivenessRootVoted:
    """
    An oracle voted for a root of an epoch (`votes`: its proposal's votes from
    current oracles after this one).
    """

    DISCRIMINATOR: ClassVar[bytes] = bytes([34, 61, 223, 156, 245, 173, 217, 58])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<Q32s32sIB?")

    epoch: int
    oracle: Pubkey
    root: list[int]
    leaf_count: int
    votes: int
    reached_quorum: bool
    """Whether this vote brought the root to the quorum (its challenge window starts)."""

    @classmethod
    def read(cls, r: Reader) -> LivenessRootVoted:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("LivenessRootVoted: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                v[0],  # epoch
                Pubkey.from_bytes(v[1]),  # oracle
                list(v[2]),  # root
                v[3],  # leaf_count
                v[4],  # votes
                v[5],  # reached_quorum
            )
        except ValueError as err:
            raise DecodeError(f"LivenessRootVoted: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.u64(self.epoch)
        w.pubkey(self.oracle)
        w.array(self.root, Writer.u8, 32)
        w.u32(self.leaf_count)
        w.u8(self.votes)
        w.bool(self.reached_quorum)

    @classmethod
    def decode(cls, data: bytes) -> LivenessRootVoted:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a LivenessRootVoted: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class NodeAttested:
    """Event `NodeAttested`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([50, 246, 156, 15, 245, 164, 143, 218])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32s32s?BBIq32s")

    node: Pubkey
    verifier: Pubkey
    passed: bool
    mismatch: int
    """`mismatch::*` bits: model 1, count 2, VRAM 4, fingerprint 8, TFLOPS 16."""
    effective_tier: GpuTier
    measured_tflops: int
    expires_at: int
    attestation_hash: list[int]
    """sha256 of the attestation; recorded as spoofing evidence when declared hardware differs."""

    @classmethod
    def read(cls, r: Reader) -> NodeAttested:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("NodeAttested: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # node
                Pubkey.from_bytes(v[1]),  # verifier
                v[2],  # passed
                v[3],  # mismatch
                GpuTier(v[4]),  # effective_tier
                v[5],  # measured_tflops
                v[6],  # expires_at
                list(v[7]),  # attestation_hash
            )
        except ValueError as err:
            raise DecodeError(f"NodeAttested: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.node)
        w.pubkey(self.verifier)
        w.bool(self.passed)
        w.u8(self.mismatch)
        self.effective_tier.write(w)
        w.u32(self.measured_tflops)
        w.i64(self.expires_at)
        w.array(self.attestation_hash, Writer.u8, 32)

    @classmethod
    def decode(cls, data: bytes) -> NodeAttested:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a NodeAttested: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class NodeDeregistered:
    """Event `NodeDeregistered`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([13, 10, 0, 47, 35, 152, 52, 8])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32s32sQ")

    node: Pubkey
    operator: Pubkey
    node_id: int

    @classmethod
    def read(cls, r: Reader) -> NodeDeregistered:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("NodeDeregistered: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # node
                Pubkey.from_bytes(v[1]),  # operator
                v[2],  # node_id
            )
        except ValueError as err:
            raise DecodeError(f"NodeDeregistered: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.node)
        w.pubkey(self.operator)
        w.u64(self.node_id)

    @classmethod
    def decode(cls, data: bytes) -> NodeDeregistered:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a NodeDeregistered: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class NodeJobCommitted:
    """Event `NodeJobCommitted`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([205, 17, 208, 217, 81, 206, 145, 153])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32sHHH")

    node: Pubkey
    gpus: int
    active_jobs: int
    committed_gpus: int

    @classmethod
    def read(cls, r: Reader) -> NodeJobCommitted:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("NodeJobCommitted: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # node
                v[1],  # gpus
                v[2],  # active_jobs
                v[3],  # committed_gpus
            )
        except ValueError as err:
            raise DecodeError(f"NodeJobCommitted: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.node)
        w.u16(self.gpus)
        w.u16(self.active_jobs)
        w.u16(self.committed_gpus)

    @classmethod
    def decode(cls, data: bytes) -> NodeJobCommitted:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a NodeJobCommitted: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class NodeJobReleased:
    """Event `NodeJobReleased`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([145, 240, 69, 209, 220, 177, 229, 176])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32sHBQQBHHH")

    node: Pubkey
    gpus: int
    outcome: JobOutcome
    gpu_seconds: int
    fee: int
    """Protocol fee charged on the run's pay. precision: IO base units (1e8)"""
    tier: GpuTier
    """The tier the work was delivered on (the job's)."""
    active_jobs: int
    committed_gpus: int
    reputation_bps: int

    @classmethod
    def read(cls, r: Reader) -> NodeJobReleased:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("NodeJobReleased: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # node
                v[1],  # gpus
                JobOutcome(v[2]),  # outcome
                v[3],  # gpu_seconds
                v[4],  # fee
                GpuTier(v[5]),  # tier
                v[6],  # active_jobs
                v[7],  # committed_gpus
                v[8],  # reputation_bps
            )
        except ValueError as err:
            raise DecodeError(f"NodeJobReleased: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.node)
        w.u16(self.gpus)
        self.outcome.write(w)
        w.u64(self.gpu_seconds)
        w.u64(self.fee)
        self.tier.write(w)
        w.u16(self.active_jobs)
        w.u16(self.committed_gpus)
        w.u16(self.reputation_bps)

    @classmethod
    def decode(cls, data: bytes) -> NodeJobReleased:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a NodeJobReleased: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class NodeMarkedInactive:
    """Event `NodeMarkedInactive`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([183, 172, 199, 239, 64, 73, 196, 119])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32sq32s")

    node: Pubkey
    last_seen: int
    """When an oracle last heard the node, as proven by its last sync. unit: unix seconds"""
    cranker: Pubkey

    @classmethod
    def read(cls, r: Reader) -> NodeMarkedInactive:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("NodeMarkedInactive: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # node
                v[1],  # last_seen
                Pubkey.from_bytes(v[2]),  # cranker
            )
        except ValueError as err:
            raise DecodeError(f"NodeMarkedInactive: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.node)
        w.i64(self.last_seen)
        w.pubkey(self.cranker)

    @classmethod
    def decode(cls, data: bytes) -> NodeMarkedInactive:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a NodeMarkedInactive: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class NodeRegistered:
    """Event `NodeRegistered`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([15, 57, 183, 59, 93, 55, 157, 195])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32s32sQ32sBHHBB8sI32s")

    node: Pubkey
    operator: Pubkey
    node_id: int
    agent: Pubkey
    hardware: HardwareSpec

    @classmethod
    def read(cls, r: Reader) -> NodeRegistered:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("NodeRegistered: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # node
                Pubkey.from_bytes(v[1]),  # operator
                v[2],  # node_id
                Pubkey.from_bytes(v[3]),  # agent
                HardwareSpec(
                    GpuModel(v[4]), v[5], v[6], v[7], v[8], list(v[9]), v[10], list(v[11])
                ),  # hardware
            )
        except ValueError as err:
            raise DecodeError(f"NodeRegistered: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.node)
        w.pubkey(self.operator)
        w.u64(self.node_id)
        w.pubkey(self.agent)
        self.hardware.write(w)

    @classmethod
    def decode(cls, data: bytes) -> NodeRegistered:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a NodeRegistered: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class NodeStatusChanged:
    """Event `NodeStatusChanged`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([143, 68, 203, 216, 160, 96, 161, 166])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32sBBH")

    node: Pubkey
    from_: NodeStatus
    to: NodeStatus
    reputation_bps: int

    @classmethod
    def read(cls, r: Reader) -> NodeStatusChanged:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("NodeStatusChanged: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # node
                NodeStatus(v[1]),  # from_
                NodeStatus(v[2]),  # to
                v[3],  # reputation_bps
            )
        except ValueError as err:
            raise DecodeError(f"NodeStatusChanged: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.node)
        self.from_.write(w)
        self.to.write(w)
        w.u16(self.reputation_bps)

    @classmethod
    def decode(cls, data: bytes) -> NodeStatusChanged:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a NodeStatusChanged: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class NodeSynced:
    """A node's record was brought up to an epoch's committed liveness leaf."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([221, 48, 248, 172, 196, 24, 142, 182])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32sQQQQqIHH")

    node: Pubkey
    epoch: int
    uptime_secs: int
    observed_secs: int
    availability_points: int
    last_seen: int
    epoch_uptime_secs: int
    uptime_bps: int
    reputation_bps: int

    @classmethod
    def read(cls, r: Reader) -> NodeSynced:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("NodeSynced: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # node
                v[1],  # epoch
                v[2],  # uptime_secs
                v[3],  # observed_secs
                v[4],  # availability_points
                v[5],  # last_seen
                v[6],  # epoch_uptime_secs
                v[7],  # uptime_bps
                v[8],  # reputation_bps
            )
        except ValueError as err:
            raise DecodeError(f"NodeSynced: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.node)
        w.u64(self.epoch)
        w.u64(self.uptime_secs)
        w.u64(self.observed_secs)
        w.u64(self.availability_points)
        w.i64(self.last_seen)
        w.u32(self.epoch_uptime_secs)
        w.u16(self.uptime_bps)
        w.u16(self.reputation_bps)

    @classmethod
    def decode(cls, data: bytes) -> NodeSynced:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a NodeSynced: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class NodeUpdated:
    """Event `NodeUpdated`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([3, 8, 87, 251, 118, 64, 24, 70])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32s32sBHHBB8sI32s?Q")

    node: Pubkey
    agent: Pubkey
    hardware: HardwareSpec
    verification_cleared: bool
    """The hardware changed, so the attestation was cleared."""
    min_price_per_gpu_hour: int

    @classmethod
    def read(cls, r: Reader) -> NodeUpdated:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("NodeUpdated: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # node
                Pubkey.from_bytes(v[1]),  # agent
                HardwareSpec(
                    GpuModel(v[2]), v[3], v[4], v[5], v[6], list(v[7]), v[8], list(v[9])
                ),  # hardware
                v[10],  # verification_cleared
                v[11],  # min_price_per_gpu_hour
            )
        except ValueError as err:
            raise DecodeError(f"NodeUpdated: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.node)
        w.pubkey(self.agent)
        self.hardware.write(w)
        w.bool(self.verification_cleared)
        w.u64(self.min_price_per_gpu_hour)

    @classmethod
    def decode(cls, data: bytes) -> NodeUpdated:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a NodeUpdated: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class OracleEquivocated:
    """
    Two root statements by one oracle for one epoch disagree: the oracle left the
    set, so its votes no longer count in any root that is not final.
    """

    DISCRIMINATOR: ClassVar[bytes] = bytes([100, 243, 240, 109, 32, 131, 90, 220])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32sQ32sI32sI32s")

    oracle: Pubkey
    epoch: int
    first_root: list[int]
    first_leaf_count: int
    second_root: list[int]
    second_leaf_count: int
    reporter: Pubkey

    @classmethod
    def read(cls, r: Reader) -> OracleEquivocated:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("OracleEquivocated: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # oracle
                v[1],  # epoch
                list(v[2]),  # first_root
                v[3],  # first_leaf_count
                list(v[4]),  # second_root
                v[5],  # second_leaf_count
                Pubkey.from_bytes(v[6]),  # reporter
            )
        except ValueError as err:
            raise DecodeError(f"OracleEquivocated: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.oracle)
        w.u64(self.epoch)
        w.array(self.first_root, Writer.u8, 32)
        w.u32(self.first_leaf_count)
        w.array(self.second_root, Writer.u8, 32)
        w.u32(self.second_leaf_count)
        w.pubkey(self.reporter)

    @classmethod
    def decode(cls, data: bytes) -> OracleEquivocated:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a OracleEquivocated: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class SlashAppealLapsed:
    """Event `SlashAppealLapsed`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([29, 182, 51, 165, 103, 83, 151, 132])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32s32s")

    node: Pubkey
    proposal: Pubkey

    @classmethod
    def read(cls, r: Reader) -> SlashAppealLapsed:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("SlashAppealLapsed: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # node
                Pubkey.from_bytes(v[1]),  # proposal
            )
        except ValueError as err:
            raise DecodeError(f"SlashAppealLapsed: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.node)
        w.pubkey(self.proposal)

    @classmethod
    def decode(cls, data: bytes) -> SlashAppealLapsed:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a SlashAppealLapsed: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class SlashAppealed:
    """Event `SlashAppealed`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([95, 61, 211, 128, 117, 80, 87, 101])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32s32s32s")

    node: Pubkey
    proposal: Pubkey
    appeal_hash: list[int]

    @classmethod
    def read(cls, r: Reader) -> SlashAppealed:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("SlashAppealed: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # node
                Pubkey.from_bytes(v[1]),  # proposal
                list(v[2]),  # appeal_hash
            )
        except ValueError as err:
            raise DecodeError(f"SlashAppealed: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.node)
        w.pubkey(self.proposal)
        w.array(self.appeal_hash, Writer.u8, 32)

    @classmethod
    def decode(cls, data: bytes) -> SlashAppealed:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a SlashAppealed: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class SlashClosed:
    """A final slash proposal was closed and its rent returned."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([81, 214, 3, 34, 246, 220, 83, 180])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32s32sBH")

    node: Pubkey
    proposal: Pubkey
    status: SlashStatus
    open_proposals: int

    @classmethod
    def read(cls, r: Reader) -> SlashClosed:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("SlashClosed: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # node
                Pubkey.from_bytes(v[1]),  # proposal
                SlashStatus(v[2]),  # status
                v[3],  # open_proposals
            )
        except ValueError as err:
            raise DecodeError(f"SlashClosed: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.node)
        w.pubkey(self.proposal)
        self.status.write(w)
        w.u16(self.open_proposals)

    @classmethod
    def decode(cls, data: bytes) -> SlashClosed:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a SlashClosed: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class SlashExecuted:
    """Event `SlashExecuted`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([170, 48, 78, 119, 242, 155, 108, 61])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32s32sQQQQBH")

    node: Pubkey
    proposal: Pubkey
    amount: int
    burned: int
    to_treasury: int
    remaining: int
    status: SlashStatus
    reputation_bps: int

    @classmethod
    def read(cls, r: Reader) -> SlashExecuted:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("SlashExecuted: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # node
                Pubkey.from_bytes(v[1]),  # proposal
                v[2],  # amount
                v[3],  # burned
                v[4],  # to_treasury
                v[5],  # remaining
                SlashStatus(v[6]),  # status
                v[7],  # reputation_bps
            )
        except ValueError as err:
            raise DecodeError(f"SlashExecuted: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.node)
        w.pubkey(self.proposal)
        w.u64(self.amount)
        w.u64(self.burned)
        w.u64(self.to_treasury)
        w.u64(self.remaining)
        self.status.write(w)
        w.u16(self.reputation_bps)

    @classmethod
    def decode(cls, data: bytes) -> SlashExecuted:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a SlashExecuted: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class SlashProposed:
    """Event `SlashProposed`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([158, 90, 179, 8, 227, 190, 15, 231])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32s32sBQ32s32sq")

    node: Pubkey
    proposal: Pubkey
    offense: Offense
    amount: int
    evidence_hash: list[int]
    proposer: Pubkey
    appeal_deadline: int

    @classmethod
    def read(cls, r: Reader) -> SlashProposed:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("SlashProposed: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # node
                Pubkey.from_bytes(v[1]),  # proposal
                Offense(v[2]),  # offense
                v[3],  # amount
                list(v[4]),  # evidence_hash
                Pubkey.from_bytes(v[5]),  # proposer
                v[6],  # appeal_deadline
            )
        except ValueError as err:
            raise DecodeError(f"SlashProposed: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.node)
        w.pubkey(self.proposal)
        self.offense.write(w)
        w.u64(self.amount)
        w.array(self.evidence_hash, Writer.u8, 32)
        w.pubkey(self.proposer)
        w.i64(self.appeal_deadline)

    @classmethod
    def decode(cls, data: bytes) -> SlashProposed:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a SlashProposed: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class SlashResolved:
    """Event `SlashResolved`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([214, 212, 138, 216, 122, 72, 104, 79])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32s32s?")

    node: Pubkey
    proposal: Pubkey
    upheld: bool

    @classmethod
    def read(cls, r: Reader) -> SlashResolved:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("SlashResolved: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # node
                Pubkey.from_bytes(v[1]),  # proposal
                v[2],  # upheld
            )
        except ValueError as err:
            raise DecodeError(f"SlashResolved: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.node)
        w.pubkey(self.proposal)
        w.bool(self.upheld)

    @classmethod
    def decode(cls, data: bytes) -> SlashResolved:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a SlashResolved: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class StakeDeposited:
    """Event `StakeDeposited`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([69, 152, 144, 109, 232, 34, 225, 19])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32sQQ")

    node: Pubkey
    amount: int
    bonded: int

    @classmethod
    def read(cls, r: Reader) -> StakeDeposited:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("StakeDeposited: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # node
                v[1],  # amount
                v[2],  # bonded
            )
        except ValueError as err:
            raise DecodeError(f"StakeDeposited: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.node)
        w.u64(self.amount)
        w.u64(self.bonded)

    @classmethod
    def decode(cls, data: bytes) -> StakeDeposited:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a StakeDeposited: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class StakeRebonded:
    """Event `StakeRebonded`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([143, 152, 97, 54, 78, 88, 189, 5])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32sQQ")

    node: Pubkey
    amount: int
    bonded: int

    @classmethod
    def read(cls, r: Reader) -> StakeRebonded:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("StakeRebonded: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # node
                v[1],  # amount
                v[2],  # bonded
            )
        except ValueError as err:
            raise DecodeError(f"StakeRebonded: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.node)
        w.u64(self.amount)
        w.u64(self.bonded)

    @classmethod
    def decode(cls, data: bytes) -> StakeRebonded:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a StakeRebonded: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class StakeWithdrawn:
    """Event `StakeWithdrawn`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([33, 120, 159, 58, 140, 255, 174, 79])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32sQ32s")

    node: Pubkey
    amount: int
    destination: Pubkey

    @classmethod
    def read(cls, r: Reader) -> StakeWithdrawn:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("StakeWithdrawn: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # node
                v[1],  # amount
                Pubkey.from_bytes(v[2]),  # destination
            )
        except ValueError as err:
            raise DecodeError(f"StakeWithdrawn: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.node)
        w.u64(self.amount)
        w.pubkey(self.destination)

    @classmethod
    def decode(cls, data: bytes) -> StakeWithdrawn:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a StakeWithdrawn: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class UnstakeRequested:
    """Event `UnstakeRequested`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([21, 253, 177, 85, 129, 206, 42, 152])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32sQQQq")

    node: Pubkey
    amount: int
    bonded: int
    unbonding: int
    ready_at: int

    @classmethod
    def read(cls, r: Reader) -> UnstakeRequested:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("UnstakeRequested: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # node
                v[1],  # amount
                v[2],  # bonded
                v[3],  # unbonding
                v[4],  # ready_at
            )
        except ValueError as err:
            raise DecodeError(f"UnstakeRequested: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.node)
        w.u64(self.amount)
        w.u64(self.bonded)
        w.u64(self.unbonding)
        w.i64(self.ready_at)

    @classmethod
    def decode(cls, data: bytes) -> UnstakeRequested:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a UnstakeRequested: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


Event = (
    ConfigInitialized
    | ConfigUpdated
    | DustSwept
    | LivenessRootClosed
    | LivenessRootVoted
    | NodeAttested
    | NodeDeregistered
    | NodeJobCommitted
    | NodeJobReleased
    | NodeMarkedInactive
    | NodeRegistered
    | NodeStatusChanged
    | NodeSynced
    | NodeUpdated
    | OracleEquivocated
    | SlashAppealLapsed
    | SlashAppealed
    | SlashClosed
    | SlashExecuted
    | SlashProposed
    | SlashResolved
    | StakeDeposited
    | StakeRebonded
    | StakeWithdrawn
    | UnstakeRequested
)

EVENTS: dict[bytes, type[Event]] = {
    ConfigInitialized.DISCRIMINATOR: ConfigInitialized,
    ConfigUpdated.DISCRIMINATOR: ConfigUpdated,
    DustSwept.DISCRIMINATOR: DustSwept,
    LivenessRootClosed.DISCRIMINATOR: LivenessRootClosed,
    LivenessRootVoted.DISCRIMINATOR: LivenessRootVoted,
    NodeAttested.DISCRIMINATOR: NodeAttested,
    NodeDeregistered.DISCRIMINATOR: NodeDeregistered,
    NodeJobCommitted.DISCRIMINATOR: NodeJobCommitted,
    NodeJobReleased.DISCRIMINATOR: NodeJobReleased,
    NodeMarkedInactive.DISCRIMINATOR: NodeMarkedInactive,
    NodeRegistered.DISCRIMINATOR: NodeRegistered,
    NodeStatusChanged.DISCRIMINATOR: NodeStatusChanged,
    NodeSynced.DISCRIMINATOR: NodeSynced,
    NodeUpdated.DISCRIMINATOR: NodeUpdated,
    OracleEquivocated.DISCRIMINATOR: OracleEquivocated,
    SlashAppealLapsed.DISCRIMINATOR: SlashAppealLapsed,
    SlashAppealed.DISCRIMINATOR: SlashAppealed,
    SlashClosed.DISCRIMINATOR: SlashClosed,
    SlashExecuted.DISCRIMINATOR: SlashExecuted,
    SlashProposed.DISCRIMINATOR: SlashProposed,
    SlashResolved.DISCRIMINATOR: SlashResolved,
    StakeDeposited.DISCRIMINATOR: StakeDeposited,
    StakeRebonded.DISCRIMINATOR: StakeRebonded,
    StakeWithdrawn.DISCRIMINATOR: StakeWithdrawn,
    UnstakeRequested.DISCRIMINATOR: UnstakeRequested,
}


def decode_event(data: bytes) -> Event:
    """Decode one event (8-byte discriminator + Borsh fields)."""
    cls = EVENTS.get(bytes(data[:8]))
    if cls is None:
        raise DecodeError("unknown ionet_registry event discriminator " + data[:8].hex())
    return cls.decode(data)


def parse_logs(logs: list[str]) -> list[Event]:
    """The ionet_registry events in a transaction's logs, in order. Raises
    `LogsTruncatedError` (the events before the cut in `.events`) when the runtime
    truncated the logs, since events after the cut are missing."""
    events = [decode_event(d) for pid, d in program_data(logs) if pid == str(PROGRAM_ID)]
    if logs_truncated(logs):
        raise LogsTruncatedError(
            f"the transaction's logs were truncated after {len(events)} ionet_registry event(s): "
            "later events are missing",
            events,
        )
    return events
