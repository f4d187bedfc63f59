"""Anchor's framework errors (codes below 6000), one class per code.

Generated from anchor-lang-error 1.2.2 ErrorCode by scripts/generate_sdk.py. Do not edit."""

from __future__ import annotations

from ionet_sdk.errors import AnchorFrameworkError


class InstructionMissing(AnchorFrameworkError):
    "Instruction discriminator not provided"

    code = 100
    error_name = "InstructionMissing"
    error_msg = "Instruction discriminator not provided"


class InstructionFallbackNotFound(AnchorFrameworkError):
    "Fallback functions are not supported"

    code = 101
    error_name = "InstructionFallbackNotFound"
    error_msg = "Fallback functions are not supported"


class InstructionDidNotDeserialize(AnchorFrameworkError):
    "The program could not deserialize the given instruction"

    code = 102
    error_name = "InstructionDidNotDeserialize"
    error_msg = "The program could not deserialize the given instruction"


class InstructionDidNotSerialize(AnchorFrameworkError):
    "The program could not serialize the given instruction"

    code = 103
    error_name = "InstructionDidNotSerialize"
    error_msg = "The program could not serialize the given instruction"


class IdlInstructionStub(AnchorFrameworkError):
    "The program was compiled without idl instructions"

    code = 1000
    error_name = "IdlInstructionStub"
    error_msg = "The program was compiled without idl instructions"


class IdlInstructionInvalidProgram(AnchorFrameworkError):
    "Invalid program given to the IDL instruction"

    code = 1001
    error_name = "IdlInstructionInvalidProgram"
    error_msg = "Invalid program given to the IDL instruction"


class IdlAccountNotEmpty(AnchorFrameworkError):
    "IDL account must be empty in order to resize, try closing first"

    code = 1002
    error_name = "IdlAccountNotEmpty"
    error_msg = "IDL account must be empty in order to resize, try closing first"


class EventInstructionStub(AnchorFrameworkError):
    "The program was compiled without `event-cpi` feature"

    code = 1500
    error_name = "EventInstructionStub"
    error_msg = "The program was compiled without `event-cpi` feature"


class ConstraintMut(AnchorFrameworkError):
    "A mut constraint was violated"

    code = 2000
    error_name = "ConstraintMut"
    error_msg = "A mut constraint was violated"


class ConstraintHasOne(AnchorFrameworkError):
    "A has one constraint was violated"

    code = 2001
    error_name = "ConstraintHasOne"
    error_msg = "A has one constraint was violated"


class ConstraintSigner(AnchorFrameworkError):
    "A signer constraint was violated"

    code = 2002
    error_name = "ConstraintSigner"
    error_msg = "A signer constraint was violated"


class ConstraintRaw(AnchorFrameworkError):
    "A raw constraint was violated"

    code = 2003
    error_name = "ConstraintRaw"
    error_msg = "A raw constraint was violated"


class ConstraintOwner(AnchorFrameworkError):
    "An owner constraint was violated"

    code = 2004
    error_name = "ConstraintOwner"
    error_msg = "An owner constraint was violated"


class ConstraintRentExempt(AnchorFrameworkError):
    "A rent exemption constraint was violated"

    code = 2005
    error_name = "ConstraintRentExempt"
    error_msg = "A rent exemption constraint was violated"


class ConstraintSeeds(AnchorFrameworkError):
    "A seeds constraint was violated"

    code = 2006
    error_name = "ConstraintSeeds"
    error_msg = "A seeds constraint was violated"


class ConstraintExecutable(AnchorFrameworkError):
    "An executable constraint was violated"

    code = 2007
    error_name = "ConstraintExecutable"
    error_msg = "An executable constraint was violated"


class ConstraintState(AnchorFrameworkError):
    "Deprecated Error, feel free to replace with something else"

    code = 2008
    error_name = "ConstraintState"
    error_msg = "Deprecated Error, feel free to replace with something else"


class ConstraintAssociated(AnchorFrameworkError):
    "An associated constraint was violated"

    code = 2009
    error_name = "ConstraintAssociated"
    error_msg = "An associated constraint was violated"


class ConstraintAssociatedInit(AnchorFrameworkError):
    "An associated init constraint was violated"

    code = 2010
    error_name = "ConstraintAssociatedInit"
    error_msg = "An associated init constraint was violated"


