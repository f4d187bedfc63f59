"""A service's operations endpoints on aiohttp: `GET /health` and `GET /metrics`.

Each service owns a `prometheus_client.CollectorRegistry` (not the process-global one, so
two services or two tests in one process never collide) and a health check returning the
list of current problems (empty: healthy). `/health` answers 200 `{"status": "ok"}` or 503
`{"status": "failing", "problems": [...]}`; `/metrics` answers the Prometheus text format.

    registry = CollectorRegistry()
    matched = Counter("ionet_matcher_jobs_matched", "jobs assigned", registry=registry)
    add_ops_routes(app, registry, health=lambda: [] if rpc_ok else ["rpc unreachable"])
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Histogram, generate_latest

HealthCheck = Callable[[], list[str] | Awaitable[list[str]]]

RPC_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


def rpc_latency(registry: CollectorRegistry, service: str) -> Histogram:
    """The RPC round-trip histogram every service exports (`ionet_<service>_rpc_seconds`, by method)."""
    return Histogram(
        f"ionet_{service}_rpc_seconds",
        "JSON-RPC round trip, seconds",
        ["method"],
        buckets=RPC_LATENCY_BUCKETS,
        registry=registry,
    )


def add_ops_routes(
    app: web.Application,
    registry: CollectorRegistry,
    health: HealthCheck,
    extra: Callable[[], dict[str, Any]] | None = None,
) -> None:
    """Add `/health` and `/metrics` to `app`. `extra()` adds fields to the health body."""

    async def h_health(_: web.Request) -> web.Response:
        result = health()
        problems = await result if inspect.isawaitable(result) else result
        body: dict[str, Any] = {"status": "failing" if problems else "ok", "problems": problems}
        if extra is not None:
            body.update(extra())
        return web.json_response(body, status=503 if problems else 200)

    async def h_metrics(_: web.Request) -> web.Response:
        return web.Response(body=generate_latest(registry), headers={"Content-Type": CONTENT_TYPE_LATEST})

    app.router.add_get("/health", h_health)
    app.router.add_get("/metrics", h_metrics)


class TimedConnection:
    """Wraps a connection (`RpcConnection`, `EmbeddedConnection`) so that every awaited
    method call is observed in `histogram` (e.g. `rpc_latency(...)`) under its method
    name, seconds; everything else passes through unchanged.

        conn = cast(Connection, TimedConnection(RpcConnection(url), rpc_latency(registry, "keeper")))
    """

    def __init__(self, inner: Any, histogram: Histogram) -> None:
        self._inner = inner
        self._histogram = histogram

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._inner, name)
        if not inspect.iscoroutinefunction(attr):
            return attr
        histogram = self._histogram

        async def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return await attr(*args, **kwargs)
            finally:
                histogram.labels(name).observe(time.perf_counter() - start)

        return timed
