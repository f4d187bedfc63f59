"""The matching service on a validator process (real SBF programs over JSON-RPC and its
websocket): `ionet matcher run` matches jobs from subscriptions, is idempotent across a
restart and loses nothing posted while it was down; in-process, topology-aware placement
from signed Vivaldi coordinates, a node that dropped between pick and send is replaced,
a cluster through a lookup table, and the polling fallback without a websocket."""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk._generated.ionet_registry.types import GpuModel
from ionet_sdk.cluster import save_keypair
from ionet_sdk.localnet import free_port
from ionet_sdk.services.matcher import config as matcher_config
from ionet_sdk.services.matcher import service
from ionet_sdk.services.matcher.service import Matcher
from ionet_sdk.vivaldi import Coordinate, sign_coordinate

from .network_env import World, world

IONET = Path(sys.executable).with_name("ionet")
H100_CLASS = {"atlas", "borealis", "cirrus", "delta"}  # H100/H200, CUDA >= 12.2, not jailed


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode())


def _start(w: World, key: Path, port: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(IONET), "--url", w.validator.url, "--keypair", str(key), "matcher", "run",
         "--port", str(port), "--interval-secs", "0.5", "--log-json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


async def _until(what: str, check: object, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if await check():  # type: ignore[operator]
            return
        await asyncio.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def _stop(process: subprocess.Popen[str]) -> list[dict[str, object]]:
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 0, err[-2_000:]
    return [json.loads(line) for line in err.splitlines() if line.startswith("{")]


async def test_matcher_run_matches_from_subscriptions_and_is_idempotent_across_restarts(
    tmp_path: Path,
) -> None:
    async with world() as w:
        key = save_keypair(w.matcher, tmp_path / "matcher.json")
        port = free_port()
        process = _start(w, key, port)
        try:
            await _until("health", lambda: _healthy(port))
            job = await w.post_job(6)
            await _until("the job assigned", lambda: _assigned(w, job))
            runs = await w.client.runs(job)
            names = {n.address: n.spec.name for n in w.nodes}
            assert {names[r.node] for r in runs} <= H100_CLASS
            assert sum(r.gpus for r in runs) == 6
            metrics = _get(f"http://127.0.0.1:{port}/metrics")
            assert "ionet_matcher_jobs_matched_total 1.0" in metrics
            assert "ionet_matcher_websocket_connected 1.0" in metrics
            assert "ionet_matcher_time_to_match_seconds_count 1.0" in metrics
        finally:
            lines = _stop(process)
        matched = [e for e in lines if e["event"] == "matched"]
        assert len(matched) == 1 and matched[0]["job"] == str(job)
        assert any(e["event"] == "subscribed" for e in lines)

        # Down: a job posted now is matched after the restart; the first is not touched again.
        second = await w.post_job(2)
        process = _start(w, key, port)
        try:
            await _until("the second job assigned", lambda: _assigned(w, second))
            await asyncio.sleep(2)  # a few more sweeps
        finally:
            lines = _stop(process)
        assert [e["job"] for e in lines if e["event"] == "matched"] == [str(second)]
        first = await w.client.job(job)
        assert (first.gpus_assigned, first.runs) == (6, len(runs))


async def _healthy(port: int) -> bool:
    try:
        return bool(json.loads(_get(f"http://127.0.0.1:{port}/health"))["status"] == "ok")
    except OSError:
        return False


async def _assigned(w: World, job: object) -> bool:
    data = await w.client.job(job)  # type: ignore[arg-type]
    return bool(data.gpus_assigned == data.gpu_count)


async def test_placement_by_coordinates_a_dropped_node_a_lookup_table_and_polling(tmp_path: Path) -> None:
    async with world() as w:
        m = Matcher(w.conn, w.matcher)
        await m.reload()
        assert m.index is not None
        # atlas and delta share a data centre; borealis and cirrus are far away.
        places = {"atlas": (0.0, 0.0), "delta": (0.4, 0.0), "borealis": (80.0, 0.0), "cirrus": (120.0, 0.0)}
        near = {"atlas": [(w.by_name("delta").address, 0.35)]}  # measured by atlas's agent
        for ts, (name, (x, y)) in enumerate(places.items(), start=1):
            node = w.by_name(name)
            c = Coordinate(x, y, 0.1, 0.2)
            body = _coordinate_body(node.agent, node.address, c, ts, near.get(name, []))
            assert m.accept_coordinate(body) == (200, "")
        sites = m.index.sites()
        slot = m.index.slots
        assert sites[slot[w.by_name("atlas").address]] == sites[slot[w.by_name("delta").address]]
        assert sites[slot[w.by_name("atlas").address]] != sites[slot[w.by_name("borealis").address]]
        tampered = _coordinate_body(w.by_name("cirrus").agent, w.by_name("cirrus").address,
                                    Coordinate(120.0, 0.0, 0.1, 0.2), 10, [])  # fmt: skip
        tampered["near"] = [[str(w.by_name("atlas").address), 0.1]]  # not what the agent signed
        assert m.accept_coordinate(tampered)[0] == 403
        atlas = w.by_name("atlas")
        forged = _coordinate_body(Keypair(), atlas.address, Coordinate(500.0, 0.0, 0.1, 0.2), 9)
        assert m.accept_coordinate(forged)[0] == 403  # not the node's agent key
        replay = _coordinate_body(atlas.agent, atlas.address, Coordinate(1.0, 0.0, 0.1, 0.2), 1)
        assert m.accept_coordinate(replay)[0] == 409  # not newer than the last
        assert m.accept_coordinate({"node": "x"})[0] == 400

        job = await w.post_job(6)
        await m.reload()
        data = await w.client.job(job)
        from ionet_sdk.services.matcher.index import Need

        need = Need.of(data, 3_000, 64)
        now = await w.now()
        topology = m.index.pick(need, now)
        today = m.index.pick_by_verifier_rtt(need, now)
        names = {n.address: n.spec.name for n in w.nodes}
        assert {names[p.node] for p in topology.picks} == {"atlas", "delta"}
        assert topology.worst_rtt_ms is not None and topology.worst_rtt_ms < 1.0
        assert {names[p.node] for p in today.picks} == {"atlas", "borealis"}  # lowest RTT to the verifier

        # delta raises its minimum price after the index last saw it: the matcher reads the
        # picked nodes again, drops delta and picks again, in the same sweep.
        delta = w.by_name("delta")
        await w.client.update_node(delta.operator, delta.address, min_price_per_gpu_hour=10**12)
        outcomes = await m.sweep()
        assert [o.result for o in outcomes] == ["matched"]
        placement = outcomes[0].placement
        assert placement is not None
        assert {names[p.node] for p in placement.picks} == {"atlas", "borealis"}
        assert 'ionet_matcher_failures_total{kind="node_dropped"} 1.0' in _metrics(m)
        assert {names[r.node] for r in await w.client.runs(job)} == {"atlas", "borealis"}
        assert (await m.sweep()) == []  # nothing due: never assigned twice

        # A batch that does not fit a plain transaction goes through a lookup table.
        m.packet_bytes = 0
        small = await w.post_job(2)
        await m.reload()
        outcomes = await m.sweep()
        assert [o.result for o in outcomes] == ["matched"]
        assert (await w.client.job(small)).gpus_assigned == 2

        # No websocket: the service polls and still matches.
        key = save_keypair(w.matcher, tmp_path / "matcher.json")
        cfg = matcher_config.load(
            env={}, keypair=str(key), rpc_url=w.validator.url, ws_url=f"ws://127.0.0.1:{free_port()}",
            port=0, poll_secs=0.3, interval_secs=0.3,
        )  # fmt: skip
        third = await w.post_job(1, gpu_model=GpuModel.A100)  # the H100 class is taken by now: fjord
        stop = asyncio.Event()
        task = asyncio.create_task(service.run(cfg, stop))
        try:
            await _until("the polled job assigned", lambda: _assigned(w, third), 30)
        finally:
            stop.set()
            await asyncio.wait_for(task, 30)


def _coordinate_body(
    agent: Keypair, node: Pubkey, c: Coordinate, ts: int, near: list[tuple[Pubkey, float]] | None = None
) -> dict[str, object]:
    signature = sign_coordinate(agent, node, c, ts, near or [])
    return {"node": str(node), "x": c.x, "y": c.y, "height": c.height, "error": c.error, "ts": ts,
            "near": [[str(p), r] for p, r in near or []], "signature": signature.hex()}  # fmt: skip


def _metrics(m: Matcher) -> str:
    from prometheus_client import generate_latest

    return generate_latest(m.metrics).decode()


async def test_a_node_that_does_not_start_is_withdrawn_and_its_gpus_placed_elsewhere() -> None:
    """Issue 18, item 1: re-match when a node drops before start. The matcher withdraws an
    assignment not started `start_grace_secs` (chain time) after it made it (`job_unassign`,
    no reputation effect) and places the GPUs on other nodes, never a withdrawn one again;
    a restarted matcher does the same for assignments it only finds."""
    async with world() as w:
        m = Matcher(w.conn, w.matcher, start_grace_secs=120)
        await m.reload()
        job = await w.post_job(2)
        await m.reload()
        (first,) = await m.sweep()
        assert first.result == "matched" and first.placement is not None
        picked = {p.node for p in first.placement.picks}
        before = {n: await w.client.node(n) for n in picked}
        # Not started within the grace: nothing happens before it ends.
        await w.conn.warp(60)
        assert await m.withdraw_stalled(await w.now()) == []
        await w.conn.warp(61)
        outcomes = await m.sweep()
        assert [o.result for o in outcomes] == ["matched"], [(o.result, o.detail) for o in outcomes]
        runs = await w.client.runs(job)
        assert not picked & {r.node for r in runs}
        assert sum(r.gpus for r in runs) == 2
        for node, was in before.items():
            now_ = await w.client.node(node)
            assert now_.committed_gpus < was.committed_gpus
            assert (now_.jobs_failed, now_.reputation_bps) == (was.jobs_failed, was.reputation_bps)
        assert f"ionet_matcher_withdrawn_total {float(len(picked))}" in _metrics(m)

        # A fresh matcher (a restart) finds the replacements assigned and not started: it
        # counts the grace from when it first saw them, then withdraws them too.
        replacements = {r.node for r in runs}
        restarted = Matcher(w.conn, w.matcher, start_grace_secs=120)
        await restarted.reload()
        assert await restarted.withdraw_stalled(await w.now()) == []
        await w.conn.warp(121)
        assert set(await restarted.withdraw_stalled(await w.now())) == replacements
        assert (await w.client.job(job)).gpus_assigned == 0


async def test_a_node_whose_agent_declined_is_not_assigned_to_that_job_again() -> None:
    """An agent may decline its assignment (`job_unassign` signed by the run's agent, no
    reputation effect). The matcher must place the GPUs elsewhere, not hand the job back
    to the node that declined it (an assign/decline loop the matcher pays for)."""
    from ionet_sdk import escrow

    async with world() as w:
        m = Matcher(w.conn, w.matcher, start_grace_secs=600)
        await m.reload()
        job = await w.post_job(2)
        await m.reload()
        (first,) = await m.sweep()
        assert first.result == "matched" and first.placement is not None
        declined = {p.node for p in first.placement.picks}
        for run in await w.client.runs(job):
            agent = next(n.agent for n in w.nodes if n.address == run.node)
            ix = escrow.build_job_unassign_ix(job, run.node, rent_payer=run.rent_payer, signer=agent.pubkey())
            await w.client.send([ix], [agent])
        assert (await w.client.job(job)).gpus_assigned == 0
        # What the matcher's subscriptions deliver: the job and the released nodes.
        m.on_job(job, await w.client.job(job))
        for node in declined:
            account = await w.conn.get_account(node)
            assert account is not None
            m.on_node(node, account.data)
        outcomes = await m.sweep()
        assert [o.result for o in outcomes] == ["matched"], [(o.result, o.detail) for o in outcomes]
        runs = await w.client.runs(job)
        assert sum(r.gpus for r in runs) == 2
        assert not declined & {r.node for r in runs}


async def test_an_assignment_is_not_withdrawn_once_the_job_could_not_be_placed_again() -> None:
    """Withdrawing is free for the node because its GPUs go to another one. With less than
    the escrow's MIN_START_WINDOW_SECS left no node can be assigned: withdrawing then only
    wipes the failure of a node that did not start (job_timeout records it)."""
    async with world() as w:
        m = Matcher(w.conn, w.matcher, start_grace_secs=120)
        await m.reload()
        job = await w.post_job(2)
        await m.reload()
        (first,) = await m.sweep()
        assert first.result == "matched"
        deadline = (await w.client.job(job)).start_deadline
        await w.conn.warp(deadline - await w.now() - 299)  # grace long past; 299 s left
        assert await m.withdraw_stalled(await w.now()) == []
        assert (await w.client.job(job)).gpus_assigned == 2
