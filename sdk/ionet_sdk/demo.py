"""`ionet demo`: the marketplace end to end on a local validator process.

It starts a validator (`LocalValidator`, the embedded LiteSVM-backed one: the
demo warps the clock, which solana-test-validator cannot) with the SBF programs preloaded,
deploys with `migrations/deploy.py`, and plays a day in the life of the network
over JSON-RPC, warping the clock instead of waiting:

1. twelve operators register nodes with a realistic GPU mix, bond stake per
   tier, and a verifier attests each one; one declares 2x H100 but measures as
   2x RTX 3090, is jailed, and a spoofing slash is proposed;
2. no node heartbeats on-chain: the agents send signed heartbeats to an oracle
   (one key, quorum 1), which closes each hourly epoch into a liveness root and
   votes it on-chain; once the root is past its challenge window every node is
   synced (`node_sync`, with its proof) and the proven-live ones become Active;
3. a client escrows 8 x H100-class GPUs for four hours; the matcher picks the
   cluster (lowest RTT, highest bandwidth, model and CUDA >= minimum, proven live);
4. the job runs on usage receipts; one node goes silent after an hour and the
   timeout crank removes it once its receipts stop for `report_timeout_secs`
   (partial refund, slash proposal); hourly epochs are minted, rooted and synced,
   and nodes accrue rewards as they go;
5. the job completes, the challenge window passes, it settles with the fee
   burned; an operator then pays itself for a job on its own node, at 1 base
   unit per GPU-hour and at the market price, and loses IO both times;
6. two days later both slashes execute and the oracle's roots are synced again:
   the silent node's proven presence and reputation fell and its liveness is
   stale, so it is no longer assignable; operators claim rewards, which unlock
   a week later.

It ends with tables of token flows, the Demand-to-Emission ratio, the wash trades'
IO in and out, reputation and liveness changes and compute units per step, and
checks the books balance.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from solders.address_lookup_table_account import AddressLookupTableAccount
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.system_program import TransferParams, transfer

from ionet_sdk import registry, spl, token
from ionet_sdk._generated.ionet_escrow.types import JobSpec, JobState
from ionet_sdk._generated.ionet_registry.types import (
    ConfigUpdateArgs,
    GpuModel,
    HardwareSpec,
    NodeAttestArgs,
    NodeStatus,
    Offense,
)
from ionet_sdk._generated.ionet_token import errors as token_errors
from ionet_sdk._generated.ionet_token.accounts import EpochRecord, Reward
from ionet_sdk.client import IonetClient
from ionet_sdk.connection import SendResult
from ionet_sdk.defaults import DAY, HOUR, IO
from ionet_sdk.deploy import Plan, deploy
from ionet_sdk.economics import period
from ionet_sdk.liveness import LivenessLeaf, uptime_in_epoch
from ionet_sdk.localnet import Kind, LocalValidator
from ionet_sdk.matcher import live_until, node_live, pick_cluster, rejection
from ionet_sdk.merkle import MerkleTree
from ionet_sdk.rpc import RpcConnection

SOL = 1_000_000_000
STEP = 3 * 60  # signed off-chain heartbeat cadence in simulated time (the oracle credits each this long)
JOB_HOURS = 4
PRICE = 250_000_000  # 2.50 IO per GPU-hour
SILENT_AFTER = HOUR  # the silent node stops after its first hour
PHASES = 11  # progress messages `run` reports
Say = Callable[[str], None]


@dataclass(frozen=True)
class Operator:
    """A GPU operator's node as it declares it, and what the verifier measures."""

    name: str
    model: GpuModel
    gpus: int
    vram: int
    cuda: tuple[int, int]
    region: str
    bandwidth_mbps: int
    rtt_us: int
    measured: GpuModel | None = None  # a spoofer's real GPUs

    def hardware(self) -> HardwareSpec:
        return HardwareSpec(
            gpu_model=self.model,
            gpu_count=self.gpus,
            vram_gb_per_gpu=self.vram,
            cuda_major=self.cuda[0],
            cuda_minor=self.cuda[1],
            region=list(self.region.encode().ljust(8, b"\0")),
            bandwidth_mbps=self.bandwidth_mbps,
            fingerprint=list(hashlib.sha256(f"{self.name}-gpu-uuids".encode()).digest()),
        )

    def measurement(self) -> NodeAttestArgs:
        real = self.measured or self.model
        return NodeAttestArgs(
            gpu_model=real,
            gpu_count=self.gpus,
            vram_gb_per_gpu=24 if self.measured else self.vram,
            measured_tflops=registry.EXPECTED_TFLOPS[real],
            rtt_us=self.rtt_us,
            packet_loss_bps=3,
            bandwidth_mbps=self.bandwidth_mbps,
            fingerprint=self.hardware().fingerprint,
        )


