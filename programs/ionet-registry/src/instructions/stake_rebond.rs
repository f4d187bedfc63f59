use anchor_lang::prelude::*;

use crate::error::RegistryError;
use crate::events::StakeRebonded;
use crate::math::SafeMath;
use crate::pda::CONFIG_ADDRESS;
use crate::state::{Node, RegistryConfig};

#[derive(Accounts)]
pub struct StakeRebond<'info> {
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, RegistryConfig>>,
    #[account(
        mut,
        constraint = node.load()?.is_at(&node.key()) @ RegistryError::InvalidPda,
        has_one = operator @ RegistryError::NotOperator,
    )]
    pub node: AccountLoader<'info, Node>,
    pub operator: Signer<'info>,
}

/// Cancels the unbonding: everything unbonding is bonded again.
pub fn handler(ctx: Context<StakeRebond>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let key = ctx.accounts.node.key();
    let mut node = ctx.accounts.node.load_mut()?;
    let amount = node.unbonding;
    require!(amount > 0, RegistryError::NothingUnbonding);
    node.bonded = node.bonded.safe_add(amount)?;
    node.unbonding = 0;
    node.unbonding_ready_at = 0;
    node.refresh(key, &ctx.accounts.config.params, now)?;
    emit!(StakeRebonded {
        node: key,
        amount,
        bonded: node.bonded
    });
    Ok(())
}
