"""The worker agent (`ionet agent run`): reports its GPUs, answers proof-of-compute
challenges, sends signed heartbeats to the oracles, and with `watch_runs` starts its
node's assigned runs and sends their usage receipts (`runs.RunWatcher`).

HTTP (aiohttp), JSON, binary fields hex; the verifier is the only client:

- `GET /v1/hardware`: `{"node", "agent", "report", "signature"}`: the NVML report
  (`gpus.HardwareReport.to_json`) signed with the agent key over `report.message(node)`.
- `GET /v1/ping`: `{"t": agent unix time}` (the verifier's round-trip and loss probes).
- `GET /v1/bandwidth?bytes=N`: N random bytes (N <= 64 MiB): the verifier's throughput probe.
- `POST /v1/challenges`: `{"id", "seed", "n", "rounds", "gpus"}`: derive and load the
  matrices (untimed); 200 `{"ready": true, "backend"}`.
- `POST /v1/challenges/{id}/start`: `{"nonce"}`: run the rounds and commit; 200 `{"root",
  "leaf_count", "signature", "agent_secs"}` (signature over `Challenge.commit_message`).
- `POST /v1/challenges/{id}/reveal`: `{"indices": [...]}`: 200 `{"rows": [{"index",
  "leaf", "proof"}]}`.
- `/health`, `/metrics` (services.common).

Errors: 4xx `{"error": code, "detail"}` with codes malformed, unknown_challenge,
too_large, busy, wrong_state. One challenge runs at a time; the last few commitments are
kept for their reveal.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web
from nacl.signing import SigningKey
from prometheus_client import CollectorRegistry, Counter, Histogram
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk import compute_proof as cp
from ionet_sdk._generated.ionet_registry.types import GpuModel
from ionet_sdk.client import IonetClient
from ionet_sdk.cluster import cluster_url, load_keypair
from ionet_sdk.errors import ConfigError, IonetError
from ionet_sdk.rpc import RpcConnection
from ionet_sdk.services.agent import heartbeat
from ionet_sdk.services.agent.gpus import HardwareReport, discover, simulated
from ionet_sdk.services.agent.runs import RunWatcher
from ionet_sdk.services.common.clock import ChainClock
from ionet_sdk.services.common.ops import add_ops_routes
from ionet_sdk.services.common.runtime import Events
from ionet_sdk.services.common.settings import load_settings

ENV_PREFIX = "IONET_AGENT_"
MAX_PROBE_BYTES = 64 << 20
KEPT_CHALLENGES = 4
_events = Events("ionet.agent")


@dataclass(frozen=True, slots=True)
class AgentConfig:
    """Everything `ionet agent run` needs (TOML file, `IONET_AGENT_*`, flags)."""

    keypair: Path
    """The agent's hot key (the node's registered agent), not the operator's."""
    node: str
    """The node account address this agent serves."""
    host: str = "127.0.0.1"
    port: int = 8788
    oracles: str = ""
    """Oracle base URLs, comma-separated; empty: no heartbeats."""
    heartbeat_secs: float = 60.0
    rpc_url: str = "localnet"
    """The cluster whose escrow assigns runs (with `watch_runs`)."""
    watch_runs: bool = False
    """Start this node's assigned runs and send their usage receipts (`runs.RunWatcher`)."""
    runs_interval_secs: float = 30.0
    report_every_secs: int = 300
    """Least seconds between two usage receipts of a running job."""
    backend: str = "auto"
    """auto (CUDA through torch when NVML found GPUs, else the CPU), cuda or cpu."""
    max_n: int = 16_384
    """Largest challenge matrix order accepted (memory: 2n² bytes per GPU plus products)."""
    simulate: bool = False
    """Report made-up GPUs (everything marked simulated) instead of reading NVML."""
    sim_model: str = "Other"
    sim_count: int = 1
    sim_vram_gb: int = 24
    chain_clock: bool = False
    """Time heartbeats by the cluster's Clock sysvar (read every second from `rpc_url`)
    instead of the machine's clock: set it where the oracles set it (a warped local validator)."""
    log_json: bool = False

    def validate(self) -> None:
        if not 0 < self.port < 65536:
            raise ConfigError(f"agent port {self.port} outside 1..65535")
        try:
            Pubkey.from_string(self.node)
        except ValueError:
            raise ConfigError(f"agent node {self.node!r} is not an address") from None
        if self.backend not in ("auto", "cuda", "cpu"):
            raise ConfigError(f"agent backend {self.backend!r}: auto, cuda or cpu")
        if self.heartbeat_secs <= 0 or self.runs_interval_secs <= 0:
            raise ConfigError("heartbeat_secs and runs_interval_secs must be positive")
        if self.report_every_secs < 0:
            raise ConfigError("report_every_secs must not be negative")
        if not cp.MIN_N <= self.max_n <= cp.MAX_N:
            raise ConfigError(f"max_n {self.max_n} outside [{cp.MIN_N}, {cp.MAX_N}]")
        if self.sim_model not in GpuModel.__members__:
            raise ConfigError(f"sim_model {self.sim_model!r}: one of {', '.join(GpuModel.__members__)}")
        if not 1 <= self.sim_count <= cp.MAX_GPUS:
            raise ConfigError(f"sim_count {self.sim_count} outside 1..{cp.MAX_GPUS}")

    @property
    def oracle_urls(self) -> list[str]:
        return [u.strip() for u in self.oracles.split(",") if u.strip()]