OPERATORS = [
    Operator("atlas", GpuModel.H100, 4, 80, (12, 4), "us-east", 25_000, 350),
    Operator("borealis", GpuModel.H100, 2, 80, (12, 4), "us-east", 10_000, 600),
    Operator("cirrus", GpuModel.H200, 2, 141, (12, 6), "us-west", 40_000, 800),
    Operator("delta", GpuModel.H100, 2, 80, (12, 2), "eu-west", 10_000, 1_400),
    Operator("ember", GpuModel.H100, 4, 80, (11, 8), "us-east", 25_000, 300),
    Operator("fjord", GpuModel.A100, 8, 80, (12, 2), "eu-north", 25_000, 900),
    Operator("granite", GpuModel.A100, 4, 40, (12, 0), "us-cent", 10_000, 700),
    Operator("harbor", GpuModel.L40S, 4, 48, (12, 4), "ap-south", 10_000, 1_800),
    Operator("iris", GpuModel.L40S, 2, 48, (12, 2), "us-west", 5_000, 1_100),
    Operator("juniper", GpuModel.Rtx4090, 2, 24, (12, 4), "eu-west", 2_500, 2_200),
    Operator("kestrel", GpuModel.Rtx4090, 1, 24, (12, 2), "us-east", 1_000, 1_600),
    Operator("lumen", GpuModel.H100, 2, 80, (12, 4), "us-east", 25_000, 250, measured=GpuModel.Rtx3090),
]
SILENT = "borealis"
WASH = "juniper"  # pays itself for work on its own node (the only RTX 4090 node in eu-west)
WASH_JOB_ID = 1_000


@dataclass
class Participant:
    """An operator's node in the demo: its keys, address and what happened to it."""

    spec: Operator
    operator: Keypair
    agent: Keypair
    address: Pubkey = field(default_factory=Pubkey.default)
    silent_since: int | None = None
    proven_live: bool = False  # when the oracle's roots were synced two days on
    before: tuple[str, int, int] = ("", 0, 0)  # status, reputation, bonded
    paid: int = 0


@dataclass
class Report:
    """What the demo measured, as plain data (`ionet --json demo`)."""

    validator: str
    seconds: float = 0.0
    flows: dict[str, int] = field(default_factory=dict)
    economics: dict[str, Any] = field(default_factory=dict)
    matching: list[dict[str, Any]] = field(default_factory=list)
    nodes: list[dict[str, Any]] = field(default_factory=list)
    compute_units: dict[str, dict[str, int]] = field(default_factory=dict)
    wash_trading: list[dict[str, int]] = field(default_factory=list)
    books_balance: bool = False


class MeteredClient(IonetClient):
    """An IonetClient that files each transaction's compute units and instruction
    count under the current step."""

    step = "setup"
    units: dict[str, list[tuple[int, int]]]

    def __init__(self, conn: RpcConnection, payer: Keypair) -> None:
        super().__init__(conn, payer)
        self.units = defaultdict(list)

    async def send(
        self,
        ixs: Sequence[Instruction],
        signers: Sequence[Keypair] = (),
        lookup_tables: Sequence[AddressLookupTableAccount] = (),
    ) -> SendResult:
        result = await super().send(ixs, signers, lookup_tables)
        self.units[self.step].append((result.compute_units, len(ixs)))
        return result


