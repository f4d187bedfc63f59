"""The keeper service: `async def run(cfg, stop)`; one pass is `Keeper.tick()`.

Each pass reads one snapshot (`steps.read_snapshot`) and runs the steps of `steps.STEPS`
in order. Every task is built again from fresh chain state just before it is sent (so a
keeper acting on a stale snapshot sends nothing), is sent at most once with a priority
fee from `getRecentPrioritizationFees` for the accounts it locks (capped), and ends as:

- `done`: it landed;
- `skipped`: no longer due when re-checked (someone else did it);
- `raced`: it failed with an error that means someone else did it between the re-check
  and the landing (`steps.RACED_ERRORS`) — two keepers never count each other's work
  as failures;
- `deferred`: the program says not yet (the circuit breaker, the slash cap); tried again
  next pass;
- `failed`: anything else (logged with the error; counted by kind).

Metrics (`GET /metrics`): `ionet_keeper_actions_total{step,result}`,
`ionet_keeper_failures_total{step,error}`, `ionet_keeper_pass_seconds`,
`ionet_keeper_rpc_seconds{method}`. `GET /health` fails when the last pass failed or
no pass completed for three intervals.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from aiohttp import web
from prometheus_client import CollectorRegistry, Counter, Histogram
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk import tx
from ionet_sdk.cluster import cluster_url, load_keypair
from ionet_sdk.connection import Connection
from ionet_sdk.errors import (
    BlockhashExpiredError,
    IonetError,
    ProgramError,
    TransactionFailedError,
    TransportError,
)
from ionet_sdk.rpc import RpcConnection
from ionet_sdk.services.common.ops import TimedConnection, add_ops_routes, rpc_latency
from ionet_sdk.services.common.runtime import Events
from ionet_sdk.services.common.settings import redacted
from ionet_sdk.services.keeper.config import KeeperConfig
from ionet_sdk.services.keeper.steps import (
    DEFERRED_ERRORS,
    RACED_ERRORS,
    STEPS,
    Context,
    Step,
    Task,
    read_snapshot,
)

events = Events("ionet.keeper")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one task: `result` (done, skipped, raced, deferred, failed),
    `error` (the program error's name or the exception class), the signature if it landed."""

    step: str
    target: str
    result: str
    error: str = ""
    signature: str = ""


