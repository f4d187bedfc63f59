"""A whole network on one machine, each service its own process: `ionet demo --network`
and `tests/test_network.py` run it.

`Network` starts the embedded validator (`LocalValidator`, kind ionet: the only one that
warps), deploys with short epochs (`NetworkSettings`), registers and bonds the operators'
nodes with the SDK (the operators' part), and starts as separate processes, each with
`ionet ... run`: the oracle (`--chain-clock`), the verifier (which attests every node
through its agent), the matcher, the keeper (`--oracles`) and one agent per node
(`--simulate --watch-runs --chain-clock`). From then on nothing is done by hand: a client
submits a job with `ionet job create`, and the services match, start, report, complete,
settle and finalize it, sync the nodes to the oracle's roots and accrue their rewards.

The clock: a job lasts hours, so `advance()` warps the chain forward in steps shorter than
the escrow's `report_timeout_secs`, and after each step waits until every running run has
sent a usage receipt stamped after the warp (the agents do it on their own). The oracle and
the agents follow the chain's clock (`services.common.clock.ChainClock`), so epochs close
and heartbeats are timed as the chain counts time.

Every process is stopped when the `Network` closes (SIGTERM, then SIGKILL after a grace
period), also on an exception or Ctrl-C; on Linux each child also gets SIGTERM if this
process dies without closing (`PR_SET_PDEATHSIG`).
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import dataclasses
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Self

from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.system_program import TransferParams, transfer

from ionet_sdk import escrow, pda, registry, spl, token
from ionet_sdk._generated.ionet_escrow.accounts import Job, Run
from ionet_sdk._generated.ionet_escrow.types import ConfigUpdateArgs as EscrowUpdateArgs
from ionet_sdk._generated.ionet_escrow.types import JobState, RunStatus
from ionet_sdk._generated.ionet_registry.accounts import EpochRoot, Node
from ionet_sdk._generated.ionet_registry.types import ConfigUpdateArgs, GpuModel, HardwareSpec, NodeStatus
from ionet_sdk._generated.ionet_token.accounts import Reward
from ionet_sdk.client import IonetClient
from ionet_sdk.cluster import save_keypair
from ionet_sdk.defaults import HOUR, IO, TOKEN_PARAMS
from ionet_sdk.deploy import Plan, deploy
from ionet_sdk.errors import IonetError
from ionet_sdk.localnet import LocalValidator, free_port
from ionet_sdk.programs import ESCROW_ID, REGISTRY_ID
from ionet_sdk.rpc import RpcConnection
from ionet_sdk.services.agent.gpus import simulated

SOL = 1_000_000_000
IONET = Path(sys.executable).with_name("ionet")
RUN_JOB_OFFSET = 8 + 4 * 8
"""Byte offset of `Run.job` (discriminator, four i64 fields)."""
Say = Callable[[str], None]
MODEL = GpuModel.Rtx4090
"""The simulated agents' GPUs (a job cannot ask for `Other`)."""


class NetworkError(IonetError):
    """A service died, or something the network should have done did not happen in time."""


@dataclass(frozen=True, slots=True)
class NetworkSettings:
    """The local network's shape and its protocol parameters (seconds unless named)."""

    gpus: tuple[int, ...] = (4, 2, 2, 1, 4, 2, 1, 1, 2, 4, 1, 2)
    """One simulated agent per entry, with that many RTX 4090s (24 GB; the verifier credits
    a simulated agent whose proof checks out with the model's speed: `simulated_speed`)."""
    epoch_secs: int = 60
    """The IO token's epoch: the oracle closes (and roots) one per epoch."""
    root_challenge_secs: int = 60
    min_epoch_uptime_secs: int = 10
    liveness_max_age_secs: int = 6 * HOUR
    report_timeout_secs: int = 600
    challenge_window_secs: int = 60
    heartbeat_secs: float = 5.0
    warp_step_secs: int = 300
    """Each warp of the clock driver (shorter than `report_timeout_secs`)."""
    job_gpus: int = 8
    job_hours: int = 1
    job_price: str = "2.5"
    """IO per GPU-hour"""
    start_within_minutes: int = 10
    chain_clock: bool = True
    """The oracle and the agents follow the chain's clock (`--chain-clock`): epochs and
    `last_seen` as the chain counts time across warps."""
    deadline_secs: float = 600.0
    """The longest any one wait may take (wall seconds) before `NetworkError`."""

    def __post_init__(self) -> None:
        if not 0 < self.warp_step_secs < self.report_timeout_secs:
            raise ValueError("warp_step_secs must be positive and below report_timeout_secs")


