use anchor_lang::prelude::*;

use crate::error::RegistryError;
use crate::events::NodeMarkedInactive;
use crate::math::uptime_after;
use crate::pda::CONFIG_ADDRESS;
use crate::state::{Node, NodeStatus, RegistryConfig};

/// Permissionless: anyone may mark an active node whose heartbeat is older than
/// interval + grace as inactive, so no single party must be trusted to do it.
#[derive(Accounts)]
pub struct NodeMarkInactive<'info> {
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, RegistryConfig>>,
    #[account(
        mut,
        constraint = node.load()?.is_at(&node.key()) @ RegistryError::InvalidPda,
    )]
    pub node: AccountLoader<'info, Node>,
    pub cranker: Signer<'info>,
}

pub fn handler(ctx: Context<NodeMarkInactive>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let config = &ctx.accounts.config;
    let key = ctx.accounts.node.key();
    let mut node = ctx.accounts.node.load_mut()?;
    require!(
        node.status() == NodeStatus::Active,
        RegistryError::NodeNotActive
    );
    require!(
        !node.heartbeat_fresh(&config.params, now),
        RegistryError::NodeNotStale
    );
    node.uptime_bps = uptime_after(node.uptime_bps, false);
    node.refresh(key, &config.params, now)?;
    emit!(NodeMarkedInactive {
        node: key,
        last_heartbeat: node.last_heartbeat,
        cranker: ctx.accounts.cranker.key(),
    });
    Ok(())
}