def load(
    file: Path | None = None,
    env: dict[str, str] | None = None,
    defaults: dict[str, Any] | None = None,
    **flags: Any,
) -> AgentConfig:
    """Settings: defaults → TOML → `IONET_AGENT_<NAME>` → flags. Raises `ConfigError`."""
    return load_settings(AgentConfig, ENV_PREFIX, file, env, defaults, **flags)


def hardware(cfg: AgentConfig) -> HardwareReport:
    """NVML's report, or the simulated one with `simulate`; raises `NoGpuError`."""
    if cfg.simulate:
        return simulated(GpuModel[cfg.sim_model], cfg.sim_count, cfg.sim_vram_gb, label=cfg.node)
    return discover()


def make_backend(cfg: AgentConfig, report: HardwareReport) -> cp.Backend:
    """The prover: CUDA through torch on a real GPU set (or when asked), numpy otherwise."""
    if cfg.backend == "cpu" or (cfg.backend == "auto" and report.simulated):
        return cp.CpuBackend()
    try:
        return cp.TorchBackend([g.index for g in report.gpus])
    except ImportError:
        if cfg.backend == "cuda":
            raise IonetError("backend cuda needs torch (pip install 'ionet-sdk[gpu]')") from None
        _events.emit("backend_fallback", backend="cpu-numpy", reason="torch is not installed")
        return cp.CpuBackend()


class AgentRefusedError(Exception):
    def __init__(self, code: str, detail: str, status: int = 400) -> None:
        super().__init__(detail)
        self.code, self.detail, self.status = code, detail, status


@dataclass
class _Entry:
    challenge: cp.Challenge
    prover: cp.Prover
    commitment: cp.Commitment | None = None


