//! Events: one per state change, with the fields an indexer needs.
//! Amounts are in IO base units (1e8); times in unix seconds; shares in bps.

use anchor_lang::prelude::*;
use ionet_registry::state::GpuModel;

use crate::state::{EscrowParams, JobState, RunStatus};

/// The escrow config was created.
#[event]
pub struct EscrowConfigInitialized {
    pub config: Pubkey,
    pub admin: Pubkey,
    pub matcher: Pubkey,
    pub arbiter: Pubkey,
    pub payment_mint: Pubkey,
    pub treasury: Pubkey,
    pub params: EscrowParams,
}

/// The admin changed the config; all values after the change.
#[event]
pub struct EscrowConfigUpdated {
    pub admin: Pubkey,
    pub matcher: Pubkey,
    pub arbiter: Pubkey,
    pub treasury: Pubkey,
    pub params: EscrowParams,
}

#[event]
pub struct JobCreated {
    pub job: Pubkey,
    pub client: Pubkey,
    pub job_id: u64,
    pub gpu_model: GpuModel,
    pub gpu_count: u16,
    pub duration_hours: u32,
    pub price_per_gpu_hour: u64,
    pub deposited: u64,
    pub start_deadline: i64,
}

#[event]
pub struct NodeAssigned {
    pub job: Pubkey,
    pub run: Pubkey,
    pub node: Pubkey,
    pub gpus: u16,
    pub gpus_assigned: u16,
}

#[event]
pub struct RunStarted {
    pub job: Pubkey,
    pub run: Pubkey,
    pub node: Pubkey,
    pub started_at: i64,
}

#[event]
pub struct UsageReported {
    pub job: Pubkey,
    pub run: Pubkey,
    pub gpu_seconds: u64,
    pub earned: u64,
}

#[event]
pub struct JobCompleted {
    pub job: Pubkey,
    pub by: Pubkey,
    pub completed_at: i64,
    pub challenge_ends_at: i64,
}

#[event]
pub struct JobDisputed {
    pub job: Pubkey,
    pub bond: u64,
    pub evidence_hash: [u8; 32],
}

#[event]
pub struct DisputeResolved {
    pub job: Pubkey,
    pub founded: bool,
    pub payout_bps: u16,
    /// Returned to the client (founded) or sent to the treasury (unfounded).
    pub bond: u64,
}

#[event]
pub struct RunTimedOut {
    pub job: Pubkey,
    pub run: Pubkey,
    pub node: Pubkey,
    /// true: never started by the deadline; false: its usage receipts stopped (`report_timeout_secs`).
    pub not_started: bool,
    pub refunded: u64,
    pub slash_proposal: Pubkey,
    pub evidence_hash: [u8; 32],
}

#[event]
pub struct RunUnassigned {
    pub job: Pubkey,
    pub run: Pubkey,
    pub node: Pubkey,
    pub gpus: u16,
    /// true: the node's agent declined; false: the matcher withdrew it.
    pub by_agent: bool,
    /// The job's assigned GPUs after the withdrawal.
    pub gpus_assigned: u16,
}

#[event]
pub struct RunSettled {
    pub job: Pubkey,
    pub run: Pubkey,
    pub node: Pubkey,
    /// The run's status when settled (`Removed`: it timed out earlier).
    pub status: RunStatus,
    pub gpu_seconds: u64,
    /// Paid to the operator, net of the fee.
    pub paid: u64,
    pub fee: u64,
}

#[event]
pub struct JobSettled {
    pub job: Pubkey,
    pub paid: u64,
    pub fees: u64,
    pub fees_burned: u64,
    pub fees_to_treasury: u64,
    pub refunded: u64,
}

#[event]
pub struct JobCancelled {
    pub job: Pubkey,
    pub refunded: u64,
}

/// The arbiter did not decide a dispute by its deadline: the default outcome
/// applied (nodes paid in full, the bond back to the client).
#[event]
pub struct DisputeLapsed {
    pub job: Pubkey,
    pub bond: u64,
}

/// Unaccounted IO (sent to a settled job's vault outside its books) was swept
/// to the treasury so that it cannot block closing the vault.
#[event]
pub struct VaultDustSwept {
    pub job: Pubkey,
    pub amount: u64,
}

#[event]
pub struct JobClosed {
    pub job: Pubkey,
    pub state: JobState,
}
