"""The agent's run watcher on the escrow (in-process SVM, its clock warped): it starts its
node's assigned run, reports cumulative usage, survives a restart without reporting twice
or losing time, sends a last receipt at completion and stops."""

from __future__ import annotations

from ionet_sdk._generated.ionet_escrow.types import RunStatus
from ionet_sdk.client import IonetClient
from ionet_sdk.services.agent.runs import RunWatcher, report_every
from ionet_sdk.testing.registry import NodeHandle

from .escrow_env import EscrowEnv


def watcher(market: EscrowEnv, node: NodeHandle) -> RunWatcher:
    return RunWatcher(IonetClient(market.conn, node.agent), node.agent, node.address, report_every_secs=60)


async def test_the_watcher_starts_reports_survives_a_restart_and_stops(market: EscrowEnv) -> None:
    node, other = await market.active_node(), await market.active_node()
    job = await market.create_job(gpu_count=8)
    await market.assign(job, node)
    other_job = await market.create_job(gpu_count=8)
    await market.assign(other_job, other)  # another node's run: not this agent's business

    first = watcher(market, node)
    [started] = await first.step()
    assert (started.kind, started.job) == ("started", job.address)
    run = await market.run(job, node)
    assert RunStatus(run.status) == RunStatus.Running
    assert RunStatus((await market.run(other_job, other)).status) == RunStatus.Assigned
    assert await first.step() == []  # nothing elapsed: nothing to report

    market.conn.warp(600)
    [reported] = await first.step()
    assert (reported.kind, reported.gpu_seconds) == ("reported", run.gpus * 600)

    # A restart: a new watcher with no memory reports nothing twice...
    second = watcher(market, node)
    assert await second.step() == []
    assert (await market.run(job, node)).gpu_seconds == run.gpus * 600
    # ...and loses nothing: the next receipt is cumulative, covering the downtime.
    market.conn.warp(900)
    [reported] = await second.step()
    assert reported.gpu_seconds == run.gpus * 1500
    assert (await market.run(job, node)).gpu_seconds == run.gpus * 1500

    # The client completes the job: a last receipt up to completion, then stop, once.
    market.conn.warp(30)  # under report_every_secs: no receipt while running
    assert await second.step() == []
    await market.complete(job)
    completed_at = (await market.job(job)).completed_at
    market.conn.warp(120)
    [final] = await second.step()
    assert (final.kind, final.gpu_seconds) == ("reported", run.gpus * (completed_at - run.started_at))
    [stopped] = await second.step()
    assert stopped.kind == "stopped"
    assert await second.step() == []
    assert (await market.run(job, node)).gpu_seconds == run.gpus * 1530


async def test_receipts_come_well_within_the_escrows_report_timeout(market: EscrowEnv) -> None:
    """A running run's liveness is its receipts: the escrow times it out after
    `report_timeout_secs` without one. A watcher asked for hourly receipts still reports
    every third of the chain's timeout, so its run is never timed out as silent."""
    timeout = market.escrow_config.params.report_timeout_secs
    assert report_every(3_600, timeout) == timeout // 3 and report_every(60, timeout) == 60
    node = await market.active_node()
    job = await market.create_job(gpu_count=8)
    await market.assign(job, node)
    lazy = RunWatcher(IonetClient(market.conn, node.agent), node.agent, node.address, report_every_secs=3_600)
    [started] = await lazy.step()
    assert started.kind == "started" and lazy.every == timeout // 3
    market.conn.warp(timeout // 3)
    [reported] = await lazy.step()
    assert reported.kind == "reported"
    market.conn.warp(timeout // 3 - 1)
    assert await lazy.step() == []  # not yet due
    market.conn.warp(1)
    [reported] = await lazy.step()
    now = (await market.conn.get_clock()).unix_timestamp
    assert reported.kind == "reported" and (await market.run(job, node)).last_report_at == now
