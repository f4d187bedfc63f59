"""One interface over every connection: the embedded SVM and JSON-RPC clusters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from solders.hash import Hash
from solders.pubkey import Pubkey
from solders.signature import Signature
from solders.transaction import Transaction, VersionedTransaction

from ionet_sdk.accounts import AccountInfo, AccountSource


@dataclass(frozen=True, slots=True)
class SendResult:
    """A confirmed transaction: its signature, compute units and logs."""

    signature: Signature
    compute_units: int
    logs: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Clock:
    """The cluster clock (Clock sysvar)."""

    slot: int
    unix_timestamp: int
    epoch: int


class Connection(AccountSource, Protocol):
    """What ionet_sdk needs from a cluster."""

    async def latest_blockhash(self) -> Hash: ...

    async def send_transaction(self, tx: Transaction | VersionedTransaction) -> SendResult:
        """Send a signed transaction at most once and wait until it is final at the
        connection's commitment; return what was read back. Raise a typed error (see
        ionet_sdk.errors) on failure: the program's error class, `BlockhashExpiredError`
        (did not land: safe to re-sign), `TransactionUnconfirmedError` (may still land)."""
        ...

    async def simulate_transaction(self, tx: Transaction | VersionedTransaction) -> SendResult: ...

    async def minimum_balance_for_rent_exemption(self, size: int) -> int: ...

    async def get_balance(self, address: Pubkey) -> int: ...

    async def get_clock(self) -> Clock: ...

    async def recent_prioritization_fees(self, accounts: Sequence[Pubkey]) -> list[int]:
        """Priority fees (micro-lamports per CU) recently paid by transactions locking
        `accounts` (getRecentPrioritizationFees)."""
        ...

    async def get_program_accounts(
        self,
        program_id: Pubkey,
        *,
        data_size: int | None = None,
        memcmp: Sequence[tuple[int, bytes]] = (),
    ) -> list[AccountInfo]:
        """Accounts of a program, filtered by size and (offset, bytes) comparisons."""
        ...
