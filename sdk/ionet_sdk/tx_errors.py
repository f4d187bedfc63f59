"""Translate a failed transaction into the SDK's typed errors."""

from __future__ import annotations

import re

from solders.pubkey import Pubkey
from solders.transaction_status import (
    InstructionErrorCustom,
    TransactionErrorFieldless,
    TransactionErrorInstructionError,
    TransactionErrorInsufficientFundsForRent,
    TransactionErrorType,
)

from ionet_sdk.errors import (
    AccountAlreadyExistsError,
    AnchorFrameworkError,
    InsufficientFundsError,
    ProgramError,
    TransactionFailedError,
    UnknownProgramError,
)

# Program id -> its error classes by code; filled by ionet_sdk.programs.
PROGRAM_ERRORS: dict[Pubkey, dict[int, type[ProgramError]]] = {}
ANCHOR_ERRORS: dict[int, type[AnchorFrameworkError]] = {}

_FAILED = re.compile(r"^Program (\w+) failed: custom program error: 0x([0-9a-fA-F]+)$")
SYSTEM_PROGRAM = Pubkey.from_string("11111111111111111111111111111111")
# SystemError codes (solana-system-interface): what CreateAccount/Allocate/Transfer return.
_SYSTEM_ALREADY_IN_USE = 0
_SYSTEM_NEGATIVE_LAMPORTS = 1
# "Create Account: account Address { address: X, base: None } already in use" (and Allocate).
_IN_USE = re.compile(r"^(?:Create Account|Allocate): account Address \{ address: (\w+),.*already in use$")
_SHORT = re.compile(r"^Transfer: insufficient lamports (\d+), need (\d+)$")
AIRDROP_HINT = "fund it with SOL first (`ionet airdrop` on a local or test cluster)"


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


def _system_error(code: int, index: int, logs: list[str]) -> TransactionFailedError | None:
    """The System program's own errors that callers meet through our instructions."""
    if code == _SYSTEM_ALREADY_IN_USE:
        for line in logs:
            if m := _IN_USE.match(line.removeprefix("Program log: ")):
                return AccountAlreadyExistsError(logs, index, m.group(1))
        return AccountAlreadyExistsError(logs, index)
    if code == _SYSTEM_NEGATIVE_LAMPORTS:
        short = next((m for line in logs if (m := _SHORT.match(line.removeprefix("Program log: ")))), None)
        detail = f" (has {short.group(1)} lamports, needs {short.group(2)})" if short else ""
        return InsufficientFundsError(
            f"an account paying lamports (SOL) has too few{detail}: {AIRDROP_HINT}", logs
        )
    return None


def error_for(
    err: TransactionErrorType,
    program_ids: list[Pubkey],
    logs: list[str],
    fee_payer: Pubkey | None = None,
) -> TransactionFailedError:
    """The exception for transaction error `err`; `program_ids[i]` ran instruction i;
    `fee_payer` (the message's first account) names the account short of SOL."""
    if err in (TransactionErrorFieldless.InsufficientFundsForFee, TransactionErrorFieldless.AccountNotFound):
        # AccountNotFound at this level: the fee payer has never held any SOL.
        return InsufficientFundsError(
            f"the fee payer {fee_payer or ''} has not enough SOL for the fee ({err}): {AIRDROP_HINT}",
            logs,
            fee_payer,
        )
    if isinstance(err, TransactionErrorInsufficientFundsForRent):
        return InsufficientFundsError(
            f"account #{err.account_index} would be left below rent exemption: {AIRDROP_HINT}", logs
        )
    if isinstance(err, TransactionErrorInstructionError) and isinstance(err.err, InstructionErrorCustom):
        index, code = err.index, err.err.code
        top_level = program_ids[index] if index < len(program_ids) else None
        program = failing_program(code, top_level, logs)
        if program == SYSTEM_PROGRAM and (system := _system_error(code, index, logs)) is not None:
            return system
        known = PROGRAM_ERRORS.get(program) if program is not None else None
        if known is not None:
            if code in known:
                return known[code](logs, index)
            if code in ANCHOR_ERRORS:
                return ANCHOR_ERRORS[code](logs, index)
        return UnknownProgramError(code, logs, index)
    return TransactionFailedError(f"transaction failed: {err}", logs)
