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
    EmissionEntry,
    EpochStats,
    TokenParams,
)


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
        "<QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ"
    )

    minted_genesis: int
    minted_emission: int
    burned_fees: int
    burned_slashes: int
    compute_spend: int
    fees: int
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
                minted_genesis=v[0],
                minted_emission=v[1],
                burned_fees=v[2],
                burned_slashes=v[3],
                compute_spend=v[4],
                fees=v[5],
                epochs=[
                    EpochStats(
                        epoch=v[6],
                        minted=v[7],
                        burned_fees=v[8],
                        burned_slashes=v[9],
                        compute_spend=v[10],
                        fees=v[11],
                    ),
                    EpochStats(
                        epoch=v[12],
                        minted=v[13],
                        burned_fees=v[14],
                        burned_slashes=v[15],
                        compute_spend=v[16],
                        fees=v[17],
                    ),
                    EpochStats(
                        epoch=v[18],
                        minted=v[19],
                        burned_fees=v[20],
                        burned_slashes=v[21],
                        compute_spend=v[22],
                        fees=v[23],
                    ),
                    EpochStats(
                        epoch=v[24],
                        minted=v[25],
                        burned_fees=v[26],
                        burned_slashes=v[27],
                        compute_spend=v[28],
                        fees=v[29],
                    ),
                    EpochStats(
                        epoch=v[30],
                        minted=v[31],
                        burned_fees=v[32],
                        burned_slashes=v[33],
                        compute_spend=v[34],
                        fees=v[35],
                    ),
                    EpochStats(
                        epoch=v[36],
                        minted=v[37],
                        burned_fees=v[38],
                        burned_slashes=v[39],
                        compute_spend=v[40],
                        fees=v[41],
                    ),
                    EpochStats(
                        epoch=v[42],
                        minted=v[43],
                        burned_fees=v[44],
                        burned_slashes=v[45],
                        compute_spend=v[46],
                        fees=v[47],
                    ),
                    EpochStats(
                        epoch=v[48],
                        minted=v[49],
                        burned_fees=v[50],
                        burned_slashes=v[51],
                        compute_spend=v[52],
                        fees=v[53],
                    ),
                    EpochStats(
                        epoch=v[54],
                        minted=v[55],
                        burned_fees=v[56],
                        burned_slashes=v[57],
                        compute_spend=v[58],
                        fees=v[59],
                    ),
                    EpochStats(
                        epoch=v[60],
                        minted=v[61],
                        burned_fees=v[62],
                        burned_slashes=v[63],
                        compute_spend=v[64],
                        fees=v[65],
                    ),
                    EpochStats(
                        epoch=v[66],
                        minted=v[67],
                        burned_fees=v[68],
                        burned_slashes=v[69],
                        compute_spend=v[70],
                        fees=v[71],
                    ),
                    EpochStats(
                        epoch=v[72],
                        minted=v[73],
                        burned_fees=v[74],
                        burned_slashes=v[75],
                        compute_spend=v[76],
                        fees=v[77],
                    ),
                    EpochStats(
                        epoch=v[78],
                        minted=v[79],
                        burned_fees=v[80],
                        burned_slashes=v[81],
                        compute_spend=v[82],
                        fees=v[83],
                    ),
                    EpochStats(
                        epoch=v[84],
                        minted=v[85],
                        burned_fees=v[86],
                        burned_slashes=v[87],
                        compute_spend=v[88],
                        fees=v[89],
                    ),
                    EpochStats(
                        epoch=v[90],
                        minted=v[91],
                        burned_fees=v[92],
                        burned_slashes=v[93],
                        compute_spend=v[94],
                        fees=v[95],
                    ),
                    EpochStats(
                        epoch=v[96],
                        minted=v[97],
                        burned_fees=v[98],
                        burned_slashes=v[99],
                        compute_spend=v[100],
                        fees=v[101],
                    ),
                    EpochStats(
                        epoch=v[102],
                        minted=v[103],
                        burned_fees=v[104],
                        burned_slashes=v[105],
                        compute_spend=v[106],
                        fees=v[107],
                    ),
                    EpochStats(
                        epoch=v[108],
                        minted=v[109],
                        burned_fees=v[110],
                        burned_slashes=v[111],
                        compute_spend=v[112],
                        fees=v[113],
                    ),
                    EpochStats(
                        epoch=v[114],
                        minted=v[115],
                        burned_fees=v[116],
                        burned_slashes=v[117],
                        compute_spend=v[118],
                        fees=v[119],
                    ),
                    EpochStats(
                        epoch=v[120],
                        minted=v[121],
                        burned_fees=v[122],
                        burned_slashes=v[123],
                        compute_spend=v[124],
                        fees=v[125],
                    ),
                    EpochStats(
                        epoch=v[126],
                        minted=v[127],
                        burned_fees=v[128],
                        burned_slashes=v[129],
                        compute_spend=v[130],
                        fees=v[131],
                    ),
                    EpochStats(
                        epoch=v[132],
                        minted=v[133],
                        burned_fees=v[134],
                        burned_slashes=v[135],
                        compute_spend=v[136],
                        fees=v[137],
                    ),
                    EpochStats(
                        epoch=v[138],
                        minted=v[139],
                        burned_fees=v[140],
                        burned_slashes=v[141],
                        compute_spend=v[142],
                        fees=v[143],
                    ),
                    EpochStats(
                        epoch=v[144],
                        minted=v[145],
                        burned_fees=v[146],
                        burned_slashes=v[147],
                        compute_spend=v[148],
                        fees=v[149],
                    ),
                    EpochStats(
                        epoch=v[150],
                        minted=v[151],
                        burned_fees=v[152],
                        burned_slashes=v[153],
                        compute_spend=v[154],
                        fees=v[155],
                    ),
                    EpochStats(
                        epoch=v[156],
                        minted=v[157],
                        burned_fees=v[158],
                        burned_slashes=v[159],
                        compute_spend=v[160],
                        fees=v[161],
                    ),
                    EpochStats(
                        epoch=v[162],
                        minted=v[163],
                        burned_fees=v[164],
                        burned_slashes=v[165],
                        compute_spend=v[166],
                        fees=v[167],
                    ),
                    EpochStats(
                        epoch=v[168],
                        minted=v[169],
                        burned_fees=v[170],
                        burned_slashes=v[171],
                        compute_spend=v[172],
                        fees=v[173],
                    ),
                    EpochStats(
                        epoch=v[174],
                        minted=v[175],
                        burned_fees=v[176],
                        burned_slashes=v[177],
                        compute_spend=v[178],
                        fees=v[179],
                    ),
                    EpochStats(
                        epoch=v[180],
                        minted=v[181],
                        burned_fees=v[182],
                        burned_slashes=v[183],
                        compute_spend=v[184],
                        fees=v[185],
                    ),
                    EpochStats(
                        epoch=v[186],
                        minted=v[187],
                        burned_fees=v[188],
                        burned_slashes=v[189],
                        compute_spend=v[190],
                        fees=v[191],
                    ),
                    EpochStats(
                        epoch=v[192],
                        minted=v[193],
                        burned_fees=v[194],
                        burned_slashes=v[195],
                        compute_spend=v[196],
                        fees=v[197],
                    ),
                    EpochStats(
                        epoch=v[198],
                        minted=v[199],
                        burned_fees=v[200],
                        burned_slashes=v[201],
                        compute_spend=v[202],
                        fees=v[203],
                    ),
                    EpochStats(
                        epoch=v[204],
                        minted=v[205],
                        burned_fees=v[206],
                        burned_slashes=v[207],
                        compute_spend=v[208],
                        fees=v[209],
                    ),
                    EpochStats(
                        epoch=v[210],
                        minted=v[211],
                        burned_fees=v[212],
                        burned_slashes=v[213],
                        compute_spend=v[214],
                        fees=v[215],
                    ),
                    EpochStats(
                        epoch=v[216],
                        minted=v[217],
                        burned_fees=v[218],
                        burned_slashes=v[219],
                        compute_spend=v[220],
                        fees=v[221],
                    ),
                    EpochStats(
                        epoch=v[222],
                        minted=v[223],
                        burned_fees=v[224],
                        burned_slashes=v[225],
                        compute_spend=v[226],
                        fees=v[227],
                    ),
                    EpochStats(
                        epoch=v[228],
                        minted=v[229],
                        burned_fees=v[230],
                        burned_slashes=v[231],
                        compute_spend=v[232],
                        fees=v[233],
                    ),
                    EpochStats(
                        epoch=v[234],
                        minted=v[235],
                        burned_fees=v[236],
                        burned_slashes=v[237],
                        compute_spend=v[238],
                        fees=v[239],
                    ),
                    EpochStats(
                        epoch=v[240],
                        minted=v[241],
                        burned_fees=v[242],
                        burned_slashes=v[243],
                        compute_spend=v[244],
                        fees=v[245],
                    ),
                    EpochStats(
                        epoch=v[246],
                        minted=v[247],
                        burned_fees=v[248],
                        burned_slashes=v[249],
                        compute_spend=v[250],
                        fees=v[251],
                    ),
                    EpochStats(
                        epoch=v[252],
                        minted=v[253],
                        burned_fees=v[254],
                        burned_slashes=v[255],
                        compute_spend=v[256],
                        fees=v[257],
                    ),
                    EpochStats(
                        epoch=v[258],
                        minted=v[259],
                        burned_fees=v[260],
                        burned_slashes=v[261],
                        compute_spend=v[262],
                        fees=v[263],
                    ),
                    EpochStats(
                        epoch=v[264],
                        minted=v[265],
                        burned_fees=v[266],
                        burned_slashes=v[267],
                        compute_spend=v[268],
                        fees=v[269],
                    ),
                    EpochStats(
                        epoch=v[270],
                        minted=v[271],
                        burned_fees=v[272],
                        burned_slashes=v[273],
                        compute_spend=v[274],
                        fees=v[275],
                    ),
                    EpochStats(
                        epoch=v[276],
                        minted=v[277],
                        burned_fees=v[278],
                        burned_slashes=v[279],
                        compute_spend=v[280],
                        fees=v[281],
                    ),
                    EpochStats(
                        epoch=v[282],
                        minted=v[283],
                        burned_fees=v[284],
                        burned_slashes=v[285],
                        compute_spend=v[286],
                        fees=v[287],
                    ),
                    EpochStats(
                        epoch=v[288],
                        minted=v[289],
                        burned_fees=v[290],
                        burned_slashes=v[291],
                        compute_spend=v[292],
                        fees=v[293],
                    ),
                    EpochStats(
                        epoch=v[294],
                        minted=v[295],
                        burned_fees=v[296],
                        burned_slashes=v[297],
                        compute_spend=v[298],
                        fees=v[299],
                    ),
                    EpochStats(
                        epoch=v[300],
                        minted=v[301],
                        burned_fees=v[302],
                        burned_slashes=v[303],
                        compute_spend=v[304],
                        fees=v[305],
                    ),
                    EpochStats(
                        epoch=v[306],
                        minted=v[307],
                        burned_fees=v[308],
                        burned_slashes=v[309],
                        compute_spend=v[310],
                        fees=v[311],
                    ),
                    EpochStats(
                        epoch=v[312],
                        minted=v[313],
                        burned_fees=v[314],
                        burned_slashes=v[315],
                        compute_spend=v[316],
                        fees=v[317],
                    ),
                    EpochStats(
                        epoch=v[318],
                        minted=v[319],
                        burned_fees=v[320],
                        burned_slashes=v[321],
                        compute_spend=v[322],
                        fees=v[323],
                    ),
                    EpochStats(
                        epoch=v[324],
                        minted=v[325],
                        burned_fees=v[326],
                        burned_slashes=v[327],
                        compute_spend=v[328],
                        fees=v[329],
                    ),
                    EpochStats(
                        epoch=v[330],
                        minted=v[331],
                        burned_fees=v[332],
                        burned_slashes=v[333],
                        compute_spend=v[334],
                        fees=v[335],
                    ),
                    EpochStats(
                        epoch=v[336],
                        minted=v[337],
                        burned_fees=v[338],
                        burned_slashes=v[339],
                        compute_spend=v[340],
                        fees=v[341],
                    ),
                    EpochStats(
                        epoch=v[342],
                        minted=v[343],
                        burned_fees=v[344],
                        burned_slashes=v[345],
                        compute_spend=v[346],
                        fees=v[347],
                    ),
                    EpochStats(
                        epoch=v[348],
                        minted=v[349],
                        burned_fees=v[350],
                        burned_slashes=v[351],
                        compute_spend=v[352],
                        fees=v[353],
                    ),
                    EpochStats(
                        epoch=v[354],
                        minted=v[355],
                        burned_fees=v[356],
                        burned_slashes=v[357],
                        compute_spend=v[358],
                        fees=v[359],
                    ),
                    EpochStats(
                        epoch=v[360],
                        minted=v[361],
                        burned_fees=v[362],
                        burned_slashes=v[363],
                        compute_spend=v[364],
                        fees=v[365],
                    ),
                    EpochStats(
                        epoch=v[366],
                        minted=v[367],
                        burned_fees=v[368],
                        burned_slashes=v[369],
                        compute_spend=v[370],
                        fees=v[371],
                    ),
                    EpochStats(
                        epoch=v[372],
                        minted=v[373],
                        burned_fees=v[374],
                        burned_slashes=v[375],
                        compute_spend=v[376],
                        fees=v[377],
                    ),
                    EpochStats(
                        epoch=v[378],
                        minted=v[379],
                        burned_fees=v[380],
                        burned_slashes=v[381],
                        compute_spend=v[382],
                        fees=v[383],
                    ),
                    EpochStats(
                        epoch=v[384],
                        minted=v[385],
                        burned_fees=v[386],
                        burned_slashes=v[387],
                        compute_spend=v[388],
                        fees=v[389],
                    ),
                ],
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
class Schedule:
    """
    Seeds: `[SCHEDULE_SEED]`. Entries sorted by start time; `count` in use. An
    annual halving is one entry a year; a smooth decay, one a month (extended by
    parameter proposals as time passes, as Helium does).
    """

    DISCRIMINATOR: ClassVar[bytes] = bytes([217, 243, 116, 56, 73, 82, 207, 51])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct(
        "<qQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQqQIBBBB"
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
                entries=[
                    EmissionEntry(start_time=v[0], per_epoch=v[1]),
                    EmissionEntry(start_time=v[2], per_epoch=v[3]),
                    EmissionEntry(start_time=v[4], per_epoch=v[5]),
                    EmissionEntry(start_time=v[6], per_epoch=v[7]),
                    EmissionEntry(start_time=v[8], per_epoch=v[9]),
                    EmissionEntry(start_time=v[10], per_epoch=v[11]),
                    EmissionEntry(start_time=v[12], per_epoch=v[13]),
                    EmissionEntry(start_time=v[14], per_epoch=v[15]),
                    EmissionEntry(start_time=v[16], per_epoch=v[17]),
                    EmissionEntry(start_time=v[18], per_epoch=v[19]),
                    EmissionEntry(start_time=v[20], per_epoch=v[21]),
                    EmissionEntry(start_time=v[22], per_epoch=v[23]),
                    EmissionEntry(start_time=v[24], per_epoch=v[25]),
                    EmissionEntry(start_time=v[26], per_epoch=v[27]),
                    EmissionEntry(start_time=v[28], per_epoch=v[29]),
                    EmissionEntry(start_time=v[30], per_epoch=v[31]),
                    EmissionEntry(start_time=v[32], per_epoch=v[33]),
                    EmissionEntry(start_time=v[34], per_epoch=v[35]),
                    EmissionEntry(start_time=v[36], per_epoch=v[37]),
                    EmissionEntry(start_time=v[38], per_epoch=v[39]),
                    EmissionEntry(start_time=v[40], per_epoch=v[41]),
                    EmissionEntry(start_time=v[42], per_epoch=v[43]),
                    EmissionEntry(start_time=v[44], per_epoch=v[45]),
                    EmissionEntry(start_time=v[46], per_epoch=v[47]),
                    EmissionEntry(start_time=v[48], per_epoch=v[49]),
                    EmissionEntry(start_time=v[50], per_epoch=v[51]),
                    EmissionEntry(start_time=v[52], per_epoch=v[53]),
                    EmissionEntry(start_time=v[54], per_epoch=v[55]),
                    EmissionEntry(start_time=v[56], per_epoch=v[57]),
                    EmissionEntry(start_time=v[58], per_epoch=v[59]),
                    EmissionEntry(start_time=v[60], per_epoch=v[61]),
                    EmissionEntry(start_time=v[62], per_epoch=v[63]),
                    EmissionEntry(start_time=v[64], per_epoch=v[65]),
                    EmissionEntry(start_time=v[66], per_epoch=v[67]),
                    EmissionEntry(start_time=v[68], per_epoch=v[69]),
                    EmissionEntry(start_time=v[70], per_epoch=v[71]),
                    EmissionEntry(start_time=v[72], per_epoch=v[73]),
                    EmissionEntry(start_time=v[74], per_epoch=v[75]),
                    EmissionEntry(start_time=v[76], per_epoch=v[77]),
                    EmissionEntry(start_time=v[78], per_epoch=v[79]),
                    EmissionEntry(start_time=v[80], per_epoch=v[81]),
                    EmissionEntry(start_time=v[82], per_epoch=v[83]),
                    EmissionEntry(start_time=v[84], per_epoch=v[85]),
                    EmissionEntry(start_time=v[86], per_epoch=v[87]),
                    EmissionEntry(start_time=v[88], per_epoch=v[89]),
                    EmissionEntry(start_time=v[90], per_epoch=v[91]),
                    EmissionEntry(start_time=v[92], per_epoch=v[93]),
                    EmissionEntry(start_time=v[94], per_epoch=v[95]),
                    EmissionEntry(start_time=v[96], per_epoch=v[97]),
                    EmissionEntry(start_time=v[98], per_epoch=v[99]),
                    EmissionEntry(start_time=v[100], per_epoch=v[101]),
                    EmissionEntry(start_time=v[102], per_epoch=v[103]),
                    EmissionEntry(start_time=v[104], per_epoch=v[105]),
                    EmissionEntry(start_time=v[106], per_epoch=v[107]),
                    EmissionEntry(start_time=v[108], per_epoch=v[109]),
                    EmissionEntry(start_time=v[110], per_epoch=v[111]),
                    EmissionEntry(start_time=v[112], per_epoch=v[113]),
                    EmissionEntry(start_time=v[114], per_epoch=v[115]),
                    EmissionEntry(start_time=v[116], per_epoch=v[117]),
                    EmissionEntry(start_time=v[118], per_epoch=v[119]),
                    EmissionEntry(start_time=v[120], per_epoch=v[121]),
                    EmissionEntry(start_time=v[122], per_epoch=v[123]),
                    EmissionEntry(start_time=v[124], per_epoch=v[125]),
                    EmissionEntry(start_time=v[126], per_epoch=v[127]),
                ],
                count=v[128],
                padding=list(v[129:133]),
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
    LAYOUT: ClassVar[struct.Struct] = struct.Struct(
        "<32s32s32sqIQQQQqIQIHHHHHHHHIBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"
    )

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
                admin=Pubkey.from_bytes(v[0]),
                fee_reporter=Pubkey.from_bytes(v[1]),
                slash_reporter=Pubkey.from_bytes(v[2]),
                genesis_time=v[3],
                epoch_secs=v[4],
                genesis_total=v[5],
                genesis_minted=v[6],
                epochs_minted=v[7],
                breaker_total=v[8],
                breaker_updated_at=v[9],
                params=TokenParams(
                    breaker_window_secs=v[10],
                    breaker_threshold=v[11],
                    reward_lock_secs=v[12],
                    work_weight_bps=v[13],
                    tier_weights_bps=list(v[14:21]),
                    timelock_secs=v[21],
                ),
                bump=v[22],
                reserved=list(v[23:87]),
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


ACCOUNTS: dict[bytes, type[NetworkStats | ParamsProposal | Schedule | TokenConfig]] = {
    NetworkStats.DISCRIMINATOR: NetworkStats,
    ParamsProposal.DISCRIMINATOR: ParamsProposal,
    Schedule.DISCRIMINATOR: Schedule,
    TokenConfig.DISCRIMINATOR: TokenConfig,
}
