"""Error classes of ionet_escrow, one per error code.

Generated from target/idl/ionet_escrow.json by scripts/generate_sdk.py. Do not edit."""

from __future__ import annotations

from ionet_sdk.errors import ProgramError


class IonetEscrowError(ProgramError):
    """Base class of ionet_escrow errors."""

    program = "ionet_escrow"


class NotUpgradeAuthority(IonetEscrowError):
    """Signer is not the program's upgrade authority"""

    code = 6000
    error_name = "NotUpgradeAuthority"
    error_msg = "Signer is not the program's upgrade authority"


class InvalidProgramData(IonetEscrowError):
    """Program data account does not belong to this program"""

    code = 6001
    error_name = "InvalidProgramData"
    error_msg = "Program data account does not belong to this program"


class NotAdmin(IonetEscrowError):
    """Signer is not the escrow admin"""

    code = 6002
    error_name = "NotAdmin"
    error_msg = "Signer is not the escrow admin"


class ParamOutOfBounds(IonetEscrowError):
    """A parameter is outside its on-chain bounds"""

    code = 6003
    error_name = "ParamOutOfBounds"
    error_msg = "A parameter is outside its on-chain bounds"


class MathOverflow(IonetEscrowError):
    """Arithmetic overflow"""

    code = 6004
    error_name = "MathOverflow"
    error_msg = "Arithmetic overflow"


class InvalidPda(IonetEscrowError):
    """Account is not at the PDA of its seeds and stored bump"""

    code = 6005
    error_name = "InvalidPda"
    error_msg = "Account is not at the PDA of its seeds and stored bump"


class WrongMint(IonetEscrowError):
    """Token account's mint is not the payment mint"""

    code = 6006
    error_name = "WrongMint"
    error_msg = "Token account's mint is not the payment mint"


class WrongTreasury(IonetEscrowError):
    """Token account is not the configured treasury"""

    code = 6007
    error_name = "WrongTreasury"
    error_msg = "Token account is not the configured treasury"


class WrongVault(IonetEscrowError):
    """Token account is not this job's vault"""

    code = 6008
    error_name = "WrongVault"
    error_msg = "Token account is not this job's vault"


class WrongTokenOwner(IonetEscrowError):
    """Token account does not belong to the expected owner"""

    code = 6009
    error_name = "WrongTokenOwner"
    error_msg = "Token account does not belong to the expected owner"


class InvalidJobSpec(IonetEscrowError):
    """Job spec is invalid: GPU count, duration, price, VRAM, CUDA or model out of range"""

    code = 6010
    error_name = "InvalidJobSpec"
    error_msg = "Job spec is invalid: GPU count, duration, price, VRAM, CUDA or model out of range"


class InvalidStartDeadline(IonetEscrowError):
    """Start deadline must be in the future and within the configured maximum delay"""

    code = 6011
    error_name = "InvalidStartDeadline"
    error_msg = "Start deadline must be in the future and within the configured maximum delay"


class InvalidJobState(IonetEscrowError):
    """The job is not in a state that allows this instruction"""

    code = 6012
    error_name = "InvalidJobState"
    error_msg = "The job is not in a state that allows this instruction"


class NotMatcher(IonetEscrowError):
    """Signer is not the matching authority"""

    code = 6013
    error_name = "NotMatcher"
    error_msg = "Signer is not the matching authority"


class NotClient(IonetEscrowError):
    """Signer is not the job's client"""

    code = 6014
    error_name = "NotClient"
    error_msg = "Signer is not the job's client"


class NotArbiter(IonetEscrowError):
    """Signer is not the dispute arbiter"""

    code = 6015
    error_name = "NotArbiter"
    error_msg = "Signer is not the dispute arbiter"


class NotRunAgent(IonetEscrowError):
    """Signer is not the agent key of the node assigned to this run"""

    code = 6016
    error_name = "NotRunAgent"
    error_msg = "Signer is not the agent key of the node assigned to this run"


class InvalidNode(IonetEscrowError):
    """Account is not a node of the ionet registry"""

    code = 6017
    error_name = "InvalidNode"
    error_msg = "Account is not a node of the ionet registry"


class InvalidRegistryConfig(IonetEscrowError):
    """Account is not the ionet registry's config"""

    code = 6018
    error_name = "InvalidRegistryConfig"
    error_msg = "Account is not the ionet registry's config"


class GpuModelMismatch(IonetEscrowError):
    """Node's attested GPU model does not match the job"""

    code = 6019
    error_name = "GpuModelMismatch"
    error_msg = "Node's attested GPU model does not match the job"


