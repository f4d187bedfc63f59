//! PDA addresses known at compile time, and the check for accounts that already
//! exist: sha256(seeds ‖ bump ‖ program_id ‖ "ProgramDerivedAddress") against
//! the stored canonical bump (~150 CU instead of 1,500 per
//! `create_program_address`; `init` found the canonical bump at creation).

use anchor_lang::prelude::*;

use crate::constants::{AUTHORITY_SEED, CONFIG_SEED};

/// The config PDA `[CONFIG_SEED]` and its canonical bump.
pub const CONFIG_PDA: ([u8; 32], u8) =
    anchor_lang::derive_program_address(&[CONFIG_SEED], &crate::ID_CONST.to_bytes());
pub const CONFIG_ADDRESS: Pubkey = Pubkey::new_from_array(CONFIG_PDA.0);

/// The authority PDA `[AUTHORITY_SEED]` and its canonical bump: the registry's job authority.
pub const AUTHORITY_PDA: ([u8; 32], u8) =
    anchor_lang::derive_program_address(&[AUTHORITY_SEED], &crate::ID_CONST.to_bytes());
pub const AUTHORITY_ADDRESS: Pubkey = Pubkey::new_from_array(AUTHORITY_PDA.0);
/// Signer seeds of the authority PDA.
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
        let (config, bump) = Pubkey::find_program_address(&[CONFIG_SEED], &crate::ID);
        assert_eq!((CONFIG_ADDRESS, CONFIG_PDA.1), (config, bump));
        let (authority, bump) = Pubkey::find_program_address(&[AUTHORITY_SEED], &crate::ID);
        assert_eq!((AUTHORITY_ADDRESS, AUTHORITY_PDA.1), (authority, bump));
    }

    #[test]
    fn hash_check_agrees_with_find_program_address() {
        let seeds: &[&[u8]] = &[b"job", &[7u8; 32], &5u64.to_le_bytes()];
        let (address, bump) = Pubkey::find_program_address(seeds, &crate::ID);
        assert!(is_program_address(&address, seeds, bump));
        assert!(!is_program_address(&address, seeds, bump.wrapping_sub(1)));
    }
}
