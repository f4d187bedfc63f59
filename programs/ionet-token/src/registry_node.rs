//! Reading an ionet registry node in place, without depending on the registry
//! crate (the registry depends on this one: it burns slashes through it).
//!
//! The node is a zero-copy `repr(C)` account; the offsets below are its field
//! offsets after the 8-byte discriminator. The registry's unit tests assert them
//! against `core::mem::offset_of!` on its own `Node`, so a layout change breaks
//! its build, not the rewards.

use anchor_lang::prelude::*;

use crate::error::TokenError;

/// The ionet registry program.
pub const REGISTRY_PROGRAM_ID: Pubkey = pubkey!("GMJp7x7EvHRbWJEsEn2NAooBGekLr1Zg4ooqibRRET4G");
/// `Node`'s account discriminator (sha256("account:Node")[..8]).
pub const NODE_DISCRIMINATOR: [u8; 8] = [208, 53, 1, 3, 49, 122, 180, 49];
/// Size of `Node` (without the discriminator).
pub const NODE_SIZE: usize = 576;
pub const BONDED: usize = 8;
pub const UNBONDING: usize = 16;
pub const SLASHED_TOTAL: usize = 72;
pub const OPERATOR: usize = 200;
pub const DELIVERED_GPU_SECONDS: usize = 80;
pub const ATTESTED_GPU_COUNT: usize = 188;
pub const PENDING_SLASHES: usize = 404;
pub const SLASHED_SHARE_PPB: usize = 424;
pub const STATUS: usize = 410;
pub const EFFECTIVE_TIER: usize = 411;
pub const PROVEN_AVAILABILITY_POINTS: usize = 456;
pub const WORK_FEES_BY_TIER: usize = 512;
/// The registry's GPU tiers (this program's `TIER_COUNT`).
pub const TIERS: usize = 7;
/// `NodeStatus::Active`.
pub const STATUS_ACTIVE: u8 = 2;
/// `NodeStatus::Jailed`.
pub const STATUS_JAILED: u8 = 4;

/// What the rewards need from a node.
pub struct RegistryNode {
    pub operator: Pubkey,
    pub delivered_gpu_seconds: u64,
    /// Bonded plus unbonding.
    pub stake: u64,
    pub slashed_total: u64,
    /// Cumulative share of the stake executed slashes took, each against the
    /// stake its proposal froze. precision: ppb (1e9 = the whole stake)
    pub slashed_share_ppb: u64,
    /// Slash proposals proposed, appealed or upheld and not yet fully executed.
    pub pending_slashes: u16,
    pub attested_gpus: u16,
    /// Availability points the oracles proved (synced by `node_sync`),
    /// cumulative and already tier-weighted epoch by epoch.
    pub proven_availability_points: u64,
    /// Protocol fees charged on the node's delivered runs, cumulative, by the
    /// tier the work was delivered on. precision: IO base units (1e8)
    pub work_fees_by_tier: [u64; TIERS],
    pub jailed: bool,
    pub tier: u8,
}

impl RegistryNode {
    /// Reads a registry node: owned by the registry, of the `Node` type.
    pub fn load(info: &AccountInfo) -> Result<RegistryNode> {
        require_keys_eq!(*info.owner, REGISTRY_PROGRAM_ID, TokenError::InvalidNode);
        let data = info.try_borrow_data()?;
        require!(
            data.len() >= 8 + NODE_SIZE && data[..8] == NODE_DISCRIMINATOR,
            TokenError::InvalidNode
        );
        let at = |offset: usize| 8 + offset;
        let u16_at = |offset: usize| u16::from_le_bytes([data[at(offset)], data[at(offset) + 1]]);
        let u64_at = |offset: usize| {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(&data[at(offset)..at(offset) + 8]);
            u64::from_le_bytes(bytes)
        };
        let mut key = [0u8; 32];
        key.copy_from_slice(&data[at(OPERATOR)..at(OPERATOR) + 32]);
        let mut work_fees_by_tier = [0u64; TIERS];
        for (tier, fees) in work_fees_by_tier.iter_mut().enumerate() {
            *fees = u64_at(WORK_FEES_BY_TIER + 8 * tier);
        }
        Ok(RegistryNode {
            operator: Pubkey::new_from_array(key),
            delivered_gpu_seconds: u64_at(DELIVERED_GPU_SECONDS),
            stake: u64_at(BONDED).saturating_add(u64_at(UNBONDING)),
            slashed_total: u64_at(SLASHED_TOTAL),
            slashed_share_ppb: u64_at(SLASHED_SHARE_PPB),
            pending_slashes: u16_at(PENDING_SLASHES),
            attested_gpus: u16_at(ATTESTED_GPU_COUNT),
            proven_availability_points: u64_at(PROVEN_AVAILABILITY_POINTS),
            work_fees_by_tier,
            jailed: data[at(STATUS)] == STATUS_JAILED,
            tier: data[at(EFFECTIVE_TIER)],
        })
    }
}
