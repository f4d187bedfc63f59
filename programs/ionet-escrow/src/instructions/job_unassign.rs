use anchor_lang::prelude::*;
use ionet_registry::program::IonetRegistry;
use ionet_registry::state::JobOutcome;

use crate::constants::MIN_START_WINDOW_SECS;
use crate::error::EscrowError;
use crate::events::RunUnassigned;
use crate::math::SafeMath;
use crate::pda::{AUTHORITY_ADDRESS, CONFIG_ADDRESS};
use crate::registry::RegistryCpi;
use crate::state::{EscrowConfig, Job, JobState, Run, RunStatus};

#[derive(Accounts)]
pub struct JobUnassign<'info> {
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, EscrowConfig>>,
    #[account(mut, constraint = job.load()?.is_at(&job.key()) @ EscrowError::InvalidPda)]
    pub job: AccountLoader<'info, Job>,
    #[account(
        mut,
        close = rent_payer,
        constraint = run.load()?.job == job.key() @ EscrowError::RunJobMismatch,
        constraint = run.load()?.is_at(&run.key()) @ EscrowError::InvalidPda,
        constraint = run.load()?.node == node.key() @ EscrowError::RunNodeMismatch,
    )]
    pub run: AccountLoader<'info, Run>,
    /// CHECK: the run's registry node (key checked above); the registry checks it in the CPI.
    #[account(mut)]
    pub node: UncheckedAccount<'info>,
    /// CHECK: the registry's config, at its fixed address.
    #[account(address = ionet_registry::pda::CONFIG_ADDRESS @ EscrowError::InvalidRegistryConfig)]
    pub registry_config: UncheckedAccount<'info>,
    /// CHECK: the escrow's authority PDA (no data); signs the registry CPI.
    #[account(address = AUTHORITY_ADDRESS)]
    pub authority: UncheckedAccount<'info>,
    /// CHECK: receives the run account's rent: whoever paid it at assignment.
    #[account(mut, address = run.load()?.rent_payer @ EscrowError::WrongRentPayer)]
    pub rent_payer: UncheckedAccount<'info>,
    /// The matcher (re-matching a node that has not started) or the run's agent
    /// (declining an assignment it cannot serve).
    pub signer: Signer<'info>,
    pub registry_program: Program<'info, IonetRegistry>,
}

/// Matcher or the run's agent: withdraws an assignment that has not started,
/// before the job's start deadline, so that the matcher can place its GPUs on
/// other nodes. The node's GPUs are released with no effect on its reputation
/// (nothing was promised yet: the matcher could have chosen otherwise), the run
/// account is closed (its rent back to its payer) and the job's assigned GPUs
/// drop by the run's. The deposit stays whole: the GPUs are still owed to the job.
/// The agent may decline only while the job can still be placed elsewhere (at least
/// `MIN_START_WINDOW_SECS` before the start deadline). After the start deadline a run
/// that never started is `job_timeout`'s (a failure).
pub fn handler(ctx: Context<JobUnassign>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let signer = ctx.accounts.signer.key();
    let (gpus, by_agent) = {
        let job = ctx.accounts.job.load()?;
        let run = ctx.accounts.run.load()?;
        let by_agent = signer == run.agent;
        require!(
            by_agent || signer == ctx.accounts.config.matcher,
            EscrowError::NotMatcher
        );
        require!(
            matches!(job.state(), JobState::Open | JobState::Running),
            EscrowError::InvalidJobState
        );
        require!(
            run.status() == RunStatus::Assigned,
            EscrowError::InvalidRunState
        );
        require!(now <= job.start_deadline, EscrowError::StartDeadlinePassed);
        // Declining is free because the GPUs can still go to another node; once no node
        // can be assigned any more (less than MIN_START_WINDOW_SECS left), a node that
        // held the job and did not start has failed it (`job_timeout`).
        require!(
            !by_agent || job.start_deadline >= now.safe_add(MIN_START_WINDOW_SECS)?,
            EscrowError::StartWindowTooShort
        );
        (run.gpus, by_agent)
    };

    RegistryCpi {
        program: &ctx.accounts.registry_program.to_account_info(),
        config: &ctx.accounts.registry_config.to_account_info(),
        node: &ctx.accounts.node.to_account_info(),
        authority: &ctx.accounts.authority.to_account_info(),
    }
    .release(gpus, JobOutcome::Cancelled, 0)?;

    let mut job = ctx.accounts.job.load_mut()?;
    job.gpus_assigned = job.gpus_assigned.safe_sub(gpus)?;
    job.runs = job.runs.safe_sub(1)?;
    job.runs_open = job.runs_open.safe_sub(1)?;
    job.invariant()?;
    emit!(RunUnassigned {
        job: ctx.accounts.job.key(),
        run: ctx.accounts.run.key(),
        node: ctx.accounts.node.key(),
        gpus,
        by_agent,
        gpus_assigned: job.gpus_assigned,
    });
    Ok(())
}
