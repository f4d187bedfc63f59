"""Instruction builders of ionet_token: typed args and accounts in, a solders Instruction out.

Generated from target/idl/ionet_token.json by scripts/generate_sdk.py. Do not edit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from solders.instruction import AccountMeta, Instruction
from solders.pubkey import Pubkey

from ionet_sdk.codec import Writer

from .constants import PROGRAM_ID
from .types import (
    AuthorityUpdateArgs,
    FeesBurnArgs,
    ParamsProposeArgs,
    TokenInitArgs,
)


@dataclass(frozen=True, slots=True)
class AuthorityUpdateAccounts:
    """Accounts of `authority_update`, in the program's order."""

    admin: Pubkey
    config: Pubkey = Pubkey.from_string("2WMny8zHr4z88VahXtMWQYGDybYPwPJnAmAi7byZuvu5")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=True),
            AccountMeta(self.admin, is_signer=True, is_writable=False),
        ]


DISCRIMINATOR_AUTHORITY_UPDATE = bytes([213, 12, 56, 209, 76, 92, 170, 216])


def authority_update(
    accounts: AuthorityUpdateAccounts,
    *,
    args: AuthorityUpdateArgs,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """Admin: hands over the admin role or sets the burn reporters."""
    w = Writer()
    w.raw(DISCRIMINATOR_AUTHORITY_UPDATE)
    args.write(w)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class EmissionMintEpochAccounts:
    """Accounts of `emission_mint_epoch`, in the program's order."""

    epoch_record: Pubkey
    """The epoch's reward record, created here."""
    cranker: Pubkey
    """Anyone; pays the epoch record's rent."""
    config: Pubkey = Pubkey.from_string("2WMny8zHr4z88VahXtMWQYGDybYPwPJnAmAi7byZuvu5")
    schedule: Pubkey = Pubkey.from_string("Fh83b3s28GmUuYg9NcAPpTg2FArrBxusfa8D9HkQAsDY")
    stats: Pubkey = Pubkey.from_string("kSeQWbzavGtoL1fkhrr6fwpD1GN4v9sMTTHru9XnSkV")
    mint: Pubkey = Pubkey.from_string("bnroVMFSZEj7c43t2KfAZeBvitJPFUQmyYJYyLWYxiu")
    reward_vault: Pubkey = Pubkey.from_string("3AatCYdNKUY1V46zDkF7jsAtSCiaXyHg6FifMKa5hQhd")
    authority: Pubkey = Pubkey.from_string("Ep4J6e159gDknGj8SYgVZTXH5R9FVaVa5kdrDcL9LJJA")
    token_program: Pubkey = Pubkey.from_string("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA")
    system_program: Pubkey = Pubkey.from_string("11111111111111111111111111111111")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=True),
            AccountMeta(self.schedule, is_signer=False, is_writable=False),
            AccountMeta(self.stats, is_signer=False, is_writable=True),
            AccountMeta(self.mint, is_signer=False, is_writable=True),
            AccountMeta(self.reward_vault, is_signer=False, is_writable=True),
            AccountMeta(self.authority, is_signer=False, is_writable=False),
            AccountMeta(self.epoch_record, is_signer=False, is_writable=True),
            AccountMeta(self.cranker, is_signer=True, is_writable=True),
            AccountMeta(self.token_program, is_signer=False, is_writable=False),
            AccountMeta(self.system_program, is_signer=False, is_writable=False),
        ]


DISCRIMINATOR_EMISSION_MINT_EPOCH = bytes([189, 134, 88, 210, 149, 243, 162, 107])


