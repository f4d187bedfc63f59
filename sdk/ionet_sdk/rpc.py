"""`RpcConnection`: the `Connection` interface over JSON-RPC (any cluster), on
solana-py's `AsyncClient`.

Requests: each has a timeout (`timeout_seconds`); transport failures (unreachable
node, timeout, HTTP 5xx, HTTP 429 whose `Retry-After` is honoured) are retried with
exponential backoff within a total wait cap (`max_wait_seconds`), then raised as
`TransportError` (`RequestTimeoutError`, `RateLimitedError`); a JSON-RPC error
reply raises `RpcResponseError`. No solana-py or httpx2 exception escapes.

Sends are at most once. A signed transaction is sent, and after a transport error
its fate is looked up (`getSignatureStatuses`) before the *same bytes* are sent
again, so it can never land twice; "already processed" counts as sent. Confirmation
waits for the connection's commitment until the signature is seen or the block
height passes the blockhash's `lastValidBlockHeight` (`BlockhashExpiredError`: did
not land, safe to re-sign); a confirmation timeout before that is
`TransactionUnconfirmedError` (may still land). A landed transaction is read back
at the commitment: its failure raises the program's own error class
(`ionet_sdk.tx_errors`) with the logs, and a transaction that cannot be read back
is an error, never an empty success. Preflight failures raise the same classes.
"""

from __future__ import annotations

import asyncio
import email.utils
import struct
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

import base58
import httpx2
from solana.exceptions import SolanaRpcException
from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Commitment, Confirmed, Finalized, Processed
from solana.rpc.core import RPCException
from solana.rpc.models import MemcmpOpts, TxOpts
from solders.hash import Hash
from solders.pubkey import Pubkey
from solders.rpc.errors import SendTransactionPreflightFailureMessage
from solders.signature import Signature
from solders.transaction import Transaction, VersionedTransaction
from solders.transaction_status import TransactionConfirmationStatus, TransactionErrorFieldless

from ionet_sdk.accounts import AccountInfo
from ionet_sdk.cluster import cluster_url
from ionet_sdk.connection import Clock, SendResult
from ionet_sdk.errors import (
    BlockhashExpiredError,
    RateLimitedError,
    RequestTimeoutError,
    RpcResponseError,
    TransactionFailedError,
    TransactionUnconfirmedError,
    TransportError,
)
from ionet_sdk.tx_errors import error_for

T = TypeVar("T")
CLOCK_SYSVAR = Pubkey.from_string("SysvarC1ock11111111111111111111111111111111")
# Confirmation levels in order (solders' TransactionConfirmationStatus is not hashable).
_LEVELS = [
    TransactionConfirmationStatus.Processed,
    TransactionConfirmationStatus.Confirmed,
    TransactionConfirmationStatus.Finalized,
]
_WANTED = {Processed: 0, Confirmed: 1, Finalized: 2}
_BLOCKHASHES_KEPT = 64  # lastValidBlockHeight of the blockhashes this connection handed out


def _program_ids(tx: Transaction | VersionedTransaction) -> list[Pubkey]:
    msg = tx.message
    keys = list(msg.account_keys)
    return [keys[ix.program_id_index] for ix in msg.instructions]


def _fee_payer(tx: Transaction | VersionedTransaction) -> Pubkey:
    return next(iter(tx.message.account_keys))


