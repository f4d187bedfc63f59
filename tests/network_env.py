"""A small network on a validator process for the service tests: the demo's twelve
operators deployed, funded, registered, bonded, attested and proven live by the demo's
oracle (signed off-chain heartbeats, an epoch root voted on-chain, `node_sync` past its
challenge window: Active; one spoofer jailed with a slash proposed), over JSON-RPC, on a
frozen clock that only `ionetWarp` moves (figures never depend on how long a test takes).

Minting epochs and accruing rewards are left to the services under test (the keeper):
time passes here through `live`, which only plays the agents and the oracle."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager

from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk import pda
from ionet_sdk._generated.ionet_escrow.types import JobSpec
from ionet_sdk._generated.ionet_registry.types import GpuModel, NodeStatus
from ionet_sdk.defaults import HOUR
from ionet_sdk.demo import JOB_HOURS, PRICE, STEP, Demo, Participant
from ionet_sdk.localnet import LocalValidator
from ionet_sdk.rpc import RpcConnection


class World(Demo):
    """`Demo` with the steps tests need: time passing with chosen nodes live, and jobs."""

    validator: LocalValidator
    job_ids = 100

    async def setup(self) -> World:
        await self.deploy()
        self.registry_params = (await self.client.registry_config()).params
        self.genesis = (await self.client.token_config()).genesis_time
        await self.fund()
        await self.onboard()
        # Epoch 1's root past its challenge window (epoch 0 cannot be synced: Demo.prove_live).
        await self.live(2 * HOUR + self.registry_params.root_challenge_secs)
        for node in self.live_nodes():
            status = (await self.client.node(node.address)).status
            assert status == NodeStatus.Active, f"{node.spec.name} not proven live: {status}"
        return self

    def by_name(self, name: str) -> Participant:
        return next(n for n in self.nodes if n.spec.name == name)

    def run_address(self, job: Pubkey, node: Participant) -> Pubkey:
        return pda.run(job, node.address)

    def live_nodes(self, silent: Iterable[str] = ()) -> list[Participant]:
        quiet = set(silent)
        return [n for n in self.nodes if not n.spec.measured and n.spec.name not in quiet]

    async def live(self, seconds: int, silent: Iterable[str] = ()) -> None:
        """Let `seconds` pass in the demo's heartbeat steps: every node's agent but the
        spoofer's and `silent`'s sends its signed heartbeat to the oracle (off-chain); at
        each epoch's end the oracle roots it on-chain, and every node is synced to the
        latest root past its challenge window (as at the end). Nothing is minted or
        accrued (the keeper's work)."""
        live = self.live_nodes(silent)
        for _ in range(seconds // STEP):
            before = await self.now()
            await self.conn.warp(STEP)
            now = before + STEP
            for node in live:
                self.heard[node.address].append(now)
            if (now - self.genesis) // HOUR != (before - self.genesis) // HOUR:
                await self.close_liveness_epoch((now - self.genesis) // HOUR - 1)
                await self.sync_liveness()
        if seconds % STEP:
            await self.conn.warp(seconds % STEP)
        await self.sync_liveness()

    async def post_job(self, gpus: int = 8, **changes: object) -> Pubkey:
        """The client escrows an H100-class job (as the demo's) and returns its address."""
        self.job_ids += 1
        fields: dict[str, object] = {
            "gpu_model": GpuModel.H100, "match_tier": True, "gpu_count": gpus, "min_vram_gb": 80,
            "min_cuda_major": 12, "min_cuda_minor": 2, "region": [0] * 8, "duration_hours": JOB_HOURS,
            "price_per_gpu_hour": PRICE, "start_deadline": await self.now() + 30 * 60,
        }  # fmt: skip
        fields.update(changes)
        spec = JobSpec(**fields)  # type: ignore[arg-type]
        return (await self.client.create_job(self.client_key, self.job_ids, spec)).address


@asynccontextmanager
async def world() -> AsyncIterator[World]:
    """A validator process with the world set up; stopped afterwards whatever happened."""
    deployer = Keypair()
    async with LocalValidator(kind="ionet", upgrade_authority=deployer, frozen_clock=True) as validator:
        conn = RpcConnection(validator.url, retries=2)
        try:
            w = World(conn, deployer)
            w.validator = validator
            yield await w.setup()
        finally:
            await conn.close()