def emission_mint_epoch(
    accounts: EmissionMintEpochAccounts,
    *,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Anyone: mints the next ended epoch's emission into the reward pool, once,
    within the cap and the circuit breaker.
    """
    w = Writer()
    w.raw(DISCRIMINATOR_EMISSION_MINT_EPOCH)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class FeesBurnAccounts:
    """Accounts of `fees_burn`, in the program's order."""

    source: Pubkey
    """
    The IO account burned from (the token program checks its mint and that
    `source_authority` may burn from it).
    """
    source_authority: Pubkey
    reporter: Pubkey
    """The escrow's authority (fees) or the registry's (slashes), signing by CPI."""
    config: Pubkey = Pubkey.from_string("2WMny8zHr4z88VahXtMWQYGDybYPwPJnAmAi7byZuvu5")
    stats: Pubkey = Pubkey.from_string("kSeQWbzavGtoL1fkhrr6fwpD1GN4v9sMTTHru9XnSkV")
    mint: Pubkey = Pubkey.from_string("bnroVMFSZEj7c43t2KfAZeBvitJPFUQmyYJYyLWYxiu")
    token_program: Pubkey = Pubkey.from_string("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=False),
            AccountMeta(self.stats, is_signer=False, is_writable=True),
            AccountMeta(self.mint, is_signer=False, is_writable=True),
            AccountMeta(self.source, is_signer=False, is_writable=True),
            AccountMeta(self.source_authority, is_signer=True, is_writable=False),
            AccountMeta(self.reporter, is_signer=True, is_writable=False),
            AccountMeta(self.token_program, is_signer=False, is_writable=False),
        ]


DISCRIMINATOR_FEES_BURN = bytes([85, 99, 158, 203, 175, 165, 178, 185])


def fees_burn(
    accounts: FeesBurnAccounts,
    *,
    args: FeesBurnArgs,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Fee or slash reporter (the escrow / the registry, by CPI): burns IO and
    records it, with the compute spend and fees it came from, in the stats.
    """
    w = Writer()
    w.raw(DISCRIMINATOR_FEES_BURN)
    args.write(w)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class GenesisMintAccounts:
    """Accounts of `genesis_mint`, in the program's order."""

    destination: Pubkey
    """Any IO token account: a recipient of the genesis allocation."""
    admin: Pubkey
    config: Pubkey = Pubkey.from_string("2WMny8zHr4z88VahXtMWQYGDybYPwPJnAmAi7byZuvu5")
    stats: Pubkey = Pubkey.from_string("kSeQWbzavGtoL1fkhrr6fwpD1GN4v9sMTTHru9XnSkV")
    mint: Pubkey = Pubkey.from_string("bnroVMFSZEj7c43t2KfAZeBvitJPFUQmyYJYyLWYxiu")
    authority: Pubkey = Pubkey.from_string("Ep4J6e159gDknGj8SYgVZTXH5R9FVaVa5kdrDcL9LJJA")
    token_program: Pubkey = Pubkey.from_string("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=True),
            AccountMeta(self.stats, is_signer=False, is_writable=True),
            AccountMeta(self.mint, is_signer=False, is_writable=True),
            AccountMeta(self.destination, is_signer=False, is_writable=True),
            AccountMeta(self.authority, is_signer=False, is_writable=False),
            AccountMeta(self.admin, is_signer=True, is_writable=False),
            AccountMeta(self.token_program, is_signer=False, is_writable=False),
        ]


DISCRIMINATOR_GENESIS_MINT = bytes([215, 224, 254, 185, 143, 111, 192, 212])


def genesis_mint(
    accounts: GenesisMintAccounts,
    *,
    amount: int,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """Admin: mints part of the genesis allocation to a recipient."""
    w = Writer()
    w.raw(DISCRIMINATOR_GENESIS_MINT)
    w.u64(amount)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class ParamsCancelAccounts:
    """Accounts of `params_cancel`, in the program's order."""

    admin: Pubkey
    config: Pubkey = Pubkey.from_string("2WMny8zHr4z88VahXtMWQYGDybYPwPJnAmAi7byZuvu5")
    proposal: Pubkey = Pubkey.from_string("AV9RQqVukpF3EYnWwddSiiniyinwj7VbpVuQoBzK2J5F")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=False),
            AccountMeta(self.proposal, is_signer=False, is_writable=True),
            AccountMeta(self.admin, is_signer=True, is_writable=False),
        ]


DISCRIMINATOR_PARAMS_CANCEL = bytes([77, 133, 103, 64, 244, 134, 181, 217])


def params_cancel(
    accounts: ParamsCancelAccounts,
    *,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """Admin: withdraws the pending proposal."""
    w = Writer()
    w.raw(DISCRIMINATOR_PARAMS_CANCEL)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class ParamsExecuteAccounts:
    """Accounts of `params_execute`, in the program's order."""

    admin: Pubkey
    config: Pubkey = Pubkey.from_string("2WMny8zHr4z88VahXtMWQYGDybYPwPJnAmAi7byZuvu5")
    proposal: Pubkey = Pubkey.from_string("AV9RQqVukpF3EYnWwddSiiniyinwj7VbpVuQoBzK2J5F")
    schedule: Pubkey = Pubkey.from_string("Fh83b3s28GmUuYg9NcAPpTg2FArrBxusfa8D9HkQAsDY")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=True),
            AccountMeta(self.proposal, is_signer=False, is_writable=True),
            AccountMeta(self.schedule, is_signer=False, is_writable=True),
            AccountMeta(self.admin, is_signer=True, is_writable=False),
        ]