class ConstraintClose(AnchorFrameworkError):
    "A close constraint was violated"

    code = 2011
    error_name = "ConstraintClose"
    error_msg = "A close constraint was violated"


class ConstraintAddress(AnchorFrameworkError):
    "An address constraint was violated"

    code = 2012
    error_name = "ConstraintAddress"
    error_msg = "An address constraint was violated"


class ConstraintZero(AnchorFrameworkError):
    "Expected zero account discriminant"

    code = 2013
    error_name = "ConstraintZero"
    error_msg = "Expected zero account discriminant"


class ConstraintTokenMint(AnchorFrameworkError):
    "A token mint constraint was violated"

    code = 2014
    error_name = "ConstraintTokenMint"
    error_msg = "A token mint constraint was violated"


class ConstraintTokenOwner(AnchorFrameworkError):
    "A token owner constraint was violated"

    code = 2015
    error_name = "ConstraintTokenOwner"
    error_msg = "A token owner constraint was violated"


class ConstraintMintMintAuthority(AnchorFrameworkError):
    "A mint mint authority constraint was violated"

    code = 2016
    error_name = "ConstraintMintMintAuthority"
    error_msg = "A mint mint authority constraint was violated"


class ConstraintMintFreezeAuthority(AnchorFrameworkError):
    "A mint freeze authority constraint was violated"

    code = 2017
    error_name = "ConstraintMintFreezeAuthority"
    error_msg = "A mint freeze authority constraint was violated"


class ConstraintMintDecimals(AnchorFrameworkError):
    "A mint decimals constraint was violated"

    code = 2018
    error_name = "ConstraintMintDecimals"
    error_msg = "A mint decimals constraint was violated"


class ConstraintSpace(AnchorFrameworkError):
    "A space constraint was violated"

    code = 2019
    error_name = "ConstraintSpace"
    error_msg = "A space constraint was violated"


class ConstraintAccountIsNone(AnchorFrameworkError):
    "A required account for the constraint is None"

    code = 2020
    error_name = "ConstraintAccountIsNone"
    error_msg = "A required account for the constraint is None"


class ConstraintTokenTokenProgram(AnchorFrameworkError):
    "A token account token program constraint was violated"

    code = 2021
    error_name = "ConstraintTokenTokenProgram"
    error_msg = "A token account token program constraint was violated"


class ConstraintMintTokenProgram(AnchorFrameworkError):
    "A mint token program constraint was violated"

    code = 2022
    error_name = "ConstraintMintTokenProgram"
    error_msg = "A mint token program constraint was violated"


class ConstraintAssociatedTokenTokenProgram(AnchorFrameworkError):
    "An associated token account token program constraint was violated"

    code = 2023
    error_name = "ConstraintAssociatedTokenTokenProgram"
    error_msg = "An associated token account token program constraint was violated"


class ConstraintMintGroupPointerExtension(AnchorFrameworkError):
    "A group pointer extension constraint was violated"

    code = 2024
    error_name = "ConstraintMintGroupPointerExtension"
    error_msg = "A group pointer extension constraint was violated"


class ConstraintMintGroupPointerExtensionAuthority(AnchorFrameworkError):
    "A group pointer extension authority constraint was violated"

    code = 2025
    error_name = "ConstraintMintGroupPointerExtensionAuthority"
    error_msg = "A group pointer extension authority constraint was violated"


class ConstraintMintGroupPointerExtensionGroupAddress(AnchorFrameworkError):
    "A group pointer extension group address constraint was violated"

    code = 2026
    error_name = "ConstraintMintGroupPointerExtensionGroupAddress"
    error_msg = "A group pointer extension group address constraint was violated"


class ConstraintMintGroupMemberPointerExtension(AnchorFrameworkError):
    "A group member pointer extension constraint was violated"

    code = 2027
    error_name = "ConstraintMintGroupMemberPointerExtension"
    error_msg = "A group member pointer extension constraint was violated"


class ConstraintMintGroupMemberPointerExtensionAuthority(AnchorFrameworkError):
    "A group member pointer extension authority constraint was violated"

    code = 2028
    error_name = "ConstraintMintGroupMemberPointerExtensionAuthority"
    error_msg = "A group member pointer extension authority constraint was violated"


