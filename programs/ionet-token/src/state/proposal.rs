//! A pending parameter change, executable after the timelock.

use anchor_lang::prelude::*;

use crate::constants::MAX_SCHEDULE_ENTRIES;
use crate::state::{EmissionEntry, TokenParams};

/// Seeds: `[PROPOSAL_SEED]`; one pending change at a time.
#[account]
#[derive(InitSpace)]
pub struct ParamsProposal {
    pub active: bool,
    /// unit: unix seconds
    pub proposed_at: i64,
    /// unit: unix seconds
    pub execute_after: i64,
    pub params: TokenParams,
    /// Replaces the schedule from the next unminted epoch on; empty keeps it.
    #[max_len(MAX_SCHEDULE_ENTRIES)]
    pub schedule: Vec<EmissionEntry>,
}

impl ParamsProposal {
    pub const SPACE: usize = 8 + Self::INIT_SPACE;
}
