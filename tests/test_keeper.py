"""The keeper cranks a job's whole life and the slashes after it on a validator process
(real SBF programs over JSON-RPC), with two keepers at once that never fail each other's
work; then `ionet keeper run` as a process: /health, /metrics, SIGTERM."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import signal
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from pathlib import Path

import pytest
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.system_program import TransferParams, transfer

from ionet_sdk._generated.ionet_escrow.accounts import EscrowConfig, Job, Run
from ionet_sdk._generated.ionet_escrow.types import JobState, RunStatus
from ionet_sdk._generated.ionet_registry.types import SlashStatus
from ionet_sdk.cluster import save_keypair
from ionet_sdk.defaults import DAY, ESCROW_PARAMS, HOUR
from ionet_sdk.errors import ConfigError
from ionet_sdk.localnet import free_port
from ionet_sdk.services.keeper import config as keeper_config
from ionet_sdk.services.keeper.service import Keeper, Outcome
from ionet_sdk.services.keeper.steps import STEPS, _timeout_reason

from .network_env import World, world

IONET = Path(sys.executable).with_name("ionet")
SOL = 1_000_000_000


async def both(a: Keeper, b: Keeper) -> list[Outcome]:
    """One pass of each keeper at the same time (their sends interleave)."""
    first, second = await asyncio.gather(a.tick(), b.tick())
    return first + second


def done(outcomes: list[Outcome], step: str) -> list[str]:
    return [o.target for o in outcomes if o.step == step and o.result == "done"]


def no_failures(outcomes: list[Outcome]) -> None:
    failed = [o for o in outcomes if o.result == "failed"]
    assert not failed, failed


async def funded_keeper(w: World) -> Keeper:
    payer = Keypair()
    await w.client.send([_transfer(w, payer, 5 * SOL)])
    return Keeper(w.conn, payer)


def _transfer(w: World, to: Keypair, lamports: int) -> Instruction:
    return transfer(TransferParams(from_pubkey=w.admin.pubkey(), to_pubkey=to.pubkey(), lamports=lamports))


async def test_two_keepers_crank_a_job_and_its_slashes_without_failing_each_other(tmp_path: Path) -> None:
    async with world() as w:
        a, b = await funded_keeper(w), await funded_keeper(w)
        await w.create_and_match()  # job 1: atlas, borealis, cirrus, started
        silent = w.by_name("borealis")
        late = w.by_name("delta")
        job2 = await w.post_job(2)
        await w.client.assign(w.matcher, job2, [(late.address, 2)])  # never started
        await w.live(HOUR)
        await w.live(10 * 60, silent=["borealis"])
        silent.silent_since = await w.now()
        await w.report_usage()

        out = await both(a, b)
        no_failures(out)
        # Each run removed exactly once, whichever keeper got there first.
        assert Counter(done(out, "timeout_runs")) == Counter({
            f"run {w.run_address(w.job, silent)} of job {w.job}": 1,
            f"run {w.run_address(job2, late)} of job {job2}": 1,
        })  # fmt: skip
        assert (await w.client.node(silent.address)).slash_count == 1  # one job-failure proposal
        assert (await w.client.node(late.address)).slash_count == 0  # never started: not slashed
        runs = {r.node: r for r in await w.client.runs(w.job)}
        assert runs[silent.address].status == RunStatus.Removed
        config = await w.client.token_config()
        assert config.epochs_minted == (await w.now() - config.genesis_time) // config.epoch_secs
        assert done(out, "mint_epochs")

        # Past start deadline + duration: anyone may complete; then the challenge window.
        await w.live(4 * HOUR, silent=["borealis"])
        await w.report_usage()
        out = await both(a, b)
        no_failures(out)
        assert done(out, "complete_jobs") == [f"job {w.job}"]
        assert (await w.client.job(w.job)).state == JobState.Completed
        await w.live(HOUR, silent=["borealis"])
        out = await both(a, b)
        no_failures(out)
        assert len(done(out, "settle_jobs")) == 1 and done(out, "finalize_jobs") == [f"job {w.job}"]
        job = await w.client.job(w.job)
        assert job.state == JobState.Settled and job.runs_open == 0 and job.fees > 0

        # The settlement's burned work fees: each node of the job accrues them, once.
        out = await both(a, b)
        no_failures(out)
        accrued = done(out, "accrue_rewards")
        assert len(accrued) == len(set(accrued)) > 0

        # Nothing is due now: a pass sends nothing.
        out = await both(a, b)
        assert not [o for o in out if o.result in ("done", "failed")], out

        # Two days on, the appeal windows closed: the spoofer's and the silent node's
        # slashes execute, with the silent node's rewards forfeited in the same transaction.
        await w.conn.warp(2 * DAY + HOUR)
        outcomes: list[Outcome] = []
        for _ in range(20):  # until a pass lands nothing (the circuit breaker may hold mints)
            out = await both(a, b)
            outcomes += out
            no_failures(out)
            if not [o for o in out if o.result == "done"]:
                break
        spoofer = w.by_name("lumen")
        assert sorted(done(outcomes, "execute_slashes")) == sorted(
            [f"slash 0 of node {spoofer.address}", f"slash 0 of node {silent.address}"]
        )
        for node in (spoofer, silent):
            assert (await w.client.slash_proposal(node.address, 0)).status == SlashStatus.Executed
        reward = await w.client.reward(silent.address)
        assert (
            reward is not None
            and reward.last_slashed_total == (await w.client.node(silent.address)).slashed_total
        )
        config = await w.client.token_config()
        assert config.epochs_minted == (await w.now() - config.genesis_time) // config.epoch_secs
        results = Counter(o.result for o in outcomes)
        assert results["done"] >= 3
        assert results["failed"] == 0


async def test_the_keeper_catches_up_on_epochs_within_the_circuit_breaker() -> None:
    async with world() as w:
        keeper = await funded_keeper(w)
        await w.conn.warp(HOUR)
        no_failures(await keeper.tick())  # the epochs the world's setup lived through, and one
        minted = (await w.client.token_config()).epochs_minted
        per_epoch = (await w.client.stats()).minted_emission // minted  # a flat schedule this year
        params = (await w.client.token_config()).params
        await w.client.propose_params(w.admin, dataclasses.replace(params, breaker_threshold=3 * per_epoch))
        await w.conn.warp(params.timelock_secs)
        no_failures(await keeper.tick())  # the 48 epochs of the timelock, under the old threshold
        await w.client.execute_params(w.admin)

        # 30 epochs behind with room for ~3 in the breaker's (decaying) window: the keeper
        # mints what fits and defers the rest, never failing; the window decays, it goes on.
        await w.conn.warp(30 * HOUR)
        config = await w.client.token_config()
        behind = (await w.now() - config.genesis_time) // config.epoch_secs - config.epochs_minted
        assert behind == 30
        out = await keeper.tick()
        no_failures(out)
        mints = [(o.result, o.error) for o in out if o.step == "mint_epochs"]
        assert mints[-1] == ("deferred", "CircuitBreakerTripped")  # and the rest wait for the next pass
        assert mints[:-1] and all(result == "done" for result, _ in mints[:-1])
        minted = (await w.client.token_config()).epochs_minted
        await w.conn.warp(DAY // 2)
        for _ in range(5):
            out = await keeper.tick()
            no_failures(out)
        after = await w.client.token_config()
        assert minted < after.epochs_minted < (await w.now() - after.genesis_time) // after.epoch_secs


async def test_keeper_run_serves_health_and_metrics_and_stops_on_sigterm(tmp_path: Path) -> None:
    async with world() as w:
        payer = Keypair()
        await w.client.send([_transfer(w, payer, 5 * SOL)])
        key = save_keypair(payer, tmp_path / "keeper.json")
        await w.conn.warp(2 * DAY + HOUR)  # the spoofer's slash is executable; epochs ended
        port = free_port()
        process = subprocess.Popen(
            [str(IONET), "--url", w.validator.url, "--keypair", str(key), "keeper", "run",
             "--port", str(port), "--interval-secs", "0.5", "--log-json"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            spoofer = w.by_name("lumen")
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                proposal = await w.client.slash_proposal(spoofer.address, 0)
                if proposal.status == SlashStatus.Executed:
                    break
                await asyncio.sleep(0.5)
            assert proposal.status == SlashStatus.Executed
            # Healthy once its first pass has finished (after two days it also mints, syncs
            # and accrues: the slash lands before the pass ends).
            while time.monotonic() < deadline and not await _healthy(port):
                await asyncio.sleep(0.5)
            health = json.loads(_get(f"http://127.0.0.1:{port}/health"))
            assert health["status"] == "ok"
            metrics = _get(f"http://127.0.0.1:{port}/metrics")
            assert 'ionet_keeper_actions_total{result="done",step="execute_slashes"} 1.0' in metrics
            assert "ionet_keeper_rpc_seconds_count" in metrics
        finally:
            process.send_signal(signal.SIGTERM)
            _, err = process.communicate(timeout=30)
        assert process.returncode == 0, err[-2_000:]
        lines = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
        executed = [e for e in lines if e["event"] == "execute_slashes" and e["result"] == "done"]
        assert executed and "appeal window closed" in executed[0]["why"]
        assert lines[-1]["event"] == "stopped"


async def _healthy(port: int) -> bool:
    try:
        await asyncio.to_thread(_get, f"http://127.0.0.1:{port}/health")
    except AssertionError:  # 503: not yet
        return False
    return True


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode())
    except urllib.error.HTTPError as err:
        raise AssertionError(f"{url}: {err.code} {err.read().decode()}") from None


def test_keeper_settings_refuse_unknown_steps() -> None:
    with pytest.raises(ConfigError, match="unknown keeper step"):
        keeper_config.load(env={}, keypair="k.json", steps="mint_epochs,sweep_floors")
    cfg = keeper_config.load(env={}, keypair="k.json", steps="mint_epochs, settle_jobs")
    assert cfg.step_names() == ["mint_epochs", "settle_jobs"]
    assert {s.name for s in STEPS} >= set(cfg.step_names())


def test_the_timeout_rule_mirrors_the_escrow() -> None:
    """`job_timeout` of a running run: not fully delivered, and no usage receipt for more
    than `report_timeout_secs` since its start or last receipt (the node's registry
    liveness plays no part); an assigned run: past the start deadline."""
    silence = ESCROW_PARAMS.report_timeout_secs
    config = EscrowConfig.decode(EscrowConfig.DISCRIMINATOR + bytes(EscrowConfig.LAYOUT.size))
    config = dataclasses.replace(config, params=ESCROW_PARAMS)
    job = dataclasses.replace(Job.decode(Job.DISCRIMINATOR + bytes(Job.LAYOUT.size)), duration_hours=1,
                              start_deadline=1_000)  # fmt: skip
    blank = Run.decode(Run.DISCRIMINATOR + bytes(Run.LAYOUT.size))
    running = dataclasses.replace(blank, status=RunStatus.Running, gpus=2, started_at=500, last_report_at=0)
    assert _timeout_reason(job, running, config, 500 + silence) is None  # silent exactly the limit
    assert _timeout_reason(job, running, config, 501 + silence) is not None
    reported = dataclasses.replace(running, last_report_at=2_000, gpu_seconds=2 * 1_500)
    assert _timeout_reason(job, reported, config, 2_000 + silence) is None
    assert _timeout_reason(job, reported, config, 2_001 + silence) is not None
    delivered = dataclasses.replace(reported, gpu_seconds=2 * HOUR)  # the whole reservation
    assert _timeout_reason(job, delivered, config, 10**9) is None
    assigned = dataclasses.replace(blank, status=RunStatus.Assigned, gpus=2)
    assert _timeout_reason(job, assigned, config, 1_000) is None
    assert _timeout_reason(job, assigned, config, 1_001) is not None
