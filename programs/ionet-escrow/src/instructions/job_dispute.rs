use anchor_lang::prelude::*;
use anchor_spl::token::{transfer_checked, Mint, Token, TokenAccount, TransferChecked};

use crate::constants::DISPUTE_RESOLUTION_SECS;
use crate::error::EscrowError;
use crate::events::JobDisputed;
use crate::math::SafeMath;
use crate::pda::CONFIG_ADDRESS;
use crate::state::{EscrowConfig, Job, JobState};

#[derive(Accounts)]
pub struct JobDispute<'info> {
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, EscrowConfig>>,
    #[account(
        mut,
        constraint = job.load()?.is_at(&job.key()) @ EscrowError::InvalidPda,
        constraint = job.load()?.client == client.key() @ EscrowError::NotClient,
    )]
    pub job: AccountLoader<'info, Job>,
    #[account(mut, address = job.load()?.vault @ EscrowError::WrongVault)]
    pub vault: Box<Account<'info, TokenAccount>>,
    #[account(address = config.payment_mint @ EscrowError::WrongMint)]
    pub payment_mint: Box<Account<'info, Mint>>,
    #[account(mut, token::mint = payment_mint, token::authority = client)]
    pub client_token: Box<Account<'info, TokenAccount>>,
    pub client: Signer<'info>,
    pub token_program: Program<'info, Token>,
}

/// The client disputes a completed job within the challenge window, posting the
/// configured bond into the job's vault; settlement waits for the arbiter, for
/// at most `DISPUTE_RESOLUTION_SECS`.
pub fn handler(ctx: Context<JobDispute>, evidence_hash: [u8; 32]) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let bond = ctx.accounts.config.params.dispute_bond;
    {
        let job = ctx.accounts.job.load()?;
        require!(
            job.state() == JobState::Completed,
            EscrowError::InvalidJobState
        );
        require!(job.disputed == 0, EscrowError::AlreadyDisputed);
        require!(
            now < job.challenge_ends_at,
            EscrowError::ChallengeWindowClosed
        );
    }
    transfer_checked(
        CpiContext::new(
            ctx.accounts.token_program.key(),
            TransferChecked {
                from: ctx.accounts.client_token.to_account_info(),
                mint: ctx.accounts.payment_mint.to_account_info(),
                to: ctx.accounts.vault.to_account_info(),
                authority: ctx.accounts.client.to_account_info(),
            },
        ),
        bond,
        ctx.accounts.payment_mint.decimals,
    )?;
    let mut job = ctx.accounts.job.load_mut()?;
    job.deposited = job.deposited.safe_add(bond)?;
    job.dispute_bond = bond;
    job.dispute_evidence = evidence_hash;
    job.disputed = 1;
    job.dispute_deadline = now.safe_add(DISPUTE_RESOLUTION_SECS)?;
    job.state = JobState::Disputed as u8;
    job.invariant()?;
    emit!(JobDisputed {
        job: ctx.accounts.job.key(),
        bond,
        evidence_hash,
    });
    Ok(())
}
