//! Checked arithmetic and the registry's pure formulas (stake minimums,
//! reputation, slash caps). Everything returns an error code instead of
//! panicking; intermediates are u128 and rounding favours the protocol.

use anchor_lang::prelude::*;

use crate::constants::{BPS_DENOMINATOR, FAILURE_PENALTY_BPS, UPTIME_PRIOR_SECS};
use crate::error::RegistryError;

ionet_common::safe_math!(RegistryError::MathOverflow; u16, u32, u64, u128, i64);

/// `value * bps / 10_000`, rounded down.
pub fn bps_of(value: u64, bps: u16) -> Result<u64> {
    let r = u128::from(value).safe_mul(u128::from(bps))? / u128::from(BPS_DENOMINATOR);
    u64::try_from(r).map_err(|_| error!(RegistryError::MathOverflow))
}

/// Minimum bonded stake of a node: base per GPU × tier multiplier, rounded up
/// (in the protocol's favour), × GPU count. Plain u64 with checked operations:
/// within the parameter bounds (base ≤ 1e14, multiplier ≤ 6e4, count ≤ 64) no
/// intermediate exceeds 6e18, so this runs on every sync without 128-bit
/// helper calls; out-of-bounds inputs fail with `MathOverflow`.
pub fn min_stake(base_per_gpu: u64, multiplier_bps: u16, gpu_count: u16) -> Result<u64> {
    let per_gpu = base_per_gpu
        .safe_mul(u64::from(multiplier_bps))?
        .safe_add(BPS_DENOMINATOR - 1)?
        / BPS_DENOMINATOR;
    per_gpu.safe_mul(u64::from(gpu_count))
}

/// Laplace-smoothed success rate in bps: (ok + 1) / (ok + failed + 2).
/// A node with no history scores 5_000; each outcome moves it.
pub fn success_rate_bps(ok: u32, failed: u32) -> u16 {
    let num = (u64::from(ok) + 1) * BPS_DENOMINATOR;
    let den = u64::from(ok) + u64::from(failed) + 2;
    (num / den) as u16 // < 10_000 because ok + 1 < ok + failed + 2
}

/// Reputation in bps: the weighted mean of uptime, job success and attestation
/// success, with weights in bps summing to 10_000 (checked by the params).
///
/// reputation = (w_u·uptime + w_j·jobs + w_a·attestations) / 10_000, rounded down.
pub fn reputation_bps(uptime_bps: u16, jobs_bps: u16, attest_bps: u16, weights: [u16; 3]) -> u16 {
    let sum = u64::from(weights[0]) * u64::from(uptime_bps)
        + u64::from(weights[1]) * u64::from(jobs_bps)
        + u64::from(weights[2]) * u64::from(attest_bps);
    (sum / BPS_DENOMINATOR).min(BPS_DENOMINATOR) as u16
}

/// Time-weighted uptime ratio: proven uptime over observed time, with a prior of
/// `UPTIME_PRIOR_SECS` observed at `prior_bps` (a new node's uptime) added to both, so
/// that a young record moves gradually: one hour of uptime changes the ratio by at most
/// 3,600 / (3,600 + 86,400) = 1/25 of the range, whatever came before. Rounded down.
/// precision: bps
pub fn uptime_ratio_bps(uptime_secs: u64, observed_secs: u64, prior_bps: u16) -> Result<u16> {
    let prior = u128::from(UPTIME_PRIOR_SECS);
    let proven = u128::from(uptime_secs.min(observed_secs))
        .safe_mul(u128::from(BPS_DENOMINATOR))?
        .safe_add(prior.safe_mul(u128::from(prior_bps.min(BPS_DENOMINATOR as u16)))?)?;
    let ratio = proven / u128::from(observed_secs).safe_add(prior)?;
    u16::try_from(ratio).map_err(|_| error!(RegistryError::MathOverflow))
}

