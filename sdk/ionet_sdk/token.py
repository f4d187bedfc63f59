"""IO token instructions. Its accounts are singletons at fixed addresses (the
generated builders default them), so callers pass only signers and token accounts."""

from __future__ import annotations

from collections.abc import Sequence

from solders.instruction import AccountMeta, Instruction
from solders.pubkey import Pubkey

from ionet_sdk import pda
from ionet_sdk._generated.ionet_token import constants
from ionet_sdk._generated.ionet_token import instructions as ix
from ionet_sdk._generated.ionet_token.constants import PROGRAM_ID
from ionet_sdk._generated.ionet_token.types import (
    AuthorityUpdateArgs,
    BurnKind,
    EmissionEntry,
    FeesBurnArgs,
    ParamsProposeArgs,
    TokenInitArgs,
    TokenParams,
)
from ionet_sdk.svm import programdata_address

MINT: Pubkey = pda.token_singleton(constants.MINT_SEED)
REWARD_VAULT: Pubkey = pda.token_singleton(constants.REWARDS_SEED)
CONFIG: Pubkey = pda.token_singleton(constants.CONFIG_SEED)
STATS: Pubkey = pda.token_singleton(constants.STATS_SEED)
SCHEDULE: Pubkey = pda.token_singleton(constants.SCHEDULE_SEED)
PROPOSAL: Pubkey = pda.token_singleton(constants.PROPOSAL_SEED)
AUTHORITY: Pubkey = pda.token_singleton(constants.AUTHORITY_SEED)


def build_token_init_ix(upgrade_authority: Pubkey, args: TokenInitArgs) -> Instruction:
    """Initialize the IO token (once; the program's upgrade authority signs): mint, config,
    schedule, stats, reward vault. Fails `NotUpgradeAuthority`, `AccountAlreadyExistsError`."""
    return ix.token_init(
        ix.TokenInitAccounts(
            config=CONFIG,
            schedule=SCHEDULE,
            proposal=PROPOSAL,
            stats=STATS,
            mint=MINT,
            reward_vault=REWARD_VAULT,
            authority=AUTHORITY,
            upgrade_authority=upgrade_authority,
            program_data=programdata_address(PROGRAM_ID),
        ),
        args=args,
    )


def build_genesis_mint_ix(admin: Pubkey, destination: Pubkey, amount: int) -> Instruction:
    """Mint `amount` IO base units of the genesis allocation to `destination` (an IO account; the
    admin signs; at most the configured genesis total)."""
    return ix.genesis_mint(ix.GenesisMintAccounts(destination=destination, admin=admin), amount=amount)


def epoch_record(epoch: int) -> Pubkey:
    """An epoch's reward record: `[EPOCH_SEED, epoch (u64 LE)]`."""
    return Pubkey.find_program_address([constants.EPOCH_SEED, epoch.to_bytes(8, "little")], PROGRAM_ID)[0]


def reward_account(node: Pubkey) -> Pubkey:
    """A node's reward account: `[REWARD_SEED, node]`."""
    return Pubkey.find_program_address([constants.REWARD_SEED, bytes(node)], PROGRAM_ID)[0]


def build_emission_mint_epoch_ix(cranker: Pubkey, epoch: int) -> Instruction:
    """Mint epoch `epoch` (the config's `epochs_minted`: the next unminted one)."""
    return ix.emission_mint_epoch(
        ix.EmissionMintEpochAccounts(epoch_record=epoch_record(epoch), cranker=cranker)
    )


def build_fees_burn_ix(
    source: Pubkey,
    source_authority: Pubkey,
    reporter: Pubkey,
    *,
    kind: BurnKind,
    amount: int,
    compute_spend: int = 0,
    fees: int = 0,
    escrowed: int = 0,
) -> Instruction:
    """Burn `amount` IO base units from `source` and record it as `kind` (a fee or slash burn) with
    the period's figures (base units); `reporter` is the configured fee or slash reporter."""
    return ix.fees_burn(
        ix.FeesBurnAccounts(source=source, source_authority=source_authority, reporter=reporter),
        args=FeesBurnArgs(
            kind=kind, amount=amount, compute_spend=compute_spend, fees=fees, escrowed=escrowed
        ),
    )