@dataclass
class Agent:
    """The agent's state; `app()` is its HTTP interface."""

    cfg: AgentConfig
    keypair: Keypair
    report: HardwareReport
    backend: cp.Backend
    challenges: OrderedDict[str, _Entry] = field(default_factory=OrderedDict)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    last_heartbeat: heartbeat.HeartbeatStats | None = None

    def __post_init__(self) -> None:
        self.signer = SigningKey(bytes(self.keypair)[:32])
        self.metrics = CollectorRegistry()
        self.m_challenges = Counter(
            "ionet_agent_challenges", "challenge requests, by step and result", ["step", "result"],
            registry=self.metrics,
        )  # fmt: skip
        self.m_compute = Histogram(
            "ionet_agent_challenge_compute_seconds", "time from start to commit",
            buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60), registry=self.metrics,
        )  # fmt: skip

    def sign(self, message: bytes) -> bytes:
        return self.signer.sign(message).signature

    def problems(self) -> list[str]:
        """What /health reports (empty: healthy): heartbeats to the oracles are not being
        received (no receipt for three intervals once the loop has run that long)."""
        beats = self.last_heartbeat
        if beats is None or not self.cfg.oracle_urls:
            return []
        window = 3 * self.cfg.heartbeat_secs
        since = beats.last_receipt_at if beats.last_receipt_at is not None else beats.started_at
        if time.time() - since > window:
            heard = "no oracle has acknowledged a heartbeat"
            return [f"{heard} for {time.time() - since:.0f} s (sent {beats.sent}, receipts {beats.receipts})"]
        return []

    def app(self) -> web.Application:
        app = web.Application(client_max_size=1 << 20)
        app.add_routes(
            [
                web.get("/v1/hardware", self.h_hardware),
                web.get("/v1/ping", self.h_ping),
                web.get("/v1/bandwidth", self.h_bandwidth),
                web.post("/v1/challenges", self.h_prepare),
                web.post("/v1/challenges/{id}/start", self.h_start),
                web.post("/v1/challenges/{id}/reveal", self.h_reveal),
            ]
        )
        add_ops_routes(
            app, self.metrics, self.problems,
            extra=lambda: {"backend": self.backend.name, "simulated": self.report.simulated},
        )  # fmt: skip
        return app

    async def h_hardware(self, _: web.Request) -> web.Response:
        body = self.report.to_json()
        return web.json_response(
            {
                "node": self.cfg.node,
                "agent": str(self.keypair.pubkey()),
                "report": body,
                "signature": self.sign(self.report.message(self.cfg.node)).hex(),
            }
        )

    async def h_ping(self, _: web.Request) -> web.Response:
        return web.json_response({"t": time.time()})

    async def h_bandwidth(self, request: web.Request) -> web.Response:
        try:
            size = int(request.query.get("bytes", "1048576"))
        except ValueError:
            return _refusal(AgentRefusedError("malformed", "bytes must be a number"))
        if not 0 < size <= MAX_PROBE_BYTES:
            return _refusal(AgentRefusedError("too_large", f"bytes in 1..{MAX_PROBE_BYTES}"))
        return web.Response(body=os.urandom(size), content_type="application/octet-stream")

    async def _guarded(self, step: str, work: Any) -> web.Response:
        try:
            result: web.Response = await work()
        except AgentRefusedError as refused:
            self.m_challenges.labels(step, refused.code).inc()
            return _refusal(refused)
        self.m_challenges.labels(step, "ok").inc()
        return result

    async def h_prepare(self, request: web.Request) -> web.Response:
        async def work() -> web.Response:
            body = await _json(request)
            try:
                cid = str(body["id"])
                challenge = cp.Challenge(
                    bytes.fromhex(body["seed"]), int(body["n"]), int(body["rounds"]), int(body["gpus"])
                )
            except (KeyError, TypeError, ValueError, OverflowError) as err:  # Overflow: int(1e400)
                raise AgentRefusedError("malformed", f"challenge: {err}") from None
            if challenge.n > self.cfg.max_n:
                raise AgentRefusedError("too_large", f"n {challenge.n} above this agent's max_n")
            if self.lock.locked():
                raise AgentRefusedError("busy", "another challenge is running", 409)
            async with self.lock:
                prover = cp.Prover(self.backend)
                try:
                    await asyncio.to_thread(prover.prepare, challenge)
                except cp.ChallengeError as err:
                    raise AgentRefusedError("malformed", str(err), 422) from None
                self.challenges[cid] = _Entry(challenge, prover)
                self.challenges.move_to_end(cid)
                while len(self.challenges) > KEPT_CHALLENGES:
                    self.challenges.popitem(last=False)
            _events.emit("challenge_prepared", id=cid, n=challenge.n, rounds=challenge.rounds,
                         gpus=challenge.gpus)  # fmt: skip
            return web.json_response({"ready": True, "backend": self.backend.name})

        return await self._guarded("prepare", work)

    def _entry(self, request: web.Request) -> tuple[str, _Entry]:
        cid = request.match_info["id"]
        entry = self.challenges.get(cid)
        if entry is None:
            raise AgentRefusedError("unknown_challenge", f"no challenge {cid!r}", 404)
        return cid, entry

    async def h_start(self, request: web.Request) -> web.Response:
        async def work() -> web.Response:
            cid, entry = self._entry(request)
            body = await _json(request)
            try:
                nonce = bytes.fromhex(body["nonce"])
                cp.derive_mask(nonce, 0, cp.MIN_N)
            except (KeyError, TypeError, ValueError) as err:
                raise AgentRefusedError("malformed", f"nonce: {err}") from None
            if entry.commitment is not None:
                raise AgentRefusedError("wrong_state", f"challenge {cid} already started", 409)
            async with self.lock:
                if entry.commitment is not None:  # a second start raced this one
                    raise AgentRefusedError("wrong_state", f"challenge {cid} already started", 409)
                started = time.perf_counter()
                commitment = await asyncio.to_thread(entry.prover.start, nonce)
                secs = time.perf_counter() - started
            entry.commitment = commitment
            self.m_compute.observe(secs)
            signature = self.sign(entry.challenge.commit_message(nonce, commitment.root))
            _events.emit("challenge_committed", id=cid, secs=round(secs, 4), root=commitment.root.hex())
            return web.json_response(
                {
                    "root": commitment.root.hex(),
                    "leaf_count": commitment.leaf_count,
                    "signature": signature.hex(),
                    "agent_secs": secs,
                }
            )

        return await self._guarded("start", work)

    async def h_reveal(self, request: web.Request) -> web.Response:
        async def work() -> web.Response:
            _, entry = self._entry(request)
            if entry.commitment is None:
                raise AgentRefusedError("wrong_state", "reveal before start", 409)
            body = await _json(request)
            try:
                indices = [int(i) for i in body["indices"]]
                if len(indices) > 4096:
                    raise ValueError("at most 4096 rows")
                rows = entry.commitment.reveal(indices)
            except (KeyError, TypeError, ValueError, OverflowError) as err:  # Overflow: int(1e400)
                raise AgentRefusedError("malformed", f"indices: {err}") from None
            return web.json_response(
                {
                    "rows": [
                        {"index": i, "leaf": data.hex(), "proof": proof.to_bytes().hex()}
                        for i, data, proof in rows
                    ]
                }
            )

        return await self._guarded("reveal", work)


