use anchor_lang::prelude::*;
use anchor_spl::token::{close_account, CloseAccount, Token, TokenAccount};

use crate::error::EscrowError;
use crate::events::{JobClosed, VaultDustSwept};
use crate::pda::CONFIG_ADDRESS;
use crate::state::{EscrowConfig, Job, JobState};
use crate::token::{check_mint, check_token_account};
use crate::vault::{JobSigner, Vault};

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
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, EscrowConfig>>,
    /// The payment mint (for the dust sweep's checked transfer).
    /// CHECK: address checked here; an initialized mint (handler).
    #[account(address = config.payment_mint @ EscrowError::WrongMint)]
    pub payment_mint: UncheckedAccount<'info>,
    /// The treasury: gets IO the vault holds beyond the job's books.
    /// CHECK: address checked here; a payment-mint token account (handler).
    #[account(mut, address = config.treasury @ EscrowError::WrongTreasury)]
    pub treasury: UncheckedAccount<'info>,
}

/// The client closes a settled job and its vault; both rents return to it. A
/// settled job's books hold nothing, so whatever the vault still holds was sent
/// to it from outside: it goes to the treasury instead of blocking the close.
pub fn handler(ctx: Context<JobClose>) -> Result<()> {
    let (signer, state) = {
        let job = ctx.accounts.job.load()?;
        require!(
            job.state() == JobState::Settled,
            EscrowError::InvalidJobState
        );
        require!(job.held()? == 0, EscrowError::JobNotEmpty);
        (JobSigner::new(&job), job.state())
    };
    let dust = ctx.accounts.vault.amount;
    if dust > 0 {
        let mint = ctx.accounts.config.payment_mint;
        check_token_account(&ctx.accounts.treasury, &mint, None)?;
        Vault {
            vault: &ctx.accounts.vault.to_account_info(),
            mint: &ctx.accounts.payment_mint.to_account_info(),
            job: &ctx.accounts.job.to_account_info(),
            token_program: &ctx.accounts.token_program.to_account_info(),
            decimals: check_mint(&ctx.accounts.payment_mint)?,
        }
        .transfer(&signer, &ctx.accounts.treasury.to_account_info(), dust)?;
        emit!(VaultDustSwept {
            job: ctx.accounts.job.key(),
            amount: dust,
        });
    }
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
