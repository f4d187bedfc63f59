"""The agent's run watcher on the escrow (in-process SVM, its clock warped): it starts its
node's assigned run, reports cumulative usage, survives a restart without reporting twice
or losing time, sends a last receipt at completion and stops."""

from __future__ import annotations

from ionet_sdk._generated.ionet_escrow.types import RunStatus
from ionet_sdk.client import IonetClient
from ionet_sdk.services.agent.runs import RunWatcher
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
