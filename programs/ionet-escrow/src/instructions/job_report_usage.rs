use anchor_lang::prelude::*;

use crate::error::EscrowError;
use crate::events::UsageReported;
use crate::math::{earned, usage_cap};
use crate::state::{Job, JobState, Run, RunStatus};

#[derive(Accounts)]
pub struct JobReportUsage<'info> {
    #[account(constraint = job.load()?.is_at(&job.key()) @ EscrowError::InvalidPda)]
    pub job: AccountLoader<'info, Job>,
    #[account(
        mut,
        constraint = run.load()?.job == job.key() @ EscrowError::RunJobMismatch,
        constraint = run.load()?.is_at(&run.key()) @ EscrowError::InvalidPda,
    )]
    pub run: AccountLoader<'info, Run>,
    /// The node's agent key recorded at assignment.
    #[account(constraint = run.load()?.agent == agent.key() @ EscrowError::NotRunAgent)]
    pub agent: Signer<'info>,
}

/// A usage receipt: the cumulative GPU-seconds the node delivered. Never
/// decreases, never exceeds GPUs × time since the start (capped at the duration
/// and, after completion, at the completion time). Accepted while the job runs
/// and, after completion, until the challenge window closes.
pub fn handler(ctx: Context<JobReportUsage>, gpu_seconds: u64) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let job = ctx.accounts.job.load()?;
    let mut run = ctx.accounts.run.load_mut()?;
    let until = match job.state() {
        JobState::Running => now,
        JobState::Completed if now < job.challenge_ends_at => now.min(job.completed_at),
        _ => return err!(EscrowError::InvalidJobState),
    };
    require!(
        run.status() == RunStatus::Running,
        EscrowError::InvalidRunState
    );
    require!(gpu_seconds >= run.gpu_seconds, EscrowError::UsageDecreased);
    require!(
        gpu_seconds <= usage_cap(run.gpus, run.started_at, until, job.duration_secs()?)?,
        EscrowError::UsageExceedsElapsed
    );
    run.gpu_seconds = gpu_seconds;
    run.last_report_at = now;
    emit!(UsageReported {
        job: ctx.accounts.job.key(),
        run: ctx.accounts.run.key(),
        gpu_seconds,
        earned: earned(gpu_seconds, job.price_per_gpu_hour)?,
    });
    Ok(())
}
