//! PDA seeds and fixed figures. Seeds are exported to the IDL (`#[constant]`) and
//! mirrored by the SDK's `pda.py`; no seed literal appears anywhere else.

use anchor_lang::prelude::*;

/// Seed of the escrow's global config PDA: `["config"]`.
#[constant]
pub const CONFIG_SEED: &[u8] = b"config";

/// Seed of the escrow's authority PDA `["authority"]`: the registry's job
/// authority, which signs node commitments, releases and slash proposals by CPI.
#[constant]
pub const AUTHORITY_SEED: &[u8] = b"authority";

/// Seed of a job PDA: `["job", client, job_id (u64 LE)]`. The client picks the
/// id, so one client's concurrent jobs never contend for a shared counter.
#[constant]
pub const JOB_SEED: &[u8] = b"job";

/// Seed of a job's payment vault: `["vault", job]`, an SPL token account of the
/// payment mint whose authority is the job PDA.
#[constant]
pub const VAULT_SEED: &[u8] = b"vault";

/// Seed of a run (one assigned node's record in a job): `["run", job, node]`.
#[constant]
pub const RUN_SEED: &[u8] = b"run";

/// Basis-point denominator: 10_000 bps = 100%.
#[constant]
pub const BPS_DENOMINATOR: u64 = 10_000;

/// The shortest time a node has to start after it is assigned: no node is
/// assigned to a job whose start deadline is closer (nor is a job created with
/// one). unit: seconds
#[constant]
pub const MIN_START_WINDOW_SECS: i64 = 300;

/// How long the arbiter has to decide a dispute. After it, anyone may apply
/// the default outcome (`job_dispute_lapse`): the nodes are paid in full and
/// the bond returns to the client. unit: seconds
#[constant]
pub const DISPUTE_RESOLUTION_SECS: i64 = 7 * 86_400;

/// Seconds in the hour that prices are quoted per.
#[constant]
pub const SECONDS_PER_HOUR: u64 = 3_600;
