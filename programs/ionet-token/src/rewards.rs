//! The rewards' formulas and bookkeeping: points, the share of a pool,
//! resolving epochs, the locked tranches, slash forfeiture. Rounding is down
//! everywhere, so claims never exceed what was minted.

use anchor_lang::prelude::*;

use crate::constants::{BPS_DENOMINATOR, EPOCH_SEED, TRANCHE_SECS};
use crate::error::TokenError;
use crate::math::SafeMath;
use crate::pda::is_program_address;
use crate::state::{EpochRecord, Reward, Tranche, TIER_COUNT};

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

/// Work points of the fees charged since the last look (`fees - seen`, by
/// tier): the burned share of each tier's new fees, weighted by the tier
/// relative to the heaviest one. A point is never more than one base unit
/// burned, and an epoch never pays more than one base unit per point
/// (`capped_work_pool`): no job earns more from emissions than it burned.
pub fn work_points(
    fees: &[u64; TIER_COUNT],
    seen: &[u64; TIER_COUNT],
    fee_burn_bps: u16,
    tier_weights_bps: &[u16; TIER_COUNT],
) -> Result<u64> {
    let heaviest = tier_weights_bps.iter().copied().max().unwrap_or(0);
    let mut points = 0u64;
    for tier in 0..TIER_COUNT {
        let burned = mul_div(
            fees[tier].saturating_sub(seen[tier]),
            u64::from(fee_burn_bps),
            BPS_DENOMINATOR,
        )?;
        points = points.safe_add(mul_div(
            burned,
            u64::from(tier_weights_bps[tier]),
            u64::from(heaviest),
        )?)?;
    }
    Ok(points)
}

/// An epoch's work pool: its work share of the emission, but never more than
/// one base unit per work point (each point stands for at most one base unit
/// burned). The rest goes to the availability pool (or stays unallocated in
/// the reward pool when no node proved availability); nothing carries.
pub fn capped_work_pool(work_share: u64, work_points: u64) -> u64 {
    work_share.min(work_points)
}

/// A bucket's share of an epoch's pools.
pub fn share(points: u64, pool: u64, total_points: u64) -> Result<u64> {
    mul_div(pool, points, total_points)
}

/// One whole stake in `slashed_share_ppb` units.
pub const PPB: u64 = 1_000_000_000;

/// What new slashes take from what is still locked. `applied_ppb` is the
/// node's cumulative slashed share already applied to these rewards,
/// `share_ppb` its cumulative share now (each capped at the whole stake):
/// what is locked has already lost `applied`, so it loses
/// `(share - applied) / (1 - applied)` of itself now. However executions and
/// forfeitures interleave, the rewards locked before the first slash lose, in
/// total, the cumulative share (a 100% slash over two epochs takes all of them,
/// not 1 - 0.5 x 0.5). Rounded up: the slashed node, not the pool, bears the
/// rounding; never more than `locked`.
pub fn forfeiture(locked: u64, applied_ppb: u64, share_ppb: u64) -> Result<u64> {
    let applied = applied_ppb.min(PPB);
    let share = share_ppb.min(PPB);
    if share <= applied {
        return Ok(0);
    }
    let (num, den) = (u128::from(share - applied), u128::from(PPB - applied));
    let taken = u128::from(locked).safe_mul(num)?.safe_add(den - 1)? / den;
    Ok(to_u64(taken)?.min(locked))
}

/// Takes from every locked tranche the share of the stake the node's slashes
/// since the last look took (see `forfeiture`); returns the amount to burn
/// from the pool.
pub fn apply_slashes(
    reward: &mut Reward,
    node: &crate::registry_node::RegistryNode,
) -> Result<u64> {
    let (applied, share) = (reward.last_slashed_share_ppb, node.slashed_share_ppb);
    reward.last_slashed_total = node.slashed_total;
    reward.last_slashed_share_ppb = node.slashed_share_ppb;
    let mut taken = 0u64;
    for tranche in reward.tranches.iter_mut() {
        let t = forfeiture(tranche.amount, applied, share)?;
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
        let weights = [50_000, 30_000, 20_000, 15_000, 10_000, 7_500, 5_000];
        let mut fees = [0u64; TIER_COUNT];
        fees[0] = 1_000; // H100 class: one point per base unit burned
        fees[5] = 1_000; // RTX 3090: 0.75x / 5x
        let seen = [0u64; TIER_COUNT];
        assert_eq!(work_points(&fees, &seen, 10_000, &weights).unwrap(), 1_150);
        assert_eq!(work_points(&fees, &seen, 5_000, &weights).unwrap(), 575);
        assert_eq!(work_points(&fees, &fees, 10_000, &weights).unwrap(), 0);
        assert_eq!(
            work_points(&fees, &seen, 10_000, &[0; TIER_COUNT]).unwrap(),
            0
        );
        // Never more than a base unit per base unit burned.
        assert!(work_points(&fees, &seen, 10_000, &weights).unwrap() <= 2_000);
        assert_eq!(capped_work_pool(10_000, 1_150), 1_150);
        assert_eq!(capped_work_pool(1_000, 1_150), 1_000);
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
        assert_eq!(forfeiture(1_000, 0, 0).unwrap(), 0);
        assert_eq!(forfeiture(1_000, 0, PPB / 2).unwrap(), 500); // half the stake slashed
        assert_eq!(forfeiture(1_000, 0, PPB).unwrap(), 1_000); // all of it
        assert_eq!(forfeiture(1_000, 0, 3 * PPB).unwrap(), 1_000); // never more than all
        assert_eq!(forfeiture(1_000, PPB, 2 * PPB).unwrap(), 0); // nothing left to take
        assert_eq!(forfeiture(1_000, PPB / 2, PPB / 4).unwrap(), 0); // never backwards
        assert_eq!(forfeiture(1, 0, 1).unwrap(), 1); // rounded up, against the node
        assert_eq!(
            forfeiture(u64::MAX, 0, PPB - 1).unwrap(),
            u64::MAX - u64::MAX / PPB
        );
    }

    /// However the executions (cumulative shares) and forfeitures interleave,
    /// the rewards lose the cumulative share in total (to rounding, up).
    #[test]
    fn interleaved_forfeitures_take_the_cumulative_share() {
        let locked = 1_000_000_007u64;
        let steps: [&[u64]; 5] = [
            &[PPB / 2, PPB], // a full slash over two epochs
            &[PPB],          // forfeited once at the end
            &[PPB / 4, PPB / 2, PPB * 3 / 4, PPB],
            &[PPB / 3, PPB / 2, 2 * PPB], // overshoot: all of it, once
            &[PPB / 10, PPB / 5, PPB * 3 / 10],
        ];
        for seen in steps {
            let (mut left, mut applied) = (locked, 0u64);
            for &share in seen {
                left -= forfeiture(left, applied, share).unwrap();
                applied = share;
            }
            let want = locked - mul_div(locked, applied.min(PPB), PPB).unwrap();
            assert!(
                left.abs_diff(want) <= seen.len() as u64,
                "{seen:?}: {left} vs {want}"
            );
        }
    }
}
