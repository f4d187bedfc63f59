"""One proof-of-compute challenge of one node, from the verifier's side, and its attestation.

`challenge_node` runs, against the agent's HTTP interface (services/agent/service.py):

1. the node's account (its agent key, its declared hardware);
2. `GET /v1/hardware`: the NVML report, whose signature must be the node's agent key's
   (a report marked simulated is refused unless `allow_simulated`);
3. the network audit over the verifier's own channel: `pings` x `GET /v1/ping` (RTT: the
   median; loss: the share that failed or timed out, in bps), then `GET /v1/bandwidth`
   (`bandwidth_bytes` down: Mbit/s);
4. the challenge for the *declared* GPU count (a node with fewer GPUs computes slower
   per GPU): prepare (deadline `prepare_timeout_secs`), start with a fresh nonce (the
   clock runs from sending it to the commitment's arrival; deadline
   `compute_timeout_secs`), the commitment's signature by the agent key, then reveal
   `checks` random rows (deadline `reveal_timeout_secs`) and `compute_proof.verify_rows`;
5. the measured per-GPU INT8 TOPS = operations / (time to commit - RTT) / GPUs, in the
   registry's unit (`compute_proof.registry_tflops`); 0 when any check failed or a
   deadline passed, so the attestation fails its TFLOPS test (the registry jails for a
   model, count, VRAM or fingerprint mismatch);
6. `node_attest` with the reported model, count, VRAM, fingerprint and the measured
   figures, signed by the verifier key (one of the registry's verifiers); a failed
   challenge's evidence (seed, nonce, root, the opened rows and why each failed) is
   written to `evidence_dir` as JSON.

Raises `IonetError` when the node or its agent cannot be reached at all (nothing is
attested then: liveness is the oracles' business).
"""

from __future__ import annotations

import asyncio
import json
import secrets
import statistics
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from nacl.exceptions import BadSignatureError
from nacl.signing import VerifyKey
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk import compute_proof as cp
from ionet_sdk import merkle, registry
from ionet_sdk._generated.ionet_registry.types import GpuModel, NodeAttestArgs
from ionet_sdk.client import AttestationOutcome, IonetClient
from ionet_sdk.errors import ConfigError, IonetError
from ionet_sdk.services.agent.gpus import HardwareReport
from ionet_sdk.services.common.settings import load_settings

ENV_PREFIX = "IONET_VERIFIER_"


@dataclass(frozen=True, slots=True)
class VerifierConfig:
    """Everything `ionet verifier run` and `ionet verifier challenge` need."""

    keypair: Path
    """The verifier key: listed in the registry config's verifiers; signs `node_attest`."""
    rpc_url: str = "localnet"
    host: str = "127.0.0.1"
    port: int = 8789
    targets: str = ""
    """Nodes to challenge, `NODE=AGENT_URL` comma-separated."""
    interval_secs: float = 3600.0
    n: int = 16_384
    """Matrix order (a multiple of 64)."""
    rounds: int = 0
    """0: enough rounds for about `target_secs` at the declared model's INT8 peak (2 for Other)."""
    target_secs: float = 0.5
    checks: int = cp.DEFAULT_CHECKS
    pings: int = 10
    ping_timeout_secs: float = 2.0
    bandwidth_bytes: int = 8 << 20
    prepare_timeout_secs: float = 300.0
    compute_timeout_secs: float = 0.0
    """0: 4 x the time the declared GPUs need at 80 % of their figure, plus 5 s (60 s for Other)."""
    reveal_timeout_secs: float = 30.0
    allow_simulated: bool = False
    """Accept agents that report simulated GPUs (tests, demos)."""
    simulated_speed: bool = False
    """With `allow_simulated`: a simulated agent whose proof of compute checks out is
    recorded at its model's expected TFLOPS (`registry.EXPECTED_TFLOPS`), since its speed is
    what is simulated (a CPU never reaches a GPU's figure). For local networks whose jobs
    need a real model (`ionet demo --network`); never on a real cluster."""
    attest: bool = True
    evidence_dir: Path = Path("verifier-evidence")
    log_json: bool = False

    def validate(self) -> None:
        if not 0 < self.port < 65536:
            raise ConfigError(f"verifier port {self.port} outside 1..65535")
        if self.simulated_speed and not self.allow_simulated:
            raise ConfigError("simulated_speed needs allow_simulated")
        if not cp.MIN_N <= self.n <= cp.MAX_N or self.n % 64:
            raise ConfigError(f"n {self.n}: a multiple of 64 in [{cp.MIN_N}, {cp.MAX_N}]")
        if self.rounds == 1 or self.rounds < 0:
            raise ConfigError("rounds: 0 (automatic) or at least 2")
        if not 1 <= self.checks <= 4096:
            raise ConfigError(f"checks {self.checks} outside 1..4096")
        if not 1 <= self.pings <= 1000:
            raise ConfigError(f"pings {self.pings} outside 1..1000")
        if not 0 < self.bandwidth_bytes <= 64 << 20:
            raise ConfigError("bandwidth_bytes in 1..64 MiB")
        for name in ("interval_secs", "target_secs", "prepare_timeout_secs", "reveal_timeout_secs"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"{name} must be positive")
        parse_targets(self.targets)

    def parsed_targets(self) -> list[tuple[Pubkey, str]]:
        return parse_targets(self.targets)