class InsufficientVram(IonetEscrowError):
    """Node's attested VRAM per GPU is below the job's minimum"""

    code = 6020
    error_name = "InsufficientVram"
    error_msg = "Node's attested VRAM per GPU is below the job's minimum"


class CudaTooOld(IonetEscrowError):
    """Node's CUDA version is below the job's minimum"""

    code = 6021
    error_name = "CudaTooOld"
    error_msg = "Node's CUDA version is below the job's minimum"


class RegionMismatch(IonetEscrowError):
    """Node is not in the job's region"""

    code = 6022
    error_name = "RegionMismatch"
    error_msg = "Node is not in the job's region"


class ReputationTooLow(IonetEscrowError):
    """Node's reputation is below the configured floor"""

    code = 6023
    error_name = "ReputationTooLow"
    error_msg = "Node's reputation is below the configured floor"


class TooManyGpus(IonetEscrowError):
    """Assignment would exceed the job's GPU count or node limit"""

    code = 6024
    error_name = "TooManyGpus"
    error_msg = "Assignment would exceed the job's GPU count or node limit"


class StartDeadlinePassed(IonetEscrowError):
    """The start deadline has passed"""

    code = 6025
    error_name = "StartDeadlinePassed"
    error_msg = "The start deadline has passed"


class RunJobMismatch(IonetEscrowError):
    """Run does not belong to this job"""

    code = 6026
    error_name = "RunJobMismatch"
    error_msg = "Run does not belong to this job"


class RunNodeMismatch(IonetEscrowError):
    """Node is not the one assigned to this run"""

    code = 6027
    error_name = "RunNodeMismatch"
    error_msg = "Node is not the one assigned to this run"


class InvalidRunState(IonetEscrowError):
    """The run is not in a state that allows this instruction"""

    code = 6028
    error_name = "InvalidRunState"
    error_msg = "The run is not in a state that allows this instruction"


class UsageDecreased(IonetEscrowError):
    """Reported GPU-seconds must not decrease"""

    code = 6029
    error_name = "UsageDecreased"
    error_msg = "Reported GPU-seconds must not decrease"


class UsageExceedsElapsed(IonetEscrowError):
    """Reported GPU-seconds exceed GPUs x elapsed time"""

    code = 6030
    error_name = "UsageExceedsElapsed"
    error_msg = "Reported GPU-seconds exceed GPUs x elapsed time"


class ChallengeWindowOpen(IonetEscrowError):
    """The challenge window is still open"""

    code = 6031
    error_name = "ChallengeWindowOpen"
    error_msg = "The challenge window is still open"


class ChallengeWindowClosed(IonetEscrowError):
    """The challenge window has closed"""

    code = 6032
    error_name = "ChallengeWindowClosed"
    error_msg = "The challenge window has closed"


class AlreadyDisputed(IonetEscrowError):
    """The job has already been disputed once"""

    code = 6033
    error_name = "AlreadyDisputed"
    error_msg = "The job has already been disputed once"


class NodeHealthy(IonetEscrowError):
    """The node is healthy and within its deadline: no timeout"""

    code = 6034
    error_name = "NodeHealthy"
    error_msg = "The node is healthy and within its deadline: no timeout"


class JobNotEmpty(IonetEscrowError):
    """The job's vault still holds tokens or runs are open"""

    code = 6035
    error_name = "JobNotEmpty"
    error_msg = "The job's vault still holds tokens or runs are open"


class WrongRentPayer(IonetEscrowError):
    """Rent destination is not the account that paid it"""

    code = 6036
    error_name = "WrongRentPayer"
    error_msg = "Rent destination is not the account that paid it"


class CompleteTooEarly(IonetEscrowError):
    """The job cannot be completed yet by this signer"""

    code = 6037
    error_name = "CompleteTooEarly"
    error_msg = "The job cannot be completed yet by this signer"


class InvariantViolated(IonetEscrowError):
    """Job accounting does not balance"""

    code = 6038
    error_name = "InvariantViolated"
    error_msg = "Job accounting does not balance"


class NothingToUpdate(IonetEscrowError):
    """The update changes nothing"""

    code = 6039
    error_name = "NothingToUpdate"
    error_msg = "The update changes nothing"


class InvalidTokenAccount(IonetEscrowError):
    """Account is not an initialized SPL token account or mint"""

    code = 6040
    error_name = "InvalidTokenAccount"
    error_msg = "Account is not an initialized SPL token account or mint"


class InvalidBatch(IonetEscrowError):
    """Batch accounts must come in complete groups, one per argument, at least one"""

    code = 6041
    error_name = "InvalidBatch"
    error_msg = "Batch accounts must come in complete groups, one per argument, at least one"


