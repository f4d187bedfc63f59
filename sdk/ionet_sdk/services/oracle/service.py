"""The oracle service: `async def run(cfg, stop)`.

HTTP (aiohttp), all answers JSON, binary fields hex:

- `POST /v1/heartbeat`: body one signed heartbeat (200 bytes, application/octet-stream).
  200 `{"receipt": hex}` (232-byte signed receipt), or 4xx `{"error": code, "detail": text}`.
- `POST /v1/heartbeats`: body 1..max_batch signed heartbeats back to back. 200
  `{"results": [{"receipt": hex} | {"error": code, "detail": text}, ...]}` in order.
- `GET /v1/info`: the oracle's key, the config address, the epoch clock, the current epoch.
- `GET /v1/epochs/latest` and `GET /v1/epochs/{epoch}`: root, leaf count, signed statement.
- `GET /v1/epochs/{epoch}/nodes/{node}`: the node's leaf (hex and decoded), its proof.
- `GET /v1/health`: 200 while the writer commits and epochs close on time, 503 otherwise.

Refusal codes: malformed, wrong_config, wrong_epoch, late (timestamp off the oracle's
clock by more than max_skew_secs), bad_signature, unknown_node, wrong_agent, jailed,
replay (sequence not above the last accepted one), registry_unavailable, too_many.

A heartbeat is acknowledged only after the SQLite transaction holding it committed (the
writer groups whatever arrived while the previous commit ran into one transaction).
SIGTERM/SIGINT (through `stop`) stop accepting, flush the writer and exit.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey
from prometheus_client import CollectorRegistry, Counter, Histogram
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk import pda, registry, token, tx
from ionet_sdk._generated.ionet_registry import errors as reg_errors
from ionet_sdk._generated.ionet_token.accounts import TokenConfig
from ionet_sdk.accounts import AccountSource
from ionet_sdk.cluster import cluster_url, load_keypair
from ionet_sdk.connection import Connection
from ionet_sdk.errors import IonetError
from ionet_sdk.heartbeat import MessageError, Receipt, SignedHeartbeat
from ionet_sdk.liveness import Epochs, LivenessLeaf
from ionet_sdk.merkle import MerkleTree
from ionet_sdk.rpc import RpcConnection
from ionet_sdk.services.common.clock import ChainClock
from ionet_sdk.services.common.ops import add_ops_routes
from ionet_sdk.services.common.runtime import Events
from ionet_sdk.services.oracle.aggregate import BuiltEpoch, close_epoch, nodes_to_close
from ionet_sdk.services.oracle.config import OracleConfig
from ionet_sdk.services.oracle.directory import Directory
from ionet_sdk.services.oracle.store import HeartbeatRow, Store

log = logging.getLogger("ionet.oracle")
HTTP_STATUS = {
    "malformed": 400, "too_many": 413, "bad_signature": 401, "unknown_node": 403, "wrong_agent": 403,
    "jailed": 403, "wrong_config": 422, "wrong_epoch": 422, "late": 422, "replay": 409,
    "registry_unavailable": 503, "stopping": 503, "store_failed": 503,
}  # fmt: skip
TREES_IN_MEMORY = 4
PARALLEL_CHECKS_FROM = 32  # batches at least this large verify in `verify_threads` threads


class RefusedError(Exception):
    """Why one heartbeat was refused: `code` (see the module doc) and a readable `detail`."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


_events = Events("ionet.oracle")


def event(name: str, **fields: Any) -> None:
    """One structured log event (a JSON line with `--log-json`)."""
    _events.emit(name, **fields)


@dataclass(frozen=True, slots=True)
class _Checked:
    signed: SignedHeartbeat
    receipt: bytes


@dataclass
class _Pending:
    rows: list[HeartbeatRow]
    done: asyncio.Future[None]


