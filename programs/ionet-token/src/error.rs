//! The token program's error codes (6000 + variant index). Append only.

use anchor_lang::prelude::*;

#[error_code]
pub enum TokenError {
    #[msg("Signer is not the program's upgrade authority")]
    NotUpgradeAuthority,
    #[msg("Program data account does not belong to this program")]
    InvalidProgramData,
    #[msg("Signer is not the token admin")]
    NotAdmin,
    #[msg("A parameter is outside its on-chain bounds")]
    ParamOutOfBounds,
    #[msg("Emission schedule must be non-empty, sorted by start time and within bounds")]
    InvalidSchedule,
    #[msg("Arithmetic overflow")]
    MathOverflow,
    #[msg("The mint would exceed the supply cap")]
    SupplyCapExceeded,
    #[msg("Genesis allocation exhausted")]
    GenesisExhausted,
    #[msg("This epoch has not ended yet")]
    EpochNotEnded,
    #[msg("The circuit breaker's window limit would be exceeded")]
    CircuitBreakerTripped,
    #[msg("Signer may not report this kind of burn")]
    NotBurnReporter,
    #[msg("Amount must be greater than zero")]
    ZeroAmount,
    #[msg("A parameter change is already pending")]
    ProposalPending,
    #[msg("No parameter change is pending")]
    NoProposal,
    #[msg("The parameter change's delay has not passed")]
    TimelockNotElapsed,
    #[msg("The update changes nothing")]
    NothingToUpdate,
    #[msg("Token account's mint is not the IO mint")]
    WrongMint,
}
