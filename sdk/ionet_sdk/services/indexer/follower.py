"""Following the chain: backfill by signatures, then live.

`Follower.catch_up()` asks each program's `getSignaturesForAddress` for what came after
its cursor (paging back with `before` until the cursor, `until`), merges the three lists
oldest first, fetches each transaction (`getTransaction`, a few in flight at once) and
writes them in batches (`Database.apply`), each batch advancing the cursors in the same
database transaction. A restart resumes from the cursors; a repeat does nothing.

`Follower.run(stop)` backfills, then waits for a websocket `logsSubscribe` notification
(one subscription per program, `mentions`) or `poll_secs`, whichever comes first, and
catches up again: the websocket gives latency, the polling keeps the indexer right when
the websocket is down (it reconnects with backoff). Every pass also asks
`getSignatureStatuses` for stored transactions not yet final and promotes them.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import websockets
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from solana.rpc.commitment import Commitment, Confirmed, Finalized
from solders.pubkey import Pubkey
from solders.signature import Signature
from solders.transaction_status import TransactionConfirmationStatus

from ionet_sdk._generated.ionet_registry.accounts import Node
from ionet_sdk.errors import DecodeError, IonetError
from ionet_sdk.rpc import RpcConnection
from ionet_sdk.services.common.ops import rpc_latency
from ionet_sdk.services.common.runtime import Events
from ionet_sdk.services.indexer.decode import PROGRAMS, plain
from ionet_sdk.services.indexer.store import ApplyResult, Database, FetchedTx

T = TypeVar("T")
log = logging.getLogger("ionet.indexer")
_events = Events("ionet.indexer")
BATCH = 200  # transactions per database transaction


def _level(status: Any) -> str | None:
    """`finalized`, `confirmed` or None (processed, or unknown) for a confirmation status."""
    if status == TransactionConfirmationStatus.Finalized:
        return "finalized"
    if status == TransactionConfirmationStatus.Confirmed:
        return "confirmed"
    return None


@dataclass(slots=True)
class Metrics:
    registry: CollectorRegistry = field(default_factory=CollectorRegistry)
    events: Counter = field(init=False)
    transactions: Counter = field(init=False)
    truncated: Counter = field(init=False)
    unknown: Counter = field(init=False)
    last_slot: Gauge = field(init=False)
    ws_connected: Gauge = field(init=False)
    rpc: Histogram = field(init=False)

    def __post_init__(self) -> None:
        r = self.registry
        self.events = Counter("ionet_indexer_events", "events stored, by name", ["name"], registry=r)
        self.transactions = Counter("ionet_indexer_transactions", "transactions stored", registry=r)
        self.truncated = Counter(
            "ionet_indexer_truncated_logs", "transactions whose logs were cut", registry=r
        )
        self.unknown = Counter(
            "ionet_indexer_unknown_events", "events no decoder knew (kept raw)", registry=r
        )
        self.last_slot = Gauge("ionet_indexer_last_slot", "slot of the newest stored transaction", registry=r)
        self.ws_connected = Gauge("ionet_indexer_websocket_connected", "1 while subscribed", registry=r)
        self.rpc = rpc_latency(r, "indexer")


class Follower:
    """Indexes `programs` from `conn` into `db`. `commitment`: the least a transaction
    needs to be stored (`confirmed` or `finalized`)."""

    def __init__(
        self,
        conn: RpcConnection,
        db: Database,
        *,
        ws_url: str | None = None,
        commitment: str = "confirmed",
        poll_secs: float = 5.0,
        page_size: int = 1000,
        fetch_concurrency: int = 8,
        programs: tuple[str, ...] = PROGRAMS,
        metrics: Metrics | None = None,
    ) -> None:
        self.conn = conn
        self.db = db
        self.ws_url = ws_url
        self.commitment: Commitment = Finalized if commitment == "finalized" else Confirmed
        self.poll_secs = poll_secs
        self.page_size = page_size
        self.fetch_concurrency = fetch_concurrency
        self.programs = programs
        self.metrics = metrics or Metrics()
        self.wake = asyncio.Event()
        self.ws_connected = False
        self.last_error: str | None = None
        self.last_pass: float | None = None
        self.last_slot = 0

    async def _rpc(self, method: str, request: Callable[[], Awaitable[T]]) -> T:
        started = time.perf_counter()
        try:
            return await self.conn._call(method, request)
        finally:
            self.metrics.rpc.labels(method).observe(time.perf_counter() - started)

    async def new_signatures(self, program: str, until: str | None) -> list[Any]:
        """The program's signatures after `until`, oldest first."""
        key = Pubkey.from_string(program)
        stop = Signature.from_string(until) if until else None
        before: Signature | None = None
        out: list[Any] = []
        while True:
            page = (
                await self._rpc(
                    "getSignaturesForAddress",
                    lambda before=before: self.conn.client.get_signatures_for_address(  # type: ignore[misc]
                        key, before=before, until=stop, limit=self.page_size, commitment=self.commitment
                    ),
                )
            ).value
            out.extend(page)
            if len(page) < self.page_size:
                break
            before = page[-1].signature
        out.reverse()
        return out

    async def fetch(self, info: Any, programs: tuple[str, ...]) -> FetchedTx | None:
        """One transaction; None when the node cannot serve it yet at the commitment."""
        level = _level(info.confirmation_status) or "confirmed"
        if info.err is not None:
            return FetchedTx(
                str(info.signature), info.slot, info.block_time, str(info.err), level, None, programs
            )
        resp = await self._rpc(
            "getTransaction",
            lambda: self.conn.client.get_transaction(
                info.signature,
                encoding="json",
                commitment=self.commitment,
                max_supported_transaction_version=0,
            ),
        )
        value = resp.value
        if value is None:
            return None
        meta = value.transaction.meta
        err = None if meta is None or meta.err is None else str(meta.err)
        logs = list(meta.log_messages or []) if meta is not None else []
        return FetchedTx(str(info.signature), value.slot, value.block_time, err, level, logs, programs)

    async def catch_up(self, limit: int | None = None) -> ApplyResult:
        """Index everything after the cursors (at most `limit` transactions: tests stop
        half-way to check resuming). Returns what was written."""
        cursors = await asyncio.to_thread(self.db.cursors)
        lists = await asyncio.gather(*(self.new_signatures(p, cursors.get(p)) for p in self.programs))
        order: dict[str, tuple[Any, list[str]]] = {}
        for program, infos in zip(self.programs, lists, strict=True):
            for info in infos:
                sig = str(info.signature)
                if sig in order:
                    order[sig][1].append(program)
                else:
                    order[sig] = (info, [program])
        pending = sorted(order.values(), key=lambda item: item[0].slot)  # stable: each list's order kept
        if limit is not None:
            pending = pending[:limit]
        total = ApplyResult()
        gate = asyncio.Semaphore(self.fetch_concurrency)

        async def one(item: tuple[Any, list[str]]) -> FetchedTx | None:
            async with gate:
                return await self.fetch(item[0], tuple(item[1]))

        for start in range(0, len(pending), BATCH):
            chunk = pending[start : start + BATCH]
            fetched = await asyncio.gather(*(one(item) for item in chunk))
            ready: list[FetchedTx] = []
            for tx in fetched:
                if tx is None:  # not served yet: stop here, the next pass resumes from it
                    break
                ready.append(tx)
            result = await asyncio.to_thread(self.db.apply, ready)
            if result.nodes:
                await self.refresh_nodes(sorted(result.nodes))
            self._count(result, ready)
            _add(total, result)
            if len(ready) < len(chunk):
                break
        return total

    async def refresh_nodes(self, addresses: list[str]) -> None:
        """Read the nodes' accounts back and store their current state (`Database.refresh_nodes`)."""
        keys = [Pubkey.from_string(a) for a in addresses]
        started = time.perf_counter()
        try:
            infos = await self.conn.get_multiple_accounts(keys)
        finally:
            self.metrics.rpc.labels("getMultipleAccounts").observe(time.perf_counter() - started)
        accounts: dict[str, dict[str, Any]] = {}
        for address, info in zip(addresses, infos, strict=True):
            if info is None or info.data[:8] != Node.DISCRIMINATOR:
                continue  # closed (deregistered): its events said so
            try:
                accounts[address] = plain(Node.decode(info.data))
            except DecodeError:
                continue
        if accounts:
            await asyncio.to_thread(self.db.refresh_nodes, accounts)

    def _count(self, result: ApplyResult, txs: list[FetchedTx]) -> None:
        self.metrics.transactions.inc(result.transactions)
        self.metrics.truncated.inc(result.truncated)
        self.metrics.unknown.inc(result.unknown)
        for name, n in result.names.items():
            self.metrics.events.labels(name).inc(n)
        if txs:
            self.last_slot = max(self.last_slot, *(t.slot for t in txs))
            self.metrics.last_slot.set(self.last_slot)
        if result.truncated:
            _events.emit("truncated_logs", logging.WARNING, transactions=result.truncated)

    async def promote(self) -> int:
        """Ask for the status of stored transactions not yet final; raise those that are."""
        changed = 0
        while True:
            sigs = await asyncio.to_thread(self.db.unfinalized, 256)
            if not sigs:
                return changed
            resp = await self._rpc(
                "getSignatureStatuses",
                lambda sigs=sigs: self.conn.client.get_signature_statuses(  # type: ignore[misc]
                    [Signature.from_string(x) for x in sigs], search_transaction_history=True
                ),
            )
            statuses = {
                sig: None if st is None else _level(st.confirmation_status)
                for sig, st in zip(sigs, resp.value, strict=True)
            }
            n = await asyncio.to_thread(self.db.promote, statuses)
            changed += n
            if n == 0:  # the rest are not final yet
                return changed

    async def one_pass(self) -> ApplyResult:
        result = await self.catch_up()
        result.promoted += await self.promote()
        self.last_pass = time.time()
        self.last_error = None
        return result

    async def run(self, stop: asyncio.Event) -> None:
        """Backfill, then follow until `stop` is set."""
        listener = asyncio.create_task(self.listen(stop)) if self.ws_url else None
        try:
            while not stop.is_set():
                self.wake.clear()
                try:
                    result = await self.one_pass()
                    if result.transactions:
                        _events.emit(
                            "indexed",
                            transactions=result.transactions,
                            events=result.events,
                            unknown=result.unknown,
                            slot=self.last_slot,
                        )
                except IonetError as err:
                    self.last_error = str(err).splitlines()[0]
                    _events.emit("pass_failed", logging.WARNING, error=self.last_error)
                waiters = [asyncio.ensure_future(self.wake.wait()), asyncio.ensure_future(stop.wait())]
                await asyncio.wait(waiters, timeout=self.poll_secs, return_when=asyncio.FIRST_COMPLETED)
                for w in waiters:
                    w.cancel()
        finally:
            if listener is not None:
                listener.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await listener

    async def listen(self, stop: asyncio.Event) -> None:
        """Subscribe to each program's logs; every notification wakes the follower."""
        assert self.ws_url is not None
        delay = 0.5
        while not stop.is_set():
            try:
                async with websockets.connect(self.ws_url, max_size=1 << 22) as ws:
                    for i, program in enumerate(self.programs):
                        await ws.send(
                            json.dumps(
                                {
                                    "jsonrpc": "2.0",
                                    "id": i + 1,
                                    "method": "logsSubscribe",
                                    "params": [{"mentions": [program]}, {"commitment": str(self.commitment)}],
                                }
                            )
                        )
                    self._ws(True)
                    delay = 0.5
                    self.wake.set()  # anything landed while disconnected is caught up now
                    async for message in ws:
                        body = json.loads(message)
                        if body.get("method") == "logsNotification":
                            self.wake.set()
                        elif "error" in body:
                            raise websockets.InvalidMessage(f"logsSubscribe refused: {body['error']}")
            except (OSError, websockets.WebSocketException, json.JSONDecodeError, TimeoutError) as err:
                _events.emit("websocket_down", logging.WARNING, error=str(err), retry_in=delay)
            self._ws(False)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=delay)
            delay = min(delay * 2, 30.0)

    def _ws(self, up: bool) -> None:
        self.ws_connected = up
        self.metrics.ws_connected.set(1 if up else 0)


def _add(total: ApplyResult, r: ApplyResult) -> None:
    total.transactions += r.transactions
    total.events += r.events
    total.unknown += r.unknown
    total.truncated += r.truncated
    total.skipped += r.skipped
    total.promoted += r.promoted
    for k, v in r.names.items():
        total.names[k] = total.names.get(k, 0) + v
