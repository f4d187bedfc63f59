"""The indexer against a real chain: the demo's marketplace played on the embedded
validator, indexed into SQLite and into PostgreSQL (every test runs on both), and the
figures compared with the chain's own accounts."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from aiohttp.test_utils import TestClient, TestServer
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from solders.signature import Signature
from sqlalchemy import inspect, text, update

from ionet_sdk import spl, token
from ionet_sdk._generated.ionet_escrow.constants import PROGRAM_ID as ESCROW
from ionet_sdk._generated.ionet_registry.constants import PROGRAM_ID as REGISTRY
from ionet_sdk._generated.ionet_token.constants import PROGRAM_ID as TOKEN
from ionet_sdk.services.indexer import schema as s
from ionet_sdk.services.indexer.decode import decode_logs
from ionet_sdk.services.indexer.follower import Follower
from ionet_sdk.services.indexer.service import build_app
from ionet_sdk.services.indexer.store import Database, FetchedTx, dump, migrate

from .conftest import DemoChain, MakeDb
from .openapi_check import check

pytestmark = pytest.mark.asyncio(loop_scope="session")


@pytest_asyncio.fixture(loop_scope="session")
async def indexed(demo_chain: DemoChain, db_url: str) -> AsyncIterator[tuple[Database, Follower]]:
    """A fresh database with the demo chain backfilled into it."""
    db = Database(db_url)
    db.migrate()
    follower = Follower(demo_chain.conn, db)
    await follower.catch_up()
    yield db, follower
    db.dispose()


async def test_backfill_matches_the_chain(demo_chain: DemoChain, indexed: tuple[Database, Follower]) -> None:
    db, _ = indexed
    client = demo_chain.demo.client
    counts = db.counts()
    assert counts["transactions"] > 400  # the demo's ~450 (no on-chain heartbeat any more)
    with db.engine.connect() as conn:
        nodes = {r.address: r for r in conn.execute(s.nodes.select())}
        chain_nodes = await client.nodes()
        assert len(nodes) == len(chain_nodes) == 12
        for located in chain_nodes:
            row, node = nodes[str(located.address)], located.data
            assert (row.status, row.reputation_bps, row.uptime_bps) == (
                node.status.name,
                node.reputation_bps,
                node.uptime_bps,
            ), row.address
            # Proven liveness, from the NodeSynced events (no on-chain heartbeat exists).
            synced = (row.last_seen or 0, row.synced_epoch or 0, row.last_epoch_uptime_secs or 0)
            assert synced == (node.last_seen, node.synced_epoch, node.last_epoch_uptime_secs), row.address
            assert (row.bonded, row.unbonding, row.slashed) == (
                node.bonded,
                node.unbonding,
                node.slashed_total,
            )
            assert row.operator == str(node.operator)
        assert any(r.synced_epoch for r in nodes.values())
        jobs = {r.address: r for r in conn.execute(s.jobs.select())}
        for placed in await client.jobs():
            row, job = jobs[str(placed.address)], placed.data
            assert (row.state, row.paid, row.fees, row.refunded) == (
                job.state.name,
                job.paid,
                job.fees,
                job.refunded,
            )
        stats = await client.stats()
        epochs = {r.epoch: r for r in conn.execute(s.epochs.select())}
        held = [e for e in stats.epochs if e.minted or e.burned_fees or e.compute_spend]
        assert held
        for e in held:
            row = epochs[e.epoch]
            assert (row.minted, row.burned_fees, row.burned_slashes, row.compute_spend, row.fees) == (
                e.minted,
                e.burned_fees,
                e.burned_slashes,
                e.compute_spend,
                e.fees,
            ), e.epoch
        totals = conn.execute(
            text("SELECT SUM(minted), SUM(burned_fees), SUM(burned_slashes), SUM(compute_spend) FROM epochs")
        ).one()
        assert tuple(int(x) for x in totals) == (
            stats.minted_emission,
            stats.burned_fees,
            stats.burned_slashes,
            stats.compute_spend,
        )
    mint = await demo_chain.conn.get_account(token.MINT)
    assert mint is not None
    async with api(db) as http:
        supply = await (await http.get("/api/v1/supply")).json()
    assert supply["supply"] == spl.mint_supply(mint), supply
    assert supply["genesis"] == stats.minted_genesis


async def test_reprocessing_changes_nothing(indexed: tuple[Database, Follower]) -> None:
    db, follower = indexed
    before = dump(db.engine)
    with db.engine.begin() as conn:
        conn.execute(s.cursors.delete())  # forget where it stopped: everything comes again
    again = await follower.catch_up()
    assert again.transactions == 0
    assert again.skipped == len(before["transactions"])
    assert dump(db.engine) == before


async def test_resume_after_restart_gives_the_same_database(demo_chain: DemoChain, make_db: MakeDb) -> None:
    full = Database(make_db())
    full.migrate()
    await Follower(demo_chain.conn, full).catch_up()
    resumed = Database(make_db())
    resumed.migrate()
    first = await Follower(demo_chain.conn, resumed, page_size=100).catch_up(limit=333)
    assert first.transactions == 333
    resumed.dispose()
    restarted = Database(resumed.url)  # a new process: only the database remembers
    rest = await Follower(demo_chain.conn, restarted, page_size=100).catch_up()
    assert rest.skipped == 0 and rest.transactions > 0
    assert dump(restarted.engine) == dump(full.engine)
    full.dispose()
    restarted.dispose()


async def _wait_for(db: Database, epoch: int, seconds: float = 30.0) -> None:
    for _ in range(int(seconds / 0.1)):
        with db.engine.connect() as conn:
            if conn.execute(s.epochs.select().where(s.epochs.c.epoch == epoch)).first() is not None:
                return
        await asyncio.sleep(0.1)
    raise AssertionError(f"epoch {epoch} was not indexed within {seconds} s")


async def _mint_next_epoch(chain: DemoChain) -> int:
    config = await chain.demo.client.token_config()
    await chain.conn.warp(config.epoch_secs)
    await chain.demo.client.mint_epoch()
    return int((await chain.demo.client.token_config()).epochs_minted) - 1


async def test_live_through_the_websocket(demo_chain: DemoChain, indexed: tuple[Database, Follower]) -> None:
    db, _ = indexed
    # Polling once an hour: only a websocket notification can bring the new epoch in time.
    follower = Follower(demo_chain.conn, db, ws_url=demo_chain.validator.ws_url, poll_secs=3600)
    stop = asyncio.Event()
    task = asyncio.create_task(follower.run(stop))
    try:
        for _ in range(100):
            if follower.ws_connected:
                break
            await asyncio.sleep(0.1)
        assert follower.ws_connected
        await asyncio.sleep(0.3)  # the pass the connection triggered
        epoch = await _mint_next_epoch(demo_chain)
        await _wait_for(db, epoch)
    finally:
        stop.set()
        await task


async def test_polling_fallback_without_websocket(
    demo_chain: DemoChain, indexed: tuple[Database, Follower]
) -> None:
    db, _ = indexed
    follower = Follower(demo_chain.conn, db, ws_url="ws://127.0.0.1:9", poll_secs=0.3)
    stop = asyncio.Event()
    task = asyncio.create_task(follower.run(stop))
    try:
        epoch = await _mint_next_epoch(demo_chain)
        await _wait_for(db, epoch)
        assert not follower.ws_connected
    finally:
        stop.set()
        await task


async def test_commitment_is_tracked_and_never_shown_final_early(indexed: tuple[Database, Follower]) -> None:
    db, follower = indexed
    with db.engine.begin() as conn:
        conn.execute(update(s.transactions).values(commitment="confirmed"))
    async with api(db) as http:
        body = await (await http.get("/api/v1/nodes")).json()
        assert body["items"] and all(
            n["commitment"] == "confirmed" and n["final"] is False for n in body["items"]
        )
        assert (await (await http.get("/api/v1/supply")).json())["final"] is False
        promoted = await follower.promote()  # the validator says finalized
        assert promoted == db.counts()["transactions"]
        body = await (await http.get("/api/v1/nodes")).json()
        assert all(n["final"] is True for n in body["items"])


async def _settle_logs(chain: DemoChain, db: Database) -> tuple[str, list[str]]:
    with db.engine.connect() as conn:
        sig = conn.execute(s.settlements.select()).first().signature  # type: ignore[union-attr]
        resp = await chain.conn.client.get_transaction(
            Signature.from_string(sig), max_supported_transaction_version=0
        )
    assert resp.value is not None and resp.value.transaction.meta is not None
    return sig, list(resp.value.transaction.meta.log_messages or [])


async def test_inner_cpi_events_unknown_events_and_truncated_logs(
    demo_chain: DemoChain, indexed: tuple[Database, Follower], make_db: MakeDb
) -> None:
    db, _ = indexed
    _, logs = await _settle_logs(demo_chain, db)
    decoded = decode_logs(logs)
    burned = [e for e in decoded.events if e.name == "TokensBurned"]
    # The escrow settles; the fee burn is the token program's event, inside the escrow's CPI.
    assert logs[0] == f"Program {ESCROW} invoke [1]"
    assert f"Program {TOKEN} invoke [2]" in logs
    assert burned and burned[0].program == str(TOKEN)
    assert not decoded.truncated

    unknown = bytes(range(8)) + b"a future event"
    cut = [
        *logs,
        f"Program {REGISTRY} invoke [1]",
        "Program data: " + base64.b64encode(unknown).decode(),
        f"Program {REGISTRY} success",
        "Log truncated",
    ]
    fresh = Database(make_db())
    fresh.migrate()
    result = fresh.apply([FetchedTx("T" * 88, 10**9, None, None, "finalized", cut, (str(REGISTRY),))])
    assert result.truncated == 1 and result.unknown == 1
    with fresh.engine.connect() as conn:
        tx = conn.execute(s.transactions.select()).one()
        assert tx.truncated and tx.unknown_events == 1 and tx.events == len(decoded.events) + 1
        raw = conn.execute(s.events.select().where(s.events.c.name.is_(None))).one()
        assert base64.b64decode(raw.raw) == unknown and raw.program == str(REGISTRY)
        assert conn.execute(s.burns.select()).first() is not None  # known events still applied
    async with api(fresh) as http:
        body = await (await http.get(f"/api/v1/transactions/{'T' * 88}")).json()
        assert body["truncated"] is True and body["event_list"][-1]["name"] is None
    fresh.dispose()


class api:  # noqa: N801 (used as `async with api(db) as http`)
    def __init__(self, db: Database) -> None:
        self.server = TestServer(build_app(db))

    async def __aenter__(self) -> TestClient[Any, Any]:
        self.client = TestClient(self.server)
        await self.client.start_server()
        return self.client

    async def __aexit__(self, *_: object) -> None:
        await self.client.close()


async def test_query_api_answers_by_its_schema(
    demo_chain: DemoChain, indexed: tuple[Database, Follower]
) -> None:
    db, _ = indexed
    async with api(db) as http:
        doc = await (await http.get("/openapi.json")).json()
        assert doc["openapi"].startswith("3.")

        async def get(path: str, schema: str, status: int = 200) -> Any:
            resp = await http.get(path)
            body = await resp.json()
            assert resp.status == status, (path, body)
            check({"$ref": f"#/components/schemas/{schema}"}, body, doc, path)
            return body

        every = await get("/api/v1/nodes?limit=500", "NodePage")
        assert every["total"] == 12 and len(every["items"]) == 12
        reps = [n["reputation_bps"] for n in every["items"]]
        assert reps == sorted(reps, reverse=True)
        up = await get("/api/v1/nodes?sort=uptime&order=asc&limit=500", "NodePage")
        assert [n["uptime_bps"] for n in up["items"]] == sorted(n["uptime_bps"] for n in every["items"])
        page = await get("/api/v1/nodes?limit=5&offset=10", "NodePage")
        assert page["total"] == 12 and len(page["items"]) == 2
        h100 = await get("/api/v1/nodes?gpu_model=H100&limit=500", "NodePage")
        assert h100["items"] and all(n["gpu_model"] == "H100" for n in h100["items"])
        assert h100["total"] == sum(1 for n in every["items"] if n["gpu_model"] == "H100")
        jailed = await get("/api/v1/nodes?status=Jailed", "NodePage")
        chain_jailed = [x for x in await demo_chain.demo.client.nodes() if x.data.status.name == "Jailed"]
        assert jailed["total"] == len(chain_jailed)
        region = every["items"][0]["region"]
        by_region = await get(f"/api/v1/nodes?region={region}&limit=500", "NodePage")
        assert by_region["total"] == sum(1 for n in every["items"] if n["region"] == region)
        operator = every["items"][0]["operator"]
        assert (await get(f"/api/v1/nodes?operator={operator}", "NodePage"))["total"] == 1

        address = every["items"][0]["address"]
        node = await get(f"/api/v1/nodes/{address}", "NodeDetail")
        assert node["attestations"] and node["stake_movements"]
        history = await get(f"/api/v1/nodes/{address}/history?limit=500", "NodeHistoryEntryPage")
        assert history["total"] > 0 and any(h["reputation_bps"] is not None for h in history["items"])

        jobs = await get("/api/v1/jobs", "JobPage")
        assert jobs["total"] == 3  # the client's job and the two wash trades
        main = str(demo_chain.demo.job)
        assert main in {j["address"] for j in jobs["items"]}
        job = await get(f"/api/v1/jobs/{main}", "JobDetail")
        assert len(job["runs"]) == 3 and job["usage"] and job["settlements"]
        assert job["paid"] == sum(r["paid"] for r in job["runs"])
        assert (await get(f"/api/v1/runs?job={job['address']}", "RunPage"))["total"] == 3

        epochs = await get("/api/v1/epochs?limit=500", "EpochPage")
        assert epochs["total"] == db.counts()["epochs"]
        first, last = epochs["items"][-1]["epoch"], epochs["items"][0]["epoch"]
        econ = await get(f"/api/v1/economics?from={first}&to={last}", "Economics")
        assert econ["minted"] == sum(e["minted"] for e in epochs["items"])
        assert econ["de_ratio"] == pytest.approx(econ["compute_spend"] / econ["minted"])
        assert econ["net_deflation"] == econ["burned"] - econ["minted"] and econ["de_target"] == 0.6
        period = await get(f"/api/v1/economics?from={last}&to={last}", "Economics")
        assert period["epochs"] == 1
        overview = await get("/api/v1/overview", "Overview")
        assert overview["nodes"] == 12 and overview["gpus"] == sum(n["gpu_count"] for n in every["items"])
        await get("/api/v1/supply", "Supply")
        await get("/api/v1/status", "Status")

        hits = await get(f"/api/v1/search?q={address}", "SearchResult")
        assert {"kind": "node", "id": address} in hits["results"]
        hits = await get(f"/api/v1/search?q={operator}", "SearchResult")
        assert hits["results"][0]["id"] == operator or any(h["id"] for h in hits["results"])

        await get("/api/v1/nodes?sort=price", "Error", 400)
        await get("/api/v1/nodes?limit=0", "Error", 400)
        await get("/api/v1/epochs?from=x", "Error", 400)
        await get("/api/v1/search?q=abc", "Error", 400)
        await get(f"/api/v1/nodes/{'1' * 32}", "Error", 404)
        await get(f"/api/v1/jobs/{'1' * 32}", "Error", 404)
        health = await http.get("/health")
        assert health.status == 200
        assert "ionet_indexer_rpc_seconds" in await (await http.get("/metrics")).text()


async def test_the_migrations_build_the_declared_schema(make_db: MakeDb) -> None:
    """0001, then 0002 (the nodes' proven liveness replaces the on-chain heartbeat's
    column) give exactly the tables `schema.metadata` declares."""
    db = Database(make_db())
    try:
        migrate(db.engine, "0001")
        with db.engine.connect() as conn:
            assert "last_heartbeat" in {c["name"] for c in inspect(conn).get_columns("nodes")}
        db.migrate()
        with db.engine.connect() as conn:
            columns = {c["name"] for c in inspect(conn).get_columns("nodes")}
            assert "last_heartbeat" not in columns and {"last_seen", "synced_epoch"} <= columns
            assert compare_metadata(MigrationContext.configure(conn), s.metadata) == []
    finally:
        db.dispose()