class Demo:
    def __init__(self, conn: RpcConnection, deployer: Keypair, progress: Say | None = None) -> None:
        self.conn = conn
        self.admin = deployer
        self.verifier, self.matcher, self.client_key = Keypair(), Keypair(), Keypair()
        self.client = MeteredClient(conn, deployer)
        self.nodes = [Participant(spec, Keypair(), Keypair()) for spec in OPERATORS]
        self.oracle = Keypair()
        self.heard: dict[Pubkey, list[int]] = defaultdict(list)
        self.leaves: dict[Pubkey, LivenessLeaf] = {}
        self.roots: dict[int, tuple[MerkleTree, list[LivenessLeaf]]] = {}
        self.progress = progress
        self.report = Report(validator=conn.url)

    def say(self, text: str) -> None:
        if self.progress is not None:
            self.progress(text)

    async def now(self) -> int:
        return (await self.conn.get_clock()).unix_timestamp

    # --- setup

    async def deploy(self) -> None:
        self.client.step = "deploy"
        plan = Plan(deployer=self.admin, admin=self.admin, matcher=self.matcher.pubkey(),
                    verifiers=[self.verifier.pubkey()])  # fmt: skip
        self.say(str(await deploy(self.conn, plan)).splitlines()[0])
        params = (await self.client.registry_config()).params
        update = ConfigUpdateArgs(
            admin=None, slashing_authority=None, job_authority=None, verifiers=None,
            params=dataclasses.replace(params, oracle_quorum=1), oracles=[self.oracle.pubkey()],
        )  # fmt: skip
        await self.client.send([registry.build_config_update_ix(self.admin.pubkey(), update)])

    async def fund(self) -> None:
        """SOL for fees, IO for stakes and the client's payment (from the genesis holder)."""
        self.client.step = "funding"
        keys = [self.verifier, self.matcher, self.client_key, self.oracle, *(n.operator for n in self.nodes),
                *(n.agent for n in self.nodes)]  # fmt: skip
        payer = self.admin.pubkey()
        for start in range(0, len(keys), 8):
            await self.client.send([
                transfer(TransferParams(from_pubkey=payer, to_pubkey=k.pubkey(), lamports=2 * SOL))
                for k in keys[start : start + 8]
            ])  # fmt: skip
        owners = [self.client_key, *(n.operator for n in self.nodes)]
        amounts = [200 * IO * 8 * JOB_HOURS, *(self.stake_for(n.spec) for n in self.nodes)]
        for start in range(0, len(owners), 4):
            ixs = []
            for owner, amount in zip(owners[start : start + 4], amounts[start : start + 4], strict=True):
                ixs += await self.client.build_transfer_ixs(self.admin.pubkey(), owner.pubkey(), amount)
            await self.client.send(ixs)

    def stake_for(self, spec: Operator) -> int:
        """The declared tier's minimum bond plus 10%."""
        tier = registry.GPU_TIERS[spec.model]
        return registry.min_stake(self.registry_params, tier, spec.gpus) * 11 // 10

    async def onboard(self) -> None:
        """Register, bond, attest, open reward accounts; the spoofer is caught. The nodes
        stay Verified until an oracle root proves them live (`prove_live`)."""
        for i, node in enumerate(self.nodes):
            self.client.step = "node_register"
            node.address = await self.client.register_node(
                node.operator, i + 1, node.agent.pubkey(), node.spec.hardware()
            )
            self.client.step = "stake_deposit"
            await self.client.stake(node.operator, node.address, self.stake_for(node.spec))
            self.client.step = "node_attest"
            await self.client.attest(self.verifier, node.address, node.spec.measurement())
            if not node.spec.measured:
                # The agent's first signed heartbeat, heard by the oracle (off-chain).
                self.heard[node.address].append(await self.now())
            self.client.step = "rewards_open"
            await self.client.open_rewards(node.address)
        spoofer = next(n for n in self.nodes if n.spec.measured)
        self.client.step = "slash_propose"
        await self.client.propose_slash(self.admin, spoofer.address, Offense.HardwareSpoofing)
        self.slashes = [(spoofer, await self.last_slash(spoofer))]
        self.say(f"{spoofer.spec.name}: declared H100, measured RTX 3090: jailed, spoofing slash proposed")

    async def prove_live(self) -> None:
        """The agents heartbeat (signed, off-chain) through the oracle's first epochs; the
        oracle roots each; once epoch 1's root is past its challenge window every node is
        synced by proof and the proven-live ones become Active (eligible for work). Epoch 0
        cannot be synced: `node_sync` takes only epochs above the node's `synced_epoch`,
        which starts at 0."""
        await self.tick(2 * HOUR + self.registry_params.root_challenge_secs)
        for node in self.nodes:
            data = await self.client.node(node.address)
            node.before = (NodeStatus(data.status).name, data.reputation_bps, data.bonded)
        active = [n for n in self.nodes if n.before[0] == NodeStatus.Active.name]
        if len(active) != len(self.nodes) - 1:  # all but the jailed spoofer
            raise RuntimeError(f"only {len(active)} nodes proven live: {[n.before for n in self.nodes]}")
        epoch = (await self.client.node(active[0].address)).synced_epoch
        self.say(
            f"oracle root of epoch {epoch} past its {self.registry_params.root_challenge_secs // HOUR} h "
            f"challenge window, nodes synced by proof: {len(active)} Active (no on-chain heartbeat)"
        )

    async def last_slash(self, node: Participant) -> int:
        """The index of the newest slash proposal against `node`."""
        return (await self.client.node(node.address)).slash_count - 1

    # --- the job

    async def create_and_match(self) -> None:
        self.client.step = "job_create"
        spec = JobSpec(
            gpu_model=GpuModel.H100,
            match_tier=True,
            gpu_count=8,
            min_vram_gb=80,
            min_cuda_major=12,
            min_cuda_minor=2,
            region=[0] * 8,
            duration_hours=JOB_HOURS,
            price_per_gpu_hour=PRICE,
            start_deadline=await self.now() + 30 * 60,
        )
        self.job = (await self.client.create_job(self.client_key, 1, spec)).address
        job = await self.client.job(self.job)
        located = await self.client.nodes()
        now = await self.now()
        floor = (await self.client.escrow_config()).params.min_reputation_bps
        picks = pick_cluster(
            [(n.address, n.data) for n in located],
            job,
            self.registry_params,
            min_reputation_bps=floor,
            now=now,
        )
        picked = {p.node: p.gpus for p in picks}
        names = {n.address: n.spec.name for n in self.nodes}
        for n in sorted(located, key=lambda n: names[n.address]):
            why = rejection(n.data, job, self.registry_params, floor, now)
            self.report.matching.append({
                "node": names[n.address],
                "gpus": f"{n.data.declared.gpu_count}x {GpuModel(n.data.attestation.gpu_model).name}",
                "rtt_us": n.data.attestation.rtt_us,
                "bandwidth_mbps": n.data.attestation.bandwidth_mbps,
                "decision": f"picked: {picked[n.address]} GPUs" if n.address in picked
                else (why or "eligible, not needed (ranked lower)"),
            })  # fmt: skip
        self.client.step = "job_assign"
        await self.client.assign(self.matcher, self.job, [(p.node, p.gpus) for p in picks])
        self.cluster = [n for n in self.nodes if n.address in picked]
        self.gpus = picked
        self.client.step = "job_start"
        for node in self.cluster:
            await self.client.start(node.agent, self.job, node.address)
        self.started = await self.now()
        self.say(f"8x H100-class assigned to {', '.join(n.spec.name for n in self.cluster)}; running")

    async def tick(self, seconds: int) -> None:
        """Advance the clock in heartbeat steps: live agents' signed heartbeats reach the
        oracle (off-chain, nothing on-chain), each epoch is rooted, synced, minted as it
        ends and every active node accrues its availability once an epoch."""
        for _ in range(seconds // STEP):
            before = await self.now()
            await self.conn.warp(STEP)
            now = before + STEP
            for node in self.nodes:
                if node.silent_since is None and not node.spec.measured:
                    self.heard[node.address].append(now)
            if (now - self.genesis) // HOUR != (before - self.genesis) // HOUR:
                await self.close_liveness_epoch((now - self.genesis) // HOUR - 1)
                await self.sync_liveness()
                self.client.step = "emission_mint_epoch"
                await self.client.mint_epochs()
                self.client.step = "rewards_accrue"
                for node in self.nodes:
                    if node.silent_since is None and not node.spec.measured:
                        # Nothing new (no proven presence nor burned work): passed over.
                        with contextlib.suppress(token_errors.NothingToAccrue):
                            await self.client.accrue_rewards(node.address)

    # --- liveness: the oracle's roots and the nodes' syncs

    async def close_liveness_epoch(self, epoch: int) -> None:
        """What the oracle service does when an epoch ends (docs/liveness.md §4): each
        node's cumulative leaf from the heartbeats it heard (each credits the demo's
        heartbeat step), the tree, and its vote on-chain."""
        start = self.genesis + epoch * HOUR
        ordered: list[LivenessLeaf] = []
        for node in self.nodes:
            if node.spec.measured or not self.heard[node.address]:
                continue  # a jailed node's heartbeats are refused; none heard yet
            previous = self.leaves.get(node.address) or LivenessLeaf.empty(node.address, node.agent.pubkey())
            heard = [t for t in self.heard[node.address] if start - STEP <= t < start + HOUR]
            up = uptime_in_epoch(heard, start, start + HOUR, STEP)
            first = self.heard[node.address][0]
            observed = start + HOUR - max(start, first)
            leaf = previous.next(
                epoch, epoch_uptime=up, observed=observed, heartbeats=len(heard),
                last_seen=max([previous.last_seen, *(t for t in heard if t < start + HOUR)]),
                agent=node.agent.pubkey(), tier=int(registry.GPU_TIERS[node.spec.model]),
                gpu_count=node.spec.gpus,
            )  # fmt: skip
            self.leaves[node.address] = leaf
            ordered.append(leaf)
        if not ordered:
            return
        ordered.sort(key=lambda leaf: bytes(leaf.node))
        tree = MerkleTree([leaf.to_bytes() for leaf in ordered])
        self.roots[epoch] = (tree, ordered)
        self.client.step = "liveness_root_commit"
        ix = registry.build_liveness_root_commit_ix(self.oracle.pubkey(), epoch, tree.root, tree.leaf_count)
        await self.client.send([ix], [self.oracle])

    async def sync_liveness(self) -> None:
        """Sync every node to the latest root past its challenge window (anyone may)."""
        for epoch in sorted(self.roots, reverse=True):
            if await self.client.effective_epoch_root(epoch) is None:
                continue
            tree, leaves = self.roots[epoch]
            self.client.step = "node_sync"
            for i, leaf in enumerate(leaves):
                if (await self.client.node(leaf.node)).synced_epoch < epoch:
                    await self.client.sync_node(leaf.node, epoch, leaf.to_bytes(), tree.proof(i))
            return

    async def report_usage(self) -> None:
        now = await self.now()
        self.client.step = "job_report_usage"
        for node in self.cluster:
            if node.silent_since is None:
                seconds = min(now - self.started, JOB_HOURS * HOUR)
                await self.client.report_usage(
                    node.agent, self.job, node.address, self.gpus[node.address] * seconds
                )

    async def run_job(self) -> None:
        silent = next(n for n in self.cluster if n.spec.name == SILENT)
        elapsed = 0
        while elapsed < JOB_HOURS * HOUR:
            await self.tick(30 * 60)
            elapsed += 30 * 60
            await self.report_usage()
            if elapsed == SILENT_AFTER:
                silent.silent_since = await self.now()
                self.say(f"{silent.spec.name} stops answering after {SILENT_AFTER // HOUR} h")
            if silent.silent_since is not None and elapsed == SILENT_AFTER + 30 * 60:
                self.client.step = "job_timeout"
                await self.client.timeout(self.job, silent.address)
                self.slashes.append((silent, await self.last_slash(silent)))
                self.say(
                    f"timeout crank: {silent.spec.name} removed, undelivered part refunded, slash proposed"
                )
        self.client.step = "job_complete"
        await self.client.complete(self.client_key, self.job)
        await self.tick((await self.client.escrow_config()).params.challenge_window_secs)
        self.client.step = "job_settle"
        await self.client.settle(self.job)
        self.client.units["job_finalize"].append(self.client.units["job_settle"].pop())
        self.client.step = "rewards_accrue"
        for node in self.cluster:
            if node.silent_since is None:
                await self.client.accrue_rewards(node.address)
        await self.tick(HOUR)  # the settlement's epoch ends and is minted
        data = await self.client.job(self.job)
        stats = await self.client.stats()
        config = await self.client.token_config()
        first = (self.started - self.genesis) // HOUR
        p = period(stats, config.epochs_minted - 1, config.epochs_minted - first)
        self.report.economics = {
            "epochs": f"{p.first_epoch}-{p.last_epoch}",
            "compute_spend": p.compute_spend,
            "emitted": p.minted,
            "burned": p.burned,
            "de_ratio": round(p.demand_to_emission, 6),
            "net_deflation": p.net_deflation,
        }
        self.say(f"settled: {data.paid / IO:,.2f} IO paid, {data.fees / IO:,.2f} IO fee burned, "
                 f"{data.refunded / IO:,.2f} IO refunded")  # fmt: skip

    # --- wash trading

    async def wash_trade(self) -> None:
        """An operator as its own client (a new key costs nothing, so client == operator is
        the general case): two 1-GPU, 1-hour jobs only its node matches, one at 1 base unit
        per GPU-hour and one at the market price; it runs, reports, completes, settles and
        accrues. What it gets back (the run's payment, and the work rewards the job's
        burned fee earned: at most one base unit per unit burned) never exceeds what it paid."""
        node = next(n for n in self.nodes if n.spec.name == WASH)
        operator = node.operator
        self.client.step = "funding"
        await self.client.send(
            await self.client.build_transfer_ixs(self.admin.pubkey(), operator.pubkey(), PRICE + 1)
        )
        region = list(node.spec.region.encode().ljust(8, b"\0"))
        floor = (await self.client.escrow_config()).params.min_reputation_bps
        jobs: list[tuple[int, Pubkey]] = []
        for i, price in enumerate((1, PRICE)):
            spec = JobSpec(
                gpu_model=node.spec.model, match_tier=False, gpu_count=1, min_vram_gb=node.spec.vram,
                min_cuda_major=node.spec.cuda[0], min_cuda_minor=node.spec.cuda[1], region=region,
                duration_hours=1, price_per_gpu_hour=price, start_deadline=await self.now() + 30 * 60,
            )  # fmt: skip
            self.client.step = "job_create"
            address = (await self.client.create_job(operator, WASH_JOB_ID + i, spec)).address
            job = await self.client.job(address)
            located = [(n.address, n.data) for n in await self.client.nodes()]
            now = await self.now()
            picks = pick_cluster(located, job, self.registry_params, min_reputation_bps=floor, now=now)
            if [p.node for p in picks] != [node.address]:
                raise RuntimeError(f"the wash job matched {picks}, not {WASH}")
            self.client.step = "job_assign"
            await self.client.assign(self.matcher, address, [(node.address, 1)])
            self.client.step = "job_start"
            await self.client.start(node.agent, address, node.address)
            jobs.append((price, address))
        self.wash_jobs = [address for _, address in jobs]
        await self.tick(HOUR)
        for _, address in jobs:
            self.client.step = "job_report_usage"
            await self.client.report_usage(node.agent, address, node.address, HOUR)
            self.client.step = "job_complete"
            await self.client.complete(operator, address)
        await self.tick((await self.client.escrow_config()).params.challenge_window_secs)
        epoch = (await self.now() - self.genesis) // HOUR
        work: list[int] = []
        for _, address in jobs:
            self.client.step = "job_settle"
            await self.client.settle(address)
            self.client.units["job_finalize"].append(self.client.units["job_settle"].pop())
            self.client.step = "rewards_accrue"
            before = self.work_points(await self.client.reward(node.address), epoch)
            # A job that burned no fee earns no work point: nothing new to accrue.
            with contextlib.suppress(token_errors.NothingToAccrue):
                await self.client.accrue_rewards(node.address)
            work.append(self.work_points(await self.client.reward(node.address), epoch) - before)
        await self.tick(HOUR)  # the settlements' epoch ends and is minted
        record = await EpochRecord.fetch(self.conn, token.epoch_record(epoch))
        if record is None:
            raise RuntimeError(f"epoch {epoch} was not minted")
        for (price, address), points in zip(jobs, work, strict=True):
            job = await self.client.job(address)
            spent = job.deposited - job.refunded
            reward = record.work_pool * points // record.work_points if record.work_points else 0
            self.report.wash_trading.append({
                "price_per_gpu_hour": price, "paid_as_client": spent, "paid_to_node": job.paid,
                "fee_burned": job.fees, "work_reward": reward, "net": job.paid + reward - spent,
            })  # fmt: skip
        cheap, market = (w["net"] for w in self.report.wash_trading)
        self.say(
            f"wash trading: {WASH} pays itself for 1 GPU-hour: net {cheap / IO:+,.2f} IO at 1 base unit, "
            f"{market / IO:+,.2f} IO at {PRICE / IO:.2f} IO (work rewards <= the fee burned)"
        )

    @staticmethod
    def work_points(reward: Reward | None, epoch: int) -> int:
        """The work points the reward account holds for `epoch` (0 if none)."""
        if reward is None:
            return 0
        return sum(b.work_points for b in reward.buckets if b.used and b.epoch == epoch)

    # --- slashes and rewards

    async def slashes_and_rewards(self) -> None:
        # Two days on (the demo skips most of that time's heartbeats): the appeal windows
        # close. The agents heartbeat through the last hours, whose first root passes its
        # challenge window and is synced: the live nodes stay proven live, the silent not.
        challenge = self.registry_params.root_challenge_secs
        await self.conn.warp(2 * DAY + HOUR - (HOUR + challenge))
        await self.tick(HOUR + challenge)
        now = await self.now()
        for node in self.nodes:
            node.proven_live = node_live(await self.client.node(node.address), self.registry_params, now)
        silent = next(n for n in self.nodes if n.spec.name == SILENT)
        data = await self.client.node(silent.address)
        self.say(
            f"liveness roots synced: {silent.spec.name} proven present {data.proven_uptime_secs:,} of "
            f"{data.proven_observed_secs:,} s, last seen {(now - data.last_seen) / HOUR:,.1f} h ago: "
            f"{'live' if node_live(data, self.registry_params, now) else 'stale, not assignable'} "
            f"({NodeStatus(data.status).name})"
        )
        self.client.step = "emission_mint_epoch"
        await self.client.mint_epochs()
        self.client.step = "slash_execute"
        for node, index in self.slashes:
            await self.client.execute_slash(node.address, index)
        self.say("appeal windows over: both slashes executed (half burned, half to the treasury)")
        self.client.step = "rewards_claim"
        claimers = [n for n in self.nodes if not n.spec.measured]
        # The first claim resolves the minted epochs into locked tranches; a slashed
        # node's were already resolved by the forfeit sent with its slash.
        minted = (await self.client.token_config()).epochs_minted
        for node in claimers:
            reward = await self.client.reward(node.address)
            if reward is not None and any(b.used and b.epoch < minted for b in reward.buckets):
                await self.client.claim_rewards(node.operator, node.address)
        lock = (await self.client.token_config()).params.reward_lock_secs
        # A week on: the crank mints day by day (minting a week at once would trip the
        # circuit breaker, which limits what one day's window may mint).
        for _ in range(lock // DAY + 1):
            await self.conn.warp(DAY)
            self.client.step = "emission_mint_epoch"
            await self.client.mint_epochs()
        self.client.step = "rewards_claim"
        for node in claimers:
            reward = await self.client.reward(node.address)
            if reward is not None and reward.locked > 0:  # nodes that earned nothing have nothing
                await self.client.claim_rewards(node.operator, node.address)
        self.say(f"rewards resolved, locked {lock // DAY} days, then claimed")

    # --- summary

    async def summarize(self) -> None:
        job = await self.client.job(self.job)
        stats = await self.client.stats()
        info = await self.conn.get_account(token.MINT)
        assert info is not None
        supply = spl.mint_supply(info)
        client_balance = spl.token_balance(
            await self.conn.get_account(spl.ata(self.client_key.pubkey(), token.MINT))
        )
        slashed = sum([(await self.client.node(n.address)).slashed_total for n in self.nodes])
        self.report.flows = {
            "escrowed by the client": job.deposited,
            "paid to nodes": job.paid,
            "refunded to the client": job.refunded,
            "fees burned": stats.burned_fees,  # the job's and the wash trades'
            "slashed from stakes": slashed,
            "burned from slashes (stakes, locked rewards)": stats.burned_slashes,
            "minted at genesis": stats.minted_genesis,
            "minted as emissions": stats.minted_emission,
            "rewards paid to operators": stats.rewards_paid,
            "client balance after": client_balance,
        }
        for node in self.nodes:
            data = await self.client.node(node.address)
            reward = await self.client.reward(node.address)
            balance = spl.token_balance(
                await self.conn.get_account(spl.ata(node.operator.pubkey(), token.MINT))
            )
            self.report.nodes.append({
                "node": node.spec.name,
                "gpus": f"{node.spec.gpus}x {node.spec.model.name}",
                "status": f"{node.before[0]} -> {NodeStatus(data.status).name}",
                "reputation_bps": [node.before[1], data.reputation_bps],
                "bonded": [node.before[2], data.bonded],
                "slashed": data.slashed_total,
                "gpu_seconds": data.delivered_gpu_seconds,
                "proven_uptime_secs": data.proven_uptime_secs,
                "proven_observed_secs": data.proven_observed_secs,
                "last_epoch_uptime_secs": data.last_epoch_uptime_secs,
                "synced_epoch": data.synced_epoch,
                "last_seen": data.last_seen,
                "live_until": live_until(data, self.registry_params),
                "proven_live_day_2": node.proven_live,
                "uptime_bps": data.uptime_bps,
                "rewards_claimed": reward.claimed_total if reward else 0,
                "io_balance": balance,
            })  # fmt: skip
        self.report.compute_units = {
            step: {
                "transactions": len(u),
                "instructions": sum(n for _, n in u),
                "per_instruction": sum(cu for cu, _ in u) // sum(n for _, n in u),
                "max_per_transaction": max(cu for cu, _ in u),
            }
            for step, u in self.client.units.items() if u
        }  # fmt: skip
        minted = stats.minted_genesis + stats.minted_emission
        burned = stats.burned_fees + stats.burned_slashes
        jobs = [job, *[await self.client.job(a) for a in self.wash_jobs]]
        self.report.books_balance = (
            all(j.deposited == j.paid + j.fees + j.refunded and j.state == JobState.Settled for j in jobs)
            and supply == minted - burned
            and sum(j.fees for j in jobs) == stats.burned_fees
        )

    async def play(self) -> Report:
        started = time.monotonic()
        await self.deploy()
        self.registry_params = (await self.client.registry_config()).params
        config = await self.client.token_config()
        self.genesis = config.genesis_time
        await self.fund()
        await self.onboard()
        await self.prove_live()
        await self.create_and_match()
        await self.run_job()
        await self.wash_trade()
        await self.slashes_and_rewards()
        await self.summarize()
        self.report.seconds = round(time.monotonic() - started, 1)
        return self.report


async def run(
    progress: Say | None = None,
    validator_kind: Kind | None = None,
    ledger: Path | None = None,
    after: Callable[[Report, str], Awaitable[None]] | None = None,
) -> Report:
    """Start a validator process, play the demo against it, stop it (always). `after(report,
    url)`, when given, runs once the demo is played, while the validator still serves `url`
    (`ionet demo --explore` indexes it and serves the explorer until interrupted)."""
    deployer = Keypair()
    kind = validator_kind or "ionet"  # not IONET_VALIDATOR: the demo needs ionetWarp
    # The report's figures (refunds, GPU-seconds) come from warped time alone.
    frozen = kind == "ionet"
    async with LocalValidator(
        kind=kind, ledger=ledger, upgrade_authority=deployer, frozen_clock=frozen
    ) as validator:
        if progress is not None:
            progress(f"validator ({validator.kind}) at {validator.url}, programs preloaded")
        conn = RpcConnection(validator.url, retries=2)
        try:
            report = await Demo(conn, deployer, progress).play()
        finally:
            await conn.close()
        if after is not None:
            await after(report, validator.url)
    return report


def render(report: Report, console: Console) -> None:
    """The demo's summary as rich tables."""
    flows = Table("token flow", "IO", title="token flows")
    for name, value in report.flows.items():
        flows.add_row(name, f"{value / IO:,.2f}")
    console.print(flows)

    e = report.economics
    econ = Table("figure", "value", title=f"network economics, epochs {e['epochs']} (the job's hours)")
    econ.add_row("compute spend (IO)", f"{e['compute_spend'] / IO:,.2f}")
    econ.add_row("emitted (IO)", f"{e['emitted'] / IO:,.2f}")
    econ.add_row("burned (IO)", f"{e['burned'] / IO:,.2f}")
    econ.add_row("D/E ratio (>= 0.60: self-sustaining)", f"{e['de_ratio']:.6f}")
    econ.add_row("net deflation", "yes" if e["net_deflation"] else "no")
    console.print(econ)

    matching = Table("node", "attested", "RTT us", "Mbit/s", "matcher's decision",
                     title="matching 8x H100-class, CUDA >= 12.2")  # fmt: skip
    for m in report.matching:
        matching.add_row(m["node"], m["gpus"], str(m["rtt_us"]), f"{m['bandwidth_mbps']:,}", m["decision"])
    console.print(matching)

    if report.wash_trading:
        wash = Table("price per GPU-hour (IO)", "paid as client", "paid to its node", "fee burned",
                     "work reward", "net IO",
                     title=f"wash trading: {WASH} pays itself for 1 GPU-hour")  # fmt: skip
        keys = ("price_per_gpu_hour", "paid_as_client", "paid_to_node", "fee_burned", "work_reward", "net")
        for w in report.wash_trading:
            wash.add_row(*(f"{w[k] / IO:,.8f}" for k in keys))
        console.print(wash)

    nodes = Table("node", "GPUs", "status", "reputation", "proven up/observed h", "live day 2",
                  "bonded (IO)", "slashed", "GPU-h", "rewards (IO)",
                  title="operators: before -> after")  # fmt: skip
    for n in report.nodes:
        (r0, r1), b1 = n["reputation_bps"], n["bonded"][1]
        before, _, after = n["status"].partition(" -> ")
        nodes.add_row(
            n["node"], n["gpus"], after if before == after else f"{before}->{after}",
            f"{r0 / 100:.1f}->{r1 / 100:.1f}%",
            f"{n['proven_uptime_secs'] / HOUR:.1f}/{n['proven_observed_secs'] / HOUR:.1f}",
            "yes" if n["proven_live_day_2"] else "stale" if n["last_seen"] else "never",
            f"{b1 / IO:,.0f}", f"{n['slashed'] / IO:,.0f}",
            f"{n['gpu_seconds'] / HOUR:,.0f}", f"{n['rewards_claimed'] / IO:,.0f}",
        )  # fmt: skip
    console.print(nodes)

    units = Table("step", "txs", "instructions", "CU per instruction", "max CU per tx",
                  title="compute units per step")  # fmt: skip
    for step, u in report.compute_units.items():
        units.add_row(step, str(u["transactions"]), str(u["instructions"]), f"{u['per_instruction']:,}",
                      f"{u['max_per_transaction']:,}")  # fmt: skip
    console.print(units)
    verdict = "[green]the books balance[/]" if report.books_balance else "[red]the books do NOT balance[/]"
    console.print(
        f"{verdict}: deposited = paid + fees + refunded; supply = minted - burned; fees burned. "
        f"{report.seconds} s against {report.validator}"
    )
