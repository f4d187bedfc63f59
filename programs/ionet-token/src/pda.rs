//! The program's singleton PDAs, derived at compile time.

use anchor_lang::prelude::*;

use crate::constants::{
    AUTHORITY_SEED, CONFIG_SEED, MINT_SEED, PROPOSAL_SEED, REWARDS_SEED, SCHEDULE_SEED, STATS_SEED,
};

macro_rules! singleton {
    ($pda:ident, $address:ident, $seed:expr) => {
        pub const $pda: ([u8; 32], u8) =
            anchor_lang::derive_program_address(&[$seed], &crate::ID_CONST.to_bytes());
        pub const $address: Pubkey = Pubkey::new_from_array($pda.0);
    };
}

singleton!(CONFIG_PDA, CONFIG_ADDRESS, CONFIG_SEED);
singleton!(MINT_PDA, MINT_ADDRESS, MINT_SEED);
singleton!(AUTHORITY_PDA, AUTHORITY_ADDRESS, AUTHORITY_SEED);
singleton!(REWARDS_PDA, REWARDS_ADDRESS, REWARDS_SEED);
singleton!(SCHEDULE_PDA, SCHEDULE_ADDRESS, SCHEDULE_SEED);
singleton!(STATS_PDA, STATS_ADDRESS, STATS_SEED);
singleton!(PROPOSAL_PDA, PROPOSAL_ADDRESS, PROPOSAL_SEED);

/// Signer seeds of the authority PDA (mint authority, reward pool owner).
pub const AUTHORITY_SIGNER: &[&[u8]] = &[AUTHORITY_SEED, &[AUTHORITY_PDA.1]];

/// Whether `key` is this program's address for `seeds` with `bump` (the PDA hash
/// with the stored canonical bump: see `ionet_common::is_program_address`).
pub fn is_program_address(key: &Pubkey, seeds: &[&[u8]], bump: u8) -> bool {
    ionet_common::is_program_address(key, seeds, bump, &crate::ID)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compile_time_addresses_are_the_canonical_pdas() {
        for (seed, (address, bump)) in [
            (CONFIG_SEED, CONFIG_PDA),
            (MINT_SEED, MINT_PDA),
            (AUTHORITY_SEED, AUTHORITY_PDA),
            (REWARDS_SEED, REWARDS_PDA),
            (SCHEDULE_SEED, SCHEDULE_PDA),
            (STATS_SEED, STATS_PDA),
        ] {
            let (expected, expected_bump) = Pubkey::find_program_address(&[seed], &crate::ID);
            assert_eq!(
                (Pubkey::new_from_array(address), bump),
                (expected, expected_bump)
            );
        }
    }
}
