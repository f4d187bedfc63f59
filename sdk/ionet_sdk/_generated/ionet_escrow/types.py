"""Types defined by ionet_escrow.

Generated from target/idl/ionet_escrow.json by scripts/generate_sdk.py. Do not edit."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from solders.pubkey import Pubkey

from ionet_sdk._generated.ionet_registry.types import GpuModel
from ionet_sdk.codec import Reader, Writer

__all__ = [
    "ConfigInitArgs",
    "ConfigUpdateArgs",
    "EscrowParams",
    "GpuModel",
    "JobCreateArgs",
    "JobSpec",
    "JobState",
    "RunStatus",
]


@dataclass(frozen=True, slots=True)
class ConfigInitArgs:
    """Type `ConfigInitArgs`."""

    admin: Pubkey
    matcher: Pubkey
    arbiter: Pubkey
    params: EscrowParams

    @classmethod
    def read(cls, r: Reader) -> ConfigInitArgs:
        return cls(admin=r.pubkey(), matcher=r.pubkey(), arbiter=r.pubkey(), params=EscrowParams.read(r))

    def write(self, w: Writer) -> None:
        w.pubkey(self.admin)
        w.pubkey(self.matcher)
        w.pubkey(self.arbiter)
        self.params.write(w)


@dataclass(frozen=True, slots=True)
class ConfigUpdateArgs:
    """Type `ConfigUpdateArgs`."""

    admin: Pubkey | None
    matcher: Pubkey | None
    arbiter: Pubkey | None
    params: EscrowParams | None

    @classmethod
    def read(cls, r: Reader) -> ConfigUpdateArgs:
        return cls(
            admin=r.option(Reader.pubkey),
            matcher=r.option(Reader.pubkey),
            arbiter=r.option(Reader.pubkey),
            params=r.option(EscrowParams.read),
        )

    def write(self, w: Writer) -> None:
        w.option(self.admin, Writer.pubkey)
        w.option(self.matcher, Writer.pubkey)
        w.option(self.arbiter, Writer.pubkey)
        w.option(self.params, lambda w, v: v.write(w))


@dataclass(frozen=True, slots=True)
class EscrowParams:
    """Type `EscrowParams`."""

    challenge_window_secs: int
    """How long after completion the client may dispute. unit: seconds"""
    dispute_bond: int
    """What a dispute costs; lost if the arbiter finds it unfounded. precision: IO base units (1e8)"""
    min_reputation_bps: int
    """A node below this reputation cannot be assigned. precision: bps"""
    max_nodes_per_job: int
    max_gpus_per_job: int
    max_duration_hours: int
    """unit: hours"""
    max_start_delay_secs: int
    """Latest start deadline a job may set, counted from its creation. unit: seconds"""
    report_timeout_secs: int
    """
    A running run whose agent sent no usage receipt (`job_report_usage`) for longer
    than this may be timed out (`job_timeout`). unit: seconds
    """

    @classmethod
    def read(cls, r: Reader) -> EscrowParams:
        return cls(
            challenge_window_secs=r.u32(),
            dispute_bond=r.u64(),
            min_reputation_bps=r.u16(),
            max_nodes_per_job=r.u16(),
            max_gpus_per_job=r.u16(),
            max_duration_hours=r.u32(),
            max_start_delay_secs=r.u32(),
            report_timeout_secs=r.u32(),
        )

    def write(self, w: Writer) -> None:
        w.u32(self.challenge_window_secs)
        w.u64(self.dispute_bond)
        w.u16(self.min_reputation_bps)
        w.u16(self.max_nodes_per_job)
        w.u16(self.max_gpus_per_job)
        w.u32(self.max_duration_hours)
        w.u32(self.max_start_delay_secs)
        w.u32(self.report_timeout_secs)


@dataclass(frozen=True, slots=True)
class JobCreateArgs:
    """Type `JobCreateArgs`."""

    job_id: int
    """Chosen by the client, unique among its own jobs (the PDA enforces it)."""
    spec: JobSpec

    @classmethod
    def read(cls, r: Reader) -> JobCreateArgs:
        return cls(job_id=r.u64(), spec=JobSpec.read(r))

    def write(self, w: Writer) -> None:
        w.u64(self.job_id)
        self.spec.write(w)


@dataclass(frozen=True, slots=True)
class JobSpec:
    """What the client asks for."""

    gpu_model: GpuModel
    match_tier: bool
    """Accept any model of the same tier (an H200 for an H100 job)."""
    gpu_count: int
    min_vram_gb: int
    """unit: GB"""
    min_cuda_major: int
    min_cuda_minor: int
    region: list[int]
    """Region code the nodes must be in (ASCII, zero-padded); all zero means any."""
    duration_hours: int
    """unit: hours"""
    price_per_gpu_hour: int
    """precision: IO base units (1e8)"""
    start_deadline: int
    """Every assigned node must start by then. unit: unix seconds"""

    @classmethod
    def read(cls, r: Reader) -> JobSpec:
        return cls(
            gpu_model=GpuModel.read(r),
            match_tier=r.bool(),
            gpu_count=r.u16(),
            min_vram_gb=r.u16(),
            min_cuda_major=r.u8(),
            min_cuda_minor=r.u8(),
            region=r.array(Reader.u8, 8),
            duration_hours=r.u32(),
            price_per_gpu_hour=r.u64(),
            start_deadline=r.i64(),
        )

    def write(self, w: Writer) -> None:
        self.gpu_model.write(w)
        w.bool(self.match_tier)
        w.u16(self.gpu_count)
        w.u16(self.min_vram_gb)
        w.u8(self.min_cuda_major)
        w.u8(self.min_cuda_minor)
        w.array(self.region, Writer.u8, 8)
        w.u32(self.duration_hours)
        w.u64(self.price_per_gpu_hour)
        w.i64(self.start_deadline)


class JobState(IntEnum):
    """
    Open → Running → Completed (⇄ Disputed) → Settled; Open → Cancelled → Settled.
    `job_settle` pays the runs; once none is open, `job_finalize` moves the fees
    out and refunds the rest (→ Settled). A settled job can be closed by its client.
    """

    Open = 0
    Running = 1
    Completed = 2
    Disputed = 3
    Cancelled = 4
    Settled = 5

    @classmethod
    def read(cls, r: Reader) -> JobState:
        return cls(r.variant(6))

    def write(self, w: Writer) -> None:
        w.u8(int(self))


class RunStatus(IntEnum):
    """Enum `RunStatus`."""

    Assigned = 0
    Running = 1
    Removed = 2

    @classmethod
    def read(cls, r: Reader) -> RunStatus:
        return cls(r.variant(3))

    def write(self, w: Writer) -> None:
        w.u8(int(self))
