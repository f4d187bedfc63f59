use anchor_lang::prelude::*;
use anchor_spl::token::{Mint, Token, TokenAccount};

use crate::constants::BPS_DENOMINATOR;
use crate::error::EscrowError;
use crate::events::DisputeResolved;
use crate::math::SafeMath;
use crate::pda::CONFIG_ADDRESS;
use crate::state::{EscrowConfig, Job, JobState};
use crate::vault::{JobSigner, Vault};

#[derive(Accounts)]
pub struct JobResolve<'info> {
    #[account(address = CONFIG_ADDRESS, has_one = arbiter @ EscrowError::NotArbiter)]
    pub config: Box<Account<'info, EscrowConfig>>,
    #[account(mut, constraint = job.load()?.is_at(&job.key()) @ EscrowError::InvalidPda)]
    pub job: AccountLoader<'info, Job>,
    #[account(mut, address = job.load()?.vault @ EscrowError::WrongVault)]
    pub vault: Box<Account<'info, TokenAccount>>,
    #[account(address = config.payment_mint @ EscrowError::WrongMint)]
    pub payment_mint: Box<Account<'info, Mint>>,
    /// The client's IO account (gets the bond back if the dispute is founded).
    #[account(
        mut,
        token::mint = payment_mint,
        constraint = client_token.owner == job.load()?.client @ EscrowError::WrongTokenOwner,
    )]
    pub client_token: Box<Account<'info, TokenAccount>>,
    #[account(mut, address = config.treasury @ EscrowError::WrongTreasury)]
    pub treasury: Box<Account<'info, TokenAccount>>,
    pub arbiter: Signer<'info>,
    pub token_program: Program<'info, Token>,
}

/// The arbiter decides a dispute. Founded: the bond returns to the client and
/// nodes are paid `payout_bps` of what they earned (the rest is refunded).
/// Unfounded: the bond goes to the treasury and nodes are paid in full. Either
/// way the challenge window is over and the job can settle. Only before the
/// dispute's deadline; after it the default outcome applies (`job_dispute_lapse`).
pub fn handler(ctx: Context<JobResolve>, founded: bool, payout_bps: u16) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let (signer, bond) = {
        let job = ctx.accounts.job.load()?;
        require!(
            job.state() == JobState::Disputed,
            EscrowError::InvalidJobState
        );
        require!(
            now < job.dispute_deadline,
            EscrowError::DisputeDeadlinePassed
        );
        (JobSigner::new(&job), job.dispute_bond)
    };
    require!(
        !founded || u64::from(payout_bps) <= BPS_DENOMINATOR,
        EscrowError::ParamOutOfBounds
    );
    let vault = Vault {
        vault: &ctx.accounts.vault.to_account_info(),
        mint: &ctx.accounts.payment_mint.to_account_info(),
        job: &ctx.accounts.job.to_account_info(),
        token_program: &ctx.accounts.token_program.to_account_info(),
        decimals: ctx.accounts.payment_mint.decimals,
    };
    let destination = if founded {
        ctx.accounts.client_token.to_account_info()
    } else {
        ctx.accounts.treasury.to_account_info()
    };
    vault.transfer(&signer, &destination, bond)?;

    let mut job = ctx.accounts.job.load_mut()?;
    if founded {
        job.refunded = job.refunded.safe_add(bond)?;
        job.payout_bps = payout_bps;
    } else {
        job.fees = job.fees.safe_add(bond)?;
    }
    job.dispute_bond = 0;
    job.state = JobState::Completed as u8;
    job.challenge_ends_at = now;
    job.invariant()?;
    emit!(DisputeResolved {
        job: ctx.accounts.job.key(),
        founded,
        payout_bps: job.payout_bps,
        bond,
    });
    Ok(())
}
