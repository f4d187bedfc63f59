"""A small network on a validator process for the service tests: the demo's twelve
operators deployed, funded, registered, bonded, attested and heartbeating (one spoofer
jailed with a slash proposed), over JSON-RPC, on a frozen clock that only `ionetWarp`
moves (figures never depend on how long a test takes)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager

from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk import pda
from ionet_sdk._generated.ionet_escrow.types import JobSpec
from ionet_sdk._generated.ionet_registry.types import GpuModel
from ionet_sdk.demo import JOB_HOURS, PRICE, Demo, Participant
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
        return self

    def by_name(self, name: str) -> Participant:
        return next(n for n in self.nodes if n.spec.name == name)

    def run_address(self, job: Pubkey, node: Participant) -> Pubkey:
        return pda.run(job, node.address)

    def live_nodes(self, silent: Iterable[str] = ()) -> list[Participant]:
        quiet = set(silent)
        return [n for n in self.nodes if not n.spec.measured and n.spec.name not in quiet]

    async def live(self, seconds: int, silent: Iterable[str] = ()) -> None:
        """Warp `seconds`; then every node but the spoofer and `silent` heartbeats (the
        keeper and the matcher read liveness at the moment they act)."""
        await self.conn.warp(seconds)
        for node in self.live_nodes(silent):
            await self.client.heartbeat(node.agent, node.address)

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
