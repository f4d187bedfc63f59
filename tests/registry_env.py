"""The registry sandbox plus the tests' assertion helper."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import pytest
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk.errors import ProgramError, UnknownProgramError
from ionet_sdk.sandbox import NodeHandle, RegistrySandbox, hardware, measurement

__all__ = ["NodeHandle", "RegistryEnv", "hardware", "measurement", "unsigned", "with_account"]

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


class RegistryEnv(RegistrySandbox):
    async def rejects(
        self,
        ixs: Sequence[Instruction],
        payer: Keypair,
        error: type[E],
        signers: Sequence[Keypair] = (),
        watch: Sequence[Pubkey] = (),
    ) -> E:
        """Send, expect `error` (its exact code), and check the watched accounts did not change."""
        before = await self.snapshot(watch)
        with pytest.raises(error) as info:
            await self.send(ixs, payer, signers)
        expected = getattr(error, "code", None)  # UnknownProgramError's code is per instance
        if isinstance(expected, int):
            assert info.value.code == expected, f"expected {error.__name__}, got {info.value}"
        assert await self.snapshot(watch) == before, "a rejected transaction changed state"
        return info.value
