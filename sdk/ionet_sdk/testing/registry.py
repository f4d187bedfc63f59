"""A local registry world on the embedded SVM: the IO token program (its mint, a genesis
held by the sandbox's payer), the registry, a treasury, the config.

Used by the tests, the compute-unit benchmark and the demo. `RegistrySandbox`
drives the common flows (register, attest, stake, prove live) with fresh keys.

Liveness is proven the network's way (docs/liveness.md §7): the sandbox's liveness oracle
(one key, quorum 1) commits an epoch root of real leaves, the clock passes the root's
challenge window, and `node_sync` brings each node up to its leaf with a real proof
(`RegistrySandbox.prove_live`). The sandbox's registry parameters are the defaults with
the shortest challenge window the program allows (`SANDBOX_REGISTRY_PARAMS`), so that
proving a node live moves the clock one minute, not two hours.
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
from ionet_sdk.defaults import EPOCH_SECS, IO, IO_DECIMALS, REGISTRY_PARAMS
from ionet_sdk.errors import InvalidArgumentError
from ionet_sdk.heartbeat import RootStatement
from ionet_sdk.liveness import LivenessLeaf
from ionet_sdk.merkle import MerkleTree
from ionet_sdk.programs import REGISTRY_ID, program_path
from ionet_sdk.svm import EmbeddedConnection
from ionet_sdk.testing import SANDBOX_START
from ionet_sdk.testing.token import GENESIS, TokenSandbox

SOL = 1_000_000_000
ROOT_CHALLENGE_SECS_MIN = 60
"""The registry's least `root_challenge_secs` (its parameter bounds)."""
SANDBOX_REGISTRY_PARAMS = replace(REGISTRY_PARAMS, root_challenge_secs=ROOT_CHALLENGE_SECS_MIN)
"""The sandbox's registry parameters: the defaults (`ionet_sdk.defaults.REGISTRY_PARAMS`)
with a one-minute root challenge window (the default is two hours)."""


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
        """The config's liveness oracles (after `setup`: one key, quorum 1; `set_oracles`)."""
        self.proven: dict[Pubkey, LivenessLeaf] = {}
        """The last leaf `prove_live` synced each node to (its cumulative heartbeat and
        presence counts, which the chain does not store)."""
        self._liveness_epoch = 0
        self.mint: Pubkey = token.MINT
        self.io = TokenSandbox(self.conn)
        self.treasury = Keypair()
        self._node_ids = 0

    async def setup(self, *, init_config: bool = True) -> Self:
        """Deploy the registry (upgrade authority: `deployer`), create the IO mint and the
        treasury, and (unless `init_config` is false) initialize the config and make one
        fresh key its liveness oracle (quorum 1)."""
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
            await self.set_oracles(1, quorum=1)
        return self

    def config_init_args(self) -> ConfigInitArgs:
        return ConfigInitArgs(
            admin=self.admin.pubkey(),
            slashing_authority=self.slasher.pubkey(),
            job_authority=Pubkey.default(),
            verifiers=[v.pubkey() for v in self.verifiers],
            params=SANDBOX_REGISTRY_PARAMS,
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

    async def prove_live(
        self,
        *handles: NodeHandle,
        epoch_uptime_secs: int | None = None,
        observed_secs: int = EPOCH_SECS,
        last_seen: int | None = None,
    ) -> tuple[int, MerkleTree]:
        """Prove `handles` live now, the real way: a quorum of the config's oracles commits
        the root of a fresh epoch's tree of the nodes' next cumulative leaves
        (`ionet_sdk.liveness`), the clock passes the challenge window
        (`root_challenge_secs`: one minute in the sandbox), and each node is synced
        (`node_sync`) with its real proof, paid by the sandbox's payer.

        What each leaf credits, on top of the node's current proven figures (so cumulative
        figures never go down): one epoch of `observed_secs` (default 3,600 s) in which the
        oracles heard the node for `epoch_uptime_secs` (default the config's
        `min_epoch_uptime_secs`, 1,800 s: half the epoch, the least that makes a node
        eligible, which keeps a node at the initial reputation's 50% uptime ratio), one
        heartbeat per `heartbeat_interval_secs` of that uptime, and `last_seen` (default:
        the clock when the root is committed; as the oracle carries it, never earlier than
        the node's previous leaf's). The leaf names the node's current agent and tier. It
        credits **no availability points**: the leaf carries the node's proven points
        unchanged, so reward tests see only the points they add themselves.

        Returns (epoch, tree). The epoch is the next one that no node of `handles` synced
        yet and no root was committed for; the clock moves one challenge window. Raises the
        program's typed error (`ionet_sdk.errors.ProgramError`) if the commit or a sync is
        refused; `InvalidArgumentError` if the sandbox has no oracles (set up without
        `init_config`: call `set_oracles` first)."""
        if not self.oracles:
            raise InvalidArgumentError("the sandbox has no liveness oracles: call set_oracles first")
        params = self.config.params
        uptime = params.min_epoch_uptime_secs if epoch_uptime_secs is None else epoch_uptime_secs
        nodes = [await self.node(h) for h in handles]
        epoch = max([self._liveness_epoch, *(n.synced_epoch for n in nodes)]) + 1
        while await self.conn.get_account(pda.epoch_root(epoch)) is not None:
            epoch += 1
        self._liveness_epoch = epoch
        now = (await self.conn.get_clock()).unix_timestamp
        seen = now if last_seen is None else last_seen
        leaves: list[LivenessLeaf] = []
        for handle, node in zip(handles, nodes, strict=True):
            before = self.proven.get(handle.address, LivenessLeaf.empty(handle.address, node.agent))
            before = replace(
                before,
                uptime_secs=max(before.uptime_secs, node.proven_uptime_secs),
                observed_secs=max(before.observed_secs, node.proven_observed_secs),
                availability_points=max(before.availability_points, node.proven_availability_points),
            )
            leaf = replace(
                before.next(
                    epoch, epoch_uptime=uptime, observed=observed_secs,
                    heartbeats=uptime // max(params.heartbeat_interval_secs, 1), last_seen=seen,
                    agent=node.agent, tier=int(node.effective_tier), gpu_count=node.declared.gpu_count,
                ),
                availability_points=before.availability_points,
            )  # fmt: skip
            leaves.append(leaf)
        tree = await self.commit_root(epoch, leaves)
        for handle, leaf in zip(handles, leaves, strict=True):
            await self.sync(handle, epoch, tree, leaf)
            self.proven[handle.address] = leaf
        return epoch, tree

    async def liveness_fresh(self, handle: NodeHandle) -> bool:
        """The registry's `Node::liveness_fresh` at the clock's time: synced to a leaf whose
        `last_seen` is at most `liveness_max_age_secs` old and whose epoch uptime is at least
        `min_epoch_uptime_secs`."""
        node, params = await self.node(handle), self.config.params
        now = (await self.conn.get_clock()).unix_timestamp
        return (
            node.last_seen > 0
            and now - node.last_seen <= params.liveness_max_age_secs
            and node.last_epoch_uptime_secs >= params.min_epoch_uptime_secs
        )

    async def epoch_root(self, epoch: int) -> EpochRoot:
        record = await EpochRoot.fetch(self.conn, pda.epoch_root(epoch))
        assert record is not None
        return record

    async def min_stake(self, handle: NodeHandle) -> int:
        """The node's minimum bond, as the program computes it (per-GPU amount rounded up)."""
        node = await self.node(handle)
        return registry.min_stake(self.config.params, node.effective_tier, node.declared.gpu_count)

    async def activate(self, handle: NodeHandle, extra_stake: int = 0) -> Node:
        """Attest, bond the minimum stake (+ extra), prove it live (`prove_live`: the clock
        moves one challenge window): the node becomes Active."""
        await self.attest(handle)
        await self.deposit(handle, await self.min_stake(handle) + extra_stake)
        await self.prove_live(handle)
        node = await self.node(handle)
        assert node.status == NodeStatus.Active
        return node

    async def token_balance(self, account: Pubkey) -> int:
        return spl.token_balance(await self.conn.get_account(account))

    async def supply(self) -> int:
        info = await self.conn.get_account(self.mint)
        assert info is not None
        return spl.mint_supply(info)