class ConstraintMintGroupMemberPointerExtensionMemberAddress(AnchorFrameworkError):
    "A group member pointer extension group address constraint was violated"

    code = 2029
    error_name = "ConstraintMintGroupMemberPointerExtensionMemberAddress"
    error_msg = "A group member pointer extension group address constraint was violated"


class ConstraintMintMetadataPointerExtension(AnchorFrameworkError):
    "A metadata pointer extension constraint was violated"

    code = 2030
    error_name = "ConstraintMintMetadataPointerExtension"
    error_msg = "A metadata pointer extension constraint was violated"


class ConstraintMintMetadataPointerExtensionAuthority(AnchorFrameworkError):
    "A metadata pointer extension authority constraint was violated"

    code = 2031
    error_name = "ConstraintMintMetadataPointerExtensionAuthority"
    error_msg = "A metadata pointer extension authority constraint was violated"


class ConstraintMintMetadataPointerExtensionMetadataAddress(AnchorFrameworkError):
    "A metadata pointer extension metadata address constraint was violated"

    code = 2032
    error_name = "ConstraintMintMetadataPointerExtensionMetadataAddress"
    error_msg = "A metadata pointer extension metadata address constraint was violated"


class ConstraintMintCloseAuthorityExtension(AnchorFrameworkError):
    "A close authority constraint was violated"

    code = 2033
    error_name = "ConstraintMintCloseAuthorityExtension"
    error_msg = "A close authority constraint was violated"


class ConstraintMintCloseAuthorityExtensionAuthority(AnchorFrameworkError):
    "A close authority extension authority constraint was violated"

    code = 2034
    error_name = "ConstraintMintCloseAuthorityExtensionAuthority"
    error_msg = "A close authority extension authority constraint was violated"


class ConstraintMintPermanentDelegateExtension(AnchorFrameworkError):
    "A permanent delegate extension constraint was violated"

    code = 2035
    error_name = "ConstraintMintPermanentDelegateExtension"
    error_msg = "A permanent delegate extension constraint was violated"


class ConstraintMintPermanentDelegateExtensionDelegate(AnchorFrameworkError):
    "A permanent delegate extension delegate constraint was violated"

    code = 2036
    error_name = "ConstraintMintPermanentDelegateExtensionDelegate"
    error_msg = "A permanent delegate extension delegate constraint was violated"


class ConstraintMintTransferHookExtension(AnchorFrameworkError):
    "A transfer hook extension constraint was violated"

    code = 2037
    error_name = "ConstraintMintTransferHookExtension"
    error_msg = "A transfer hook extension constraint was violated"


class ConstraintMintTransferHookExtensionAuthority(AnchorFrameworkError):
    "A transfer hook extension authority constraint was violated"

    code = 2038
    error_name = "ConstraintMintTransferHookExtensionAuthority"
    error_msg = "A transfer hook extension authority constraint was violated"


class ConstraintMintTransferHookExtensionProgramId(AnchorFrameworkError):
    "A transfer hook extension transfer hook program id constraint was violated"

    code = 2039
    error_name = "ConstraintMintTransferHookExtensionProgramId"
    error_msg = "A transfer hook extension transfer hook program id constraint was violated"


class ConstraintDuplicateMutableAccount(AnchorFrameworkError):
    "A duplicate mutable account constraint was violated"

    code = 2040
    error_name = "ConstraintDuplicateMutableAccount"
    error_msg = "A duplicate mutable account constraint was violated"


class AccountAlreadyMigrated(AnchorFrameworkError):
    "Account is already migrated"

    code = 2041
    error_name = "AccountAlreadyMigrated"
    error_msg = "Account is already migrated"


class AccountNotMigrated(AnchorFrameworkError):
    "Account must be migrated before exiting"

    code = 2042
    error_name = "AccountNotMigrated"
    error_msg = "Account must be migrated before exiting"


class ConstraintMintPausableExtension(AnchorFrameworkError):
    "A pausable extension constraint was violated"

    code = 2043
    error_name = "ConstraintMintPausableExtension"
    error_msg = "A pausable extension constraint was violated"


class ConstraintMintPausableAuthority(AnchorFrameworkError):
    "A pausable extension authority constraint was violated"

    code = 2044
    error_name = "ConstraintMintPausableAuthority"
    error_msg = "A pausable extension authority constraint was violated"


