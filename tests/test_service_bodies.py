"""Malformed HTTP bodies and paths to the agent's, matcher's and oracle's endpoints: a 400 with the
reason, never a 500.

JSON allows numbers that Python's `int()` cannot take: `1e400` parses as infinity and
`int(inf)` raises `OverflowError`, which the handlers did not catch (a 500 from aiohttp).
The matcher also took a coordinate's `ts` of 2^63 or more, which the signed message
cannot hold (an i64). The oracle passed an epoch from the URL beyond 2^63 straight to
SQLite (OverflowError, a 500). The verifier let an agent's list body or `1e400` raise
out of the challenge instead of failing it.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from solders.keypair import Keypair

from ionet_sdk import compute_proof as cp
from ionet_sdk._generated.ionet_registry.types import GpuModel
from ionet_sdk.heartbeat import Heartbeat
from ionet_sdk.liveness import Epochs
from ionet_sdk.localnet import free_port
from ionet_sdk.services.agent import heartbeat
from ionet_sdk.services.agent.service import Agent, AgentConfig, hardware, make_backend
from ionet_sdk.services.matcher.service import Matcher
from ionet_sdk.services.oracle.config import OracleConfig
from ionet_sdk.services.oracle.directory import Directory, NodeEntry
from ionet_sdk.services.oracle.service import Oracle, RefusedError
from ionet_sdk.services.oracle.store import Store
from ionet_sdk.services.verifier.challenge import ChallengeResult, VerifierConfig, _Http, _run_challenge

SEED = "00" * 32


def _agent() -> Agent:
    cfg = AgentConfig(keypair=Path("unused.json"), node=str(Keypair().pubkey()), simulate=True, backend="cpu")
    report = hardware(cfg)
    return Agent(cfg, Keypair(), report, make_backend(cfg, report))


async def test_agent_answers_numbers_beyond_int_with_400() -> None:
    client = TestClient(TestServer(_agent().app()))
    await client.start_server()
    try:

        async def post(path: str, body: str) -> tuple[int, dict[str, str]]:
            response = await client.post(path, data=body, headers={"Content-Type": "application/json"})
            return response.status, (await response.json() if response.status != 500 else {})

        for field in ("n", "rounds", "gpus"):
            values = {"n": "64", "rounds": "2", "gpus": "1", field: "1e400"}
            body = f'{{"id": "x", "seed": "{SEED}", "n": {values["n"]}, "rounds": {values["rounds"]}, '
            body += f'"gpus": {values["gpus"]}}}'
            status, answer = await post("/v1/challenges", body)
            assert (status, answer.get("error")) == (400, "malformed"), (field, status)
        ok = f'{{"id": "ok", "seed": "{SEED}", "n": 64, "rounds": 2, "gpus": 1}}'
        assert (await post("/v1/challenges", ok))[0] == 200
        assert (await post("/v1/challenges/ok/start", f'{{"nonce": "{SEED}"}}'))[0] == 200
        status, answer = await post("/v1/challenges/ok/reveal", '{"indices": [0, 1e400]}')
        assert (status, answer.get("error")) == (400, "malformed")
        assert "infinity" in answer["detail"]
        assert (await post("/v1/challenges/ok/reveal", '{"indices": [0]}'))[0] == 200  # still usable
    finally:
        await client.close()


def test_matcher_refuses_a_timestamp_no_i64_holds() -> None:
    matcher = Matcher(None, Keypair())  # type: ignore[arg-type]  # the body is refused before any RPC
    base = {"node": str(Keypair().pubkey()), "x": 0.0, "y": 0.0, "height": 0.1, "error": 0.2}
    base["signature"] = "00" * 64
    for ts in (float("inf"), 2**63, -1):
        status, error = matcher.accept_coordinate({**base, "ts": ts})
        assert status == 400 and error.startswith("malformed coordinate"), (ts, status, error)


async def test_oracle_answers_an_epoch_sqlite_cannot_hold_with_400(tmp_path: Path) -> None:
    cfg = OracleConfig(keypair=tmp_path / "unused.json", db=tmp_path / "oracle.sqlite3")
    store = Store(cfg.db)
    directory = Directory(None, 60)  # type: ignore[arg-type]  # no node is read: no RPC
    oracle = Oracle(cfg, Keypair(), Keypair().pubkey(), Epochs(1_800_000_000, 3600), store, directory)
    client = TestClient(TestServer(oracle.app()))
    await client.start_server()
    node = Keypair().pubkey()
    try:
        for path in (f"/v1/epochs/{2**64}", f"/v1/epochs/{-(2**64)}", f"/v1/epochs/{2**64}/nodes/{node}"):
            response = await client.get(path)
            assert response.status == 400, (path, response.status)
            assert (await response.json())["error"] == "malformed"
        assert (await client.get(f"/v1/epochs/{2**63 - 1}")).status == 404  # in range, not closed
    finally:
        await client.close()


@pytest.mark.parametrize(
    ("status", "start_answer", "why"),
    [
        (200, '{"root": "' + "00" * 32 + '", "leaf_count": 1e400, "signature": "00"}', "infinity"),
        (500, "[]", "not a JSON object"),
        (200, "7", "not a JSON object"),
    ],
)
async def test_a_hostile_agents_answer_fails_the_challenge_not_the_verifier(
    tmp_path: Path, status: int, start_answer: str, why: str
) -> None:
    """The verifier reads an untrusted agent: an answer it cannot use fails the challenge
    (attested as failed, evidence kept) instead of raising out of `challenge_node`."""

    async def prepare(_: web.Request) -> web.Response:
        return web.json_response({"ready": True})

    async def start(_: web.Request) -> web.Response:
        return web.Response(text=start_answer, status=status, content_type="application/json")

    app = web.Application()
    app.router.add_post("/v1/challenges", prepare)
    app.router.add_post("/v1/challenges/{id}/start", start)
    server = TestServer(app)
    await server.start_server()
    cfg = VerifierConfig(keypair=tmp_path / "unused.json", n=64, rounds=2, checks=4, evidence_dir=tmp_path)
    challenge = cp.Challenge(bytes(32), 64, 2, 1)
    result = ChallengeResult(
        "node", "url", False, "", "H100", 1, 80, "", True, 64, 2, 4, challenge.operations,
        0.0, 0.0, 0.0, 0.0, 100, 0, 1000,
    )  # fmt: skip
    http = _Http(str(server.make_url("")))
    try:
        await _run_challenge(
            http, challenge=challenge, agent=Keypair().pubkey(), result=result, cfg=cfg, model=GpuModel.H100
        )
    finally:
        await http.close()
        await server.close()
    assert not result.passed and why in result.why, result.why
    assert result.evidence is not None and Path(result.evidence).exists()


async def test_a_sequence_sqlite_cannot_hold_is_refused_and_spoils_no_one_elses_commit(
    tmp_path: Path,
) -> None:
    """A registered node's own agent signs a heartbeat with sequence 2^63 (a valid u64).
    It used to pass every check and fail the group commit in SQLite (OverflowError), so
    every honest heartbeat in the same commit was refused `store_failed` too."""
    cfg = OracleConfig(keypair=tmp_path / "unused.json", db=tmp_path / "oracle.sqlite3")
    now = time.time()
    epochs = Epochs(int(now) - 1800, 3600)  # epoch 0 spans now ± 30 min
    config = Keypair().pubkey()
    directory = Directory(None, 3600)  # type: ignore[arg-type]  # entries filled below: no RPC
    agents = {name: (Keypair().pubkey(), Keypair()) for name in ("evil", "honest")}
    for node, agent in agents.values():
        directory.entries[bytes(node)] = NodeEntry(agent.pubkey(), 0, 1, 1, time.monotonic())
    oracle = Oracle(cfg, Keypair(), config, epochs, Store(cfg.db), directory)
    writer = asyncio.create_task(oracle.writer())

    def beat(name: str, sequence: int) -> bytes:
        node, agent = agents[name]
        hb = Heartbeat(config, node, agent.pubkey(), 0, sequence, int(now))
        return hb.sign(agent).to_bytes()

    try:
        evil, honest = await oracle.accept([beat("evil", 2**63), beat("honest", 1)])
        assert isinstance(evil, RefusedError) and evil.code == "malformed", evil
        assert isinstance(honest, bytes), honest  # the honest node's receipt
        assert oracle.writer_error is None
    finally:
        oracle.queue.put_nowait(None)
        await writer


async def test_one_dead_or_hostile_oracle_never_stops_the_heartbeats_to_the_others(tmp_path: Path) -> None:
    """The agent's heartbeat loop asked every oracle's `/v1/info` once at start and raised
    if one failed, and a receipt that was not a hex string raised TypeError: either way
    the task died silently and the node sent no heartbeat to any oracle again."""
    cfg = OracleConfig(keypair=tmp_path / "unused.json", db=tmp_path / "oracle.sqlite3")
    node, agent = Keypair().pubkey(), Keypair()
    directory = Directory(None, 3600)  # type: ignore[arg-type]  # entries filled below: no RPC
    directory.entries[bytes(node)] = NodeEntry(agent.pubkey(), 0, 1, 1, time.monotonic())
    epochs = Epochs(int(time.time()) - 1800, 3600)
    oracle = Oracle(cfg, Keypair(), Keypair().pubkey(), epochs, Store(cfg.db), directory)
    writer = asyncio.create_task(oracle.writer())
    honest = TestServer(oracle.app())
    await honest.start_server()

    async def info(request: web.Request) -> web.Response:
        return await oracle.h_info(request)  # the honest oracle's config and clock

    async def receipt(_: web.Request) -> web.Response:
        return web.json_response({"receipt": 5})

    app = web.Application()
    app.router.add_get("/v1/info", info)
    app.router.add_post("/v1/heartbeat", receipt)
    hostile = TestServer(app)
    await hostile.start_server()
    dead = f"http://127.0.0.1:{free_port()}"
    try:
        urls = [dead, str(hostile.make_url("")).rstrip("/"), str(honest.make_url("")).rstrip("/")]
        stats = await heartbeat.run(agent, node, urls, asyncio.Event(), interval=0.01, count=2)
        assert stats.receipts == 2 and stats.unavailable == 4, stats  # dead: 2, hostile: 2
    finally:
        await hostile.close()
        await honest.close()
        oracle.queue.put_nowait(None)
        await writer


async def test_agent_health_fails_while_no_oracle_acknowledges_its_heartbeats() -> None:
    """/health used to answer ok whatever happened to the heartbeats: an agent whose
    heartbeats nobody received looked healthy. It fails after three silent intervals."""
    cfg = AgentConfig(
        keypair=Path("unused.json"), node=str(Keypair().pubkey()), simulate=True, backend="cpu",
        oracles=f"http://127.0.0.1:{free_port()}", heartbeat_secs=1.0,
    )  # fmt: skip
    report = hardware(cfg)
    agent = Agent(cfg, Keypair(), report, make_backend(cfg, report))
    stop = asyncio.Event()
    agent.last_heartbeat = heartbeat.HeartbeatStats(started_at=time.time() - 10)
    beats = asyncio.create_task(
        heartbeat.run(agent.keypair, Keypair().pubkey(), cfg.oracle_urls, stop, interval=0.05,
                      stats=agent.last_heartbeat)
    )  # fmt: skip
    client = TestClient(TestServer(agent.app()))
    await client.start_server()
    try:
        await asyncio.sleep(0.2)  # a few rounds against the dead oracle
        failing = await client.get("/health")
        body = await failing.json()
        assert failing.status == 503 and "no oracle has acknowledged" in body["problems"][0], body
        agent.last_heartbeat.last_receipt_at = time.time()  # what a receipt records
        assert (await client.get("/health")).status == 200
    finally:
        stop.set()
        await beats
        await client.close()