DISCRIMINATOR_PARAMS_EXECUTE = bytes([163, 68, 40, 52, 173, 146, 193, 34])


def params_execute(
    accounts: ParamsExecuteAccounts,
    *,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """Admin: executes the pending proposal once its timelock has passed."""
    w = Writer()
    w.raw(DISCRIMINATOR_PARAMS_EXECUTE)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class ParamsProposeAccounts:
    """Accounts of `params_propose`, in the program's order."""

    admin: Pubkey
    config: Pubkey = Pubkey.from_string("2WMny8zHr4z88VahXtMWQYGDybYPwPJnAmAi7byZuvu5")
    proposal: Pubkey = Pubkey.from_string("AV9RQqVukpF3EYnWwddSiiniyinwj7VbpVuQoBzK2J5F")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=False),
            AccountMeta(self.proposal, is_signer=False, is_writable=True),
            AccountMeta(self.admin, is_signer=True, is_writable=False),
        ]


DISCRIMINATOR_PARAMS_PROPOSE = bytes([228, 19, 103, 231, 110, 133, 163, 202])


def params_propose(
    accounts: ParamsProposeAccounts,
    *,
    args: ParamsProposeArgs,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """Admin: proposes parameters and schedule entries, executable after the timelock."""
    w = Writer()
    w.raw(DISCRIMINATOR_PARAMS_PROPOSE)
    args.write(w)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class RewardsAccrueAccounts:
    """Accounts of `rewards_accrue`, in the program's order."""

    reward: Pubkey
    node: Pubkey
    """The registry node."""
    config: Pubkey = Pubkey.from_string("2WMny8zHr4z88VahXtMWQYGDybYPwPJnAmAi7byZuvu5")
    stats: Pubkey = Pubkey.from_string("kSeQWbzavGtoL1fkhrr6fwpD1GN4v9sMTTHru9XnSkV")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=False),
            AccountMeta(self.stats, is_signer=False, is_writable=True),
            AccountMeta(self.reward, is_signer=False, is_writable=True),
            AccountMeta(self.node, is_signer=False, is_writable=False),
        ]


DISCRIMINATOR_REWARDS_ACCRUE = bytes([71, 141, 86, 217, 55, 239, 43, 145])


