//! The escrow's error codes (6000 + variant index). The SDK maps each code to
//! its own exception class. Append only: codes are part of the ABI.

use anchor_lang::prelude::*;

#[error_code]
pub enum EscrowError {
    #[msg("Signer is not the program's upgrade authority")]
    NotUpgradeAuthority,
    #[msg("Program data account does not belong to this program")]
    InvalidProgramData,
    #[msg("Signer is not the escrow admin")]
    NotAdmin,
    #[msg("A parameter is outside its on-chain bounds")]
    ParamOutOfBounds,
    #[msg("Arithmetic overflow")]
    MathOverflow,
    #[msg("Account is not at the PDA of its seeds and stored bump")]
    InvalidPda,
    #[msg("Token account's mint is not the payment mint")]
    WrongMint,
    #[msg("Token account is not the configured treasury")]
    WrongTreasury,
    #[msg("Token account is not this job's vault")]
    WrongVault,
    #[msg("Token account does not belong to the expected owner")]
    WrongTokenOwner,
    #[msg("Job spec is invalid: GPU count, duration, price, VRAM, CUDA or model out of range")]
    InvalidJobSpec,
    #[msg("Start deadline must be in the future and within the configured maximum delay")]
    InvalidStartDeadline,
    #[msg("The job is not in a state that allows this instruction")]
    InvalidJobState,
    #[msg("Signer is not the matching authority")]
    NotMatcher,
    #[msg("Signer is not the job's client")]
    NotClient,
    #[msg("Signer is not the dispute arbiter")]
    NotArbiter,
    #[msg("Signer is not the agent key of the node assigned to this run")]
    NotRunAgent,
    #[msg("Account is not a node of the ionet registry")]
    InvalidNode,
    #[msg("Account is not the ionet registry's config")]
    InvalidRegistryConfig,
    #[msg("Node's attested GPU model does not match the job")]
    GpuModelMismatch,
    #[msg("Node's attested VRAM per GPU is below the job's minimum")]
    InsufficientVram,
    #[msg("Node's CUDA version is below the job's minimum")]
    CudaTooOld,
    #[msg("Node is not in the job's region")]
    RegionMismatch,
    #[msg("Node's reputation is below the configured floor")]
    ReputationTooLow,
    #[msg("Assignment would exceed the job's GPU count or node limit")]
    TooManyGpus,
    #[msg("The start deadline has passed")]
    StartDeadlinePassed,
    #[msg("Run does not belong to this job")]
    RunJobMismatch,
    #[msg("Node is not the one assigned to this run")]
    RunNodeMismatch,
    #[msg("The run is not in a state that allows this instruction")]
    InvalidRunState,
    #[msg("Reported GPU-seconds must not decrease")]
    UsageDecreased,
    #[msg("Reported GPU-seconds exceed GPUs x elapsed time")]
    UsageExceedsElapsed,
    #[msg("The challenge window is still open")]
    ChallengeWindowOpen,
    #[msg("The challenge window has closed")]
    ChallengeWindowClosed,
    #[msg("The job has already been disputed once")]
    AlreadyDisputed,
    #[msg("The node is healthy and within its deadline: no timeout")]
    NodeHealthy,
    #[msg("The job's vault still holds tokens or runs are open")]
    JobNotEmpty,
    #[msg("Rent destination is not the account that paid it")]
    WrongRentPayer,
    #[msg("The job cannot be completed yet by this signer")]
    CompleteTooEarly,
    #[msg("Job accounting does not balance")]
    InvariantViolated,
    #[msg("The update changes nothing")]
    NothingToUpdate,
    #[msg("Account is not an initialized SPL token account or mint")]
    InvalidTokenAccount,
    #[msg("Batch accounts must come in complete groups, one per argument, at least one")]
    InvalidBatch,
    #[msg("Account is not a writable run of this program")]
    InvalidRun,
    #[msg("The node is already assigned to this job")]
    NodeAlreadyAssigned,
    #[msg("Account is not the IO token program's config")]
    InvalidTokenConfig,
    #[msg("Runs of this job are still open")]
    RunsOpen,
    #[msg("The job's price per GPU-hour is below the node's minimum")]
    PriceBelowNodeMinimum,
    #[msg("The start deadline leaves a node less than MIN_START_WINDOW_SECS to start")]
    StartWindowTooShort,
    #[msg("The dispute's resolution deadline has passed: its default outcome applies")]
    DisputeDeadlinePassed,
    #[msg("The dispute's resolution deadline has not passed")]
    DisputeDeadlineNotReached,
}
