use anchor_lang::prelude::*;
use anchor_spl::token::{transfer_checked, Mint, Token, TokenAccount, TransferChecked};

use crate::error::RegistryError;
use crate::events::StakeDeposited;
use crate::math::SafeMath;
use crate::pda::CONFIG_ADDRESS;
use crate::state::{Node, RegistryConfig};

#[derive(Accounts)]
pub struct StakeDeposit<'info> {
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, RegistryConfig>>,
    #[account(
        mut,
        constraint = node.load()?.is_at(&node.key()) @ RegistryError::InvalidPda,
        has_one = operator @ RegistryError::NotOperator,
    )]
    pub node: AccountLoader<'info, Node>,
    #[account(mut, address = node.load()?.vault @ RegistryError::WrongVault)]
    pub vault: Box<Account<'info, TokenAccount>>,
    #[account(address = config.stake_mint @ RegistryError::WrongMint)]
    pub stake_mint: Box<Account<'info, Mint>>,
    #[account(mut, token::mint = stake_mint, token::authority = operator)]
    pub source: Box<Account<'info, TokenAccount>>,
    pub operator: Signer<'info>,
    pub token_program: Program<'info, Token>,
}

pub fn handler(ctx: Context<StakeDeposit>, amount: u64) -> Result<()> {
    require!(amount > 0, RegistryError::ZeroAmount);
    let now = Clock::get()?.unix_timestamp;
    transfer_checked(
        CpiContext::new(
            ctx.accounts.token_program.key(),
            TransferChecked {
                from: ctx.accounts.source.to_account_info(),
                mint: ctx.accounts.stake_mint.to_account_info(),
                to: ctx.accounts.vault.to_account_info(),
                authority: ctx.accounts.operator.to_account_info(),
            },
        ),
        amount,
        ctx.accounts.stake_mint.decimals,
    )?;
    let key = ctx.accounts.node.key();
    let mut node = ctx.accounts.node.load_mut()?;
    node.bonded = node.bonded.safe_add(amount)?;
    node.refresh(key, &ctx.accounts.config.params, now)?;
    emit!(StakeDeposited {
        node: key,
        amount,
        bonded: node.bonded
    });
    Ok(())
}
