//! The registry's error codes (6000 + variant index). The SDK maps each code to
//! its own exception class.

use anchor_lang::prelude::*;

#[error_code]
pub enum RegistryError {
    #[msg("Signer is not the program's upgrade authority")]
    NotUpgradeAuthority,
    #[msg("Program data account does not belong to this program")]
    InvalidProgramData,
    #[msg("Signer is not the registry admin")]
    NotAdmin,
    #[msg("A parameter is outside its on-chain bounds")]
    ParamOutOfBounds,
    #[msg("Tier multipliers must not increase from a higher tier to a lower one")]
    TierMultipliersNotMonotonic,
    #[msg("Reputation weights must sum to 10000 bps")]
    ReputationWeightsInvalid,
    #[msg("Too many verifiers")]
    TooManyVerifiers,
    #[msg("Verifier list contains a duplicate or the default key")]
    InvalidVerifier,
    #[msg("Arithmetic overflow")]
    MathOverflow,
}
