"""The main registry flow against a validator process over HTTP JSON-RPC.

`LocalValidator` starts the process with the built programs at their ids:
Agave's solana-test-validator and the embedded LiteSVM-backed server, in turn
(the SDK's pytest plugin's `each_validator`), except for the flow that needs a
node's proven liveness to go stale (hours of protocol time), which runs on the
embedded one and warps (`embedded_validator`). Everything goes through `RpcConnection` (solana-py's
AsyncClient) — nothing in-process."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest
from solders.keypair import Keypair
from solders.system_program import TransferParams, transfer

from ionet_sdk import pda, registry, spl, token, tx
from ionet_sdk._generated.ionet_registry import errors
from ionet_sdk._generated.ionet_registry.accounts import Node, RegistryConfig
from ionet_sdk._generated.ionet_registry.types import ConfigInitArgs, NodeRegisterArgs, NodeStatus
from ionet_sdk._generated.ionet_token.types import EmissionEntry
from ionet_sdk.client import IonetClient
from ionet_sdk.defaults import IO, IO_DECIMALS, REGISTRY_PARAMS
from ionet_sdk.errors import ConfigError, TransportError
from ionet_sdk.localnet import LocalValidator
from ionet_sdk.programs import REGISTRY_ID
from ionet_sdk.rpc import RpcConnection
from ionet_sdk.testing.registry import hardware, measurement
from ionet_sdk.testing.token import GENESIS, TokenSandbox

from .localnet_flow import (
    ROOT_CHALLENGE_SECS,
    Market,
    RegisteredNode,
    activate,
    add_oracle,
    fund,
    prove_live,
    register_node,
    send,
    set_up_registry,
)

SOL = 1_000_000_000


async def test_a_node_becomes_active_over_json_rpc(each_validator: LocalValidator) -> None:
    conn = RpcConnection(each_validator.url)
    deployer = each_validator.upgrade_authority
    admin, payer, operator, agent, vault = (Keypair() for _ in range(5))
    await fund(conn, deployer, admin, payer, operator, agent)
    assert await conn.get_balance(payer.pubkey()) == 100 * SOL

    # The IO token and its genesis (the token program's upgrade authority is the deployer).
    now = (await conn.get_clock()).unix_timestamp
    args = TokenSandbox().init_args()
    args = replace(
        args,
        admin=admin.pubkey(),
        fee_reporter=pda.escrow_authority(),
        slash_reporter=pda.registry_config(),
        schedule=[EmissionEntry(start_time=now, per_epoch=IO)],
    )
    result = await send(
        conn, [token.build_token_init_ix(deployer.pubkey(), args)], deployer, unit_limit=400_000
    )
    assert result.compute_units > 0 and any("TokenInit" in line for line in result.logs)
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
    assert spl.token_balance(await conn.get_account(faucet)) == GENESIS

    # A stranger cannot initialize the registry: the program's own error, with logs, over HTTP.
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
        params=replace(REGISTRY_PARAMS, root_challenge_secs=ROOT_CHALLENGE_SECS),
    )
    stranger_ix = registry.build_config_init_ix(payer.pubkey(), token.MINT, treasury.pubkey(), config_args)
    with pytest.raises(errors.NotUpgradeAuthority) as failure:
        await tx.send(conn, [stranger_ix], payer)
    assert failure.value.logs
    await send(
        conn,
        [registry.build_config_init_ix(deployer.pubkey(), token.MINT, treasury.pubkey(), config_args)],
        deployer,
    )
    config = await RegistryConfig.fetch(conn, pda.registry_config())
    assert config is not None and config.admin == admin.pubkey()

    oracle = await add_oracle(conn, admin, payer)

    # Register, attest, bond: Verified; proven live by an oracle's root: Active.
    spec = hardware(label="rpc-node")
    register = NodeRegisterArgs(node_id=1, agent=agent.pubkey(), hardware=spec)
    await send(
        conn,
        await registry.build_node_register_ixs(conn, config, operator.pubkey(), register, vault),
        operator,
        [vault],
    )
    node = pda.node(operator.pubkey(), 1)
    await send(conn, [registry.build_node_attest_ix(node, admin.pubkey(), measurement(spec))], payer, [admin])
    source = spl.ata(operator.pubkey(), token.MINT)
    await send(
        conn,
        [
            spl.create_ata_ix(payer.pubkey(), operator.pubkey(), token.MINT),
            spl.transfer_ix(faucet, token.MINT, source, payer.pubkey(), 10_000 * IO, IO_DECIMALS),
        ],
        payer,
    )
    await send(
        conn,
        [
            registry.build_stake_deposit_ix(
                config, node, vault.pubkey(), operator.pubkey(), source, amount=8_000 * IO
            )
        ],
        operator,
    )
    data = await Node.fetch(conn, node)
    assert data is not None and NodeStatus(data.status) == NodeStatus.Verified  # no proven liveness yet
    market = Market(conn, deployer, admin, payer, faucet, config, treasury.pubkey(), oracle)
    await prove_live(market, RegisteredNode(node, operator, agent, vault, "rpc-node"))
    data = await Node.fetch(conn, node)
    assert data is not None and NodeStatus(data.status) == NodeStatus.Active
    assert data.last_seen > 0 and data.synced_epoch == 1

    # Listing with server-side filters: the registry's nodes of this operator.
    info = await conn.get_account(node)
    assert info is not None
    operator_offset = 8 + 200  # Node.operator (ionet_token.registry_node pins it)
    listed = await conn.get_program_accounts(
        REGISTRY_ID, data_size=len(info.data), memcmp=[(operator_offset, bytes(operator.pubkey()))]
    )
    assert [a.address for a in listed] == [node]

    await conn.close()


async def test_a_stale_proven_liveness_is_marked_inactive(embedded_validator: LocalValidator) -> None:
    """Embedded only: a node's proven liveness (its synced `last_seen`) goes stale after
    `liveness_max_age_secs` of protocol time (ionetWarp)."""
    conn = RpcConnection(embedded_validator.url)
    market = await set_up_registry(conn, embedded_validator.upgrade_authority)
    node = await register_node(market)
    await activate(market, node)
    data = await Node.fetch(conn, node.address)
    assert data is not None and NodeStatus(data.status) == NodeStatus.Active
    data = await Node.fetch(conn, node.address)
    assert data is not None
    age = (await conn.get_clock()).unix_timestamp - data.last_seen
    await conn.warp(REGISTRY_PARAMS.liveness_max_age_secs - age)
    with pytest.raises(errors.NodeNotStale):  # still fresh at the limit
        await tx.send(
            conn, [registry.build_node_mark_inactive_ix(node.address, market.payer.pubkey())], market.payer
        )
    await conn.warp(1)
    payer = market.payer
    simulated = await conn.simulate_transaction(
        tx.build_transaction(
            [registry.build_node_mark_inactive_ix(node.address, payer.pubkey())],
            payer,
            [],
            await conn.latest_blockhash(),
        )
    )
    assert simulated.compute_units > 0
    await tx.send(conn, [registry.build_node_mark_inactive_ix(node.address, payer.pubkey())], payer)
    data = await Node.fetch(conn, node.address)
    assert data is not None and NodeStatus(data.status) == NodeStatus.Inactive
    await conn.close()


async def test_transport_and_config_errors_are_typed() -> None:
    with pytest.raises(ConfigError):
        RpcConnection("moonnet")
    dead = RpcConnection(f"http://127.0.0.1:{1}", retries=1, backoff_seconds=0.01)
    with pytest.raises(TransportError, match="getLatestBlockhash"):
        await dead.latest_blockhash()
    await dead.close()


async def test_recent_priority_fees_over_json_rpc(each_validator: LocalValidator) -> None:
    """getRecentPrioritizationFees reports, per recent slot, what transactions locking an
    account paid (0 in slots where none did); the SDK's suggestion is a percentile of it."""
    conn = RpcConnection(each_validator.url)
    payer, target = Keypair(), Keypair()
    await fund(conn, payer, sol=1)
    assert set(await conn.recent_prioritization_fees([target.pubkey()])) <= {0}
    ix = transfer(TransferParams(from_pubkey=payer.pubkey(), to_pubkey=target.pubkey(), lamports=SOL // 10))
    first = await send(conn, [ix], payer, micro_lamports_per_unit=5_000)
    # A slot reports the lowest fee paid in it: the second goes in a later slot.
    landed = (await conn.client.get_signature_statuses([first.signature])).value[0]
    assert landed is not None
    while (await conn.client.get_slot()).value <= landed.slot:
        await asyncio.sleep(0.1)
    await send(conn, [ix], payer, micro_lamports_per_unit=7_000)
    fees = await conn.recent_prioritization_fees([target.pubkey()])
    assert {5_000, 7_000} <= set(fees) <= {0, 5_000, 7_000}
    assert await IonetClient(conn, payer).suggest_priority_fee([target.pubkey()], 100) == 7_000
    # An account no transaction locked: each slot's lowest fee (as a validator's fee cache).
    assert set(await conn.recent_prioritization_fees([Keypair().pubkey()])) <= {0, 5_000, 7_000}
    await conn.close()
