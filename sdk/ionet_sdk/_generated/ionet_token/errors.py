"""Error classes of ionet_token, one per error code.

Generated from target/idl/ionet_token.json by scripts/generate_sdk.py. Do not edit."""

from __future__ import annotations

from ionet_sdk.errors import ProgramError


class IonetTokenError(ProgramError):
    """Base class of ionet_token errors."""

    program = "ionet_token"


class NotUpgradeAuthority(IonetTokenError):
    """Signer is not the program's upgrade authority"""

    code = 6000
    error_name = "NotUpgradeAuthority"
    error_msg = "Signer is not the program's upgrade authority"


class InvalidProgramData(IonetTokenError):
    """Program data account does not belong to this program"""

    code = 6001
    error_name = "InvalidProgramData"
    error_msg = "Program data account does not belong to this program"


class NotAdmin(IonetTokenError):
    """Signer is not the token admin"""

    code = 6002
    error_name = "NotAdmin"
    error_msg = "Signer is not the token admin"


class ParamOutOfBounds(IonetTokenError):
    """A parameter is outside its on-chain bounds"""

    code = 6003
    error_name = "ParamOutOfBounds"
    error_msg = "A parameter is outside its on-chain bounds"


class InvalidSchedule(IonetTokenError):
    """Emission schedule must be non-empty, sorted by start time and within bounds"""

    code = 6004
    error_name = "InvalidSchedule"
    error_msg = "Emission schedule must be non-empty, sorted by start time and within bounds"


class MathOverflow(IonetTokenError):
    """Arithmetic overflow"""

    code = 6005
    error_name = "MathOverflow"
    error_msg = "Arithmetic overflow"


class SupplyCapExceeded(IonetTokenError):
    """The mint would exceed the supply cap"""

    code = 6006
    error_name = "SupplyCapExceeded"
    error_msg = "The mint would exceed the supply cap"


class GenesisExhausted(IonetTokenError):
    """Genesis allocation exhausted"""

    code = 6007
    error_name = "GenesisExhausted"
    error_msg = "Genesis allocation exhausted"


class EpochNotEnded(IonetTokenError):
    """This epoch has not ended yet"""

    code = 6008
    error_name = "EpochNotEnded"
    error_msg = "This epoch has not ended yet"


class CircuitBreakerTripped(IonetTokenError):
    """The circuit breaker's window limit would be exceeded"""

    code = 6009
    error_name = "CircuitBreakerTripped"
    error_msg = "The circuit breaker's window limit would be exceeded"


class NotBurnReporter(IonetTokenError):
    """Signer may not report this kind of burn"""

    code = 6010
    error_name = "NotBurnReporter"
    error_msg = "Signer may not report this kind of burn"


class ZeroAmount(IonetTokenError):
    """Amount must be greater than zero"""

    code = 6011
    error_name = "ZeroAmount"
    error_msg = "Amount must be greater than zero"


class ProposalPending(IonetTokenError):
    """A parameter change is already pending"""

    code = 6012
    error_name = "ProposalPending"
    error_msg = "A parameter change is already pending"


class NoProposal(IonetTokenError):
    """No parameter change is pending"""

    code = 6013
    error_name = "NoProposal"
    error_msg = "No parameter change is pending"


class TimelockNotElapsed(IonetTokenError):
    """The parameter change's delay has not passed"""

    code = 6014
    error_name = "TimelockNotElapsed"
    error_msg = "The parameter change's delay has not passed"


class NothingToUpdate(IonetTokenError):
    """The update changes nothing"""

    code = 6015
    error_name = "NothingToUpdate"
    error_msg = "The update changes nothing"


class WrongMint(IonetTokenError):
    """Token account's mint is not the IO mint"""

    code = 6016
    error_name = "WrongMint"
    error_msg = "Token account's mint is not the IO mint"


class InvalidNode(IonetTokenError):
    """Account is not a node of the ionet registry"""

    code = 6017
    error_name = "InvalidNode"
    error_msg = "Account is not a node of the ionet registry"


class EmissionsBehind(IonetTokenError):
    """Emissions are 64 or more epochs behind: crank emission_mint_epoch first"""

    code = 6018
    error_name = "EmissionsBehind"
    error_msg = "Emissions are 64 or more epochs behind: crank emission_mint_epoch first"


