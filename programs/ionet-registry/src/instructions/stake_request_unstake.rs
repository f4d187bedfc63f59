use anchor_lang::prelude::*;

use crate::error::RegistryError;
use crate::events::UnstakeRequested;
use crate::math::SafeMath;
use crate::pda::CONFIG_ADDRESS;
use crate::state::{Node, RegistryConfig};

#[derive(Accounts)]
pub struct StakeRequestUnstake<'info> {
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

/// Moves `amount` from bonded to unbonding and (re)starts the unbonding period.
/// Unbonding stake no longer counts toward eligibility but can still be slashed.
/// Refused while an earlier unbonding has matured: restarting the period would
/// lock again what is already due, so it must be withdrawn first.
pub fn handler(ctx: Context<StakeRequestUnstake>, amount: u64) -> Result<()> {
    require!(amount > 0, RegistryError::ZeroAmount);
    let now = Clock::get()?.unix_timestamp;
    let config = &ctx.accounts.config;
    let key = ctx.accounts.node.key();
    let mut node = ctx.accounts.node.load_mut()?;
    require!(node.active_jobs == 0, RegistryError::NodeBusy);
    require!(amount <= node.bonded, RegistryError::InsufficientStake);
    require!(
        node.unbonding == 0 || now < node.unbonding_ready_at,
        RegistryError::UnbondingMatured
    );
    node.bonded = node.bonded.safe_sub(amount)?;
    node.unbonding = node.unbonding.safe_add(amount)?;
    node.unbonding_ready_at = now.safe_add(i64::from(config.params.unbonding_period_secs))?;
    node.refresh(key, &config.params, now)?;
    emit!(UnstakeRequested {
        node: key,
        amount,
        bonded: node.bonded,
        unbonding: node.unbonding,
        ready_at: node.unbonding_ready_at,
    });
    Ok(())
}
