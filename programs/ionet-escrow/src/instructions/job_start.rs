use anchor_lang::prelude::*;

use crate::error::EscrowError;
use crate::events::RunStarted;
use crate::math::SafeMath;
use crate::state::{Job, JobState, Run, RunStatus};

#[derive(Accounts)]
pub struct JobStart<'info> {
    #[account(mut, constraint = job.load()?.is_at(&job.key()) @ EscrowError::InvalidPda)]
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

/// The node's agent starts its run (by the start deadline). Several agents start
/// a cluster at once with several of these instructions in one transaction.
pub fn handler(ctx: Context<JobStart>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let mut job = ctx.accounts.job.load_mut()?;
    let mut run = ctx.accounts.run.load_mut()?;
    require!(
        matches!(job.state(), JobState::Open | JobState::Running),
        EscrowError::InvalidJobState
    );
    require!(
        run.status() == RunStatus::Assigned,
        EscrowError::InvalidRunState
    );
    require!(now <= job.start_deadline, EscrowError::StartDeadlinePassed);
    run.status = RunStatus::Running as u8;
    run.started_at = now;
    job.runs_started = job.runs_started.safe_add(1)?;
    if job.state() == JobState::Open {
        job.state = JobState::Running as u8;
        job.started_at = now;
    }
    job.invariant()?;
    emit!(RunStarted {
        job: ctx.accounts.job.key(),
        run: ctx.accounts.run.key(),
        node: run.node,
        started_at: now,
    });
    Ok(())
}
