"""Error classes of ionet_registry, one per error code.

Generated from target/idl/ionet_registry.json by scripts/generate_sdk.py. Do not edit."""

from __future__ import annotations

from ionet_sdk.errors import ProgramError


class IonetRegistryError(ProgramError):
    """Base class of ionet_registry errors."""

    program = "ionet_registry"


class NotUpgradeAuthority(IonetRegistryError):
    """Signer is not the program's upgrade authority"""

    code = 6000
    error_name = "NotUpgradeAuthority"
    error_msg = "Signer is not the program's upgrade authority"


class InvalidProgramData(IonetRegistryError):
    """Program data account does not belong to this program"""

    code = 6001
    error_name = "InvalidProgramData"
    error_msg = "Program data account does not belong to this program"


class NotAdmin(IonetRegistryError):
    """Signer is not the registry admin"""

    code = 6002
    error_name = "NotAdmin"
    error_msg = "Signer is not the registry admin"


class ParamOutOfBounds(IonetRegistryError):
    """A parameter is outside its on-chain bounds"""

    code = 6003
    error_name = "ParamOutOfBounds"
    error_msg = "A parameter is outside its on-chain bounds"


class TierMultipliersNotMonotonic(IonetRegistryError):
    """Tier multipliers must not increase from a higher tier to a lower one"""

    code = 6004
    error_name = "TierMultipliersNotMonotonic"
    error_msg = "Tier multipliers must not increase from a higher tier to a lower one"


class ReputationWeightsInvalid(IonetRegistryError):
    """Reputation weights must sum to 10000 bps"""

    code = 6005
    error_name = "ReputationWeightsInvalid"
    error_msg = "Reputation weights must sum to 10000 bps"


class TooManyVerifiers(IonetRegistryError):
    """Too many verifiers"""

    code = 6006
    error_name = "TooManyVerifiers"
    error_msg = "Too many verifiers"


class InvalidVerifier(IonetRegistryError):
    """Verifier list contains a duplicate or the default key"""

    code = 6007
    error_name = "InvalidVerifier"
    error_msg = "Verifier list contains a duplicate or the default key"


class MathOverflow(IonetRegistryError):
    """Arithmetic overflow"""

    code = 6008
    error_name = "MathOverflow"
    error_msg = "Arithmetic overflow"


class InvariantViolated(IonetRegistryError):
    """An account invariant does not hold"""

    code = 6009
    error_name = "InvariantViolated"
    error_msg = "An account invariant does not hold"


class InvalidHardware(IonetRegistryError):
    """Hardware spec is invalid: GPU count 1-64, VRAM 1-1024 GB, CUDA major > 0, non-zero fingerprint"""

    code = 6010
    error_name = "InvalidHardware"
    error_msg = (
        "Hardware spec is invalid: GPU count 1-64, VRAM 1-1024 GB, CUDA major > 0, non-zero fingerprint"
    )


class InvalidAgent(IonetRegistryError):
    """The agent key must not be the default key"""

    code = 6011
    error_name = "InvalidAgent"
    error_msg = "The agent key must not be the default key"


class NotOperator(IonetRegistryError):
    """Signer is not the node's operator"""

    code = 6012
    error_name = "NotOperator"
    error_msg = "Signer is not the node's operator"


class NotAgent(IonetRegistryError):
    """Signer is not the node's agent"""

    code = 6013
    error_name = "NotAgent"
    error_msg = "Signer is not the node's agent"


class NotVerifier(IonetRegistryError):
    """Signer is not in the verifier set"""

    code = 6014
    error_name = "NotVerifier"
    error_msg = "Signer is not in the verifier set"


class NotSlashingAuthority(IonetRegistryError):
    """Signer may not propose slashes"""

    code = 6015
    error_name = "NotSlashingAuthority"
    error_msg = "Signer may not propose slashes"


