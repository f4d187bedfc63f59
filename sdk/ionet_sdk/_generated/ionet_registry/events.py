"""Events of ionet_registry and their decoding from transaction logs.

Generated from target/idl/ionet_registry.json by scripts/generate_sdk.py. Do not edit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from solders.pubkey import Pubkey

from ionet_sdk.codec import Reader, Writer
from ionet_sdk.errors import DecodeError
from ionet_sdk.logs import program_data

from .constants import PROGRAM_ID
from .types import (
    RegistryParams,
)


@dataclass(frozen=True, slots=True)
class ConfigInitialized:
    """The registry config was created."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([181, 49, 200, 156, 19, 167, 178, 91])

    config: Pubkey
    admin: Pubkey
    slashing_authority: Pubkey
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


Event = ConfigInitialized

EVENTS: dict[bytes, type[Event]] = {ConfigInitialized.DISCRIMINATOR: ConfigInitialized}


def decode_event(data: bytes) -> Event:
    """Decode one event (8-byte discriminator + Borsh fields)."""
    cls = EVENTS.get(bytes(data[:8]))
    if cls is None:
        raise DecodeError("unknown ionet_registry event discriminator " + data[:8].hex())
    return cls.decode(data)


def parse_logs(logs: list[str]) -> list[Event]:
    """The ionet_registry events in a transaction's logs, in order."""
    return [decode_event(d) for pid, d in program_data(logs) if pid == str(PROGRAM_ID)]
