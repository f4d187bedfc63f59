use anchor_lang::prelude::*;
use anchor_spl::token::{Mint, Token, TokenAccount};

use crate::error::EscrowError;
use crate::events::DisputeLapsed;
use crate::math::SafeMath;
use crate::pda::CONFIG_ADDRESS;
use crate::state::{EscrowConfig, Job, JobState};
use crate::vault::{JobSigner, Vault};

#[derive(Accounts)]
pub struct JobDisputeLapse<'info> {
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, EscrowConfig>>,
    #[account(mut, constraint = job.load()?.is_at(&job.key()) @ EscrowError::InvalidPda)]
    pub job: AccountLoader<'info, Job>,
    #[account(mut, address = job.load()?.vault @ EscrowError::WrongVault)]
    pub vault: Box<Account<'info, TokenAccount>>,
    #[account(address = config.payment_mint @ EscrowError::WrongMint)]
    pub payment_mint: Box<Account<'info, Mint>>,
    /// The client's IO account: gets the bond back.
    #[account(
        mut,
        token::mint = payment_mint,
        constraint = client_token.owner == job.load()?.client @ EscrowError::WrongTokenOwner,
    )]
    pub client_token: Box<Account<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
}

/// Permissionless once a dispute's deadline has passed without a decision:
/// the default outcome applies. The work stands as reported (nodes are paid in
/// full at settlement) and the bond returns to the client, who lost no ruling;
/// the challenge window is over and the job can settle. Nobody can hold the
/// payment hostage longer than `DISPUTE_RESOLUTION_SECS`.
pub fn handler(ctx: Context<JobDisputeLapse>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let (signer, bond) = {
        let job = ctx.accounts.job.load()?;
        require!(
            job.state() == JobState::Disputed,
            EscrowError::InvalidJobState
        );
        require!(
            now >= job.dispute_deadline,
            EscrowError::DisputeDeadlineNotReached
        );
        (JobSigner::new(&job), job.dispute_bond)
    };
    Vault {
        vault: &ctx.accounts.vault.to_account_info(),
        mint: &ctx.accounts.payment_mint.to_account_info(),
        job: &ctx.accounts.job.to_account_info(),
        token_program: &ctx.accounts.token_program.to_account_info(),
        decimals: ctx.accounts.payment_mint.decimals,
    }
    .transfer(&signer, &ctx.accounts.client_token.to_account_info(), bond)?;

    let mut job = ctx.accounts.job.load_mut()?;
    job.refunded = job.refunded.safe_add(bond)?;
    job.dispute_bond = 0;
    job.state = JobState::Completed as u8;
    job.challenge_ends_at = now;
    job.invariant()?;
    emit!(DisputeLapsed {
        job: ctx.accounts.job.key(),
        bond,
    });
    Ok(())
}
