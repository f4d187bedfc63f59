"""Events of ionet_token and their decoding from transaction logs.

Generated from target/idl/ionet_token.json by scripts/generate_sdk.py. Do not edit."""

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
    BurnKind,
    EmissionEntry,
    TokenParams,
)


@dataclass(frozen=True, slots=True)
class AuthoritiesUpdated:
    """Event `AuthoritiesUpdated`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([67, 41, 36, 180, 223, 84, 221, 76])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32s32s32s")

    admin: Pubkey
    fee_reporter: Pubkey
    slash_reporter: Pubkey

    @classmethod
    def read(cls, r: Reader) -> AuthoritiesUpdated:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("AuthoritiesUpdated: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # admin
                Pubkey.from_bytes(v[1]),  # fee_reporter
                Pubkey.from_bytes(v[2]),  # slash_reporter
            )
        except ValueError as err:
            raise DecodeError(f"AuthoritiesUpdated: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.admin)
        w.pubkey(self.fee_reporter)
        w.pubkey(self.slash_reporter)

    @classmethod
    def decode(cls, data: bytes) -> AuthoritiesUpdated:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a AuthoritiesUpdated: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class EpochEmitted:
    """Event `EpochEmitted`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([102, 200, 177, 152, 35, 108, 132, 140])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<QQQQQ")

    epoch: int
    amount: int
    scheduled: int
    """What the schedule asked for, before the cap."""
    supply: int
    breaker_total: int

    @classmethod
    def read(cls, r: Reader) -> EpochEmitted:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("EpochEmitted: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                v[0],  # epoch
                v[1],  # amount
                v[2],  # scheduled
                v[3],  # supply
                v[4],  # breaker_total
            )
        except ValueError as err:
            raise DecodeError(f"EpochEmitted: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.u64(self.epoch)
        w.u64(self.amount)
        w.u64(self.scheduled)
        w.u64(self.supply)
        w.u64(self.breaker_total)

    @classmethod
    def decode(cls, data: bytes) -> EpochEmitted:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a EpochEmitted: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class EpochRewardsRecorded:
    """Event `EpochRewardsRecorded`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([40, 134, 66, 152, 48, 199, 132, 214])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<QQQQQ")

    epoch: int
    work_pool: int
    availability_pool: int
    work_points: int
    availability_points: int

    @classmethod
    def read(cls, r: Reader) -> EpochRewardsRecorded:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("EpochRewardsRecorded: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                v[0],  # epoch
                v[1],  # work_pool
                v[2],  # availability_pool
                v[3],  # work_points
                v[4],  # availability_points
            )
        except ValueError as err:
            raise DecodeError(f"EpochRewardsRecorded: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.u64(self.epoch)
        w.u64(self.work_pool)
        w.u64(self.availability_pool)
        w.u64(self.work_points)
        w.u64(self.availability_points)

    @classmethod
    def decode(cls, data: bytes) -> EpochRewardsRecorded:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a EpochRewardsRecorded: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class GenesisMinted:
    """Event `GenesisMinted`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([128, 76, 96, 126, 180, 149, 231, 231])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32sQQQ")

    destination: Pubkey
    amount: int
    genesis_minted: int
    supply: int

    @classmethod
    def read(cls, r: Reader) -> GenesisMinted:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("GenesisMinted: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # destination
                v[1],  # amount
                v[2],  # genesis_minted
                v[3],  # supply
            )
        except ValueError as err:
            raise DecodeError(f"GenesisMinted: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.destination)
        w.u64(self.amount)
        w.u64(self.genesis_minted)
        w.u64(self.supply)

    @classmethod
    def decode(cls, data: bytes) -> GenesisMinted:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a GenesisMinted: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class ParamsCancelled:
    """Event `ParamsCancelled`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([160, 167, 193, 145, 11, 138, 30, 120])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<q")

    proposed_at: int

    @classmethod
    def read(cls, r: Reader) -> ParamsCancelled:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("ParamsCancelled: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                v[0],  # proposed_at
            )
        except ValueError as err:
            raise DecodeError(f"ParamsCancelled: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.i64(self.proposed_at)

    @classmethod
    def decode(cls, data: bytes) -> ParamsCancelled:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a ParamsCancelled: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class ParamsExecuted:
    """Event `ParamsExecuted`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([43, 82, 27, 103, 223, 157, 65, 40])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<HHIQIHHHHHHHHII")

    params: TokenParams
    schedule_entries: int

    @classmethod
    def read(cls, r: Reader) -> ParamsExecuted:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("ParamsExecuted: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                TokenParams(v[0], v[1], v[2], v[3], v[4], v[5], list(v[6:13]), v[13]),  # params
                v[14],  # schedule_entries
            )
        except ValueError as err:
            raise DecodeError(f"ParamsExecuted: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        self.params.write(w)
        w.u32(self.schedule_entries)

    @classmethod
    def decode(cls, data: bytes) -> ParamsExecuted:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a ParamsExecuted: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class ParamsProposed:
    """Event `ParamsProposed`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([29, 64, 243, 241, 75, 135, 93, 142])

    params: TokenParams
    schedule: list[EmissionEntry]
    execute_after: int

    @classmethod
    def read(cls, r: Reader) -> ParamsProposed:
        return cls(params=TokenParams.read(r), schedule=r.vec(EmissionEntry.read), execute_after=r.i64())

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        self.params.write(w)
        w.vec(self.schedule, lambda w, v: v.write(w))
        w.i64(self.execute_after)

    @classmethod
    def decode(cls, data: bytes) -> ParamsProposed:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a ParamsProposed: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class RewardsAccrued:
    """Event `RewardsAccrued`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([33, 15, 54, 214, 98, 95, 10, 34])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32sQQQQQ")

    node: Pubkey
    epoch: int
    work_points: int
    availability_points: int
    resolved: int
    """Minted epochs resolved into a locked tranche by this accrual."""
    locked: int

    @classmethod
    def read(cls, r: Reader) -> RewardsAccrued:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("RewardsAccrued: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # node
                v[1],  # epoch
                v[2],  # work_points
                v[3],  # availability_points
                v[4],  # resolved
                v[5],  # locked
            )
        except ValueError as err:
            raise DecodeError(f"RewardsAccrued: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.node)
        w.u64(self.epoch)
        w.u64(self.work_points)
        w.u64(self.availability_points)
        w.u64(self.resolved)
        w.u64(self.locked)

    @classmethod
    def decode(cls, data: bytes) -> RewardsAccrued:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a RewardsAccrued: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class RewardsClaimed:
    """Event `RewardsClaimed`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([75, 98, 88, 18, 219, 112, 88, 121])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32sQQQQq")

    node: Pubkey
    resolved: int
    """Newly resolved into the locked balance."""
    paid: int
    """Paid to the operator."""
    forfeited: int
    """Taken by slashes and burned."""
    locked: int
    unlock_at: int

    @classmethod
    def read(cls, r: Reader) -> RewardsClaimed:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("RewardsClaimed: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # node
                v[1],  # resolved
                v[2],  # paid
                v[3],  # forfeited
                v[4],  # locked
                v[5],  # unlock_at
            )
        except ValueError as err:
            raise DecodeError(f"RewardsClaimed: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.node)
        w.u64(self.resolved)
        w.u64(self.paid)
        w.u64(self.forfeited)
        w.u64(self.locked)
        w.i64(self.unlock_at)

    @classmethod
    def decode(cls, data: bytes) -> RewardsClaimed:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a RewardsClaimed: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class RewardsClosed:
    """A node's empty reward account was closed (its rent returned to the beneficiary)."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([187, 239, 73, 102, 3, 191, 166, 216])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32s32sQQ")

    node: Pubkey
    beneficiary: Pubkey
    claimed_total: int
    forfeited_total: int

    @classmethod
    def read(cls, r: Reader) -> RewardsClosed:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("RewardsClosed: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # node
                Pubkey.from_bytes(v[1]),  # beneficiary
                v[2],  # claimed_total
                v[3],  # forfeited_total
            )
        except ValueError as err:
            raise DecodeError(f"RewardsClosed: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.node)
        w.pubkey(self.beneficiary)
        w.u64(self.claimed_total)
        w.u64(self.forfeited_total)

    @classmethod
    def decode(cls, data: bytes) -> RewardsClosed:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a RewardsClosed: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class RewardsForfeited:
    """Event `RewardsForfeited`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([171, 190, 87, 208, 87, 188, 100, 177])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32sQQ")

    node: Pubkey
    forfeited: int
    locked: int

    @classmethod
    def read(cls, r: Reader) -> RewardsForfeited:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("RewardsForfeited: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # node
                v[1],  # forfeited
                v[2],  # locked
            )
        except ValueError as err:
            raise DecodeError(f"RewardsForfeited: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.node)
        w.u64(self.forfeited)
        w.u64(self.locked)

    @classmethod
    def decode(cls, data: bytes) -> RewardsForfeited:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a RewardsForfeited: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class RewardsOpened:
    """Event `RewardsOpened`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([160, 2, 64, 59, 88, 206, 218, 38])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32s32s")

    node: Pubkey
    beneficiary: Pubkey

    @classmethod
    def read(cls, r: Reader) -> RewardsOpened:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("RewardsOpened: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # node
                Pubkey.from_bytes(v[1]),  # beneficiary
            )
        except ValueError as err:
            raise DecodeError(f"RewardsOpened: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.node)
        w.pubkey(self.beneficiary)

    @classmethod
    def decode(cls, data: bytes) -> RewardsOpened:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a RewardsOpened: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class TokenInitialized:
    """Event `TokenInitialized`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([77, 70, 233, 124, 236, 92, 204, 0])

    mint: Pubkey
    admin: Pubkey
    genesis_time: int
    epoch_secs: int
    genesis_total: int
    params: TokenParams
    schedule: list[EmissionEntry]

    @classmethod
    def read(cls, r: Reader) -> TokenInitialized:
        return cls(
            mint=r.pubkey(),
            admin=r.pubkey(),
            genesis_time=r.i64(),
            epoch_secs=r.u32(),
            genesis_total=r.u64(),
            params=TokenParams.read(r),
            schedule=r.vec(EmissionEntry.read),
        )

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.mint)
        w.pubkey(self.admin)
        w.i64(self.genesis_time)
        w.u32(self.epoch_secs)
        w.u64(self.genesis_total)
        self.params.write(w)
        w.vec(self.schedule, lambda w, v: v.write(w))

    @classmethod
    def decode(cls, data: bytes) -> TokenInitialized:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a TokenInitialized: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


@dataclass(frozen=True, slots=True)
class TokensBurned:
    """Event `TokensBurned`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([230, 255, 34, 113, 226, 53, 227, 9])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<BQQQQQ")

    kind: BurnKind
    amount: int
    compute_spend: int
    fees: int
    epoch: int
    supply: int

    @classmethod
    def read(cls, r: Reader) -> TokensBurned:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("TokensBurned: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                BurnKind(v[0]),  # kind
                v[1],  # amount
                v[2],  # compute_spend
                v[3],  # fees
                v[4],  # epoch
                v[5],  # supply
            )
        except ValueError as err:
            raise DecodeError(f"TokensBurned: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        self.kind.write(w)
        w.u64(self.amount)
        w.u64(self.compute_spend)
        w.u64(self.fees)
        w.u64(self.epoch)
        w.u64(self.supply)

    @classmethod
    def decode(cls, data: bytes) -> TokensBurned:
        """Decode event data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise DecodeError("not a TokensBurned: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()


Event = (
    AuthoritiesUpdated
    | EpochEmitted
    | EpochRewardsRecorded
    | GenesisMinted
    | ParamsCancelled
    | ParamsExecuted
    | ParamsProposed
    | RewardsAccrued
    | RewardsClaimed
    | RewardsClosed
    | RewardsForfeited
    | RewardsOpened
    | TokenInitialized
    | TokensBurned
)

EVENTS: dict[bytes, type[Event]] = {
    AuthoritiesUpdated.DISCRIMINATOR: AuthoritiesUpdated,
    EpochEmitted.DISCRIMINATOR: EpochEmitted,
    EpochRewardsRecorded.DISCRIMINATOR: EpochRewardsRecorded,
    GenesisMinted.DISCRIMINATOR: GenesisMinted,
    ParamsCancelled.DISCRIMINATOR: ParamsCancelled,
    ParamsExecuted.DISCRIMINATOR: ParamsExecuted,
    ParamsProposed.DISCRIMINATOR: ParamsProposed,
    RewardsAccrued.DISCRIMINATOR: RewardsAccrued,
    RewardsClaimed.DISCRIMINATOR: RewardsClaimed,
    RewardsClosed.DISCRIMINATOR: RewardsClosed,
    RewardsForfeited.DISCRIMINATOR: RewardsForfeited,
    RewardsOpened.DISCRIMINATOR: RewardsOpened,
    TokenInitialized.DISCRIMINATOR: TokenInitialized,
    TokensBurned.DISCRIMINATOR: TokensBurned,
}


def decode_event(data: bytes) -> Event:
    """Decode one event (8-byte discriminator + Borsh fields)."""
    cls = EVENTS.get(bytes(data[:8]))
    if cls is None:
        raise DecodeError("unknown ionet_token event discriminator " + data[:8].hex())
    return cls.decode(data)


def parse_logs(logs: list[str]) -> list[Event]:
    """The ionet_token events in a transaction's logs, in order. Raises
    `LogsTruncatedError` (the events before the cut in `.events`) when the runtime
    truncated the logs, since events after the cut are missing."""
    events = [decode_event(d) for pid, d in program_data(logs) if pid == str(PROGRAM_ID)]
    if logs_truncated(logs):
        raise LogsTruncatedError(
            f"the transaction's logs were truncated after {len(events)} ionet_token event(s): "
            "later events are missing",
            events,
        )
    return events
