"""Types defined by ionet_token.

Generated from target/idl/ionet_token.json by scripts/generate_sdk.py. Do not edit."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from solders.pubkey import Pubkey

from ionet_sdk.codec import Reader, Writer


@dataclass(frozen=True, slots=True)
class AuthorityUpdateArgs:
    """Type `AuthorityUpdateArgs`."""

    admin: Pubkey | None
    fee_reporter: Pubkey | None
    slash_reporter: Pubkey | None

    @classmethod
    def read(cls, r: Reader) -> AuthorityUpdateArgs:
        return cls(
            admin=r.option(Reader.pubkey),
            fee_reporter=r.option(Reader.pubkey),
            slash_reporter=r.option(Reader.pubkey),
        )

    def write(self, w: Writer) -> None:
        w.option(self.admin, Writer.pubkey)
        w.option(self.fee_reporter, Writer.pubkey)
        w.option(self.slash_reporter, Writer.pubkey)


@dataclass(frozen=True, slots=True)
class Bucket:
    """Points a node earned in one epoch, until a claim resolves them."""

    epoch: int
    work_points: int
    availability_points: int
    used: int
    """1 while it holds points."""
    padding: list[int]

    @classmethod
    def read(cls, r: Reader) -> Bucket:
        return cls(
            epoch=r.u64(),
            work_points=r.u64(),
            availability_points=r.u64(),
            used=r.u8(),
            padding=r.array(Reader.u8, 7),
        )

    def write(self, w: Writer) -> None:
        w.u64(self.epoch)
        w.u64(self.work_points)
        w.u64(self.availability_points)
        w.u8(self.used)
        w.array(self.padding, Writer.u8, 7)


class BurnKind(IntEnum):
    """Enum `BurnKind`."""

    Fee = 0
    Slash = 1

    @classmethod
    def read(cls, r: Reader) -> BurnKind:
        return cls(r.variant(2))

    def write(self, w: Writer) -> None:
        w.u8(int(self))


@dataclass(frozen=True, slots=True)
class EmissionEntry:
    """From `start_time` on, each epoch emits `per_epoch` (until the next entry)."""

    start_time: int
    """unit: unix seconds"""
    per_epoch: int
    """precision: IO base units (1e8)"""

    @classmethod
    def read(cls, r: Reader) -> EmissionEntry:
        return cls(start_time=r.i64(), per_epoch=r.u64())

    def write(self, w: Writer) -> None:
        w.i64(self.start_time)
        w.u64(self.per_epoch)


@dataclass(frozen=True, slots=True)
class EpochStats:
    """One epoch's figures. precision: IO base units (1e8)"""

    epoch: int
    minted: int
    burned_fees: int
    burned_slashes: int
    compute_spend: int
    """Paid for compute (job settlements), gross of fees."""
    fees: int
    """Protocol fees charged (burned or sent to the treasury)."""
    work_points: int
    """Work points credited (tier-weighted GPU-seconds)."""
    availability_points: int
    """Availability points credited (tier-weighted GPUs x uptime)."""

    @classmethod
    def read(cls, r: Reader) -> EpochStats:
        return cls(
            epoch=r.u64(),
            minted=r.u64(),
            burned_fees=r.u64(),
            burned_slashes=r.u64(),
            compute_spend=r.u64(),
            fees=r.u64(),
            work_points=r.u64(),
            availability_points=r.u64(),
        )

    def write(self, w: Writer) -> None:
        w.u64(self.epoch)
        w.u64(self.minted)
        w.u64(self.burned_fees)
        w.u64(self.burned_slashes)
        w.u64(self.compute_spend)
        w.u64(self.fees)
        w.u64(self.work_points)
        w.u64(self.availability_points)


@dataclass(frozen=True, slots=True)
class FeesBurnArgs:
    """Type `FeesBurnArgs`."""

    kind: BurnKind
    amount: int
    """Burned now. precision: IO base units (1e8)"""
    compute_spend: int
    """
    Paid for compute by the settlement this burn comes from (fees: 0 for slashes).
    precision: IO base units (1e8)
    """
    fees: int
    """Protocol fees that settlement charged, burned or not. precision: IO base units (1e8)"""
    escrowed: int
    """What the settled job had escrowed (0 for slashes). precision: IO base units (1e8)"""

    @classmethod
    def read(cls, r: Reader) -> FeesBurnArgs:
        return cls(
            kind=BurnKind.read(r), amount=r.u64(), compute_spend=r.u64(), fees=r.u64(), escrowed=r.u64()
        )

    def write(self, w: Writer) -> None:
        self.kind.write(w)
        w.u64(self.amount)
        w.u64(self.compute_spend)
        w.u64(self.fees)
        w.u64(self.escrowed)


