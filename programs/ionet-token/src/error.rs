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
    #[msg("Account is not a node of the ionet registry")]
    InvalidNode,
    #[msg("Emissions are 64 or more epochs behind: crank emission_mint_epoch first")]
    EmissionsBehind,
    #[msg("The reward account holds four unresolved epochs: claim first")]
    BucketsFull,
    #[msg("Nothing new to accrue this epoch")]
    NothingToAccrue,
    #[msg("Nothing to claim")]
    NothingToClaim,
    #[msg("Signer is not the node's operator")]
    NotBeneficiary,
    #[msg("Reward account does not belong to this node")]
    WrongRewardAccount,
    #[msg("Account is not an epoch record of this program")]
    InvalidEpochRecord,
    #[msg("Account is not at the PDA of its seeds and stored bump")]
    InvalidPda,
    #[msg("The node has no new slash")]
    NoNewSlashes,
    #[msg("The reward account still holds rewards or unresolved points: claim them first")]
    RewardsNotEmpty,
    #[msg("A slash of the node is pending (proposed, appealed or upheld): rewards stay locked until it is executed, overturned or its appeal lapses")]
    SlashPending,
    #[msg("Pass the epoch record of every minted epoch the reward account still holds points for: a forfeiture applies to all of them")]
    EpochRecordsMissing,
}