class InvalidRun(IonetEscrowError):
    """Account is not a writable run of this program"""

    code = 6042
    error_name = "InvalidRun"
    error_msg = "Account is not a writable run of this program"


class NodeAlreadyAssigned(IonetEscrowError):
    """The node is already assigned to this job"""

    code = 6043
    error_name = "NodeAlreadyAssigned"
    error_msg = "The node is already assigned to this job"


class InvalidTokenConfig(IonetEscrowError):
    """Account is not the IO token program's config"""

    code = 6044
    error_name = "InvalidTokenConfig"
    error_msg = "Account is not the IO token program's config"


class RunsOpen(IonetEscrowError):
    """Runs of this job are still open"""

    code = 6045
    error_name = "RunsOpen"
    error_msg = "Runs of this job are still open"


class PriceBelowNodeMinimum(IonetEscrowError):
    """The job's price per GPU-hour is below the node's minimum"""

    code = 6046
    error_name = "PriceBelowNodeMinimum"
    error_msg = "The job's price per GPU-hour is below the node's minimum"


class StartWindowTooShort(IonetEscrowError):
    """The start deadline leaves a node less than MIN_START_WINDOW_SECS to start"""

    code = 6047
    error_name = "StartWindowTooShort"
    error_msg = "The start deadline leaves a node less than MIN_START_WINDOW_SECS to start"


class DisputeDeadlinePassed(IonetEscrowError):
    """The dispute's resolution deadline has passed: its default outcome applies"""

    code = 6048
    error_name = "DisputeDeadlinePassed"
    error_msg = "The dispute's resolution deadline has passed: its default outcome applies"


class DisputeDeadlineNotReached(IonetEscrowError):
    """The dispute's resolution deadline has not passed"""

    code = 6049
    error_name = "DisputeDeadlineNotReached"
    error_msg = "The dispute's resolution deadline has not passed"


ERRORS: dict[int, type[IonetEscrowError]] = {
    NotUpgradeAuthority.code: NotUpgradeAuthority,
    InvalidProgramData.code: InvalidProgramData,
    NotAdmin.code: NotAdmin,
    ParamOutOfBounds.code: ParamOutOfBounds,
    MathOverflow.code: MathOverflow,
    InvalidPda.code: InvalidPda,
    WrongMint.code: WrongMint,
    WrongTreasury.code: WrongTreasury,
    WrongVault.code: WrongVault,
    WrongTokenOwner.code: WrongTokenOwner,
    InvalidJobSpec.code: InvalidJobSpec,
    InvalidStartDeadline.code: InvalidStartDeadline,
    InvalidJobState.code: InvalidJobState,
    NotMatcher.code: NotMatcher,
    NotClient.code: NotClient,
    NotArbiter.code: NotArbiter,
    NotRunAgent.code: NotRunAgent,
    InvalidNode.code: InvalidNode,
    InvalidRegistryConfig.code: InvalidRegistryConfig,
    GpuModelMismatch.code: GpuModelMismatch,
    InsufficientVram.code: InsufficientVram,
    CudaTooOld.code: CudaTooOld,
    RegionMismatch.code: RegionMismatch,
    ReputationTooLow.code: ReputationTooLow,
    TooManyGpus.code: TooManyGpus,
    StartDeadlinePassed.code: StartDeadlinePassed,
    RunJobMismatch.code: RunJobMismatch,
    RunNodeMismatch.code: RunNodeMismatch,
    InvalidRunState.code: InvalidRunState,
    UsageDecreased.code: UsageDecreased,
    UsageExceedsElapsed.code: UsageExceedsElapsed,
    ChallengeWindowOpen.code: ChallengeWindowOpen,
    ChallengeWindowClosed.code: ChallengeWindowClosed,
    AlreadyDisputed.code: AlreadyDisputed,
    NodeHealthy.code: NodeHealthy,
    JobNotEmpty.code: JobNotEmpty,
    WrongRentPayer.code: WrongRentPayer,
    CompleteTooEarly.code: CompleteTooEarly,
    InvariantViolated.code: InvariantViolated,
    NothingToUpdate.code: NothingToUpdate,
    InvalidTokenAccount.code: InvalidTokenAccount,
    InvalidBatch.code: InvalidBatch,
    InvalidRun.code: InvalidRun,
    NodeAlreadyAssigned.code: NodeAlreadyAssigned,
    InvalidTokenConfig.code: InvalidTokenConfig,
    RunsOpen.code: RunsOpen,
    PriceBelowNodeMinimum.code: PriceBelowNodeMinimum,
    StartWindowTooShort.code: StartWindowTooShort,
    DisputeDeadlinePassed.code: DisputeDeadlinePassed,
    DisputeDeadlineNotReached.code: DisputeDeadlineNotReached,
}