class ZeroAmount(IonetRegistryError):
    """Amount must be greater than zero"""

    code = 6016
    error_name = "ZeroAmount"
    error_msg = "Amount must be greater than zero"


class InsufficientStake(IonetRegistryError):
    """Not enough bonded stake"""

    code = 6017
    error_name = "InsufficientStake"
    error_msg = "Not enough bonded stake"


class NodeBusy(IonetRegistryError):
    """The node has active jobs"""

    code = 6018
    error_name = "NodeBusy"
    error_msg = "The node has active jobs"


class PendingSlash(IonetRegistryError):
    """The node has a pending slash"""

    code = 6019
    error_name = "PendingSlash"
    error_msg = "The node has a pending slash"


class UnbondingNotReady(IonetRegistryError):
    """The unbonding period has not ended"""

    code = 6020
    error_name = "UnbondingNotReady"
    error_msg = "The unbonding period has not ended"


class NothingUnbonding(IonetRegistryError):
    """Nothing is unbonding"""

    code = 6021
    error_name = "NothingUnbonding"
    error_msg = "Nothing is unbonding"


class StakeRemaining(IonetRegistryError):
    """The node still holds stake"""

    code = 6022
    error_name = "StakeRemaining"
    error_msg = "The node still holds stake"


class NodeNotStale(IonetRegistryError):
    """The node's proven liveness is not stale"""

    code = 6023
    error_name = "NodeNotStale"
    error_msg = "The node's proven liveness is not stale"


class NodeNotActive(IonetRegistryError):
    """The node is not active"""

    code = 6024
    error_name = "NodeNotActive"
    error_msg = "The node is not active"


class AppealWindowClosed(IonetRegistryError):
    """The appeal window has closed"""

    code = 6025
    error_name = "AppealWindowClosed"
    error_msg = "The appeal window has closed"


class AppealWindowOpen(IonetRegistryError):
    """The appeal window is still open"""

    code = 6026
    error_name = "AppealWindowOpen"
    error_msg = "The appeal window is still open"


class SlashNotAppealable(IonetRegistryError):
    """Only a proposed slash can be appealed"""

    code = 6027
    error_name = "SlashNotAppealable"
    error_msg = "Only a proposed slash can be appealed"


class SlashNotResolvable(IonetRegistryError):
    """Only an appealed slash can be resolved"""

    code = 6028
    error_name = "SlashNotResolvable"
    error_msg = "Only an appealed slash can be resolved"


class SlashNotExecutable(IonetRegistryError):
    """This slash cannot be executed"""

    code = 6029
    error_name = "SlashNotExecutable"
    error_msg = "This slash cannot be executed"


class SlashExceedsStake(IonetRegistryError):
    """Slash amount exceeds the node's stake"""

    code = 6030
    error_name = "SlashExceedsStake"
    error_msg = "Slash amount exceeds the node's stake"


class SlashCapReached(IonetRegistryError):
    """The per-epoch slash cap is reached; retry next slash epoch"""

    code = 6031
    error_name = "SlashCapReached"
    error_msg = "The per-epoch slash cap is reached; retry next slash epoch"


class WrongMint(IonetRegistryError):
    """Token mint is not the configured stake mint"""

    code = 6032
    error_name = "WrongMint"
    error_msg = "Token mint is not the configured stake mint"


class WrongTreasury(IonetRegistryError):
    """Account is not the configured treasury"""

    code = 6033
    error_name = "WrongTreasury"
    error_msg = "Account is not the configured treasury"


class NothingToUpdate(IonetRegistryError):
    """The update changes nothing"""

    code = 6034
    error_name = "NothingToUpdate"
    error_msg = "The update changes nothing"


class InvalidPda(IonetRegistryError):
    """Account is not at the program address of its seeds and stored bump"""

    code = 6035
    error_name = "InvalidPda"
    error_msg = "Account is not at the program address of its seeds and stored bump"


class WrongVault(IonetRegistryError):
    """Account is not the node's stake vault"""

    code = 6036
    error_name = "WrongVault"
    error_msg = "Account is not the node's stake vault"