@dataclass
class Oracle:
    """The service's state; `app()` is its HTTP interface."""

    cfg: OracleConfig
    keypair: Keypair
    config: Pubkey
    epochs: Epochs
    store: Store
    directory: Directory
    chain: Connection | None = None
    """Where root votes are sent (the registry's cluster); None: nowhere (logged)."""
    last_seq: dict[bytes, int] = field(default_factory=dict)
    trees: OrderedDict[int, BuiltEpoch] = field(default_factory=OrderedDict)
    queue: asyncio.Queue[_Pending | None] = field(default_factory=asyncio.Queue)
    accepting: bool = True
    writer_error: str | None = None
    last_commit: float = field(default_factory=time.monotonic)
    accepted: int = 0
    refused: int = 0
    clock: Callable[[], float] = time.time
    """unix seconds: the epochs, the skew check and receipts read it (`ChainClock.now`
    with `chain_clock`, for a validator whose clock is warped)."""

    def __post_init__(self) -> None:
        self.signer = SigningKey(bytes(self.keypair)[:32])
        self.oracle_key = self.keypair.pubkey()
        self.config_bytes = bytes(self.config)
        self.metrics = CollectorRegistry()
        self.m_heartbeats = Counter(
            "ionet_oracle_heartbeats", "heartbeats answered, by result", ["result"], registry=self.metrics
        )
        self.m_close = Histogram(
            "ionet_oracle_epoch_close_seconds", "time to aggregate an epoch and build its tree",
            registry=self.metrics, buckets=(0.1, 0.5, 1, 2.5, 5, 10, 30, 60),
        )  # fmt: skip

    # --- heartbeats

    def _check(self, signed: bytes, now: float) -> _Checked:
        """The checks that need no registry read, and the receipt signed in advance (it is
        sent only once the heartbeat is stored); raises RefusedError."""
        try:
            hb = SignedHeartbeat.from_bytes(signed)
        except MessageError as err:
            raise RefusedError("malformed", str(err)) from None
        beat = hb.heartbeat
        if beat.sequence >= 2**63:  # a u64 on the wire, an INTEGER (i64) in the store
            raise RefusedError("malformed", f"sequence {beat.sequence} above 2^63-1")
        if bytes(beat.config) != self.config_bytes:
            raise RefusedError(
                "wrong_config", f"heartbeat names config {beat.config}, this oracle serves {self.config}"
            )
        current = self.epochs.epoch_at(now)
        if beat.epoch != current:
            raise RefusedError(
                "wrong_epoch", f"heartbeat of epoch {beat.epoch}, the oracle is in epoch {current}"
            )
        if abs(beat.timestamp - now) > self.cfg.max_skew_secs:
            raise RefusedError(
                "late", f"timestamp {beat.timestamp} is {now - beat.timestamp:.0f} s off the oracle's clock"
            )
        try:
            VerifyKey(bytes(beat.agent)).verify(hb.message, hb.signature)
        except (BadSignatureError, ValueError):
            raise RefusedError("bad_signature", f"not signed by agent {beat.agent}") from None
        return _Checked(hb, self._receipt(hb, now))

    def _check_all(self, bodies: list[bytes], now: float) -> list[_Checked | RefusedError]:
        out: list[_Checked | RefusedError] = []
        for body in bodies:
            try:
                out.append(self._check(body, now))
            except RefusedError as refused:
                out.append(refused)
        return out

    async def accept(self, bodies: list[bytes]) -> list[bytes | RefusedError]:
        """Check, store durably, then sign a receipt for each heartbeat (in order)."""
        if not self.accepting:
            return [RefusedError("stopping", "the oracle is shutting down")] * len(bodies)
        now = self.clock()
        results: list[_Checked | RefusedError]
        if len(bodies) >= PARALLEL_CHECKS_FROM and self.cfg.verify_threads > 1:
            # libsodium releases the GIL: a batch's signatures verify (and its receipts are
            # signed) on every core.
            step = -(-len(bodies) // self.cfg.verify_threads)
            parts = await asyncio.gather(
                *(
                    asyncio.to_thread(self._check_all, bodies[i : i + step], now)
                    for i in range(0, len(bodies), step)
                )
            )
            results = [r for part in parts for r in part]
        else:
            results = self._check_all(bodies, now)
        checked = [r for r in results if isinstance(r, _Checked)]
        if checked:
            try:
                entries = await self.directory.get_many(bytes(r.signed.heartbeat.node) for r in checked)
            except IonetError as err:
                refusal = RefusedError("registry_unavailable", str(err).splitlines()[0])
                return [refusal if isinstance(r, _Checked) else r for r in results]
        rows: list[HeartbeatRow] = []
        # Received when checked: the epoch check and the presence credit use one instant.
        received_at = now
        for i, r in enumerate(results):
            if not isinstance(r, _Checked):
                continue
            beat = r.signed.heartbeat
            node = bytes(beat.node)
            why = Directory.refusal(entries[node], beat.agent)
            if why is not None:
                results[i] = RefusedError(why, f"node {beat.node}: {why.replace('_', ' ')}")
                continue
            # Check and advance the replay guard with no await in between.
            if beat.sequence <= self.last_seq.get(node, -1):
                results[i] = RefusedError(
                    "replay", f"sequence {beat.sequence} not above {self.last_seq[node]} for node {beat.node}"
                )
                continue
            self.last_seq[node] = beat.sequence
            rows.append(
                HeartbeatRow(
                    node, beat.sequence, beat.epoch, beat.timestamp, received_at, r.signed.to_bytes()
                )
            )
        if rows:
            pending = _Pending(rows, asyncio.get_running_loop().create_future())
            self.queue.put_nowait(pending)
            try:
                await asyncio.shield(pending.done)
            except Exception as err:  # the transaction rolled back: nothing was acknowledged
                failed = RefusedError("store_failed", f"not stored: {err}")
                return [failed if isinstance(r, _Checked) else r for r in results]
        out: list[bytes | RefusedError] = []
        for r in results:
            if isinstance(r, _Checked):
                out.append(r.receipt)
                self.accepted += 1
                self.m_heartbeats.labels("accepted").inc()
            else:
                out.append(r)
                self.refused += 1
                self.m_heartbeats.labels(r.code).inc()
        return out

    def _receipt(self, hb: SignedHeartbeat, received_at: float) -> bytes:
        beat = hb.heartbeat
        message = Receipt(
            self.config, self.oracle_key, beat.node, beat.epoch, beat.sequence, int(received_at), hb.digest
        ).to_bytes()
        return message + self.signer.sign(message).signature

    async def writer(self) -> None:
        """Group-commit loop: everything queued while a commit runs goes in the next one."""
        while True:
            first = await self.queue.get()
            batch = [first]
            while not self.queue.empty():
                batch.append(self.queue.get_nowait())
            pendings = [p for p in batch if p is not None]
            if pendings:
                rows = [row for p in pendings for row in p.rows]
                try:
                    await asyncio.to_thread(self.store.insert_heartbeats, rows)
                except Exception as err:
                    self.writer_error = str(err)
                    event("store_failed", error=str(err), rows=len(rows))
                    # The replay guard advanced for rows that were not stored: re-read it.
                    self.last_seq = await asyncio.to_thread(self.store.last_sequences)
                    for p in pendings:
                        p.done.set_exception(err)
                else:
                    self.writer_error = None
                    self.last_commit = time.monotonic()
                    for p in pendings:
                        p.done.set_result(None)
            if None in batch:
                return

    async def flush(self) -> None:
        """Wait until everything queued before this call is committed."""
        marker = _Pending([], asyncio.get_running_loop().create_future())
        self.queue.put_nowait(marker)
        with contextlib.suppress(Exception):
            await marker.done

    # --- epochs

    def next_epoch(self) -> int | None:
        last = self.store.last_epoch()
        if last is not None:
            return last.epoch + 1
        return self.store.first_heartbeat_epoch()

    async def closer(self, stop: asyncio.Event) -> None:
        """Close each epoch `settle_secs` after it ends, in order, catching up after downtime."""
        while not stop.is_set():
            target = await asyncio.to_thread(self.next_epoch)
            if target is not None and self.clock() >= self.epochs.end(target) + self.cfg.settle_secs:
                await self.close(target)
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=0.2)

    async def close(self, epoch: int) -> BuiltEpoch | None:
        await self.flush()
        started = time.perf_counter()
        nodes = await asyncio.to_thread(
            nodes_to_close, self.store, epoch, self.epochs, self.cfg.coverage_secs
        )
        try:
            entries = await self.directory.get_many(nodes)
        except IonetError as err:
            event("close_deferred", epoch=epoch, error=str(err).splitlines()[0])
            await asyncio.sleep(1.0)
            return None
        built = await asyncio.to_thread(
            functools.partial(
                close_epoch, self.store, epoch, epochs=self.epochs, coverage=self.cfg.coverage_secs,
                oracle=self.keypair, config=self.config, nodes=entries, retain_epochs=self.cfg.retain_epochs,
            )
        )  # fmt: skip
        if built is None:
            # No node in the tree (nothing heard, nothing carried): retried after a pause.
            event("epoch_empty", epoch=epoch)
            await asyncio.sleep(1.0)
            return None
        self._remember(epoch, built)
        self.m_close.observe(time.perf_counter() - started)
        event("root_ready", epoch=epoch, seconds=round(time.perf_counter() - started, 3))
        await self.commit_root(built)
        return built

    async def commit_root(self, built: BuiltEpoch) -> bool:
        """Vote this oracle's root of the epoch on-chain (`liveness_root_commit`, signed and
        paid by the oracle key; docs/liveness.md §6). True when the vote is on-chain (sent
        now, or already there: `OracleAlreadyVoted`, `RootFinal`); False when it could not
        be sent (no chain to send to, the key is not an oracle of the registry, an RPC or
        program error): logged as `root_commit_failed`, the root stays served over HTTP
        and `ionet oracle root --epoch N` prints what to commit. Never raises."""
        row = built.row
        fields = {"epoch": row.epoch, "root": row.root.hex(), "leaf_count": row.leaf_count}
        if self.chain is None:
            event("root_commit_failed", **fields, reason="no cluster to send to")
            return False
        ix = registry.build_liveness_root_commit_ix(self.oracle_key, row.epoch, row.root, row.leaf_count)
        try:
            result = await tx.send(self.chain, [ix], self.keypair)
        except (reg_errors.OracleAlreadyVoted, reg_errors.RootFinal) as already:
            event("root_committed", **fields, signature=None, note=type(already).__name__)
            return True
        except IonetError as failed:
            event("root_commit_failed", **fields, reason=f"{type(failed).__name__}: {failed}")
            return False
        event("root_committed", **fields, signature=str(result.signature))
        return True

    def _remember(self, epoch: int, built: BuiltEpoch) -> None:
        self.trees[epoch] = built
        self.trees.move_to_end(epoch)
        while len(self.trees) > TREES_IN_MEMORY:
            self.trees.popitem(last=False)

    async def tree(self, epoch: int) -> BuiltEpoch | None:
        if (built := self.trees.get(epoch)) is not None:
            return built
        row = await asyncio.to_thread(self.store.epoch, epoch)
        if row is None:
            return None
        leaves = await asyncio.to_thread(self.store.leaves, epoch)
        tree = await asyncio.to_thread(MerkleTree, leaves)
        index = {bytes(LivenessLeaf.from_bytes(leaf).node): i for i, leaf in enumerate(leaves)}
        built = BuiltEpoch(row, tree, index, leaves)
        self._remember(epoch, built)
        return built

    # --- HTTP

    def app(self) -> web.Application:
        app = web.Application(client_max_size=SignedHeartbeat.SIZE * self.cfg.max_batch + 1024)
        app.add_routes(
            [
                web.post("/v1/heartbeat", self.h_heartbeat),
                web.post("/v1/heartbeats", self.h_heartbeats),
                web.get("/v1/info", self.h_info),
                web.get("/v1/health", self.h_health),
                web.get("/v1/epochs/latest", self.h_latest),
                web.get("/v1/epochs/{epoch}", self.h_epoch),
                web.get("/v1/epochs/{epoch}/nodes/{node}", self.h_node),
            ]
        )
        add_ops_routes(app, self.metrics, self.problems)
        return app

    async def h_heartbeat(self, request: web.Request) -> web.Response:
        body = await request.read()
        [result] = await self.accept([body])
        if isinstance(result, RefusedError):
            return _refusal(result)
        return web.json_response({"receipt": result.hex()})

    async def h_heartbeats(self, request: web.Request) -> web.Response:
        body = await request.read()
        size = SignedHeartbeat.SIZE
        if not body or len(body) % size:
            return _refusal(
                RefusedError("malformed", f"a batch is a multiple of {size} bytes, got {len(body)}")
            )
        if len(body) // size > self.cfg.max_batch:
            return _refusal(RefusedError("too_many", f"at most {self.cfg.max_batch} heartbeats per batch"))
        results = await self.accept([body[i : i + size] for i in range(0, len(body), size)])
        return web.json_response(
            {
                "results": [
                    {"error": r.code, "detail": r.detail}
                    if isinstance(r, RefusedError)
                    else {"receipt": r.hex()}
                    for r in results
                ]
            }
        )

    async def h_info(self, _: web.Request) -> web.Response:
        return web.json_response(
            {
                "oracle": str(self.oracle_key),
                "config": str(self.config),
                "genesis_time": self.epochs.genesis_time,
                "epoch_secs": self.epochs.epoch_secs,
                "epoch": self.epochs.epoch_at(self.clock()),
                "coverage_secs": self.cfg.coverage_secs,
                "max_skew_secs": self.cfg.max_skew_secs,
            }
        )

    async def problems(self) -> list[str]:
        """What is wrong now (empty: healthy): the store failing, an epoch not closed in time."""
        problems = []
        if self.writer_error is not None:
            problems.append(f"store: {self.writer_error}")
        target = await asyncio.to_thread(self.next_epoch)
        now = self.clock()
        lag = now - (self.epochs.end(target) if target is not None else now)
        if lag > self.cfg.settle_secs + max(60.0, self.epochs.epoch_secs):
            problems.append(f"epoch {target} ended {lag:.0f} s ago and is not closed")
        return problems

    async def h_health(self, _: web.Request) -> web.Response:
        problems = await self.problems()
        target = await asyncio.to_thread(self.next_epoch)
        body = {
            "status": "ok" if not problems else "failing",
            "problems": problems,
            "accepting": self.accepting,
            "accepted": self.accepted,
            "refused": self.refused,
            "next_epoch_to_close": target,
        }
        return web.json_response(body, status=200 if not problems else 503)

    async def h_latest(self, _: web.Request) -> web.Response:
        row = await asyncio.to_thread(self.store.last_epoch)
        if row is None:
            return web.json_response({"error": "not_found", "detail": "no epoch closed yet"}, status=404)
        return await self._epoch_response(row.epoch)

    async def h_epoch(self, request: web.Request) -> web.Response:
        try:
            epoch = _epoch_param(request.match_info["epoch"])
        except RefusedError as refused:
            return _refusal(refused)
        return await self._epoch_response(epoch)

    async def _epoch_response(self, epoch: int) -> web.Response:
        row = await asyncio.to_thread(self.store.epoch, epoch)
        if row is None:
            return web.json_response(
                {"error": "not_found", "detail": f"epoch {epoch} not closed"}, status=404
            )
        return web.json_response(
            {
                "epoch": row.epoch,
                "root": row.root.hex(),
                "leaf_count": row.leaf_count,
                "statement": row.statement.hex(),
            }
        )

    async def h_node(self, request: web.Request) -> web.Response:
        try:
            epoch = _epoch_param(request.match_info["epoch"])
            node = Pubkey.from_string(request.match_info["node"])
        except RefusedError as refused:
            return _refusal(refused)
        except ValueError as err:
            return _refusal(RefusedError("malformed", str(err)))
        built = await self.tree(epoch)
        if built is None:
            return web.json_response(
                {"error": "not_found", "detail": f"epoch {epoch} not closed"}, status=404
            )
        index = built.index.get(bytes(node))
        if index is None:
            return web.json_response(
                {"error": "not_found", "detail": f"node {node} has no leaf in epoch {epoch}"}, status=404
            )
        leaf = built.leaves[index]
        proof = built.tree.proof(index)
        decoded = LivenessLeaf.from_bytes(leaf)
        return web.json_response(
            {
                "epoch": epoch,
                "root": built.row.root.hex(),
                "leaf": leaf.hex(),
                "proof": proof.to_bytes().hex(),
                "index": index,
                "leaf_count": built.row.leaf_count,
                "decoded": {
                    k: (str(v) if isinstance(v, Pubkey) else v)
                    for k, v in ((f, getattr(decoded, f)) for f in decoded.__slots__)
                },
            }
        )


