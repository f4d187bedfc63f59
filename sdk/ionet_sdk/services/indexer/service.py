"""The indexer service: `async def run(cfg, stop)` (what `ionet indexer run` runs).

One process: the follower (backfill, then websocket + polling, see `follower`), the
query API (`api`, `/api/v1/*`, `/openapi.json`), the explorer page (`/`, static files
from `static/`, no build step) and the operations endpoints every service has
(`/health`, `/metrics`, `ionet_sdk.services.common.ops`). SIGTERM/SIGINT (through
`stop`) end the follower between batches (a batch is one database transaction) and
close the HTTP server.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from pathlib import Path
from typing import Any

from aiohttp import web

from ionet_sdk.rpc import RpcConnection
from ionet_sdk.services.common.ops import add_ops_routes
from ionet_sdk.services.common.runtime import Events
from ionet_sdk.services.common.settings import redacted
from ionet_sdk.services.indexer.api import add_api_routes
from ionet_sdk.services.indexer.config import IndexerConfig
from ionet_sdk.services.indexer.follower import Follower, Metrics
from ionet_sdk.services.indexer.store import Database

STATIC = Path(__file__).parent / "static"
_events = Events("ionet.indexer")
STALE_AFTER = 4  # polls without a successful pass before /health fails


def build_app(
    db: Database, follower: Follower | None = None, metrics: Metrics | None = None
) -> web.Application:
    """The HTTP application: API, explorer, /health and /metrics."""
    app = web.Application()
    metrics = metrics or (follower.metrics if follower is not None else Metrics())

    def status() -> dict[str, Any]:
        if follower is None:
            return {"websocket_connected": False, "last_error": None}
        return {
            "websocket_connected": follower.ws_connected,
            "last_error": follower.last_error,
            "last_pass": follower.last_pass,
        }

    def health() -> list[str]:
        problems: list[str] = []
        if follower is not None:
            if follower.last_error:
                problems.append(f"last pass failed: {follower.last_error}")
            if follower.last_pass is not None and time.time() - follower.last_pass > STALE_AFTER * max(
                follower.poll_secs, 5.0
            ):
                problems.append("no successful pass recently")
        return problems

    add_api_routes(app, db, status)
    add_ops_routes(app, metrics.registry, health, extra=status)

    async def index(_: web.Request) -> web.FileResponse:
        return web.FileResponse(STATIC / "index.html")

    app.router.add_get("/", index)
    app.router.add_static("/static/", STATIC, show_index=False)
    return app


async def run(cfg: IndexerConfig, stop: asyncio.Event, ready: asyncio.Event | None = None) -> None:
    """Index and serve until `stop` is set. `ready` is set once the HTTP server listens."""
    db = Database(cfg.db_url)
    await asyncio.to_thread(db.migrate)
    conn = RpcConnection(cfg.rpc_url)
    follower = Follower(
        conn,
        db,
        ws_url=cfg.websocket_url(),
        commitment=cfg.commitment,
        poll_secs=cfg.poll_secs,
        page_size=cfg.page_size,
        fetch_concurrency=cfg.fetch_concurrency,
    )
    runner: web.AppRunner | None = None
    try:
        if cfg.serve:
            runner = web.AppRunner(build_app(db, follower), access_log=None, handle_signals=False)
            await runner.setup()
            await web.TCPSite(runner, cfg.host, cfg.port, reuse_address=True).start()
        _events.emit(
            "started",
            **{k: v for k, v in redacted(cfg).items() if k != "db_url"},
            database=db.dialect,
            url=f"http://{cfg.host}:{cfg.port}/",
        )
        if ready is not None:
            ready.set()
        await follower.run(stop)
    finally:
        if runner is not None:
            with contextlib.suppress(Exception):
                await runner.cleanup()
        await conn.close()
        db.dispose()
        _events.emit("stopped", last_slot=follower.last_slot)
