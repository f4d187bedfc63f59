use anchor_lang::prelude::*;

use crate::error::EscrowError;
use crate::events::JobCompleted;
use crate::math::SafeMath;
use crate::pda::CONFIG_ADDRESS;
use crate::state::{EscrowConfig, Job, JobState};

#[derive(Accounts)]
pub struct JobComplete<'info> {
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, EscrowConfig>>,
    #[account(mut, constraint = job.load()?.is_at(&job.key()) @ EscrowError::InvalidPda)]
    pub job: AccountLoader<'info, Job>,
    /// The client (any time once running), or anyone once every run's full
    /// duration has passed (start deadline + duration).
    pub signer: Signer<'info>,
}

/// Ends the work and opens the challenge window.
pub fn handler(ctx: Context<JobComplete>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let mut job = ctx.accounts.job.load_mut()?;
    require!(
        job.state() == JobState::Running,
        EscrowError::InvalidJobState
    );
    let latest_end = job.start_deadline.safe_add(
        i64::try_from(job.duration_secs()?).map_err(|_| error!(EscrowError::MathOverflow))?,
    )?;
    require!(
        ctx.accounts.signer.key() == job.client || now >= latest_end,
        EscrowError::CompleteTooEarly
    );
    let window = i64::from(ctx.accounts.config.params.challenge_window_secs);
    job.state = JobState::Completed as u8;
    job.completed_at = now;
    job.challenge_ends_at = now.safe_add(window)?;
    job.invariant()?;
    emit!(JobCompleted {
        job: ctx.accounts.job.key(),
        by: ctx.accounts.signer.key(),
        completed_at: now,
        challenge_ends_at: job.challenge_ends_at,
    });
    Ok(())
}
