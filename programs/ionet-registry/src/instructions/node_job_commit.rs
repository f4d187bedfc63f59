use anchor_lang::prelude::*;

use crate::error::RegistryError;
use crate::events::NodeJobCommitted;
use crate::math::SafeMath;
use crate::pda::CONFIG_ADDRESS;
use crate::state::{is_job_authority, JobView, Node};

#[derive(Accounts)]
/// Accounts of `node_job_commit` and `node_job_release`.
pub struct NodeJob<'info> {
    /// The registry config, read in place (`JobView`): the escrow calls these
    /// instructions once per node it assigns and settles.
    /// CHECK: address checked here; owner and type checked by `JobView::load`.
    #[account(address = CONFIG_ADDRESS)]
    pub config: UncheckedAccount<'info>,
    #[account(mut, constraint = node.load()?.is_at(&node.key()) @ RegistryError::InvalidPda)]
    pub node: AccountLoader<'info, Node>,
    /// The escrow program's authority PDA (signs by CPI).
    pub job_authority: Signer<'info>,
}

impl NodeJob<'_> {
    /// The config's view, once the signer is checked to be the job authority.
    pub fn authorized(&self) -> Result<JobView> {
        let view = JobView::load(&self.config)?;
        require!(
            is_job_authority(&view.job_authority, self.job_authority.key),
            RegistryError::NotJobAuthority
        );
        Ok(view)
    }
}

/// Commits `gpus` of an eligible node to a job: the node cannot unstake,
/// withdraw, change hardware or deregister until the job releases it.
pub fn handler(ctx: Context<NodeJob>, gpus: u16) -> Result<()> {
    require!(gpus > 0, RegistryError::ZeroAmount);
    let now = Clock::get()?.unix_timestamp;
    let params = &ctx.accounts.authorized()?.params;
    let key = ctx.accounts.node.key();
    let mut node = ctx.accounts.node.load_mut()?;
    require!(
        node.is_eligible(params, now)?,
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
