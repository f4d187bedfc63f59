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

/// Maximum number of liveness oracle keys in the config (a vote bitmap is a `u8`).
pub const MAX_ORACLES: usize = 8;

/// Most distinct oracles that may vote for one epoch's root (oracle rotations
/// included; a vote bitmap is a `u16`).
pub const MAX_ROOT_VOTERS: usize = 16;

/// Most distinct roots proposed for one epoch.
pub const MAX_ROOT_PROPOSALS: usize = 8;

/// Seed of an epoch's liveness root: `["epoch_root", epoch (u64 LE)]`.
#[constant]
pub const EPOCH_ROOT_SEED: &[u8] = b"epoch_root";

/// Bytes of a liveness leaf (docs/liveness.md §5).
#[constant]
pub const LIVENESS_LEAF_BYTES: u32 = 128;

/// Version byte of the liveness leaves this program reads.
#[constant]
pub const LIVENESS_LEAF_VERSION: u8 = 1;

/// Most sibling hashes a liveness proof may carry (a tree of up to 2^32 leaves).
#[constant]
pub const MAX_PROOF_SIBLINGS: u32 = 32;

/// Domain tag of an oracle's signed root statement (docs/liveness.md §2).
pub const ROOT_STATEMENT_TAG: &[u8; 16] = b"ionet:liveroot:1";

/// Bytes of a root statement: tag · config · oracle · epoch u64 · root · leaf_count u32.
pub const ROOT_STATEMENT_BYTES: usize = 124;

/// The prior of an uptime ratio (`math::uptime_ratio_bps`): a day observed at the
/// initial reputation, added to the proven figures, so one hour moves the ratio by at
/// most 1/25 of the range. unit: seconds
#[constant]
pub const UPTIME_PRIOR_SECS: u64 = 86_400;

/// Reputation taken off per failed job and per executed slash: more than an hour of
/// perfect uptime can add (at most 1/25 of the uptime weight, 400 bps at 100%).
/// precision: bps
#[constant]
pub const FAILURE_PENALTY_BPS: u16 = 500;

/// Seed of a hardware fingerprint's index: `["fingerprint", fingerprint (32)]`.
#[constant]
pub const FINGERPRINT_SEED: &[u8] = b"fingerprint";
