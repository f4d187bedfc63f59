"""Typed errors raised by ionet_sdk. Nothing is swallowed: every failure is one of these.

Program errors: each program error code has its own class (generated into
`ionet_sdk._generated.<program>.errors`), a subclass of `ProgramError`;
Anchor's framework errors are `AnchorFrameworkError` subclasses.
"""

from __future__ import annotations

from typing import ClassVar


class IonetError(Exception):
    """Base class of every error the SDK raises."""


class DecodeError(IonetError, ValueError):
    """Bytes could not be decoded as the expected type."""


class EncodeError(IonetError, ValueError):
    """A value could not be encoded (out of range, wrong length)."""


class AccountNotFoundError(IonetError):
    """No account exists at the address."""


class AccountOwnerMismatchError(DecodeError):
    """The account is owned by a different program than expected."""


class AccountDiscriminatorMismatchError(DecodeError):
    """The account's first 8 bytes are not the expected type's discriminator."""


class ConfigError(IonetError, ValueError):
    """Bad configuration: an unknown cluster moniker, a missing or malformed keypair file."""


class TransportError(IonetError):
    """The connection failed: RPC unreachable, HTTP error, malformed response."""


class TransactionFailedError(IonetError):
    """A transaction failed without an error code that maps to a program error."""

    def __init__(self, message: str, logs: list[str] | None = None) -> None:
        super().__init__(message)
        self.logs: list[str] = logs or []


class ProgramError(TransactionFailedError):
    """A program returned a custom error code. Subclasses exist per code."""

    code: ClassVar[int] = -1
    error_name: ClassVar[str] = ""
    error_msg: ClassVar[str] = ""
    program: ClassVar[str] = ""

    def __init__(self, logs: list[str] | None = None, instruction_index: int | None = None) -> None:
        super().__init__(f"{self.program}: {self.error_name} ({self.code}): {self.error_msg}", logs)
        self.instruction_index = instruction_index


class UnknownProgramError(TransactionFailedError):
    """A custom error code that no known program error class matches."""

    def __init__(
        self, code: int, logs: list[str] | None = None, instruction_index: int | None = None
    ) -> None:
        super().__init__(f"custom program error {code} (0x{code:x})", logs)
        self.code = code
        self.instruction_index = instruction_index


class AnchorFrameworkError(ProgramError):
    """An error raised by Anchor's generated checks (codes below 6000)."""

    program = "anchor"
