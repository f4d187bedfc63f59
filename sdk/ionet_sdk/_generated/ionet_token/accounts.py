"""Accounts of ionet_token: decode, fetch and fetch_multiple.

Generated from target/idl/ionet_token.json by scripts/generate_sdk.py. Do not edit."""

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
    Bucket,
    EmissionEntry,
    EpochStats,
    TokenParams,
    Tranche,
)


@dataclass(frozen=True, slots=True)
class EpochRecord:
    """
    Seeds: `[EPOCH_SEED, epoch (u64 LE)]`. Created when the epoch's emission is
    minted; operators' claims resolve their points against it, lazily.
    """

    DISCRIMINATOR: ClassVar[bytes] = bytes([193, 72, 26, 28, 161, 98, 58, 132])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<QQQQQB")

    epoch: int
    work_pool: int
    """
    Emission for delivered work: at most one base unit per work point.
    precision: IO base units (1e8)
    """
    availability_pool: int
    """
    Emission for availability: the rest, when any node proved availability.
    precision: IO base units (1e8)
    """
    work_points: int
    availability_points: int
    bump: int

    @classmethod
    def read(cls, r: Reader) -> EpochRecord:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("EpochRecord: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                v[0],  # epoch
                v[1],  # work_pool
                v[2],  # availability_pool
                v[3],  # work_points
                v[4],  # availability_points
                v[5],  # bump
            )
        except ValueError as err:
            raise DecodeError(f"EpochRecord: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.u64(self.epoch)
        w.u64(self.work_pool)
        w.u64(self.availability_pool)
        w.u64(self.work_points)
        w.u64(self.availability_points)
        w.u8(self.bump)

    @classmethod
    def decode(cls, data: bytes) -> EpochRecord:
        """Decode account data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise AccountDiscriminatorMismatchError("not a EpochRecord: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()

    @classmethod
    def from_account(cls, info: AccountInfo) -> EpochRecord:
        """Decode an account read from a connection, checking its owner."""
        if info.owner != PROGRAM_ID:
            raise AccountOwnerMismatchError(f"{info.address} is owned by {info.owner}, not ionet_token")
        return cls.decode(info.data)

    @classmethod
    async def fetch(cls, conn: AccountSource, address: Pubkey) -> EpochRecord | None:
        """Fetch and decode; None if the account does not exist."""
        info = await conn.get_account(address)
        return None if info is None else cls.from_account(info)

    @classmethod
    async def fetch_multiple(
        cls, conn: AccountSource, addresses: Sequence[Pubkey]
    ) -> list[EpochRecord | None]:
        infos = await conn.get_multiple_accounts(addresses)
        return [None if i is None else cls.from_account(i) for i in infos]


@dataclass(frozen=True, slots=True)
class NetworkStats:
    """
    Seeds: `[STATS_SEED]`. Totals since genesis and a ring of the last 64 epochs
    (indexed by epoch mod 64): what the Demand-to-Emission ratio (compute spend /
    value of emissions) and net deflation (burned > minted) are computed from.
    precision: IO base units (1e8)
    """

    DISCRIMINATOR: ClassVar[bytes] = bytes([171, 11, 222, 71, 255, 220, 21, 3])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct(
        "<QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ"
    )

    minted_genesis: int
    minted_emission: int
    burned_fees: int
    burned_slashes: int
    compute_spend: int
    fees: int
    escrowed_volume: int
    """Deposited into job escrows (reported when a job's books close)."""
    rewards_paid: int
    """Rewards paid out of the pool to operators."""
    epochs: list[EpochStats]

    @classmethod
    def read(cls, r: Reader) -> NetworkStats:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("NetworkStats: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                v[0],  # minted_genesis
                v[1],  # minted_emission
                v[2],  # burned_fees
                v[3],  # burned_slashes
                v[4],  # compute_spend
                v[5],  # fees
                v[6],  # escrowed_volume
                v[7],  # rewards_paid
                [
                    EpochStats(v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15]),
                    EpochStats(v[16], v[17], v[18], v[19], v[20], v[21], v[22], v[23]),
                    EpochStats(v[24], v[25], v[26], v[27], v[28], v[29], v[30], v[31]),
                    EpochStats(v[32], v[33], v[34], v[35], v[36], v[37], v[38], v[39]),
                    EpochStats(v[40], v[41], v[42], v[43], v[44], v[45], v[46], v[47]),
                    EpochStats(v[48], v[49], v[50], v[51], v[52], v[53], v[54], v[55]),
                    EpochStats(v[56], v[57], v[58], v[59], v[60], v[61], v[62], v[63]),
                    EpochStats(v[64], v[65], v[66], v[67], v[68], v[69], v[70], v[71]),
                    EpochStats(v[72], v[73], v[74], v[75], v[76], v[77], v[78], v[79]),
                    EpochStats(v[80], v[81], v[82], v[83], v[84], v[85], v[86], v[87]),
                    EpochStats(v[88], v[89], v[90], v[91], v[92], v[93], v[94], v[95]),
                    EpochStats(v[96], v[97], v[98], v[99], v[100], v[101], v[102], v[103]),
                    EpochStats(v[104], v[105], v[106], v[107], v[108], v[109], v[110], v[111]),
                    EpochStats(v[112], v[113], v[114], v[115], v[116], v[117], v[118], v[119]),
                    EpochStats(v[120], v[121], v[122], v[123], v[124], v[125], v[126], v[127]),
                    EpochStats(v[128], v[129], v[130], v[131], v[132], v[133], v[134], v[135]),
                    EpochStats(v[136], v[137], v[138], v[139], v[140], v[141], v[142], v[143]),
                    EpochStats(v[144], v[145], v[146], v[147], v[148], v[149], v[150], v[151]),
                    EpochStats(v[152], v[153], v[154], v[155], v[156], v[157], v[158], v[159]),
                    EpochStats(v[160], v[161], v[162], v[163], v[164], v[165], v[166], v[167]),
                    EpochStats(v[168], v[169], v[170], v[171], v[172], v[173], v[174], v[175]),
                    EpochStats(v[176], v[177], v[178], v[179], v[180], v[181], v[182], v[183]),
                    EpochStats(v[184], v[185], v[186], v[187], v[188], v[189], v[190], v[191]),
                    EpochStats(v[192], v[193], v[194], v[195], v[196], v[197], v[198], v[199]),
                    EpochStats(v[200], v[201], v[202], v[203], v[204], v[205], v[206], v[207]),
                    EpochStats(v[208], v[209], v[210], v[211], v[212], v[213], v[214], v[215]),
                    EpochStats(v[216], v[217], v[218], v[219], v[220], v[221], v[222], v[223]),
                    EpochStats(v[224], v[225], v[226], v[227], v[228], v[229], v[230], v[231]),
                    EpochStats(v[232], v[233], v[234], v[235], v[236], v[237], v[238], v[239]),
                    EpochStats(v[240], v[241], v[242], v[243], v[244], v[245], v[246], v[247]),
                    EpochStats(v[248], v[249], v[250], v[251], v[252], v[253], v[254], v[255]),
                    EpochStats(v[256], v[257], v[258], v[259], v[260], v[261], v[262], v[263]),
                    EpochStats(v[264], v[265], v[266], v[267], v[268], v[269], v[270], v[271]),
                    EpochStats(v[272], v[273], v[274], v[275], v[276], v[277], v[278], v[279]),
                    EpochStats(v[280], v[281], v[282], v[283], v[284], v[285], v[286], v[287]),
                    EpochStats(v[288], v[289], v[290], v[291], v[292], v[293], v[294], v[295]),
                    EpochStats(v[296], v[297], v[298], v[299], v[300], v[301], v[302], v[303]),
                    EpochStats(v[304], v[305], v[306], v[307], v[308], v[309], v[310], v[311]),
                    EpochStats(v[312], v[313], v[314], v[315], v[316], v[317], v[318], v[319]),
                    EpochStats(v[320], v[321], v[322], v[323], v[324], v[325], v[326], v[327]),
                    EpochStats(v[328], v[329], v[330], v[331], v[332], v[333], v[334], v[335]),
                    EpochStats(v[336], v[337], v[338], v[339], v[340], v[341], v[342], v[343]),
                    EpochStats(v[344], v[345], v[346], v[347], v[348], v[349], v[350], v[351]),
                    EpochStats(v[352], v[353], v[354], v[355], v[356], v[357], v[358], v[359]),
                    EpochStats(v[360], v[361], v[362], v[363], v[364], v[365], v[366], v[367]),
                    EpochStats(v[368], v[369], v[370], v[371], v[372], v[373], v[374], v[375]),
                    EpochStats(v[376], v[377], v[378], v[379], v[380], v[381], v[382], v[383]),
                    EpochStats(v[384], v[385], v[386], v[387], v[388], v[389], v[390], v[391]),
                    EpochStats(v[392], v[393], v[394], v[395], v[396], v[397], v[398], v[399]),
                    EpochStats(v[400], v[401], v[402], v[403], v[404], v[405], v[406], v[407]),
                    EpochStats(v[408], v[409], v[410], v[411], v[412], v[413], v[414], v[415]),
                    EpochStats(v[416], v[417], v[418], v[419], v[420], v[421], v[422], v[423]),
                    EpochStats(v[424], v[425], v[426], v[427], v[428], v[429], v[430], v[431]),
                    EpochStats(v[432], v[433], v[434], v[435], v[436], v[437], v[438], v[439]),
                    EpochStats(v[440], v[441], v[442], v[443], v[444], v[445], v[446], v[447]),
                    EpochStats(v[448], v[449], v[450], v[451], v[452], v[453], v[454], v[455]),
                    EpochStats(v[456], v[457], v[458], v[459], v[460], v[461], v[462], v[463]),
                    EpochStats(v[464], v[465], v[466], v[467], v[468], v[469], v[470], v[471]),
                    EpochStats(v[472], v[473], v[474], v[475], v[476], v[477], v[478], v[479]),
                    EpochStats(v[480], v[481], v[482], v[483], v[484], v[485], v[486], v[487]),
                    EpochStats(v[488], v[489], v[490], v[491], v[492], v[493], v[494], v[495]),
                    EpochStats(v[496], v[497], v[498], v[499], v[500], v[501], v[502], v[503]),
                    EpochStats(v[504], v[505], v[506], v[507], v[508], v[509], v[510], v[511]),
                    EpochStats(v[512], v[513], v[514], v[515], v[516], v[517], v[518], v[519]),
                ],  # epochs
            )
        except ValueError as err:
            raise DecodeError(f"NetworkStats: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.u64(self.minted_genesis)
        w.u64(self.minted_emission)
        w.u64(self.burned_fees)
        w.u64(self.burned_slashes)
        w.u64(self.compute_spend)
        w.u64(self.fees)
        w.u64(self.escrowed_volume)
        w.u64(self.rewards_paid)
        w.array(self.epochs, lambda w, v: v.write(w), 64)

    @classmethod
    def decode(cls, data: bytes) -> NetworkStats:
        """Decode account data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise AccountDiscriminatorMismatchError("not a NetworkStats: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()

    @classmethod
    def from_account(cls, info: AccountInfo) -> NetworkStats:
        """Decode an account read from a connection, checking its owner."""
        if info.owner != PROGRAM_ID:
            raise AccountOwnerMismatchError(f"{info.address} is owned by {info.owner}, not ionet_token")
        return cls.decode(info.data)

    @classmethod
    async def fetch(cls, conn: AccountSource, address: Pubkey) -> NetworkStats | None:
        """Fetch and decode; None if the account does not exist."""
        info = await conn.get_account(address)
        return None if info is None else cls.from_account(info)

    @classmethod
    async def fetch_multiple(
        cls, conn: AccountSource, addresses: Sequence[Pubkey]
    ) -> list[NetworkStats | None]:
        infos = await conn.get_multiple_accounts(addresses)
        return [None if i is None else cls.from_account(i) for i in infos]


@dataclass(frozen=True, slots=True)
class ParamsProposal:
    """Seeds: `[PROPOSAL_SEED]`; one pending change at a time."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([180, 253, 239, 181, 110, 222, 195, 234])

    active: bool
    proposed_at: int
    """unit: unix seconds"""
    execute_after: int
    """unit: unix seconds"""
    params: TokenParams
    schedule: list[EmissionEntry]
    """Replaces the schedule from the next unminted epoch on; empty keeps it."""

    @classmethod
    def read(cls, r: Reader) -> ParamsProposal:
        return cls(
            active=r.bool(),
            proposed_at=r.i64(),
            execute_after=r.i64(),
            params=TokenParams.read(r),
            schedule=r.vec(EmissionEntry.read),
        )

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.bool(self.active)
        w.i64(self.proposed_at)
        w.i64(self.execute_after)
        self.params.write(w)
        w.vec(self.schedule, lambda w, v: v.write(w))

    @classmethod
    def decode(cls, data: bytes) -> ParamsProposal:
        """Decode account data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise AccountDiscriminatorMismatchError("not a ParamsProposal: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()

    @classmethod
    def from_account(cls, info: AccountInfo) -> ParamsProposal:
        """Decode an account read from a connection, checking its owner."""
        if info.owner != PROGRAM_ID:
            raise AccountOwnerMismatchError(f"{info.address} is owned by {info.owner}, not ionet_token")
        return cls.decode(info.data)

    @classmethod
    async def fetch(cls, conn: AccountSource, address: Pubkey) -> ParamsProposal | None:
        """Fetch and decode; None if the account does not exist."""
        info = await conn.get_account(address)
        return None if info is None else cls.from_account(info)

    @classmethod
    async def fetch_multiple(
        cls, conn: AccountSource, addresses: Sequence[Pubkey]
    ) -> list[ParamsProposal | None]:
        infos = await conn.get_multiple_accounts(addresses)
        return [None if i is None else cls.from_account(i) for i in infos]


@dataclass(frozen=True, slots=True)
class Reward:
    """
    Seeds: `[REWARD_SEED, node]`. Cumulative accounting: accruals add points to
    the current epoch's bucket; claims resolve buckets of minted epochs against
    their `EpochRecord`; nothing ever loops over all nodes.
    """

    DISCRIMINATOR: ClassVar[bytes] = bytes([174, 129, 42, 212, 190, 18, 45, 34])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct(
        "<QqQQQQQ32s32sQQQB7sQQQB7sQQQB7sQQQB7sQqQqQqQqQqQqQqQqB7sQQQQQQQQQ24s"
    )

    locked: int
    """
    Resolved rewards not yet paid (the tranches' sum): slashes can still take
    them. precision: IO base units (1e8)
    """
    unlock_at: int
    """When the earliest tranche unlocks; 0 when nothing is locked. unit: unix seconds"""
    claimed_total: int
    """precision: IO base units (1e8)"""
    forfeited_total: int
    """Taken by slashes. precision: IO base units (1e8)"""
    last_delivered: int
    """
    The node's delivered GPU-seconds at the last accrual (informational:
    work points accrue from the fees burned, not from GPU-seconds).
    """
    last_availability_epoch: int
    """The epoch availability was last credited in; u64::MAX before the first."""
    last_slashed_total: int
    """The node's slashed total last seen (new slashes take locked rewards)."""
    node: Pubkey
    beneficiary: Pubkey
    """The node's operator: signs claims and is paid."""
    buckets: list[Bucket]
    tranches: list[Tranche]
    """
    Locked rewards by unlock day: each resolution is locked for the full
    period on its own, so regular claims never push earlier rewards back.
    """
    bump: int
    padding: list[int]
    last_slashed_share_ppb: int
    """
    The node's `slashed_share_ppb` last seen: new slashes forfeit the share
    of locked rewards that they took of the stake they froze.
    """
    last_work_fees_by_tier: list[int]
    """
    The node's work fees by tier when work was last accrued.
    precision: IO base units (1e8)
    """
    last_proven_points: int
    """The node's proven availability points when availability was last accrued."""
    reserved: list[int]
    """Space for fields added by later versions."""

    @classmethod
    def read(cls, r: Reader) -> Reward:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("Reward: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                v[0],  # locked
                v[1],  # unlock_at
                v[2],  # claimed_total
                v[3],  # forfeited_total
                v[4],  # last_delivered
                v[5],  # last_availability_epoch
                v[6],  # last_slashed_total
                Pubkey.from_bytes(v[7]),  # node
                Pubkey.from_bytes(v[8]),  # beneficiary
                [
                    Bucket(v[9], v[10], v[11], v[12], list(v[13])),
                    Bucket(v[14], v[15], v[16], v[17], list(v[18])),
                    Bucket(v[19], v[20], v[21], v[22], list(v[23])),
                    Bucket(v[24], v[25], v[26], v[27], list(v[28])),
                ],  # buckets
                [
                    Tranche(v[29], v[30]),
                    Tranche(v[31], v[32]),
                    Tranche(v[33], v[34]),
                    Tranche(v[35], v[36]),
                    Tranche(v[37], v[38]),
                    Tranche(v[39], v[40]),
                    Tranche(v[41], v[42]),
                    Tranche(v[43], v[44]),
                ],  # tranches
                v[45],  # bump
                list(v[46]),  # padding
                v[47],  # last_slashed_share_ppb
                list(v[48:55]),  # last_work_fees_by_tier
                v[55],  # last_proven_points
                list(v[56]),  # reserved
            )
        except ValueError as err:
            raise DecodeError(f"Reward: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.u64(self.locked)
        w.i64(self.unlock_at)
        w.u64(self.claimed_total)
        w.u64(self.forfeited_total)
        w.u64(self.last_delivered)
        w.u64(self.last_availability_epoch)
        w.u64(self.last_slashed_total)
        w.pubkey(self.node)
        w.pubkey(self.beneficiary)
        w.array(self.buckets, lambda w, v: v.write(w), 4)
        w.array(self.tranches, lambda w, v: v.write(w), 8)
        w.u8(self.bump)
        w.array(self.padding, Writer.u8, 7)
        w.u64(self.last_slashed_share_ppb)
        w.array(self.last_work_fees_by_tier, Writer.u64, 7)
        w.u64(self.last_proven_points)
        w.array(self.reserved, Writer.u8, 24)

    @classmethod
    def decode(cls, data: bytes) -> Reward:
        """Decode account data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise AccountDiscriminatorMismatchError("not a Reward: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()

    @classmethod
    def from_account(cls, info: AccountInfo) -> Reward:
        """Decode an account read from a connection, checking its owner."""
        if info.owner != PROGRAM_ID:
            raise AccountOwnerMismatchError(f"{info.address} is owned by {info.owner}, not ionet_token")
        return cls.decode(info.data)

    @classmethod
    async def fetch(cls, conn: AccountSource, address: Pubkey) -> Reward | None:
        """Fetch and decode; None if the account does not exist."""
        info = await conn.get_account(address)
        return None if info is None else cls.from_account(info)

    @classmethod
    async def fetch_multiple(cls, conn: AccountSource, addresses: Sequence[Pubkey]) -> list[Reward | None]:
        infos = await conn.get_multiple_accounts(addresses)
        return [None if i is None else cls.from_account(i) for i in infos]


@dataclass(frozen=True, slots=True)
class Schedule:
    """
    Seeds: `[SCHEDULE_SEED]`. Entries sorted by start time; `count` in use. An
    annual halving is one entry a year; a smooth decay, one a month (extended by
    parameter proposals as time passes, as Helium does).
    """

    DISCRIMINATOR: ClassVar[bytes] = bytes([217, 243, 116, 56, 73, 82, 207, 51])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct(
        "<qQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQI4s"
    )

    entries: list[EmissionEntry]
    count: int
    padding: list[int]

    @classmethod
    def read(cls, r: Reader) -> Schedule:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("Schedule: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                [
                    EmissionEntry(v[0], v[1]),
                    EmissionEntry(v[2], v[3]),
                    EmissionEntry(v[4], v[5]),
                    EmissionEntry(v[6], v[7]),
                    EmissionEntry(v[8], v[9]),
                    EmissionEntry(v[10], v[11]),
                    EmissionEntry(v[12], v[13]),
                    EmissionEntry(v[14], v[15]),
                    EmissionEntry(v[16], v[17]),
                    EmissionEntry(v[18], v[19]),
                    EmissionEntry(v[20], v[21]),
                    EmissionEntry(v[22], v[23]),
                    EmissionEntry(v[24], v[25]),
                    EmissionEntry(v[26], v[27]),
                    EmissionEntry(v[28], v[29]),
                    EmissionEntry(v[30], v[31]),
                    EmissionEntry(v[32], v[33]),
                    EmissionEntry(v[34], v[35]),
                    EmissionEntry(v[36], v[37]),
                    EmissionEntry(v[38], v[39]),
                    EmissionEntry(v[40], v[41]),
                    EmissionEntry(v[42], v[43]),
                    EmissionEntry(v[44], v[45]),
                    EmissionEntry(v[46], v[47]),
                    EmissionEntry(v[48], v[49]),
                    EmissionEntry(v[50], v[51]),
                    EmissionEntry(v[52], v[53]),
                    EmissionEntry(v[54], v[55]),
                    EmissionEntry(v[56], v[57]),
                    EmissionEntry(v[58], v[59]),
                    EmissionEntry(v[60], v[61]),
                    EmissionEntry(v[62], v[63]),
                    EmissionEntry(v[64], v[65]),
                    EmissionEntry(v[66], v[67]),
                    EmissionEntry(v[68], v[69]),
                    EmissionEntry(v[70], v[71]),
                    EmissionEntry(v[72], v[73]),
                    EmissionEntry(v[74], v[75]),
                    EmissionEntry(v[76], v[77]),
                    EmissionEntry(v[78], v[79]),
                    EmissionEntry(v[80], v[81]),
                    EmissionEntry(v[82], v[83]),
                    EmissionEntry(v[84], v[85]),
                    EmissionEntry(v[86], v[87]),
                    EmissionEntry(v[88], v[89]),
                    EmissionEntry(v[90], v[91]),
                    EmissionEntry(v[92], v[93]),
                    EmissionEntry(v[94], v[95]),
                    EmissionEntry(v[96], v[97]),
                    EmissionEntry(v[98], v[99]),
                    EmissionEntry(v[100], v[101]),
                    EmissionEntry(v[102], v[103]),
                    EmissionEntry(v[104], v[105]),
                    EmissionEntry(v[106], v[107]),
                    EmissionEntry(v[108], v[109]),
                    EmissionEntry(v[110], v[111]),
                    EmissionEntry(v[112], v[113]),
                    EmissionEntry(v[114], v[115]),
                    EmissionEntry(v[116], v[117]),
                    EmissionEntry(v[118], v[119]),
                    EmissionEntry(v[120], v[121]),
                    EmissionEntry(v[122], v[123]),
                    EmissionEntry(v[124], v[125]),
                    EmissionEntry(v[126], v[127]),
                ],  # entries
                v[128],  # count
                list(v[129]),  # padding
            )
        except ValueError as err:
            raise DecodeError(f"Schedule: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.array(self.entries, lambda w, v: v.write(w), 64)
        w.u32(self.count)
        w.array(self.padding, Writer.u8, 4)

    @classmethod
    def decode(cls, data: bytes) -> Schedule:
        """Decode account data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise AccountDiscriminatorMismatchError("not a Schedule: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()

    @classmethod
    def from_account(cls, info: AccountInfo) -> Schedule:
        """Decode an account read from a connection, checking its owner."""
        if info.owner != PROGRAM_ID:
            raise AccountOwnerMismatchError(f"{info.address} is owned by {info.owner}, not ionet_token")
        return cls.decode(info.data)

    @classmethod
    async def fetch(cls, conn: AccountSource, address: Pubkey) -> Schedule | None:
        """Fetch and decode; None if the account does not exist."""
        info = await conn.get_account(address)
        return None if info is None else cls.from_account(info)

    @classmethod
    async def fetch_multiple(cls, conn: AccountSource, addresses: Sequence[Pubkey]) -> list[Schedule | None]:
        infos = await conn.get_multiple_accounts(addresses)
        return [None if i is None else cls.from_account(i) for i in infos]


@dataclass(frozen=True, slots=True)
class TokenConfig:
    """
    Seeds: `[CONFIG_SEED]`. The mint, authority, reward pool, schedule, proposal
    and stats are singletons at compile-time addresses (`crate::pda`).
    """

    DISCRIMINATOR: ClassVar[bytes] = bytes([92, 73, 255, 43, 107, 51, 117, 101])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32s32s32sqIQQQQqHHIQIHHHHHHHHIQQB64s")

    admin: Pubkey
    """
    Proposes and executes parameter changes (after the timelock); any pubkey, so
    a multisig or a stake-weighted governance PDA can hold it.
    """
    fee_reporter: Pubkey
    """May report fee burns (the escrow's authority PDA); the default key means none."""
    slash_reporter: Pubkey
    """May report slash burns (the registry); the default key means none."""
    genesis_time: int
    """Start of epoch 0. unit: unix seconds"""
    epoch_secs: int
    """Fixed at initialization: epochs are counted from genesis. unit: seconds"""
    genesis_total: int
    """Allocated at initialization, minted by `genesis_mint`. precision: IO base units (1e8)"""
    genesis_minted: int
    """precision: IO base units (1e8)"""
    epochs_minted: int
    """Epochs whose emission has been minted (the next epoch to mint)."""
    breaker_total: int
    """The circuit breaker's window total at `breaker_updated_at`. precision: IO base units (1e8)"""
    breaker_updated_at: int
    """unit: unix seconds"""
    params: TokenParams
    carry_work: int
    """
    Unused: pools are no longer carried to later epochs (a carried pool was
    one small job's jackpot). Kept for the account layout; always 0.
    precision: IO base units (1e8)
    """
    carry_availability: int
    """Unused, likewise. precision: IO base units (1e8)"""
    bump: int
    reserved: list[int]
    """Space for fields added by later versions."""

    @classmethod
    def read(cls, r: Reader) -> TokenConfig:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("TokenConfig: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # admin
                Pubkey.from_bytes(v[1]),  # fee_reporter
                Pubkey.from_bytes(v[2]),  # slash_reporter
                v[3],  # genesis_time
                v[4],  # epoch_secs
                v[5],  # genesis_total
                v[6],  # genesis_minted
                v[7],  # epochs_minted
                v[8],  # breaker_total
                v[9],  # breaker_updated_at
                TokenParams(v[10], v[11], v[12], v[13], v[14], v[15], list(v[16:23]), v[23]),  # params
                v[24],  # carry_work
                v[25],  # carry_availability
                v[26],  # bump
                list(v[27]),  # reserved
            )
        except ValueError as err:
            raise DecodeError(f"TokenConfig: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.admin)
        w.pubkey(self.fee_reporter)
        w.pubkey(self.slash_reporter)
        w.i64(self.genesis_time)
        w.u32(self.epoch_secs)
        w.u64(self.genesis_total)
        w.u64(self.genesis_minted)
        w.u64(self.epochs_minted)
        w.u64(self.breaker_total)
        w.i64(self.breaker_updated_at)
        self.params.write(w)
        w.u64(self.carry_work)
        w.u64(self.carry_availability)
        w.u8(self.bump)
        w.array(self.reserved, Writer.u8, 64)

    @classmethod
    def decode(cls, data: bytes) -> TokenConfig:
        """Decode account data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise AccountDiscriminatorMismatchError("not a TokenConfig: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()

    @classmethod
    def from_account(cls, info: AccountInfo) -> TokenConfig:
        """Decode an account read from a connection, checking its owner."""
        if info.owner != PROGRAM_ID:
            raise AccountOwnerMismatchError(f"{info.address} is owned by {info.owner}, not ionet_token")
        return cls.decode(info.data)

    @classmethod
    async def fetch(cls, conn: AccountSource, address: Pubkey) -> TokenConfig | None:
        """Fetch and decode; None if the account does not exist."""
        info = await conn.get_account(address)
        return None if info is None else cls.from_account(info)

    @classmethod
    async def fetch_multiple(
        cls, conn: AccountSource, addresses: Sequence[Pubkey]
    ) -> list[TokenConfig | None]:
        infos = await conn.get_multiple_accounts(addresses)
        return [None if i is None else cls.from_account(i) for i in infos]


ACCOUNTS: dict[bytes, type[EpochRecord | NetworkStats | ParamsProposal | Reward | Schedule | TokenConfig]] = {
    EpochRecord.DISCRIMINATOR: EpochRecord,
    NetworkStats.DISCRIMINATOR: NetworkStats,
    ParamsProposal.DISCRIMINATOR: ParamsProposal,
    Reward.DISCRIMINATOR: Reward,
    Schedule.DISCRIMINATOR: Schedule,
    TokenConfig.DISCRIMINATOR: TokenConfig,
}
