use anchor_lang::prelude::*;
use anchor_spl::token::{close_account, CloseAccount, Token, TokenAccount};

use crate::constants::NODE_SEED;
use crate::error::RegistryError;
use crate::events::NodeDeregistered;
use crate::math::SafeMath;
use crate::pda::CONFIG_ADDRESS;
use crate::state::{Node, RegistryConfig};

#[derive(Accounts)]
pub struct NodeDeregister<'info> {
    #[account(mut, address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, RegistryConfig>>,
    #[account(
        mut,
        close = operator,
        constraint = node.load()?.is_at(&node.key()) @ RegistryError::InvalidPda,
        has_one = operator @ RegistryError::NotOperator,
    )]
    pub node: AccountLoader<'info, Node>,
    #[account(mut, address = node.load()?.vault @ RegistryError::WrongVault)]
    pub vault: Box<Account<'info, TokenAccount>>,
    #[account(mut)]
    pub operator: Signer<'info>,
    pub token_program: Program<'info, Token>,
}

impl NodeDeregister<'_> {
    pub fn validate(&self) -> Result<()> {
        let node = self.node.load()?;
        require!(node.active_jobs == 0, RegistryError::NodeBusy);
        require!(node.pending_slashes == 0, RegistryError::PendingSlash);
        require!(
            node.bonded == 0 && node.unbonding == 0,
            RegistryError::StakeRemaining
        );
        require!(self.vault.amount == 0, RegistryError::StakeRemaining);
        Ok(())
    }
}

#[access_control(ctx.accounts.validate())]
pub fn handler(ctx: Context<NodeDeregister>) -> Result<()> {
    // Read what the signature needs, then release the borrow: the CPI borrows the node.
    let (operator, node_id, bump) = {
        let node = ctx.accounts.node.load()?;
        (node.operator, node.node_id, node.bump)
    };
    let id = node_id.to_le_bytes();
    let seeds: &[&[u8]] = &[NODE_SEED, operator.as_ref(), &id, &[bump]];
    close_account(CpiContext::new_with_signer(
        ctx.accounts.token_program.key(),
        CloseAccount {
            account: ctx.accounts.vault.to_account_info(),
            destination: ctx.accounts.operator.to_account_info(),
            authority: ctx.accounts.node.to_account_info(),
        },
        &[seeds],
    ))?;
    let config = &mut ctx.accounts.config;
    config.node_count = config.node_count.safe_sub(1)?;
    emit!(NodeDeregistered {
        node: ctx.accounts.node.key(),
        operator,
        node_id
    });
    Ok(())
}
