//! One epoch's reward pools and the points they are shared by.

use anchor_lang::prelude::*;

/// Seeds: `[EPOCH_SEED, epoch (u64 LE)]`. Created when the epoch's emission is
/// minted; operators' claims resolve their points against it, lazily.
#[account]
#[derive(InitSpace)]
pub struct EpochRecord {
    pub epoch: u64,
    /// Emission for delivered work: at most one base unit per work point.
    /// precision: IO base units (1e8)
    pub work_pool: u64,
    /// Emission for availability: the rest, when any node proved availability.
    /// precision: IO base units (1e8)
    pub availability_pool: u64,
    pub work_points: u64,
    pub availability_points: u64,
    pub bump: u8,
}

impl EpochRecord {
    pub const SPACE: usize = 8 + Self::INIT_SPACE;
}
