"""The matching service: `async def run(cfg, stop)`; `Matcher` does the work.

- **Index**: every registry node, read once (`getProgramAccounts`) and then kept current
  by `programSubscribe` notifications (the registry's nodes, the escrow's jobs) on the
  cluster's websocket (a validator's RPC port + 1). Where there is no websocket or it
  drops, the matcher polls (`poll_secs`) and reconnects; with one it still reads
  everything again every `resync_secs`, so a missed notification heals.
- **Jobs**: an open or running job with GPUs unassigned and at least the escrow's minimum
  start window left is due. A notification wakes the matcher; every `interval_secs` it
  sweeps the due jobs anyway (retries).
- **Matching** (`Matcher.match`): the job is read again (the chain is the only state:
  nothing is remembered across restarts but coordinates), a cluster is picked
  (`index.NodeIndex.pick`), the picked nodes are read again and checked
  (`ionet_sdk.matcher.rejection`, free GPUs, no run of theirs on the job): a node that
  dropped is excluded and the cluster picked again. The whole remainder of the job is
  assigned in **one transaction** (several `job_assign` instructions of at most
  `MAX_ASSIGN_NODES` nodes, through an address lookup table when the accounts do not fit
  1,232 bytes), so a job is never left half-assigned by this matcher; the escrow refuses
  a node twice (its run exists) and more GPUs than the job's (`TooManyGpus`), so a
  restart or a second matcher can never assign twice. A failed assignment is retried at
  the next sweep with the failing nodes read again.
- **Re-matching**: a node assigned but not started `start_grace_secs` (chain time) after
  the matcher assigned it (or, after a restart, first saw the assignment) is withdrawn
  (`job_unassign`: no reputation effect, its run closed) while the job can still be
  assigned (`MIN_START_WINDOW_SECS` before its start deadline), and the job's GPUs are
  placed again without that node. A node whose agent declined its assignment
  (`job_unassign` signed by the agent) is likewise never picked for that job again.
- **Coordinates**: `POST /v1/coordinates` takes a node's Vivaldi coordinate signed by its
  agent key (`ionet_sdk.vivaldi.sign_coordinate`); JSON body `{"node", "x", "y",
  "height", "error", "ts", "near", "signature"}` (floats in ms, ts unix seconds
  increasing per node, near: up to 8 `[peer, rtt_ms]` the agent measured, signature hex
  over `ionet_sdk.vivaldi.coordinate_message`). 200 `{"ok": true}`, 400 malformed, 403 unknown node or bad
  signature, 409 not newer than the last.

Metrics: `ionet_matcher_jobs_matched_total`, `ionet_matcher_time_to_match_seconds` (from
when the matcher first saw the job to the assignment landing), `ionet_matcher_pick_seconds`,
`ionet_matcher_failures_total{kind}` (no_match, node_dropped, the program error's name,
unconfirmed, transport), `ionet_matcher_withdrawn_total` (assignments withdrawn),
`ionet_matcher_rpc_seconds{method}`, `ionet_matcher_index_nodes`,
`ionet_matcher_websocket_connected`.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from aiohttp import web
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from solders.address_lookup_table_account import AddressLookupTableAccount
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from websockets.asyncio.client import connect
from websockets.exceptions import WebSocketException

from ionet_sdk import escrow, lookup_tables, pda, tx
from ionet_sdk._generated.ionet_escrow.accounts import EscrowConfig, Job, Run
from ionet_sdk._generated.ionet_escrow.types import JobState, RunStatus
from ionet_sdk._generated.ionet_registry.accounts import Node, RegistryConfig
from ionet_sdk.client import JOB_SIZE, JOB_STATE, NODE_SIZE
from ionet_sdk.cluster import cluster_url, load_keypair
from ionet_sdk.connection import Connection
from ionet_sdk.errors import IonetError, ProgramError, TransactionUnconfirmedError, TransportError
from ionet_sdk.matcher import NoMatchError, Pick, rejection
from ionet_sdk.programs import ESCROW_ID, REGISTRY_ID
from ionet_sdk.rpc import RpcConnection
from ionet_sdk.services.common.ops import TimedConnection, add_ops_routes, rpc_latency
from ionet_sdk.services.common.runtime import Events
from ionet_sdk.services.common.settings import redacted
from ionet_sdk.services.matcher.config import MatcherConfig
from ionet_sdk.services.matcher.index import Need, NodeIndex, Placement
from ionet_sdk.vivaldi import MAX_NEAR, Coordinate, Near, verify_coordinate

events = Events("ionet.matcher")
MIN_START_WINDOW_SECS = 300  # the escrow's: job_assign needs this much before the start deadline
PACKET_BYTES = 1_232
PICK_ATTEMPTS = 4
CU_PER_NODE = 12_000  # job_assign measures 8,498..9,250 per node (README)
CU_BASE = 60_000


@dataclass(frozen=True, slots=True)
class MatchOutcome:
    """`result`: matched, not_due, no_match, failed; `placement` when matched."""

    job: Pubkey
    result: str
    placement: Placement | None = None
    detail: str = ""
    signature: str = ""


class Matcher:
    """The matcher's state and steps; `keypair` must be the escrow config's matcher."""

    packet_bytes = PACKET_BYTES
    """A transaction larger than this goes through an address lookup table."""

    def __init__(
        self,
        conn: Connection,
        keypair: Keypair,
        *,
        registry: CollectorRegistry | None = None,
        fee_percentile: int = 75,
        max_priority_fee: int = 100_000,
        coordinates_file: Path | None = None,
        start_grace_secs: int = 120,
    ) -> None:
        self.start_grace_secs = start_grace_secs
        self.pending: dict[Pubkey, dict[Pubkey, int]] = {}
        """job -> node -> chain time (s) the assignment was made or first seen, not yet started"""
        self.withdrawn: dict[Pubkey, set[Pubkey]] = {}
        """job -> nodes withdrawn from it: never picked for that job again"""
        self.metrics = registry or CollectorRegistry()
        self.conn = cast("Connection", TimedConnection(conn, rpc_latency(self.metrics, "matcher")))
        self.keypair = keypair
        self.fee_percentile = fee_percentile
        self.max_priority_fee = max_priority_fee
        self.coordinates_file = coordinates_file
        self.index: NodeIndex | None = None
        self.escrow_config: EscrowConfig | None = None
        self.jobs: dict[Pubkey, Job] = {}
        self.first_seen: dict[Pubkey, float] = {}
        self.coordinates: dict[Pubkey, tuple[Coordinate, int]] = {}
        self.near: dict[Pubkey, list[Near]] = {}
        self.wake = asyncio.Event()
        self.last_error = ""
        m = self.metrics
        self.matched = Counter("ionet_matcher_jobs_matched", "jobs fully assigned", registry=m)
        self.time_to_match = Histogram(
            "ionet_matcher_time_to_match_seconds", "first seen to assignment landed, s", registry=m,
            buckets=(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 90, 120, 300),
        )  # fmt: skip
        self.pick_seconds = Histogram(
            "ionet_matcher_pick_seconds", "choosing one cluster, s", registry=m,
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1),
        )  # fmt: skip
        self.failures = Counter("ionet_matcher_failures", "matching failures by kind", ["kind"], registry=m)
        self.withdrawals = Counter(
            "ionet_matcher_withdrawn", "assignments withdrawn (not started)", registry=m
        )
        self.index_nodes = Gauge("ionet_matcher_index_nodes", "nodes in the index", registry=m)
        self.ws_connected = Gauge("ionet_matcher_websocket_connected", "1 while subscribed", registry=m)
        self.load_coordinates()

    # --- the index

    async def reload(self) -> None:
        """Read every node and every open or running job again (getProgramAccounts)."""
        registry_config = await RegistryConfig.fetch(self.conn, pda.registry_config())
        escrow_config = await EscrowConfig.fetch(self.conn, pda.escrow_config())
        if registry_config is None or escrow_config is None:
            raise IonetError("the registry or escrow is not deployed on this cluster (`ionet deploy`)")
        if escrow_config.matcher != self.keypair.pubkey():
            raise IonetError(f"{self.keypair.pubkey()} is not the escrow's matcher ({escrow_config.matcher})")
        self.escrow_config = escrow_config
        index = self.index if self.index is not None else NodeIndex(registry_config.params)
        index.params = registry_config.params
        seen = set()
        for info in await self.conn.get_program_accounts(REGISTRY_ID, data_size=NODE_SIZE):
            index.upsert(info.address, Node.decode(info.data))
            seen.add(info.address)
        for address in set(index.slots) - seen:
            index.remove(address)
        for node, (coordinate, _) in self.coordinates.items():
            index.set_coordinate(node, coordinate)
            index.set_near(node, self.near.get(node, []))
        self.index = index
        self.index_nodes.set(len(index))
        jobs: dict[Pubkey, Job] = {}
        for state in (JobState.Open, JobState.Running):
            infos = await self.conn.get_program_accounts(
                ESCROW_ID, data_size=JOB_SIZE, memcmp=[(JOB_STATE, bytes([state]))]
            )
            jobs.update((i.address, Job.decode(i.data)) for i in infos)
        for address, job in jobs.items():
            self.on_job(address, job)
            if job.runs > job.runs_started:
                self.pending.setdefault(address, {})
        for address in set(self.jobs) - set(jobs):
            self.jobs.pop(address, None)

    def on_node(self, address: Pubkey, data: bytes) -> None:
        if self.index is not None and len(data) == NODE_SIZE:
            self.index.upsert(address, Node.decode(data))
            self.index_nodes.set(len(self.index))

    def on_job(self, address: Pubkey, job: Job) -> None:
        if job.state in (JobState.Open, JobState.Running) and job.gpus_assigned < job.gpu_count:
            if address not in self.jobs:
                self.first_seen.setdefault(address, time.monotonic())
                self.wake.set()
            self.jobs[address] = job
        else:
            self.jobs.pop(address, None)

    # --- subscriptions

    async def feed(self, url: str | None, stop: asyncio.Event, poll_secs: float, resync_secs: float) -> None:
        """Keep the index current until `stop`: websocket notifications (with a full read
        after subscribing and every `resync_secs`), else polling every `poll_secs`."""
        while not stop.is_set():
            if url is not None:
                await self.subscribed(url, stop, resync_secs)
                if stop.is_set():
                    return
                events.emit("polling", logging.WARNING, reason="websocket unavailable", every_secs=poll_secs)
            try:
                await self.reload()
                self.last_error = ""
            except (IonetError, OSError) as err:
                self.last_error = str(err).splitlines()[0]
                events.emit("reload_failed", logging.WARNING, error=self.last_error)
            await _wait(stop, poll_secs)

    async def subscribed(self, url: str, stop: asyncio.Event, resync_secs: float) -> None:
        """One websocket session: subscribe, read everything, apply notifications; returns
        when the socket fails or `stop` is set."""
        try:
            async with connect(url, max_size=1 << 24, open_timeout=5) as ws:
                kinds: dict[int, str] = {}
                requests = {1: (REGISTRY_ID, NODE_SIZE, "node"), 2: (ESCROW_ID, JOB_SIZE, "job")}
                for ident, (program, size, _) in requests.items():
                    config = {
                        "encoding": "base64",
                        "commitment": "confirmed",
                        "filters": [{"dataSize": size}],
                    }
                    await ws.send(json.dumps({
                        "jsonrpc": "2.0", "id": ident, "method": "programSubscribe",
                        "params": [str(program), config],
                    }))  # fmt: skip
                await self.reload()  # after subscribing: nothing between the two is missed
                self.ws_connected.set(1)
                events.emit("subscribed", url=url, nodes=len(self.index or ()), jobs=len(self.jobs))
                last_resync = time.monotonic()
                stopping = asyncio.ensure_future(stop.wait())
                try:
                    while not stop.is_set():
                        receiving = asyncio.ensure_future(ws.recv())
                        done, _ = await asyncio.wait(
                            {receiving, stopping}, timeout=resync_secs, return_when=asyncio.FIRST_COMPLETED
                        )
                        if receiving not in done:
                            receiving.cancel()
                            with contextlib.suppress(asyncio.CancelledError, WebSocketException):
                                await receiving
                        else:
                            self.on_message(receiving.result(), requests, kinds)
                        if time.monotonic() - last_resync >= resync_secs:
                            await self.reload()
                            last_resync = time.monotonic()
                finally:
                    stopping.cancel()
        except (OSError, WebSocketException, TimeoutError, IonetError, ValueError) as err:
            events.emit(
                "websocket_down",
                logging.WARNING,
                url=url,
                error=str(err).splitlines()[0] if str(err) else type(err).__name__,
            )
        finally:
            self.ws_connected.set(0)

    def on_message(
        self, raw: str | bytes, requests: dict[int, tuple[Pubkey, int, str]], kinds: dict[int, str]
    ) -> None:
        message = json.loads(raw)
        if "id" in message and message.get("id") in requests:
            if "error" in message:
                raise IonetError(f"programSubscribe refused: {message['error']}")
            kinds[int(message["result"])] = requests[message["id"]][2]
            return
        if message.get("method") != "programNotification":
            return
        params = message["params"]
        kind = kinds.get(params["subscription"])
        value = params["result"]["value"]
        address = Pubkey.from_string(value["pubkey"])
        data = base64.b64decode(value["account"]["data"][0])
        if kind == "node":
            self.on_node(address, data)
        elif kind == "job" and len(data) == JOB_SIZE:
            self.on_job(address, Job.decode(data))

    # --- matching

    def due(self, job: Job, now: int) -> bool:
        return (
            job.state in (JobState.Open, JobState.Running)
            and job.gpus_assigned < job.gpu_count
            and now + MIN_START_WINDOW_SECS <= job.start_deadline
        )

    async def sweep(self) -> list[MatchOutcome]:
        """Match every due job once (oldest first)."""
        if self.index is None:
            return []
        now = (await self.conn.get_clock()).unix_timestamp
        await self.withdraw_stalled(now)
        order = sorted(self.jobs, key=lambda a: (self.jobs[a].created_at, str(a)))
        return [await self.match(a) for a in order if self.due(self.jobs[a], now)]

    async def match(self, address: Pubkey) -> MatchOutcome:
        """Assign the rest of the job at `address` in one transaction (see the module doc)."""
        assert self.index is not None
        assert self.escrow_config is not None
        job = await Job.fetch(self.conn, address)
        now = (await self.conn.get_clock()).unix_timestamp
        if job is None or not self.due(job, now):
            if job is not None:
                self.on_job(address, job)
            else:
                self.jobs.pop(address, None)
            return MatchOutcome(address, "not_due")
        params = self.escrow_config.params
        need = Need.of(job, params.min_reputation_bps, params.max_nodes_per_job - job.runs)
        exclude: set[Pubkey] = set()
        if job.runs:
            exclude = {r.node for r in await self._runs(address)}
        exclude |= self.withdrawn.get(address, set())
        try:
            placement = await self._checked_pick(job, need, now, exclude)
        except NoMatchError as err:
            self.failures.labels("no_match").inc()
            events.emit("no_match", logging.INFO, job=str(address), gpus=need.gpus, why=str(err))
            return MatchOutcome(address, "no_match", detail=str(err))
        try:
            signature = await self._assign(address, placement.picks)
        except ProgramError as err:
            self.failures.labels(err.error_name).inc()
            await self._refresh([p.node for p in placement.picks])
            events.emit("assign_failed", logging.WARNING, job=str(address), error=err.error_name)
            return MatchOutcome(address, "failed", placement, err.error_name)
        except TransactionUnconfirmedError as err:  # may land: the next sweep reads the job again
            self.failures.labels("unconfirmed").inc()
            return MatchOutcome(address, "failed", placement, str(err).splitlines()[0])
        except (TransportError, IonetError) as err:
            self.failures.labels("transport").inc()
            return MatchOutcome(address, "failed", placement, str(err).splitlines()[0])
        self.index.hold(placement.picks)
        self.pending.setdefault(address, {}).update((p.node, now) for p in placement.picks)
        self.matched.inc()
        seen = self.first_seen.pop(address, None)
        if seen is not None:
            self.time_to_match.observe(time.monotonic() - seen)
        self.jobs.pop(address, None)
        events.emit(
            "matched", job=str(address), gpus=need.gpus, rule=placement.rule,
            nodes=[f"{p.node}:{p.gpus}" for p in placement.picks], signature=signature,
            worst_rtt_ms=None if placement.worst_rtt_ms is None else round(placement.worst_rtt_ms, 3),
            min_bandwidth_mbps=placement.min_bandwidth_mbps,
        )  # fmt: skip
        return MatchOutcome(address, "matched", placement, signature=signature)

    async def withdraw_stalled(self, now: int) -> list[Pubkey]:
        """Withdraw (`job_unassign`) every assignment not started `start_grace_secs` after
        it was made or first seen, while its job can still be assigned (at least
        `MIN_START_WINDOW_SECS` before its start deadline); the job is
        then due again and matched without those nodes (and without nodes whose agent
        declined their assignment meanwhile). Returns the nodes withdrawn."""
        withdrawn: list[Pubkey] = []
        released: list[Pubkey] = []
        changed: set[Pubkey] = set()
        for address, since in list(self.pending.items()):
            job = await Job.fetch(self.conn, address)
            # Only while the GPUs can still be placed again (job_assign's start window):
            # later a withdrawal would only wipe the failure of a node that did not start.
            if (
                job is None
                or job.state not in (JobState.Open, JobState.Running)
                or now + MIN_START_WINDOW_SECS > job.start_deadline
            ):
                self.pending.pop(address, None)
                continue
            runs = await self._runs(address)
            assigned = {r.node: r for r in runs if r.status == RunStatus.Assigned}
            # A run of ours closed while its job is open or running was unassigned by
            # someone else: its agent declined. Never hand the job back to that node
            # (an assign/decline loop; an identical assignment could even be taken
            # for an already processed transaction and nothing assigned).
            declined = set(since) - {r.node for r in runs}
            if declined:
                self.withdrawn.setdefault(address, set()).update(declined)
                changed.add(address)
                released.extend(declined)
                events.emit("declined", job=str(address), nodes=[str(n) for n in declined])
            for node in set(since) - set(assigned):
                since.pop(node)  # started, declined, or removed by someone else
            for node in assigned:
                since.setdefault(node, now)
            if not since:
                self.pending.pop(address, None)
                continue
            for node, run in assigned.items():
                if now - since[node] < self.start_grace_secs:
                    continue
                ix = escrow.build_job_unassign_ix(
                    address, node, rent_payer=run.rent_payer, signer=self.keypair.pubkey()
                )
                try:
                    result = await self.conn.send_transaction(
                        tx.build_transaction([ix], self.keypair, [], await self.conn.latest_blockhash())
                    )
                except ProgramError as err:  # it started meanwhile, or the deadline passed
                    self.failures.labels(err.error_name).inc()
                    events.emit(
                        "withdraw_failed", logging.INFO, job=str(address), node=str(node),
                        error=err.error_name,
                    )  # fmt: skip
                    continue
                except (TransactionUnconfirmedError, TransportError) as err:
                    self.failures.labels("transport").inc()
                    events.emit(
                        "withdraw_failed", logging.WARNING, job=str(address), error=str(err).splitlines()[0]
                    )
                    continue
                since.pop(node)
                self.withdrawn.setdefault(address, set()).add(node)
                self.withdrawals.inc()
                withdrawn.append(node)
                changed.add(address)
                events.emit(
                    "withdrawn", job=str(address), node=str(node), gpus=run.gpus,
                    waited_secs=self.start_grace_secs, signature=str(result.signature),
                )  # fmt: skip
        for address in changed:  # due again: matched at this sweep
            job = await Job.fetch(self.conn, address)
            if job is not None:
                self.on_job(address, job)
        if withdrawn or released:
            await self._refresh([*withdrawn, *released])
        return withdrawn

    async def _runs(self, job: Pubkey) -> list[Run]:
        infos = await self.conn.get_program_accounts(
            ESCROW_ID, memcmp=[(0, Run.DISCRIMINATOR), (8 + 32, bytes(job))]
        )
        return [Run.decode(i.data) for i in infos]

    async def _refresh(self, nodes: list[Pubkey]) -> list[Node | None]:
        assert self.index is not None
        fresh = [
            Node.decode(i.data) if i is not None else None
            for i in await self.conn.get_multiple_accounts(nodes)
        ]
        for address, node in zip(nodes, fresh, strict=True):
            if node is None:
                self.index.remove(address)
            else:
                self.index.upsert(address, node)
        return fresh

    async def _checked_pick(self, job: Job, need: Need, now: int, exclude: set[Pubkey]) -> Placement:
        """Pick, then read the picked nodes again: one that no longer qualifies (it
        dropped, another job took its GPUs, its minimum price rose) is excluded and the
        cluster picked again."""
        assert self.index is not None
        assert self.escrow_config is not None
        floor = self.escrow_config.params.min_reputation_bps
        for _ in range(PICK_ATTEMPTS):
            start = time.perf_counter()
            placement = self.index.pick(need, now, exclude)
            self.pick_seconds.observe(time.perf_counter() - start)
            nodes = [p.node for p in placement.picks]
            fresh = await self._refresh(nodes)
            runs = await self.conn.get_multiple_accounts([pda.run(job_address(job), n) for n in nodes])
            dropped = [
                p.node
                for p, node, run in zip(placement.picks, fresh, runs, strict=True)
                if node is None
                or run is not None
                or rejection(node, job, self.index.params, floor, now) is not None
                or node.declared.gpu_count - node.committed_gpus < p.gpus
            ]
            if not dropped:
                return placement
            self.failures.labels("node_dropped").inc(len(dropped))
            events.emit("node_dropped", logging.INFO, nodes=[str(n) for n in dropped], action="pick again")
            exclude |= set(dropped)
        raise NoMatchError(f"nodes kept dropping out after {PICK_ATTEMPTS} picks")

    async def _assign(self, job: Pubkey, picks: list[Pick]) -> str:
        me = self.keypair.pubkey()
        pairs = [(p.node, p.gpus) for p in picks]
        chunk = escrow.MAX_ASSIGN_NODES
        ixs = [
            escrow.build_job_assign_ix(job, pairs[i : i + chunk], me, me) for i in range(0, len(pairs), chunk)
        ]
        writable = [m.pubkey for ix in ixs for m in ix.accounts if m.is_writable and m.pubkey != me]
        fee = min(
            tx.priority_fee(await self.conn.recent_prioritization_fees(writable[:128]), self.fee_percentile),
            self.max_priority_fee,
        )
        units = min(1_400_000, CU_BASE * len(ixs) + CU_PER_NODE * len(pairs)) if len(pairs) > 8 else None
        budgeted = tx.with_compute_budget(ixs, units, fee or None)
        tables: list[AddressLookupTableAccount] = []
        blockhash = await self.conn.latest_blockhash()
        if len(bytes(tx.build_transaction(budgeted, self.keypair, [], blockhash))) > self.packet_bytes:
            tables = [await self._lookup_table(ixs)]
            blockhash = await self.conn.latest_blockhash()
        signed = tx.build_transaction(budgeted, self.keypair, [], blockhash, tables)
        result = await self.conn.send_transaction(signed)
        return str(result.signature)

    async def _lookup_table(self, ixs: list[Instruction]) -> AddressLookupTableAccount:
        """A table of the batch's accounts (not the signer, not the programs invoked)."""
        programs = {ix.program_id for ix in ixs}
        addresses = [
            m.pubkey
            for ix in ixs
            for m in ix.accounts
            if m.pubkey != self.keypair.pubkey() and m.pubkey not in programs
        ]
        return await lookup_tables.create_lookup_table(
            self.conn, self.keypair, list(dict.fromkeys(addresses))
        )

    async def loop(self, stop: asyncio.Event, interval: float) -> None:
        """Sweep on each notification of a new job, and every `interval` seconds."""
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wake.wait(), interval)
            self.wake.clear()
            if stop.is_set():
                return
            try:
                await self.sweep()
            except (IonetError, OSError) as err:
                self.last_error = str(err).splitlines()[0]
                events.emit("sweep_failed", logging.WARNING, error=self.last_error)

    # --- coordinates

    def accept_coordinate(self, body: dict[str, Any]) -> tuple[int, str]:
        """Check and record one signed coordinate; (HTTP status, error text or "")."""
        try:
            node = Pubkey.from_string(str(body["node"]))
            coordinate = Coordinate(
                float(body["x"]), float(body["y"]), float(body["height"]), float(body["error"])
            )
            ts = int(body["ts"])
            if not 0 <= ts < 2**63:  # signed as an i64: a larger one cannot be the agent's
                raise ValueError(f"ts {ts} outside 0..2^63-1")
            signature = bytes.fromhex(str(body["signature"]))
            near = [(Pubkey.from_string(str(peer)), float(rtt)) for peer, rtt in body.get("near", [])]
            if len(near) > MAX_NEAR:
                raise ValueError(f"at most {MAX_NEAR} near peers")
        except (KeyError, ValueError, TypeError, OverflowError) as err:  # Overflow: int(1e400)
            return 400, f"malformed coordinate: {err}"
        slot = self.index.slots.get(node) if self.index is not None else None
        stored = self.index.nodes[slot] if self.index is not None and slot is not None else None
        if stored is None:
            return 403, f"unknown node {node}"
        if not verify_coordinate(stored.agent, node, coordinate, ts, signature, near=near):
            return 403, "bad signature (not the node's agent key) or a non-finite coordinate"
        last = self.coordinates.get(node)
        if last is not None and ts <= last[1]:
            return 409, f"not newer than the last coordinate (ts {last[1]})"
        self.coordinates[node] = (coordinate, ts)
        self.near[node] = near
        assert self.index is not None
        self.index.set_coordinate(node, coordinate)
        self.index.set_near(node, near)
        return 200, ""

    def load_coordinates(self) -> None:
        if self.coordinates_file is None or not self.coordinates_file.exists():
            return
        try:
            data = json.loads(self.coordinates_file.read_text())
            for node, c in data.items():
                address = Pubkey.from_string(node)
                self.coordinates[address] = (
                    Coordinate(c["x"], c["y"], c["height"], c["error"]),
                    int(c["ts"]),
                )
                self.near[address] = [(Pubkey.from_string(p), float(r)) for p, r in c.get("near", [])]
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise IonetError(f"coordinates file {self.coordinates_file}: {err}") from None

    def save_coordinates(self) -> None:
        if self.coordinates_file is None:
            return
        data = {
            str(n): {
                "x": c.x,
                "y": c.y,
                "height": c.height,
                "error": c.error,
                "ts": ts,
                "near": [[str(p), r] for p, r in self.near.get(n, [])],
            }
            for n, (c, ts) in self.coordinates.items()
        }
        temporary = self.coordinates_file.with_suffix(".tmp")
        temporary.write_text(json.dumps(data))
        temporary.replace(self.coordinates_file)

    def app(self) -> web.Application:
        app = web.Application(client_max_size=4096)

        async def h_coordinate(request: web.Request) -> web.Response:
            try:
                body = await request.json()
            except ValueError:
                return web.json_response({"error": "body is not JSON"}, status=400)
            status, error = self.accept_coordinate(body if isinstance(body, dict) else {})
            return web.json_response({"ok": True} if status == 200 else {"error": error}, status=status)

        app.router.add_post("/v1/coordinates", h_coordinate)
        add_ops_routes(app, self.metrics, self.problems)
        return app

    def problems(self) -> list[str]:
        out = []
        if self.index is None:
            out.append("index not loaded")
        if self.last_error:
            out.append(self.last_error)
        return out


