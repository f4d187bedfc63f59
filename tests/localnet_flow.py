"""The registry set up over JSON-RPC on a validator process, for the validator-process
suites: the IO token and its genesis, the registry config (by the upgrade authority),
and registered nodes. Everything goes through `RpcConnection`; nothing in-process.

`send` and `fund` wait until what they sent is confirmed before the next step, so that
each step's preflight (at "confirmed") sees the one before it on solana-test-validator
too, whatever the SDK's own confirmation waits for."""

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
from ionet_sdk._generated.ionet_registry.accounts import RegistryConfig
from ionet_sdk._generated.ionet_registry.types import ConfigInitArgs, NodeRegisterArgs
from ionet_sdk._generated.ionet_token.types import EmissionEntry
from ionet_sdk.connection import SendResult
from ionet_sdk.defaults import ESCROW_PARAMS, IO, IO_DECIMALS, REGISTRY_PARAMS
from ionet_sdk.rpc import RpcConnection
from ionet_sdk.testing.registry import hardware, measurement
from ionet_sdk.testing.token import GENESIS, TokenSandbox

SOL = 1_000_000_000


@dataclass
class Market:
    conn: RpcConnection
    deployer: Keypair
    admin: Keypair
    payer: Keypair
    faucet: Pubkey  # the payer's IO account, holding the genesis
    config: RegistryConfig
    treasury: Pubkey  # the protocol's IO account (the registry's and the escrow's treasury)


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
    config_args = ConfigInitArgs(
        admin=admin.pubkey(),
        slashing_authority=admin.pubkey(),
        job_authority=pda.escrow_authority(),
        verifiers=[admin.pubkey()],
        params=REGISTRY_PARAMS,
    )
    await send(
        conn,
        [registry.build_config_init_ix(deployer.pubkey(), token.MINT, treasury.pubkey(), config_args)],
        deployer,
    )
    config = await RegistryConfig.fetch(conn, pda.registry_config())
    assert config is not None
    return Market(conn, deployer, admin, payer, faucet, config, treasury.pubkey())


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


async def activate(market: Market, node: RegisteredNode, stake: int = 8_000 * IO) -> None:
    """Attest (the admin is a verifier), bond `stake` base units, heartbeat: Active."""
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
    await send(conn, [registry.build_node_heartbeat_ix(node.address, node.agent.pubkey())], node.agent)


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
