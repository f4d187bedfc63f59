"""The registry sandbox plus the tests' assertion helper."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

import pytest
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk.connection import SendResult
from ionet_sdk.errors import ProgramError, UnknownProgramError
from ionet_sdk.svm import EmbeddedConnection
from ionet_sdk.testing.registry import NodeHandle, RegistrySandbox, hardware, measurement

__all__ = ["NodeHandle", "RegistryEnv", "Rejects", "hardware", "measurement", "unsigned", "with_account"]

E = TypeVar("E", bound=ProgramError | UnknownProgramError)


def unsigned(ix: Instruction, key: Pubkey) -> Instruction:
    """The same instruction with `key` no longer marked as a signer (a missing-signer attack)."""
    metas = [AccountMeta(m.pubkey, m.is_signer and m.pubkey != key, m.is_writable) for m in ix.accounts]
    return Instruction(ix.program_id, ix.data, metas)


def with_account(ix: Instruction, index: int, key: Pubkey) -> Instruction:
    """The same instruction with account `index` replaced by `key`."""
    metas = list(ix.accounts)
    old = metas[index]
    metas[index] = AccountMeta(key, old.is_signer, old.is_writable)
    return Instruction(ix.program_id, ix.data, metas)


class Rejects:
    """`rejects` for any sandbox with `conn` and `send`."""

    conn: EmbeddedConnection

    if TYPE_CHECKING:

        async def send(
            self, ixs: Sequence[Instruction], payer: Keypair, signers: Sequence[Keypair] = ()
        ) -> SendResult: ...

    async def rejects(
        self,
        ixs: Sequence[Instruction],
        payer: Keypair,
        error: type[E],
        signers: Sequence[Keypair] = (),
        watch: Sequence[Pubkey] = (),
    ) -> E:
        """Send, expect `error` (its exact code), and check the watched accounts did not change."""
        before = [await self.conn.get_account(a) for a in watch]
        with pytest.raises(error) as info:
            await self.send(ixs, payer, signers)
        expected = getattr(error, "code", None)  # UnknownProgramError's code is per instance
        if isinstance(expected, int):
            assert info.value.code == expected, f"expected {error.__name__}, got {info.value}"
        assert [await self.conn.get_account(a) for a in watch] == before, (
            "a rejected transaction changed state"
        )
        return info.value


class RegistryEnv(Rejects, RegistrySandbox):
    """The registry sandbox with `rejects`."""