/// What failures take off the reputation: `FAILURE_PENALTY_BPS` per failed job and
/// per executed slash, at most all of it. precision: bps
pub fn failure_penalty_bps(jobs_failed: u32, slashes_executed: u32) -> u16 {
    let strikes = u64::from(jobs_failed).saturating_add(u64::from(slashes_executed));
    strikes
        .saturating_mul(u64::from(FAILURE_PENALTY_BPS))
        .min(BPS_DENOMINATOR) as u16
}

/// Uptime after a heartbeat: on time moves 1/8 of the way to 10_000; late
/// (or a stale crank) loses a quarter.
pub fn uptime_after(uptime_bps: u16, on_time: bool) -> u16 {
    if on_time {
        uptime_bps + (BPS_DENOMINATOR as u16 - uptime_bps) / 8
    } else {
        uptime_bps - uptime_bps / 4
    }
}

/// `value * bps / 10_000`, rounded up.
pub fn bps_of_ceil(value: u64, bps: u16) -> Result<u64> {
    let d = u128::from(BPS_DENOMINATOR);
    let r = u128::from(value)
        .safe_mul(u128::from(bps))?
        .safe_add(d - 1)?
        / d;
    u64::try_from(r).map_err(|_| error!(RegistryError::MathOverflow))
}

/// How much of a slash may execute now: bounded by what remains of the
/// proposal, the node's stake and the per-epoch cap. The cap is a share
/// (rounded up) of the larger of the stake the node had when the epoch began
/// (current stake + already slashed) and the proposal's frozen amount: a
/// shrinking stake cannot make completion asymptotic, so a proposal finishes
/// within ⌈10_000 / cap_bps⌉ slash epochs.
pub fn slash_now(
    remaining: u64,
    frozen: u64,
    stake: u64,
    slashed_in_epoch: u64,
    cap_bps: u16,
) -> Result<u64> {
    let base = stake.safe_add(slashed_in_epoch)?.max(frozen);
    let cap = bps_of_ceil(base, cap_bps)?;
    let cap_left = cap.saturating_sub(slashed_in_epoch);
    Ok(remaining.min(stake).min(cap_left))
}

