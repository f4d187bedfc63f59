//! The emission schedule, read by every emission crank (zero-copy).

use anchor_lang::prelude::*;

use crate::constants::MAX_SCHEDULE_ENTRIES;
use crate::state::EmissionEntry;

/// Seeds: `[SCHEDULE_SEED]`. Entries sorted by start time; `count` in use. An
/// annual halving is one entry a year; a smooth decay, one a month (extended by
/// parameter proposals as time passes, as Helium does).
#[account(zero_copy)]
pub struct Schedule {
    pub entries: [EmissionEntry; MAX_SCHEDULE_ENTRIES],
    pub count: u32,
    pub padding: [u8; 4],
}

impl Schedule {
    pub const SPACE: usize = 8 + core::mem::size_of::<Schedule>();

    pub fn active(&self) -> &[EmissionEntry] {
        &self.entries[..(self.count as usize).min(MAX_SCHEDULE_ENTRIES)]
    }

    pub fn set(&mut self, entries: &[EmissionEntry]) {
        self.entries = [EmissionEntry::default(); MAX_SCHEDULE_ENTRIES];
        self.entries[..entries.len()].copy_from_slice(entries);
        self.count = entries.len() as u32;
    }
}
