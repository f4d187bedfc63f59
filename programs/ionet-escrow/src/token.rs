//! Checks of SPL token accounts read in place.
//!
//! Anchor's `Account<TokenAccount>` / `Account<Mint>` unpack the whole account
//! (COption fields, a copy, a heap box) on every instruction. The settlement
//! path touches five token accounts per run, so it reads just the fields it
//! checks, at their fixed offsets in the SPL token layout, and checks the same
//! things: owned by the token program, the right size, initialized, the mint,
//! the owner.

use anchor_lang::prelude::*;
use anchor_spl::token::ID as TOKEN_PROGRAM_ID;

use crate::error::EscrowError;

/// Size of an SPL token account.
const ACCOUNT_LEN: usize = 165;
/// Size of an SPL mint.
const MINT_LEN: usize = 82;
const STATE_OFFSET: usize = 108;
const DECIMALS_OFFSET: usize = 44;
const MINT_INITIALIZED_OFFSET: usize = 45;

fn key_at(data: &[u8], offset: usize) -> Pubkey {
    let mut bytes = [0u8; 32];
    bytes.copy_from_slice(&data[offset..offset + 32]);
    Pubkey::new_from_array(bytes)
}

/// An initialized token account of `mint` held by `owner` (if given); returns its balance.
pub fn check_token_account(
    info: &AccountInfo,
    mint: &Pubkey,
    owner: Option<&Pubkey>,
) -> Result<u64> {
    require_keys_eq!(
        *info.owner,
        TOKEN_PROGRAM_ID,
        EscrowError::InvalidTokenAccount
    );
    let data = info.try_borrow_data()?;
    require!(
        data.len() == ACCOUNT_LEN && data[STATE_OFFSET] != 0,
        EscrowError::InvalidTokenAccount
    );
    require_keys_eq!(key_at(&data, 0), *mint, EscrowError::WrongMint);
    if let Some(owner) = owner {
        require_keys_eq!(key_at(&data, 32), *owner, EscrowError::WrongTokenOwner);
    }
    let mut amount = [0u8; 8];
    amount.copy_from_slice(&data[64..72]);
    Ok(u64::from_le_bytes(amount))
}

/// An initialized mint owned by the token program; returns its decimals.
pub fn check_mint(info: &AccountInfo) -> Result<u8> {
    require_keys_eq!(
        *info.owner,
        TOKEN_PROGRAM_ID,
        EscrowError::InvalidTokenAccount
    );
    let data = info.try_borrow_data()?;
    require!(
        data.len() == MINT_LEN && data[MINT_INITIALIZED_OFFSET] != 0,
        EscrowError::InvalidTokenAccount
    );
    Ok(data[DECIMALS_OFFSET])
}
