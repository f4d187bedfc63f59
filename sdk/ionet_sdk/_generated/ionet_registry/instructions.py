"""Instruction builders of ionet_registry: typed args and accounts in, a solders Instruction out.

Generated from target/idl/ionet_registry.json by scripts/generate_sdk.py. Do not edit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from solders.instruction import AccountMeta, Instruction
from solders.pubkey import Pubkey

from ionet_sdk.codec import Writer

from .constants import PROGRAM_ID
from .types import (
    ConfigInitArgs,
)


@dataclass(frozen=True, slots=True)
class ConfigInitAccounts:
    """Accounts of `config_init`, in the program's order."""

    config: Pubkey
    upgrade_authority: Pubkey
    """
    Only the program's upgrade authority may create the config, so nobody can
    front-run the deployment with their own admin.
    """
    program_data: Pubkey
    stake_mint: Pubkey
    treasury: Pubkey
    program: Pubkey = Pubkey.from_string("GMJp7x7EvHRbWJEsEn2NAooBGekLr1Zg4ooqibRRET4G")
    system_program: Pubkey = Pubkey.from_string("11111111111111111111111111111111")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=True),
            AccountMeta(self.upgrade_authority, is_signer=True, is_writable=True),
            AccountMeta(self.program, is_signer=False, is_writable=False),
            AccountMeta(self.program_data, is_signer=False, is_writable=False),
            AccountMeta(self.stake_mint, is_signer=False, is_writable=False),
            AccountMeta(self.treasury, is_signer=False, is_writable=False),
            AccountMeta(self.system_program, is_signer=False, is_writable=False),
        ]


DISCRIMINATOR_CONFIG_INIT = bytes([13, 236, 164, 173, 106, 253, 164, 185])


def config_init(
    accounts: ConfigInitAccounts,
    *,
    args: ConfigInitArgs,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Creates the registry config PDA. Signed by the program's upgrade authority;
    sets the admin, slashing authority, verifier set, IO mint, treasury and
    parameters (each checked against its on-chain bounds).
    """
    w = Writer()
    w.raw(DISCRIMINATOR_CONFIG_INIT)
    args.write(w)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])
