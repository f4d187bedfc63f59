use anchor_lang::prelude::*;
use anchor_spl::token::Token;
use ionet_registry::program::IonetRegistry;
use ionet_registry::state::{GpuModel, JobOutcome};

use crate::constants::COMPLETION_MIN_PAYOUT_BPS;
use crate::error::EscrowError;
use crate::events::RunSettled;
use crate::math::{bps_of, earned, SafeMath};
use crate::pda::{AUTHORITY_ADDRESS, CONFIG_ADDRESS};
use crate::registry::RegistryCpi;
use crate::runs::{close_run, load_run};
use crate::state::{EscrowConfig, Job, JobState, RunStatus};
use crate::token::{check_mint, check_token_account};
use crate::vault::{JobSigner, Vault};

/// The token accounts are read in place (`crate::token`): typed token accounts
/// cost ~1,000 CU of unpacking each, a tenth of the budget of settling a node.
#[derive(Accounts)]
pub struct JobSettle<'info> {
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, EscrowConfig>>,
    #[account(mut, constraint = job.load()?.is_at(&job.key()) @ EscrowError::InvalidPda)]
    pub job: AccountLoader<'info, Job>,
    /// The job's vault.
    /// CHECK: address checked here; a payment-mint token account held by the job (handler).
    #[account(mut, address = job.load()?.vault @ EscrowError::WrongVault)]
    pub vault: UncheckedAccount<'info>,
    /// The payment mint.
    /// CHECK: address checked here; an initialized mint (handler).
    #[account(address = config.payment_mint @ EscrowError::WrongMint)]
    pub payment_mint: UncheckedAccount<'info>,
    /// Gets the runs' rent back: every run of the batch must have been paid by it.
    /// CHECK: compared with each run's `rent_payer` (handler).
    #[account(mut)]
    pub rent_payer: UncheckedAccount<'info>,
    /// The registry's config, at its fixed address.
    /// CHECK: read by the registry in `node_job_release`.
    #[account(address = ionet_registry::pda::CONFIG_ADDRESS @ EscrowError::InvalidRegistryConfig)]
    pub registry_config: UncheckedAccount<'info>,
    /// The escrow's authority PDA, the registry's job authority.
    /// CHECK: address checked; no data; signs the registry CPIs.
    #[account(address = AUTHORITY_ADDRESS)]
    pub authority: UncheckedAccount<'info>,
    /// Anyone, once the challenge window has closed.
    pub cranker: Signer<'info>,
    pub registry_program: Program<'info, IonetRegistry>,
    pub token_program: Program<'info, Token>,
}

