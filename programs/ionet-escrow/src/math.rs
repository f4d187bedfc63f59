//! Checked arithmetic and the escrow's pure formulas (deposit, payment, fee).
//! Everything returns an error code instead of panicking; rounding favours the
//! client (payments down).
//!
//! `a * b / c` runs in u64 when the product fits and in u128 only when it does
//! not: on SBF a 128-bit division is a software routine (compiler-builtins),
//! and settlement computes several per node.

use anchor_lang::prelude::*;

use crate::constants::{BPS_DENOMINATOR, SECONDS_PER_HOUR};
use crate::error::EscrowError;

ionet_common::safe_math!(EscrowError::MathOverflow; u16, u32, u64, u128, i64);

fn to_u64(value: u128) -> Result<u64> {
    u64::try_from(value).map_err(|_| error!(EscrowError::MathOverflow))
}

/// `a * b / c`, rounded down; `c` is a non-zero constant of the callers.
fn mul_div(a: u64, b: u64, c: u64) -> Result<u64> {
    match a.checked_mul(b) {
        Some(product) => Ok(product / c),
        None => to_u64(u128::from(a).safe_mul(u128::from(b))? / u128::from(c)),
    }
}

/// `value * bps / 10_000`, rounded down.
pub fn bps_of(value: u64, bps: u16) -> Result<u64> {
    mul_div(value, u64::from(bps), BPS_DENOMINATOR)
}

/// What `gpus` GPUs for `hours` hours cost at `price` per GPU-hour: the deposit
/// of a job, or the share reserved for one run. Exact (no rounding).
pub fn reserved(gpus: u16, hours: u32, price: u64) -> Result<u64> {
    u64::from(gpus).safe_mul(u64::from(hours))?.safe_mul(price)
}

/// What `gpu_seconds` of delivered work earn at `price` per GPU-hour, rounded
/// down. Never more than `reserved` for the same GPUs and duration, because
/// delivered GPU-seconds are capped at GPUs × duration.
pub fn earned(gpu_seconds: u64, price: u64) -> Result<u64> {
    mul_div(gpu_seconds, price, SECONDS_PER_HOUR)
}

/// The most GPU-seconds a run may have delivered by `until`: GPUs × elapsed
/// since its start, elapsed capped at the job's duration.
pub fn usage_cap(gpus: u16, started_at: i64, until: i64, duration_secs: u64) -> Result<u64> {
    let elapsed = u64::try_from(until.saturating_sub(started_at).max(0))
        .map_err(|_| error!(EscrowError::MathOverflow))?
        .min(duration_secs);
    u64::from(gpus).safe_mul(elapsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deposit_is_exact_and_overflow_is_an_error() {
        assert_eq!(reserved(8, 4, 250).unwrap(), 8_000);
        assert_eq!(
            reserved(u16::MAX, u32::MAX, u64::MAX).unwrap_err(),
            EscrowError::MathOverflow.into()
        );
    }

    #[test]
    fn earnings_round_down_and_never_exceed_the_reservation() {
        assert_eq!(earned(3_600, 100).unwrap(), 100);
        assert_eq!(earned(3_599, 100).unwrap(), 99);
        // A full run: 8 GPUs × 4 h delivered is exactly the reservation.
        let full = usage_cap(8, 0, 10 * 3_600, 4 * 3_600).unwrap();
        assert_eq!(earned(full, 250).unwrap(), reserved(8, 4, 250).unwrap());
        assert_eq!(
            earned(u64::MAX, u64::MAX).unwrap_err(),
            EscrowError::MathOverflow.into()
        );
        // Past u64 in the product, exact through u128.
        assert_eq!(earned(u64::MAX / 2, 7_200).unwrap(), u64::MAX - 1);
        assert_eq!(bps_of(u64::MAX, 5_000).unwrap(), u64::MAX / 2);
    }

    #[test]
    fn usage_cap_counts_elapsed_time_up_to_the_duration() {
        assert_eq!(usage_cap(2, 100, 160, 3_600).unwrap(), 120);
        assert_eq!(usage_cap(2, 100, 50, 3_600).unwrap(), 0);
        assert_eq!(usage_cap(2, 0, i64::MAX, 3_600).unwrap(), 7_200);
    }

    #[test]
    fn fee_is_rounded_down() {
        assert_eq!(bps_of(999, 200).unwrap(), 19);
        assert_eq!(bps_of(u64::MAX, 10_000).unwrap(), u64::MAX);
    }
}
