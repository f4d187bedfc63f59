use anchor_lang::prelude::*;

use crate::error::RegistryError;
use crate::events::NodeJobCommitted;
use crate::math::SafeMath;
use crate::pda::CONFIG_ADDRESS;
use crate::state::{Node, RegistryConfig};

#[derive(Accounts)]
/// Accounts of `node_job_commit` and `node_job_release`.
pub struct NodeJob<'info> {
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, RegistryConfig>>,
    #[account(mut, constraint = node.load()?.is_at(&node.key()) @ RegistryError::InvalidPda)]
    pub node: AccountLoader<'info, Node>,
    /// The escrow program's authority PDA (signs by CPI).
    #[account(constraint = config.is_job_authority(job_authority.key) @ RegistryError::NotJobAuthority)]
    pub job_authority: Signer<'info>,
}

/// Commits `gpus` of an eligible node to a job: the node cannot unstake,
/// withdraw, change hardware or deregister until the job releases it.
pub fn handler(ctx: Context<NodeJob>, gpus: u16) -> Result<()> {
    require!(gpus > 0, RegistryError::ZeroAmount);
    let now = Clock::get()?.unix_timestamp;
    let config = &ctx.accounts.config;
    let key = ctx.accounts.node.key();
    let mut node = ctx.accounts.node.load_mut()?;
    require!(
        node.is_eligible(config, now)?,
        RegistryError::NodeNotEligible
    );
    let committed = node.committed_gpus.safe_add(gpus)?;
    require!(
        committed <= node.attestation.gpu_count,
        RegistryError::GpusUnavailable
    );
    node.committed_gpus = committed;
    node.active_jobs = node.active_jobs.safe_add(1)?;
    node.invariant()?;
    emit!(NodeJobCommitted {
        node: key,
        gpus,
        active_jobs: node.active_jobs,
        committed_gpus: node.committed_gpus,
    });
    Ok(())
}
