use anchor_lang::prelude::*;
use anchor_spl::token::{Mint, Token, TokenAccount};
use ionet_registry::math::bps_of as registry_bps_of;
use ionet_registry::program::IonetRegistry;
use ionet_registry::state::{JobOutcome, Offense};

use crate::error::EscrowError;
use crate::events::RunTimedOut;
use crate::math::{earned, reserved, SafeMath};
use crate::pda::{AUTHORITY_ADDRESS, CONFIG_ADDRESS};
use crate::registry::{load_node, load_params, RegistryCpi};
use crate::state::{EscrowConfig, Job, JobState, Run, RunStatus};
use crate::vault::{JobSigner, Vault};

#[derive(Accounts)]
pub struct JobTimeout<'info> {
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, EscrowConfig>>,
    #[account(mut, constraint = job.load()?.is_at(&job.key()) @ EscrowError::InvalidPda)]
    pub job: AccountLoader<'info, Job>,
    #[account(
        mut,
        constraint = run.load()?.job == job.key() @ EscrowError::RunJobMismatch,
        constraint = run.load()?.is_at(&run.key()) @ EscrowError::InvalidPda,
        constraint = run.load()?.node == node.key() @ EscrowError::RunNodeMismatch,
    )]
    pub run: AccountLoader<'info, Run>,
    /// CHECK: the run's registry node (key checked above), loaded and checked by the handler.
    #[account(mut)]
    pub node: UncheckedAccount<'info>,
    /// CHECK: the registry's config, at its fixed address; loaded by the handler.
    #[account(address = ionet_registry::pda::CONFIG_ADDRESS @ EscrowError::InvalidRegistryConfig)]
    pub registry_config: UncheckedAccount<'info>,
    /// CHECK: the slash proposal the registry creates (the registry checks its seeds).
    #[account(mut)]
    pub proposal: UncheckedAccount<'info>,
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
    /// CHECK: the escrow's authority PDA (no data); signs the registry CPIs.
    #[account(address = AUTHORITY_ADDRESS)]
    pub authority: UncheckedAccount<'info>,
    /// Anyone: pays the slash proposal's rent.
    #[account(mut)]
    pub payer: Signer<'info>,
    pub registry_program: Program<'info, IonetRegistry>,
    pub token_program: Program<'info, Token>,
    pub system_program: Program<'info, System>,
}

/// Permissionless crank: removes a node that did not start by the deadline or
/// whose usage receipts stopped while running (none for `report_timeout_secs`) (never one whose run delivered and
/// reported its whole reservation). The client is refunded the run's
/// undelivered part now; the node is released with a failed outcome (its
/// reputation drops); a node that had started gets a job-failure slash
/// proposed with the evidence (one that never started is not slashed).
/// What the node delivered before is still paid at settlement.
pub fn handler(ctx: Context<JobTimeout>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let job_key = ctx.accounts.job.key();
    let run_key = ctx.accounts.run.key();
    let node_key = ctx.accounts.node.key();

    // 1. Is the node at fault? Read the registry's view of its liveness.
    let (signer, refund, gpus, delivered, not_started, evidence_hash, slashable) = {
        let job = ctx.accounts.job.load()?;
        let mut run = ctx.accounts.run.load_mut()?;
        require!(
            matches!(job.state(), JobState::Open | JobState::Running),
            EscrowError::InvalidJobState
        );
        let registry_params = load_params(&ctx.accounts.registry_config)?;
        let node = load_node(&ctx.accounts.node)?;
        let not_started = match run.status() {
            RunStatus::Assigned => {
                require!(now > job.start_deadline, EscrowError::NodeHealthy);
                true
            }
            RunStatus::Running => {
                // A run that delivered and reported its whole reservation is done,
                // whatever the node's liveness now: nothing failed.
                let reservation = u64::from(run.gpus).safe_mul(job.duration_secs()?)?;
                require!(run.gpu_seconds < reservation, EscrowError::NodeHealthy);
                // A running run's liveness is its own usage receipts (no on-chain
                // heartbeat exists): silent once none came for `report_timeout_secs`
                // (the job's, fixed at its creation).
                let heard = run.started_at.max(run.last_report_at);
                let timeout =
                    job.report_timeout_secs(ctx.accounts.config.params.report_timeout_secs);
                require!(
                    now.safe_sub(heard)? > i64::from(timeout),
                    EscrowError::NodeHealthy
                );
                false
            }
            RunStatus::Removed => return err!(EscrowError::InvalidRunState),
        };
        let slash_bps = registry_params.slash_bps[Offense::JobFailure as usize];
        // A node that never started declined the job: refund and release are
        // enough (the failure still counts in its reputation). Only a node that
        // started and went silent broke terms it had begun to work under.
        let slashable = !not_started && registry_bps_of(node.stake()?, slash_bps)? > 0;
        let evidence_hash = solana_sha256_hasher::hashv(&[
            job_key.as_ref(),
            run_key.as_ref(),
            node_key.as_ref(),
            &[u8::from(not_started)],
            &run.last_report_at.to_le_bytes(),
            &run.gpu_seconds.to_le_bytes(),
            &now.to_le_bytes(),
        ])
        .to_bytes();
        let refund = reserved(run.gpus, job.duration_hours, job.price_per_gpu_hour)?
            .safe_sub(earned(run.gpu_seconds, job.price_per_gpu_hour)?)?;
        run.status = RunStatus::Removed as u8;
        run.removed_at = now;
        (
            JobSigner::new(&job),
            refund,
            run.gpus,
            run.gpu_seconds,
            not_started,
            evidence_hash,
            slashable,
        )
    };

    // 2. Refund the undelivered part.
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

    // 3. Release the node as failed; propose the slash.
    let registry = RegistryCpi {
        program: &ctx.accounts.registry_program.to_account_info(),
        config: &ctx.accounts.registry_config.to_account_info(),
        node: &ctx.accounts.node.to_account_info(),
        authority: &ctx.accounts.authority.to_account_info(),
    };
    registry.release(gpus, JobOutcome::Failed, delivered)?;
    let slash_proposal = if slashable {
        registry.propose_slash(
            &ctx.accounts.proposal.to_account_info(),
            &ctx.accounts.payer.to_account_info(),
            &ctx.accounts.system_program.to_account_info(),
            evidence_hash,
        )?;
        ctx.accounts.proposal.key()
    } else {
        Pubkey::default()
    };

    let mut job = ctx.accounts.job.load_mut()?;
    job.refunded = job.refunded.safe_add(refund)?;
    job.runs_removed = job.runs_removed.safe_add(1)?;
    job.invariant()?;
    emit!(RunTimedOut {
        job: job_key,
        run: run_key,
        node: node_key,
        not_started,
        refunded: refund,
        slash_proposal,
        evidence_hash,
    });
    Ok(())
}