@dataclass
class Service:
    """One `ionet ... run` process: how to start it again, and its log."""

    name: str
    args: list[str]
    env: dict[str, str]
    log: Path
    port: int
    process: subprocess.Popen[bytes] | None = None
    restarts: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Operator:
    """A node's operator and agent keys, its address and GPUs."""

    name: str
    operator: Keypair
    agent: Keypair
    node_id: int
    gpus: int
    address: Pubkey = field(default_factory=Pubkey.default)


@dataclass
class Summary:
    """What `ionet demo --network` prints (plain data; `ionet --json demo --network`)."""

    nodes: list[dict[str, object]] = field(default_factory=list)
    job: dict[str, object] = field(default_factory=dict)
    runs: list[dict[str, object]] = field(default_factory=list)
    settlement: dict[str, object] = field(default_factory=dict)
    rewards: list[dict[str, object]] = field(default_factory=list)
    restarts: dict[str, int] = field(default_factory=dict)
    epoch: int = 0
    """The IO epoch (the chain's clock) when the summary was taken."""
    provisioning_secs: float = 0.0
    """Wall seconds from `ionet job create` to every run started (the seeds' target: < 90)."""
    seconds: float = 0.0


def _die_with_parent() -> None:  # pragma: no cover (runs in the child, between fork and exec)
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class Network:
    """`async with Network(workdir) as net: await net.start(); ...`: see the module doc."""

    def __init__(
        self,
        workdir: Path,
        settings: NetworkSettings | None = None,
        say: Say | None = None,
        *,
        frozen_clock: bool = False,
    ) -> None:
        """`frozen_clock`: the chain's time moves only when warped (tests of single steps;
        the services need it to flow)."""
        self.dir = workdir
        self.frozen_clock = frozen_clock
        self.settings = settings or NetworkSettings()
        self.say = say or (lambda _: None)
        self.deployer, self.oracle_key, self.verifier_key = Keypair(), Keypair(), Keypair()
        self.matcher_key, self.keeper_key, self.client_key = Keypair(), Keypair(), Keypair()
        self.operators = [
            Operator(f"node-{i + 1:02d}", Keypair(), Keypair(), i + 1, gpus)
            for i, gpus in enumerate(self.settings.gpus)
        ]
        self.services: dict[str, Service] = {}
        self.validator: LocalValidator | None = None
        self._conn: RpcConnection | None = None
        self.keys: dict[str, Path] = {}
        self.started = time.monotonic()
        self._skipped = False
        self.genesis = 0
        self.cluster: list[Pubkey] = []
        """The nodes the matcher picked for the job (once its runs started)."""
        self.final_runs: dict[Pubkey, Run] = {}
        """The job's runs with their final receipts, before settlement closes them."""

    # --- lifetime

    async def __aenter__(self) -> Self:
        (self.dir / "logs").mkdir(parents=True, exist_ok=True)
        self.validator = LocalValidator(
            kind="ionet", ledger=self.dir / "ledger", upgrade_authority=self.deployer,
            frozen_clock=self.frozen_clock,
        )  # fmt: skip
        await asyncio.to_thread(self.validator.start)
        self._conn = RpcConnection(self.validator.url, retries=2)
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    async def close(self) -> None:
        """Stop every service (SIGTERM; SIGKILL after 20 s), then the validator."""
        running = [s for s in self.services.values() if s.process is not None and s.process.poll() is None]
        for service in running:
            with contextlib.suppress(ProcessLookupError):
                assert service.process is not None
                service.process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 20
        for service in running:
            assert service.process is not None
            try:
                await asyncio.to_thread(service.process.wait, max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                service.process.kill()
                await asyncio.to_thread(service.process.wait)
        if self._conn is not None:
            await self._conn.close()
            self._conn = None
        if self.validator is not None:
            await asyncio.to_thread(self.validator.stop)
            self.validator = None

    @property
    def conn(self) -> RpcConnection:
        if self._conn is None:
            raise NetworkError("the network is not started (use `async with Network(...)`)")
        return self._conn

    @property
    def url(self) -> str:
        assert self.validator is not None
        return self.validator.url

    def client(self, payer: Keypair | None = None) -> IonetClient:
        return IonetClient(self.conn, payer or self.deployer)

    async def now(self) -> int:
        return (await self.conn.get_clock()).unix_timestamp

    # --- setup: deploy, configure, fund, register

    async def deploy(self) -> None:
        """Deploy with the settings' epochs and windows; name one oracle (quorum 1)."""
        s = self.settings
        conn, admin = self.conn, self.deployer
        await conn.request_airdrop(admin.pubkey(), 1_000 * SOL)
        plan = Plan(
            deployer=admin, admin=admin, matcher=self.matcher_key.pubkey(),
            verifiers=[self.verifier_key.pubkey()], oracles=[self.oracle_key.pubkey()],
            epoch_secs=s.epoch_secs,
            # Rewards resolved at the end of their epoch are claimable at once (no lock).
            token_params=dataclasses.replace(TOKEN_PARAMS, reward_lock_secs=0),
        )  # fmt: skip
        self.say(str(await deploy(conn, plan)).splitlines()[0])
        self.genesis = (await self.client().token_config()).genesis_time
        client = self.client()
        params = (await client.registry_config()).params
        update = ConfigUpdateArgs(
            admin=None, slashing_authority=None, job_authority=None, verifiers=None,
            params=dataclasses.replace(
                params, oracle_quorum=1, root_challenge_secs=s.root_challenge_secs,
                min_epoch_uptime_secs=s.min_epoch_uptime_secs, liveness_max_age_secs=s.liveness_max_age_secs,
            ),
            oracles=[self.oracle_key.pubkey()],
        )  # fmt: skip
        escrow_params = (await client.escrow_config()).params
        escrow_update = EscrowUpdateArgs(
            admin=None, matcher=None, arbiter=None,
            params=dataclasses.replace(
                escrow_params, report_timeout_secs=s.report_timeout_secs,
                challenge_window_secs=s.challenge_window_secs,
            ),
        )  # fmt: skip
        await client.send([
            registry.build_config_update_ix(admin.pubkey(), update),
            escrow.build_config_update_ix(admin.pubkey(), escrow_update),
        ])  # fmt: skip
        for name, key in (
            ("deployer", admin), ("oracle", self.oracle_key), ("verifier", self.verifier_key),
            ("matcher", self.matcher_key), ("keeper", self.keeper_key), ("client", self.client_key),
        ):  # fmt: skip
            self.keys[name] = save_keypair(key, self.dir / "keys" / f"{name}.json")

    async def fund(self) -> None:
        """SOL for every key's fees and rents; IO for the bonds and the client's payment."""
        payer = self.deployer.pubkey()
        keys = [self.oracle_key, self.verifier_key, self.matcher_key, self.keeper_key, self.client_key]
        keys += [k for o in self.operators for k in (o.operator, o.agent)]
        client = self.client()
        for start in range(0, len(keys), 8):
            await client.send([
                transfer(TransferParams(from_pubkey=payer, to_pubkey=k.pubkey(), lamports=20 * SOL))
                for k in keys[start : start + 8]
            ])  # fmt: skip
        s = self.settings
        budget = int(float(s.job_price) * IO) * s.job_gpus * s.job_hours * 2
        await client.send(await client.build_transfer_ixs(payer, self.client_key.pubkey(), budget))

    async def register(self) -> None:
        """Each operator registers its node (declaring what its simulated agent will
        report) and bonds its tier's minimum stake plus 10 %."""
        client = self.client()
        params = (await client.registry_config()).params
        for op in self.operators:
            op.address = pda.node(op.operator.pubkey(), op.node_id)
            report = simulated(MODEL, op.gpus, 24, label=str(op.address))
            spec = HardwareSpec(
                gpu_model=MODEL, gpu_count=op.gpus, vram_gb_per_gpu=report.vram_gb_per_gpu,
                cuda_major=report.cuda_version[0], cuda_minor=report.cuda_version[1],
                region=list(b"local\0\0\0"), bandwidth_mbps=10_000, fingerprint=list(report.fingerprint),
            )  # fmt: skip
            stake = registry.min_stake(params, int(registry.GPU_TIERS[MODEL]), op.gpus) * 11 // 10
            await client.send(
                await client.build_transfer_ixs(self.deployer.pubkey(), op.operator.pubkey(), stake)
            )
            own = self.client(op.operator)
            await own.register_node(op.operator, op.node_id, op.agent.pubkey(), spec)
            await own.stake(op.operator, op.address, stake)
            self.keys[op.name] = save_keypair(op.agent, self.dir / "keys" / f"{op.name}-agent.json")
            self.keys[f"{op.name}-operator"] = save_keypair(
                op.operator, self.dir / "keys" / f"{op.name}-operator.json"
            )
        self.say(f"{len(self.operators)} nodes registered and bonded ({sum(self.settings.gpus)} GPUs)")

    # --- services

    def _service(self, name: str, key: str, args: list[str], env: dict[str, str] | None = None) -> Service:
        port = free_port()
        full = ["--url", self.url, "--keypair", str(self.keys[key]), *args, "--port", str(port), "--log-json"]
        service = Service(name, full, env or {}, self.dir / "logs" / f"{name}.log", port)
        self.services[name] = service
        return service

    def spawn(self, service: Service) -> None:
        env = {**os.environ, **service.env}
        with service.log.open("ab") as out:
            service.process = subprocess.Popen(
                [str(IONET), *service.args], stdout=out, stderr=subprocess.STDOUT, env=env,
                stdin=subprocess.DEVNULL, start_new_session=True,
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,  # noqa: PLW1509
            )  # fmt: skip

    async def start_services(self) -> None:
        """The oracle, the agents, then the verifier (it challenges the agents), the matcher
        and the keeper; returns when each answers its health endpoint."""
        s = self.settings
        clock = ["--chain-clock"] if s.chain_clock else []
        oracle = self._service(
            "oracle", "oracle",
            ["oracle", "run", "--db", str(self.dir / "oracle.sqlite3"), *clock],
            {"IONET_ORACLE_VERIFY_THREADS": "1", "IONET_ORACLE_REGISTRY_TTL_SECS": "5"},
        )  # fmt: skip
        for op in self.operators:
            self._service(
                op.name, op.name,
                ["agent", "run", "--node", str(op.address), "--oracles", oracle.url,
                 "--heartbeat-secs", str(s.heartbeat_secs), "--watch-runs", "--simulate",
                 "--sim-model", MODEL.name, "--sim-count", str(op.gpus), *clock],
                {"IONET_AGENT_RUNS_INTERVAL_SECS": "2", "IONET_AGENT_REPORT_EVERY_SECS": "60"},
            )  # fmt: skip
        targets = ",".join(f"{op.address}={self.services[op.name].url}" for op in self.operators)
        self._service(
            "verifier", "verifier",
            ["verifier", "run", "--targets", targets, "--n", "256", "--rounds", "3", "--allow-simulated",
             "--interval-secs", "3600"],
            {"IONET_VERIFIER_EVIDENCE_DIR": str(self.dir / "evidence"),
             "IONET_VERIFIER_SIMULATED_SPEED": "1"},
        )  # fmt: skip
        self._service("matcher", "matcher", ["matcher", "run"], {"IONET_MATCHER_INTERVAL_SECS": "1"})
        self._service(
            "keeper", "keeper", ["keeper", "run", "--oracles", oracle.url, "--interval-secs", "2"]
        )  # fmt: skip
        # Heartbeats start with a fresh epoch: epoch 0 cannot be synced (a node's
        # `synced_epoch` starts at 0), and a whole first epoch proves the most uptime.
        epochs = (await self.client().token_config()).epoch_secs
        await self.conn.warp(epochs - (await self.now() - self.genesis) % epochs)
        order = ["oracle", *(op.name for op in self.operators), "verifier", "matcher", "keeper"]
        for name in order:
            self.spawn(self.services[name])
        for name in order:
            await self.wait_healthy(self.services[name])
        self.say(f"services up: oracle, verifier, matcher, keeper and {len(self.operators)} agents")

    async def wait_healthy(self, service: Service) -> None:
        """Until the service answers HTTP on its port (any status: it is serving)."""
        health = "/v1/health" if service.name == "oracle" else "/health"

        async def up() -> bool:
            self.check_alive()
            try:
                reader, writer = await asyncio.open_connection("127.0.0.1", service.port)
            except OSError:
                return False
            writer.write(f"GET {health} HTTP/1.0\r\nHost: x\r\n\r\n".encode())
            await writer.drain()
            line = await reader.readline()
            writer.close()
            return line.startswith(b"HTTP/")

        await self.wait_for(f"{service.name} to serve", up, poll=0.3)

    def name_of(self, node: Pubkey) -> str:
        """The service name of `node`'s agent."""
        return next(op.name for op in self.operators if op.address == node)

    def check_alive(self) -> None:
        """Raise `NetworkError` with its log's tail if a service exited."""
        for service in self.services.values():
            if service.process is not None and service.process.poll() is not None:
                tail = service.log.read_text(errors="replace")[-3000:]
                raise NetworkError(f"{service.name} exited with {service.process.returncode}:\n{tail}")

    async def restart(self, name: str) -> None:
        """SIGKILL the service (no shutdown of its own), start it again, wait until it serves."""
        service = self.services[name]
        assert service.process is not None
        service.process.kill()
        await asyncio.to_thread(service.process.wait)
        service.restarts += 1
        self.spawn(service)
        await self.wait_healthy(service)
        self.say(f"{name} killed (SIGKILL) and restarted")

    async def wait_for(
        self, what: str, done: Callable[[], Awaitable[bool]], poll: float = 1.0, timeout: float | None = None
    ) -> None:
        """Poll `done` until true; `NetworkError` after `timeout` (default `settings.deadline_secs`)."""
        deadline = time.monotonic() + (self.settings.deadline_secs if timeout is None else timeout)
        while not await done():
            if time.monotonic() > deadline:
                raise NetworkError(f"timed out waiting for {what}")
            await asyncio.sleep(poll)

    # --- the network at work

    async def nodes(self) -> dict[Pubkey, Node]:
        infos = await self.conn.get_multiple_accounts([op.address for op in self.operators])
        return {op.address: Node.decode(i.data) for op, i in zip(self.operators, infos, strict=True) if i}

    async def wait_active(self) -> None:
        """Until the verifier attested every node and the keeper synced each to a root that
        proves it live (status Active)."""

        async def active() -> bool:
            self.check_alive()
            await self._skip_challenge_window()
            return all(n.status == NodeStatus.Active for n in (await self.nodes()).values())

        await self.wait_for("every node attested, synced and Active", active, poll=2.0)
        self.say("every node attested by the verifier and synced to the oracle's root: Active")

    async def _skip_challenge_window(self) -> None:
        """The clock driver at setup: once the oracle's first syncable root has its quorum,
        warp past its challenge window instead of waiting it out."""
        if self._skipped:
            return
        config = await self.client().registry_config()
        for info in await self.conn.get_program_accounts(REGISTRY_ID, memcmp=[(0, EpochRoot.DISCRIMINATOR)]):
            record = EpochRoot.decode(info.data)
            if record.epoch >= 1 and record.quorum_at:
                wait = record.quorum_at + config.params.root_challenge_secs - await self.now()
                if wait > 0:
                    await self.conn.warp(wait)
                self._skipped = True
                return

    async def cli(self, key: str, *args: str) -> str:
        """Run `ionet --url ... --keypair KEY ARGS` and return its stdout; raise on failure."""
        process = await asyncio.create_subprocess_exec(
            str(IONET), "--url", self.url, "--keypair", str(self.keys[key]), *args,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        out, err = await process.communicate()
        if process.returncode != 0:
            raise NetworkError(f"ionet {' '.join(args)} failed: {err.decode(errors='replace')[-2000:]}")
        return out.decode()

    async def submit_job(self, job_id: int = 1) -> Pubkey:
        """The client's one act: `ionet job create` (the job's address)."""
        s = self.settings
        await self.cli(
            "client", "job", "create", "--job-id", str(job_id), "--gpu", MODEL.name,
            "--count", str(s.job_gpus), "--hours", str(s.job_hours), "--price", s.job_price,
            "--start-within", str(s.start_within_minutes),
        )  # fmt: skip
        return pda.job(self.client_key.pubkey(), job_id)

    async def runs(self, job: Pubkey) -> dict[Pubkey, Run]:
        """The job's open run accounts, by node."""
        infos = await self.conn.get_program_accounts(
            ESCROW_ID, memcmp=[(0, Run.DISCRIMINATOR), (RUN_JOB_OFFSET, bytes(job))]
        )
        return {r.node: r for r in (Run.decode(i.data) for i in infos)}

    async def job(self, job: Pubkey) -> Job:
        found = await Job.fetch(self.conn, job)
        if found is None:
            raise NetworkError(f"job {job} not found")
        return found

    async def wait_started(self, job: Pubkey) -> None:
        """Until the matcher assigned every GPU and every assigned agent started its run."""

        async def started() -> bool:
            self.check_alive()
            data = await Job.fetch(self.conn, job)
            runs = await self.runs(job)
            return (
                data is not None
                and data.gpus_assigned == data.gpu_count
                and bool(runs)
                and all(r.status == RunStatus.Running for r in runs.values())
            )

        await self.wait_for("the job matched and every run started", started, poll=0.25)

    async def advance(self, job: Pubkey, seconds: int) -> None:
        """Warp the clock `seconds` forward, then wait until every running run of `job` has
        a usage receipt stamped after the warp (the agents' own), or has reported its whole
        reservation."""
        await self.conn.warp(seconds)
        after = await self.now()

        async def reported() -> bool:
            self.check_alive()
            data = await self.job(job)
            if data.state != JobState.Running:
                return True
            runs = await self.runs(job)
            reservation = data.duration_hours * HOUR
            return all(
                r.last_report_at >= after or r.gpu_seconds >= r.gpus * reservation
                for r in runs.values()
                if r.status == RunStatus.Running
            )

        await self.wait_for(f"usage receipts after the warp to {after}", reported)

    async def drive(self, job: Pubkey, between: Callable[[int], Awaitable[None]] | None = None) -> None:
        """The clock driver: warp through the job's hours (in `warp_step_secs` steps, the
        agents reporting between steps) until the keeper completes it; wait for the final
        receipts; warp past the challenge window and wait until the keeper has settled and
        finalized it. `between(step)` runs after each step (the test's restarts)."""
        s = self.settings
        step = 0
        while (await self.job(job)).state == JobState.Running:
            data = await self.job(job)
            end = data.start_deadline + data.duration_hours * HOUR
            left = end - await self.now()
            if left > 0:
                await self.advance(job, min(s.warp_step_secs, left + 1))
                self.say(f"clock +{min(s.warp_step_secs, left + 1)} s: every run reported after the warp")
            else:
                await self.wait_for("the keeper to complete the job", self._not_running(job))
            step += 1
            if between is not None:
                await between(step)
        await self.wait_for("the final usage receipts", self._final_receipts(job))
        self.final_runs = await self.runs(job)
        self.say("job complete (keeper); every agent sent its final receipt")
        data = await self.job(job)
        await self.conn.warp(max(1, data.challenge_ends_at - await self.now() + 1))

        async def settled() -> bool:
            self.check_alive()
            return (await self.job(job)).state == JobState.Settled

        await self.wait_for("the keeper to settle and finalize the job", settled)
        self.say("challenge window over: settled and finalized (keeper)")

    def _not_running(self, job: Pubkey) -> Callable[[], Awaitable[bool]]:
        async def check() -> bool:
            self.check_alive()
            return (await self.job(job)).state != JobState.Running

        return check

    def _final_receipts(self, job: Pubkey) -> Callable[[], Awaitable[bool]]:
        async def check() -> bool:
            self.check_alive()
            data = await self.job(job)
            duration = data.duration_hours * HOUR
            runs = await self.runs(job)
            return all(
                r.gpu_seconds == r.gpus * min(max(data.completed_at - r.started_at, 0), duration)
                for r in runs.values()
                if r.status == RunStatus.Running
            )

        return check

    async def wait_rewards(self, nodes: list[Pubkey]) -> None:
        """Warp one epoch at a time until the keeper has minted the epochs and resolved the
        rewards of `nodes` (work from the job, presence from the roots) into claimable IO."""

        async def resolved() -> bool:
            self.check_alive()
            infos = await self.conn.get_multiple_accounts([token.reward_account(n) for n in nodes])
            rewards = [Reward.decode(i.data) for i in infos if i is not None]
            now = await self.now()
            return len(rewards) == len(nodes) and all(
                r.locked > 0 and all(t.unlock_at <= now for t in r.tranches if t.amount) for r in rewards
            )

        for _ in range(10):
            await self.conn.warp(self.settings.epoch_secs)
            with contextlib.suppress(NetworkError):
                await self.wait_for("rewards resolved", resolved, poll=2.0, timeout=30)
                self.say("rewards minted, accrued and resolved (keeper): claimable")
                return
        raise NetworkError("the rewards were not resolved within ten epochs")

    async def claim(self, op: Operator) -> int:
        """The operator claims its node's rewards with the CLI, by proof (`--oracle`: synced to
        its newest leaf first when the keeper has not yet); returns the IO base units paid."""
        destination = spl.ata(op.operator.pubkey(), token.MINT)
        before = await self._balance(destination)
        oracle = self.services["oracle"].url
        await self.cli(f"{op.name}-operator", "rewards", "claim", str(op.address), "--oracle", oracle)
        return await self._balance(destination) - before

    async def _balance(self, account: Pubkey) -> int:
        info = await self.conn.get_account(account)
        return 0 if info is None else int.from_bytes(bytes(info.data)[64:72], "little")


async def run_network(
    settings: NetworkSettings | None = None,
    say: Say | None = None,
    workdir: Path | None = None,
    between: Callable[[Network, int], Awaitable[None]] | None = None,
) -> Summary:
    """The whole play (`ionet demo --network`): start, provision, submit one job, drive
    the clock until it is settled and the rewards claimable; the summary. Every process is
    stopped before it returns or raises."""
    started = time.monotonic()
    with contextlib.ExitStack() as stack:
        root = workdir or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="ionet-network-")))
        async with Network(root, settings, say) as net:
            await net.deploy()
            await net.fund()
            await net.register()
            await net.start_services()
            await net.wait_active()
            summary = Summary()
            before = await net.nodes()
            t0 = time.monotonic()
            job = await net.submit_job()
            await net.wait_started(job)
            summary.provisioning_secs = time.monotonic() - t0
            net.say(f"provisioning: job create to every run started in {summary.provisioning_secs:.1f} s")
            runs = await net.runs(job)
            net.cluster = list(runs)
            await net.drive(job, None if between is None else (lambda step: between(net, step)))
            await net.wait_rewards(list(runs))
            summary = await collect(net, job, runs, before, summary)
            summary.restarts = {s.name: s.restarts for s in net.services.values() if s.restarts}
    summary.seconds = time.monotonic() - started
    return summary


