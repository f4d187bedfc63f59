"""Events of ionet_escrow and their decoding from transaction logs.

Generated from target/idl/ionet_escrow.json by scripts/generate_sdk.py. Do not edit."""

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
    EscrowParams,
    GpuModel,
    JobState,
    RunStatus,
)


@dataclass(frozen=True, slots=True)
class DisputeLapsed:
    """
    The arbiter did not decide a dispute by its deadline: the default outcome
    applied (nodes paid in full, the bond back to the client).
    """

    DISCRIMINATOR: ClassVar[bytes] = bytes([110, 243, 74, 196, 17, 87, 213, 241])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32sQ")

    job: Pubkey
    bond: int

    @classmethod
    def read(cls, r: Reader) -> DisputeLapsed:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("DisputeLapsed: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # job
                v[1],  # bond
            )
        except ValueError as err:
            raise DecodeError(f"DisputeLapsed: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.job)
        w.u64(self.bond)

    @classmethod
    def decode(cls, data: bytes) -> DisputeLapsed:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a DisputeLapsed: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class DisputeResolved:
    """Event `DisputeResolved`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([121, 64, 249, 153, 139, 128, 236, 187])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32s?HQ")

    job: Pubkey
    founded: bool
    payout_bps: int
    bond: int
    """Returned to the client (founded) or sent to the treasury (unfounded)."""

    @classmethod
    def read(cls, r: Reader) -> DisputeResolved:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("DisputeResolved: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # job
                v[1],  # founded
                v[2],  # payout_bps
                v[3],  # bond
            )
        except ValueError as err:
            raise DecodeError(f"DisputeResolved: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.job)
        w.bool(self.founded)
        w.u16(self.payout_bps)
        w.u64(self.bond)

    @classmethod
    def decode(cls, data: bytes) -> DisputeResolved:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a DisputeResolved: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class EscrowConfigInitialized:
    """The escrow config was created."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([93, 31, 89, 55, 233, 198, 125, 232])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32s32s32s32s32s32sIQHHHIII")

    config: Pubkey
    admin: Pubkey
    matcher: Pubkey
    arbiter: Pubkey
    payment_mint: Pubkey
    treasury: Pubkey
    params: EscrowParams

    @classmethod
    def read(cls, r: Reader) -> EscrowConfigInitialized:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("EscrowConfigInitialized: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # config
                Pubkey.from_bytes(v[1]),  # admin
                Pubkey.from_bytes(v[2]),  # matcher
                Pubkey.from_bytes(v[3]),  # arbiter
                Pubkey.from_bytes(v[4]),  # payment_mint
                Pubkey.from_bytes(v[5]),  # treasury
                EscrowParams(v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13]),  # params
            )
        except ValueError as err:
            raise DecodeError(f"EscrowConfigInitialized: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.config)
        w.pubkey(self.admin)
        w.pubkey(self.matcher)
        w.pubkey(self.arbiter)
        w.pubkey(self.payment_mint)
        w.pubkey(self.treasury)
        self.params.write(w)

    @classmethod
    def decode(cls, data: bytes) -> EscrowConfigInitialized:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a EscrowConfigInitialized: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class EscrowConfigUpdated:
    """The admin changed the config; all values after the change."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([165, 96, 64, 205, 127, 104, 174, 214])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32s32s32s32sIQHHHIII")

    admin: Pubkey
    matcher: Pubkey
    arbiter: Pubkey
    treasury: Pubkey
    params: EscrowParams

    @classmethod
    def read(cls, r: Reader) -> EscrowConfigUpdated:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("EscrowConfigUpdated: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # admin
                Pubkey.from_bytes(v[1]),  # matcher
                Pubkey.from_bytes(v[2]),  # arbiter
                Pubkey.from_bytes(v[3]),  # treasury
                EscrowParams(v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11]),  # params
            )
        except ValueError as err:
            raise DecodeError(f"EscrowConfigUpdated: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.admin)
        w.pubkey(self.matcher)
        w.pubkey(self.arbiter)
        w.pubkey(self.treasury)
        self.params.write(w)

    @classmethod
    def decode(cls, data: bytes) -> EscrowConfigUpdated:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a EscrowConfigUpdated: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class JobCancelled:
    """Event `JobCancelled`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([203, 84, 143, 130, 48, 134, 74, 191])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32sQ")

    job: Pubkey
    refunded: int

    @classmethod
    def read(cls, r: Reader) -> JobCancelled:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("JobCancelled: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # job
                v[1],  # refunded
            )
        except ValueError as err:
            raise DecodeError(f"JobCancelled: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.job)
        w.u64(self.refunded)

    @classmethod
    def decode(cls, data: bytes) -> JobCancelled:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a JobCancelled: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class JobClosed:
    """Event `JobClosed`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([123, 63, 243, 153, 174, 212, 2, 55])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32sB")

    job: Pubkey
    state: JobState

    @classmethod
    def read(cls, r: Reader) -> JobClosed:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("JobClosed: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # job
                JobState(v[1]),  # state
            )
        except ValueError as err:
            raise DecodeError(f"JobClosed: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.job)
        self.state.write(w)

    @classmethod
    def decode(cls, data: bytes) -> JobClosed:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a JobClosed: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class JobCompleted:
    """Event `JobCompleted`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([176, 207, 246, 115, 95, 179, 9, 132])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32s32sqq")

    job: Pubkey
    by: Pubkey
    completed_at: int
    challenge_ends_at: int

    @classmethod
    def read(cls, r: Reader) -> JobCompleted:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("JobCompleted: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # job
                Pubkey.from_bytes(v[1]),  # by
                v[2],  # completed_at
                v[3],  # challenge_ends_at
            )
        except ValueError as err:
            raise DecodeError(f"JobCompleted: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.job)
        w.pubkey(self.by)
        w.i64(self.completed_at)
        w.i64(self.challenge_ends_at)

    @classmethod
    def decode(cls, data: bytes) -> JobCompleted:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a JobCompleted: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class JobCreated:
    """Event `JobCreated`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([48, 110, 162, 177, 67, 74, 159, 131])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32s32sQBHIQQq")

    job: Pubkey
    client: Pubkey
    job_id: int
    gpu_model: GpuModel
    gpu_count: int
    duration_hours: int
    price_per_gpu_hour: int
    deposited: int
    start_deadline: int

    @classmethod
    def read(cls, r: Reader) -> JobCreated:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("JobCreated: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # job
                Pubkey.from_bytes(v[1]),  # client
                v[2],  # job_id
                GpuModel(v[3]),  # gpu_model
                v[4],  # gpu_count
                v[5],  # duration_hours
                v[6],  # price_per_gpu_hour
                v[7],  # deposited
                v[8],  # start_deadline
            )
        except ValueError as err:
            raise DecodeError(f"JobCreated: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.job)
        w.pubkey(self.client)
        w.u64(self.job_id)
        self.gpu_model.write(w)
        w.u16(self.gpu_count)
        w.u32(self.duration_hours)
        w.u64(self.price_per_gpu_hour)
        w.u64(self.deposited)
        w.i64(self.start_deadline)

    @classmethod
    def decode(cls, data: bytes) -> JobCreated:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a JobCreated: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class JobDisputed:
    """Event `JobDisputed`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([203, 7, 212, 211, 189, 75, 64, 15])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32sQ32s")

    job: Pubkey
    bond: int
    evidence_hash: list[int]

    @classmethod
    def read(cls, r: Reader) -> JobDisputed:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("JobDisputed: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # job
                v[1],  # bond
                list(v[2]),  # evidence_hash
            )
        except ValueError as err:
            raise DecodeError(f"JobDisputed: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.job)
        w.u64(self.bond)
        w.array(self.evidence_hash, Writer.u8, 32)

    @classmethod
    def decode(cls, data: bytes) -> JobDisputed:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a JobDisputed: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class JobSettled:
    """Event `JobSettled`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([130, 105, 205, 34, 87, 86, 152, 27])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32sQQQQQ")

    job: Pubkey
    paid: int
    fees: int
    fees_burned: int
    fees_to_treasury: int
    refunded: int

    @classmethod
    def read(cls, r: Reader) -> JobSettled:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("JobSettled: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # job
                v[1],  # paid
                v[2],  # fees
                v[3],  # fees_burned
                v[4],  # fees_to_treasury
                v[5],  # refunded
            )
        except ValueError as err:
            raise DecodeError(f"JobSettled: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.job)
        w.u64(self.paid)
        w.u64(self.fees)
        w.u64(self.fees_burned)
        w.u64(self.fees_to_treasury)
        w.u64(self.refunded)

    @classmethod
    def decode(cls, data: bytes) -> JobSettled:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a JobSettled: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class NodeAssigned:
    """Event `NodeAssigned`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([159, 223, 201, 124, 9, 139, 224, 107])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32s32s32sHH")

    job: Pubkey
    run: Pubkey
    node: Pubkey
    gpus: int
    gpus_assigned: int

    @classmethod
    def read(cls, r: Reader) -> NodeAssigned:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("NodeAssigned: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # job
                Pubkey.from_bytes(v[1]),  # run
                Pubkey.from_bytes(v[2]),  # node
                v[3],  # gpus
                v[4],  # gpus_assigned
            )
        except ValueError as err:
            raise DecodeError(f"NodeAssigned: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.job)
        w.pubkey(self.run)
        w.pubkey(self.node)
        w.u16(self.gpus)
        w.u16(self.gpus_assigned)

    @classmethod
    def decode(cls, data: bytes) -> NodeAssigned:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a NodeAssigned: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class RunSettled:
    """Event `RunSettled`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([11, 20, 18, 58, 176, 238, 55, 27])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32s32s32sBQQQ")

    job: Pubkey
    run: Pubkey
    node: Pubkey
    status: RunStatus
    """The run's status when settled (`Removed`: it timed out earlier)."""
    gpu_seconds: int
    paid: int
    """Paid to the operator, net of the fee."""
    fee: int

    @classmethod
    def read(cls, r: Reader) -> RunSettled:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("RunSettled: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # job
                Pubkey.from_bytes(v[1]),  # run
                Pubkey.from_bytes(v[2]),  # node
                RunStatus(v[3]),  # status
                v[4],  # gpu_seconds
                v[5],  # paid
                v[6],  # fee
            )
        except ValueError as err:
            raise DecodeError(f"RunSettled: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.job)
        w.pubkey(self.run)
        w.pubkey(self.node)
        self.status.write(w)
        w.u64(self.gpu_seconds)
        w.u64(self.paid)
        w.u64(self.fee)

    @classmethod
    def decode(cls, data: bytes) -> RunSettled:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a RunSettled: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class RunStarted:
    """Event `RunStarted`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([204, 211, 34, 240, 253, 194, 41, 122])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32s32s32sq")

    job: Pubkey
    run: Pubkey
    node: Pubkey
    started_at: int

    @classmethod
    def read(cls, r: Reader) -> RunStarted:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("RunStarted: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # job
                Pubkey.from_bytes(v[1]),  # run
                Pubkey.from_bytes(v[2]),  # node
                v[3],  # started_at
            )
        except ValueError as err:
            raise DecodeError(f"RunStarted: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.job)
        w.pubkey(self.run)
        w.pubkey(self.node)
        w.i64(self.started_at)

    @classmethod
    def decode(cls, data: bytes) -> RunStarted:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a RunStarted: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class RunTimedOut:
    """Event `RunTimedOut`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([96, 16, 56, 199, 47, 83, 220, 37])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32s32s32s?Q32s32s")

    job: Pubkey
    run: Pubkey
    node: Pubkey
    not_started: bool
    """true: never started by the deadline; false: its usage receipts stopped (`report_timeout_secs`)."""
    refunded: int
    slash_proposal: Pubkey
    evidence_hash: list[int]

    @classmethod
    def read(cls, r: Reader) -> RunTimedOut:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("RunTimedOut: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # job
                Pubkey.from_bytes(v[1]),  # run
                Pubkey.from_bytes(v[2]),  # node
                v[3],  # not_started
                v[4],  # refunded
                Pubkey.from_bytes(v[5]),  # slash_proposal
                list(v[6]),  # evidence_hash
            )
        except ValueError as err:
            raise DecodeError(f"RunTimedOut: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.job)
        w.pubkey(self.run)
        w.pubkey(self.node)
        w.bool(self.not_started)
        w.u64(self.refunded)
        w.pubkey(self.slash_proposal)
        w.array(self.evidence_hash, Writer.u8, 32)

    @classmethod
    def decode(cls, data: bytes) -> RunTimedOut:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a RunTimedOut: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class RunUnassigned:
    """Event `RunUnassigned`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([41, 125, 143, 178, 112, 16, 34, 124])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32s32s32sH?H")

    job: Pubkey
    run: Pubkey
    node: Pubkey
    gpus: int
    by_agent: bool
    """true: the node's agent declined; false: the matcher withdrew it."""
    gpus_assigned: int
    """The job's assigned GPUs after the withdrawal."""

    @classmethod
    def read(cls, r: Reader) -> RunUnassigned:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("RunUnassigned: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # job
                Pubkey.from_bytes(v[1]),  # run
                Pubkey.from_bytes(v[2]),  # node
                v[3],  # gpus
                v[4],  # by_agent
                v[5],  # gpus_assigned
            )
        except ValueError as err:
            raise DecodeError(f"RunUnassigned: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.job)
        w.pubkey(self.run)
        w.pubkey(self.node)
        w.u16(self.gpus)
        w.bool(self.by_agent)
        w.u16(self.gpus_assigned)

    @classmethod
    def decode(cls, data: bytes) -> RunUnassigned:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a RunUnassigned: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class UsageReported:
    """Event `UsageReported`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([126, 184, 245, 114, 242, 54, 14, 99])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32s32sQQ")

    job: Pubkey
    run: Pubkey
    gpu_seconds: int
    earned: int

    @classmethod
    def read(cls, r: Reader) -> UsageReported:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("UsageReported: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # job
                Pubkey.from_bytes(v[1]),  # run
                v[2],  # gpu_seconds
                v[3],  # earned
            )
        except ValueError as err:
            raise DecodeError(f"UsageReported: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.job)
        w.pubkey(self.run)
        w.u64(self.gpu_seconds)
        w.u64(self.earned)

    @classmethod
    def decode(cls, data: bytes) -> UsageReported:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a UsageReported: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class VaultDustSwept:
    """
    Unaccounted IO (sent to a settled job's vault outside its books) was swept
    to the treasury so that it cannot block closing the vault.
    """

    DISCRIMINATOR: ClassVar[bytes] = bytes([24, 171, 150, 102, 133, 52, 91, 166])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32sQ")

    job: Pubkey
    amount: int

    @classmethod
    def read(cls, r: Reader) -> VaultDustSwept:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("VaultDustSwept: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # job
                v[1],  # amount
            )
        except ValueError as err:
            raise DecodeError(f"VaultDustSwept: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.job)
        w.u64(self.amount)

    @classmethod
    def decode(cls, data: bytes) -> VaultDustSwept:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a VaultDustSwept: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


Event = (
    DisputeLapsed
    | DisputeResolved
    | EscrowConfigInitialized
    | EscrowConfigUpdated
    | JobCancelled
    | JobClosed
    | JobCompleted
    | JobCreated
    | JobDisputed
    | JobSettled
    | NodeAssigned
    | RunSettled
    | RunStarted
    | RunTimedOut
    | RunUnassigned
    | UsageReported
    | VaultDustSwept
)

EVENTS: dict[bytes, type[Event]] = {
    DisputeLapsed.DISCRIMINATOR: DisputeLapsed,
    DisputeResolved.DISCRIMINATOR: DisputeResolved,
    EscrowConfigInitialized.DISCRIMINATOR: EscrowConfigInitialized,
    EscrowConfigUpdated.DISCRIMINATOR: EscrowConfigUpdated,
    JobCancelled.DISCRIMINATOR: JobCancelled,
    JobClosed.DISCRIMINATOR: JobClosed,
    JobCompleted.DISCRIMINATOR: JobCompleted,
    JobCreated.DISCRIMINATOR: JobCreated,
    JobDisputed.DISCRIMINATOR: JobDisputed,
    JobSettled.DISCRIMINATOR: JobSettled,
    NodeAssigned.DISCRIMINATOR: NodeAssigned,
    RunSettled.DISCRIMINATOR: RunSettled,
    RunStarted.DISCRIMINATOR: RunStarted,
    RunTimedOut.DISCRIMINATOR: RunTimedOut,
    RunUnassigned.DISCRIMINATOR: RunUnassigned,
    UsageReported.DISCRIMINATOR: UsageReported,
    VaultDustSwept.DISCRIMINATOR: VaultDustSwept,
}


def decode_event(data: bytes) -> Event:
    """Decode one event (8-byte discriminator + Borsh fields)."""
    cls = EVENTS.get(bytes(data[:8]))
    if cls is None:
        raise DecodeError("unknown ionet_escrow event discriminator " + data[:8].hex())
    return cls.decode(data)


def parse_logs(logs: list[str]) -> list[Event]:
    """The ionet_escrow events in a transaction's logs, in order. Raises
    `LogsTruncatedError` (the events before the cut in `.events`) when the runtime
    truncated the logs, since events after the cut are missing."""
    events = [decode_event(d) for pid, d in program_data(logs) if pid == str(PROGRAM_ID)]
    if logs_truncated(logs):
        raise LogsTruncatedError(
            f"the transaction's logs were truncated after {len(events)} ionet_escrow event(s): "
            "later events are missing",
            events,
        )
    return events
