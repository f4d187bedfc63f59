"""Account data as read from any connection, and the protocol generated `fetch` uses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from solders.pubkey import Pubkey


@dataclass(frozen=True, slots=True)
class AccountInfo:
    """One account: its address, balance, owner program and data."""

    address: Pubkey
    lamports: int
    owner: Pubkey
    data: bytes
    executable: bool = False


class AccountSource(Protocol):
    """Anything that can read accounts: the embedded SVM or an RPC connection."""

    async def get_account(self, address: Pubkey) -> AccountInfo | None: ...

    async def get_multiple_accounts(self, addresses: Sequence[Pubkey]) -> list[AccountInfo | None]: ...
