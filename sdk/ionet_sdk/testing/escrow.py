"""A local marketplace on the embedded SVM: the registry sandbox plus the escrow.

Deploys the escrow, initializes its config (matcher, arbiter, the sandbox's IO
mint and treasury) and makes the escrow's authority PDA the registry's job
authority. `EscrowSandbox` drives the job flows with fresh keys; used by the
tests, the compute-unit benchmark and the demo.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Self

from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk import escrow, pda, registry, spl
from ionet_sdk._generated.ionet_escrow.accounts import EscrowConfig, Job, Run
from ionet_sdk._generated.ionet_escrow.types import ConfigInitArgs, JobSpec
from ionet_sdk._generated.ionet_registry.types import ConfigUpdateArgs, GpuModel, HardwareSpec
from ionet_sdk.connection import SendResult
from ionet_sdk.defaults import ESCROW_PARAMS, IO, IO_DECIMALS
from ionet_sdk.programs import ESCROW_ID, program_path
from ionet_sdk.testing import SANDBOX_START
from ionet_sdk.testing.registry import SOL, NodeHandle, RegistrySandbox, hardware


@dataclass
class ClientHandle:
    keypair: Keypair
    token_account: Pubkey

    @property
    def pubkey(self) -> Pubkey:
        return self.keypair.pubkey()


@dataclass
class JobHandle:
    client: ClientHandle
    job_id: int
    address: Pubkey
    vault: Pubkey
    spec: JobSpec


class EscrowSandbox(RegistrySandbox):
    """Registry and escrow deployed and configured; the escrow is the registry's job authority."""

    escrow_config: EscrowConfig

    def __init__(self, *, start_time: int = SANDBOX_START) -> None:
        """`start_time`: the clock's start (unix seconds; default a fixed instant)."""
        super().__init__(start_time=start_time)
        self.matcher, self.arbiter = Keypair(), Keypair()
        self._job_ids = 0
        self._node_labels = 0

    async def setup(self, *, init_config: bool = True, init_escrow: bool = True) -> Self:
        await super().setup(init_config=init_config)
        for kp in (self.matcher, self.arbiter):
            self.conn.airdrop(kp.pubkey(), 100 * SOL)
        self.conn.deploy(ESCROW_ID, program_path("ionet_escrow"), self.deployer.pubkey())
        if init_config and init_escrow:
            await self.init_escrow()
        return self

    async def init_escrow(self) -> SendResult:
        """Initialize the escrow config and make its authority the registry's job authority
        (needs the registry config)."""
        result = await self.send([self.escrow_config_init_ix()], self.deployer)
        update = ConfigUpdateArgs(
            admin=None,
            slashing_authority=None,
            job_authority=pda.escrow_authority(),
            verifiers=None,
            params=None,
            oracles=None,
        )
        await self.send([registry.build_config_update_ix(self.admin.pubkey(), update)], self.admin)
        await self.refresh_config()
        await self.refresh_escrow_config()
        return result

    def escrow_config_init_args(self) -> ConfigInitArgs:
        return ConfigInitArgs(
            admin=self.admin.pubkey(),
            matcher=self.matcher.pubkey(),
            arbiter=self.arbiter.pubkey(),
            params=ESCROW_PARAMS,
        )

    def escrow_config_init_ix(
        self, signer: Pubkey | None = None, args: ConfigInitArgs | None = None
    ) -> Instruction:
        return escrow.build_config_init_ix(
            signer or self.deployer.pubkey(),
            self.mint,
            self.treasury.pubkey(),
            args or self.escrow_config_init_args(),
        )

    async def refresh_escrow_config(self) -> EscrowConfig:
        config = await EscrowConfig.fetch(self.conn, pda.escrow_config())
        assert config is not None
        self.escrow_config = config
        return config

    async def now(self) -> int:
        return (await self.conn.get_clock()).unix_timestamp

    # --- participants

    async def new_client(self, funds: int = 1_000_000 * IO) -> ClientHandle:
        kp = await self.new_operator()
        return ClientHandle(kp, await self.fund(kp, funds))

    async def active_node(
        self, spec: HardwareSpec | None = None, extra_stake: int = 0, label: str | None = None
    ) -> NodeHandle:
        """A registered, attested, bonded, live node whose operator has an IO account."""
        self._node_labels += 1
        spec = spec or hardware(label=label or f"active-{self._node_labels}")
        handle = await self.register(spec)
        handle.token_account = await self.fund(handle.operator, 1_000_000 * IO)
        await self.activate(handle, extra_stake)
        return handle

    # --- jobs

    async def job_spec(self, **changes: object) -> JobSpec:
        spec = JobSpec(
            gpu_model=GpuModel.H100,
            match_tier=False,
            gpu_count=8,
            min_vram_gb=80,
            min_cuda_major=12,
            min_cuda_minor=0,
            region=[0] * 8,
            duration_hours=4,
            price_per_gpu_hour=2 * IO,
            start_deadline=await self.now() + 600,
        )
        return replace(spec, **changes)  # type: ignore[arg-type]

    def create_job_ix(self, client: ClientHandle, job_id: int, spec: JobSpec) -> Instruction:
        return escrow.build_job_create_ix(
            self.escrow_config, client.pubkey, job_id, spec, client.token_account
        )

    async def create_job(self, client: ClientHandle | None = None, /, **changes: object) -> JobHandle:
        client = client or await self.new_client()
        spec = await self.job_spec(**changes)
        self._job_ids += 1
        await self.send([self.create_job_ix(client, self._job_ids, spec)], client.keypair)
        address = pda.job(client.pubkey, self._job_ids)
        return JobHandle(client, self._job_ids, address, pda.job_vault(address), spec)

    def job_handle(self, client: ClientHandle, job_id: int, spec: JobSpec) -> JobHandle:
        """The handle of a job created elsewhere (by `create_job_ix`)."""
        address = pda.job(client.pubkey, job_id)
        return JobHandle(client, job_id, address, pda.job_vault(address), spec)

    async def other_mint_account(self, owner: ClientHandle) -> tuple[Pubkey, Pubkey]:
        """A second mint (same decimals) and a funded account of it held by `owner`."""
        mint, account = Keypair(), Keypair()
        ixs = await spl.create_mint_ixs(
            self.conn, self.payer.pubkey(), mint.pubkey(), IO_DECIMALS, self.payer.pubkey()
        )
        ixs += await spl.create_token_account_ixs(
            self.conn, self.payer.pubkey(), account, mint.pubkey(), owner.pubkey
        )
        ixs.append(
            spl.mint_to_ix(mint.pubkey(), account.pubkey(), self.payer.pubkey(), 1_000_000 * IO, IO_DECIMALS)
        )
        await self.send(ixs, self.payer, [mint, account])
        return mint.pubkey(), account.pubkey()

    def assign_ix(self, job: JobHandle, nodes: Sequence[tuple[NodeHandle, int]]) -> Instruction:
        return escrow.build_job_assign_ix(
            job.address, [(n.address, gpus) for n, gpus in nodes], self.matcher.pubkey(), self.payer.pubkey()
        )

    async def assign(self, job: JobHandle, *nodes: NodeHandle, gpus: int | None = None) -> SendResult:
        """Assign the nodes in one instruction, each with `gpus` (default: all its GPUs)."""
        pairs = [(n, gpus if gpus is not None else n.spec.gpu_count) for n in nodes]
        return await self.send([self.assign_ix(job, pairs)], self.payer, [self.matcher])

    async def start(self, job: JobHandle, node: NodeHandle) -> SendResult:
        ix = escrow.build_job_start_ix(job.address, node.address, node.agent.pubkey())
        return await self.send([ix], node.agent)

    async def report(self, job: JobHandle, node: NodeHandle, gpu_seconds: int) -> SendResult:
        ix = escrow.build_job_report_usage_ix(job.address, node.address, node.agent.pubkey(), gpu_seconds)
        return await self.send([ix], node.agent)

    async def complete(self, job: JobHandle, signer: Keypair | None = None) -> SendResult:
        signer = signer or job.client.keypair
        return await self.send([escrow.build_job_complete_ix(job.address, signer.pubkey())], signer)

    async def settle_ix(self, job: JobHandle, nodes: Sequence[NodeHandle]) -> Instruction:
        runs = [await self.run(job, node) for node in nodes]
        return escrow.build_job_settle_ix(
            self.escrow_config, job.address, await self.job(job), runs, self.payer.pubkey()
        )

    async def settle(self, job: JobHandle, *nodes: NodeHandle, finalize: bool = True) -> SendResult:
        """Settle the nodes' runs in one instruction and, when they are the job's last
        open runs (and `finalize`), finalize the job in the same transaction."""
        ixs = [await self.settle_ix(job, nodes)]
        data = await self.job(job)
        if finalize and data.runs_open == len(nodes):
            ixs.append(escrow.build_job_finalize_ix(self.escrow_config, job.address, data))
        return await self.send(ixs, self.payer)

    async def finalize(self, job: JobHandle) -> SendResult:
        ix = escrow.build_job_finalize_ix(self.escrow_config, job.address, await self.job(job))
        return await self.send([ix], self.payer)

    async def timeout_ix(self, job: JobHandle, node: NodeHandle) -> Instruction:
        return escrow.build_job_timeout_ix(
            self.escrow_config,
            job.address,
            await self.job(job),
            node.address,
            slash_index=(await self.node(node)).slash_count,
            payer=self.payer.pubkey(),
        )

    async def timeout(self, job: JobHandle, node: NodeHandle) -> SendResult:
        return await self.send([await self.timeout_ix(job, node)], self.payer)

    async def cancel(self, job: JobHandle, signer: Keypair | None = None) -> SendResult:
        signer = signer or job.client.keypair
        ix = escrow.build_job_cancel_ix(self.escrow_config, job.address, await self.job(job), signer.pubkey())
        return await self.send([ix], signer)

    async def dispute(self, job: JobHandle, evidence: bytes = b"\x01" * 32) -> SendResult:
        ix = escrow.build_job_dispute_ix(self.escrow_config, job.address, await self.job(job), evidence)
        return await self.send([ix], job.client.keypair)

    async def resolve(self, job: JobHandle, founded: bool, payout_bps: int = 10_000) -> SendResult:
        ix = escrow.build_job_resolve_ix(
            self.escrow_config, job.address, await self.job(job), founded, payout_bps
        )
        return await self.send([ix], self.arbiter)

    async def close(self, job: JobHandle) -> SendResult:
        ix = escrow.build_job_close_ix(self.escrow_config, job.address, await self.job(job))
        return await self.send([ix], job.client.keypair)

    async def job(self, job: JobHandle) -> Job:
        data = await Job.fetch(self.conn, job.address)
        assert data is not None
        return data

    async def run(self, job: JobHandle, node: NodeHandle) -> Run:
        data = await Run.fetch(self.conn, pda.run(job.address, node.address))
        assert data is not None
        return data

    async def vault_balance(self, job: JobHandle) -> int:
        return spl.token_balance(await self.conn.get_account(job.vault))