class InvalidVault(IonetRegistryError):
    """A new vault must hold the stake mint, belong to the node, be empty and unfrozen, with no delegate or close authority"""

    code = 6037
    error_name = "InvalidVault"
    error_msg = "A new vault must hold the stake mint, belong to the node, be empty and unfrozen, with no delegate or close authority"


class NotJobAuthority(IonetRegistryError):
    """Signer is not the configured job authority"""

    code = 6038
    error_name = "NotJobAuthority"
    error_msg = "Signer is not the configured job authority"


class NodeNotEligible(IonetRegistryError):
    """The node is not eligible for work (attested, bonded, recently proven live)"""

    code = 6039
    error_name = "NodeNotEligible"
    error_msg = "The node is not eligible for work (attested, bonded, recently proven live)"


class GpusUnavailable(IonetRegistryError):
    """The node does not have that many free GPUs"""

    code = 6040
    error_name = "GpusUnavailable"
    error_msg = "The node does not have that many free GPUs"


class NoJobCommitment(IonetRegistryError):
    """The node has no such job commitment"""

    code = 6041
    error_name = "NoJobCommitment"
    error_msg = "The node has no such job commitment"


class InvalidBatch(IonetRegistryError):
    """A batch needs one GPU count per node, and at least one node"""

    code = 6042
    error_name = "InvalidBatch"
    error_msg = "A batch needs one GPU count per node, and at least one node"


class InvalidNode(IonetRegistryError):
    """Account is not a writable registry node"""

    code = 6043
    error_name = "InvalidNode"
    error_msg = "Account is not a writable registry node"


class SlashProposalsOpen(IonetRegistryError):
    """Slash proposals of the node are still open: close the final ones (slash_close) first"""

    code = 6044
    error_name = "SlashProposalsOpen"
    error_msg = "Slash proposals of the node are still open: close the final ones (slash_close) first"


class SlashNotFinal(IonetRegistryError):
    """Only an overturned or executed slash proposal can be closed"""

    code = 6045
    error_name = "SlashNotFinal"
    error_msg = "Only an overturned or executed slash proposal can be closed"


class RewardsAccountOpen(IonetRegistryError):
    """The node's reward account is still open: claim and close it (rewards_close) first"""

    code = 6046
    error_name = "RewardsAccountOpen"
    error_msg = "The node's reward account is still open: claim and close it (rewards_close) first"


class WrongRewardAccount(IonetRegistryError):
    """Account is not the node's reward account"""

    code = 6047
    error_name = "WrongRewardAccount"
    error_msg = "Account is not the node's reward account"


class UnbondingMatured(IonetRegistryError):
    """Unbonded stake has matured: withdraw it (stake_withdraw) before unstaking more"""

    code = 6048
    error_name = "UnbondingMatured"
    error_msg = "Unbonded stake has matured: withdraw it (stake_withdraw) before unstaking more"


class AppealDeadlinePassed(IonetRegistryError):
    """The appeal's resolution deadline has passed: its default outcome (overturned) applies"""

    code = 6049
    error_name = "AppealDeadlinePassed"
    error_msg = "The appeal's resolution deadline has passed: its default outcome (overturned) applies"


class AppealDeadlineNotReached(IonetRegistryError):
    """The appeal's resolution deadline has not passed"""

    code = 6050
    error_name = "AppealDeadlineNotReached"
    error_msg = "The appeal's resolution deadline has not passed"


class TooManyOracles(IonetRegistryError):
    """Too many liveness oracles"""

    code = 6051
    error_name = "TooManyOracles"
    error_msg = "Too many liveness oracles"


class InvalidOracle(IonetRegistryError):
    """Oracle keys must be distinct and not the default key"""

    code = 6052
    error_name = "InvalidOracle"
    error_msg = "Oracle keys must be distinct and not the default key"


