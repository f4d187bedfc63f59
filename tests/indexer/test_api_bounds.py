"""Numbers beyond the databases' BIGINT: a 400 from the query API, not a 500; an id the
chain allows (a u64) indexed exactly, not an indexer stopped for good.

An `offset`, `from` or `to` above 2^63 - 1 used to reach the driver and fail there
(SQLite: "Python int too large to convert to SQLite INTEGER"; PostgreSQL: out of range
for bigint), which aiohttp turned into a bare 500.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from aiohttp.test_utils import TestClient, TestServer
from solders.keypair import Keypair

from ionet_sdk._generated.ionet_registry import events as re_
from ionet_sdk._generated.ionet_registry.constants import PROGRAM_ID as REGISTRY
from ionet_sdk._generated.ionet_registry.types import GpuModel, HardwareSpec
from ionet_sdk.services.indexer.service import build_app
from ionet_sdk.services.indexer.store import Database, FetchedTx

TOO_BIG = str(2**63)
PATHS = [
    f"/api/v1/nodes?offset={TOO_BIG}",
    f"/api/v1/nodes/{'1' * 32}/history?offset={TOO_BIG}",
    f"/api/v1/jobs?offset={TOO_BIG}",
    f"/api/v1/runs?offset={TOO_BIG}",
    f"/api/v1/epochs?from={TOO_BIG}",
    f"/api/v1/epochs?to={TOO_BIG}",
    f"/api/v1/economics?from={TOO_BIG}",
    f"/api/v1/economics?to={TOO_BIG}",
]


async def test_numbers_beyond_bigint_are_bad_requests(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'index.db'}")
    db.migrate()
    client = TestClient(TestServer(build_app(db)))
    await client.start_server()
    try:
        for path in PATHS:
            response = await client.get(path)
            body = await response.json(content_type=None) if response.status != 500 else {}
            assert response.status == 400, (path, response.status)
            assert body["error"] == "bad_request" and "9223372036854775807" in body["detail"], path
        # the largest value a BIGINT holds is still a valid (empty) page
        edge = await client.get(f"/api/v1/nodes?offset={2**63 - 1}")
        assert edge.status == 200 and (await edge.json())["items"] == []
    finally:
        await client.close()
        db.dispose()


def _tx(i: int, event: Any) -> FetchedTx:
    data = base64.b64encode(event.encode()).decode()
    logs = [f"Program {REGISTRY} invoke [1]", f"Program data: {data}", f"Program {REGISTRY} success"]
    return FetchedTx(f"{i:088d}", 1_000 + i, 1_800_000_000 + i, None, "finalized", logs, (str(REGISTRY),))


async def test_a_node_id_above_i64_is_indexed_exactly(tmp_path: Path) -> None:
    """node_register takes any u64 as node_id (it only seeds the PDA). One of 2^63 or
    more used to fail the write (OverflowError), which stopped the indexer at that
    transaction on every restart: anyone could halt every indexer for one registration."""
    db = Database(f"sqlite:///{tmp_path / 'index.db'}")
    db.migrate()
    hw = HardwareSpec(GpuModel.H100, 1, 80, 12, 4, list(b"us-east\0"), 10_000, [0] * 32)
    nodes = {2**64 - 1: Keypair().pubkey(), 7: Keypair().pubkey()}
    for i, (node_id, node) in enumerate(nodes.items()):
        event = re_.NodeRegistered(node, Keypair().pubkey(), node_id, Keypair().pubkey(), hw)
        assert db.apply([_tx(i, event)]).transactions == 1
    client = TestClient(TestServer(build_app(db)))
    await client.start_server()
    try:
        for node_id, node in nodes.items():
            body = await (await client.get(f"/api/v1/nodes/{node}")).json()
            assert body["node_id"] == node_id
    finally:
        await client.close()
        db.dispose()


async def test_a_withdrawn_assignment_is_not_shown_assigned(tmp_path: Path) -> None:
    """job_unassign closes the run (RunUnassigned): the indexer must not keep showing it
    Assigned, nor the job's GPUs as still assigned."""
    from ionet_sdk._generated.ionet_escrow import events as ee
    from ionet_sdk._generated.ionet_escrow.constants import PROGRAM_ID as ESCROW

    def tx(i: int, event: Any) -> FetchedTx:
        data = base64.b64encode(event.encode()).decode()
        logs = [f"Program {ESCROW} invoke [1]", f"Program data: {data}", f"Program {ESCROW} success"]
        return FetchedTx(f"{i:088d}", 1_000 + i, 1_800_000_000 + i, None, "finalized", logs, (str(ESCROW),))

    db = Database(f"sqlite:///{tmp_path / 'index.db'}")
    db.migrate()
    job, client_key, run, node = (Keypair().pubkey() for _ in range(4))
    created = ee.JobCreated(job, client_key, 1, GpuModel.H100, 8, 4, 10**8, 32 * 10**8, 1_800_003_600)
    assigned = ee.NodeAssigned(job, run, node, 8, 8)
    unassigned = ee.RunUnassigned(job, run, node, 8, True, 0)
    for i, event in enumerate((created, assigned, unassigned)):
        assert db.apply([tx(i, event)]).transactions == 1
    client = TestClient(TestServer(build_app(db)))
    await client.start_server()
    try:
        body = await (await client.get(f"/api/v1/runs?job={job}")).json()
        (row,) = [r for r in body["items"] if r["address"] == str(run)]
        assert row["status"] == "Unassigned", row
        assert (await (await client.get(f"/api/v1/jobs/{job}")).json())["gpus_assigned"] == 0
    finally:
        await client.close()
        db.dispose()
