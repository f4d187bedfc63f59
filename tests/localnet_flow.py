"""The registry set up over JSON-RPC on a validator process, for the validator-process
suites: the IO token and its genesis, the registry config (by the upgrade authority),
and registered nodes. Everything goes through `RpcConnection`; nothing in-process.

`send` and `fund` wait until what they sent is confirmed before the next step, so that
each step's preflight (at "confirmed") sees the one before it on solana-test-validator
too, whatever the SDK's own confirmation waits for.

Nodes become Active the protocol's way (`activate`): an oracle of the config (quorum 1)
votes an epoch root holding their liveness leaves, and once its challenge window passed
each is synced (`node_sync`). solana-test-validator's clock cannot be warped, so the
registry is set up with the shortest challenge window (`ROOT_CHALLENGE_SECS`, 60 s) and
`activate` waits for it on the chain's clock: activate every node a module needs in one
call (one root, one wait)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.signature import Signature
from solders.transaction_status import TransactionConfirmationStatus

from ionet_sdk import escrow, pda, registry, spl, token, tx
from ionet_sdk._generated.ionet_escrow.accounts import EscrowConfig
from ionet_sdk._generated.ionet_escrow.types import ConfigInitArgs as EscrowConfigInitArgs
from ionet_sdk._generated.ionet_escrow.types import EscrowParams
from ionet_sdk._generated.ionet_registry.accounts import Node, RegistryConfig
from ionet_sdk._generated.ionet_registry.types import ConfigInitArgs, ConfigUpdateArgs, NodeRegisterArgs
from ionet_sdk._generated.ionet_token.types import EmissionEntry
from ionet_sdk.connection import SendResult
from ionet_sdk.defaults import ESCROW_PARAMS, HOUR, IO, IO_DECIMALS, REGISTRY_PARAMS
from ionet_sdk.liveness import LivenessLeaf, availability_points
from ionet_sdk.merkle import MerkleTree
from ionet_sdk.rpc import RpcConnection
from ionet_sdk.testing.registry import hardware, measurement
from ionet_sdk.testing.token import GENESIS, TokenSandbox

SOL = 1_000_000_000
ROOT_CHALLENGE_SECS = 60
"""The registry's shortest root challenge window (`ROOT_CHALLENGE_SECS_MIN`): how long
`activate` waits on the chain's clock for its root to take effect."""


@dataclass
class Market:
    conn: RpcConnection
    deployer: Keypair
    admin: Keypair
    payer: Keypair
    faucet: Pubkey  # the payer's IO account, holding the genesis
    config: RegistryConfig
    treasury: Pubkey  # the protocol's IO account (the registry's and the escrow's treasury)
    oracle: Keypair  # the config's one liveness oracle (quorum 1)
    roots: int = 0  # liveness roots voted so far; each `activate` votes epoch `roots + 1`


@dataclass
class Escrow:
    market: Market
    matcher: Keypair
    arbiter: Keypair
    config: EscrowConfig


@dataclass
class RegisteredNode:
    address: Pubkey
    operator: Keypair
    agent: Keypair
    vault: Keypair
    label: str


async def confirmed(conn: RpcConnection, signature: Signature, timeout: float = 60.0) -> None:
    """Wait until `signature` is confirmed (or finalized); raise if it failed or never is."""
    deadline = asyncio.get_running_loop().time() + timeout
    while asyncio.get_running_loop().time() < deadline:
        status = (await conn.client.get_signature_statuses([signature])).value[0]
        if status is not None and status.err is not None:
            raise AssertionError(f"{signature} failed: {status.err}")
        if status is not None and status.confirmation_status in (
            TransactionConfirmationStatus.Confirmed,
            TransactionConfirmationStatus.Finalized,
        ):
            return
        await asyncio.sleep(0.2)
    raise AssertionError(f"{signature} not confirmed within {timeout} s")


async def send(
    conn: RpcConnection,
    instructions: Sequence[Instruction],
    payer: Keypair,
    signers: Sequence[Keypair] = (),
    **options: Any,
) -> SendResult:
    """`tx.send`, then wait for confirmation."""
    result = await tx.send(conn, instructions, payer, signers, **options)
    await confirmed(conn, result.signature)
    return result


