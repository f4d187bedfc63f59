//! A GPU node: its hardware, attestation, stake bond, uptime and reputation.

use anchor_lang::prelude::*;

use crate::constants::NODE_SEED;
use crate::error::RegistryError;
use crate::events::NodeStatusChanged;
use crate::math::{failure_penalty_bps, min_stake, reputation_bps, success_rate_bps, SafeMath};
use crate::state::{Attestation, GpuTier, NodeHardware, RegistryParams};

/// Registered → Verified → Active ⇄ Inactive; any → Jailed on failed
/// attestation; Jailed → Verified only by a passing attestation.
/// Deregistered nodes have no account (closed, rent returned).
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum NodeStatus {
    /// No valid passing attestation.
    Registered,
    /// Attested, but not eligible for work (stake below minimum or no recent proven liveness).
    Verified,
    /// Attested, bonded at least its minimum, recently proven live: eligible for work.
    Active,
    /// Was active; lost its proven liveness, stake or attestation.
    Inactive,
    /// Failed an attestation (spoofing evidence) or was slashed for misconduct.
    Jailed,
}

impl NodeStatus {
    pub fn from_u8(value: u8) -> NodeStatus {
        match value {
            1 => NodeStatus::Verified,
            2 => NodeStatus::Active,
            3 => NodeStatus::Inactive,
            4 => NodeStatus::Jailed,
            _ => NodeStatus::Registered,
        }
    }
}

/// Seeds: `[NODE_SEED, operator, node_id (u64 LE)]`.
///
/// Zero-copy (`repr(C)`, fields ordered by alignment, explicit reserve): the
/// sync, job and attestation paths read and write it in place instead of
/// Borsh-decoding and re-encoding ~450 bytes on every call.
#[account(zero_copy)]
pub struct Node {
    pub node_id: u64,
    /// precision: IO base units (1e8)
    pub bonded: u64,
    /// Requested for withdrawal; still slashable. precision: IO base units (1e8)
    pub unbonding: u64,
    /// unit: unix seconds
    pub unbonding_ready_at: i64,
    /// unit: unix seconds
    pub registered_at: i64,
    /// Was the on-chain heartbeat (removed: liveness is proven by `node_sync`);
    /// zero, free for a later version.
    pub reserved_liveness: [u8; 16],
    /// unit: unix seconds
    pub slash_epoch_start: i64,
    /// precision: IO base units (1e8)
    pub slashed_in_epoch: u64,
    /// precision: IO base units (1e8)
    pub slashed_total: u64,
    /// GPU-seconds delivered in jobs, as the escrow reported them on release
    /// (cumulative): what the IO token's work rewards accrue from.
    pub delivered_gpu_seconds: u64,
    pub attestation: Attestation,
    pub operator: Pubkey,
    /// The worker agent's hot key: signs off-chain heartbeats, run starts and usage
    /// receipts (the operator's key stays cold).
    pub agent: Pubkey,
    /// The node's stake vault: an SPL token account of the stake mint owned by this node PDA.
    pub vault: Pubkey,
    /// Hash of the failed attestation that flagged spoofing; zero if none.
    pub spoofing_evidence: [u8; 32],
    pub declared: NodeHardware,
    /// Number of slash proposals ever made (the next proposal's index).
    pub slash_count: u32,
    pub jobs_completed: u32,
    pub jobs_failed: u32,
    pub attestations_passed: u32,
    pub attestations_failed: u32,
    pub active_jobs: u16,
    pub committed_gpus: u16,
    pub pending_slashes: u16,
    /// Time-weighted uptime ratio from the last synced liveness leaf (`node_sync`). precision: bps
    pub uptime_bps: u16,
    /// precision: bps
    pub reputation_bps: u16,
    /// A `NodeStatus`.
    pub status: u8,
    /// A `GpuTier`, from the attested hardware; `Other` until a passing attestation.
    pub effective_tier: u8,
    pub bump: u8,
    pub padding: u8,
    /// Slash proposal accounts of this node not yet closed (`slash_close`):
    /// the node cannot deregister while any lives on (a re-registered node
    /// would restart its proposal index under them).
    pub open_proposals: u16,
    /// The lowest price per GPU-hour the operator accepts: the escrow refuses
    /// to assign the node to a cheaper job. precision: IO base units (1e8)
    pub min_price_per_gpu_hour: u64,
    /// Shares of the stake executed slashes took, each measured against the
    /// stake its proposal froze (a later top-up cannot dilute it); cumulative,
    /// may exceed 1e9 after several slashes. The IO token program forfeits the
    /// same share of locked rewards. precision: ppb (1e9 = the whole stake)
    pub slashed_share_ppb: u64,
    /// The epoch of the liveness leaf the node was last synced to (`node_sync`);
    /// 0 = never. The figures below are that leaf's, proven against a committed root.
    pub synced_epoch: u64,
    /// Cumulative seconds the oracles heard the node. unit: seconds
    pub proven_uptime_secs: u64,
    /// Cumulative seconds since the oracles first heard the node. unit: seconds
    pub proven_observed_secs: u64,
    /// Cumulative availability points (uptime times GPUs times tier weight, each epoch at the
    /// tier of that epoch): what the IO token's availability rewards accrue from.
    pub proven_availability_points: u64,
    /// When an oracle last heard the node. unit: unix seconds (oracle clock); 0 = never
    pub last_seen: i64,
    /// Uptime in the synced epoch alone. unit: seconds
    pub last_epoch_uptime_secs: u32,
    /// Slashes executed against the node (each lowers its reputation).
    pub slashes_executed: u32,
    /// The hardware fingerprint whose index (`["fingerprint", fingerprint]`) this node
    /// holds: no other node can pass an attestation with it. Zero = none.
    pub claimed_fingerprint: [u8; 32],
    /// Protocol fees charged on the pay of the runs this node delivered,
    /// cumulative, by the GPU tier they were delivered on (the job's tier, fixed
    /// when it was matched): what the IO token's work rewards accrue from, so
    /// that no job earns more from emissions than it burned.
    /// precision: IO base units (1e8), indexed by `GpuTier`
    pub work_fees_by_tier: [u64; GPU_TIERS],
    /// Space for fields added by later versions.
    pub reserved: [u8; 8],
}

