"""Accounts of ionet_escrow: decode, fetch and fetch_multiple.

Generated from target/idl/ionet_escrow.json by scripts/generate_sdk.py. Do not edit."""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from solders.pubkey import Pubkey

from ionet_sdk.accounts import AccountInfo, AccountSource
from ionet_sdk.codec import Reader, Writer
from ionet_sdk.errors import AccountDiscriminatorMismatchError, AccountOwnerMismatchError, DecodeError

from .constants import PROGRAM_ID
from .types import (
    EscrowParams,
    GpuModel,
    JobState,
    RunStatus,
)


@dataclass(frozen=True, slots=True)
class EscrowConfig:
    """Seeds: `[CONFIG_SEED]`. One per program."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([138, 174, 227, 187, 239, 148, 1, 44])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32s32s32s32s32sIQHHHIIIB60s")

    admin: Pubkey
    """Changes parameters and authorities. Any pubkey (a multisig works)."""
    matcher: Pubkey
    """The off-chain matching service's key: assigns nodes to jobs."""
    arbiter: Pubkey
    """Decides disputes."""
    payment_mint: Pubkey
    """The IO mint jobs are paid in."""
    treasury: Pubkey
    """IO token account receiving the non-burned share of fees and lost dispute bonds."""
    params: EscrowParams
    bump: int
    reserved: list[int]
    """Space for fields added by later versions."""

    @classmethod
    def read(cls, r: Reader) -> EscrowConfig:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("EscrowConfig: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # admin
                Pubkey.from_bytes(v[1]),  # matcher
                Pubkey.from_bytes(v[2]),  # arbiter
                Pubkey.from_bytes(v[3]),  # payment_mint
                Pubkey.from_bytes(v[4]),  # treasury
                EscrowParams(v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12]),  # params
                v[13],  # bump
                list(v[14]),  # reserved
            )
        except ValueError as err:
            raise DecodeError(f"EscrowConfig: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.admin)
        w.pubkey(self.matcher)
        w.pubkey(self.arbiter)
        w.pubkey(self.payment_mint)
        w.pubkey(self.treasury)
        self.params.write(w)
        w.u8(self.bump)
        w.array(self.reserved, Writer.u8, 60)

    @classmethod
    def decode(cls, data: bytes) -> EscrowConfig:
        """Decode account data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise AccountDiscriminatorMismatchError("not a EscrowConfig: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()

    @classmethod
    def from_account(cls, info: AccountInfo) -> EscrowConfig:
        """Decode an account read from a connection, checking its owner."""
        if info.owner != PROGRAM_ID:
            raise AccountOwnerMismatchError(f"{info.address} is owned by {info.owner}, not ionet_escrow")
        return cls.decode(info.data)

    @classmethod
    async def fetch(cls, conn: AccountSource, address: Pubkey) -> EscrowConfig | None:
        """Fetch and decode; None if the account does not exist."""
        info = await conn.get_account(address)
        return None if info is None else cls.from_account(info)

    @classmethod
    async def fetch_multiple(
        cls, conn: AccountSource, addresses: Sequence[Pubkey]
    ) -> list[EscrowConfig | None]:
        infos = await conn.get_multiple_accounts(addresses)
        return [None if i is None else cls.from_account(i) for i in infos]


@dataclass(frozen=True, slots=True)
class Job:
    """
    Seeds: `[JOB_SEED, client, job_id (u64 LE)]`.

    Accounting identity, at every moment:
    `deposited = vault balance + paid + fees + refunded`, where `fees` counts fees
    already burned or sent to the treasury and `fees_pending` those still in the
    vault (moved out by `job_finalize`).
    """

    DISCRIMINATOR: ClassVar[bytes] = bytes([75, 124, 80, 203, 161, 180, 202, 80])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<QQQQQQQQqqqqq32s32s32s8sIHHHHHHHHHBBBBBBBBB1sqI52s")

    job_id: int
    price_per_gpu_hour: int
    """precision: IO base units (1e8)"""
    deposited: int
    """Payment plus any dispute bond. precision: IO base units (1e8)"""
    paid: int
    """Paid to nodes, net of fees. precision: IO base units (1e8)"""
    fees: int
    """Burned or sent to the treasury. precision: IO base units (1e8)"""
    fees_pending: int
    """Charged but still in the vault. precision: IO base units (1e8)"""
    refunded: int
    """precision: IO base units (1e8)"""
    dispute_bond: int
    """The dispute bond held in the vault; 0 if none. precision: IO base units (1e8)"""
    created_at: int
    """unit: unix seconds"""
    start_deadline: int
    """Every assigned node must start by then. unit: unix seconds"""
    started_at: int
    """First node start. unit: unix seconds; 0 before"""
    completed_at: int
    """unit: unix seconds; 0 before completion"""
    challenge_ends_at: int
    """unit: unix seconds; 0 before completion"""
    client: Pubkey
    vault: Pubkey
    dispute_evidence: list[int]
    """Hash of the client's dispute statement; zero if none."""
    region: list[int]
    """Region code the nodes must be in; all zero means any."""
    duration_hours: int
    """unit: hours"""
    gpu_count: int
    gpus_assigned: int
    runs: int
    """Runs created (nodes assigned)."""
    runs_started: int
    runs_open: int
    """Runs not yet settled."""
    runs_removed: int
    min_vram_gb: int
    """unit: GB"""
    payout_bps: int
    """
    Share of earned pay released to nodes (below 10_000 only after a founded
    dispute). precision: bps
    """
    fee_bps: int
    """
    The protocol fee on payments, fixed when the job was created (the IO
    token's `fee_bps` then). precision: bps
    """
    gpu_model: GpuModel
    """A `GpuModel`."""
    match_tier: int
    """1: any model of the same tier is accepted (an H200 for an H100 job)."""
    min_cuda_major: int
    min_cuda_minor: int
    state: JobState
    """A `JobState`."""
    disputed: int
    """1 once disputed (one dispute per job)."""
    bump: int
    vault_bump: int
    cancelled_late: int
    """
    1 if cancelled after the start deadline: its assigned nodes never
    started in time and are released as failed, as `job_timeout` does.
    """
    padding: list[int]
    dispute_deadline: int
    """
    The arbiter must decide the dispute by then; after it the default outcome
    applies (`job_dispute_lapse`). unit: unix seconds; 0 if never disputed
    """
    report_timeout_secs: int
    """
    The escrow's `report_timeout_secs` when the job was created: its runs are held
    to it (a later config change does not make a run under way silent). unit:
    seconds; 0 for jobs created before the field existed (the config's applies)
    """
    reserved: list[int]
    """Space for fields added by later versions."""

    @classmethod
    def read(cls, r: Reader) -> Job:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("Job: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                v[0],  # job_id
                v[1],  # price_per_gpu_hour
                v[2],  # deposited
                v[3],  # paid
                v[4],  # fees
                v[5],  # fees_pending
                v[6],  # refunded
                v[7],  # dispute_bond
                v[8],  # created_at
                v[9],  # start_deadline
                v[10],  # started_at
                v[11],  # completed_at
                v[12],  # challenge_ends_at
                Pubkey.from_bytes(v[13]),  # client
                Pubkey.from_bytes(v[14]),  # vault
                list(v[15]),  # dispute_evidence
                list(v[16]),  # region
                v[17],  # duration_hours
                v[18],  # gpu_count
                v[19],  # gpus_assigned
                v[20],  # runs
                v[21],  # runs_started
                v[22],  # runs_open
                v[23],  # runs_removed
                v[24],  # min_vram_gb
                v[25],  # payout_bps
                v[26],  # fee_bps
                GpuModel(v[27]),  # gpu_model
                v[28],  # match_tier
                v[29],  # min_cuda_major
                v[30],  # min_cuda_minor
                JobState(v[31]),  # state
                v[32],  # disputed
                v[33],  # bump
                v[34],  # vault_bump
                v[35],  # cancelled_late
                list(v[36]),  # padding
                v[37],  # dispute_deadline
                v[38],  # report_timeout_secs
                list(v[39]),  # reserved
            )
        except ValueError as err:
            raise DecodeError(f"Job: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.u64(self.job_id)
        w.u64(self.price_per_gpu_hour)
        w.u64(self.deposited)
        w.u64(self.paid)
        w.u64(self.fees)
        w.u64(self.fees_pending)
        w.u64(self.refunded)
        w.u64(self.dispute_bond)
        w.i64(self.created_at)
        w.i64(self.start_deadline)
        w.i64(self.started_at)
        w.i64(self.completed_at)
        w.i64(self.challenge_ends_at)
        w.pubkey(self.client)
        w.pubkey(self.vault)
        w.array(self.dispute_evidence, Writer.u8, 32)
        w.array(self.region, Writer.u8, 8)
        w.u32(self.duration_hours)
        w.u16(self.gpu_count)
        w.u16(self.gpus_assigned)
        w.u16(self.runs)
        w.u16(self.runs_started)
        w.u16(self.runs_open)
        w.u16(self.runs_removed)
        w.u16(self.min_vram_gb)
        w.u16(self.payout_bps)
        w.u16(self.fee_bps)
        self.gpu_model.write(w)
        w.u8(self.match_tier)
        w.u8(self.min_cuda_major)
        w.u8(self.min_cuda_minor)
        self.state.write(w)
        w.u8(self.disputed)
        w.u8(self.bump)
        w.u8(self.vault_bump)
        w.u8(self.cancelled_late)
        w.array(self.padding, Writer.u8, 1)
        w.i64(self.dispute_deadline)
        w.u32(self.report_timeout_secs)
        w.array(self.reserved, Writer.u8, 52)

    @classmethod
    def decode(cls, data: bytes) -> Job:
        """Decode account data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise AccountDiscriminatorMismatchError("not a Job: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()

    @classmethod
    def from_account(cls, info: AccountInfo) -> Job:
        """Decode an account read from a connection, checking its owner."""
        if info.owner != PROGRAM_ID:
            raise AccountOwnerMismatchError(f"{info.address} is owned by {info.owner}, not ionet_escrow")
        return cls.decode(info.data)

    @classmethod
    async def fetch(cls, conn: AccountSource, address: Pubkey) -> Job | None:
        """Fetch and decode; None if the account does not exist."""
        info = await conn.get_account(address)
        return None if info is None else cls.from_account(info)

    @classmethod
    async def fetch_multiple(cls, conn: AccountSource, addresses: Sequence[Pubkey]) -> list[Job | None]:
        infos = await conn.get_multiple_accounts(addresses)
        return [None if i is None else cls.from_account(i) for i in infos]


@dataclass(frozen=True, slots=True)
class Run:
    """
    Seeds: `[RUN_SEED, job, node]`. Closed when settled (rent to `rent_payer`).

    Zero-copy: usage receipts, the hottest path, write 16 bytes in place. A run
    is its own account so that the nodes of one job report in parallel.
    """

    DISCRIMINATOR: ClassVar[bytes] = bytes([199, 54, 155, 86, 235, 115, 246, 189])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<Qqqq32s32s32s32s32sHBB36s")

    gpu_seconds: int
    """Cumulative GPU-seconds delivered, from the agent's receipts."""
    started_at: int
    """unit: unix seconds; 0 until started"""
    last_report_at: int
    """unit: unix seconds; 0 before the first receipt"""
    removed_at: int
    """unit: unix seconds; 0 unless removed"""
    job: Pubkey
    node: Pubkey
    agent: Pubkey
    """The node's agent key when assigned: signs the start and the receipts."""
    operator: Pubkey
    """The node's operator: owner of the token account that is paid."""
    rent_payer: Pubkey
    """Paid this account's rent; gets it back when the run closes."""
    gpus: int
    status: RunStatus
    """A `RunStatus`."""
    bump: int
    reserved: list[int]
    """Space for fields added by later versions."""

    @classmethod
    def read(cls, r: Reader) -> Run:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("Run: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                v[0],  # gpu_seconds
                v[1],  # started_at
                v[2],  # last_report_at
                v[3],  # removed_at
                Pubkey.from_bytes(v[4]),  # job
                Pubkey.from_bytes(v[5]),  # node
                Pubkey.from_bytes(v[6]),  # agent
                Pubkey.from_bytes(v[7]),  # operator
                Pubkey.from_bytes(v[8]),  # rent_payer
                v[9],  # gpus
                RunStatus(v[10]),  # status
                v[11],  # bump
                list(v[12]),  # reserved
            )
        except ValueError as err:
            raise DecodeError(f"Run: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.u64(self.gpu_seconds)
        w.i64(self.started_at)
        w.i64(self.last_report_at)
        w.i64(self.removed_at)
        w.pubkey(self.job)
        w.pubkey(self.node)
        w.pubkey(self.agent)
        w.pubkey(self.operator)
        w.pubkey(self.rent_payer)
        w.u16(self.gpus)
        self.status.write(w)
        w.u8(self.bump)
        w.array(self.reserved, Writer.u8, 36)

    @classmethod
    def decode(cls, data: bytes) -> Run:
        """Decode account data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise AccountDiscriminatorMismatchError("not a Run: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()

    @classmethod
    def from_account(cls, info: AccountInfo) -> Run:
        """Decode an account read from a connection, checking its owner."""
        if info.owner != PROGRAM_ID:
            raise AccountOwnerMismatchError(f"{info.address} is owned by {info.owner}, not ionet_escrow")
        return cls.decode(info.data)

    @classmethod
    async def fetch(cls, conn: AccountSource, address: Pubkey) -> Run | None:
        """Fetch and decode; None if the account does not exist."""
        info = await conn.get_account(address)
        return None if info is None else cls.from_account(info)

    @classmethod
    async def fetch_multiple(cls, conn: AccountSource, addresses: Sequence[Pubkey]) -> list[Run | None]:
        infos = await conn.get_multiple_accounts(addresses)
        return [None if i is None else cls.from_account(i) for i in infos]


ACCOUNTS: dict[bytes, type[EscrowConfig | Job | Run]] = {
    EscrowConfig.DISCRIMINATOR: EscrowConfig,
    Job.DISCRIMINATOR: Job,
    Run.DISCRIMINATOR: Run,
}
