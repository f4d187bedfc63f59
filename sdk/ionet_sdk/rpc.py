"""`RpcConnection`: the `Connection` interface over JSON-RPC (any cluster), on
solana-py's `AsyncClient`.

Sends are preflighted by the node; a preflight or on-chain failure raises the
program's own error class (`ionet_sdk.tx_errors`), with the logs. Transport
failures (unreachable node, HTTP 429/5xx, malformed responses) are retried with
exponential backoff and then raised as `TransportError`; a program error is
never retried.
"""

from __future__ import annotations

import asyncio
import struct
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

import base58
import httpx2
from solana.exceptions import SolanaRpcException
from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Commitment, Confirmed
from solana.rpc.core import RPCException
from solana.rpc.models import MemcmpOpts, TxOpts
from solders.hash import Hash
from solders.pubkey import Pubkey
from solders.rpc.errors import SendTransactionPreflightFailureMessage
from solders.signature import Signature
from solders.transaction import Transaction, VersionedTransaction

from ionet_sdk.accounts import AccountInfo
from ionet_sdk.cluster import cluster_url
from ionet_sdk.connection import Clock, SendResult
from ionet_sdk.errors import TransactionFailedError, TransportError
from ionet_sdk.tx_errors import error_for

T = TypeVar("T")
CLOCK_SYSVAR = Pubkey.from_string("SysvarC1ock11111111111111111111111111111111")


def _program_ids(tx: Transaction | VersionedTransaction) -> list[Pubkey]:
    msg = tx.message
    keys = list(msg.account_keys)
    return [keys[ix.program_id_index] for ix in msg.instructions]


