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
    /// Unused: pools are no longer carried to later epochs (a carried pool was
    /// one small job's jackpot). Kept for the account layout; always 0.
    /// precision: IO base units (1e8)
    pub carry_work: u64,
    /// Unused, likewise. precision: IO base units (1e8)
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

/// What `fees_burn` needs from the config, read in place: the burn path runs for
/// every job and slash, and decoding the whole config cost ~800 CU of it. The
/// Borsh layout is fixed-size up to `epoch_secs`.
pub struct BurnView {
    pub fee_reporter: Pubkey,
    pub slash_reporter: Pubkey,
    pub genesis_time: i64,
    pub epoch_secs: u32,
    pub epochs_minted: u64,
}

impl BurnView {
    const FEE_REPORTER: usize = 8 + 32;
    const SLASH_REPORTER: usize = 8 + 64;
    const GENESIS_TIME: usize = 8 + 96;
    const EPOCH_SECS: usize = 8 + 104;
    const EPOCHS_MINTED: usize = 8 + 124;

    pub fn load(info: &AccountInfo) -> Result<BurnView> {
        require_keys_eq!(
            *info.owner,
            crate::ID,
            anchor_lang::error::ErrorCode::AccountOwnedByWrongProgram
        );
        let data = info.try_borrow_data()?;
        require!(
            data.len() >= TokenConfig::SPACE && data[..8] == *TokenConfig::DISCRIMINATOR,
            anchor_lang::error::ErrorCode::AccountDiscriminatorMismatch
        );
        let key = |at: usize| {
            let mut bytes = [0u8; 32];
            bytes.copy_from_slice(&data[at..at + 32]);
            Pubkey::new_from_array(bytes)
        };
        let mut time = [0u8; 8];
        time.copy_from_slice(&data[Self::GENESIS_TIME..Self::GENESIS_TIME + 8]);
        let mut secs = [0u8; 4];
        secs.copy_from_slice(&data[Self::EPOCH_SECS..Self::EPOCH_SECS + 4]);
        let mut minted = [0u8; 8];
        minted.copy_from_slice(&data[Self::EPOCHS_MINTED..Self::EPOCHS_MINTED + 8]);
        Ok(BurnView {
            fee_reporter: key(Self::FEE_REPORTER),
            slash_reporter: key(Self::SLASH_REPORTER),
            genesis_time: i64::from_le_bytes(time),
            epoch_secs: u32::from_le_bytes(secs),
            epochs_minted: u64::from_le_bytes(minted),
        })
    }

    /// The epoch `now` falls in (0 before genesis).
    pub fn epoch_at(&self, now: i64) -> u64 {
        u64::try_from(now.saturating_sub(self.genesis_time).max(0)).unwrap_or(0)
            / u64::from(self.epoch_secs.max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::TokenParams;

    #[test]
    fn burn_view_reads_what_borsh_wrote() {
        let config = TokenConfig {
            admin: Pubkey::new_unique(),
            fee_reporter: Pubkey::new_unique(),
            slash_reporter: Pubkey::new_unique(),
            genesis_time: 1_700_000_123,
            epoch_secs: 3_600,
            genesis_total: 5,
            genesis_minted: 4,
            epochs_minted: 3,
            breaker_total: 2,
            breaker_updated_at: 1,
            params: TokenParams::DEFAULT,
            carry_work: 0,
            carry_availability: 0,
            bump: 255,
            reserved: [0; 64],
        };
        let mut data = Vec::new();
        config.try_serialize(&mut data).unwrap();
        data.resize(TokenConfig::SPACE, 0);
        let owner = crate::ID;
        let key = Pubkey::new_unique();
        let mut lamports = 0;
        let info = AccountInfo::new(&key, false, false, &mut lamports, &mut data, &owner, false);
        let view = BurnView::load(&info).unwrap();
        assert_eq!(
            (
                view.fee_reporter,
                view.slash_reporter,
                view.genesis_time,
                view.epoch_secs
            ),
            (
                config.fee_reporter,
                config.slash_reporter,
                config.genesis_time,
                config.epoch_secs
            )
        );
        assert_eq!(view.epochs_minted, config.epochs_minted);
        assert_eq!(view.epoch_at(1_700_000_123 + 7_200), 2);
    }
}
