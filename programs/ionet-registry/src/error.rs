//! The registry's error codes (6000 + variant index). The SDK maps each code to
//! its own exception class. Append only: codes are part of the ABI.

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
    #[msg("An account invariant does not hold")]
    InvariantViolated,
    #[msg("Hardware spec is invalid: GPU count 1-64, VRAM 1-1024 GB, CUDA major > 0, non-zero fingerprint")]
    InvalidHardware,
    #[msg("The agent key must not be the default key")]
    InvalidAgent,
    #[msg("Signer is not the node's operator")]
    NotOperator,
    #[msg("Signer is not the node's agent")]
    NotAgent,
    #[msg("Signer is not in the verifier set")]
    NotVerifier,
    #[msg("Signer may not propose slashes")]
    NotSlashingAuthority,
    #[msg("Amount must be greater than zero")]
    ZeroAmount,
    #[msg("Not enough bonded stake")]
    InsufficientStake,
    #[msg("The node has active jobs")]
    NodeBusy,
    #[msg("The node has a pending slash")]
    PendingSlash,
    #[msg("The unbonding period has not ended")]
    UnbondingNotReady,
    #[msg("Nothing is unbonding")]
    NothingUnbonding,
    #[msg("The node still holds stake")]
    StakeRemaining,
    #[msg("The node's proven liveness is not stale")]
    NodeNotStale,
    #[msg("The node is not active")]
    NodeNotActive,
    #[msg("The appeal window has closed")]
    AppealWindowClosed,
    #[msg("The appeal window is still open")]
    AppealWindowOpen,
    #[msg("Only a proposed slash can be appealed")]
    SlashNotAppealable,
    #[msg("Only an appealed slash can be resolved")]
    SlashNotResolvable,
    #[msg("This slash cannot be executed")]
    SlashNotExecutable,
    #[msg("Slash amount exceeds the node's stake")]
    SlashExceedsStake,
    #[msg("The per-epoch slash cap is reached; retry next slash epoch")]
    SlashCapReached,
    #[msg("Token mint is not the configured stake mint")]
    WrongMint,
    #[msg("Account is not the configured treasury")]
    WrongTreasury,
    #[msg("The update changes nothing")]
    NothingToUpdate,
    #[msg("Account is not at the program address of its seeds and stored bump")]
    InvalidPda,
    #[msg("Account is not the node's stake vault")]
    WrongVault,
    #[msg("A new vault must hold the stake mint, belong to the node, be empty and unfrozen, with no delegate or close authority")]
    InvalidVault,
    #[msg("Signer is not the configured job authority")]
    NotJobAuthority,
    #[msg("The node is not eligible for work (attested, bonded, recently proven live)")]
    NodeNotEligible,
    #[msg("The node does not have that many free GPUs")]
    GpusUnavailable,
    #[msg("The node has no such job commitment")]
    NoJobCommitment,
    #[msg("A batch needs one GPU count per node, and at least one node")]
    InvalidBatch,
    #[msg("Account is not a writable registry node")]
    InvalidNode,
    #[msg("Slash proposals of the node are still open: close the final ones (slash_close) first")]
    SlashProposalsOpen,
    #[msg("Only an overturned or executed slash proposal can be closed")]
    SlashNotFinal,
    #[msg("The node's reward account is still open: claim and close it (rewards_close) first")]
    RewardsAccountOpen,
    #[msg("Account is not the node's reward account")]
    WrongRewardAccount,
    #[msg("Unbonded stake has matured: withdraw it (stake_withdraw) before unstaking more")]
    UnbondingMatured,
    #[msg("The appeal's resolution deadline has passed: its default outcome (overturned) applies")]
    AppealDeadlinePassed,
    #[msg("The appeal's resolution deadline has not passed")]
    AppealDeadlineNotReached,
    #[msg("Too many liveness oracles")]
    TooManyOracles,
    #[msg("Oracle keys must be distinct and not the default key")]
    InvalidOracle,
    #[msg("The oracle quorum must be a strict majority of the oracles and at most their number")]
    OracleQuorumInvalid,
    #[msg("Signer is not a liveness oracle of the config")]
    NotOracle,
    #[msg("The oracle already voted for a root of this epoch")]
    OracleAlreadyVoted,
    #[msg("A root needs at least one leaf")]
    EmptyRoot,
    #[msg("The epoch's root is final: its oracle set changed after its challenge window")]
    RootFinal,
    #[msg(
        "The epoch has no root in effect (no quorum yet, or its challenge window is still open)"
    )]
    RootNotInEffect,
    #[msg("The leaf and proof do not hash to the epoch's root")]
    InvalidProof,
    #[msg("The leaf is not this node's: its node, agent, epoch or version differ")]
    LeafMismatch,
    #[msg("The node is already synced to this epoch or a later one")]
    StaleLeaf,
    #[msg("The leaf's cumulative figures are below the node's synced ones")]
    LeafRegressed,
    #[msg("The equivocation evidence is not two ed25519-verified root statements of one oracle and epoch that differ")]
    InvalidEquivocation,
    #[msg("Too many distinct roots were proposed for this epoch")]
    TooManyRootProposals,
    #[msg("Another node holds this hardware fingerprint: a set of GPUs backs at most one node")]
    FingerprintInUse,
    #[msg("The node holds another fingerprint: declare the new hardware (node_update) first")]
    FingerprintChanged,
    #[msg("No later epoch's root is in effect: this epoch's root is still needed")]
    RootNotSuperseded,
    #[msg("The rent goes back to the oracle that created the record (its first voter)")]
    WrongRootCreator,
}
