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


class InvalidArgumentError(IonetError, ValueError):
    """An argument the SDK refuses before anything is sent: out of range, an empty or
    oversized batch, a malformed file."""


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


class RequestTimeoutError(TransportError):
    """The RPC node did not answer within the connection's request timeout (seconds)."""


class RateLimitedError(TransportError):
    """The RPC node kept answering HTTP 429 Too Many Requests until the connection's
    total wait cap (seconds) ran out. `retry_after`: the node's last `Retry-After`
    (seconds, None if absent); `waited`: seconds spent waiting in total."""

    def __init__(self, message: str, retry_after: float | None, waited: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.waited = waited


class RpcResponseError(IonetError):
    """The RPC node answered a request with a JSON-RPC error (`code`, `message`):
    an unsupported method or filter, a pruned slot, an excluded index."""

    def __init__(self, what: str, code: int | None, message: str) -> None:
        super().__init__(f"{what}: JSON-RPC error {code}: {message}")
        self.code = code
        self.rpc_message = message


class TransactionUnconfirmedError(TransportError):
    """The transaction's fate is unknown: it was not seen at the connection's commitment
    before the confirmation timeout, but its blockhash has not provably expired, so it
    may still land. Do not re-sign it; wait, then look up `signature` again."""

    def __init__(self, message: str, signature: object) -> None:
        super().__init__(message)
        self.signature = signature


class BlockhashExpiredError(IonetError):
    """The transaction did not land and never will: the cluster's block height passed
    its blockhash's `last_valid_block_height` without the signature being seen. It is
    safe to build and sign the transaction again with a fresh blockhash."""

    def __init__(self, message: str, signature: object, last_valid_block_height: int) -> None:
        super().__init__(message)
        self.signature = signature
        self.last_valid_block_height = last_valid_block_height


class InsufficientFundsError(TransactionFailedError):
    """An account has too few lamports (SOL) for the transaction fee or for what the
    transaction moves or rents: fund it first (`ionet airdrop` on a local or test
    cluster, a transfer elsewhere). `account`: the account short of SOL, when known."""

    def __init__(self, message: str, logs: list[str] | None = None, account: object = None) -> None:
        super().__init__(message, logs)
        self.account = account


class AccountAlreadyExistsError(ProgramError):
    """The System program refused to create (CreateAccount/Allocate) an account that
    already exists: usually a reused id (job id, node id) or a PDA created before.
    `address`: the account, when the logs name it."""

    code = 0
    error_name = "AccountAlreadyInUse"
    error_msg = "an account already exists at that address (a reused id?)"
    program = "system"

    def __init__(
        self,
        logs: list[str] | None = None,
        instruction_index: int | None = None,
        address: str | None = None,
    ) -> None:
        super().__init__(logs, instruction_index)
        self.address = address
        if address is not None:
            self.args = (f"{self.args[0]}: {address}",)