@dataclass(frozen=True, slots=True)
class ParamsProposeArgs:
    """Type `ParamsProposeArgs`."""

    params: TokenParams
    schedule: list[EmissionEntry]
    """
    New schedule entries, starting in the future and not before the next
    unminted epoch (earlier entries are kept); empty keeps the schedule.
    """

    @classmethod
    def read(cls, r: Reader) -> ParamsProposeArgs:
        return cls(params=TokenParams.read(r), schedule=r.vec(EmissionEntry.read))

    def write(self, w: Writer) -> None:
        self.params.write(w)
        w.vec(self.schedule, lambda w, v: v.write(w))


@dataclass(frozen=True, slots=True)
class TokenInitArgs:
    """Type `TokenInitArgs`."""

    admin: Pubkey
    fee_reporter: Pubkey
    slash_reporter: Pubkey
    epoch_secs: int
    """unit: seconds (fixed for the token's life)"""
    genesis_total: int
    """
    Allocation minted by `genesis_mint`; the rest of the cap only by emissions.
    precision: IO base units (1e8)
    """
    params: TokenParams
    schedule: list[EmissionEntry]

    @classmethod
    def read(cls, r: Reader) -> TokenInitArgs:
        return cls(
            admin=r.pubkey(),
            fee_reporter=r.pubkey(),
            slash_reporter=r.pubkey(),
            epoch_secs=r.u32(),
            genesis_total=r.u64(),
            params=TokenParams.read(r),
            schedule=r.vec(EmissionEntry.read),
        )

    def write(self, w: Writer) -> None:
        w.pubkey(self.admin)
        w.pubkey(self.fee_reporter)
        w.pubkey(self.slash_reporter)
        w.u32(self.epoch_secs)
        w.u64(self.genesis_total)
        self.params.write(w)
        w.vec(self.schedule, lambda w, v: v.write(w))


@dataclass(frozen=True, slots=True)
class TokenParams:
    """Type `TokenParams`."""

    fee_bps: int
    """
    Protocol fee on every payment for compute (the escrow snapshots it into
    each job at creation). precision: bps (≤ 1_000)
    """
    fee_burn_bps: int
    """Share of the fees burned; the rest goes to the treasury. precision: bps"""
    breaker_window_secs: int
    """The circuit breaker's window. unit: seconds"""
    breaker_threshold: int
    """Most IO the emission may mint within a (decaying) window. precision: IO base units (1e8)"""
    reward_lock_secs: int
    """How long claimed rewards stay locked (and slashable). unit: seconds"""
    work_weight_bps: int
    """Share of each epoch's emission paid for delivered work; the rest for availability. precision: bps"""
    tier_weights_bps: list[int]
    """Weight of a GPU-second per tier (H100 class first). precision: bps (1e4 = 1x)"""
    timelock_secs: int
    """Delay between a parameter proposal and its execution. unit: seconds"""

    @classmethod
    def read(cls, r: Reader) -> TokenParams:
        return cls(
            fee_bps=r.u16(),
            fee_burn_bps=r.u16(),
            breaker_window_secs=r.u32(),
            breaker_threshold=r.u64(),
            reward_lock_secs=r.u32(),
            work_weight_bps=r.u16(),
            tier_weights_bps=r.array(Reader.u16, 7),
            timelock_secs=r.u32(),
        )

    def write(self, w: Writer) -> None:
        w.u16(self.fee_bps)
        w.u16(self.fee_burn_bps)
        w.u32(self.breaker_window_secs)
        w.u64(self.breaker_threshold)
        w.u32(self.reward_lock_secs)
        w.u16(self.work_weight_bps)
        w.array(self.tier_weights_bps, Writer.u16, 7)
        w.u32(self.timelock_secs)


@dataclass(frozen=True, slots=True)
class Tranche:
    """Resolved rewards that unlock together."""

    amount: int
    """precision: IO base units (1e8)"""
    unlock_at: int
    """unit: unix seconds (a whole day)"""

    @classmethod
    def read(cls, r: Reader) -> Tranche:
        return cls(amount=r.u64(), unlock_at=r.i64())

    def write(self, w: Writer) -> None:
        w.u64(self.amount)
        w.i64(self.unlock_at)
