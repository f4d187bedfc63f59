//! The rewards' pure formulas: points, the share of a pool, slash forfeiture.
//! Rounding is down everywhere, so claims never exceed what was minted.

use anchor_lang::prelude::*;

use crate::constants::BPS_DENOMINATOR;
use crate::error::TokenError;
use crate::math::SafeMath;

fn to_u64(value: u128) -> Result<u64> {
    u64::try_from(value).map_err(|_| error!(TokenError::MathOverflow))
}

/// `a * b / c` in u128, rounded down; 0 when `c` is 0.
pub fn mul_div(a: u64, b: u64, c: u64) -> Result<u64> {
    if c == 0 {
        return Ok(0);
    }
    to_u64(u128::from(a).safe_mul(u128::from(b))? / u128::from(c))
}

/// Work points: GPU-seconds delivered weighted by the node's tier.
pub fn work_points(gpu_seconds: u64, tier_weight_bps: u16) -> Result<u64> {
    mul_div(gpu_seconds, u64::from(tier_weight_bps), BPS_DENOMINATOR)
}

/// Availability points for one epoch: attested GPUs x uptime, weighted by tier.
pub fn availability_points(gpus: u16, uptime_bps: u16, tier_weight_bps: u16) -> Result<u64> {
    let raw = u64::from(gpus).safe_mul(u64::from(uptime_bps))?;
    mul_div(raw, u64::from(tier_weight_bps), BPS_DENOMINATOR)
}

/// A bucket's share of an epoch's pools.
pub fn share(points: u64, pool: u64, total_points: u64) -> Result<u64> {
    mul_div(pool, points, total_points)
}

/// What new slashes take from locked rewards: the same fraction of them as the
/// slashes took of the stake (`slashed` new, `stake_after` what remains).
pub fn forfeiture(locked: u64, slashed: u64, stake_after: u64) -> Result<u64> {
    if slashed == 0 {
        return Ok(0);
    }
    mul_div(locked, slashed, slashed.safe_add(stake_after)?)
}

/// Takes from `reward.locked` what the node's slashes since the last look took
/// of its stake; returns the amount to burn from the pool.
pub fn apply_slashes(
    reward: &mut crate::state::Reward,
    node: &crate::registry_node::RegistryNode,
) -> Result<u64> {
    let slashed = node.slashed_total.saturating_sub(reward.last_slashed_total);
    reward.last_slashed_total = node.slashed_total;
    let taken = forfeiture(reward.locked, slashed, node.stake)?;
    reward.locked = reward.locked.safe_sub(taken)?;
    reward.forfeited_total = reward.forfeited_total.safe_add(taken)?;
    Ok(taken)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_and_shares() {
        assert_eq!(work_points(3_600, 50_000).unwrap(), 18_000);
        assert_eq!(availability_points(8, 10_000, 50_000).unwrap(), 400_000);
        assert_eq!(share(1, 100, 3).unwrap(), 33);
        assert_eq!(share(5, 100, 0).unwrap(), 0);
        // Three equal claimants never take more than the pool.
        assert!(3 * share(1, 100, 3).unwrap() <= 100);
    }

    #[test]
    fn slashes_take_the_same_fraction_of_locked_rewards() {
        assert_eq!(forfeiture(1_000, 0, 500).unwrap(), 0);
        assert_eq!(forfeiture(1_000, 500, 500).unwrap(), 500); // half the stake slashed
        assert_eq!(forfeiture(1_000, 500, 0).unwrap(), 1_000); // all of it
    }
}