async def collect(
    net: Network, job: Pubkey, runs: dict[Pubkey, Run], before: dict[Pubkey, Node], summary: Summary
) -> Summary:
    """The summary's tables from chain state (and one claim per cluster operator)."""
    data = await net.job(job)
    config = await net.client().token_config()
    summary.epoch = (await net.now() - config.genesis_time) // config.epoch_secs
    after = await net.nodes()
    names = {op.address: op for op in net.operators}
    for address, node in after.items():
        summary.nodes.append({
            "node": names[address].name, "gpus": node.declared.gpu_count,
            "status": NodeStatus(node.status).name, "synced_epoch": node.synced_epoch,
            "uptime_bps": node.uptime_bps, "reputation_bps": node.reputation_bps,
            "jobs_completed": node.jobs_completed - before[address].jobs_completed,
            "delivered_gpu_seconds": node.delivered_gpu_seconds - before[address].delivered_gpu_seconds,
        })  # fmt: skip
    summary.job = {
        "job": str(job), "state": JobState(data.state).name, "gpus": data.gpu_count,
        "hours": data.duration_hours, "runs": data.runs, "runs_removed": data.runs_removed,
    }  # fmt: skip
    summary.runs = [
        {"node": names[n].name, "gpus": r.gpus, "started_at": r.started_at, "gpu_seconds": r.gpu_seconds}
        for n, r in (net.final_runs or runs).items()
    ]
    summary.settlement = {
        "deposited": data.deposited, "paid": data.paid, "fees": data.fees, "refunded": data.refunded,
        "balanced": data.paid + data.fees + data.refunded == data.deposited,
    }  # fmt: skip
    for address in runs:
        op = names[address]
        reward = await Reward.fetch(net.conn, token.reward_account(address))
        locked = reward.locked if reward is not None else 0
        paid = await net.claim(op)
        summary.rewards.append({"node": op.name, "resolved": locked, "claimed": paid})
    return summary
