use anchor_lang::prelude::*;
use anchor_spl::token::{transfer_checked, Mint, Token, TokenAccount, TransferChecked};

use crate::constants::NODE_SEED;
use crate::error::RegistryError;
use crate::events::StakeWithdrawn;
use crate::pda::CONFIG_ADDRESS;
use crate::state::{Node, RegistryConfig};

#[derive(Accounts)]
pub struct StakeWithdraw<'info> {
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
    /// Anchor rejects the vault itself here (duplicate mutable account).
    #[account(mut, token::mint = stake_mint)]
    pub destination: Box<Account<'info, TokenAccount>>,
    pub operator: Signer<'info>,
    pub token_program: Program<'info, Token>,
}

/// Pays out everything unbonding once the unbonding period has passed, unless
/// the node has an active job or a pending slash.
pub fn handler(ctx: Context<StakeWithdraw>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    // Read and check, then release the borrow: the CPI borrows the node (its signer).
    let (amount, operator, node_id, bump) = {
        let node = ctx.accounts.node.load()?;
        require!(node.unbonding > 0, RegistryError::NothingUnbonding);
        require!(
            now >= node.unbonding_ready_at,
            RegistryError::UnbondingNotReady
        );
        require!(node.active_jobs == 0, RegistryError::NodeBusy);
        require!(node.pending_slashes == 0, RegistryError::PendingSlash);
        (node.unbonding, node.operator, node.node_id, node.bump)
    };
    let id = node_id.to_le_bytes();
    let seeds: &[&[u8]] = &[NODE_SEED, operator.as_ref(), &id, &[bump]];
    transfer_checked(
        CpiContext::new_with_signer(
            ctx.accounts.token_program.key(),
            TransferChecked {
                from: ctx.accounts.vault.to_account_info(),
                mint: ctx.accounts.stake_mint.to_account_info(),
                to: ctx.accounts.destination.to_account_info(),
                authority: ctx.accounts.node.to_account_info(),
            },
            &[seeds],
        ),
        amount,
        ctx.accounts.stake_mint.decimals,
    )?;
    let key = ctx.accounts.node.key();
    let mut node = ctx.accounts.node.load_mut()?;
    node.unbonding = 0;
    node.unbonding_ready_at = 0;
    node.refresh(key, &ctx.accounts.config.params, now)?;
    emit!(StakeWithdrawn {
        node: key,
        amount,
        destination: ctx.accounts.destination.key()
    });
    Ok(())
}