def parse_targets(text: str) -> list[tuple[Pubkey, str]]:
    """`NODE=URL,NODE=URL` → [(node, url)]; raises `ConfigError`."""
    out = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        node, sep, url = part.partition("=")
        try:
            out.append((Pubkey.from_string(node.strip()), url.strip()))
        except ValueError:
            raise ConfigError(f"target {part!r}: NODE=URL with NODE an address") from None
        if not sep or not url.strip().startswith("http"):
            raise ConfigError(f"target {part!r}: NODE=URL with an http(s) URL")
    return out


def load(
    file: Path | None = None,
    env: dict[str, str] | None = None,
    defaults: dict[str, Any] | None = None,
    **flags: Any,
) -> VerifierConfig:
    """Settings: defaults → TOML → `IONET_VERIFIER_<NAME>` → flags. Raises `ConfigError`."""
    return load_settings(VerifierConfig, ENV_PREFIX, file, env, defaults, **flags)


@dataclass
class ChallengeResult:
    """What one challenge measured. Times in seconds; `rtt_us` µs; loss in bps; Mbit/s."""

    node: str
    agent_url: str
    passed: bool
    why: str
    model: str
    gpus: int
    vram_gb_per_gpu: int
    fingerprint: str
    simulated: bool
    n: int
    rounds: int
    checks: int
    operations: int
    elapsed_secs: float
    compute_secs: float
    int8_tops_per_gpu: float
    registry_tflops: float
    rtt_us: int
    packet_loss_bps: int
    bandwidth_mbps: int
    failed_rows: list[dict[str, Any]] = field(default_factory=list)
    attested: bool = False
    attestation_passed: bool | None = None
    attestation_reasons: list[str] = field(default_factory=list)
    jailed: bool | None = None
    evidence: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class _Http:
    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")
        self.session = aiohttp.ClientSession()

    async def json(self, method: str, path: str, timeout: float, body: Any = None) -> dict[str, Any]:
        async with self.session.request(
            method, self.base + path, json=body, timeout=aiohttp.ClientTimeout(total=timeout)
        ) as response:
            data = await response.json(content_type=None)
            if not isinstance(data, dict):  # the agent is untrusted: a list or a number is a refusal
                raise IonetError(f"agent {path}: answered {type(data).__name__}, not a JSON object")
            if response.status != 200:
                raise IonetError(f"agent {path}: {data.get('error')}: {data.get('detail')}")
            return data

    async def close(self) -> None:
        await self.session.close()