def _epoch_param(raw: str) -> int:
    """An epoch from a URL: 0..2^63-1 (what SQLite's INTEGER holds); raises RefusedError."""
    try:
        epoch = int(raw)
    except ValueError:
        raise RefusedError("malformed", f"epoch {raw!r} is not a number") from None
    if not 0 <= epoch < 2**63:
        raise RefusedError("malformed", f"epoch {epoch} outside 0..2^63-1")
    return epoch


def _refusal(refused: RefusedError) -> web.Response:
    return web.json_response(
        {"error": refused.code, "detail": refused.detail}, status=HTTP_STATUS.get(refused.code, 400)
    )


async def resolve_epochs(cfg: OracleConfig, conn: AccountSource) -> Epochs:
    """The epoch clock: from the settings, or the IO token config on-chain for what they leave out."""
    if cfg.genesis_time is not None and cfg.epoch_secs is not None:
        return Epochs(cfg.genesis_time, cfg.epoch_secs)
    found = await TokenConfig.fetch(conn, token.CONFIG)
    if found is None:
        raise IonetError("no IO token config on the cluster: set genesis_time and epoch_secs")
    return Epochs(
        cfg.genesis_time if cfg.genesis_time is not None else found.genesis_time,
        cfg.epoch_secs if cfg.epoch_secs is not None else found.epoch_secs,
    )