class OracleQuorumInvalid(IonetRegistryError):
    """The oracle quorum must be a strict majority of the oracles and at most their number"""

    code = 6053
    error_name = "OracleQuorumInvalid"
    error_msg = "The oracle quorum must be a strict majority of the oracles and at most their number"


class NotOracle(IonetRegistryError):
    """Signer is not a liveness oracle of the config"""

    code = 6054
    error_name = "NotOracle"
    error_msg = "Signer is not a liveness oracle of the config"


class OracleAlreadyVoted(IonetRegistryError):
    """The oracle already voted for a root of this epoch"""

    code = 6055
    error_name = "OracleAlreadyVoted"
    error_msg = "The oracle already voted for a root of this epoch"


class EmptyRoot(IonetRegistryError):
    """A root needs at least one leaf"""

    code = 6056
    error_name = "EmptyRoot"
    error_msg = "A root needs at least one leaf"


class RootFinal(IonetRegistryError):
    """The epoch's root is final: its oracle set changed after its challenge window"""

    code = 6057
    error_name = "RootFinal"
    error_msg = "The epoch's root is final: its oracle set changed after its challenge window"


class RootNotInEffect(IonetRegistryError):
    """The epoch has no root in effect (no quorum yet, or its challenge window is still open)"""

    code = 6058
    error_name = "RootNotInEffect"
    error_msg = "The epoch has no root in effect (no quorum yet, or its challenge window is still open)"


class InvalidProof(IonetRegistryError):
    """The leaf and proof do not hash to the epoch's root"""

    code = 6059
    error_name = "InvalidProof"
    error_msg = "The leaf and proof do not hash to the epoch's root"


class LeafMismatch(IonetRegistryError):
    """The leaf is not this node's: its node, agent, epoch or version differ"""

    code = 6060
    error_name = "LeafMismatch"
    error_msg = "The leaf is not this node's: its node, agent, epoch or version differ"


class StaleLeaf(IonetRegistryError):
    """The node is already synced to this epoch or a later one"""

    code = 6061
    error_name = "StaleLeaf"
    error_msg = "The node is already synced to this epoch or a later one"


class LeafRegressed(IonetRegistryError):
    """The leaf's cumulative figures are below the node's synced ones"""

    code = 6062
    error_name = "LeafRegressed"
    error_msg = "The leaf's cumulative figures are below the node's synced ones"


class InvalidEquivocation(IonetRegistryError):
    """The equivocation evidence is not two ed25519-verified root statements of one oracle and epoch that differ"""

    code = 6063
    error_name = "InvalidEquivocation"
    error_msg = "The equivocation evidence is not two ed25519-verified root statements of one oracle and epoch that differ"


class TooManyRootProposals(IonetRegistryError):
    """Too many distinct roots were proposed for this epoch"""

    code = 6064
    error_name = "TooManyRootProposals"
    error_msg = "Too many distinct roots were proposed for this epoch"


class FingerprintInUse(IonetRegistryError):
    """Another node holds this hardware fingerprint: a set of GPUs backs at most one node"""

    code = 6065
    error_name = "FingerprintInUse"
    error_msg = "Another node holds this hardware fingerprint: a set of GPUs backs at most one node"


class FingerprintChanged(IonetRegistryError):
    """The node holds another fingerprint: declare the new hardware (node_update) first"""

    code = 6066
    error_name = "FingerprintChanged"
    error_msg = "The node holds another fingerprint: declare the new hardware (node_update) first"


class RootNotSuperseded(IonetRegistryError):
    """No later epoch's root is in effect: this epoch's root is still needed"""

    code = 6067
    error_name = "RootNotSuperseded"
    error_msg = "No later epoch's root is in effect: this epoch's root is still needed"


class WrongRootCreator(IonetRegistryError):
    """The rent goes back to the oracle that created the record (its first voter)"""

    code = 6068
    error_name = "WrongRootCreator"
    error_msg = "The rent goes back to the oracle that created the record (its first voter)"