async def network_audit(http: _Http, cfg: VerifierConfig) -> tuple[int, int, int]:
    """(rtt_us median, packet_loss_bps, bandwidth_mbps) over the verifier's own channel."""
    rtts: list[float] = []
    for _ in range(cfg.pings):
        started = time.perf_counter()
        try:
            await http.json("GET", "/v1/ping", cfg.ping_timeout_secs)
        except (aiohttp.ClientError, TimeoutError, IonetError):
            continue
        rtts.append(time.perf_counter() - started)
    if not rtts:
        raise IonetError(f"agent {http.base} answered none of {cfg.pings} pings")
    loss_bps = (cfg.pings - len(rtts)) * 10_000 // cfg.pings
    started = time.perf_counter()
    try:
        async with http.session.get(
            f"{http.base}/v1/bandwidth", params={"bytes": str(cfg.bandwidth_bytes)},
            timeout=aiohttp.ClientTimeout(total=60),
        ) as response:  # fmt: skip
            size = len(await response.read()) if response.status == 200 else 0
    except (aiohttp.ClientError, TimeoutError):
        size = 0  # no throughput measured: attested as 0 Mbit/s
    secs = max(time.perf_counter() - started, 1e-6)
    return round(statistics.median(rtts) * 1e6), loss_bps, round(size * 8 / secs / 1e6)


def compute_deadline(cfg: VerifierConfig, model: GpuModel, ops: int, gpus: int) -> float:
    if cfg.compute_timeout_secs > 0:
        return cfg.compute_timeout_secs
    peak = cp.INT8_DENSE_TOPS.get(model, 0)
    if peak == 0:
        return 60.0
    return 4 * ops / (0.8 * peak * 1e12 * gpus) + 5.0


async def challenge_node(
    client: IonetClient, verifier: Keypair, node: Pubkey, agent_url: str, cfg: VerifierConfig
) -> ChallengeResult:
    """Challenge `node` through its agent at `agent_url`; attest (when `cfg.attest`)."""
    account = await client.node(node)
    declared = account.declared
    declared_model = GpuModel(declared.gpu_model)
    http = _Http(agent_url)
    try:
        try:
            hw = await http.json("GET", "/v1/hardware", cfg.reveal_timeout_secs)
            report = HardwareReport.from_json(hw["report"])
            VerifyKey(bytes(account.agent)).verify(
                report.message(str(node)), bytes.fromhex(str(hw["signature"]))
            )
        except (aiohttp.ClientError, TimeoutError) as err:
            raise IonetError(f"agent {agent_url} unreachable: {err or type(err).__name__}") from None
        except (BadSignatureError, ValueError, KeyError) as err:
            raise IonetError(f"hardware report not signed by node {node}'s agent: {err}") from None
        if report.simulated and not cfg.allow_simulated:
            raise IonetError(f"agent {agent_url} reports simulated GPUs (allow_simulated is off)")
        rtt_us, loss_bps, mbps = await network_audit(http, cfg)
        gpus = declared.gpu_count
        rounds = cfg.rounds or cp.default_rounds(declared_model, cfg.n, gpus, cfg.target_secs)
        challenge = cp.Challenge(secrets.token_bytes(32), cfg.n, rounds, gpus)
        result = ChallengeResult(
            str(node), agent_url, False, "", report.model.name, report.count, report.vram_gb_per_gpu,
            report.fingerprint.hex(), report.simulated, cfg.n, rounds, cfg.checks, challenge.operations,
            0.0, 0.0, 0.0, 0.0, rtt_us, loss_bps, mbps,
        )  # fmt: skip
        await _run_challenge(
            http, challenge=challenge, agent=account.agent, result=result, cfg=cfg, model=declared_model
        )
    finally:
        await http.close()
    if cfg.attest:
        fingerprint = list(report.fingerprint)
        measured = NodeAttestArgs(
            gpu_model=report.model,
            gpu_count=report.count,
            vram_gb_per_gpu=report.vram_gb_per_gpu,
            measured_tflops=_recorded_tflops(result, report, cfg),
            rtt_us=min(rtt_us, 2**32 - 1),
            packet_loss_bps=loss_bps,
            bandwidth_mbps=min(mbps, 2**32 - 1),
            fingerprint=fingerprint,
        )
        outcome: AttestationOutcome = await client.attest(verifier, node, measured)
        result.attested = True
        result.attestation_passed = outcome.passed
        result.attestation_reasons = outcome.reasons
        result.jailed = outcome.jailed
    return result