def build_rewards_open_ix(node: Pubkey, payer: Pubkey) -> Instruction:
    """Create `node`'s reward account; `payer` pays its rent (lamports). Fails
    `AccountAlreadyExistsError` if open."""
    return ix.rewards_open(ix.RewardsOpenAccounts(reward=reward_account(node), node=node, payer=payer))


def build_rewards_accrue_ix(node: Pubkey, epochs: Sequence[int] = ()) -> Instruction:
    """Accrue, resolving the buckets of `epochs` (minted epochs the reward account holds)
    into a locked tranche."""
    return ix.rewards_accrue(
        ix.RewardsAccrueAccounts(reward=reward_account(node), node=node),
        remaining_accounts=[AccountMeta(epoch_record(e), False, False) for e in epochs],
    )


def build_rewards_claim_ix(
    node: Pubkey, beneficiary: Pubkey, destination: Pubkey, epochs: Sequence[int]
) -> Instruction:
    """Claim, resolving the buckets of `epochs` (minted epochs the reward account holds)."""
    return ix.rewards_claim(
        ix.RewardsClaimAccounts(
            reward=reward_account(node), node=node, destination=destination, beneficiary=beneficiary
        ),
        remaining_accounts=[AccountMeta(epoch_record(e), False, False) for e in epochs],
    )


def build_rewards_forfeit_ix(node: Pubkey, epochs: Sequence[int] = ()) -> Instruction:
    """Apply new slashes to the node's rewards, resolving the buckets of `epochs` first."""
    return ix.rewards_forfeit(
        ix.RewardsForfeitAccounts(reward=reward_account(node), node=node),
        remaining_accounts=[AccountMeta(epoch_record(e), False, False) for e in epochs],
    )


def build_rewards_close_ix(node: Pubkey, beneficiary: Pubkey) -> Instruction:
    """`rewards_close` (the beneficiary): closes a reward account with nothing locked
    and no unresolved points; rent to the beneficiary. Raises `RewardsNotEmpty` otherwise."""
    return ix.rewards_close(ix.RewardsCloseAccounts(reward=reward_account(node), beneficiary=beneficiary))


def build_params_propose_ix(
    admin: Pubkey, params: TokenParams, schedule: Sequence[EmissionEntry] = ()
) -> Instruction:
    """Propose new token parameters (and optionally a new emission schedule); executable after the
    timelock. The admin signs; the program checks every bound."""
    return ix.params_propose(
        ix.ParamsProposeAccounts(admin=admin), args=ParamsProposeArgs(params=params, schedule=list(schedule))
    )


def build_params_execute_ix(admin: Pubkey) -> Instruction:
    """Apply the pending proposal once its timelock has passed (the admin signs)."""
    return ix.params_execute(ix.ParamsExecuteAccounts(admin=admin))


def build_params_cancel_ix(admin: Pubkey) -> Instruction:
    """Withdraw the pending proposal (the admin signs)."""
    return ix.params_cancel(ix.ParamsCancelAccounts(admin=admin))


def build_authority_update_ix(
    admin: Pubkey,
    *,
    new_admin: Pubkey | None = None,
    fee_reporter: Pubkey | None = None,
    slash_reporter: Pubkey | None = None,
) -> Instruction:
    """Hand over the token's admin, fee reporter or slash reporter (None keeps each; the admin
    signs)."""
    return ix.authority_update(
        ix.AuthorityUpdateAccounts(admin=admin),
        args=AuthorityUpdateArgs(admin=new_admin, fee_reporter=fee_reporter, slash_reporter=slash_reporter),
    )