/// Permissionless after the challenge window (or once the job is cancelled):
/// settles a batch of runs. Remaining accounts, per run: `[run (mut), node (mut),
/// operator's IO account (mut)]`.
///
/// Each node is paid pro rata to the GPU-seconds it delivered at the job's
/// price (times the payout share a dispute left), net of the job's protocol
/// fee, which stays in the vault until `job_finalize` burns it; its GPUs are
/// released with the GPU-seconds delivered and that fee under the job's tier
/// (the node's work rewards accrue from its burned share, so no job earns more
/// from emissions than it burned); the run is closed, so it can never be paid
/// again.
pub fn handler<'info>(ctx: Context<'info, JobSettle<'info>>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let mint = ctx.accounts.config.payment_mint;
    let job_key = ctx.accounts.job.key();
    let runs = ctx.remaining_accounts;
    require!(
        !runs.is_empty() && runs.len().is_multiple_of(3),
        EscrowError::InvalidBatch
    );

    let (signer, cancelled, late, price, payout_bps, fee_bps, tier) = {
        let job = ctx.accounts.job.load()?;
        let cancelled = match job.state() {
            JobState::Completed => {
                require!(
                    now >= job.challenge_ends_at,
                    EscrowError::ChallengeWindowOpen
                );
                false
            }
            JobState::Cancelled => true,
            _ => return err!(EscrowError::InvalidJobState),
        };
        check_token_account(&ctx.accounts.vault, &mint, Some(&job_key))?;
        (
            JobSigner::new(&job),
            cancelled,
            job.cancelled_late == 1,
            job.price_per_gpu_hour,
            job.payout_bps,
            job.fee_bps,
            // The tier the work is delivered on: the job's, which the node
            // matched when it was assigned (re-attesting cannot re-weight it).
            GpuModel::from_u8(job.gpu_model)
                .unwrap_or(GpuModel::Other)
                .tier(),
        )
    };
    let vault = Vault {
        vault: &ctx.accounts.vault.to_account_info(),
        mint: &ctx.accounts.payment_mint.to_account_info(),
        job: &ctx.accounts.job.to_account_info(),
        token_program: &ctx.accounts.token_program.to_account_info(),
        decimals: check_mint(&ctx.accounts.payment_mint)?,
    };
    let registry_program = ctx.accounts.registry_program.to_account_info();
    let registry_config = ctx.accounts.registry_config.to_account_info();
    let authority = ctx.accounts.authority.to_account_info();
    let rent_payer = ctx.accounts.rent_payer.to_account_info();

    let (mut paid, mut fees, mut settled) = (0u64, 0u64, 0u16);
    for triple in runs.chunks_exact(3) {
        let (run_info, node_info, operator_token) = (&triple[0], &triple[1], &triple[2]);
        let run = load_run(run_info, &job_key)?;
        require_keys_eq!(run.node, node_info.key(), EscrowError::RunNodeMismatch);
        require_keys_eq!(
            run.rent_payer,
            rent_payer.key(),
            EscrowError::WrongRentPayer
        );
        check_token_account(operator_token, &mint, Some(&run.operator))?;

        let gross = if cancelled {
            0
        } else {
            bps_of(earned(run.gpu_seconds, price)?, payout_bps)?
        };
        let fee = bps_of(gross, fee_bps)?;
        let net = gross.safe_sub(fee)?;
        vault.transfer(&signer, operator_token, net)?;
        let (outcome, delivered) = match run.status() {
            // Credits follow the payout: only the paid share of GPU-seconds
            // counts, and the job counts as completed only when at least
            // `COMPLETION_MIN_PAYOUT_BPS` of it was paid (else as failed).
            RunStatus::Running => (
                Some(if u64::from(payout_bps) >= COMPLETION_MIN_PAYOUT_BPS {
                    JobOutcome::Completed
                } else {
                    JobOutcome::Failed
                }),
                bps_of(run.gpu_seconds, payout_bps)?,
            ),
            // Never started: a failure once the start deadline had passed when
            // the job was cancelled (as `job_timeout` records it), else no fault.
            RunStatus::Assigned if late => (Some(JobOutcome::Failed), 0),
            RunStatus::Assigned => (Some(JobOutcome::Cancelled), 0),
            RunStatus::Removed => (None, 0), // released when it timed out
        };
        if let Some(outcome) = outcome {
            RegistryCpi {
                program: &registry_program,
                config: &registry_config,
                node: node_info,
                authority: &authority,
            }
            .release_paid(run.gpus, outcome, delivered, fee, tier)?;
        }
        close_run(run_info, &rent_payer)?;
        paid = paid.safe_add(net)?;
        fees = fees.safe_add(fee)?;
        settled = settled.safe_add(1)?;
        emit!(RunSettled {
            job: job_key,
            run: run_info.key(),
            node: run.node,
            status: run.status(),
            gpu_seconds: run.gpu_seconds,
            paid: net,
            fee,
        });
    }

    let mut job = ctx.accounts.job.load_mut()?;
    job.paid = job.paid.safe_add(paid)?;
    job.fees_pending = job.fees_pending.safe_add(fees)?;
    job.runs_open = job.runs_open.safe_sub(settled)?;
    job.invariant()
}
