//! PDA checks for accounts that already exist.
//!
//! Creating a PDA must find the canonical bump (`find_program_address`). Checking
//! that an *existing* program-owned account sits at the PDA of its seeds and
//! stored canonical bump only needs the address hash:
//! sha256(seeds ‖ bump ‖ program_id ‖ "ProgramDerivedAddress"). The on-curve
//! test of `create_program_address` (1,500 CU) only matters at creation, which
//! `init` performed. This costs ~150 CU.

use anchor_lang::prelude::*;

use crate::constants::CONFIG_SEED;

/// The config PDA `[CONFIG_SEED]` and its canonical bump, derived at compile time.
pub const CONFIG_PDA: ([u8; 32], u8) =
    anchor_lang::derive_program_address(&[CONFIG_SEED], &crate::ID_CONST.to_bytes());
/// The config's address: every instruction but `config_init` compares against it.
pub const CONFIG_ADDRESS: Pubkey = Pubkey::new_from_array(CONFIG_PDA.0);

/// Whether `key` is this program's address for `seeds` with `bump` (the PDA hash
/// with the stored canonical bump: see `ionet_common::is_program_address`).
pub fn is_program_address(key: &Pubkey, seeds: &[&[u8]], bump: u8) -> bool {
    ionet_common::is_program_address(key, seeds, bump, &crate::ID)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_address_is_the_canonical_pda() {
        let (address, bump) = Pubkey::find_program_address(&[CONFIG_SEED], &crate::ID);
        assert_eq!((CONFIG_ADDRESS, CONFIG_PDA.1), (address, bump));
    }

    #[test]
    fn hash_check_agrees_with_find_program_address() {
        let seeds: &[&[u8]] = &[b"node", &[7u8; 32], &5u64.to_le_bytes()];
        let (address, bump) = Pubkey::find_program_address(seeds, &crate::ID);
        assert!(is_program_address(&address, seeds, bump));
        assert!(!is_program_address(&address, seeds, bump.wrapping_sub(1)));
        assert!(!is_program_address(&Pubkey::new_unique(), seeds, bump));
    }
}
