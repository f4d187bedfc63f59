//! A client's job: the GPU spec, the escrowed payment and its accounting.

use anchor_lang::prelude::*;
use ionet_registry::state::GpuModel;

use crate::constants::JOB_SEED;
use crate::error::EscrowError;
use crate::math::SafeMath;

/// Open → Running → Completed (⇄ Disputed) → Settled; Open → Cancelled → Settled.
/// `job_settle` pays the runs; once none is open, `job_finalize` moves the fees
/// out and refunds the rest (→ Settled). A settled job can be closed by its client.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum JobState {
    /// Paid for; the matcher is assigning nodes; nothing has started.
    Open,
    /// At least one node started.
    Running,
    /// Work ended; the challenge window runs until `challenge_ends_at`.
    Completed,
    /// The client disputed; settlement waits for the arbiter (at most until
    /// `dispute_deadline`).
    Disputed,
    /// The client cancelled before any node started; fully refunded.
    Cancelled,
    /// Every run is settled and the remainder refunded.
    Settled,
}

impl JobState {
    pub fn from_u8(value: u8) -> JobState {
        match value {
            1 => JobState::Running,
            2 => JobState::Completed,
            3 => JobState::Disputed,
            4 => JobState::Cancelled,
            5 => JobState::Settled,
            _ => JobState::Open,
        }
    }
}

/// Seeds: `[JOB_SEED, client, job_id (u64 LE)]`.
///
/// Accounting identity, at every moment:
/// `deposited = vault balance + paid + fees + refunded`, where `fees` counts fees
/// already burned or sent to the treasury and `fees_pending` those still in the
/// vault (moved out by `job_finalize`).
#[account(zero_copy)]
pub struct Job {
    pub job_id: u64,
    /// precision: IO base units (1e8)
    pub price_per_gpu_hour: u64,
    /// Payment plus any dispute bond. precision: IO base units (1e8)
    pub deposited: u64,
    /// Paid to nodes, net of fees. precision: IO base units (1e8)
    pub paid: u64,
    /// Burned or sent to the treasury. precision: IO base units (1e8)
    pub fees: u64,
    /// Charged but still in the vault. precision: IO base units (1e8)
    pub fees_pending: u64,
    /// precision: IO base units (1e8)
    pub refunded: u64,
    /// The dispute bond held in the vault; 0 if none. precision: IO base units (1e8)
    pub dispute_bond: u64,
    /// unit: unix seconds
    pub created_at: i64,
    /// Every assigned node must start by then. unit: unix seconds
    pub start_deadline: i64,
    /// First node start. unit: unix seconds; 0 before
    pub started_at: i64,
    /// unit: unix seconds; 0 before completion
    pub completed_at: i64,
    /// unit: unix seconds; 0 before completion
    pub challenge_ends_at: i64,
    pub client: Pubkey,
    pub vault: Pubkey,
    /// Hash of the client's dispute statement; zero if none.
    pub dispute_evidence: [u8; 32],
    /// Region code the nodes must be in; all zero means any.
    pub region: [u8; 8],
    /// unit: hours
    pub duration_hours: u32,
    pub gpu_count: u16,
    pub gpus_assigned: u16,
    /// Runs created (nodes assigned).
    pub runs: u16,
    pub runs_started: u16,
    /// Runs not yet settled.
    pub runs_open: u16,
    pub runs_removed: u16,
    /// unit: GB
    pub min_vram_gb: u16,
    /// Share of earned pay released to nodes (below 10_000 only after a founded
    /// dispute). precision: bps
    pub payout_bps: u16,
    /// The protocol fee on payments, fixed when the job was created (the IO
    /// token's `fee_bps` then). precision: bps
    pub fee_bps: u16,
    /// A `GpuModel`.
    pub gpu_model: u8,
    /// 1: any model of the same tier is accepted (an H200 for an H100 job).
    pub match_tier: u8,
    pub min_cuda_major: u8,
    pub min_cuda_minor: u8,
    /// A `JobState`.
    pub state: u8,
    /// 1 once disputed (one dispute per job).
    pub disputed: u8,
    pub bump: u8,
    pub vault_bump: u8,
    /// 1 if cancelled after the start deadline: its assigned nodes never
    /// started in time and are released as failed, as `job_timeout` does.
    pub cancelled_late: u8,
    pub padding: [u8; 1],
    /// The arbiter must decide the dispute by then; after it the default outcome
    /// applies (`job_dispute_lapse`). unit: unix seconds; 0 if never disputed
    pub dispute_deadline: i64,
    /// The escrow's `report_timeout_secs` when the job was created: its runs are held
    /// to it (a later config change does not make a run under way silent). unit:
    /// seconds; 0 for jobs created before the field existed (the config's applies)
    pub report_timeout_secs: u32,
    /// Space for fields added by later versions.
    pub reserved: [u8; 52],
}

impl Job {
    pub const SPACE: usize = 8 + core::mem::size_of::<Job>();

    pub fn state(&self) -> JobState {
        JobState::from_u8(self.state)
    }

    pub fn model(&self) -> GpuModel {
        GpuModel::from_u8(self.gpu_model).unwrap_or(GpuModel::Other)
    }

    /// How long a running run may go without a usage receipt before `job_timeout`
    /// may remove it: the job's own figure, or `config_secs` for a job that has none.
    /// unit: seconds
    pub fn report_timeout_secs(&self, config_secs: u32) -> u32 {
        if self.report_timeout_secs == 0 {
            config_secs
        } else {
            self.report_timeout_secs
        }
    }

    pub fn duration_secs(&self) -> Result<u64> {
        u64::from(self.duration_hours).safe_mul(crate::constants::SECONDS_PER_HOUR)
    }

    /// Whether `key` is this job's PDA `[JOB_SEED, client, job_id]` with its stored bump.
    pub fn is_at(&self, key: &Pubkey) -> bool {
        crate::pda::is_program_address(
            key,
            &[JOB_SEED, self.client.as_ref(), &self.job_id.to_le_bytes()],
            self.bump,
        )
    }

    /// What the vault should hold: `deposited − paid − fees − refunded`.
    pub fn held(&self) -> Result<u64> {
        self.deposited
            .safe_sub(self.paid)?
            .safe_sub(self.fees)?
            .safe_sub(self.refunded)
    }

    /// Stored invariants, checked after every change.
    pub fn invariant(&self) -> Result<()> {
        let held = self.held()?;
        require!(
            self.fees_pending.safe_add(self.dispute_bond)? <= held
                && self.gpus_assigned <= self.gpu_count
                && self.runs_started <= self.runs
                && self.runs_open <= self.runs
                && self.runs_removed <= self.runs
                && self.payout_bps <= 10_000
                && self.fee_bps <= 10_000,
            EscrowError::InvariantViolated
        );
        Ok(())
    }
}
