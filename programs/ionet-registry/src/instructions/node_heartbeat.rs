use anchor_lang::prelude::*;

use crate::error::RegistryError;
use crate::events::NodeHeartbeat;
use crate::math::SafeMath;
use crate::pda::CONFIG_ADDRESS;
use crate::state::{Node, RegistryConfig};

#[derive(Accounts)]
pub struct NodeHeartbeatAccounts<'info> {
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, RegistryConfig>>,
    #[account(
        mut,
        constraint = node.load()?.is_at(&node.key()) @ RegistryError::InvalidPda,
        has_one = agent @ RegistryError::NotAgent,
    )]
    pub node: AccountLoader<'info, Node>,
    pub agent: Signer<'info>,
}

impl NodeHeartbeatAccounts<'_> {
    pub fn validate(&self, now: i64) -> Result<()> {
        let half = i64::from(self.config.params.heartbeat_interval_secs / 2);
        let last = self.node.load()?.last_heartbeat;
        // Heartbeats faster than half the interval would inflate the uptime average.
        require!(
            last == 0 || now.safe_sub(last)? >= half,
            RegistryError::HeartbeatTooEarly
        );
        Ok(())
    }
}

pub fn handler(ctx: Context<NodeHeartbeatAccounts>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    ctx.accounts.validate(now)?;
    let config = &ctx.accounts.config;
    let key = ctx.accounts.node.key();
    let mut node = ctx.accounts.node.load_mut()?;
    let on_time = node.last_heartbeat == 0 || node.heartbeat_fresh(&config.params, now);
    // Uptime is the oracles' time-weighted figure (`node_sync`), not a count of
    // on-chain heartbeats: a heartbeat only says the node is reachable now.
    node.last_heartbeat = now;
    node.heartbeat_count = node.heartbeat_count.safe_add(1)?;
    node.refresh(key, &config.params, now)?;
    emit!(NodeHeartbeat {
        node: key,
        at: now,
        on_time,
        uptime_bps: node.uptime_bps
    });
    Ok(())
}
