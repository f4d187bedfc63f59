//! Pieces every ionet program shares. A library crate, not a program: each
//! program links what it uses.

use anchor_lang::prelude::Pubkey;

const PDA_MARKER: &[u8] = b"ProgramDerivedAddress";

/// Whether `key` is `program_id`'s address for `seeds` with `bump`.
///
/// Creating a PDA must find the canonical bump (`find_program_address`).
/// Checking that an *existing* program-owned account sits at the PDA of its
/// seeds and stored canonical bump only needs the address hash,
/// sha256(seeds ‖ bump ‖ program_id ‖ "ProgramDerivedAddress"): ~150 CU instead
/// of 1,500 per `create_program_address` (whose on-curve test only matters at
/// creation, which `init` performed).
pub fn is_program_address(key: &Pubkey, seeds: &[&[u8]], bump: u8, program_id: &Pubkey) -> bool {
    let bump = [bump];
    let mut parts: Vec<&[u8]> = Vec::with_capacity(seeds.len() + 3);
    parts.extend_from_slice(seeds);
    parts.push(&bump);
    parts.push(program_id.as_ref());
    parts.push(PDA_MARKER);
    solana_sha256_hasher::hashv(&parts).to_bytes() == key.to_bytes()
}

/// Defines `SafeMath` (checked add/sub/mul/div returning `Result`) in the calling
/// crate for the given integer types, failing with the program's own
/// overflow error: `ionet_common::safe_math!(MyError::MathOverflow; u16, u64);`.
#[macro_export]
macro_rules! safe_math {
    ($error:expr; $($t:ty),*) => {
        /// Checked arithmetic that fails with the program's overflow error.
        pub trait SafeMath: Sized {
            fn safe_add(self, rhs: Self) -> anchor_lang::Result<Self>;
            fn safe_sub(self, rhs: Self) -> anchor_lang::Result<Self>;
            fn safe_mul(self, rhs: Self) -> anchor_lang::Result<Self>;
            fn safe_div(self, rhs: Self) -> anchor_lang::Result<Self>;
        }
        $(
            impl SafeMath for $t {
                fn safe_add(self, rhs: Self) -> anchor_lang::Result<Self> {
                    self.checked_add(rhs).ok_or_else(|| anchor_lang::error!($error))
                }
                fn safe_sub(self, rhs: Self) -> anchor_lang::Result<Self> {
                    self.checked_sub(rhs).ok_or_else(|| anchor_lang::error!($error))
                }
                fn safe_mul(self, rhs: Self) -> anchor_lang::Result<Self> {
                    self.checked_mul(rhs).ok_or_else(|| anchor_lang::error!($error))
                }
                fn safe_div(self, rhs: Self) -> anchor_lang::Result<Self> {
                    self.checked_div(rhs).ok_or_else(|| anchor_lang::error!($error))
                }
            }
        )*
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_check_agrees_with_find_program_address() {
        let program = Pubkey::new_unique();
        let seeds: &[&[u8]] = &[b"job", &[7u8; 32], &5u64.to_le_bytes()];
        let (address, bump) = Pubkey::find_program_address(seeds, &program);
        assert!(is_program_address(&address, seeds, bump, &program));
        assert!(!is_program_address(
            &address,
            seeds,
            bump.wrapping_sub(1),
            &program
        ));
        assert!(!is_program_address(
            &address,
            seeds,
            bump,
            &Pubkey::new_unique()
        ));
    }
}
