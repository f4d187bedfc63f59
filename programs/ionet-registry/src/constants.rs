//! PDA seeds and fixed sizes. Seeds are exported to the IDL (`#[constant]`) and
//! mirrored by the SDK's `pda.py`; no seed literal appears anywhere else. Array
//! lengths (`usize`) are not exported: the IDL's types carry them.

use anchor_lang::prelude::*;

/// Seed of the registry's global config PDA: `["config"]`.
#[constant]
pub const CONFIG_SEED: &[u8] = b"config";

/// Basis-point denominator: 10_000 bps = 100%.
#[constant]
pub const BPS_DENOMINATOR: u64 = 10_000;

/// Maximum number of proof-of-compute verifier keys in the config.
pub const MAX_VERIFIERS: usize = 8;

/// Number of GPU tiers (see `GpuTier`).
pub const GPU_TIER_COUNT: usize = 7;

/// Number of slashable offenses (see `Offense`).
pub const OFFENSE_COUNT: usize = 4;

/// Seed of a node PDA: `["node", operator, node_id (u64 LE)]`.
#[constant]
pub const NODE_SEED: &[u8] = b"node";

/// Seed of a slash proposal: `["slash", node, index (u32 LE)]`.
#[constant]
pub const SLASH_SEED: &[u8] = b"slash";

/// How long after a slash's appeal window the admin has to decide an appeal.
/// After it, anyone may apply the default outcome (`slash_appeal_lapse`): the
/// slash is overturned, as an undecided dispute pays the node. (Otherwise an
/// undecided appeal would keep the node's stake and rewards frozen for ever.)
/// unit: seconds
#[constant]
pub const APPEAL_RESOLUTION_SECS: i64 = 7 * 86_400;
