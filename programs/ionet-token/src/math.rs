//! Checked arithmetic and the token's pure formulas: the schedule lookup and
//! the circuit breaker's decaying window.

use anchor_lang::prelude::*;

use crate::error::TokenError;
use crate::state::EmissionEntry;

ionet_common::safe_math!(TokenError::MathOverflow; u32, u64, u128, i64);

/// The emission of an epoch starting at `epoch_start`: the entry with the latest
/// start time at or before it (entries are sorted); 0 before the first.
pub fn emission_at(schedule: &[EmissionEntry], epoch_start: i64) -> u64 {
    schedule
        .iter()
        .take_while(|e| e.start_time <= epoch_start)
        .last()
        .map_or(0, |e| e.per_epoch)
}

/// What remains of the breaker's window total after `elapsed` seconds: it decays
/// linearly to zero over `window` seconds (Helium's windowed circuit breaker).
pub fn decayed(total: u64, elapsed: i64, window: u32) -> Result<u64> {
    let window = u64::from(window);
    let elapsed = u64::try_from(elapsed.max(0)).map_err(|_| error!(TokenError::MathOverflow))?;
    let left = window.saturating_sub(elapsed);
    let value = u128::from(total).safe_mul(u128::from(left))? / u128::from(window.max(1));
    u64::try_from(value).map_err(|_| error!(TokenError::MathOverflow))
}

/// An SPL mint's supply, read in place (bytes 36..44 of the mint layout).
pub fn mint_supply(info: &AccountInfo) -> Result<u64> {
    let data = info.try_borrow_data()?;
    require!(data.len() >= 82, TokenError::WrongMint);
    let mut supply = [0u8; 8];
    supply.copy_from_slice(&data[36..44]);
    Ok(u64::from_le_bytes(supply))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(start_time: i64, per_epoch: u64) -> EmissionEntry {
        EmissionEntry {
            start_time,
            per_epoch,
        }
    }

    #[test]
    fn schedule_lookup_takes_the_latest_started_entry() {
        let s = [entry(100, 8), entry(200, 4), entry(300, 2)];
        assert_eq!(emission_at(&s, 99), 0);
        assert_eq!(emission_at(&s, 100), 8);
        assert_eq!(emission_at(&s, 299), 4);
        assert_eq!(emission_at(&s, 10_000), 2);
    }

    #[test]
    fn breaker_window_decays_linearly() {
        assert_eq!(decayed(1_000, 0, 100).unwrap(), 1_000);
        assert_eq!(decayed(1_000, 25, 100).unwrap(), 750);
        assert_eq!(decayed(1_000, 100, 100).unwrap(), 0);
        assert_eq!(decayed(1_000, 1_000, 100).unwrap(), 0);
        assert_eq!(decayed(u64::MAX, 1, 2).unwrap(), u64::MAX / 2);
    }
}