async def run(cfg: OracleConfig, stop: asyncio.Event, conn: Connection | None = None) -> None:
    """Serve until `stop` is set; then stop accepting, commit what is queued, and return.
    `conn`: the registry's cluster (default: an RpcConnection to `cfg.rpc_url`): nodes are
    read from it and each closed epoch's root is voted to it."""
    keypair = load_keypair(cfg.keypair)  # a missing or bad key fails before anything starts
    own_conn = RpcConnection(cluster_url(cfg.rpc_url), retries=1) if conn is None else None
    source: Connection = conn or own_conn  # type: ignore[assignment]
    store = Store(cfg.db)
    try:
        epochs = await resolve_epochs(cfg, source)
        config = Pubkey.from_string(cfg.registry_config) if cfg.registry_config else pda.registry_config()
        clock = ChainClock(source, cfg.chain_clock_secs)
        if cfg.chain_clock:
            await clock.refresh()
        oracle = Oracle(
            cfg, keypair, config, epochs, store, Directory(source, cfg.registry_ttl_secs), chain=source,
            clock=clock.now if cfg.chain_clock else time.time,
        )  # fmt: skip
        oracle.last_seq = await asyncio.to_thread(store.last_sequences)
        runner = web.AppRunner(oracle.app(), access_log=None, handle_signals=False)
        await runner.setup()
        site = web.TCPSite(runner, cfg.host, cfg.port, reuse_address=True)
        await site.start()
        event(
            "started", oracle=str(oracle.oracle_key), config=str(config),
            epoch=epochs.epoch_at(oracle.clock()), settings=cfg.redacted(),
            resumed_nodes=len(oracle.last_seq),
        )  # fmt: skip
        try:
            async with asyncio.TaskGroup() as tasks:
                writer = tasks.create_task(oracle.writer())
                tasks.create_task(oracle.closer(stop))
                if cfg.chain_clock:
                    tasks.create_task(clock.follow(stop))
                await stop.wait()
                oracle.accepting = False
                await site.stop()  # no new connections; requests in flight finish
                oracle.queue.put_nowait(None)
                await writer
        finally:
            await runner.cleanup()
        event("stopped", accepted=oracle.accepted, refused=oracle.refused)
    finally:
        store.close()
        if own_conn is not None:
            await own_conn.close()
