use anchor_lang::prelude::*;
use ionet_registry::program::IonetRegistry;

use crate::constants::MIN_START_WINDOW_SECS;
use crate::error::EscrowError;
use crate::events::NodeAssigned;
use crate::math::SafeMath;
use crate::pda::{AUTHORITY_ADDRESS, CONFIG_ADDRESS};
use crate::registry::{commit_nodes, load_node};
use crate::runs::create_run;
use crate::state::{EscrowConfig, Job, JobState, Run, RunStatus};

#[derive(Accounts)]
pub struct JobAssign<'info> {
    #[account(address = CONFIG_ADDRESS, has_one = matcher @ EscrowError::NotMatcher)]
    pub config: Box<Account<'info, EscrowConfig>>,
    #[account(mut, constraint = job.load()?.is_at(&job.key()) @ EscrowError::InvalidPda)]
    pub job: AccountLoader<'info, Job>,
    /// The registry's config, at its fixed address.
    /// CHECK: read by the registry in `node_job_commit`.
    #[account(address = ionet_registry::pda::CONFIG_ADDRESS @ EscrowError::InvalidRegistryConfig)]
    pub registry_config: UncheckedAccount<'info>,
    /// The escrow's authority PDA, the registry's job authority.
    /// CHECK: address checked; no data; signs the registry CPIs.
    #[account(address = AUTHORITY_ADDRESS)]
    pub authority: UncheckedAccount<'info>,
    pub matcher: Signer<'info>,
    /// Pays the runs' rent and gets it back when they are settled.
    #[account(mut)]
    pub payer: Signer<'info>,
    pub registry_program: Program<'info, IonetRegistry>,
    pub system_program: Program<'info, System>,
}

/// The matcher assigns nodes to the job: `gpus[i]` GPUs of the i-th node.
/// Remaining accounts, per node: `[node (mut), run (mut, the PDA
/// [RUN_SEED, job, node], created here)]`.
///
/// Each node's attested hardware must match the job's spec, its reputation
/// reach the floor and the job's price its operator's minimum, and the start
/// deadline must leave it `MIN_START_WINDOW_SECS`; the registry then checks that it is eligible (attested,
/// bonded, live) and has the GPUs free, and locks them until the run is settled
/// or timed out. One node cannot be assigned twice to a job (its run exists).
pub fn handler<'info>(ctx: Context<'info, JobAssign<'info>>, gpus: Vec<u16>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let params = &ctx.accounts.config.params;
    let job_key = ctx.accounts.job.key();
    let nodes = ctx.remaining_accounts;
    require!(
        !gpus.is_empty() && nodes.len() == 2 * gpus.len(),
        EscrowError::InvalidBatch
    );
    let mut job = ctx.accounts.job.load_mut()?;
    require!(
        matches!(job.state(), JobState::Open | JobState::Running),
        EscrowError::InvalidJobState
    );
    require!(now <= job.start_deadline, EscrowError::StartDeadlinePassed);
    // No node is exposed to a start window it could not meet.
    require!(
        job.start_deadline >= now.safe_add(MIN_START_WINDOW_SECS)?,
        EscrowError::StartWindowTooShort
    );

    let registry_program = ctx.accounts.registry_program.to_account_info();
    let registry_config = ctx.accounts.registry_config.to_account_info();
    let authority = ctx.accounts.authority.to_account_info();
    let payer = ctx.accounts.payer.to_account_info();
    let system_program = ctx.accounts.system_program.to_account_info();
    let rent = Rent::get()?.minimum_balance(Run::SPACE);
    let mut committed = Vec::with_capacity(gpus.len());
    for (count, pair) in gpus.iter().zip(nodes.chunks_exact(2)) {
        let (node_info, run_info) = (&pair[0], &pair[1]);
        let count = *count;
        job.gpus_assigned = job.gpus_assigned.safe_add(count)?;
        job.runs = job.runs.safe_add(1)?;
        require!(
            count > 0 && job.gpus_assigned <= job.gpu_count && job.runs <= params.max_nodes_per_job,
            EscrowError::TooManyGpus
        );

        let (agent, operator) = {
            let node = load_node(node_info)?;
            let attested = &node.attestation;
            let model_ok = if job.match_tier != 0 {
                attested.model().tier() == job.model().tier()
            } else {
                attested.model() == job.model()
            };
            require!(model_ok, EscrowError::GpuModelMismatch);
            require!(
                attested.vram_gb_per_gpu >= job.min_vram_gb,
                EscrowError::InsufficientVram
            );
            require!(
                (node.declared.cuda_major, node.declared.cuda_minor)
                    >= (job.min_cuda_major, job.min_cuda_minor),
                EscrowError::CudaTooOld
            );
            require!(
                job.region == [0; 8] || job.region == node.declared.region,
                EscrowError::RegionMismatch
            );
            require!(
                node.reputation_bps >= params.min_reputation_bps,
                EscrowError::ReputationTooLow
            );
            // The operator's consent to the terms it can fail (and be slashed) under.
            require!(
                job.price_per_gpu_hour >= node.min_price_per_gpu_hour,
                EscrowError::PriceBelowNodeMinimum
            );
            (node.agent, node.operator)
        };

        committed.push(node_info.clone());

        let run = Run {
            gpu_seconds: 0,
            started_at: 0,
            last_report_at: 0,
            removed_at: 0,
            job: job_key,
            node: node_info.key(),
            agent,
            operator,
            rent_payer: payer.key(),
            gpus: count,
            status: RunStatus::Assigned as u8,
            bump: 0,
            reserved: [0; 36],
        };
        create_run(run_info, &payer, &system_program, rent, run)?;
        job.runs_open = job.runs_open.safe_add(1)?;
        emit!(NodeAssigned {
            job: job_key,
            run: run_info.key(),
            node: node_info.key(),
            gpus: count,
            gpus_assigned: job.gpus_assigned,
        });
    }
    drop(job);
    // One registry call for the whole batch: it checks eligibility and free GPUs
    // and locks them (a CPI per node would cost ~1,000 CU each).
    commit_nodes(
        &registry_program,
        &registry_config,
        &authority,
        committed,
        gpus,
    )?;
    ctx.accounts.job.load()?.invariant()
}