class Keeper:
    """Cranks `steps` (default: all of `STEPS`) with `payer` signing and paying;
    `oracles`: base URLs the sync step reads nodes' leaves from."""

    def __init__(
        self,
        conn: Connection,
        payer: Keypair,
        *,
        steps: Sequence[Step] = STEPS,
        registry: CollectorRegistry | None = None,
        fee_percentile: int = 75,
        max_priority_fee: int = 100_000,
        oracles: Sequence[str] = (),
    ) -> None:
        self.metrics = registry or CollectorRegistry()
        self.conn = cast("Connection", TimedConnection(conn, rpc_latency(self.metrics, "keeper")))
        self.payer = payer
        self.steps = list(steps)
        self.fee_percentile = fee_percentile
        self.max_priority_fee = max_priority_fee
        self.ctx = Context(self.conn, payer.pubkey(), tuple(oracles))
        self.actions = Counter(
            "ionet_keeper_actions",
            "keeper tasks by step and result",
            ["step", "result"],
            registry=self.metrics,
        )
        self.failures = Counter(
            "ionet_keeper_failures",
            "failed keeper tasks by step and error",
            ["step", "error"],
            registry=self.metrics,
        )
        self.pass_seconds = Histogram(
            "ionet_keeper_pass_seconds", "one pass over the chain", registry=self.metrics
        )
        self.last_pass_ok: float | None = None
        self.last_error = ""

    async def tick(self) -> list[Outcome]:
        """One pass: read a snapshot, run every step's due tasks in order. Raises
        `TransportError` / `IonetError` when the snapshot cannot be read."""
        start = time.perf_counter()
        snap = await read_snapshot(self.conn)
        outcomes = []
        for step in self.steps:
            for task in step.find(snap, self.ctx):
                outcomes.append(await self.perform(task))
                if step.serial and outcomes[-1].result == "deferred":
                    break
        self.pass_seconds.observe(time.perf_counter() - start)
        return outcomes

    async def perform(self, task: Task) -> Outcome:
        """Re-check and send one task; never raises for the task's own failure."""
        try:
            ixs = await task.build()
            if not ixs:
                return self._record(task, "skipped", "no longer due on-chain")
            try:
                signature = await self._send(ixs)
            except ProgramError as err:
                if err.error_name in DEFERRED_ERRORS and task.smaller is not None:
                    events.emit("retry_smaller", step=task.step, target=task.target, error=err.error_name)
                    smaller = await task.smaller()
                    if not smaller:
                        return self._record(task, "skipped", "no longer due on-chain")
                    signature = await self._send(smaller)
                else:
                    raise
            return self._record(task, "done", signature=signature)
        except ProgramError as err:
            if err.error_name in RACED_ERRORS or err.error_name in task.raced:
                return self._record(task, "raced", err.error_name)
            if err.error_name in DEFERRED_ERRORS:
                return self._record(task, "deferred", err.error_name)
            return self._record(task, "failed", err.error_name, detail=str(err))
        except (TransactionFailedError, BlockhashExpiredError, TransportError, IonetError) as err:
            return self._record(task, "failed", type(err).__name__, detail=str(err).splitlines()[0])

    async def _send(self, ixs: list[Instruction]) -> str:
        writable = list(
            dict.fromkeys(
                m.pubkey
                for ix in ixs
                for m in ix.accounts
                if m.is_writable and m.pubkey != self.payer.pubkey()
            )
        )
        fee = await self.priority_fee(writable)
        result = await tx.send(self.conn, ixs, self.payer, micro_lamports_per_unit=fee or None)
        return str(result.signature)

    async def priority_fee(self, accounts: list[Pubkey]) -> int:
        """micro-lamports per CU: the configured percentile of the recent fees paid for
        transactions locking `accounts`, capped at `max_priority_fee` (0 when quiet)."""
        recent = await self.conn.recent_prioritization_fees(accounts[:128])
        return min(tx.priority_fee(recent, self.fee_percentile), self.max_priority_fee)

    def _record(
        self, task: Task, result: str, error: str = "", *, signature: str = "", detail: str = ""
    ) -> Outcome:
        self.actions.labels(task.step, result).inc()
        if result == "failed":
            self.failures.labels(task.step, error).inc()
        level = (
            logging.WARNING if result == "failed" else logging.DEBUG if result == "skipped" else logging.INFO
        )
        events.emit(
            task.step, level, target=task.target, why=task.why, result=result,
            **({"error": error} if error else {}), **({"detail": detail} if detail else {}),
            **({"signature": signature} if signature else {}),
        )  # fmt: skip
        return Outcome(task.step, task.target, result, error, signature)

    def problems(self, interval: float) -> list[str]:
        """For `/health`: the last pass failed, or none succeeded for three intervals."""
        out = []
        if self.last_error:
            out.append(f"last pass failed: {self.last_error}")
        if self.last_pass_ok is None or time.monotonic() - self.last_pass_ok > 3 * interval + 30:
            out.append("no successful pass recently")
        return out

    async def loop(self, stop: asyncio.Event, interval: float) -> None:
        """Pass after pass until `stop`; a pass that cannot read the chain is logged and retried."""
        while not stop.is_set():
            try:
                outcomes = await self.tick()
                self.last_pass_ok, self.last_error = time.monotonic(), ""
                if outcomes:
                    counts: dict[str, int] = {}
                    for o in outcomes:
                        counts[o.result] = counts.get(o.result, 0) + 1
                    events.emit("pass", **counts)
            except (IonetError, OSError) as err:
                self.last_error = str(err).splitlines()[0]
                events.emit("pass_failed", logging.WARNING, error=self.last_error)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), interval)


async def run(cfg: KeeperConfig, stop: asyncio.Event, conn: Connection | None = None) -> None:
    """Crank until `stop` is set, then finish the action in flight and return."""
    payer = load_keypair(cfg.keypair)
    own = RpcConnection(cluster_url(cfg.rpc_url)) if conn is None else None
    chosen = [s for s in STEPS if not cfg.step_names() or s.name in cfg.step_names()]
    keeper = Keeper(
        conn or cast("Connection", own), payer, steps=chosen,
        fee_percentile=cfg.fee_percentile, max_priority_fee=cfg.max_priority_fee,
        oracles=cfg.oracle_urls(),
    )  # fmt: skip
    runner: web.AppRunner | None = None
    try:
        if cfg.port:
            app = web.Application()
            add_ops_routes(app, keeper.metrics, lambda: keeper.problems(cfg.interval_secs))
            runner = web.AppRunner(app, access_log=None, handle_signals=False)
            await runner.setup()
            await web.TCPSite(runner, cfg.host, cfg.port, reuse_address=True).start()
        events.emit(
            "started", keeper=str(payer.pubkey()), steps=[s.name for s in chosen], settings=redacted(cfg)
        )
        await keeper.loop(stop, cfg.interval_secs)
        events.emit("stopped")
    finally:
        if runner is not None:
            await runner.cleanup()
        if own is not None:
            await own.close()