class BucketsFull(IonetTokenError):
    """The reward account holds four unresolved epochs: claim first"""

    code = 6019
    error_name = "BucketsFull"
    error_msg = "The reward account holds four unresolved epochs: claim first"


class NothingToAccrue(IonetTokenError):
    """Nothing new to accrue this epoch"""

    code = 6020
    error_name = "NothingToAccrue"
    error_msg = "Nothing new to accrue this epoch"


class NothingToClaim(IonetTokenError):
    """Nothing to claim"""

    code = 6021
    error_name = "NothingToClaim"
    error_msg = "Nothing to claim"


class NotBeneficiary(IonetTokenError):
    """Signer is not the node's operator"""

    code = 6022
    error_name = "NotBeneficiary"
    error_msg = "Signer is not the node's operator"


class WrongRewardAccount(IonetTokenError):
    """Reward account does not belong to this node"""

    code = 6023
    error_name = "WrongRewardAccount"
    error_msg = "Reward account does not belong to this node"


class InvalidEpochRecord(IonetTokenError):
    """Account is not an epoch record of this program"""

    code = 6024
    error_name = "InvalidEpochRecord"
    error_msg = "Account is not an epoch record of this program"


class InvalidPda(IonetTokenError):
    """Account is not at the PDA of its seeds and stored bump"""

    code = 6025
    error_name = "InvalidPda"
    error_msg = "Account is not at the PDA of its seeds and stored bump"


class NoNewSlashes(IonetTokenError):
    """The node has no new slash"""

    code = 6026
    error_name = "NoNewSlashes"
    error_msg = "The node has no new slash"


class RewardsNotEmpty(IonetTokenError):
    """The reward account still holds rewards or unresolved points: claim them first"""

    code = 6027
    error_name = "RewardsNotEmpty"
    error_msg = "The reward account still holds rewards or unresolved points: claim them first"


class SlashPending(IonetTokenError):
    """A slash of the node is pending (proposed, appealed or upheld): rewards stay locked until it is executed, overturned or its appeal lapses"""

    code = 6028
    error_name = "SlashPending"
    error_msg = "A slash of the node is pending (proposed, appealed or upheld): rewards stay locked until it is executed, overturned or its appeal lapses"


class EpochRecordsMissing(IonetTokenError):
    """Pass the epoch record of every minted epoch the reward account still holds points for: a forfeiture applies to all of them"""

    code = 6029
    error_name = "EpochRecordsMissing"
    error_msg = "Pass the epoch record of every minted epoch the reward account still holds points for: a forfeiture applies to all of them"


ERRORS: dict[int, type[IonetTokenError]] = {
    NotUpgradeAuthority.code: NotUpgradeAuthority,
    InvalidProgramData.code: InvalidProgramData,
    NotAdmin.code: NotAdmin,
    ParamOutOfBounds.code: ParamOutOfBounds,
    InvalidSchedule.code: InvalidSchedule,
    MathOverflow.code: MathOverflow,
    SupplyCapExceeded.code: SupplyCapExceeded,
    GenesisExhausted.code: GenesisExhausted,
    EpochNotEnded.code: EpochNotEnded,
    CircuitBreakerTripped.code: CircuitBreakerTripped,
    NotBurnReporter.code: NotBurnReporter,
    ZeroAmount.code: ZeroAmount,
    ProposalPending.code: ProposalPending,
    NoProposal.code: NoProposal,
    TimelockNotElapsed.code: TimelockNotElapsed,
    NothingToUpdate.code: NothingToUpdate,
    WrongMint.code: WrongMint,
    InvalidNode.code: InvalidNode,
    EmissionsBehind.code: EmissionsBehind,
    BucketsFull.code: BucketsFull,
    NothingToAccrue.code: NothingToAccrue,
    NothingToClaim.code: NothingToClaim,
    NotBeneficiary.code: NotBeneficiary,
    WrongRewardAccount.code: WrongRewardAccount,
    InvalidEpochRecord.code: InvalidEpochRecord,
    InvalidPda.code: InvalidPda,
    NoNewSlashes.code: NoNewSlashes,
    RewardsNotEmpty.code: RewardsNotEmpty,
    SlashPending.code: SlashPending,
    EpochRecordsMissing.code: EpochRecordsMissing,
}