/// `amount` as a share of `stake` in parts per billion, rounded up (in the
/// protocol's favour); 1e9 when the stake is 0.
pub fn share_ppb(amount: u64, stake: u64) -> Result<u64> {
    const PPB: u128 = 1_000_000_000;
    if stake == 0 {
        return Ok(PPB as u64);
    }
    let s = u128::from(stake);
    let r = u128::from(amount).safe_mul(PPB)?.safe_add(s - 1)? / s;
    u64::try_from(r).map_err(|_| error!(RegistryError::MathOverflow))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn min_stake_scales_with_tier_and_count_and_rounds_up() {
        assert_eq!(min_stake(200, 50_000, 8).unwrap(), 8_000);
        assert_eq!(min_stake(200, 7_500, 1).unwrap(), 150);
        assert_eq!(min_stake(3, 7_500, 1).unwrap(), 3); // 2.25 rounds up
        assert_eq!(min_stake(3, 7_500, 2).unwrap(), 6); // rounded per GPU
                                                        // The largest values the parameter bounds allow.
        assert_eq!(
            min_stake(100_000_000_000_000, 60_000, 64).unwrap(),
            38_400_000_000_000_000
        );
        assert_eq!(
            min_stake(u64::MAX, 60_000, u16::MAX).unwrap_err(),
            RegistryError::MathOverflow.into()
        );
    }

    #[test]
    fn success_rate_starts_even_and_follows_outcomes() {
        assert_eq!(success_rate_bps(0, 0), 5_000);
        assert_eq!(success_rate_bps(8, 0), 9_000);
        assert_eq!(success_rate_bps(0, 8), 1_000);
        assert!(success_rate_bps(u32::MAX, 0) < 10_000);
    }

    #[test]
    fn reputation_is_the_weighted_mean() {
        assert_eq!(
            reputation_bps(10_000, 5_000, 0, [4_000, 4_000, 2_000]),
            6_000
        );
        assert_eq!(
            reputation_bps(10_000, 10_000, 10_000, [4_000, 4_000, 2_000]),
            10_000
        );
    }

    #[test]
    fn uptime_rises_on_time_and_falls_when_late() {
        assert_eq!(uptime_after(5_000, true), 5_625);
        assert_eq!(uptime_after(5_000, false), 3_750);
        assert_eq!(uptime_after(10_000, true), 10_000);
        assert_eq!(uptime_after(0, false), 0);
    }

    #[test]
    fn an_hour_of_uptime_earns_less_reputation_than_one_failure_costs() {
        // The most one more hour of perfect uptime can add to the ratio, at any age and
        // any prior.
        for (observed, prior) in (0..=30 * 86_400u64)
            .step_by(3_600)
            .flat_map(|o| [(o, 0u16), (o, 5_000), (o, 10_000)])
        {
            let before = uptime_ratio_bps(0, observed, prior).unwrap();
            let after = uptime_ratio_bps(3_600, observed + 3_600, prior).unwrap();
            let weight = BPS_DENOMINATOR as u16; // even with all the weight on uptime
            let gain = reputation_bps(after, 0, 0, [weight, 0, 0])
                - reputation_bps(before, 0, 0, [weight, 0, 0]);
            assert!(
                gain < failure_penalty_bps(1, 0),
                "observed {observed}: +{gain}"
            );
        }
        assert_eq!(failure_penalty_bps(1, 1), 2 * FAILURE_PENALTY_BPS);
        assert_eq!(failure_penalty_bps(u32::MAX, u32::MAX), 10_000);
        // A new node starts at its prior; a perfect day moves it halfway to 100%.
        assert_eq!(uptime_ratio_bps(0, 0, 5_000).unwrap(), 5_000);
        assert_eq!(uptime_ratio_bps(86_400, 86_400, 5_000).unwrap(), 7_500);
        assert_eq!(uptime_ratio_bps(3_600, 3_600, 5_000).unwrap(), 5_200);
        assert_eq!(uptime_ratio_bps(0, 86_400, 5_000).unwrap(), 2_500);
    }

    #[test]
    fn slash_respects_remaining_stake_and_epoch_cap() {
        // 50% cap of 1_000 stake: 500 this epoch.
        assert_eq!(slash_now(800, 800, 1_000, 0, 5_000).unwrap(), 500);
        // 300 already slashed from 1_300 at epoch start: 650 cap, 350 left.
        assert_eq!(slash_now(800, 800, 1_000, 300, 5_000).unwrap(), 350);
        assert_eq!(slash_now(800, 800, 100, 0, 10_000).unwrap(), 100);
        // 350 slashed from 700 at epoch start: the 50% cap is reached.
        assert_eq!(slash_now(300, 600, 350, 350, 5_000).unwrap(), 0);
        // Unless the frozen amount is larger: its 50% (400) bounds the epoch.
        assert_eq!(slash_now(450, 800, 350, 350, 5_000).unwrap(), 50);
    }

    #[test]
    fn a_full_slash_completes_in_bounded_epochs() {
        // 100% of 1_000 at a 50% cap: 500, then the remaining 500 (50% of the
        // frozen 1_000, not of the 500 left): two epochs, never asymptotic.
        assert_eq!(slash_now(1_000, 1_000, 1_000, 0, 5_000).unwrap(), 500);
        assert_eq!(slash_now(500, 1_000, 500, 0, 5_000).unwrap(), 500);
        // The cap rounds up: even 1 base unit at a 1% cap makes progress.
        assert_eq!(slash_now(1, 1, 1, 0, 100).unwrap(), 1);
    }

    #[test]
    fn share_is_measured_against_the_frozen_stake() {
        assert_eq!(share_ppb(500, 1_000).unwrap(), 500_000_000);
        assert_eq!(share_ppb(1, 3).unwrap(), 333_333_334);
        assert_eq!(share_ppb(0, 0).unwrap(), 1_000_000_000);
    }
}
