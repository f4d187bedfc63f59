"""The verifier service: `async def run(cfg, stop)`.

Every `interval_secs` it challenges each target (`NODE=AGENT_URL`) in turn
(`challenge.challenge_node`) and attests the result. HTTP: `GET /v1/results` (the latest
result per node), `/health` (failing while the cluster is unreachable or no challenge
completed in two intervals), `/metrics`: `ionet_verifier_challenges_total{result}`,
`ionet_verifier_int8_tops_per_gpu{node}`, `ionet_verifier_rpc_seconds`.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any

from aiohttp import web
from prometheus_client import CollectorRegistry, Counter, Gauge

from ionet_sdk.client import IonetClient
from ionet_sdk.cluster import cluster_url, load_keypair
from ionet_sdk.errors import IonetError
from ionet_sdk.rpc import RpcConnection
from ionet_sdk.services.common.ops import add_ops_routes
from ionet_sdk.services.common.runtime import Events
from ionet_sdk.services.verifier.challenge import ChallengeResult, VerifierConfig, challenge_node

_events = Events("ionet.verifier")


class Verifier:
    """The service's state; `app()` its HTTP interface; `round()` one pass over the targets."""

    def __init__(self, cfg: VerifierConfig, client: IonetClient) -> None:
        self.cfg = cfg
        self.client = client
        self.results: dict[str, dict[str, Any]] = {}
        self.last_round: float = time.monotonic()
        self.last_error: str | None = None
        self.metrics = CollectorRegistry()
        self.m_challenges = Counter(
            "ionet_verifier_challenges", "challenges by result", ["result"], registry=self.metrics
        )
        self.m_tops = Gauge(
            "ionet_verifier_int8_tops_per_gpu", "last measured INT8 TOPS per GPU", ["node"],
            registry=self.metrics,
        )  # fmt: skip

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/v1/results", self.h_results)
        add_ops_routes(app, self.metrics, self.problems)
        return app

    def problems(self) -> list[str]:
        out = []
        if time.monotonic() - self.last_round > 2 * self.cfg.interval_secs + 60:
            out.append("no round of challenges finished in two intervals")
        if self.last_error is not None:
            out.append(self.last_error)
        return out

    async def h_results(self, _: web.Request) -> web.Response:
        return web.json_response({"results": self.results})

    async def round(self) -> list[ChallengeResult]:
        done = []
        verifier = self.client.payer
        for node, url in self.cfg.parsed_targets():
            try:
                result = await challenge_node(self.client, verifier, node, url, self.cfg)
            except Exception as err:  # one node's failure never stops the others' challenges
                self.m_challenges.labels("error").inc()
                self.results[str(node)] = {"error": str(err).splitlines()[0], "at": time.time()}
                _events.emit("challenge_error", node=str(node), error=str(err).splitlines()[0])
                continue
            self.m_challenges.labels("passed" if result.passed else "failed").inc()
            self.m_tops.labels(str(node)).set(result.int8_tops_per_gpu)
            self.results[str(node)] = {**result.to_json(), "at": time.time()}
            _events.emit(
                "challenged", node=str(node), passed=result.passed, why=result.why,
                int8_tops_per_gpu=round(result.int8_tops_per_gpu, 6), tflops=round(result.registry_tflops, 3),
                rtt_us=result.rtt_us, attestation_passed=result.attestation_passed, evidence=result.evidence,
            )  # fmt: skip
            done.append(result)
        self.last_round = time.monotonic()
        return done


async def run(cfg: VerifierConfig, stop: asyncio.Event) -> None:
    """Serve and challenge until `stop` is set."""
    keypair = load_keypair(cfg.keypair)
    conn = RpcConnection(cluster_url(cfg.rpc_url))
    verifier = Verifier(cfg, IonetClient(conn, keypair))
    runner = web.AppRunner(verifier.app(), access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, cfg.host, cfg.port, reuse_address=True)
    await site.start()
    _events.emit("started", verifier=str(keypair.pubkey()), targets=len(cfg.parsed_targets()), port=cfg.port)
    try:
        while not stop.is_set():
            work = asyncio.create_task(verifier.round())
            stopping = asyncio.create_task(stop.wait())
            await asyncio.wait({work, stopping}, return_when=asyncio.FIRST_COMPLETED)
            if not work.done():  # stopping: abandon the challenge in flight (nothing half-attested)
                work.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await work
                break
            stopping.cancel()
            try:
                work.result()
                verifier.last_error = None
            except IonetError as err:
                verifier.last_error = str(err).splitlines()[0]
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=cfg.interval_secs)
    finally:
        await site.stop()
        await runner.cleanup()
        await conn.close()
    _events.emit("stopped")
