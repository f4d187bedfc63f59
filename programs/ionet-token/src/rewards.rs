//! The rewards' formulas and bookkeeping: points, the share of a pool,
//! resolving epochs, the locked tranches, slash forfeiture. Rounding is down
//! everywhere, so claims never exceed what was minted.

use anchor_lang::prelude::*;

use crate::constants::{BPS_DENOMINATOR, EPOCH_SEED, TRANCHE_SECS};
use crate::error::TokenError;
use crate::math::SafeMath;
use crate::pda::is_program_address;
use crate::state::{EpochRecord, Reward, Tranche};

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

/// One whole stake in `slashed_share_ppb` units.
pub const PPB: u64 = 1_000_000_000;

/// What new slashes take from locked rewards: the same share of them as the
/// slashes took of the stake, each measured against the stake its proposal
/// froze (`share_ppb`, capped at all of it). A stake topped up after the
/// proposal does not dilute it.
pub fn forfeiture(locked: u64, share_ppb: u64) -> Result<u64> {
    mul_div(locked, share_ppb.min(PPB), PPB)
}

/// Takes from every locked tranche the share of the stake the node's slashes
/// since the last look took; returns the amount to burn from the pool.
pub fn apply_slashes(
    reward: &mut Reward,
    node: &crate::registry_node::RegistryNode,
) -> Result<u64> {
    let share = node
        .slashed_share_ppb
        .saturating_sub(reward.last_slashed_share_ppb);
    reward.last_slashed_total = node.slashed_total;
    reward.last_slashed_share_ppb = node.slashed_share_ppb;
    let mut taken = 0u64;
    for tranche in reward.tranches.iter_mut() {
        let t = forfeiture(tranche.amount, share)?;
        tranche.amount = tranche.amount.safe_sub(t)?;
        taken = taken.safe_add(t)?;
    }
    reward.forfeited_total = reward.forfeited_total.safe_add(taken)?;
    refresh_locked(reward)?;
    Ok(taken)
}

/// Resolves the buckets of minted epochs whose `EpochRecord` is among
/// `records` into IO (their points' share of the epoch's pools), freeing them.
pub fn resolve<'info>(
    reward: &mut Reward,
    epochs_minted: u64,
    records: &'info [AccountInfo<'info>],
) -> Result<u64> {
    let mut resolved = 0u64;
    for bucket in reward.buckets.iter_mut() {
        if bucket.used == 0 || bucket.epoch >= epochs_minted {
            continue;
        }
        let id = bucket.epoch.to_le_bytes();
        let Some(info) = records.iter().find(|info| {
            info.try_borrow_data()
                .is_ok_and(|d| d.len() >= EpochRecord::SPACE)
                && Account::<EpochRecord>::try_from(info).is_ok_and(|r| {
                    r.epoch == bucket.epoch
                        && is_program_address(info.key, &[EPOCH_SEED, &id], r.bump)
                })
        }) else {
            continue;
        };
        let record = Account::<EpochRecord>::try_from(info)?;
        resolved = resolved
            .safe_add(share(
                bucket.work_points,
                record.work_pool,
                record.work_points,
            )?)?
            .safe_add(share(
                bucket.availability_points,
                record.availability_pool,
                record.availability_points,
            )?)?;
        bucket.used = 0;
    }
    Ok(resolved)
}

/// Locks `amount` resolved at `now` for `lock_secs`, until the end rounded up
/// to a whole day: tranches of the same day merge (with no lock, it unlocks
/// `now`). When every tranche is taken, the latest one absorbs it and takes
/// the later day, so nothing is ever paid before its own lock ends.
pub fn lock(reward: &mut Reward, amount: u64, now: i64, lock_secs: u32) -> Result<()> {
    if amount == 0 {
        return Ok(());
    }
    let day = if lock_secs == 0 {
        now
    } else {
        // Unsigned: SBF has no signed division.
        let secs = TRANCHE_SECS.unsigned_abs();
        let end = now.safe_add(i64::from(lock_secs))?;
        let time = u64::try_from(end).map_err(|_| error!(TokenError::MathOverflow))?;
        i64::try_from(time.safe_add(secs - 1)? / secs * secs)
            .map_err(|_| error!(TokenError::MathOverflow))?
    };
    let tranches = &mut reward.tranches;
    let index = match tranches
        .iter()
        .position(|t| t.amount > 0 && t.unlock_at == day)
    {
        Some(i) => i,
        None => match tranches.iter().position(|t| t.amount == 0) {
            Some(i) => i,
            None => tranches
                .iter()
                .enumerate()
                .max_by_key(|(_, t)| t.unlock_at)
                .map(|(i, _)| i)
                .ok_or_else(|| error!(TokenError::MathOverflow))?,
        },
    };
    let tranche = &mut tranches[index];
    *tranche = Tranche {
        amount: tranche.amount.safe_add(amount)?,
        unlock_at: tranche.unlock_at.max(day),
    };
    refresh_locked(reward)
}