def rewards_accrue(
    accounts: RewardsAccrueAccounts,
    *,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Anyone (the node's agent, each epoch): credits the epoch with the node's new
    work and, if active, its availability, read from the registry; resolves
    minted epochs (remaining accounts: their records) into locked tranches.
    """
    w = Writer()
    w.raw(DISCRIMINATOR_REWARDS_ACCRUE)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class RewardsClaimAccounts:
    """Accounts of `rewards_claim`, in the program's order."""

    reward: Pubkey
    node: Pubkey
    """The registry node (its new slashes take locked rewards first)."""
    destination: Pubkey
    """The operator's IO account."""
    beneficiary: Pubkey
    config: Pubkey = Pubkey.from_string("2WMny8zHr4z88VahXtMWQYGDybYPwPJnAmAi7byZuvu5")
    stats: Pubkey = Pubkey.from_string("kSeQWbzavGtoL1fkhrr6fwpD1GN4v9sMTTHru9XnSkV")
    mint: Pubkey = Pubkey.from_string("bnroVMFSZEj7c43t2KfAZeBvitJPFUQmyYJYyLWYxiu")
    reward_vault: Pubkey = Pubkey.from_string("3AatCYdNKUY1V46zDkF7jsAtSCiaXyHg6FifMKa5hQhd")
    authority: Pubkey = Pubkey.from_string("Ep4J6e159gDknGj8SYgVZTXH5R9FVaVa5kdrDcL9LJJA")
    token_program: Pubkey = Pubkey.from_string("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=False),
            AccountMeta(self.stats, is_signer=False, is_writable=True),
            AccountMeta(self.reward, is_signer=False, is_writable=True),
            AccountMeta(self.node, is_signer=False, is_writable=False),
            AccountMeta(self.mint, is_signer=False, is_writable=True),
            AccountMeta(self.reward_vault, is_signer=False, is_writable=True),
            AccountMeta(self.destination, is_signer=False, is_writable=True),
            AccountMeta(self.authority, is_signer=False, is_writable=False),
            AccountMeta(self.beneficiary, is_signer=True, is_writable=False),
            AccountMeta(self.token_program, is_signer=False, is_writable=False),
        ]


DISCRIMINATOR_REWARDS_CLAIM = bytes([39, 246, 137, 230, 81, 254, 178, 51])


def rewards_claim(
    accounts: RewardsClaimAccounts,
    *,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Operator: resolves minted epochs into the locked balance (remaining
    accounts: their epoch records) and is paid what finished its lock.
    """
    w = Writer()
    w.raw(DISCRIMINATOR_REWARDS_CLAIM)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class RewardsCloseAccounts:
    """Accounts of `rewards_close`, in the program's order."""

    reward: Pubkey
    node: Pubkey
    """The registry node (no slash of it may be pending)."""
    beneficiary: Pubkey

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.reward, is_signer=False, is_writable=True),
            AccountMeta(self.node, is_signer=False, is_writable=False),
            AccountMeta(self.beneficiary, is_signer=True, is_writable=True),
        ]


DISCRIMINATOR_REWARDS_CLOSE = bytes([227, 32, 134, 96, 138, 137, 40, 86])


def rewards_close(
    accounts: RewardsCloseAccounts,
    *,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Beneficiary: closes a node's reward account once nothing is locked and no
    points wait to be resolved; the rent returns to the beneficiary. The
    registry deregisters a node only once its reward account is closed.
    """
    w = Writer()
    w.raw(DISCRIMINATOR_REWARDS_CLOSE)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class RewardsForfeitAccounts:
    """Accounts of `rewards_forfeit`, in the program's order."""

    reward: Pubkey
    node: Pubkey
    """The registry node."""
    config: Pubkey = Pubkey.from_string("2WMny8zHr4z88VahXtMWQYGDybYPwPJnAmAi7byZuvu5")
    stats: Pubkey = Pubkey.from_string("kSeQWbzavGtoL1fkhrr6fwpD1GN4v9sMTTHru9XnSkV")
    mint: Pubkey = Pubkey.from_string("bnroVMFSZEj7c43t2KfAZeBvitJPFUQmyYJYyLWYxiu")
    reward_vault: Pubkey = Pubkey.from_string("3AatCYdNKUY1V46zDkF7jsAtSCiaXyHg6FifMKa5hQhd")
    authority: Pubkey = Pubkey.from_string("Ep4J6e159gDknGj8SYgVZTXH5R9FVaVa5kdrDcL9LJJA")
    token_program: Pubkey = Pubkey.from_string("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=False),
            AccountMeta(self.stats, is_signer=False, is_writable=True),
            AccountMeta(self.reward, is_signer=False, is_writable=True),
            AccountMeta(self.node, is_signer=False, is_writable=False),
            AccountMeta(self.mint, is_signer=False, is_writable=True),
            AccountMeta(self.reward_vault, is_signer=False, is_writable=True),
            AccountMeta(self.authority, is_signer=False, is_writable=False),
            AccountMeta(self.token_program, is_signer=False, is_writable=False),
        ]


DISCRIMINATOR_REWARDS_FORFEIT = bytes([22, 27, 39, 111, 98, 147, 107, 13])


def rewards_forfeit(
    accounts: RewardsForfeitAccounts,
    *,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Anyone, after a slash: resolves minted epochs (remaining accounts: the
    records of every minted epoch the account holds points for, else
    `EpochRecordsMissing`), then burns the share of the node's locked rewards
    the slash took of its stake.
    """
    w = Writer()
    w.raw(DISCRIMINATOR_REWARDS_FORFEIT)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class RewardsOpenAccounts:
    """Accounts of `rewards_open`, in the program's order."""

    reward: Pubkey
    node: Pubkey
    """The registry node whose rewards this account collects."""
    payer: Pubkey
    system_program: Pubkey = Pubkey.from_string("11111111111111111111111111111111")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.reward, is_signer=False, is_writable=True),
            AccountMeta(self.node, is_signer=False, is_writable=False),
            AccountMeta(self.payer, is_signer=True, is_writable=True),
            AccountMeta(self.system_program, is_signer=False, is_writable=False),
        ]


DISCRIMINATOR_REWARDS_OPEN = bytes([179, 232, 130, 40, 189, 89, 200, 187])


def rewards_open(
    accounts: RewardsOpenAccounts,
    *,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """Anyone (the operator): opens a node's reward account."""
    w = Writer()
    w.raw(DISCRIMINATOR_REWARDS_OPEN)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class TokenInitAccounts:
    """Accounts of `token_init`, in the program's order."""

    config: Pubkey
    schedule: Pubkey
    proposal: Pubkey
    stats: Pubkey
    mint: Pubkey
    """The IO mint: its only mint authority is the program's authority PDA; no freeze authority."""
    reward_vault: Pubkey
    """The reward pool emissions are minted into."""
    authority: Pubkey
    """The program's authority PDA."""
    upgrade_authority: Pubkey
    program_data: Pubkey
    program: Pubkey = Pubkey.from_string("7883gsa3V2o3E8XboYD8DyQyaz6MuEq4f4dH6bCb3vsn")
    token_program: Pubkey = Pubkey.from_string("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA")
    system_program: Pubkey = Pubkey.from_string("11111111111111111111111111111111")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=True),
            AccountMeta(self.schedule, is_signer=False, is_writable=True),
            AccountMeta(self.proposal, is_signer=False, is_writable=True),
            AccountMeta(self.stats, is_signer=False, is_writable=True),
            AccountMeta(self.mint, is_signer=False, is_writable=True),
            AccountMeta(self.reward_vault, is_signer=False, is_writable=True),
            AccountMeta(self.authority, is_signer=False, is_writable=False),
            AccountMeta(self.upgrade_authority, is_signer=True, is_writable=True),
            AccountMeta(self.program, is_signer=False, is_writable=False),
            AccountMeta(self.program_data, is_signer=False, is_writable=False),
            AccountMeta(self.token_program, is_signer=False, is_writable=False),
            AccountMeta(self.system_program, is_signer=False, is_writable=False),
        ]


DISCRIMINATOR_TOKEN_INIT = bytes([203, 210, 111, 246, 128, 141, 83, 22])


def token_init(
    accounts: TokenInitAccounts,
    *,
    args: TokenInitArgs,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Creates the IO mint (mint authority: this program's PDA, no freeze
    authority), the reward pool, config, schedule, proposal slot and stats.
    Signed by the program's upgrade authority.
    """
    w = Writer()
    w.raw(DISCRIMINATOR_TOKEN_INIT)
    args.write(w)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])
