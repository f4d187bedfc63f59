//! Events: one per state change, with the fields an indexer needs.
//! Amounts are in IO base units (1e8); times in unix seconds; shares in bps.

use anchor_lang::prelude::*;

use crate::state::{
    GpuTier, HardwareSpec, JobOutcome, NodeStatus, Offense, RegistryParams, SlashStatus,
};

/// The registry config was created.
#[event]
pub struct ConfigInitialized {
    pub config: Pubkey,
    pub admin: Pubkey,
    pub slashing_authority: Pubkey,
    pub job_authority: Pubkey,
    pub stake_mint: Pubkey,
    pub treasury: Pubkey,
    pub verifiers: Vec<Pubkey>,
    pub params: RegistryParams,
}

/// The admin changed the config; all values after the change.
#[event]
pub struct ConfigUpdated {
    pub admin: Pubkey,
    pub slashing_authority: Pubkey,
    pub job_authority: Pubkey,
    pub treasury: Pubkey,
    pub verifiers: Vec<Pubkey>,
    pub params: RegistryParams,
    pub oracles: Vec<Pubkey>,
}

#[event]
pub struct NodeRegistered {
    pub node: Pubkey,
    pub operator: Pubkey,
    pub node_id: u64,
    pub agent: Pubkey,
    pub hardware: HardwareSpec,
}

#[event]
pub struct NodeUpdated {
    pub node: Pubkey,
    pub agent: Pubkey,
    pub hardware: HardwareSpec,
    /// The hardware changed, so the attestation was cleared.
    pub verification_cleared: bool,
    pub min_price_per_gpu_hour: u64,
}

#[event]
pub struct NodeDeregistered {
    pub node: Pubkey,
    pub operator: Pubkey,
    pub node_id: u64,
}

#[event]
pub struct NodeStatusChanged {
    pub node: Pubkey,
    pub from: NodeStatus,
    pub to: NodeStatus,
    pub reputation_bps: u16,
}

#[event]
pub struct NodeMarkedInactive {
    pub node: Pubkey,
    /// When an oracle last heard the node, as proven by its last sync. unit: unix seconds
    pub last_seen: i64,
    pub cranker: Pubkey,
}

#[event]
pub struct NodeAttested {
    pub node: Pubkey,
    pub verifier: Pubkey,
    pub passed: bool,
    /// `mismatch::*` bits: model 1, count 2, VRAM 4, fingerprint 8, TFLOPS 16.
    pub mismatch: u8,
    pub effective_tier: GpuTier,
    pub measured_tflops: u32,
    pub expires_at: i64,
    /// sha256 of the attestation; recorded as spoofing evidence when declared hardware differs.
    pub attestation_hash: [u8; 32],
}

#[event]
pub struct StakeDeposited {
    pub node: Pubkey,
    pub amount: u64,
    pub bonded: u64,
}

#[event]
pub struct UnstakeRequested {
    pub node: Pubkey,
    pub amount: u64,
    pub bonded: u64,
    pub unbonding: u64,
    pub ready_at: i64,
}

#[event]
pub struct StakeRebonded {
    pub node: Pubkey,
    pub amount: u64,
    pub bonded: u64,
}

#[event]
pub struct StakeWithdrawn {
    pub node: Pubkey,
    pub amount: u64,
    pub destination: Pubkey,
}

#[event]
pub struct SlashProposed {
    pub node: Pubkey,
    pub proposal: Pubkey,
    pub offense: Offense,
    pub amount: u64,
    pub evidence_hash: [u8; 32],
    pub proposer: Pubkey,
    pub appeal_deadline: i64,
}

#[event]
pub struct SlashAppealed {
    pub node: Pubkey,
    pub proposal: Pubkey,
    pub appeal_hash: [u8; 32],
}

#[event]
pub struct SlashResolved {
    pub node: Pubkey,
    pub proposal: Pubkey,
    pub upheld: bool,
}

#[event]
pub struct SlashAppealLapsed {
    pub node: Pubkey,
    pub proposal: Pubkey,
}

#[event]
pub struct SlashExecuted {
    pub node: Pubkey,
    pub proposal: Pubkey,
    pub amount: u64,
    pub burned: u64,
    pub to_treasury: u64,
    pub remaining: u64,
    pub status: SlashStatus,
    pub reputation_bps: u16,
}

#[event]
pub struct NodeJobCommitted {
    pub node: Pubkey,
    pub gpus: u16,
    pub active_jobs: u16,
    pub committed_gpus: u16,
}

#[event]
pub struct NodeJobReleased {
    pub node: Pubkey,
    pub gpus: u16,
    pub outcome: JobOutcome,
    pub gpu_seconds: u64,
    /// Protocol fee charged on the run's pay. precision: IO base units (1e8)
    pub fee: u64,
    /// The tier the work was delivered on (the job's).
    pub tier: GpuTier,
    pub active_jobs: u16,
    pub committed_gpus: u16,
    pub reputation_bps: u16,
}

/// A final slash proposal was closed and its rent returned.
#[event]
pub struct SlashClosed {
    pub node: Pubkey,
    pub proposal: Pubkey,
    pub status: SlashStatus,
    pub open_proposals: u16,
}

/// Unaccounted IO (sent to a vault outside the program's books) was swept to
/// the treasury so that it cannot block closing the vault.
#[event]
pub struct DustSwept {
    pub vault: Pubkey,
    pub amount: u64,
}

/// An oracle voted for a root of an epoch (`votes`: its proposal's votes from
/// current oracles after this one).
#[event]
pub struct LivenessRootVoted {
    pub epoch: u64,
    pub oracle: Pubkey,
    pub root: [u8; 32],
    pub leaf_count: u32,
    pub votes: u8,
    /// Whether this vote brought the root to the quorum (its challenge window starts).
    pub reached_quorum: bool,
}

/// An epoch's root record was closed: a later epoch's root is in effect.
#[event]
pub struct LivenessRootClosed {
    pub epoch: u64,
    pub superseded_by: u64,
    /// The oracle that created the record, paid back its rent.
    pub creator: Pubkey,
}

/// Two root statements by one oracle for one epoch disagree: the oracle left the
/// set, so its votes no longer count in any root that is not final.
#[event]
pub struct OracleEquivocated {
    pub oracle: Pubkey,
    pub epoch: u64,
    pub first_root: [u8; 32],
    pub first_leaf_count: u32,
    pub second_root: [u8; 32],
    pub second_leaf_count: u32,
    pub reporter: Pubkey,
}

/// A node's record was brought up to an epoch's committed liveness leaf.
#[event]
pub struct NodeSynced {
    pub node: Pubkey,
    pub epoch: u64,
    pub uptime_secs: u64,
    pub observed_secs: u64,
    pub availability_points: u64,
    pub last_seen: i64,
    pub epoch_uptime_secs: u32,
    pub uptime_bps: u16,
    pub reputation_bps: u16,
}
