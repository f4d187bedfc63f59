//! The network's economics on-chain: minted, burned, spent, per epoch.

use anchor_lang::prelude::*;

use crate::constants::STATS_EPOCHS;

/// One epoch's figures. precision: IO base units (1e8)
#[zero_copy]
pub struct EpochStats {
    pub epoch: u64,
    pub minted: u64,
    pub burned_fees: u64,
    pub burned_slashes: u64,
    /// Paid for compute (job settlements), gross of fees.
    pub compute_spend: u64,
    /// Protocol fees charged (burned or sent to the treasury).
    pub fees: u64,
    /// Work points credited (tier-weighted GPU-seconds).
    pub work_points: u64,
    /// Availability points credited (tier-weighted GPUs x uptime).
    pub availability_points: u64,
}

/// Seeds: `[STATS_SEED]`. Totals since genesis and a ring of the last 64 epochs
/// (indexed by epoch mod 64): what the Demand-to-Emission ratio (compute spend /
/// value of emissions) and net deflation (burned > minted) are computed from.
/// precision: IO base units (1e8)
#[account(zero_copy)]
pub struct NetworkStats {
    pub minted_genesis: u64,
    pub minted_emission: u64,
    pub burned_fees: u64,
    pub burned_slashes: u64,
    pub compute_spend: u64,
    pub fees: u64,
    /// Deposited into job escrows (reported when a job's books close).
    pub escrowed_volume: u64,
    /// Rewards paid out of the pool to operators.
    pub rewards_paid: u64,
    pub epochs: [EpochStats; STATS_EPOCHS],
}

impl NetworkStats {
    pub const SPACE: usize = 8 + core::mem::size_of::<NetworkStats>();

    /// The ring slot of `epoch`, reset when it held an older epoch.
    pub fn epoch_mut(&mut self, epoch: u64) -> &mut EpochStats {
        let slot = &mut self.epochs[(epoch % STATS_EPOCHS as u64) as usize];
        if slot.epoch != epoch {
            *slot = EpochStats {
                epoch,
                minted: 0,
                burned_fees: 0,
                burned_slashes: 0,
                compute_spend: 0,
                fees: 0,
                work_points: 0,
                availability_points: 0,
            };
        }
        slot
    }

    /// The ring slot for the burn figures of `epoch`, unless taking it could
    /// reset a slot still holding an unminted epoch's points (emissions 64
    /// epochs behind: the slot of `epoch` holds `epoch - 64`); then the burn is
    /// counted in the totals only. Burns never erase points.
    pub fn burn_slot(&mut self, epoch: u64, epochs_minted: u64) -> Option<&mut EpochStats> {
        if epoch < epochs_minted.saturating_add(STATS_EPOCHS as u64) {
            Some(self.epoch_mut(epoch))
        } else {
            None
        }
    }
}