/// Empties the tranches unlocked at `now`; returns their sum.
pub fn release(reward: &mut Reward, now: i64) -> Result<u64> {
    let mut released = 0u64;
    for tranche in reward.tranches.iter_mut() {
        if tranche.amount > 0 && tranche.unlock_at <= now {
            released = released.safe_add(tranche.amount)?;
            tranche.amount = 0;
        }
    }
    refresh_locked(reward)?;
    Ok(released)
}

/// `locked` and `unlock_at` summarise the tranches (what clients display).
fn refresh_locked(reward: &mut Reward) -> Result<()> {
    let mut locked = 0u64;
    let mut next = i64::MAX;
    for t in reward.tranches.iter_mut() {
        if t.amount == 0 {
            t.unlock_at = 0;
        } else {
            locked = locked.safe_add(t.amount)?;
            next = next.min(t.unlock_at);
        }
    }
    reward.locked = locked;
    reward.unlock_at = if locked == 0 { 0 } else { next };
    Ok(())
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

    fn empty_reward() -> Reward {
        bytemuck::Zeroable::zeroed()
    }

    #[test]
    fn each_resolution_keeps_its_own_lock() {
        const DAY: i64 = TRANCHE_SECS;
        let mut r = empty_reward();
        let week = 7 * DAY as u32;
        lock(&mut r, 100, 0, week).unwrap();
        lock(&mut r, 50, 3_600, week).unwrap(); // rounds up to day 8
        lock(&mut r, 25, DAY, week).unwrap(); // merges with day 8
        assert_eq!((r.locked, r.unlock_at), (175, 7 * DAY));
        assert_eq!(release(&mut r, 7 * DAY - 1).unwrap(), 0);
        assert_eq!(release(&mut r, 7 * DAY).unwrap(), 100);
        assert_eq!((r.locked, r.unlock_at), (75, 8 * DAY));
        assert_eq!(release(&mut r, 8 * DAY).unwrap(), 75);
        assert_eq!((r.locked, r.unlock_at), (0, 0));
    }

    #[test]
    fn a_full_set_of_tranches_never_unlocks_early() {
        const DAY: i64 = TRANCHE_SECS;
        let mut r = empty_reward();
        for day in 1..=8 {
            lock(&mut r, 10, (day - 1) * DAY, DAY as u32).unwrap();
        }
        lock(&mut r, 10, 19 * DAY, DAY as u32).unwrap(); // joins the latest, which moves to day 20
        assert_eq!(r.locked, 90);
        assert_eq!(release(&mut r, 19 * DAY).unwrap(), 70);
        assert_eq!(release(&mut r, 20 * DAY).unwrap(), 20);
        // No lock: unlocked at once.
        lock(&mut r, 5, 30 * DAY + 1, 0).unwrap();
        assert_eq!(release(&mut r, 30 * DAY + 1).unwrap(), 5);
    }

    #[test]
    fn slashes_take_the_same_fraction_of_locked_rewards() {
        assert_eq!(forfeiture(1_000, 0).unwrap(), 0);
        assert_eq!(forfeiture(1_000, PPB / 2).unwrap(), 500); // half the stake slashed
        assert_eq!(forfeiture(1_000, PPB).unwrap(), 1_000); // all of it
        assert_eq!(forfeiture(1_000, 3 * PPB).unwrap(), 1_000); // never more than all
    }
}
