//! Governable escrow parameters and their on-chain bounds.

use anchor_lang::prelude::*;
use ionet_registry::state::IO;

use crate::constants::BPS_DENOMINATOR;
use crate::error::EscrowError;

const MINUTE: u32 = 60;
const HOUR: u32 = 3_600;
const DAY: u32 = 24 * HOUR;

/// Bounds that no parameter change can cross (inclusive).
pub const CHALLENGE_WINDOW_SECS_MIN: u32 = MINUTE;
pub const CHALLENGE_WINDOW_SECS_MAX: u32 = 7 * DAY;
pub const DISPUTE_BOND_MIN: u64 = IO;
pub const DISPUTE_BOND_MAX: u64 = 1_000_000 * IO;
/// Most nodes one job may run on (one run account each).
pub const MAX_NODES_PER_JOB: u16 = 256;
pub const MAX_GPUS_PER_JOB: u16 = 4_096;
pub const MAX_DURATION_HOURS: u32 = 366 * 24;
pub const START_DELAY_SECS_MIN: u32 = MINUTE;
pub const START_DELAY_SECS_MAX: u32 = 30 * DAY;
pub const REPORT_TIMEOUT_SECS_MIN: u32 = MINUTE;
pub const REPORT_TIMEOUT_SECS_MAX: u32 = DAY;

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub struct EscrowParams {
    /// How long after completion the client may dispute. unit: seconds
    pub challenge_window_secs: u32,
    /// What a dispute costs; lost if the arbiter finds it unfounded. precision: IO base units (1e8)
    pub dispute_bond: u64,
    /// A node below this reputation cannot be assigned. precision: bps
    pub min_reputation_bps: u16,
    pub max_nodes_per_job: u16,
    pub max_gpus_per_job: u16,
    /// unit: hours
    pub max_duration_hours: u32,
    /// Latest start deadline a job may set, counted from its creation. unit: seconds
    pub max_start_delay_secs: u32,
    /// A running run whose agent sent no usage receipt (`job_report_usage`) for longer
    /// than this may be timed out (`job_timeout`). unit: seconds
    pub report_timeout_secs: u32,
}

impl EscrowParams {
    pub const DEFAULT: EscrowParams = EscrowParams {
        challenge_window_secs: HOUR,
        dispute_bond: 100 * IO,
        min_reputation_bps: 3_000,
        max_nodes_per_job: 64,
        max_gpus_per_job: 512,
        max_duration_hours: 30 * 24,
        max_start_delay_secs: DAY,
        report_timeout_secs: 15 * MINUTE,
    };

    pub fn validate(&self) -> Result<()> {
        let bps = BPS_DENOMINATOR as u16;
        require!(
            self.min_reputation_bps <= bps,
            EscrowError::ParamOutOfBounds
        );
        require!(
            (CHALLENGE_WINDOW_SECS_MIN..=CHALLENGE_WINDOW_SECS_MAX)
                .contains(&self.challenge_window_secs),
            EscrowError::ParamOutOfBounds
        );
        require!(
            (DISPUTE_BOND_MIN..=DISPUTE_BOND_MAX).contains(&self.dispute_bond),
            EscrowError::ParamOutOfBounds
        );
        require!(
            (1..=MAX_NODES_PER_JOB).contains(&self.max_nodes_per_job)
                && (1..=MAX_GPUS_PER_JOB).contains(&self.max_gpus_per_job)
                && (1..=MAX_DURATION_HOURS).contains(&self.max_duration_hours),
            EscrowError::ParamOutOfBounds
        );
        require!(
            (START_DELAY_SECS_MIN..=START_DELAY_SECS_MAX).contains(&self.max_start_delay_secs),
            EscrowError::ParamOutOfBounds
        );
        require!(
            (REPORT_TIMEOUT_SECS_MIN..=REPORT_TIMEOUT_SECS_MAX).contains(&self.report_timeout_secs),
            EscrowError::ParamOutOfBounds
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_within_bounds() {
        EscrowParams::DEFAULT.validate().unwrap();
    }

    #[test]
    fn each_bound_is_enforced() {
        let cases: [fn(&mut EscrowParams); 7] = [
            |p| p.min_reputation_bps = 10_001,
            |p| p.challenge_window_secs = CHALLENGE_WINDOW_SECS_MIN - 1,
            |p| p.dispute_bond = 0,
            |p| p.max_nodes_per_job = 0,
            |p| p.max_start_delay_secs = START_DELAY_SECS_MAX + 1,
            |p| p.report_timeout_secs = REPORT_TIMEOUT_SECS_MIN - 1,
            |p| p.report_timeout_secs = REPORT_TIMEOUT_SECS_MAX + 1,
        ];
        for change in cases {
            let mut p = EscrowParams::DEFAULT;
            change(&mut p);
            assert_eq!(
                p.validate().unwrap_err(),
                EscrowError::ParamOutOfBounds.into()
            );
        }
    }
}
