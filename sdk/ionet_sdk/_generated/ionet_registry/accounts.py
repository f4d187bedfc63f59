"""Accounts of ionet_registry: decode, fetch and fetch_multiple.

Generated from target/idl/ionet_registry.json by scripts/generate_sdk.py. Do not edit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from solders.pubkey import Pubkey

from ionet_sdk.accounts import AccountInfo, AccountSource
from ionet_sdk.codec import Reader, Writer
from ionet_sdk.errors import AccountDiscriminatorMismatchError, AccountOwnerMismatchError

from .constants import PROGRAM_ID
from .types import (
    RegistryParams,
)


@dataclass(frozen=True, slots=True)
class RegistryConfig:
    """Seeds: `[CONFIG_SEED]`. One per program."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([23, 118, 10, 246, 173, 231, 243, 156])

    admin: Pubkey
    """Changes parameters and authorities, resolves appeals. Any pubkey (a multisig works)."""
    slashing_authority: Pubkey
    """May propose slashes."""
    stake_mint: Pubkey
    """The IO mint stakes are bonded in."""
    treasury: Pubkey
    """IO token account receiving the non-burned share of slashes."""
    verifiers: list[Pubkey]
    """Keys allowed to record proof-of-compute attestations."""
    params: RegistryParams
    node_count: int
    """Nodes registered and not deregistered."""
    bump: int
    reserved: list[int]
    """Space for fields added by later versions."""

    @classmethod
    def read(cls, r: Reader) -> RegistryConfig:
        return cls(
            admin=r.pubkey(),
            slashing_authority=r.pubkey(),
            stake_mint=r.pubkey(),
            treasury=r.pubkey(),
            verifiers=r.vec(Reader.pubkey),
            params=RegistryParams.read(r),
            node_count=r.u64(),
            bump=r.u8(),
            reserved=r.array(Reader.u8, 64),
        )

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.admin)
        w.pubkey(self.slashing_authority)
        w.pubkey(self.stake_mint)
        w.pubkey(self.treasury)
        w.vec(self.verifiers, Writer.pubkey)
        self.params.write(w)
        w.u64(self.node_count)
        w.u8(self.bump)
        w.array(self.reserved, Writer.u8, 64)

    @classmethod
    def decode(cls, data: bytes) -> RegistryConfig:
        """Decode account data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise AccountDiscriminatorMismatchError("not a RegistryConfig: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()

    @classmethod
    def from_account(cls, info: AccountInfo) -> RegistryConfig:
        """Decode an account read from a connection, checking its owner."""
        if info.owner != PROGRAM_ID:
            raise AccountOwnerMismatchError(f"{info.address} is owned by {info.owner}, not ionet_registry")
        return cls.decode(info.data)

    @classmethod
    async def fetch(cls, conn: AccountSource, address: Pubkey) -> RegistryConfig | None:
        """Fetch and decode; None if the account does not exist."""
        info = await conn.get_account(address)
        return None if info is None else cls.from_account(info)

    @classmethod
    async def fetch_multiple(
        cls, conn: AccountSource, addresses: Sequence[Pubkey]
    ) -> list[RegistryConfig | None]:
        infos = await conn.get_multiple_accounts(addresses)
        return [None if i is None else cls.from_account(i) for i in infos]


ACCOUNTS: dict[bytes, type[RegistryConfig]] = {RegistryConfig.DISCRIMINATOR: RegistryConfig}
