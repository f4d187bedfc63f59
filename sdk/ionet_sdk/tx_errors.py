"""Translate a failed transaction into the SDK's typed errors."""

from __future__ import annotations

from solders.pubkey import Pubkey
from solders.transaction_status import (
    InstructionErrorCustom,
    TransactionErrorInstructionError,
    TransactionErrorType,
)

from ionet_sdk.errors import (
    AnchorFrameworkError,
    ProgramError,
    TransactionFailedError,
    UnknownProgramError,
)

# Program id -> its error classes by code; filled by ionet_sdk.programs.
PROGRAM_ERRORS: dict[Pubkey, dict[int, type[ProgramError]]] = {}
ANCHOR_ERRORS: dict[int, type[AnchorFrameworkError]] = {}


def error_for(
    err: TransactionErrorType, program_ids: list[Pubkey], logs: list[str]
) -> TransactionFailedError:
    """The exception for transaction error `err`; `program_ids[i]` ran instruction i."""
    if isinstance(err, TransactionErrorInstructionError) and isinstance(err.err, InstructionErrorCustom):
        index, code = err.index, err.err.code
        program = program_ids[index] if index < len(program_ids) else None
        known = PROGRAM_ERRORS.get(program) if program is not None else None
        if known is not None:
            if code in known:
                return known[code](logs, index)
            if code in ANCHOR_ERRORS:
                return ANCHOR_ERRORS[code](logs, index)
        return UnknownProgramError(code, logs, index)
    return TransactionFailedError(f"transaction failed: {err}", logs)
