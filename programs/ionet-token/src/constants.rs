//! PDA seeds and the token's fixed figures. Seeds are exported to the IDL
//! (`#[constant]`) and mirrored by the SDK's `pda.py`.

use anchor_lang::prelude::*;

/// Seed of the token config: `["config"]`.
#[constant]
pub const CONFIG_SEED: &[u8] = b"config";
/// Seed of the IO mint: `["mint"]`.
#[constant]
pub const MINT_SEED: &[u8] = b"mint";
/// Seed of the program's authority `["authority"]`: the mint's only mint authority
/// and the owner of the reward pool.
#[constant]
pub const AUTHORITY_SEED: &[u8] = b"authority";
/// Seed of the reward pool, an IO token account held by the authority: `["rewards"]`.
#[constant]
pub const REWARDS_SEED: &[u8] = b"rewards";
/// Seed of the emission schedule: `["schedule"]`.
#[constant]
pub const SCHEDULE_SEED: &[u8] = b"schedule";
/// Seed of the pending parameter change: `["proposal"]`.
#[constant]
pub const PROPOSAL_SEED: &[u8] = b"proposal";
/// Seed of an epoch's reward record: `["epoch", epoch (u64 LE)]`.
#[constant]
pub const EPOCH_SEED: &[u8] = b"epoch";
/// Seed of a node's reward account: `["reward", node]`.
#[constant]
pub const REWARD_SEED: &[u8] = b"reward";
/// Seed of the network statistics: `["stats"]`.
#[constant]
pub const STATS_SEED: &[u8] = b"stats";

/// IO has 8 decimals.
#[constant]
pub const IO_DECIMALS: u8 = 8;
/// One IO in base units.
pub const IO: u64 = 100_000_000;
/// The hard cap: 800,000,000 IO ever minted (genesis and emissions; burns do not
/// make room again), enforced on every mint.
#[constant]
pub const SUPPLY_CAP: u64 = 800_000_000 * IO;

/// Basis-point denominator: 10_000 bps = 100%.
#[constant]
pub const BPS_DENOMINATOR: u64 = 10_000;

/// Most entries an emission schedule holds.
pub const MAX_SCHEDULE_ENTRIES: usize = 64;
/// Unresolved epochs a reward account holds (claiming resolves them).
pub const REWARD_BUCKETS: usize = 4;
/// Locked tranches per reward account (one per unlock day; the default lock is 7 days).
pub const REWARD_TRANCHES: usize = 8;
/// Tranches unlock on whole days (unix time), so a daily claimer needs one per day of lock.
pub const TRANCHE_SECS: i64 = 86_400;
/// Epochs of per-epoch statistics kept (a ring).
pub const STATS_EPOCHS: usize = 64;
