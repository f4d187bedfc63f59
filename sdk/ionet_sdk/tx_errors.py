"""Translate a failed transaction into the SDK's typed errors."""

from __future__ import annotations

import re

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

_FAILED = re.compile(r"^Program (\w+) failed: custom program error: 0x([0-9a-fA-F]+)$")


def failing_program(code: int, top_level: Pubkey | None, logs: list[str]) -> Pubkey | None:
    """The program that raised custom error `code`: the innermost one that failed with it.

    A program that fails inside a CPI makes its callers fail with the same code,
    so the code means what the *first* "failed: custom program error" line's
    program says (a registry error raised under the escrow is a registry error).
    """
    for line in logs:
        match = _FAILED.match(line)
        if match and int(match.group(2), 16) == code:
            return Pubkey.from_string(match.group(1))
    return top_level


def error_for(
    err: TransactionErrorType, program_ids: list[Pubkey], logs: list[str]
) -> TransactionFailedError:
    """The exception for transaction error `err`; `program_ids[i]` ran instruction i."""
    if isinstance(err, TransactionErrorInstructionError) and isinstance(err.err, InstructionErrorCustom):
        index, code = err.index, err.err.code
        top_level = program_ids[index] if index < len(program_ids) else None
        program = failing_program(code, top_level, logs)
        known = PROGRAM_ERRORS.get(program) if program is not None else None
        if known is not None:
            if code in known:
                return known[code](logs, index)
            if code in ANCHOR_ERRORS:
                return ANCHOR_ERRORS[code](logs, index)
        return UnknownProgramError(code, logs, index)
    return TransactionFailedError(f"transaction failed: {err}", logs)