/// The number of `GpuTier`s (the IO token's `TIER_COUNT`).
pub const GPU_TIERS: usize = 7;

impl Node {
    pub const SPACE: usize = 8 + core::mem::size_of::<Node>();

    pub fn status(&self) -> NodeStatus {
        NodeStatus::from_u8(self.status)
    }

    pub fn tier(&self) -> GpuTier {
        GpuTier::from_u8(self.effective_tier)
    }

    /// Whether `key` is this node's PDA `[NODE_SEED, operator, node_id]` with its stored bump.
    pub fn is_at(&self, key: &Pubkey) -> bool {
        crate::pda::is_program_address(
            key,
            &[
                NODE_SEED,
                self.operator.as_ref(),
                &self.node_id.to_le_bytes(),
            ],
            self.bump,
        )
    }

    /// Bonded plus unbonding: everything a slash can take.
    pub fn stake(&self) -> Result<u64> {
        self.bonded.safe_add(self.unbonding)
    }

    /// The minimum bonded stake for the attested tier and GPU count.
    pub fn min_stake(&self, p: &RegistryParams) -> Result<u64> {
        let count = if self.attestation.passed() {
            self.attestation.gpu_count
        } else {
            self.declared.gpu_count
        };
        min_stake(
            p.base_stake_per_gpu,
            p.tier_multiplier_bps[self.tier() as usize],
            count,
        )
    }

    /// Proven live recently: synced (`node_sync`) to a leaf whose oracles last heard
    /// the node at most `liveness_max_age_secs` ago and heard it at least
    /// `min_epoch_uptime_secs` in that epoch (docs/liveness.md §7).
    pub fn liveness_fresh(&self, p: &RegistryParams, now: i64) -> bool {
        self.last_seen > 0
            && now.saturating_sub(self.last_seen) <= i64::from(p.liveness_max_age_secs)
            && self.last_epoch_uptime_secs >= p.min_epoch_uptime_secs
    }

    /// Eligible for work: attested, bonded at least its minimum, recently proven live.
    pub fn is_eligible(&self, params: &RegistryParams, now: i64) -> Result<bool> {
        Ok(self.status() != NodeStatus::Jailed
            && self.attestation.is_valid_at(now)
            && self.bonded >= self.min_stake(params)?
            && self.liveness_fresh(params, now))
    }

    /// The status the node's state implies now (Jailed is sticky).
    pub fn derived_status(&self, params: &RegistryParams, now: i64) -> Result<NodeStatus> {
        let status = self.status();
        Ok(if status == NodeStatus::Jailed {
            NodeStatus::Jailed
        } else if !self.attestation.is_valid_at(now) {
            if matches!(status, NodeStatus::Active | NodeStatus::Inactive) {
                NodeStatus::Inactive
            } else {
                NodeStatus::Registered
            }
        } else if self.is_eligible(params, now)? {
            NodeStatus::Active
        } else if matches!(status, NodeStatus::Active | NodeStatus::Inactive) {
            NodeStatus::Inactive
        } else {
            NodeStatus::Verified
        })
    }