async def fund(conn: RpcConnection, *keys: Keypair, sol: int = 100) -> None:
    for kp in keys:
        await confirmed(conn, await conn.request_airdrop(kp.pubkey(), sol * SOL))


async def set_up_registry(conn: RpcConnection, deployer: Keypair) -> Market:
    """Token init and genesis, then the registry config, by the programs' upgrade authority."""
    admin, payer = Keypair(), Keypair()
    await fund(conn, deployer, admin, payer)
    now = (await conn.get_clock()).unix_timestamp
    args = replace(
        TokenSandbox().init_args(),
        admin=admin.pubkey(),
        fee_reporter=pda.escrow_authority(),
        slash_reporter=pda.registry_config(),
        schedule=[EmissionEntry(start_time=now, per_epoch=IO)],
    )
    await send(conn, [token.build_token_init_ix(deployer.pubkey(), args)], deployer, unit_limit=400_000)
    faucet = spl.ata(payer.pubkey(), token.MINT)
    await send(
        conn,
        [
            spl.create_ata_ix(payer.pubkey(), payer.pubkey(), token.MINT),
            token.build_genesis_mint_ix(admin.pubkey(), faucet, GENESIS),
        ],
        payer,
        [admin],
    )
    treasury = Keypair()
    await send(
        conn,
        await spl.create_token_account_ixs(conn, payer.pubkey(), treasury, token.MINT, admin.pubkey()),
        payer,
        [treasury],
    )
    params = replace(REGISTRY_PARAMS, root_challenge_secs=ROOT_CHALLENGE_SECS)
    config_args = ConfigInitArgs(
        admin=admin.pubkey(),
        slashing_authority=admin.pubkey(),
        job_authority=pda.escrow_authority(),
        verifiers=[admin.pubkey()],
        params=params,
    )
    await send(
        conn,
        [registry.build_config_init_ix(deployer.pubkey(), token.MINT, treasury.pubkey(), config_args)],
        deployer,
    )
    oracle = await add_oracle(conn, admin, payer)
    config = await RegistryConfig.fetch(conn, pda.registry_config())
    assert config is not None
    return Market(conn, deployer, admin, payer, faucet, config, treasury.pubkey(), oracle)


async def add_oracle(conn: RpcConnection, admin: Keypair, payer: Keypair) -> Keypair:
    """A funded liveness oracle, made the registry config's only one (quorum 1) by `admin`."""
    oracle = Keypair()
    await fund(conn, oracle, sol=10)
    update = ConfigUpdateArgs(
        admin=None, slashing_authority=None, job_authority=None, verifiers=None, params=None,
        oracles=[oracle.pubkey()],
    )  # fmt: skip
    await send(conn, [registry.build_config_update_ix(admin.pubkey(), update)], payer, [admin])
    return oracle


async def register_node(market: Market, node_id: int = 1, label: str = "rpc-node") -> RegisteredNode:
    conn = market.conn
    operator, agent, vault = Keypair(), Keypair(), Keypair()
    await fund(conn, operator, agent, sol=10)
    register = NodeRegisterArgs(node_id=node_id, agent=agent.pubkey(), hardware=hardware(label=label))
    await send(
        conn,
        await registry.build_node_register_ixs(conn, market.config, operator.pubkey(), register, vault),
        operator,
        [vault],
    )
    return RegisteredNode(pda.node(operator.pubkey(), node_id), operator, agent, vault, label)


async def activate(market: Market, *nodes: RegisteredNode, stake: int = 8_000 * IO) -> None:
    """Attest each node (the admin is a verifier) and bond `stake` base units; then prove
    them all live (`prove_live`): Active."""
    for node in nodes:
        await attest_and_bond(market, node, stake)
    await prove_live(market, *nodes)