class RequireViolated(AnchorFrameworkError):
    "A require expression was violated"

    code = 2500
    error_name = "RequireViolated"
    error_msg = "A require expression was violated"


class RequireEqViolated(AnchorFrameworkError):
    "A require_eq expression was violated"

    code = 2501
    error_name = "RequireEqViolated"
    error_msg = "A require_eq expression was violated"


class RequireKeysEqViolated(AnchorFrameworkError):
    "A require_keys_eq expression was violated"

    code = 2502
    error_name = "RequireKeysEqViolated"
    error_msg = "A require_keys_eq expression was violated"


class RequireNeqViolated(AnchorFrameworkError):
    "A require_neq expression was violated"

    code = 2503
    error_name = "RequireNeqViolated"
    error_msg = "A require_neq expression was violated"


class RequireKeysNeqViolated(AnchorFrameworkError):
    "A require_keys_neq expression was violated"

    code = 2504
    error_name = "RequireKeysNeqViolated"
    error_msg = "A require_keys_neq expression was violated"


class RequireGtViolated(AnchorFrameworkError):
    "A require_gt expression was violated"

    code = 2505
    error_name = "RequireGtViolated"
    error_msg = "A require_gt expression was violated"


class RequireGteViolated(AnchorFrameworkError):
    "A require_gte expression was violated"

    code = 2506
    error_name = "RequireGteViolated"
    error_msg = "A require_gte expression was violated"


class AccountDiscriminatorAlreadySet(AnchorFrameworkError):
    "The account discriminator was already set on this account"

    code = 3000
    error_name = "AccountDiscriminatorAlreadySet"
    error_msg = "The account discriminator was already set on this account"


class AccountDiscriminatorNotFound(AnchorFrameworkError):
    "No discriminator was found on the account"

    code = 3001
    error_name = "AccountDiscriminatorNotFound"
    error_msg = "No discriminator was found on the account"


class AccountDiscriminatorMismatch(AnchorFrameworkError):
    "Account discriminator did not match what was expected"

    code = 3002
    error_name = "AccountDiscriminatorMismatch"
    error_msg = "Account discriminator did not match what was expected"


class AccountDidNotDeserialize(AnchorFrameworkError):
    "Failed to deserialize the account"

    code = 3003
    error_name = "AccountDidNotDeserialize"
    error_msg = "Failed to deserialize the account"


class AccountDidNotSerialize(AnchorFrameworkError):
    "Failed to serialize the account"

    code = 3004
    error_name = "AccountDidNotSerialize"
    error_msg = "Failed to serialize the account"


class AccountNotEnoughKeys(AnchorFrameworkError):
    "Not enough account keys given to the instruction"

    code = 3005
    error_name = "AccountNotEnoughKeys"
    error_msg = "Not enough account keys given to the instruction"


class AccountNotMutable(AnchorFrameworkError):
    "The given account is not mutable"

    code = 3006
    error_name = "AccountNotMutable"
    error_msg = "The given account is not mutable"


class AccountOwnedByWrongProgram(AnchorFrameworkError):
    "The given account is owned by a different program than expected"

    code = 3007
    error_name = "AccountOwnedByWrongProgram"
    error_msg = "The given account is owned by a different program than expected"


class InvalidProgramId(AnchorFrameworkError):
    "Program ID was not as expected"

    code = 3008
    error_name = "InvalidProgramId"
    error_msg = "Program ID was not as expected"


class InvalidProgramExecutable(AnchorFrameworkError):
    "Program account is not executable"

    code = 3009
    error_name = "InvalidProgramExecutable"
    error_msg = "Program account is not executable"


class AccountNotSigner(AnchorFrameworkError):
    "The given account did not sign"

    code = 3010
    error_name = "AccountNotSigner"
    error_msg = "The given account did not sign"


class AccountNotSystemOwned(AnchorFrameworkError):
    "The given account is not owned by the system program"

    code = 3011
    error_name = "AccountNotSystemOwned"
    error_msg = "The given account is not owned by the system program"


class AccountNotInitialized(AnchorFrameworkError):
    "The program expected this account to be already initialized"

    code = 3012
    error_name = "AccountNotInitialized"
    error_msg = "The program expected this account to be already initialized"


class AccountNotProgramData(AnchorFrameworkError):
    "The given account is not a program data account"

    code = 3013
    error_name = "AccountNotProgramData"
    error_msg = "The given account is not a program data account"