    /// Reputation: the weighted uptime ratio, job success and attestation success,
    /// less `FAILURE_PENALTY_BPS` per failed job and per executed slash (docs/liveness.md
    /// §8, invariant 6: one failure costs more than an hour of perfect uptime can earn).
    pub fn recompute_reputation(&mut self, p: &RegistryParams) {
        let weighted = reputation_bps(
            self.uptime_bps,
            success_rate_bps(self.jobs_completed, self.jobs_failed),
            success_rate_bps(self.attestations_passed, self.attestations_failed),
            [
                p.reputation_uptime_weight_bps,
                p.reputation_jobs_weight_bps,
                p.reputation_attestation_weight_bps,
            ],
        );
        self.reputation_bps =
            weighted.saturating_sub(failure_penalty_bps(self.jobs_failed, self.slashes_executed));
    }

    /// Recompute reputation and status after a change; emits `NodeStatusChanged`
    /// when the status moves. Then checks the invariants.
    pub fn refresh(&mut self, key: Pubkey, params: &RegistryParams, now: i64) -> Result<()> {
        self.recompute_reputation(params);
        let to = self.derived_status(params, now)?;
        self.set_status(key, to);
        self.invariant()
    }

    /// Moves the status, emitting `NodeStatusChanged` when it changes: every move
    /// (a jailing by attestation or slash included) is visible to indexers.
    pub fn set_status(&mut self, key: Pubkey, to: NodeStatus) {
        let from = self.status();
        if to != from {
            emit!(NodeStatusChanged {
                node: key,
                from,
                to,
                reputation_bps: self.reputation_bps
            });
            self.status = to as u8;
        }
    }

    /// Stored invariants, checked after every change.
    pub fn invariant(&self) -> Result<()> {
        require!(self.declared.is_valid(), RegistryError::InvalidHardware);
        require!(
            self.committed_gpus <= self.declared.gpu_count,
            RegistryError::InvariantViolated
        );
        require!(
            self.unbonding > 0 || self.unbonding_ready_at == 0,
            RegistryError::InvariantViolated
        );
        require!(
            self.uptime_bps <= 10_000 && self.reputation_bps <= 10_000,
            RegistryError::InvariantViolated
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use core::mem::offset_of;

    use ionet_token::registry_node as layout;

    use super::*;

    /// The IO token program reads nodes in place (it cannot depend on this crate);
    /// its offsets must be this layout's.
    #[test]
    fn the_token_programs_view_of_a_node_matches_its_layout() {
        assert_eq!(layout::NODE_SIZE, core::mem::size_of::<Node>());
        assert_eq!(
            layout::NODE_DISCRIMINATOR,
            *<Node as anchor_lang::Discriminator>::DISCRIMINATOR
        );
        assert_eq!(layout::BONDED, offset_of!(Node, bonded));
        assert_eq!(layout::UNBONDING, offset_of!(Node, unbonding));
        assert_eq!(layout::SLASHED_TOTAL, offset_of!(Node, slashed_total));
        assert_eq!(
            layout::DELIVERED_GPU_SECONDS,
            offset_of!(Node, delivered_gpu_seconds)
        );
        assert_eq!(layout::OPERATOR, offset_of!(Node, operator));
        assert_eq!(
            layout::ATTESTED_GPU_COUNT,
            offset_of!(Node, attestation) + offset_of!(Attestation, gpu_count)
        );
        assert_eq!(layout::PENDING_SLASHES, offset_of!(Node, pending_slashes));
        assert_eq!(
            layout::SLASHED_SHARE_PPB,
            offset_of!(Node, slashed_share_ppb)
        );
        assert_eq!(layout::STATUS, offset_of!(Node, status));
        assert_eq!(layout::EFFECTIVE_TIER, offset_of!(Node, effective_tier));
        assert_eq!(
            layout::PROVEN_AVAILABILITY_POINTS,
            offset_of!(Node, proven_availability_points)
        );
        assert_eq!(
            layout::WORK_FEES_BY_TIER,
            offset_of!(Node, work_fees_by_tier)
        );
        assert_eq!(layout::TIERS, GPU_TIERS);
        assert_eq!(GpuTier::Other as usize, GPU_TIERS - 1);
        assert_eq!(layout::STATUS_ACTIVE, NodeStatus::Active as u8);
        assert_eq!(layout::STATUS_JAILED, NodeStatus::Jailed as u8);
        assert_eq!(layout::REGISTRY_PROGRAM_ID, crate::ID);
    }
}
