//! A node's rewards: unresolved epoch points, the locked balance, the totals.

use anchor_lang::prelude::*;

use crate::constants::{REWARD_BUCKETS, REWARD_SEED, REWARD_TRANCHES};
use crate::state::TIER_COUNT;

/// Points a node earned in one epoch, until a claim resolves them.
#[zero_copy]
pub struct Bucket {
    pub epoch: u64,
    pub work_points: u64,
    pub availability_points: u64,
    /// 1 while it holds points.
    pub used: u8,
    pub padding: [u8; 7],
}

/// Resolved rewards that unlock together.
#[zero_copy]
pub struct Tranche {
    /// precision: IO base units (1e8)
    pub amount: u64,
    /// unit: unix seconds (a whole day)
    pub unlock_at: i64,
}

/// Seeds: `[REWARD_SEED, node]`. Cumulative accounting: accruals add points to
/// the current epoch's bucket; claims resolve buckets of minted epochs against
/// their `EpochRecord`; nothing ever loops over all nodes.
#[account(zero_copy)]
pub struct Reward {
    /// Resolved rewards not yet paid (the tranches' sum): slashes can still take
    /// them. precision: IO base units (1e8)
    pub locked: u64,
    /// When the earliest tranche unlocks; 0 when nothing is locked. unit: unix seconds
    pub unlock_at: i64,
    /// precision: IO base units (1e8)
    pub claimed_total: u64,
    /// Taken by slashes. precision: IO base units (1e8)
    pub forfeited_total: u64,
    /// The node's delivered GPU-seconds at the last accrual (informational:
    /// work points accrue from the fees burned, not from GPU-seconds).
    pub last_delivered: u64,
    /// The epoch availability was last credited in; u64::MAX before the first.
    pub last_availability_epoch: u64,
    /// The node's slashed total last seen (new slashes take locked rewards).
    pub last_slashed_total: u64,
    pub node: Pubkey,
    /// The node's operator: signs claims and is paid.
    pub beneficiary: Pubkey,
    pub buckets: [Bucket; REWARD_BUCKETS],
    /// Locked rewards by unlock day: each resolution is locked for the full
    /// period on its own, so regular claims never push earlier rewards back.
    pub tranches: [Tranche; REWARD_TRANCHES],
    pub bump: u8,
    pub padding: [u8; 7],
    /// The node's `slashed_share_ppb` last seen: new slashes forfeit the share
    /// of locked rewards that they took of the stake they froze.
    pub last_slashed_share_ppb: u64,
    /// The node's work fees by tier when work was last accrued.
    /// precision: IO base units (1e8)
    pub last_work_fees_by_tier: [u64; TIER_COUNT],
    /// The node's proven availability points when availability was last accrued.
    pub last_proven_points: u64,
    /// Space for fields added by later versions.
    pub reserved: [u8; 24],
}

impl Reward {
    pub const SPACE: usize = 8 + core::mem::size_of::<Reward>();

    pub fn is_at(&self, key: &Pubkey) -> bool {
        crate::pda::is_program_address(key, &[REWARD_SEED, self.node.as_ref()], self.bump)
    }
}
