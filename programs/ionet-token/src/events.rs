//! Events: one per state change. Amounts in IO base units (1e8); times in unix seconds.

use anchor_lang::prelude::*;

use crate::instructions::BurnKind;
use crate::state::{EmissionEntry, TokenParams};

#[event]
pub struct TokenInitialized {
    pub mint: Pubkey,
    pub admin: Pubkey,
    pub genesis_time: i64,
    pub epoch_secs: u32,
    pub genesis_total: u64,
    pub params: TokenParams,
    pub schedule: Vec<EmissionEntry>,
}

#[event]
pub struct GenesisMinted {
    pub destination: Pubkey,
    pub amount: u64,
    pub genesis_minted: u64,
    pub supply: u64,
}

#[event]
pub struct EpochEmitted {
    pub epoch: u64,
    pub amount: u64,
    /// What the schedule asked for, before the cap.
    pub scheduled: u64,
    pub supply: u64,
    pub breaker_total: u64,
}

#[event]
pub struct TokensBurned {
    pub kind: BurnKind,
    pub amount: u64,
    pub compute_spend: u64,
    pub fees: u64,
    pub epoch: u64,
    pub supply: u64,
}

#[event]
pub struct ParamsProposed {
    pub params: TokenParams,
    pub schedule: Vec<EmissionEntry>,
    pub execute_after: i64,
}

#[event]
pub struct ParamsExecuted {
    pub params: TokenParams,
    pub schedule_entries: u32,
}

#[event]
pub struct ParamsCancelled {
    pub proposed_at: i64,
}

#[event]
pub struct AuthoritiesUpdated {
    pub admin: Pubkey,
    pub fee_reporter: Pubkey,
    pub slash_reporter: Pubkey,
}

#[event]
pub struct RewardsOpened {
    pub node: Pubkey,
    pub beneficiary: Pubkey,
}

#[event]
pub struct RewardsAccrued {
    pub node: Pubkey,
    pub epoch: u64,
    pub work_points: u64,
    pub availability_points: u64,
    /// Minted epochs resolved into a locked tranche by this accrual.
    pub resolved: u64,
    pub locked: u64,
}

#[event]
pub struct RewardsClaimed {
    pub node: Pubkey,
    /// Newly resolved into the locked balance.
    pub resolved: u64,
    /// Paid to the operator.
    pub paid: u64,
    /// Taken by slashes and burned.
    pub forfeited: u64,
    pub locked: u64,
    pub unlock_at: i64,
}

#[event]
pub struct RewardsForfeited {
    pub node: Pubkey,
    pub forfeited: u64,
    pub locked: u64,
}

#[event]
pub struct EpochRewardsRecorded {
    pub epoch: u64,
    pub work_pool: u64,
    pub availability_pool: u64,
    pub work_points: u64,
    pub availability_points: u64,
}

/// A node's empty reward account was closed (its rent returned to the beneficiary).
#[event]
pub struct RewardsClosed {
    pub node: Pubkey,
    pub beneficiary: Pubkey,
    pub claimed_total: u64,
    pub forfeited_total: u64,
}