class RpcConnection:
    """A `Connection` to a cluster: `RpcConnection("devnet")`, or any URL."""

    def __init__(
        self,
        url: str = "localnet",
        *,
        commitment: Commitment = Confirmed,
        retries: int = 4,
        backoff_seconds: float = 0.25,
        confirm_timeout_seconds: float = 60.0,
    ) -> None:
        self.url = cluster_url(url)
        self.commitment = commitment
        self.retries = retries
        self.backoff_seconds = backoff_seconds
        self.confirm_timeout_seconds = confirm_timeout_seconds
        self.client = AsyncClient(self.url, commitment=commitment)

    async def close(self) -> None:
        await self.client.close()

    async def _call(self, what: str, request: Callable[[], Awaitable[T]]) -> T:
        """Run an RPC request, retrying transport failures only."""
        for attempt in range(self.retries + 1):
            try:
                return await request()
            except (SolanaRpcException, httpx2.TransportError, httpx2.HTTPStatusError) as err:
                if attempt == self.retries:
                    raise TransportError(f"{what} at {self.url} failed: {err}") from err
            await asyncio.sleep(self.backoff_seconds * 2**attempt)
        raise AssertionError("unreachable")

    # --- accounts

    @staticmethod
    def _info(address: Pubkey, account: Any) -> AccountInfo | None:
        if account is None:
            return None
        return AccountInfo(address, account.lamports, account.owner, bytes(account.data), account.executable)

    async def get_account(self, address: Pubkey) -> AccountInfo | None:
        resp = await self._call(
            "getAccountInfo", lambda: self.client.get_account_info(address, encoding="base64")
        )
        return self._info(address, resp.value)

    async def get_multiple_accounts(self, addresses: Sequence[Pubkey]) -> list[AccountInfo | None]:
        out: list[AccountInfo | None] = []
        for start in range(0, len(addresses), 100):  # the RPC's limit per call
            chunk = list(addresses[start : start + 100])

            async def request(chunk: list[Pubkey] = chunk) -> Any:
                return await self.client.get_multiple_accounts(chunk, encoding="base64")

            resp = await self._call("getMultipleAccounts", request)
            out += [self._info(a, acc) for a, acc in zip(chunk, resp.value, strict=True)]
        return out

    async def get_program_accounts(
        self,
        program_id: Pubkey,
        *,
        data_size: int | None = None,
        memcmp: Sequence[tuple[int, bytes]] = (),
    ) -> list[AccountInfo]:
        """Accounts of `program_id`, filtered on the node (dataSize, memcmp at offsets)."""
        filters: list[int | MemcmpOpts] = [data_size] if data_size is not None else []
        filters += [MemcmpOpts(offset=o, bytes=base58.b58encode(b).decode()) for o, b in memcmp]

        async def request() -> Any:
            return await self.client.get_program_accounts(
                program_id, encoding="base64", filters=filters or None
            )

        resp = await self._call("getProgramAccounts", request)
        return [
            AccountInfo(k.pubkey, k.account.lamports, k.account.owner, bytes(k.account.data))
            for k in resp.value
        ]

    async def get_balance(self, address: Pubkey) -> int:
        resp = await self._call("getBalance", lambda: self.client.get_balance(address))
        return int(resp.value)

    async def minimum_balance_for_rent_exemption(self, size: int) -> int:
        resp = await self._call(
            "getMinimumBalanceForRentExemption",
            lambda: self.client.get_minimum_balance_for_rent_exemption(size),
        )
        return int(resp.value)

    async def get_clock(self) -> Clock:
        info = await self.get_account(CLOCK_SYSVAR)
        if info is None:
            raise TransportError(f"{self.url} has no Clock sysvar")
        slot, _, epoch, _, unix_timestamp = struct.unpack_from("<QqQQq", info.data)
        return Clock(slot=slot, unix_timestamp=unix_timestamp, epoch=epoch)

    async def recent_prioritization_fees(self, accounts: Sequence[Pubkey]) -> list[int]:
        resp = await self._call(
            "getRecentPrioritizationFees",
            lambda: self.client.get_recent_prioritization_fees(list(accounts)),
        )
        return [int(f.prioritization_fee) for f in resp.value]

    async def request_airdrop(self, address: Pubkey, lamports: int) -> Signature:
        resp = await self._call("requestAirdrop", lambda: self.client.request_airdrop(address, lamports))
        await self._confirm(resp.value)
        return resp.value

    # --- transactions

    async def latest_blockhash(self) -> Hash:
        resp = await self._call("getLatestBlockhash", self.client.get_latest_blockhash)
        return resp.value.blockhash

    async def _confirm(self, signature: Signature) -> None:
        deadline = asyncio.get_running_loop().time() + self.confirm_timeout_seconds
        while asyncio.get_running_loop().time() < deadline:
            resp = await self._call(
                "getSignatureStatuses", lambda: self.client.get_signature_statuses([signature])
            )
            status = resp.value[0]
            if status is not None and status.confirmation_status is not None:
                return
            await asyncio.sleep(0.4)
        raise TransportError(f"{signature} not confirmed within {self.confirm_timeout_seconds} s")

    async def send_transaction(self, tx: Transaction | VersionedTransaction) -> SendResult:
        opts = TxOpts(skip_preflight=False, preflight_commitment=self.commitment)
        try:
            resp = await self._call(
                "sendTransaction", lambda: self.client.send_raw_transaction(bytes(tx), opts)
            )
        except RPCException as err:
            raise self._preflight_error(tx, err) from None
        signature = resp.value
        await self._confirm(signature)
        got = await self._call(
            "getTransaction",
            lambda: self.client.get_transaction(signature, "base64", max_supported_transaction_version=0),
        )
        meta = got.value.transaction.meta if got.value is not None else None
        logs = list(meta.log_messages or []) if meta is not None else []
        if meta is not None and meta.err is not None:
            raise error_for(meta.err, _program_ids(tx), logs)
        units = (
            meta.compute_units_consumed if meta is not None and meta.compute_units_consumed is not None else 0
        )
        return SendResult(signature, int(units), logs)

    def _preflight_error(
        self, tx: Transaction | VersionedTransaction, err: RPCException
    ) -> TransactionFailedError:
        data = err.args[0] if err.args else None
        if isinstance(data, SendTransactionPreflightFailureMessage) and data.data.err is not None:
            return error_for(data.data.err, _program_ids(tx), list(data.data.logs or []))
        return TransactionFailedError(f"transaction rejected by {self.url}: {data}", [])

    async def simulate_transaction(self, tx: Transaction | VersionedTransaction) -> SendResult:
        if not isinstance(tx, VersionedTransaction):
            tx = VersionedTransaction.from_legacy(tx)
        resp = await self._call("simulateTransaction", lambda: self.client.simulate_transaction(tx))
        value = resp.value
        logs = list(value.logs or [])
        if value.err is not None:
            raise error_for(value.err, _program_ids(tx), logs)
        return SendResult(tx.signatures[0], int(value.units_consumed or 0), logs)

    # --- the local server's extension

    async def warp(self, seconds: int) -> Clock:
        """Advance a local `ionet localnet` server's clock (its `ionetWarp` method)."""
        async with httpx2.AsyncClient() as http:
            response = await http.post(
                self.url, json={"jsonrpc": "2.0", "id": 1, "method": "ionetWarp", "params": [seconds]}
            )
        body = response.json()
        if "error" in body:
            raise TransportError(f"ionetWarp at {self.url}: {body['error']['message']}")
        return await self.get_clock()
