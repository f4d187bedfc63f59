"""The agent's run watcher: starts the runs the escrow assigned to its node, sends usage
receipts while they run, and a last one when the job completes.

Restart-safe without local state: everything it decides comes from the chain. A run's
receipt is the *cumulative* GPU-seconds (`job_report_usage`), computed from the run's
on-chain `started_at` and the cluster clock, capped as the escrow caps it
(`usage_cap`: GPUs x elapsed, at most the duration, after completion at most up to
`completed_at`). A restarted agent recomputes the same figure, so nothing is reported
twice (the escrow keeps the largest, and refuses a decrease) and nothing is lost (the next
receipt covers the time the agent was down). What the GPUs run is the operator's
container runtime's business: `started` and `stopped` events are where it hooks in.

The receipts are also the run's liveness: the escrow lets anyone time out a running run
whose agent sent none for `report_timeout_secs` (its config, 900 s by default). The
watcher reads that from the chain at every step and reports at least every third of it
(`report_every`), whatever `report_every_secs` asks.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field

from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk._generated.ionet_escrow.accounts import Job, Run
from ionet_sdk._generated.ionet_escrow.constants import PROGRAM_ID as ESCROW_ID
from ionet_sdk._generated.ionet_escrow.types import JobState, RunStatus
from ionet_sdk.client import IonetClient
from ionet_sdk.errors import IonetError
from ionet_sdk.services.common.runtime import Events

RUN_NODE_OFFSET = 8 + 4 * 8 + 32  # discriminator, four i64 fields, the job
SECONDS_PER_HOUR = 3600
_events = Events("ionet.agent.runs")


def usage_cap(gpus: int, started_at: int, until: int, duration_secs: int) -> int:
    """GPU-seconds a run may have delivered by `until` (the escrow's `usage_cap`)."""
    return gpus * min(max(until - started_at, 0), duration_secs)


def report_every(wanted_secs: int, report_timeout_secs: int) -> int:
    """Seconds between two receipts of a running run: `wanted_secs`, at most a third of the
    escrow's `report_timeout_secs` (so that a receipt delayed by a poll interval, a retry or
    a busy RPC node still lands well before the run could be timed out as silent)."""
    return min(wanted_secs, report_timeout_secs // 3)


@dataclass(frozen=True, slots=True)
class Action:
    """What the watcher did for one run: `started`, `reported` (with `gpu_seconds`),
    `stopped`, or `failed` (with `error`)."""

    kind: str
    job: Pubkey
    gpu_seconds: int = 0
    error: str = ""


@dataclass
class RunWatcher:
    """`step()` once; `run(stop)` every `interval_secs`. `client`'s payer pays the fees
    (the agent key: it signs `job_start` and `job_report_usage`)."""

    client: IonetClient
    agent: Keypair
    node: Pubkey
    report_every_secs: int = 300
    """Least seconds between two receipts of a running job (the chain's `last_report_at`);
    capped at a third of the escrow's `report_timeout_secs` (`report_every`)."""
    stopped: set[bytes] = field(default_factory=set)
    every: int | None = None
    """The receipt cadence `step` last derived from the chain (`report_every`)."""

    async def runs(self) -> list[Run]:
        """This node's run accounts (getProgramAccounts, filtered on the node)."""
        infos = await self.client.conn.get_program_accounts(
            ESCROW_ID, memcmp=[(RUN_NODE_OFFSET, bytes(self.node))]
        )
        return [Run.decode(i.data) for i in infos if i.data[:8] == Run.DISCRIMINATOR]

    async def step(self) -> list[Action]:
        """Start assigned runs, report usage, note completed ones; errors per run are
        returned as `failed` actions, never raised (one bad run does not stop the others)."""
        now = (await self.client.conn.get_clock()).unix_timestamp
        timeout = (await self.client.escrow_config()).params.report_timeout_secs
        every = self.every = report_every(self.report_every_secs, timeout)
        actions = []
        for run in await self.runs():
            if run.agent != self.agent.pubkey():
                continue  # assigned under an earlier agent key
            try:
                action = await self._one(run, now, every)
            except IonetError as err:
                action = Action("failed", run.job, error=str(err).splitlines()[0])
            if action is not None:
                _events.emit(action.kind, job=str(action.job), gpu_seconds=action.gpu_seconds,
                             error=action.error)  # fmt: skip
                actions.append(action)
        return actions

    async def _one(self, run: Run, now: int, every: int) -> Action | None:
        status = RunStatus(run.status)
        if status not in (RunStatus.Assigned, RunStatus.Running):
            return None
        job = await Job.fetch(self.client.conn, run.job)
        if job is None:
            return None
        state = JobState(job.state)
        if status == RunStatus.Assigned:
            if state in (JobState.Open, JobState.Running) and now <= job.start_deadline:
                await self.client.start(self.agent, run.job, self.node)
                return Action("started", run.job)
            return None
        if job.report_timeout_secs:  # the job's own timeout (fixed at its creation) rules
            every = min(every, report_every(self.report_every_secs, job.report_timeout_secs))
        duration = job.duration_hours * SECONDS_PER_HOUR
        if state == JobState.Running:
            until = now
        elif state == JobState.Completed and now < job.challenge_ends_at:
            until = min(now, job.completed_at)
        else:
            return None
        target = usage_cap(run.gpus, run.started_at, until, duration)
        final = state == JobState.Completed
        if target > run.gpu_seconds and (final or now - run.last_report_at >= every):
            await self.client.report_usage(self.agent, run.job, self.node, target)
            return Action("reported", run.job, target)
        if final and bytes(run.job) not in self.stopped:
            self.stopped.add(bytes(run.job))
            return Action("stopped", run.job, run.gpu_seconds)
        return None

    async def run(self, stop: asyncio.Event, interval_secs: float = 30.0) -> None:
        """`step()` every `interval_secs`, or every `report_every` seconds if that is
        shorter (a poll slower than the receipts it must send would make them late)."""
        while not stop.is_set():
            try:
                await self.step()
            except IonetError as err:
                _events.emit("runs_unavailable", error=str(err).splitlines()[0])
            with contextlib.suppress(TimeoutError):
                wait = interval_secs if self.every is None else min(interval_secs, max(self.every, 1))
                await asyncio.wait_for(stop.wait(), timeout=wait)