async def _json(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError:
        raise AgentRefusedError("malformed", "the body is not JSON") from None
    if not isinstance(body, dict):
        raise AgentRefusedError("malformed", "the body is not a JSON object")
    return body


def _refusal(refused: AgentRefusedError) -> web.Response:
    return web.json_response({"error": refused.code, "detail": refused.detail}, status=refused.status)


async def run(cfg: AgentConfig, stop: asyncio.Event, report: HardwareReport | None = None) -> None:
    """Serve until `stop` is set. `report`: the hardware (default: `hardware(cfg)`, which
    raises `NoGpuError` without NVML or a GPU unless `cfg.simulate`)."""
    keypair = load_keypair(cfg.keypair)
    found = report if report is not None else hardware(cfg)
    agent = Agent(cfg, keypair, found, make_backend(cfg, found))
    runner = web.AppRunner(agent.app(), access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, cfg.host, cfg.port, reuse_address=True)
    await site.start()
    _events.emit(
        "started", node=cfg.node, agent=str(keypair.pubkey()), model=found.model.name, gpus=found.count,
        vram_gb=found.vram_gb_per_gpu, simulated=found.simulated, backend=agent.backend.name,
        fingerprint=found.fingerprint.hex(), port=cfg.port,
    )  # fmt: skip
    beats: asyncio.Task[heartbeat.HeartbeatStats] | None = None
    conn: RpcConnection | None = None
    clock: Callable[[], float] = time.time
    following: asyncio.Task[None] | None = None
    if cfg.chain_clock or cfg.watch_runs:
        conn = RpcConnection(cluster_url(cfg.rpc_url))
    if cfg.chain_clock and conn is not None:
        chain = ChainClock(conn)
        with contextlib.suppress(IonetError, OSError):
            await chain.refresh()
        clock = chain.now
        following = asyncio.create_task(chain.follow(stop))
    if cfg.oracle_urls:
        agent.last_heartbeat = heartbeat.HeartbeatStats()
        beats = asyncio.create_task(
            heartbeat.run(
                keypair, Pubkey.from_string(cfg.node), cfg.oracle_urls, stop,
                interval=cfg.heartbeat_secs, stats=agent.last_heartbeat, clock=clock,
            )
        )  # fmt: skip
    watcher: asyncio.Task[None] | None = None
    if cfg.watch_runs and conn is not None:
        runs = RunWatcher(
            IonetClient(conn, keypair), keypair, Pubkey.from_string(cfg.node), cfg.report_every_secs
        )
        watcher = asyncio.create_task(runs.run(stop, cfg.runs_interval_secs))
    try:
        await stop.wait()
    finally:
        await site.stop()
        await runner.cleanup()
        if watcher is not None:
            await watcher
        if following is not None:
            await following
        if conn is not None:
            await conn.close()
        if beats is not None:
            with contextlib.suppress(IonetError):
                stats = await beats
                _events.emit("heartbeats", sent=stats.sent, receipts=stats.receipts)
    _events.emit("stopped")
