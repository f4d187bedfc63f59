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
    """Emission for delivered work (plus any carry). precision: IO base units (1e8)"""
    availability_pool: int
    """Emission for availability (plus any carry). precision: IO base units (1e8)"""
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
                epoch=v[0],
                work_pool=v[1],
                availability_pool=v[2],
                work_points=v[3],
                availability_points=v[4],
                bump=v[5],
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
                minted_genesis=v[0],
                minted_emission=v[1],
                burned_fees=v[2],
                burned_slashes=v[3],
                compute_spend=v[4],
                fees=v[5],
                escrowed_volume=v[6],
                rewards_paid=v[7],
                epochs=[
                    EpochStats(
                        epoch=v[8],
                        minted=v[9],
                        burned_fees=v[10],
                        burned_slashes=v[11],
                        compute_spend=v[12],
                        fees=v[13],
                        work_points=v[14],
                        availability_points=v[15],
                    ),
                    EpochStats(
                        epoch=v[16],
                        minted=v[17],
                        burned_fees=v[18],
                        burned_slashes=v[19],
                        compute_spend=v[20],
                        fees=v[21],
                        work_points=v[22],
                        availability_points=v[23],
                    ),
                    EpochStats(
                        epoch=v[24],
                        minted=v[25],
                        burned_fees=v[26],
                        burned_slashes=v[27],
                        compute_spend=v[28],
                        fees=v[29],
                        work_points=v[30],
                        availability_points=v[31],
                    ),
                    EpochStats(
                        epoch=v[32],
                        minted=v[33],
                        burned_fees=v[34],
                        burned_slashes=v[35],
                        compute_spend=v[36],
                        fees=v[37],
                        work_points=v[38],
                        availability_points=v[39],
                    ),
                    EpochStats(
                        epoch=v[40],
                        minted=v[41],
                        burned_fees=v[42],
                        burned_slashes=v[43],
                        compute_spend=v[44],
                        fees=v[45],
                        work_points=v[46],
                        availability_points=v[47],
                    ),
                    EpochStats(
                        epoch=v[48],
                        minted=v[49],
                        burned_fees=v[50],
                        burned_slashes=v[51],
                        compute_spend=v[52],
                        fees=v[53],
                        work_points=v[54],
                        availability_points=v[55],
                    ),
                    EpochStats(
                        epoch=v[56],
                        minted=v[57],
                        burned_fees=v[58],
                        burned_slashes=v[59],
                        compute_spend=v[60],
                        fees=v[61],
                        work_points=v[62],
                        availability_points=v[63],
                    ),
                    EpochStats(
                        epoch=v[64],
                        minted=v[65],
                        burned_fees=v[66],
                        burned_slashes=v[67],
                        compute_spend=v[68],
                        fees=v[69],
                        work_points=v[70],
                        availability_points=v[71],
                    ),
                    EpochStats(
                        epoch=v[72],
                        minted=v[73],
                        burned_fees=v[74],
                        burned_slashes=v[75],
                        compute_spend=v[76],
                        fees=v[77],
                        work_points=v[78],
                        availability_points=v[79],
                    ),
                    EpochStats(
                        epoch=v[80],
                        minted=v[81],
                        burned_fees=v[82],
                        burned_slashes=v[83],
                        compute_spend=v[84],
                        fees=v[85],
                        work_points=v[86],
                        availability_points=v[87],
                    ),
                    EpochStats(
                        epoch=v[88],
                        minted=v[89],
                        burned_fees=v[90],
                        burned_slashes=v[91],
                        compute_spend=v[92],
                        fees=v[93],
                        work_points=v[94],
                        availability_points=v[95],
                    ),
                    EpochStats(
                        epoch=v[96],
                        minted=v[97],
                        burned_fees=v[98],
                        burned_slashes=v[99],
                        compute_spend=v[100],
                        fees=v[101],
                        work_points=v[102],
                        availability_points=v[103],
                    ),
                    EpochStats(
                        epoch=v[104],
                        minted=v[105],
                        burned_fees=v[106],
                        burned_slashes=v[107],
                        compute_spend=v[108],
                        fees=v[109],
                        work_points=v[110],
                        availability_points=v[111],
                    ),
                    EpochStats(
                        epoch=v[112],
                        minted=v[113],
                        burned_fees=v[114],
                        burned_slashes=v[115],
                        compute_spend=v[116],
                        fees=v[117],
                        work_points=v[118],
                        availability_points=v[119],
                    ),
                    EpochStats(
                        epoch=v[120],
                        minted=v[121],
                        burned_fees=v[122],
                        burned_slashes=v[123],
                        compute_spend=v[124],
                        fees=v[125],
                        work_points=v[126],
                        availability_points=v[127],
                    ),
                    EpochStats(
                        epoch=v[128],
                        minted=v[129],
                        burned_fees=v[130],
                        burned_slashes=v[131],
                        compute_spend=v[132],
                        fees=v[133],
                        work_points=v[134],
                        availability_points=v[135],
                    ),
                    EpochStats(
                        epoch=v[136],
                        minted=v[137],
                        burned_fees=v[138],
                        burned_slashes=v[139],
                        compute_spend=v[140],
                        fees=v[141],
                        work_points=v[142],
                        availability_points=v[143],
                    ),
                    EpochStats(
                        epoch=v[144],
                        minted=v[145],
                        burned_fees=v[146],
                        burned_slashes=v[147],
                        compute_spend=v[148],
                        fees=v[149],
                        work_points=v[150],
                        availability_points=v[151],
                    ),
                    EpochStats(
                        epoch=v[152],
                        minted=v[153],
                        burned_fees=v[154],
                        burned_slashes=v[155],
                        compute_spend=v[156],
                        fees=v[157],
                        work_points=v[158],
                        availability_points=v[159],
                    ),
                    EpochStats(
                        epoch=v[160],
                        minted=v[161],
                        burned_fees=v[162],
                        burned_slashes=v[163],
                        compute_spend=v[164],
                        fees=v[165],
                        work_points=v[166],
                        availability_points=v[167],
                    ),
                    EpochStats(
                        epoch=v[168],
                        minted=v[169],
                        burned_fees=v[170],
                        burned_slashes=v[171],
                        compute_spend=v[172],
                        fees=v[173],
                        work_points=v[174],
                        availability_points=v[175],
                    ),
                    EpochStats(
                        epoch=v[176],
                        minted=v[177],
                        burned_fees=v[178],
                        burned_slashes=v[179],
                        compute_spend=v[180],
                        fees=v[181],
                        work_points=v[182],
                        availability_points=v[183],
                    ),
                    EpochStats(
                        epoch=v[184],
                        minted=v[185],
                        burned_fees=v[186],
                        burned_slashes=v[187],
                        compute_spend=v[188],
                        fees=v[189],
                        work_points=v[190],
                        availability_points=v[191],
                    ),
                    EpochStats(
                        epoch=v[192],
                        minted=v[193],
                        burned_fees=v[194],
                        burned_slashes=v[195],
                        compute_spend=v[196],
                        fees=v[197],
                        work_points=v[198],
                        availability_points=v[199],
                    ),
                    EpochStats(
                        epoch=v[200],
                        minted=v[201],
                        burned_fees=v[202],
                        burned_slashes=v[203],
                        compute_spend=v[204],
                        fees=v[205],
                        work_points=v[206],
                        availability_points=v[207],
                    ),
                    EpochStats(
                        epoch=v[208],
                        minted=v[209],
                        burned_fees=v[210],
                        burned_slashes=v[211],
                        compute_spend=v[212],
                        fees=v[213],
                        work_points=v[214],
                        availability_points=v[215],
                    ),
                    EpochStats(
                        epoch=v[216],
                        minted=v[217],
                        burned_fees=v[218],
                        burned_slashes=v[219],
                        compute_spend=v[220],
                        fees=v[221],
                        work_points=v[222],
                        availability_points=v[223],
                    ),
                    EpochStats(
                        epoch=v[224],
                        minted=v[225],
                        burned_fees=v[226],
                        burned_slashes=v[227],
                        compute_spend=v[228],
                        fees=v[229],
                        work_points=v[230],
                        availability_points=v[231],
                    ),
                    EpochStats(
                        epoch=v[232],
                        minted=v[233],
                        burned_fees=v[234],
                        burned_slashes=v[235],
                        compute_spend=v[236],
                        fees=v[237],
                        work_points=v[238],
                        availability_points=v[239],
                    ),
                    EpochStats(
                        epoch=v[240],
                        minted=v[241],
                        burned_fees=v[242],
                        burned_slashes=v[243],
                        compute_spend=v[244],
                        fees=v[245],
                        work_points=v[246],
                        availability_points=v[247],
                    ),
                    EpochStats(
                        epoch=v[248],
                        minted=v[249],
                        burned_fees=v[250],
                        burned_slashes=v[251],
                        compute_spend=v[252],
                        fees=v[253],
                        work_points=v[254],
                        availability_points=v[255],
                    ),
                    EpochStats(
                        epoch=v[256],
                        minted=v[257],
                        burned_fees=v[258],
                        burned_slashes=v[259],
                        compute_spend=v[260],
                        fees=v[261],
                        work_points=v[262],
                        availability_points=v[263],
                    ),
                    EpochStats(
                        epoch=v[264],
                        minted=v[265],
                        burned_fees=v[266],
                        burned_slashes=v[267],
                        compute_spend=v[268],
                        fees=v[269],
                        work_points=v[270],
                        availability_points=v[271],
                    ),
                    EpochStats(
                        epoch=v[272],
                        minted=v[273],
                        burned_fees=v[274],
                        burned_slashes=v[275],
                        compute_spend=v[276],
                        fees=v[277],
                        work_points=v[278],
                        availability_points=v[279],
                    ),
                    EpochStats(
                        epoch=v[280],
                        minted=v[281],
                        burned_fees=v[282],
                        burned_slashes=v[283],
                        compute_spend=v[284],
                        fees=v[285],
                        work_points=v[286],
                        availability_points=v[287],
                    ),
                    EpochStats(
                        epoch=v[288],
                        minted=v[289],
                        burned_fees=v[290],
                        burned_slashes=v[291],
                        compute_spend=v[292],
                        fees=v[293],
                        work_points=v[294],
                        availability_points=v[295],
                    ),
                    EpochStats(
                        epoch=v[296],
                        minted=v[297],
                        burned_fees=v[298],
                        burned_slashes=v[299],
                        compute_spend=v[300],
                        fees=v[301],
                        work_points=v[302],
                        availability_points=v[303],
                    ),
                    EpochStats(
                        epoch=v[304],
                        minted=v[305],
                        burned_fees=v[306],
                        burned_slashes=v[307],
                        compute_spend=v[308],
                        fees=v[309],
                        work_points=v[310],
                        availability_points=v[311],
                    ),
                    EpochStats(
                        epoch=v[312],
                        minted=v[313],
                        burned_fees=v[314],
                        burned_slashes=v[315],
                        compute_spend=v[316],
                        fees=v[317],
                        work_points=v[318],
                        availability_points=v[319],
                    ),
                    EpochStats(
                        epoch=v[320],
                        minted=v[321],
                        burned_fees=v[322],
                        burned_slashes=v[323],
                        compute_spend=v[324],
                        fees=v[325],
                        work_points=v[326],
                        availability_points=v[327],
                    ),
                    EpochStats(
                        epoch=v[328],
                        minted=v[329],
                        burned_fees=v[330],
                        burned_slashes=v[331],
                        compute_spend=v[332],
                        fees=v[333],
                        work_points=v[334],
                        availability_points=v[335],
                    ),
                    EpochStats(
                        epoch=v[336],
                        minted=v[337],
                        burned_fees=v[338],
                        burned_slashes=v[339],
                        compute_spend=v[340],
                        fees=v[341],
                        work_points=v[342],
                        availability_points=v[343],
                    ),
                    EpochStats(
                        epoch=v[344],
                        minted=v[345],
                        burned_fees=v[346],
                        burned_slashes=v[347],
                        compute_spend=v[348],
                        fees=v[349],
                        work_points=v[350],
                        availability_points=v[351],
                    ),
                    EpochStats(
                        epoch=v[352],
                        minted=v[353],
                        burned_fees=v[354],
                        burned_slashes=v[355],
                        compute_spend=v[356],
                        fees=v[357],
                        work_points=v[358],
                        availability_points=v[359],
                    ),
                    EpochStats(
                        epoch=v[360],
                        minted=v[361],
                        burned_fees=v[362],
                        burned_slashes=v[363],
                        compute_spend=v[364],
                        fees=v[365],
                        work_points=v[366],
                        availability_points=v[367],
                    ),
                    EpochStats(
                        epoch=v[368],
                        minted=v[369],
                        burned_fees=v[370],
                        burned_slashes=v[371],
                        compute_spend=v[372],
                        fees=v[373],
                        work_points=v[374],
                        availability_points=v[375],
                    ),
                    EpochStats(
                        epoch=v[376],
                        minted=v[377],
                        burned_fees=v[378],
                        burned_slashes=v[379],
                        compute_spend=v[380],
                        fees=v[381],
                        work_points=v[382],
                        availability_points=v[383],
                    ),
                    EpochStats(
                        epoch=v[384],
                        minted=v[385],
                        burned_fees=v[386],
                        burned_slashes=v[387],
                        compute_spend=v[388],
                        fees=v[389],
                        work_points=v[390],
                        availability_points=v[391],
                    ),
                    EpochStats(
                        epoch=v[392],
                        minted=v[393],
                        burned_fees=v[394],
                        burned_slashes=v[395],
                        compute_spend=v[396],
                        fees=v[397],
                        work_points=v[398],
                        availability_points=v[399],
                    ),
                    EpochStats(
                        epoch=v[400],
                        minted=v[401],
                        burned_fees=v[402],
                        burned_slashes=v[403],
                        compute_spend=v[404],
                        fees=v[405],
                        work_points=v[406],
                        availability_points=v[407],
                    ),
                    EpochStats(
                        epoch=v[408],
                        minted=v[409],
                        burned_fees=v[410],
                        burned_slashes=v[411],
                        compute_spend=v[412],
                        fees=v[413],
                        work_points=v[414],
                        availability_points=v[415],
                    ),
                    EpochStats(
                        epoch=v[416],
                        minted=v[417],
                        burned_fees=v[418],
                        burned_slashes=v[419],
                        compute_spend=v[420],
                        fees=v[421],
                        work_points=v[422],
                        availability_points=v[423],
                    ),
                    EpochStats(
                        epoch=v[424],
                        minted=v[425],
                        burned_fees=v[426],
                        burned_slashes=v[427],
                        compute_spend=v[428],
                        fees=v[429],
                        work_points=v[430],
                        availability_points=v[431],
                    ),
                    EpochStats(
                        epoch=v[432],
                        minted=v[433],
                        burned_fees=v[434],
                        burned_slashes=v[435],
                        compute_spend=v[436],
                        fees=v[437],
                        work_points=v[438],
                        availability_points=v[439],
                    ),
                    EpochStats(
                        epoch=v[440],
                        minted=v[441],
                        burned_fees=v[442],
                        burned_slashes=v[443],
                        compute_spend=v[444],
                        fees=v[445],
                        work_points=v[446],
                        availability_points=v[447],
                    ),
                    EpochStats(
                        epoch=v[448],
                        minted=v[449],
                        burned_fees=v[450],
                        burned_slashes=v[451],
                        compute_spend=v[452],
                        fees=v[453],
                        work_points=v[454],
                        availability_points=v[455],
                    ),
                    EpochStats(
                        epoch=v[456],
                        minted=v[457],
                        burned_fees=v[458],
                        burned_slashes=v[459],
                        compute_spend=v[460],
                        fees=v[461],
                        work_points=v[462],
                        availability_points=v[463],
                    ),
                    EpochStats(
                        epoch=v[464],
                        minted=v[465],
                        burned_fees=v[466],
                        burned_slashes=v[467],
                        compute_spend=v[468],
                        fees=v[469],
                        work_points=v[470],
                        availability_points=v[471],
                    ),
                    EpochStats(
                        epoch=v[472],
                        minted=v[473],
                        burned_fees=v[474],
                        burned_slashes=v[475],
                        compute_spend=v[476],
                        fees=v[477],
                        work_points=v[478],
                        availability_points=v[479],
                    ),
                    EpochStats(
                        epoch=v[480],
                        minted=v[481],
                        burned_fees=v[482],
                        burned_slashes=v[483],
                        compute_spend=v[484],
                        fees=v[485],
                        work_points=v[486],
                        availability_points=v[487],
                    ),
                    EpochStats(
                        epoch=v[488],
                        minted=v[489],
                        burned_fees=v[490],
                        burned_slashes=v[491],
                        compute_spend=v[492],
                        fees=v[493],
                        work_points=v[494],
                        availability_points=v[495],
                    ),
                    EpochStats(
                        epoch=v[496],
                        minted=v[497],
                        burned_fees=v[498],
                        burned_slashes=v[499],
                        compute_spend=v[500],
                        fees=v[501],
                        work_points=v[502],
                        availability_points=v[503],
                    ),
                    EpochStats(
                        epoch=v[504],
                        minted=v[505],
                        burned_fees=v[506],
                        burned_slashes=v[507],
                        compute_spend=v[508],
                        fees=v[509],
                        work_points=v[510],
                        availability_points=v[511],
                    ),
                    EpochStats(
                        epoch=v[512],
                        minted=v[513],
                        burned_fees=v[514],
                        burned_slashes=v[515],
                        compute_spend=v[516],
                        fees=v[517],
                        work_points=v[518],
                        availability_points=v[519],
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
        "<QqQQQQQ32s32sQQQBBBBBBBBQQQBBBBBBBBQQQBBBBBBBBQQQBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"
    )

    locked: int
    """Resolved rewards not yet paid: slashes can still take them. precision: IO base units (1e8)"""
    unlock_at: int
    """When `locked` may be paid (a new resolution restarts it). unit: unix seconds"""
    claimed_total: int
    """precision: IO base units (1e8)"""
    forfeited_total: int
    """Taken by slashes. precision: IO base units (1e8)"""
    last_delivered: int
    """The node's delivered GPU-seconds when work was last accrued."""
    last_availability_epoch: int
    """The last epoch availability was credited for; u64::MAX before the first."""
    last_slashed_total: int
    """The node's slashed total last seen (new slashes take locked rewards)."""
    node: Pubkey
    beneficiary: Pubkey
    """The node's operator: signs claims and is paid."""
    buckets: list[Bucket]
    bump: int
    padding: list[int]
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
                locked=v[0],
                unlock_at=v[1],
                claimed_total=v[2],
                forfeited_total=v[3],
                last_delivered=v[4],
                last_availability_epoch=v[5],
                last_slashed_total=v[6],
                node=Pubkey.from_bytes(v[7]),
                beneficiary=Pubkey.from_bytes(v[8]),
                buckets=[
                    Bucket(
                        epoch=v[9],
                        work_points=v[10],
                        availability_points=v[11],
                        used=v[12],
                        padding=list(v[13:20]),
                    ),
                    Bucket(
                        epoch=v[20],
                        work_points=v[21],
                        availability_points=v[22],
                        used=v[23],
                        padding=list(v[24:31]),
                    ),
                    Bucket(
                        epoch=v[31],
                        work_points=v[32],
                        availability_points=v[33],
                        used=v[34],
                        padding=list(v[35:42]),
                    ),
                    Bucket(
                        epoch=v[42],
                        work_points=v[43],
                        availability_points=v[44],
                        used=v[45],
                        padding=list(v[46:53]),
                    ),
                ],
                bump=v[53],
                padding=list(v[54:61]),
                reserved=list(v[61:93]),
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
        w.u8(self.bump)
        w.array(self.padding, Writer.u8, 7)
        w.array(self.reserved, Writer.u8, 32)

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
        "<32s32s32sqIQQQQqHHIQIHHHHHHHHIQQBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"
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
    carry_work: int
    """
    Work rewards of epochs nobody worked in, added to the next epoch's pool.
    precision: IO base units (1e8)
    """
    carry_availability: int
    """
    Availability rewards of epochs no node was available in, likewise.
    precision: IO base units (1e8)
    """
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
                    fee_bps=v[10],
                    fee_burn_bps=v[11],
                    breaker_window_secs=v[12],
                    breaker_threshold=v[13],
                    reward_lock_secs=v[14],
                    work_weight_bps=v[15],
                    tier_weights_bps=list(v[16:23]),
                    timelock_secs=v[23],
                ),
                carry_work=v[24],
                carry_availability=v[25],
                bump=v[26],
                reserved=list(v[27:91]),
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
