"""The query API answers a number the database cannot hold with a 400, not a 500.

An `offset`, `from` or `to` above 2^63 - 1 used to reach the driver and fail there
(SQLite: "Python int too large to convert to SQLite INTEGER"; PostgreSQL: out of range
for bigint), which aiohttp turned into a bare 500.
"""

from __future__ import annotations

from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer

from ionet_sdk.services.indexer.service import build_app
from ionet_sdk.services.indexer.store import Database

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