class AccountNotAssociatedTokenAccount(AnchorFrameworkError):
    "The given account is not the associated token account"

    code = 3014
    error_name = "AccountNotAssociatedTokenAccount"
    error_msg = "The given account is not the associated token account"


class AccountSysvarMismatch(AnchorFrameworkError):
    "The given public key does not match the required sysvar"

    code = 3015
    error_name = "AccountSysvarMismatch"
    error_msg = "The given public key does not match the required sysvar"


class AccountReallocExceedsLimit(AnchorFrameworkError):
    "The account reallocation exceeds the MAX_PERMITTED_DATA_INCREASE limit"

    code = 3016
    error_name = "AccountReallocExceedsLimit"
    error_msg = "The account reallocation exceeds the MAX_PERMITTED_DATA_INCREASE limit"


class AccountDuplicateReallocs(AnchorFrameworkError):
    "The account was duplicated for more than one reallocation"

    code = 3017
    error_name = "AccountDuplicateReallocs"
    error_msg = "The account was duplicated for more than one reallocation"


class DeclaredProgramIdMismatch(AnchorFrameworkError):
    "The declared program id does not match the actual program id"

    code = 4100
    error_name = "DeclaredProgramIdMismatch"
    error_msg = "The declared program id does not match the actual program id"


class TryingToInitPayerAsProgramAccount(AnchorFrameworkError):
    "You cannot/should not initialize the payer account as a program account"

    code = 4101
    error_name = "TryingToInitPayerAsProgramAccount"
    error_msg = "You cannot/should not initialize the payer account as a program account"


class InvalidNumericConversion(AnchorFrameworkError):
    "Error during numeric conversion"

    code = 4102
    error_name = "InvalidNumericConversion"
    error_msg = "Error during numeric conversion"


class Deprecated(AnchorFrameworkError):
    "The API being used is deprecated and should no longer be used"

    code = 5000
    error_name = "Deprecated"
    error_msg = "The API being used is deprecated and should no longer be used"


