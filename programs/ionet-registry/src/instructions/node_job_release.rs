use anchor_lang::prelude::*;

use crate::error::RegistryError;
use crate::events::NodeJobReleased;
use crate::math::SafeMath;
use crate::pda::CONFIG_ADDRESS;
use crate::state::{GpuTier, JobOutcome, JobView, Node};

#[derive(Accounts)]
pub struct NodeJob<'info> {
    /// The registry config, read in place (`JobView`): the escrow releases
    /// nodes once per run it settles or times out.
    /// CHECK: address checked here; owner and type checked by `JobView::load`.
    #[account(address = CONFIG_ADDRESS)]
    pub config: UncheckedAccount<'info>,
    #[account(mut, constraint = node.load()?.is_at(&node.key()) @ RegistryError::InvalidPda)]
    pub node: AccountLoader<'info, Node>,
    /// The escrow program's authority PDA (signs by CPI).
    pub job_authority: Signer<'info>,
}

/// Releases a job's GPUs, records its outcome in the node's reputation and adds
/// the GPU-seconds it delivered to the node's total, and the fee its pay was
/// charged to the node's work fees of the job's tier (the tier it was matched
/// and delivered on: re-attesting later does not re-weight it).
pub fn handler(
    ctx: Context<NodeJob>,
    gpus: u16,
    outcome: JobOutcome,
    gpu_seconds: u64,
    fee: u64,
    tier: GpuTier,
) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let params = &JobView::authorize(&ctx.accounts.config, ctx.accounts.job_authority.key)?.params;
    let key = ctx.accounts.node.key();
    let mut node = ctx.accounts.node.load_mut()?;
    require!(
        node.active_jobs > 0 && gpus <= node.committed_gpus,
        RegistryError::NoJobCommitment
    );
    node.active_jobs = node.active_jobs.safe_sub(1)?;
    node.committed_gpus = node.committed_gpus.safe_sub(gpus)?;
    node.delivered_gpu_seconds = node.delivered_gpu_seconds.safe_add(gpu_seconds)?;
    let fees = &mut node.work_fees_by_tier[tier as usize];
    *fees = fees.safe_add(fee)?;
    match outcome {
        JobOutcome::Completed => node.jobs_completed = node.jobs_completed.safe_add(1)?,
        JobOutcome::Failed => node.jobs_failed = node.jobs_failed.safe_add(1)?,
        JobOutcome::Cancelled => {}
    }
    node.refresh(key, params, now)?;
    emit!(NodeJobReleased {
        node: key,
        gpus,
        outcome,
        gpu_seconds,
        fee,
        tier,
        active_jobs: node.active_jobs,
        committed_gpus: node.committed_gpus,
        reputation_bps: node.reputation_bps,
    });
    Ok(())
}
