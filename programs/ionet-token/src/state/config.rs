//! The token program's config PDA.

use anchor_lang::prelude::*;

use crate::state::TokenParams;

/// Seeds: `[CONFIG_SEED]`. The mint, authority, reward pool, schedule, proposal
/// and stats are singletons at compile-time addresses (`crate::pda`).
#[account]
#[derive(InitSpace)]
pub struct TokenConfig {
    /// Proposes and executes parameter changes (after the timelock); any pubkey, so
    /// a multisig or a stake-weighted governance PDA can hold it.
    pub admin: Pubkey,
    /// May report fee burns (the escrow's authority PDA); the default key means none.
    pub fee_reporter: Pubkey,
    /// May report slash burns (the registry); the default key means none.
    pub slash_reporter: Pubkey,
    /// Start of epoch 0. unit: unix seconds
    pub genesis_time: i64,
    /// Fixed at initialization: epochs are counted from genesis. unit: seconds
    pub epoch_secs: u32,
    /// Allocated at initialization, minted by `genesis_mint`. precision: IO base units (1e8)
    pub genesis_total: u64,
    /// precision: IO base units (1e8)
    pub genesis_minted: u64,
    /// Epochs whose emission has been minted (the next epoch to mint).
    pub epochs_minted: u64,
    /// The circuit breaker's window total at `breaker_updated_at`. precision: IO base units (1e8)
    pub breaker_total: u64,
    /// unit: unix seconds
    pub breaker_updated_at: i64,
    pub params: TokenParams,
    /// Work rewards of epochs nobody worked in, added to the next epoch's pool.
    /// precision: IO base units (1e8)
    pub carry_work: u64,
    /// Availability rewards of epochs no node was available in, likewise.
    /// precision: IO base units (1e8)
    pub carry_availability: u64,
    pub bump: u8,
    /// Space for fields added by later versions.
    pub reserved: [u8; 64],
}

impl TokenConfig {
    pub const SPACE: usize = 8 + Self::INIT_SPACE;

    /// Start of epoch `index`.
    pub fn epoch_start(&self, index: u64) -> Option<i64> {
        let offset = i64::try_from(index.checked_mul(u64::from(self.epoch_secs))?).ok()?;
        self.genesis_time.checked_add(offset)
    }

    /// The epoch `now` falls in (0 before genesis).
    pub fn epoch_at(&self, now: i64) -> u64 {
        u64::try_from(now.saturating_sub(self.genesis_time).max(0)).unwrap_or(0)
            / u64::from(self.epoch_secs.max(1))
    }
}
