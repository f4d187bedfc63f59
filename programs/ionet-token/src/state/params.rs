//! Governable economic parameters, their bounds, and the emission schedule entries.

use anchor_lang::prelude::*;

use crate::constants::{BPS_DENOMINATOR, IO, MAX_SCHEDULE_ENTRIES, SUPPLY_CAP};
use crate::error::TokenError;

const HOUR: u32 = 3_600;
const DAY: u32 = 24 * HOUR;

pub const FEE_BPS_MAX: u16 = 1_000;
pub const BREAKER_WINDOW_SECS_MIN: u32 = HOUR;
pub const BREAKER_WINDOW_SECS_MAX: u32 = 30 * DAY;
pub const REWARD_LOCK_SECS_MAX: u32 = 90 * DAY;
pub const TIMELOCK_SECS_MIN: u32 = 10 * 60;
pub const TIMELOCK_SECS_MAX: u32 = 30 * DAY;
/// Most IO one epoch may emit.
pub const PER_EPOCH_MAX: u64 = 10_000_000 * IO;
pub const EPOCH_SECS_MIN: u32 = 60;
pub const EPOCH_SECS_MAX: u32 = DAY;
pub const TIER_COUNT: usize = 7;

/// From `start_time` on, each epoch emits `per_epoch` (until the next entry).
#[derive(
    AnchorSerialize,
    AnchorDeserialize,
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    InitSpace,
    bytemuck::Pod,
    bytemuck::Zeroable,
)]
#[repr(C)]
pub struct EmissionEntry {
    /// unit: unix seconds
    pub start_time: i64,
    /// precision: IO base units (1e8)
    pub per_epoch: u64,
}

/// A schedule is valid when it has 1..=64 entries with strictly increasing start
/// times and bounded emissions.
pub fn validate_schedule(entries: &[EmissionEntry]) -> Result<()> {
    require!(
        !entries.is_empty() && entries.len() <= MAX_SCHEDULE_ENTRIES,
        TokenError::InvalidSchedule
    );
    require!(
        entries.iter().all(|e| e.per_epoch <= PER_EPOCH_MAX)
            && entries
                .windows(2)
                .all(|w| w[0].start_time < w[1].start_time),
        TokenError::InvalidSchedule
    );
    Ok(())
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub struct TokenParams {
    /// Protocol fee on every payment for compute (the escrow snapshots it into
    /// each job at creation). precision: bps (≤ 1_000)
    pub fee_bps: u16,
    /// Share of the fees burned; the rest goes to the treasury. precision: bps
    pub fee_burn_bps: u16,
    /// The circuit breaker's window. unit: seconds
    pub breaker_window_secs: u32,
    /// Most IO the emission may mint within a (decaying) window. precision: IO base units (1e8)
    pub breaker_threshold: u64,
    /// How long claimed rewards stay locked (and slashable). unit: seconds
    pub reward_lock_secs: u32,
    /// Share of each epoch's emission paid for delivered work; the rest for availability. precision: bps
    pub work_weight_bps: u16,
    /// Weight of a GPU-second per tier (H100 class first). precision: bps (1e4 = 1x)
    pub tier_weights_bps: [u16; TIER_COUNT],
    /// Delay between a parameter proposal and its execution. unit: seconds
    pub timelock_secs: u32,
}

impl TokenParams {
    pub const DEFAULT: TokenParams = TokenParams {
        fee_bps: 200,
        fee_burn_bps: 10_000,
        breaker_window_secs: DAY,
        breaker_threshold: 1_000_000 * IO,
        reward_lock_secs: 7 * DAY,
        work_weight_bps: 7_000,
        tier_weights_bps: [50_000, 30_000, 20_000, 15_000, 10_000, 7_500, 5_000],
        timelock_secs: 2 * DAY,
    };

    pub fn validate(&self) -> Result<()> {
        require!(
            self.fee_bps <= FEE_BPS_MAX
                && u64::from(self.fee_burn_bps) <= BPS_DENOMINATOR
                && (BREAKER_WINDOW_SECS_MIN..=BREAKER_WINDOW_SECS_MAX)
                    .contains(&self.breaker_window_secs)
                && self.breaker_threshold > 0
                && self.breaker_threshold <= SUPPLY_CAP
                && self.reward_lock_secs <= REWARD_LOCK_SECS_MAX
                && u64::from(self.work_weight_bps) <= BPS_DENOMINATOR
                && self
                    .tier_weights_bps
                    .iter()
                    .all(|w| (1..=60_000).contains(w))
                && (TIMELOCK_SECS_MIN..=TIMELOCK_SECS_MAX).contains(&self.timelock_secs),
            TokenError::ParamOutOfBounds
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_within_bounds() {
        TokenParams::DEFAULT.validate().unwrap();
    }

    #[test]
    fn schedules_must_be_sorted_bounded_and_non_empty() {
        let e = |t, p| EmissionEntry {
            start_time: t,
            per_epoch: p,
        };
        validate_schedule(&[e(0, 1), e(10, 2)]).unwrap();
        assert!(validate_schedule(&[]).is_err());
        assert!(validate_schedule(&[e(10, 1), e(10, 2)]).is_err());
        assert!(validate_schedule(&[e(0, PER_EPOCH_MAX + 1)]).is_err());
        assert!(validate_schedule(&vec![e(0, 1); 65]).is_err());
    }
}
