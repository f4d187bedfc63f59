use anchor_lang::prelude::*;
use anchor_spl::token::Token;
use ionet_token::instructions::{BurnKind, FeesBurnArgs};
use ionet_token::program::IonetToken;

use crate::error::EscrowError;
use crate::events::JobSettled;
use crate::math::{bps_of, SafeMath};
use crate::pda::{AUTHORITY_ADDRESS, AUTHORITY_SIGNER, CONFIG_ADDRESS};
use crate::registry::load_token_params;
use crate::state::{EscrowConfig, Job, JobState};
use crate::token::{check_mint, check_token_account};
use crate::vault::{JobSigner, Vault};

#[derive(Accounts)]
pub struct JobFinalize<'info> {
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, EscrowConfig>>,
    #[account(mut, constraint = job.load()?.is_at(&job.key()) @ EscrowError::InvalidPda)]
    pub job: AccountLoader<'info, Job>,
    /// The job's vault.
    /// CHECK: address checked here; a payment-mint token account held by the job (handler).
    #[account(mut, address = job.load()?.vault @ EscrowError::WrongVault)]
    pub vault: UncheckedAccount<'info>,
    /// The payment mint (the burn share of the fees is burned).
    /// CHECK: address checked here; an initialized mint (handler).
    #[account(mut, address = config.payment_mint @ EscrowError::WrongMint)]
    pub payment_mint: UncheckedAccount<'info>,
    /// The configured treasury.
    /// CHECK: address checked here; a payment-mint token account (handler).
    #[account(mut, address = config.treasury @ EscrowError::WrongTreasury)]
    pub treasury: UncheckedAccount<'info>,
    /// The client's IO account: gets the remainder.
    /// CHECK: a payment-mint token account held by the job's client (handler).
    #[account(mut)]
    pub client_token: UncheckedAccount<'info>,
    /// The IO token program's config: the burn share; it checks the reporter.
    /// CHECK: address checked here; owner and type checked by `load_token_params`.
    #[account(address = ionet_token::pda::CONFIG_ADDRESS @ EscrowError::InvalidTokenConfig)]
    pub token_config: UncheckedAccount<'info>,
    /// The IO token program's statistics.
    /// CHECK: address checked; written by the token program.
    #[account(mut, address = ionet_token::pda::STATS_ADDRESS)]
    pub token_stats: UncheckedAccount<'info>,
    /// The escrow's authority PDA: the IO token program's fee reporter.
    /// CHECK: address checked; no data; signs the burn report.
    #[account(address = AUTHORITY_ADDRESS)]
    pub authority: UncheckedAccount<'info>,
    pub token_program: Program<'info, Token>,
    pub io_program: Program<'info, IonetToken>,
}

/// Permissionless once every run is settled: the fees leave the vault (the IO
/// token's burn share burned through its `fees_burn`, which records the job's
/// compute spend, fees and escrowed volume; the rest to the treasury) and the
/// remainder is refunded to the client.
pub fn handler(ctx: Context<JobFinalize>) -> Result<()> {
    let mint = ctx.accounts.config.payment_mint;
    let job_key = ctx.accounts.job.key();
    let (signer, fees, refund, spend, escrowed) = {
        let job = ctx.accounts.job.load()?;
        require!(
            matches!(job.state(), JobState::Completed | JobState::Cancelled),
            EscrowError::InvalidJobState
        );
        require!(job.runs_open == 0, EscrowError::RunsOpen);
        check_token_account(&ctx.accounts.vault, &mint, Some(&job_key))?;
        check_token_account(&ctx.accounts.client_token, &mint, Some(&job.client))?;
        check_token_account(&ctx.accounts.treasury, &mint, None)?;
        (
            JobSigner::new(&job),
            job.fees_pending,
            job.held()?.safe_sub(job.fees_pending)?,
            job.paid.safe_add(job.fees_pending)?,
            job.deposited.safe_sub(job.dispute_bond)?,
        )
    };
    let burn_bps = load_token_params(&ctx.accounts.token_config)?.fee_burn_bps;
    let burned = bps_of(fees, burn_bps)?;
    let to_treasury = fees.safe_sub(burned)?;

    let seeds = signer.seeds();
    ionet_token::cpi::fees_burn(
        CpiContext::new_with_signer(
            ctx.accounts.io_program.key(),
            ionet_token::cpi::accounts::FeesBurn {
                config: ctx.accounts.token_config.to_account_info(),
                stats: ctx.accounts.token_stats.to_account_info(),
                mint: ctx.accounts.payment_mint.to_account_info(),
                source: ctx.accounts.vault.to_account_info(),
                source_authority: ctx.accounts.job.to_account_info(),
                reporter: ctx.accounts.authority.to_account_info(),
                token_program: ctx.accounts.token_program.to_account_info(),
            },
            &[&seeds, AUTHORITY_SIGNER],
        ),
        FeesBurnArgs {
            kind: BurnKind::Fee,
            amount: burned,
            compute_spend: spend,
            fees,
            escrowed,
        },
    )?;
    let vault = Vault {
        vault: &ctx.accounts.vault.to_account_info(),
        mint: &ctx.accounts.payment_mint.to_account_info(),
        job: &ctx.accounts.job.to_account_info(),
        token_program: &ctx.accounts.token_program.to_account_info(),
        decimals: check_mint(&ctx.accounts.payment_mint)?,
    };
    vault.transfer(&signer, &ctx.accounts.treasury, to_treasury)?;
    vault.transfer(&signer, &ctx.accounts.client_token, refund)?;

    let mut job = ctx.accounts.job.load_mut()?;
    job.fees = job.fees.safe_add(fees)?;
    job.fees_pending = 0;
    job.refunded = job.refunded.safe_add(refund)?;
    job.state = JobState::Settled as u8;
    job.invariant()?;
    require!(job.held()? == 0, EscrowError::InvariantViolated);
    emit!(JobSettled {
        job: job_key,
        paid: job.paid,
        fees: job.fees,
        fees_burned: burned,
        fees_to_treasury: to_treasury,
        refunded: job.refunded,
    });
    Ok(())
}