def job_address(job: Job) -> Pubkey:
    return pda.job(job.client, job.job_id)


async def _wait(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)


async def run(cfg: MatcherConfig, stop: asyncio.Event, conn: Connection | None = None) -> None:
    """Match until `stop` is set; then finish the assignment in flight, keep the
    coordinates, and return."""
    keypair = load_keypair(cfg.keypair)
    own = RpcConnection(cluster_url(cfg.rpc_url)) if conn is None else None
    matcher = Matcher(
        conn or cast("Connection", own), keypair, fee_percentile=cfg.fee_percentile,
        max_priority_fee=cfg.max_priority_fee, coordinates_file=cfg.coordinates_file,
        start_grace_secs=cfg.start_grace_secs,
    )  # fmt: skip
    runner: web.AppRunner | None = None
    try:
        if cfg.port:
            runner = web.AppRunner(matcher.app(), access_log=None, handle_signals=False)
            await runner.setup()
            await web.TCPSite(runner, cfg.host, cfg.port, reuse_address=True).start()
        url = cfg.websocket()
        events.emit("started", matcher=str(keypair.pubkey()), websocket=url or "none", settings=redacted(cfg))
        async with asyncio.TaskGroup() as tasks:
            tasks.create_task(matcher.feed(url, stop, cfg.poll_secs, cfg.resync_secs))
            tasks.create_task(matcher.loop(stop, cfg.interval_secs))
        events.emit("stopped", jobs_open=len(matcher.jobs))
    finally:
        matcher.save_coordinates()
        if runner is not None:
            await runner.cleanup()
        if own is not None:
            await own.close()
