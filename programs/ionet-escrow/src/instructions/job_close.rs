use anchor_lang::prelude::*;
use anchor_spl::token::{close_account, CloseAccount, Token, TokenAccount};

use crate::error::EscrowError;
use crate::events::JobClosed;
use crate::state::{Job, JobState};
use crate::vault::JobSigner;

#[derive(Accounts)]
pub struct JobClose<'info> {
    #[account(
        mut,
        close = client,
        constraint = job.load()?.is_at(&job.key()) @ EscrowError::InvalidPda,
        constraint = job.load()?.client == client.key() @ EscrowError::NotClient,
    )]
    pub job: AccountLoader<'info, Job>,
    #[account(mut, address = job.load()?.vault @ EscrowError::WrongVault)]
    pub vault: Box<Account<'info, TokenAccount>>,
    #[account(mut)]
    pub client: Signer<'info>,
    pub token_program: Program<'info, Token>,
}

/// The client closes a settled job and its empty vault; both rents return to it.
pub fn handler(ctx: Context<JobClose>) -> Result<()> {
    let (signer, state) = {
        let job = ctx.accounts.job.load()?;
        require!(
            job.state() == JobState::Settled,
            EscrowError::InvalidJobState
        );
        (JobSigner::new(&job), job.state())
    };
    require!(ctx.accounts.vault.amount == 0, EscrowError::JobNotEmpty);
    let seeds = signer.seeds();
    close_account(CpiContext::new_with_signer(
        ctx.accounts.token_program.key(),
        CloseAccount {
            account: ctx.accounts.vault.to_account_info(),
            destination: ctx.accounts.client.to_account_info(),
            authority: ctx.accounts.job.to_account_info(),
        },
        &[&seeds],
    ))?;
    emit!(JobClosed {
        job: ctx.accounts.job.key(),
        state,
    });
    Ok(())
}
