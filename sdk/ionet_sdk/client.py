"""`IonetClient`: one async interface to the ionet programs over any connection.

    client = IonetClient(RpcConnection("devnet"), payer=load_keypair())
    nodes = await client.nodes(status=NodeStatus.Active, gpu_model=GpuModel.H100)

Queries decode typed accounts (filtered on the node by getProgramAccounts);
flows build, sign, send and confirm the instructions of one step and return
what they created. Every failure raises the SDK's typed errors. `build_*_ix`
in `registry`, `escrow` and `token` serve callers who sign elsewhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk import escrow, pda, registry, spl, token, tx
from ionet_sdk._generated.ionet_escrow.accounts import EscrowConfig, Job, Run
from ionet_sdk._generated.ionet_escrow.types import JobSpec, JobState
from ionet_sdk._generated.ionet_registry.accounts import Node, RegistryConfig
from ionet_sdk._generated.ionet_registry.types import GpuModel, HardwareSpec, NodeRegisterArgs, NodeStatus
from ionet_sdk._generated.ionet_token.accounts import NetworkStats, TokenConfig
from ionet_sdk.connection import Connection, SendResult
from ionet_sdk.economics import Period, period
from ionet_sdk.errors import IonetError
from ionet_sdk.programs import ESCROW_ID, REGISTRY_ID

# Field offsets (with the 8-byte discriminator) used as server-side filters;
# tests/test_client.py checks them against the generated encoders.
NODE_SIZE = 8 + 440
NODE_OPERATOR = 8 + 200
NODE_GPU_MODEL = 8 + 336  # declared.gpu_model
NODE_STATUS = 8 + 410
JOB_SIZE = 8 + 304
JOB_CLIENT = 8 + 104
JOB_STATE = 8 + 234
SETTLE_BATCH = 6  # runs per settle instruction without a lookup table

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Located(Generic[T]):
    """A decoded account and its address."""

    address: Pubkey
    data: T


class IonetClient:
    def __init__(self, conn: Connection, payer: Keypair, *, unit_limit: int | None = None) -> None:
        self.conn = conn
        self.payer = payer
        self.unit_limit = unit_limit

    async def send(self, ixs: Sequence[Instruction], signers: Sequence[Keypair] = ()) -> SendResult:
        return await tx.send(self.conn, ixs, self.payer, signers, unit_limit=self.unit_limit)

    # --- queries

    async def registry_config(self) -> RegistryConfig:
        return _required(await RegistryConfig.fetch(self.conn, pda.registry_config()), "registry config")

    async def escrow_config(self) -> EscrowConfig:
        return _required(await EscrowConfig.fetch(self.conn, pda.escrow_config()), "escrow config")

    async def token_config(self) -> TokenConfig:
        return _required(await TokenConfig.fetch(self.conn, token.CONFIG), "IO token config")

    async def stats(self) -> NetworkStats:
        return _required(await NetworkStats.fetch(self.conn, token.STATS), "network stats")

    async def economics(self, epochs: int = 24) -> Period:
        """The last `epochs` minted epochs: D/E ratio, net deflation (`ionet_sdk.economics`)."""
        config = await self.token_config()
        last = max(0, config.epochs_minted - 1)
        return period(await self.stats(), last, min(epochs, last + 1))

    async def node(self, address: Pubkey) -> Node:
        return _required(await Node.fetch(self.conn, address), f"node {address}")

    async def nodes(
        self,
        *,
        status: NodeStatus | None = None,
        gpu_model: GpuModel | None = None,
        operator: Pubkey | None = None,
    ) -> list[Located[Node]]:
        """Registry nodes, filtered on the node (getProgramAccounts)."""
        memcmp: list[tuple[int, bytes]] = []
        if status is not None:
            memcmp.append((NODE_STATUS, bytes([status])))
        if gpu_model is not None:
            memcmp.append((NODE_GPU_MODEL, bytes([gpu_model])))
        if operator is not None:
            memcmp.append((NODE_OPERATOR, bytes(operator)))
        infos = await self.conn.get_program_accounts(REGISTRY_ID, data_size=NODE_SIZE, memcmp=memcmp)
        return [Located(i.address, Node.decode(i.data)) for i in infos]

    async def job(self, address: Pubkey) -> Job:
        return _required(await Job.fetch(self.conn, address), f"job {address}")

    async def jobs(
        self, *, client: Pubkey | None = None, state: JobState | None = None
    ) -> list[Located[Job]]:
        memcmp: list[tuple[int, bytes]] = []
        if client is not None:
            memcmp.append((JOB_CLIENT, bytes(client)))
        if state is not None:
            memcmp.append((JOB_STATE, bytes([state])))
        infos = await self.conn.get_program_accounts(ESCROW_ID, data_size=JOB_SIZE, memcmp=memcmp)
        return [Located(i.address, Job.decode(i.data)) for i in infos]

    # --- supply side

    async def register_node(
        self, operator: Keypair, node_id: int, agent: Pubkey, hardware: HardwareSpec
    ) -> Pubkey:
        """Register a node and create its stake vault; returns the node's address."""
        vault = Keypair()
        args = NodeRegisterArgs(node_id=node_id, agent=agent, hardware=hardware)
        config = await self.registry_config()
        ixs = await registry.build_node_register_ixs(self.conn, config, operator.pubkey(), args, vault)
        await self.send(ixs, [operator, vault])
        return pda.node(operator.pubkey(), node_id)

    async def stake(self, operator: Keypair, node: Pubkey, amount: int) -> SendResult:
        data = await self.node(node)
        source = spl.ata(operator.pubkey(), (await self.registry_config()).stake_mint)
        ix = registry.build_stake_deposit_ix(
            await self.registry_config(), node, data.vault, operator.pubkey(), source, amount=amount
        )
        return await self.send([ix], [operator])

    async def heartbeat(self, agent: Keypair, node: Pubkey) -> SendResult:
        return await self.send([registry.build_node_heartbeat_ix(node, agent.pubkey())], [agent])

    # --- demand side

    async def create_job(self, client: Keypair, job_id: int, spec: JobSpec) -> Pubkey:
        config = await self.escrow_config()
        await self.send([escrow.build_job_create_ix(config, client.pubkey(), job_id, spec)], [client])
        return pda.job(client.pubkey(), job_id)

    async def assign(self, matcher: Keypair, job: Pubkey, nodes: Sequence[tuple[Pubkey, int]]) -> SendResult:
        ix = escrow.build_job_assign_ix(job, nodes, matcher.pubkey(), self.payer.pubkey())
        return await self.send([ix], [matcher])

    async def settle(self, job: Pubkey) -> list[SendResult]:
        """Settle every open run in batches, then finalize the job."""
        config = await self.escrow_config()
        data = await self.job(job)
        runs = await self._runs(job)
        results = []
        for start in range(0, len(runs), SETTLE_BATCH):
            batch = runs[start : start + SETTLE_BATCH]
            results.append(
                await self.send([escrow.build_job_settle_ix(config, job, data, batch, self.payer.pubkey())])
            )
        data = await self.job(job)
        results.append(await self.send([escrow.build_job_finalize_ix(config, job, data)]))
        return results

    async def _runs(self, job: Pubkey) -> list[Run]:
        infos = await self.conn.get_program_accounts(ESCROW_ID, memcmp=[(8 + 32, bytes(job))])
        return [Run.decode(i.data) for i in infos if i.data[:8] == Run.DISCRIMINATOR]

    # --- the IO token

    async def mint_epoch(self) -> SendResult:
        epoch = (await self.token_config()).epochs_minted
        return await self.send([token.build_emission_mint_epoch_ix(self.payer.pubkey(), epoch)])

    async def claim_rewards(self, operator: Keypair, node: Pubkey, epochs: Sequence[int]) -> SendResult:
        destination = spl.ata(operator.pubkey(), token.MINT)
        ix = token.build_rewards_claim_ix(node, operator.pubkey(), destination, epochs)
        return await self.send([ix], [operator])


def _required(value: T | None, what: str) -> T:
    if value is None:
        raise IonetError(f"{what} does not exist on this cluster (run migrations/deploy.py)")
    return value
