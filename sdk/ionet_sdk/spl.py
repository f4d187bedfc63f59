"""SPL Token helpers: mints and token accounts through the real SPL Token program."""

from __future__ import annotations

from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.system_program import CreateAccountParams, create_account
from spl.token.constants import TOKEN_PROGRAM_ID
from spl.token.instructions import (
    create_idempotent_associated_token_account,
    get_associated_token_address,
    initialize_account,
    initialize_mint,
    mint_to_checked,
    transfer_checked,
)
from spl.token.models import (
    InitializeAccountParams,
    InitializeMintParams,
    MintToCheckedParams,
    TransferCheckedParams,
)

from ionet_sdk.accounts import AccountInfo
from ionet_sdk.codec import Reader
from ionet_sdk.connection import Connection
from ionet_sdk.errors import AccountOwnerMismatchError, DecodeError

MINT_SIZE = 82
TOKEN_ACCOUNT_SIZE = 165


async def create_mint_ixs(
    conn: Connection,
    payer: Pubkey,
    mint: Pubkey,
    decimals: int,
    mint_authority: Pubkey,
    *,
    freeze_authority: Pubkey | None = None,
) -> list[Instruction]:
    """Create and initialize an SPL mint at `mint` (which must sign) with `decimals`; `payer` pays
    its rent (lamports)."""
    rent = await conn.minimum_balance_for_rent_exemption(MINT_SIZE)
    return [
        create_account(
            CreateAccountParams(
                from_pubkey=payer, to_pubkey=mint, lamports=rent, space=MINT_SIZE, owner=TOKEN_PROGRAM_ID
            )
        ),
        initialize_mint(
            InitializeMintParams(
                decimals=decimals,
                program_id=TOKEN_PROGRAM_ID,
                mint=mint,
                mint_authority=mint_authority,
                freeze_authority=freeze_authority,
            )
        ),
    ]


async def create_token_account_ixs(
    conn: Connection, payer: Pubkey, account: Keypair, mint: Pubkey, owner: Pubkey
) -> list[Instruction]:
    """Create and initialize an SPL token account at `account` (which signs) for `mint`, owned by
    `owner`; `payer` pays its rent (lamports)."""
    rent = await conn.minimum_balance_for_rent_exemption(TOKEN_ACCOUNT_SIZE)
    return [
        create_account(
            CreateAccountParams(
                from_pubkey=payer,
                to_pubkey=account.pubkey(),
                lamports=rent,
                space=TOKEN_ACCOUNT_SIZE,
                owner=TOKEN_PROGRAM_ID,
            )
        ),
        initialize_account(
            InitializeAccountParams(
                program_id=TOKEN_PROGRAM_ID, account=account.pubkey(), mint=mint, owner=owner
            )
        ),
    ]


def ata(owner: Pubkey, mint: Pubkey) -> Pubkey:
    """The associated token account of `owner` for `mint`."""
    return get_associated_token_address(owner, mint)


def create_ata_ix(payer: Pubkey, owner: Pubkey, mint: Pubkey) -> Instruction:
    """Create `owner`'s associated token account for `mint` if missing (idempotent); `payer` pays
    its rent."""
    return create_idempotent_associated_token_account(payer, owner, mint)


def mint_to_ix(mint: Pubkey, dest: Pubkey, authority: Pubkey, amount: int, decimals: int) -> Instruction:
    """Mint `amount` base units of `mint` to `dest` (checked: `decimals` must match the mint);
    `authority` signs."""
    return mint_to_checked(
        MintToCheckedParams(
            program_id=TOKEN_PROGRAM_ID,
            mint=mint,
            dest=dest,
            mint_authority=authority,
            amount=amount,
            decimals=decimals,
        )
    )


def transfer_ix(  # noqa: PLR0917 (the SPL instruction's own argument list)
    source: Pubkey, mint: Pubkey, dest: Pubkey, owner: Pubkey, amount: int, decimals: int
) -> Instruction:
    """Move `amount` base units of `mint` from `source` to `dest` (checked: `decimals` must match
    the mint); `owner` signs."""
    return transfer_checked(
        TransferCheckedParams(
            program_id=TOKEN_PROGRAM_ID,
            source=source,
            mint=mint,
            dest=dest,
            owner=owner,
            amount=amount,
            decimals=decimals,
        )
    )


def token_balance(info: AccountInfo | None) -> int:
    """The amount held by an SPL token account (0 if it does not exist)."""
    if info is None:
        return 0
    if info.owner != TOKEN_PROGRAM_ID:
        raise AccountOwnerMismatchError(f"{info.address} is not an SPL token account")
    if len(info.data) < TOKEN_ACCOUNT_SIZE:
        raise DecodeError(f"{info.address}: token account data too short")
    return Reader(info.data, 64).u64()


def mint_supply(info: AccountInfo) -> int:
    """The supply of an SPL mint."""
    if info.owner != TOKEN_PROGRAM_ID or len(info.data) < MINT_SIZE:
        raise AccountOwnerMismatchError(f"{info.address} is not an SPL mint")
    return Reader(info.data, 36).u64()
