use anchor_lang::prelude::*;
use anchor_spl::token::{Mint, Token, TokenAccount};

use crate::error::EscrowError;
use crate::events::JobCancelled;
use crate::math::SafeMath;
use crate::pda::CONFIG_ADDRESS;
use crate::state::{EscrowConfig, Job, JobState};
use crate::vault::{JobSigner, Vault};

#[derive(Accounts)]
pub struct JobCancel<'info> {
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, EscrowConfig>>,
    #[account(mut, constraint = job.load()?.is_at(&job.key()) @ EscrowError::InvalidPda)]
    pub job: AccountLoader<'info, Job>,
    #[account(mut, address = job.load()?.vault @ EscrowError::WrongVault)]
    pub vault: Box<Account<'info, TokenAccount>>,
    #[account(address = config.payment_mint @ EscrowError::WrongMint)]
    pub payment_mint: Box<Account<'info, Mint>>,
    #[account(
        mut,
        token::mint = payment_mint,
        constraint = client_token.owner == job.load()?.client @ EscrowError::WrongTokenOwner,
    )]
    pub client_token: Box<Account<'info, TokenAccount>>,
    /// The client any time before a node starts; anyone once the start deadline
    /// passed with no node started (so funds never stay stuck).
    pub signer: Signer<'info>,
    pub token_program: Program<'info, Token>,
}

/// Cancels a job no node has started and refunds everything held. Runs already
/// assigned are released (their nodes freed, rent returned) by `job_settle`.
pub fn handler(ctx: Context<JobCancel>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let (signer, refund) = {
        let job = ctx.accounts.job.load()?;
        require!(
            job.state() == JobState::Open && job.runs_started == 0,
            EscrowError::InvalidJobState
        );
        require!(
            ctx.accounts.signer.key() == job.client || now > job.start_deadline,
            EscrowError::NotClient
        );
        (JobSigner::new(&job), job.held()?)
    };
    Vault {
        vault: &ctx.accounts.vault.to_account_info(),
        mint: &ctx.accounts.payment_mint.to_account_info(),
        job: &ctx.accounts.job.to_account_info(),
        token_program: &ctx.accounts.token_program.to_account_info(),
        decimals: ctx.accounts.payment_mint.decimals,
    }
    .transfer(
        &signer,
        &ctx.accounts.client_token.to_account_info(),
        refund,
    )?;

    let mut job = ctx.accounts.job.load_mut()?;
    job.refunded = job.refunded.safe_add(refund)?;
    // After the start deadline the assigned nodes failed to start: they are
    // released as failed, as `job_timeout` would release them.
    job.cancelled_late = u8::from(now > job.start_deadline);
    job.state = if job.runs_open == 0 {
        JobState::Settled
    } else {
        JobState::Cancelled
    } as u8;
    job.invariant()?;
    emit!(JobCancelled {
        job: ctx.accounts.job.key(),
        refunded: refund,
    });
    Ok(())
}
