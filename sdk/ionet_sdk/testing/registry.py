"""A local registry world on the embedded SVM: the IO token program (its mint, a genesis
held by the sandbox's payer), the registry, a treasury, the config.

Used by the tests, the compute-unit benchmark and the demo. `RegistrySandbox`
drives the common flows (register, attest, stake, heartbeat) with fresh keys.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Self

from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk import pda, registry, spl, token, tx
from ionet_sdk._generated.ionet_registry.accounts import EpochRoot, Node, RegistryConfig, SlashProposal
from ionet_sdk._generated.ionet_registry.types import (
    ConfigInitArgs,
    ConfigUpdateArgs,
    GpuModel,
    HardwareSpec,
    NodeAttestArgs,
    NodeRegisterArgs,
    NodeStatus,
)
from ionet_sdk.accounts import AccountInfo
from ionet_sdk.connection import SendResult
from ionet_sdk.defaults import IO, IO_DECIMALS, REGISTRY_PARAMS
from ionet_sdk.heartbeat import RootStatement
from ionet_sdk.liveness import LivenessLeaf
from ionet_sdk.merkle import MerkleTree
from ionet_sdk.programs import REGISTRY_ID, program_path
from ionet_sdk.svm import EmbeddedConnection
from ionet_sdk.testing import SANDBOX_START
from ionet_sdk.testing.token import GENESIS, TokenSandbox

SOL = 1_000_000_000


def fingerprint(label: str) -> list[int]:
    return list(hashlib.sha256(label.encode()).digest())


def hardware(
    model: GpuModel = GpuModel.H100, count: int = 8, vram: int = 80, label: str = "gpus"
) -> HardwareSpec:
    return HardwareSpec(
        gpu_model=model,
        gpu_count=count,
        vram_gb_per_gpu=vram,
        cuda_major=12,
        cuda_minor=4,
        region=list(b"us-east\x00"),
        bandwidth_mbps=10_000,
        fingerprint=fingerprint(label),
    )


def measurement(spec: HardwareSpec, **changes: object) -> NodeAttestArgs:
    """What an honest verifier measures on hardware `spec` (override fields to lie)."""
    args = NodeAttestArgs(
        gpu_model=spec.gpu_model,
        gpu_count=spec.gpu_count,
        vram_gb_per_gpu=spec.vram_gb_per_gpu,
        measured_tflops=registry.EXPECTED_TFLOPS[GpuModel(spec.gpu_model)],
        rtt_us=900,
        packet_loss_bps=0,
        bandwidth_mbps=spec.bandwidth_mbps,
        fingerprint=spec.fingerprint,
    )
    return replace(args, **changes)  # type: ignore[arg-type]


@dataclass
class NodeHandle:
    operator: Keypair
    agent: Keypair
    node_id: int
    address: Pubkey
    vault: Pubkey
    spec: HardwareSpec
    token_account: Pubkey | None = None


class RegistrySandbox:
    """Deployed registry with an initialized config, an IO mint and a treasury."""

    conn: EmbeddedConnection
    config: RegistryConfig
    config_init_result: SendResult
    last_result: SendResult

    def __init__(self, *, start_time: int = SANDBOX_START) -> None:
        """`start_time`: the clock's start (unix seconds; default a fixed instant)."""
        self.conn = EmbeddedConnection(start_time=start_time)
        self.deployer, self.admin, self.slasher, self.payer = (Keypair() for _ in range(4))
        self.verifiers = [Keypair(), Keypair()]
        self.oracles: list[Keypair] = []
        self.mint: Pubkey = token.MINT
        self.io = TokenSandbox(self.conn)
        self.treasury = Keypair()
        self._node_ids = 0

    async def setup(self, *, init_config: bool = True) -> Self:
        """Deploy the registry (upgrade authority: `deployer`), create the IO mint and the
        treasury, and (unless `init_config` is false) initialize the config."""
        for kp in (self.deployer, self.admin, self.slasher, self.payer, *self.verifiers):
            self.conn.airdrop(kp.pubkey(), 100 * SOL)
        self.conn.deploy(REGISTRY_ID, program_path("ionet_registry"), self.deployer.pubkey())
        # The IO token: the escrow reports fee burns, the registry slash burns.
        await self.io.setup(fee_reporter=pda.escrow_authority(), slash_reporter=pda.registry_config())
        self.faucet = await self.io.genesis(self.payer, GENESIS)
        ixs = await spl.create_token_account_ixs(
            self.conn, self.payer.pubkey(), self.treasury, self.mint, self.admin.pubkey()
        )
        await self.send(ixs, self.payer, [self.treasury])
        if init_config:
            self.config_init_result = await self.send([self.config_init_ix()], self.deployer)
            await self.refresh_config()
        return self

    def config_init_args(self) -> ConfigInitArgs:
        return ConfigInitArgs(
            admin=self.admin.pubkey(),
            slashing_authority=self.slasher.pubkey(),
            job_authority=Pubkey.default(),
            verifiers=[v.pubkey() for v in self.verifiers],
            params=REGISTRY_PARAMS,
        )

    def config_init_ix(self, signer: Pubkey | None = None, args: ConfigInitArgs | None = None) -> Instruction:
        """`config_init` with this sandbox's mint and treasury, signed by `signer` (the deployer)."""
        return registry.build_config_init_ix(
            signer or self.deployer.pubkey(),
            self.mint,
            self.treasury.pubkey(),
            args or self.config_init_args(),
        )

    async def refresh_config(self) -> RegistryConfig:
        config = await RegistryConfig.fetch(self.conn, pda.registry_config())
        assert config is not None
        self.config = config
        return config

    async def send(
        self, ixs: Sequence[Instruction], payer: Keypair, signers: Sequence[Keypair] = ()
    ) -> SendResult:
        self.last_result = await tx.send(self.conn, ixs, payer, signers)
        return self.last_result

    async def snapshot(self, addresses: Sequence[Pubkey]) -> list[AccountInfo | None]:
        return [await self.conn.get_account(a) for a in addresses]

    # --- nodes

    async def new_operator(self) -> Keypair:
        kp = Keypair()
        self.conn.airdrop(kp.pubkey(), 10 * SOL)
        return kp

    async def register(self, spec: HardwareSpec | None = None, operator: Keypair | None = None) -> NodeHandle:
        operator = operator or await self.new_operator()
        agent = Keypair()
        self.conn.airdrop(agent.pubkey(), SOL)
        self._node_ids += 1
        spec = spec or hardware(label=f"node-{self._node_ids}")
        vault = Keypair()
        args = NodeRegisterArgs(node_id=self._node_ids, agent=agent.pubkey(), hardware=spec)
        ixs = await registry.build_node_register_ixs(self.conn, self.config, operator.pubkey(), args, vault)
        await self.send(ixs, operator, [vault])
        address = pda.node(operator.pubkey(), self._node_ids)
        return NodeHandle(operator, agent, self._node_ids, address, vault.pubkey(), spec)

    async def node(self, handle: NodeHandle) -> Node:
        node = await Node.fetch(self.conn, handle.address)
        assert node is not None
        return node

    async def proposal(self, handle: NodeHandle, index: int) -> SlashProposal:
        proposal = await SlashProposal.fetch(self.conn, pda.slash(handle.address, index))
        assert proposal is not None
        return proposal

    async def fund(self, owner: Keypair, amount: int) -> Pubkey:
        """Give `owner` `amount` IO (from the genesis the payer holds) in its associated account."""
        ata = spl.ata(owner.pubkey(), self.mint)
        await self.send(
            [
                spl.create_ata_ix(self.payer.pubkey(), owner.pubkey(), self.mint),
                spl.transfer_ix(self.faucet, self.mint, ata, self.payer.pubkey(), amount, IO_DECIMALS),
            ],
            self.payer,
        )
        return ata

    async def deposit(self, handle: NodeHandle, amount: int) -> SendResult:
        if handle.token_account is None:
            handle.token_account = await self.fund(handle.operator, 1_000_000 * IO)
        ix = registry.build_stake_deposit_ix(
            self.config,
            handle.address,
            handle.vault,
            handle.operator.pubkey(),
            handle.token_account,
            amount=amount,
        )
        return await self.send([ix], handle.operator)

    async def attest(
        self, handle: NodeHandle, verifier: Keypair | None = None, **changes: object
    ) -> SendResult:
        verifier = verifier or self.verifiers[0]
        ix = registry.build_node_attest_ix(
            handle.address, verifier.pubkey(), measurement(handle.spec, **changes)
        )
        return await self.send([ix], self.payer, [verifier])

    async def heartbeat(self, handle: NodeHandle) -> SendResult:
        return await self.send(
            [registry.build_node_heartbeat_ix(handle.address, handle.agent.pubkey())], handle.agent
        )

    # --- liveness oracles and roots

    async def set_oracles(self, count: int = 3, quorum: int = 2) -> list[Keypair]:
        """Make `count` fresh keys the config's liveness oracles with quorum `quorum` (admin)."""
        self.oracles = [Keypair() for _ in range(count)]
        for oracle in self.oracles:
            self.conn.airdrop(oracle.pubkey(), 10 * SOL)
        args = ConfigUpdateArgs(
            admin=None,
            slashing_authority=None,
            job_authority=None,
            verifiers=None,
            params=replace(self.config.params, oracle_quorum=quorum),
            oracles=[o.pubkey() for o in self.oracles],
        )
        await self.send([registry.build_config_update_ix(self.admin.pubkey(), args)], self.admin)
        await self.refresh_config()
        return self.oracles

    async def vote_root(self, oracle: Keypair, epoch: int, tree: MerkleTree) -> SendResult:
        """`oracle` commits `tree`'s root as epoch `epoch`'s."""
        ix = registry.build_liveness_root_commit_ix(oracle.pubkey(), epoch, tree.root, tree.leaf_count)
        return await self.send([ix], oracle)

    async def commit_root(
        self, epoch: int, leaves: Sequence[LivenessLeaf], *, wait: bool = True
    ) -> MerkleTree:
        """The tree of `leaves` (sorted by node address, as the oracle sorts them), voted by a
        quorum of the oracles; then (if `wait`) the clock passes the challenge window."""
        ordered = sorted(leaves, key=lambda leaf: bytes(leaf.node))
        tree = MerkleTree([leaf.to_bytes() for leaf in ordered])
        for oracle in self.oracles[: self.config.params.oracle_quorum]:
            await self.vote_root(oracle, epoch, tree)
        if wait:
            self.conn.warp(self.config.params.root_challenge_secs)
        return tree

    def statement(self, oracle: Keypair, epoch: int, root: bytes, leaf_count: int) -> bytes:
        """`oracle`'s signed root statement (188 bytes) for this deployment."""
        return RootStatement(pda.registry_config(), oracle.pubkey(), epoch, root, leaf_count).sign(oracle)

    def sync_ix(
        self, handle: NodeHandle | Pubkey, epoch: int, tree: MerkleTree, leaf: LivenessLeaf
    ) -> Instruction:
        """`node_sync` of `leaf` (at its position in `tree`) for the node."""
        address = handle if isinstance(handle, Pubkey) else handle.address
        data = leaf.to_bytes()
        index = tree.levels[0].index(MerkleTree([data]).root)
        return registry.build_node_sync_ix(address, epoch, data, tree.proof(index))

    async def sync(self, handle: NodeHandle, epoch: int, tree: MerkleTree, leaf: LivenessLeaf) -> SendResult:
        return await self.send([self.sync_ix(handle, epoch, tree, leaf)], self.payer)

    async def epoch_root(self, epoch: int) -> EpochRoot:
        record = await EpochRoot.fetch(self.conn, pda.epoch_root(epoch))
        assert record is not None
        return record

    async def min_stake(self, handle: NodeHandle) -> int:
        """The node's minimum bond, as the program computes it (per-GPU amount rounded up)."""
        node = await self.node(handle)
        return registry.min_stake(self.config.params, node.effective_tier, node.declared.gpu_count)

    async def activate(self, handle: NodeHandle, extra_stake: int = 0) -> Node:
        """Attest, bond the minimum stake (+ extra), heartbeat: the node becomes Active."""
        await self.attest(handle)
        await self.deposit(handle, await self.min_stake(handle) + extra_stake)
        await self.heartbeat(handle)
        node = await self.node(handle)
        assert node.status == NodeStatus.Active
        return node

    async def token_balance(self, account: Pubkey) -> int:
        return spl.token_balance(await self.conn.get_account(account))

    async def supply(self) -> int:
        info = await self.conn.get_account(self.mint)
        assert info is not None
        return spl.mint_supply(info)