ANCHOR_ERRORS: dict[int, type[AnchorFrameworkError]] = {
    InstructionMissing.code: InstructionMissing,
    InstructionFallbackNotFound.code: InstructionFallbackNotFound,
    InstructionDidNotDeserialize.code: InstructionDidNotDeserialize,
    InstructionDidNotSerialize.code: InstructionDidNotSerialize,
    IdlInstructionStub.code: IdlInstructionStub,
    IdlInstructionInvalidProgram.code: IdlInstructionInvalidProgram,
    IdlAccountNotEmpty.code: IdlAccountNotEmpty,
    EventInstructionStub.code: EventInstructionStub,
    ConstraintMut.code: ConstraintMut,
    ConstraintHasOne.code: ConstraintHasOne,
    ConstraintSigner.code: ConstraintSigner,
    ConstraintRaw.code: ConstraintRaw,
    ConstraintOwner.code: ConstraintOwner,
    ConstraintRentExempt.code: ConstraintRentExempt,
    ConstraintSeeds.code: ConstraintSeeds,
    ConstraintExecutable.code: ConstraintExecutable,
    ConstraintState.code: ConstraintState,
    ConstraintAssociated.code: ConstraintAssociated,
    ConstraintAssociatedInit.code: ConstraintAssociatedInit,
    ConstraintClose.code: ConstraintClose,
    ConstraintAddress.code: ConstraintAddress,
    ConstraintZero.code: ConstraintZero,
    ConstraintTokenMint.code: ConstraintTokenMint,
    ConstraintTokenOwner.code: ConstraintTokenOwner,
    ConstraintMintMintAuthority.code: ConstraintMintMintAuthority,
    ConstraintMintFreezeAuthority.code: ConstraintMintFreezeAuthority,
    ConstraintMintDecimals.code: ConstraintMintDecimals,
    ConstraintSpace.code: ConstraintSpace,
    ConstraintAccountIsNone.code: ConstraintAccountIsNone,
    ConstraintTokenTokenProgram.code: ConstraintTokenTokenProgram,
    ConstraintMintTokenProgram.code: ConstraintMintTokenProgram,
    ConstraintAssociatedTokenTokenProgram.code: ConstraintAssociatedTokenTokenProgram,
    ConstraintMintGroupPointerExtension.code: ConstraintMintGroupPointerExtension,
    ConstraintMintGroupPointerExtensionAuthority.code: ConstraintMintGroupPointerExtensionAuthority,
    ConstraintMintGroupPointerExtensionGroupAddress.code: ConstraintMintGroupPointerExtensionGroupAddress,
    ConstraintMintGroupMemberPointerExtension.code: ConstraintMintGroupMemberPointerExtension,
    ConstraintMintGroupMemberPointerExtensionAuthority.code: ConstraintMintGroupMemberPointerExtensionAuthority,
    ConstraintMintGroupMemberPointerExtensionMemberAddress.code: ConstraintMintGroupMemberPointerExtensionMemberAddress,
    ConstraintMintMetadataPointerExtension.code: ConstraintMintMetadataPointerExtension,
    ConstraintMintMetadataPointerExtensionAuthority.code: ConstraintMintMetadataPointerExtensionAuthority,
    ConstraintMintMetadataPointerExtensionMetadataAddress.code: ConstraintMintMetadataPointerExtensionMetadataAddress,
    ConstraintMintCloseAuthorityExtension.code: ConstraintMintCloseAuthorityExtension,
    ConstraintMintCloseAuthorityExtensionAuthority.code: ConstraintMintCloseAuthorityExtensionAuthority,
    ConstraintMintPermanentDelegateExtension.code: ConstraintMintPermanentDelegateExtension,
    ConstraintMintPermanentDelegateExtensionDelegate.code: ConstraintMintPermanentDelegateExtensionDelegate,
    ConstraintMintTransferHookExtension.code: ConstraintMintTransferHookExtension,
    ConstraintMintTransferHookExtensionAuthority.code: ConstraintMintTransferHookExtensionAuthority,
    ConstraintMintTransferHookExtensionProgramId.code: ConstraintMintTransferHookExtensionProgramId,
    ConstraintDuplicateMutableAccount.code: ConstraintDuplicateMutableAccount,
    AccountAlreadyMigrated.code: AccountAlreadyMigrated,
    AccountNotMigrated.code: AccountNotMigrated,
    ConstraintMintPausableExtension.code: ConstraintMintPausableExtension,
    ConstraintMintPausableAuthority.code: ConstraintMintPausableAuthority,
    RequireViolated.code: RequireViolated,
    RequireEqViolated.code: RequireEqViolated,
    RequireKeysEqViolated.code: RequireKeysEqViolated,
    RequireNeqViolated.code: RequireNeqViolated,
    RequireKeysNeqViolated.code: RequireKeysNeqViolated,
    RequireGtViolated.code: RequireGtViolated,
    RequireGteViolated.code: RequireGteViolated,
    AccountDiscriminatorAlreadySet.code: AccountDiscriminatorAlreadySet,
    AccountDiscriminatorNotFound.code: AccountDiscriminatorNotFound,
    AccountDiscriminatorMismatch.code: AccountDiscriminatorMismatch,
    AccountDidNotDeserialize.code: AccountDidNotDeserialize,
    AccountDidNotSerialize.code: AccountDidNotSerialize,
    AccountNotEnoughKeys.code: AccountNotEnoughKeys,
    AccountNotMutable.code: AccountNotMutable,
    AccountOwnedByWrongProgram.code: AccountOwnedByWrongProgram,
    InvalidProgramId.code: InvalidProgramId,
    InvalidProgramExecutable.code: InvalidProgramExecutable,
    AccountNotSigner.code: AccountNotSigner,
    AccountNotSystemOwned.code: AccountNotSystemOwned,
    AccountNotInitialized.code: AccountNotInitialized,
    AccountNotProgramData.code: AccountNotProgramData,
    AccountNotAssociatedTokenAccount.code: AccountNotAssociatedTokenAccount,
    AccountSysvarMismatch.code: AccountSysvarMismatch,
    AccountReallocExceedsLimit.code: AccountReallocExceedsLimit,
    AccountDuplicateReallocs.code: AccountDuplicateReallocs,
    DeclaredProgramIdMismatch.code: DeclaredProgramIdMismatch,
    TryingToInitPayerAsProgramAccount.code: TryingToInitPayerAsProgramAccount,
    InvalidNumericConversion.code: InvalidNumericConversion,
    Deprecated.code: Deprecated,
}
