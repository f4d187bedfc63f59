use anchor_lang::prelude::*;

use crate::error::RegistryError;
use crate::events::NodeMarkedInactive;
use crate::pda::CONFIG_ADDRESS;
use crate::state::{Node, NodeStatus, RegistryConfig};

/// Permissionless: anyone may mark an active node whose proven liveness went stale
/// (`Node::liveness_fresh`) as inactive, so no single party must be trusted to do it.
/// Uptime itself is the oracles' figure and moves only by `node_sync`.
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
        !node.liveness_fresh(&config.params, now),
        RegistryError::NodeNotStale
    );
    node.refresh(key, &config.params, now)?;
    emit!(NodeMarkedInactive {
        node: key,
        last_seen: node.last_seen,
        cranker: ctx.accounts.cranker.key(),
    });
    Ok(())
}