ERRORS: dict[int, type[IonetRegistryError]] = {
    NotUpgradeAuthority.code: NotUpgradeAuthority,
    InvalidProgramData.code: InvalidProgramData,
    NotAdmin.code: NotAdmin,
    ParamOutOfBounds.code: ParamOutOfBounds,
    TierMultipliersNotMonotonic.code: TierMultipliersNotMonotonic,
    ReputationWeightsInvalid.code: ReputationWeightsInvalid,
    TooManyVerifiers.code: TooManyVerifiers,
    InvalidVerifier.code: InvalidVerifier,
    MathOverflow.code: MathOverflow,
    InvariantViolated.code: InvariantViolated,
    InvalidHardware.code: InvalidHardware,
    InvalidAgent.code: InvalidAgent,
    NotOperator.code: NotOperator,
    NotAgent.code: NotAgent,
    NotVerifier.code: NotVerifier,
    NotSlashingAuthority.code: NotSlashingAuthority,
    ZeroAmount.code: ZeroAmount,
    InsufficientStake.code: InsufficientStake,
    NodeBusy.code: NodeBusy,
    PendingSlash.code: PendingSlash,
    UnbondingNotReady.code: UnbondingNotReady,
    NothingUnbonding.code: NothingUnbonding,
    StakeRemaining.code: StakeRemaining,
    NodeNotStale.code: NodeNotStale,
    NodeNotActive.code: NodeNotActive,
    AppealWindowClosed.code: AppealWindowClosed,
    AppealWindowOpen.code: AppealWindowOpen,
    SlashNotAppealable.code: SlashNotAppealable,
    SlashNotResolvable.code: SlashNotResolvable,
    SlashNotExecutable.code: SlashNotExecutable,
    SlashExceedsStake.code: SlashExceedsStake,
    SlashCapReached.code: SlashCapReached,
    WrongMint.code: WrongMint,
    WrongTreasury.code: WrongTreasury,
    NothingToUpdate.code: NothingToUpdate,
    InvalidPda.code: InvalidPda,
    WrongVault.code: WrongVault,
    InvalidVault.code: InvalidVault,
    NotJobAuthority.code: NotJobAuthority,
    NodeNotEligible.code: NodeNotEligible,
    GpusUnavailable.code: GpusUnavailable,
    NoJobCommitment.code: NoJobCommitment,
    InvalidBatch.code: InvalidBatch,
    InvalidNode.code: InvalidNode,
    SlashProposalsOpen.code: SlashProposalsOpen,
    SlashNotFinal.code: SlashNotFinal,
    RewardsAccountOpen.code: RewardsAccountOpen,
    WrongRewardAccount.code: WrongRewardAccount,
    UnbondingMatured.code: UnbondingMatured,
    AppealDeadlinePassed.code: AppealDeadlinePassed,
    AppealDeadlineNotReached.code: AppealDeadlineNotReached,
    TooManyOracles.code: TooManyOracles,
    InvalidOracle.code: InvalidOracle,
    OracleQuorumInvalid.code: OracleQuorumInvalid,
    NotOracle.code: NotOracle,
    OracleAlreadyVoted.code: OracleAlreadyVoted,
    EmptyRoot.code: EmptyRoot,
    RootFinal.code: RootFinal,
    RootNotInEffect.code: RootNotInEffect,
    InvalidProof.code: InvalidProof,
    LeafMismatch.code: LeafMismatch,
    StaleLeaf.code: StaleLeaf,
    LeafRegressed.code: LeafRegressed,
    InvalidEquivocation.code: InvalidEquivocation,
    TooManyRootProposals.code: TooManyRootProposals,
    FingerprintInUse.code: FingerprintInUse,
    FingerprintChanged.code: FingerprintChanged,
    RootNotSuperseded.code: RootNotSuperseded,
    WrongRootCreator.code: WrongRootCreator,
}