def retry_after_seconds(value: str | None) -> float | None:
    """An HTTP `Retry-After` header (delay-seconds or an HTTP date) in seconds; None if
    absent or unreadable."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class RpcConnection:
    """A `Connection` to a cluster: `RpcConnection("devnet")`, or any URL.

    `commitment`: what reads and confirmations wait for. `timeout_seconds`: the limit of
    one HTTP request. `retries`: how often a failed request is retried (exponential
    backoff from `backoff_seconds`, or the node's `Retry-After` on HTTP 429), within
    `max_wait_seconds` of waiting in total. `confirm_timeout_seconds`: how long a send
    waits for confirmation before `TransactionUnconfirmedError` (the blockhash's expiry
    usually answers first, with `BlockhashExpiredError`). `rebroadcast_seconds`: how
    often a sent, unconfirmed transaction is sent again (same bytes, same signature)."""

    def __init__(
        self,
        url: str = "localnet",
        *,
        commitment: Commitment = Confirmed,
        retries: int = 4,
        backoff_seconds: float = 0.25,
        max_wait_seconds: float = 30.0,
        timeout_seconds: float = 10.0,
        confirm_timeout_seconds: float = 90.0,
        rebroadcast_seconds: float = 2.0,
    ) -> None:
        self.url = cluster_url(url)
        self.commitment = commitment
        self.retries = retries
        self.backoff_seconds = backoff_seconds
        self.max_wait_seconds = max_wait_seconds
        self.timeout_seconds = timeout_seconds
        self.confirm_timeout_seconds = confirm_timeout_seconds
        self.rebroadcast_seconds = rebroadcast_seconds
        # No hidden resends inside solana-py: every retry is decided here.
        self.client = AsyncClient(
            self.url, commitment=commitment, timeout=timeout_seconds, max_transport_retries=0
        )
        self._expiry: OrderedDict[Hash, int] = OrderedDict()

    async def close(self) -> None:
        """Close the HTTP session."""
        await self.client.close()

    async def _call(self, what: str, request: Callable[[], Awaitable[T]]) -> T:
        """Run an RPC request, retrying transport failures only; see the class docstring.
        Raises `RequestTimeoutError`, `RateLimitedError`, `TransportError` or
        `RpcResponseError` (a JSON-RPC error reply, never retried)."""
        waited = 0.0
        attempt = 0
        while True:
            retry_after: float | None = None
            try:
                result = await request()
                if not hasattr(result, "value"):  # an error reply solders mis-parsed
                    raise RpcResponseError(what, None, f"unexpected reply {result!r}")
                return result
            except RPCException as err:
                raise _response_error(what, err) from None
            except (SolanaRpcException, httpx2.HTTPError) as err:
                cause = err.__cause__ if isinstance(err, SolanaRpcException) else err
                status = cause.response.status_code if isinstance(cause, httpx2.HTTPStatusError) else None
                if status == 429 and isinstance(cause, httpx2.HTTPStatusError):
                    retry_after = retry_after_seconds(cause.response.headers.get("retry-after"))
                delay = max(self.backoff_seconds * 2**attempt, retry_after or 0.0)
                give_up = (
                    attempt >= self.retries
                    or waited + delay > self.max_wait_seconds
                    or (status is not None and 400 <= status < 500 and status not in {408, 429})
                )
                if give_up:
                    raise self._transport_error(what, cause, status, retry_after, waited) from None
            except (ValueError, TypeError, KeyError) as err:  # a reply that does not parse
                raise TransportError(f"{what} at {self.url} failed: malformed reply ({err})") from None
            except BaseException as err:
                # solders' JSON parsers panic (pyo3 PanicException, a BaseException) on some
                # malformed replies, e.g. a JSON-RPC error object without the fields it expects.
                if type(err).__name__ != "PanicException":
                    raise
                raise TransportError(f"{what} at {self.url} failed: malformed reply ({err})") from None
            await asyncio.sleep(delay)
            waited += delay
            attempt += 1

    def _transport_error(
        self,
        what: str,
        cause: BaseException | None,
        status: int | None,
        retry_after: float | None,
        waited: float,
    ) -> TransportError:
        where = f"{what} at {self.url} failed"
        if status == 429:
            header = f"Retry-After: {retry_after:g} s" if retry_after is not None else "no Retry-After"
            return RateLimitedError(
                f"{where}: HTTP 429 Too Many Requests (rate limited; {header}); "
                f"gave up after waiting {waited:.1f} s in total",
                retry_after,
                waited,
            )
        if isinstance(cause, httpx2.TimeoutException):
            return RequestTimeoutError(
                f"{where}: no reply within {self.timeout_seconds:g} s (timeout_seconds), "
                f"after {waited:.1f} s of retries"
            )
        if status is not None:
            return TransportError(f"{where}: HTTP {status}")
        detail = f"{type(cause).__name__}: {cause}" if cause is not None else "failed"
        return TransportError(f"{where}: {detail}")

    # --- accounts

    @staticmethod
    def _info(address: Pubkey, account: Any) -> AccountInfo | None:
        if account is None:
            return None
        return AccountInfo(address, account.lamports, account.owner, bytes(account.data), account.executable)

    async def get_account(self, address: Pubkey) -> AccountInfo | None:
        """The account at `address` (lamports, owner, data) at the connection's commitment,
        or None. Raises `TransportError`, `RpcResponseError`."""
        resp = await self._call(
            "getAccountInfo", lambda: self.client.get_account_info(address, encoding="base64")
        )
        return self._info(address, resp.value)

    async def get_multiple_accounts(self, addresses: Sequence[Pubkey]) -> list[AccountInfo | None]:
        """The accounts at `addresses` in order (None where missing), 100 per request.
        Raises `TransportError`, `RpcResponseError`."""
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
        """Accounts of `program_id`, filtered on the node (dataSize in bytes, memcmp as
        (byte offset, bytes)). Raises `TransportError`, `RpcResponseError` (e.g. a node
        that excludes the program from its indexes)."""
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
        """The account's balance in lamports (0 if missing). Raises `TransportError`."""
        resp = await self._call("getBalance", lambda: self.client.get_balance(address))
        return int(resp.value)

    async def minimum_balance_for_rent_exemption(self, size: int) -> int:
        """Lamports that make an account of `size` bytes rent-exempt. Raises `TransportError`."""
        resp = await self._call(
            "getMinimumBalanceForRentExemption",
            lambda: self.client.get_minimum_balance_for_rent_exemption(size),
        )
        return int(resp.value)

    async def get_clock(self) -> Clock:
        """The Clock sysvar: slot, unix time (seconds), epoch. Raises `TransportError`."""
        info = await self.get_account(CLOCK_SYSVAR)
        if info is None:
            raise TransportError(f"{self.url} has no Clock sysvar")
        slot, _, epoch, _, unix_timestamp = struct.unpack_from("<QqQQq", info.data)
        return Clock(slot=slot, unix_timestamp=unix_timestamp, epoch=epoch)

    async def recent_prioritization_fees(self, accounts: Sequence[Pubkey]) -> list[int]:
        """Priority fees (micro-lamports per CU) recently paid by transactions locking
        `accounts`, one per recent slot. Raises `TransportError`."""
        resp = await self._call(
            "getRecentPrioritizationFees",
            lambda: self.client.get_recent_prioritization_fees(list(accounts)),
        )
        return [int(f.prioritization_fee) for f in resp.value]

    async def request_airdrop(self, address: Pubkey, lamports: int) -> Signature:
        """Ask the cluster's faucet for `lamports` (local and test clusters only) and wait
        for the connection's commitment. Raises `TransportError`, `RpcResponseError`,
        `BlockhashExpiredError` or `TransactionUnconfirmedError`."""
        _, bound = await self.latest_blockhash_and_height()
        resp = await self._call("requestAirdrop", lambda: self.client.request_airdrop(address, lamports))
        await self._confirm(resp.value, bound, None)
        return resp.value

    # --- transactions

    async def latest_blockhash(self) -> Hash:
        """A recent blockhash at the connection's commitment; its `lastValidBlockHeight`
        is remembered so that a send signed with it knows when it has expired."""
        return (await self.latest_blockhash_and_height())[0]

    async def latest_blockhash_and_height(self) -> tuple[Hash, int]:
        """A recent blockhash and its last valid block height (getLatestBlockhash)."""
        resp = await self._call("getLatestBlockhash", self.client.get_latest_blockhash)
        blockhash, last_valid = resp.value.blockhash, int(resp.value.last_valid_block_height)
        self._expiry[blockhash] = last_valid
        self._expiry.move_to_end(blockhash)
        while len(self._expiry) > _BLOCKHASHES_KEPT:
            self._expiry.popitem(last=False)
        return blockhash, last_valid

    async def block_height(self) -> int:
        """The cluster's block height at the connection's commitment (getBlockHeight)."""
        resp = await self._call("getBlockHeight", self.client.get_block_height)
        return int(resp.value)

    async def _last_valid_height(self, blockhash: Hash) -> int:
        """The blockhash's last valid block height: remembered if this connection handed it
        out, else an upper bound (the newest blockhash's, which expires no earlier)."""
        known = self._expiry.get(blockhash)
        if known is not None:
            return known
        return (await self.latest_blockhash_and_height())[1]

    async def _status(self, signature: Signature) -> Any:
        resp = await self._call(
            "getSignatureStatuses",
            lambda: self.client.get_signature_statuses([signature], search_transaction_history=True),
        )
        return resp.value[0]

    def _reached(self, status: Any) -> bool:
        level = status.confirmation_status
        rank = next((i for i, known in enumerate(_LEVELS) if level == known), -1)
        return rank >= _WANTED.get(self.commitment, 1)

    async def _confirm(
        self, signature: Signature, last_valid: int, tx: Transaction | VersionedTransaction | None
    ) -> Any:
        """Wait until `signature` reaches the connection's commitment and return its
        status; rebroadcast `tx` (same bytes) meanwhile. Raises `BlockhashExpiredError`
        once the block height passes `last_valid` unseen, `TransactionUnconfirmedError`
        after `confirm_timeout_seconds`."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.confirm_timeout_seconds
        next_broadcast = loop.time() + self.rebroadcast_seconds
        seen = None
        while True:
            status = await self._status(signature)
            if status is not None:
                seen = status
                if status.err is not None or self._reached(status):
                    return status
            elif await self.block_height() > last_valid:
                # Seen at no commitment and the blockhash is dead: it never lands.
                if await self._status(signature) is None:
                    raise BlockhashExpiredError(
                        f"{signature} did not land: the block height passed its blockhash's "
                        f"last valid block height {last_valid}; it is safe to sign it again",
                        signature,
                        last_valid,
                    )
                continue
            if loop.time() >= deadline:
                state = f"seen at {seen.confirmation_status}" if seen is not None else "not seen yet"
                raise TransactionUnconfirmedError(
                    f"{signature} not confirmed at {self.commitment} within "
                    f"{self.confirm_timeout_seconds:g} s ({state}); it may still land: do not sign "
                    "it again before its blockhash has expired",
                    signature,
                )
            if tx is not None and seen is None and loop.time() >= next_broadcast:
                next_broadcast = loop.time() + self.rebroadcast_seconds
                await self._broadcast(tx, preflight=False)
            await asyncio.sleep(0.4)

    async def _broadcast(self, tx: Transaction | VersionedTransaction, *, preflight: bool) -> str:
        """Send the signed bytes once. Returns "sent", "duplicate" (already processed) or
        "unknown" (a transport error: it may or may not have reached the cluster).
        Raises the typed error of a preflight failure."""
        opts = TxOpts(skip_preflight=not preflight, preflight_commitment=self.commitment)
        try:
            await self.client.send_raw_transaction(bytes(tx), opts)
        except RPCException as err:
            failure = self._preflight_error(tx, err)
            if failure is None:
                return "duplicate"
            if not preflight:
                return "unknown"  # a rebroadcast's rejection says nothing new
            raise failure from None
        except (SolanaRpcException, httpx2.HTTPError):
            return "unknown"
        return "sent"

    async def send_transaction(self, tx: Transaction | VersionedTransaction) -> SendResult:
        """Send a signed transaction at most once and wait for the connection's commitment.

        Returns the signature, compute units and logs read back at that commitment.
        Raises the program's error class (`ionet_sdk.tx_errors`) for a failure (preflight
        or on-chain), `BlockhashExpiredError` if it provably did not land,
        `TransactionUnconfirmedError` if its fate is still unknown, `TransportError`."""
        signature = tx.signatures[0]
        last_valid = await self._last_valid_height(tx.message.recent_blockhash)
        waited = 0.0
        attempt = 0
        while True:
            try:
                outcome = await self._broadcast(tx, preflight=True)
            except TransactionFailedError:
                # A preflight failure is final unless an earlier attempt already landed it
                # (a resent transaction fails preflight: BlockhashNotFound, AlreadyProcessed).
                if attempt > 0 and await self._status(signature) is not None:
                    break
                raise
            if outcome != "unknown":
                break
            # The reply was lost: learn the signature's fate before sending the same bytes again.
            if await self._status(signature) is not None:
                break
            if await self.block_height() > last_valid:
                break  # _confirm reports the expiry
            delay = self.backoff_seconds * 2**attempt
            if attempt >= self.retries or waited + delay > self.max_wait_seconds:
                break  # _confirm keeps rebroadcasting until the blockhash expires
            await asyncio.sleep(delay)
            waited += delay
            attempt += 1
        status = await self._confirm(signature, last_valid, tx)
        return await self._read_back(tx, signature, status)

    async def _read_back(
        self, tx: Transaction | VersionedTransaction, signature: Signature, status: Any
    ) -> SendResult:
        """The landed transaction's logs and compute units at the connection's commitment
        (at least confirmed: getTransaction knows no "processed")."""
        commitment = Finalized if self.commitment == Finalized else Confirmed
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.confirm_timeout_seconds
        while True:
            got = await self._call(
                "getTransaction",
                lambda: self.client.get_transaction(
                    signature, "base64", commitment=commitment, max_supported_transaction_version=0
                ),
            )
            if got.value is not None and got.value.transaction.meta is not None:
                meta = got.value.transaction.meta
                break
            if loop.time() >= deadline:
                raise TransactionUnconfirmedError(
                    f"{signature} landed ({status.confirmation_status}) but cannot be read back at "
                    f"{commitment} within {self.confirm_timeout_seconds:g} s: its outcome is unknown",
                    signature,
                )
            await asyncio.sleep(0.4)
        logs = list(meta.log_messages or [])
        err = meta.err if meta.err is not None else status.err
        if err is not None:
            raise error_for(err, _program_ids(tx), logs, _fee_payer(tx))
        return SendResult(signature, int(meta.compute_units_consumed or 0), logs)

    def _preflight_error(
        self, tx: Transaction | VersionedTransaction, err: RPCException
    ) -> TransactionFailedError | None:
        """The typed error of a rejected send; None for "already processed" (it landed)."""
        data = err.args[0] if err.args else None
        if isinstance(data, SendTransactionPreflightFailureMessage) and data.data.err is not None:
            if data.data.err == TransactionErrorFieldless.AlreadyProcessed:
                return None
            return error_for(data.data.err, _program_ids(tx), list(data.data.logs or []), _fee_payer(tx))
        message = getattr(data, "message", str(data))
        if "already been processed" in str(message) or "AlreadyProcessed" in str(message):
            return None
        return TransactionFailedError(f"transaction rejected by {self.url}: {message}", [])

    async def simulate_transaction(self, tx: Transaction | VersionedTransaction) -> SendResult:
        """Run the transaction without committing it (simulateTransaction): compute units
        and logs, or the typed error it would fail with."""
        if not isinstance(tx, VersionedTransaction):
            tx = VersionedTransaction.from_legacy(tx)
        resp = await self._call("simulateTransaction", lambda: self.client.simulate_transaction(tx))
        value = resp.value
        logs = list(value.logs or [])
        if value.err is not None:
            raise error_for(value.err, _program_ids(tx), logs, _fee_payer(tx))
        return SendResult(tx.signatures[0], int(value.units_consumed or 0), logs)

    # --- the local server's extension

    async def warp(self, seconds: int) -> Clock:
        """Advance a local `ionet localnet` server's clock by `seconds` (its `ionetWarp`
        method). Raises `TransportError`, `RpcResponseError` (not such a server)."""
        try:
            async with httpx2.AsyncClient(timeout=self.timeout_seconds) as http:
                response = await http.post(
                    self.url, json={"jsonrpc": "2.0", "id": 1, "method": "ionetWarp", "params": [seconds]}
                )
            body = response.json()
        except (httpx2.HTTPError, ValueError) as err:
            raise TransportError(f"ionetWarp at {self.url}: {type(err).__name__}: {err}") from None
        if "error" in body:
            raise RpcResponseError("ionetWarp", body["error"].get("code"), body["error"].get("message", ""))
        return await self.get_clock()


# JSON-RPC error codes of the error messages solders parses (solana-rpc-client-api).
_CODES = {
    "BlockCleanedUpMessage": -32001,
    "SendTransactionPreflightFailureMessage": -32002,
    "TransactionPrecompileVerificationFailureMessage": -32003,
    "BlockNotAvailableMessage": -32004,
    "NodeUnhealthyMessage": -32005,
    "SlotSkippedMessage": -32007,
    "LongTermStorageSlotSkippedMessage": -32009,
    "KeyExcludedFromSecondaryIndexMessage": -32010,
    "ScanErrorMessage": -32012,
    "BlockStatusNotAvailableYetMessage": -32014,
    "UnsupportedTransactionVersionMessage": -32015,
    "MinContextSlotNotReachedMessage": -32016,
    "InvalidRequestMessage": -32600,
    "MethodNotFoundMessage": -32601,
    "InvalidParamsMessage": -32602,
    "InternalErrorMessage": -32603,
    "ParseErrorMessage": -32700,
}


def _response_error(what: str, err: RPCException) -> RpcResponseError:
    data = err.args[0] if err.args else None
    code = getattr(data, "code", None)
    if not isinstance(code, int):
        code = _CODES.get(type(data).__name__)
    return RpcResponseError(what, code, str(getattr(data, "message", data)))