async def prove_live(market: Market, *nodes: RegisteredNode) -> None:
    """The oracle's path to eligibility: one epoch root with a leaf per node (heard an
    hour up to now), voted by the config's oracle; once its challenge window passed on the
    chain's clock (`ROOT_CHALLENGE_SECS`; the test waits), each node is synced by proof."""
    conn = market.conn
    market.roots += 1
    epoch = market.roots  # the program ties a root to no clock: each call its own epoch
    now = (await conn.get_clock()).unix_timestamp
    leaves = []
    for node in nodes:
        data = await Node.fetch(conn, node.address)
        assert data is not None, node.label
        tier, gpus = int(registry.GPU_TIERS[data.attestation.gpu_model]), data.declared.gpu_count
        leaves.append(LivenessLeaf(
            node=node.address, agent=node.agent.pubkey(), epoch=epoch, uptime_secs=HOUR, observed_secs=HOUR,
            availability_points=availability_points(HOUR, tier, gpus), heartbeats=60, last_seen=now,
            epoch_uptime_secs=HOUR, epochs_present=1, tier=tier, gpu_count=gpus,
        ))  # fmt: skip
    leaves.sort(key=lambda leaf: bytes(leaf.node))
    tree = MerkleTree([leaf.to_bytes() for leaf in leaves])
    commit = registry.build_liveness_root_commit_ix(market.oracle.pubkey(), epoch, tree.root, tree.leaf_count)
    await send(conn, [commit], market.oracle)
    voted = (await conn.get_clock()).unix_timestamp
    while (await conn.get_clock()).unix_timestamp < voted + ROOT_CHALLENGE_SECS + 1:
        await asyncio.sleep(1)
    for i, leaf in enumerate(leaves):
        await send(
            conn,
            [registry.build_node_sync_ix(leaf.node, epoch, leaf.to_bytes(), tree.proof(i))],
            market.payer,
        )


async def attest_and_bond(market: Market, node: RegisteredNode, stake: int = 8_000 * IO) -> None:
    """Attest (the admin is a verifier) and bond `stake` base units: Verified."""
    conn, payer, operator = market.conn, market.payer, node.operator
    spec = hardware(label=node.label)
    await send(
        conn,
        [registry.build_node_attest_ix(node.address, market.admin.pubkey(), measurement(spec))],
        payer,
        [market.admin],
    )
    source = spl.ata(operator.pubkey(), token.MINT)
    await send(
        conn,
        [
            spl.create_ata_ix(payer.pubkey(), operator.pubkey(), token.MINT),
            spl.transfer_ix(market.faucet, token.MINT, source, payer.pubkey(), stake, IO_DECIMALS),
        ],
        payer,
    )
    await send(
        conn,
        [
            registry.build_stake_deposit_ix(
                market.config, node.address, node.vault.pubkey(), operator.pubkey(), source, amount=stake
            )
        ],
        operator,
    )


async def fund_io(market: Market, owner: Pubkey, amount: int) -> Pubkey:
    """Create `owner`'s associated IO account and send it `amount` base units from the faucet."""
    account = spl.ata(owner, token.MINT)
    await send(
        market.conn,
        [
            spl.create_ata_ix(market.payer.pubkey(), owner, token.MINT),
            spl.transfer_ix(market.faucet, token.MINT, account, market.payer.pubkey(), amount, IO_DECIMALS),
        ],
        market.payer,
    )
    return account


async def set_up_escrow(market: Market, params: EscrowParams = ESCROW_PARAMS) -> Escrow:
    """The escrow config, initialized by the programs' upgrade authority with `params`, the
    registry's treasury, a fresh matcher and arbiter (the registry config already names the
    escrow's authority as its job authority: `set_up_registry`)."""
    matcher, arbiter = Keypair(), Keypair()
    await fund(market.conn, matcher, arbiter, sol=10)
    args = EscrowConfigInitArgs(
        admin=market.admin.pubkey(), matcher=matcher.pubkey(), arbiter=arbiter.pubkey(), params=params
    )
    await send(
        market.conn,
        [escrow.build_config_init_ix(market.deployer.pubkey(), token.MINT, market.treasury, args)],
        market.deployer,
    )
    config = await EscrowConfig.fetch(market.conn, pda.escrow_config())
    assert config is not None
    return Escrow(market, matcher, arbiter, config)
