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
}
