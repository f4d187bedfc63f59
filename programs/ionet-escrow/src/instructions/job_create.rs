use anchor_lang::prelude::*;
use anchor_spl::token::{transfer_checked, Mint, Token, TokenAccount, TransferChecked};
use ionet_registry::state::{GpuModel, MAX_VRAM_GB};

use crate::constants::{JOB_SEED, MIN_START_WINDOW_SECS, VAULT_SEED};
use crate::error::EscrowError;
use crate::events::JobCreated;
use crate::math::{reserved, SafeMath};
use crate::pda::CONFIG_ADDRESS;
use crate::registry::load_token_params;
use crate::state::{EscrowConfig, Job, JobState};

/// What the client asks for.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct JobSpec {
    pub gpu_model: GpuModel,
    /// Accept any model of the same tier (an H200 for an H100 job).
    pub match_tier: bool,
    pub gpu_count: u16,
    /// unit: GB
    pub min_vram_gb: u16,
    pub min_cuda_major: u8,
    pub min_cuda_minor: u8,
    /// Region code the nodes must be in (ASCII, zero-padded); all zero means any.
    pub region: [u8; 8],
    /// unit: hours
    pub duration_hours: u32,
    /// precision: IO base units (1e8)
    pub price_per_gpu_hour: u64,
    /// Every assigned node must start by then. unit: unix seconds
    pub start_deadline: i64,
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone)]
pub struct JobCreateArgs {
    /// Chosen by the client, unique among its own jobs (the PDA enforces it).
    pub job_id: u64,
    pub spec: JobSpec,
}

#[derive(Accounts)]
#[instruction(args: JobCreateArgs)]
pub struct JobCreate<'info> {
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, EscrowConfig>>,
    #[account(
        init,
        payer = client,
        space = Job::SPACE,
        seeds = [JOB_SEED, client.key().as_ref(), &args.job_id.to_le_bytes()],
        bump,
    )]
    pub job: AccountLoader<'info, Job>,
    #[account(
        init,
        payer = client,
        seeds = [VAULT_SEED, job.key().as_ref()],
        bump,
        token::mint = payment_mint,
        token::authority = job,
        token::token_program = token_program,
    )]
    pub vault: Box<Account<'info, TokenAccount>>,
    #[account(address = config.payment_mint @ EscrowError::WrongMint)]
    pub payment_mint: Box<Account<'info, Mint>>,
    /// The client's IO account the deposit comes from.
    #[account(mut, token::mint = payment_mint, token::authority = client)]
    pub client_token: Box<Account<'info, TokenAccount>>,
    /// The IO token program's config: the protocol fee the job is created with.
    /// CHECK: address checked here; owner and type checked by `load_token_params`.
    #[account(address = ionet_token::pda::CONFIG_ADDRESS @ EscrowError::InvalidTokenConfig)]
    pub token_config: UncheckedAccount<'info>,
    #[account(mut)]
    pub client: Signer<'info>,
    pub token_program: Program<'info, Token>,
    pub system_program: Program<'info, System>,
}

impl JobCreate<'_> {
    pub fn validate(&self, spec: &JobSpec) -> Result<()> {
        let p = &self.config.params;
        require!(
            spec.gpu_model != GpuModel::Other
                && (1..=p.max_gpus_per_job).contains(&spec.gpu_count)
                && (1..=p.max_duration_hours).contains(&spec.duration_hours)
                && spec.price_per_gpu_hour > 0
                && spec.min_vram_gb <= MAX_VRAM_GB,
            EscrowError::InvalidJobSpec
        );
        let now = Clock::get()?.unix_timestamp;
        require!(
            spec.start_deadline >= now.safe_add(MIN_START_WINDOW_SECS)?
                && spec.start_deadline <= now.safe_add(i64::from(p.max_start_delay_secs))?,
            EscrowError::InvalidStartDeadline
        );
        Ok(())
    }
}

/// Creates the job and its vault and escrows GPUs × hours × price from the
/// client; the job keeps the protocol fee in force now.
#[access_control(ctx.accounts.validate(&args.spec))]
pub fn handler(ctx: Context<JobCreate>, args: JobCreateArgs) -> Result<()> {
    let spec = args.spec;
    let deposit = reserved(spec.gpu_count, spec.duration_hours, spec.price_per_gpu_hour)?;
    let fee_bps = load_token_params(&ctx.accounts.token_config)?.fee_bps;
    let now = Clock::get()?.unix_timestamp;

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
        deposit,
        ctx.accounts.payment_mint.decimals,
    )?;

    let key = ctx.accounts.job.key();
    let mut job = ctx.accounts.job.load_init()?;
    job.job_id = args.job_id;
    job.price_per_gpu_hour = spec.price_per_gpu_hour;
    job.deposited = deposit;
    job.created_at = now;
    job.start_deadline = spec.start_deadline;
    job.client = ctx.accounts.client.key();
    job.vault = ctx.accounts.vault.key();
    job.region = spec.region;
    job.duration_hours = spec.duration_hours;
    job.gpu_count = spec.gpu_count;
    job.min_vram_gb = spec.min_vram_gb;
    job.payout_bps = 10_000;
    job.fee_bps = fee_bps;
    job.report_timeout_secs = ctx.accounts.config.params.report_timeout_secs;
    job.gpu_model = spec.gpu_model as u8;
    job.match_tier = u8::from(spec.match_tier);
    job.min_cuda_major = spec.min_cuda_major;
    job.min_cuda_minor = spec.min_cuda_minor;
    job.state = JobState::Open as u8;
    job.bump = ctx.bumps.job;
    job.vault_bump = ctx.bumps.vault;
    job.invariant()?;
    emit!(JobCreated {
        job: key,
        client: job.client,
        job_id: job.job_id,
        gpu_model: spec.gpu_model,
        gpu_count: spec.gpu_count,
        duration_hours: spec.duration_hours,
        price_per_gpu_hour: spec.price_per_gpu_hour,
        deposited: deposit,
        start_deadline: spec.start_deadline,
    });
    Ok(())
}