def _recorded_tflops(result: ChallengeResult, report: HardwareReport, cfg: VerifierConfig) -> int:
    """What the attestation records: the measured figure; a simulated agent's model's
    expected one with `simulated_speed`; 0 when the proof failed."""
    if not result.passed:
        return 0
    if report.simulated and cfg.allow_simulated and cfg.simulated_speed:
        return registry.EXPECTED_TFLOPS[report.model]
    return min(int(result.registry_tflops), 2**32 - 1)


async def _run_challenge(
    http: _Http,
    *,
    challenge: cp.Challenge,
    agent: Pubkey,
    result: ChallengeResult,
    cfg: VerifierConfig,
    model: GpuModel,
) -> None:
    cid = secrets.token_hex(8)
    nonce = secrets.token_bytes(32)
    evidence: dict[str, Any] = {
        "node": result.node, "challenge": cid, "seed": challenge.seed.hex(), "n": challenge.n,
        "rounds": challenge.rounds, "gpus": challenge.gpus, "nonce": nonce.hex(),
    }  # fmt: skip
    try:
        await http.json(
            "POST", "/v1/challenges", cfg.prepare_timeout_secs,
            {"id": cid, "seed": challenge.seed.hex(), "n": challenge.n, "rounds": challenge.rounds,
             "gpus": challenge.gpus},
        )  # fmt: skip
        deadline = compute_deadline(cfg, model, challenge.operations, challenge.gpus)
        started = time.perf_counter()
        commit = await http.json("POST", f"/v1/challenges/{cid}/start", deadline, {"nonce": nonce.hex()})
        elapsed = time.perf_counter() - started
        root = bytes.fromhex(str(commit["root"]))
        evidence["root"] = root.hex()
        if int(commit["leaf_count"]) != challenge.leaf_count:
            raise IonetError(
                f"commitment over {commit['leaf_count']} leaves, expected {challenge.leaf_count}"
            )
        try:
            VerifyKey(bytes(agent)).verify(
                challenge.commit_message(nonce, root), bytes.fromhex(str(commit["signature"]))
            )
        except (BadSignatureError, ValueError):
            raise IonetError("the commitment is not signed by the node's agent") from None
        asked = cp.pick_checks(challenge.leaf_count, cfg.checks)
        revealed = await http.json(
            "POST", f"/v1/challenges/{cid}/reveal", cfg.reveal_timeout_secs, {"indices": asked}
        )
        opened = [
            (int(r["index"]), bytes.fromhex(r["leaf"]), merkle.Proof.from_bytes(bytes.fromhex(r["proof"])))
            for r in revealed["rows"]
        ]
    except TimeoutError:
        result.why = "deadline passed"
    except (aiohttp.ClientError, IonetError, KeyError, TypeError, ValueError, OverflowError) as err:
        result.why = str(err).splitlines()[0] if str(err) else type(err).__name__
    else:
        checks = await asyncio.to_thread(cp.verify_rows, challenge, nonce, root, opened, asked)
        failed = [c for c in checks if not c.ok]
        result.elapsed_secs = elapsed
        result.compute_secs = elapsed - result.rtt_us / 1e6
        try:
            tops = cp.measured_tops(challenge.operations, elapsed, result.rtt_us / 1e6, challenge.gpus)
        except cp.ChallengeError:
            tops = 0.0
        result.int8_tops_per_gpu = tops
        result.registry_tflops = cp.registry_tflops(GpuModel[result.model], tops)
        result.failed_rows = [{"index": c.index, "why": c.why} for c in failed]
        result.passed = not failed and tops > 0
        result.why = "" if result.passed else f"{len(failed)} of {len(checks)} rows failed"
        evidence["asked"] = asked
        evidence["opened"] = [
            {"index": i, "leaf": d.hex(), "proof": p.to_bytes().hex()} for i, d, p in opened
        ]
        evidence["checks"] = [asdict(c) for c in checks]
    if not result.passed:
        evidence["why"] = result.why
        cfg.evidence_dir.mkdir(parents=True, exist_ok=True)
        path = cfg.evidence_dir / f"{result.node}-{cid}.json"
        path.write_text(json.dumps(evidence, indent=1))
        result.evidence = str(path)
