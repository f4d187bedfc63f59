use anchor_lang::prelude::*;
use anchor_spl::token::{mint_to, Mint, MintTo, Token, TokenAccount};

use crate::constants::SUPPLY_CAP;
use crate::error::TokenError;
use crate::events::GenesisMinted;
use crate::math::SafeMath;
use crate::pda::{
    AUTHORITY_ADDRESS, AUTHORITY_SIGNER, CONFIG_ADDRESS, MINT_ADDRESS, STATS_ADDRESS,
};
use crate::state::{NetworkStats, TokenConfig};

#[derive(Accounts)]
pub struct GenesisMint<'info> {
    #[account(mut, address = CONFIG_ADDRESS, has_one = admin @ TokenError::NotAdmin)]
    pub config: Box<Account<'info, TokenConfig>>,
    #[account(mut, address = STATS_ADDRESS)]
    pub stats: AccountLoader<'info, NetworkStats>,
    #[account(mut, address = MINT_ADDRESS)]
    pub mint: Box<Account<'info, Mint>>,
    /// Any IO token account: a recipient of the genesis allocation.
    #[account(mut, token::mint = mint)]
    pub destination: Box<Account<'info, TokenAccount>>,
    /// The program's authority PDA (the mint authority).
    /// CHECK: address checked; no data.
    #[account(address = AUTHORITY_ADDRESS)]
    pub authority: UncheckedAccount<'info>,
    pub admin: Signer<'info>,
    pub token_program: Program<'info, Token>,
}

/// The admin mints part of the genesis allocation to a recipient; never beyond
/// the allocation fixed at initialization, never beyond the cap.
pub fn handler(ctx: Context<GenesisMint>, amount: u64) -> Result<()> {
    require!(amount > 0, TokenError::ZeroAmount);
    let config = &mut ctx.accounts.config;
    let minted = config.genesis_minted.safe_add(amount)?;
    require!(minted <= config.genesis_total, TokenError::GenesisExhausted);
    let supply = ctx.accounts.mint.supply.safe_add(amount)?;
    require!(supply <= SUPPLY_CAP, TokenError::SupplyCapExceeded);
    mint_to(
        CpiContext::new_with_signer(
            ctx.accounts.token_program.key(),
            MintTo {
                mint: ctx.accounts.mint.to_account_info(),
                to: ctx.accounts.destination.to_account_info(),
                authority: ctx.accounts.authority.to_account_info(),
            },
            &[AUTHORITY_SIGNER],
        ),
        amount,
    )?;
    config.genesis_minted = minted;
    let mut stats = ctx.accounts.stats.load_mut()?;
    stats.minted_genesis = stats.minted_genesis.safe_add(amount)?;
    emit!(GenesisMinted {
        destination: ctx.accounts.destination.key(),
        amount,
        genesis_minted: minted,
        supply,
    });
    Ok(())
}
