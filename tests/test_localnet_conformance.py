"""Clients nobody here wrote, against both validator processes (the embedded one and
Agave's solana-test-validator): the Anchor TypeScript client's `.methods...simulate()`,
`.rpc()` and `addEventListener`; web3.js's `confirmTransaction` and
`sendAndConfirmTransaction` (tools/anchor-ts/conformance.mjs, run with node);
anchorpy3 loading an ionet IDL, fetching an account, sending an instruction and
decoding its events (tools/anchorpy3, its own virtualenv); and solana-py's websocket
client subscribing to an account, a signature, a program's logs, a program's accounts
and slots. Each flow needs no clock warp, so each runs on both backends."""

from __future__ import annotations

import asyncio
import json
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import base58
import pytest_asyncio
from solana.rpc.commitment import Confirmed
from solana.rpc.models import MemcmpOpts
from solana.rpc.websocket_api import SolanaWsClient, Subscription
from solders.keypair import Keypair
from solders.rpc.config import RpcTransactionLogsFilterMentions
from solders.rpc.responses import (
    AccountNotification,
    LogsNotification,
    ProgramNotification,
    SignatureNotification,
    SlotNotification,
)
from solders.system_program import TransferParams, transfer
from solders.transaction import Transaction

from ionet_sdk import pda
from ionet_sdk._generated.ionet_registry.accounts import Node
from ionet_sdk.localnet import LocalValidator
from ionet_sdk.programs import REGISTRY_ID, default_deploy_dir
from ionet_sdk.rpc import RpcConnection

from .localnet_flow import SOL, Market, RegisteredNode, fund, register_node, set_up_registry

REPO = Path(__file__).resolve().parent.parent
IDL = default_deploy_dir().parent / "idl" / "ionet_registry.json"
ANCHORPY3 = REPO / "tools" / "anchorpy3" / ".venv" / "bin" / "python"
TIMEOUT = 60


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def market(each_validator: LocalValidator) -> AsyncIterator[tuple[LocalValidator, Market]]:
    conn = RpcConnection(each_validator.url)
    try:
        yield each_validator, await set_up_registry(conn, each_validator.upgrade_authority)
    finally:
        await conn.close()


def run_json(command: list[str], request: dict[str, Any], cwd: Path = REPO) -> dict[str, Any]:
    done = subprocess.run(
        command, input=json.dumps(request), capture_output=True, text=True, cwd=cwd, timeout=180, check=False
    )
    assert done.returncode == 0, f"{command[0]} failed:\n{done.stderr[-3000:]}"
    result: dict[str, Any] = json.loads(done.stdout)
    return result


async def test_anchor_ts_and_web3_js(market: tuple[LocalValidator, Market]) -> None:
    validator, m = market
    node = await register_node(m, node_id=1, label="anchor-ts")
    payer = Keypair()
    out = await asyncio.to_thread(
        run_json,
        ["node", str(REPO / "tools" / "anchor-ts" / "conformance.mjs")],
        {
            "url": validator.url,
            "idl": str(IDL),
            "node": str(node.address),
            "operator": list(bytes(node.operator)),
            "payer": list(bytes(payer)),
            "price": 123_456,
        },
    )
    assert out["web3"]["balance"] == SOL // 2
    assert out["simulated"]["events"] == ["nodeUpdated"] and out["simulated"]["logs"] > 0
    assert out["event"]["node"] == str(node.address) and out["event"]["signature"] == out["rpc"]
    assert out["event"]["minPrice"] == "123456"
    data = await Node.fetch(m.conn, node.address)
    assert data is not None and data.min_price_per_gpu_hour == 123_456  # .rpc() sent it (.simulate() did not)


async def test_anchorpy3(market: tuple[LocalValidator, Market]) -> None:
    validator, m = market
    node: RegisteredNode = await register_node(m, node_id=2, label="anchorpy3")
    out = await asyncio.to_thread(
        run_json,
        [str(ANCHORPY3), str(REPO / "tools" / "anchorpy3" / "conformance.py")],
        {
            "url": validator.url,
            "idl": str(IDL),
            "program": str(REGISTRY_ID),
            "config": str(pda.registry_config()),
            "node": str(node.address),
            "operator": list(bytes(node.operator)),
            "price": 654_321,
        },
    )
    assert out["node"] == {"agent": str(node.agent.pubkey()), "min_price_per_gpu_hour": 0}
    assert out["events"] == [{"name": "NodeUpdated", "node": str(node.address)}]
    assert out["after"]["min_price_per_gpu_hour"] == 654_321


class Inbox:
    """Notifications by subscription, in arrival order, whichever is awaited first."""

    def __init__(self, ws: SolanaWsClient) -> None:
        self.ws = ws
        self.held: list[Any] = []

    async def next(self, kind: type, subscription: Subscription) -> Any:
        async def wait() -> Any:
            while True:
                for message in self.held:
                    mine = getattr(message, "subscription", None) == subscription.subscription_id
                    if isinstance(message, kind) and mine:
                        self.held.remove(message)
                        return message
                self.held.append(await self.ws.recv())

        return await asyncio.wait_for(wait(), TIMEOUT)


async def test_solana_py_websocket_subscriptions(market: tuple[LocalValidator, Market]) -> None:
    """solana-py's SolanaWsClient: account and signature subscriptions around a transfer;
    a program's logs (mentions) and its accounts (memcmp filter) around a registration;
    slots."""
    validator, m = market
    conn = m.conn
    target, sender = Keypair(), Keypair()
    await fund(conn, sender, sol=2)
    async with SolanaWsClient(validator.ws_url) as ws:
        inbox = Inbox(ws)
        account = await ws.account_subscribe(pubkey=target.pubkey(), commitment=Confirmed, encoding="base64")
        ix = transfer(TransferParams(from_pubkey=sender.pubkey(), to_pubkey=target.pubkey(), lamports=SOL))
        blockhash = await conn.latest_blockhash()
        signed = Transaction.new_signed_with_payer([ix], sender.pubkey(), [sender], blockhash)
        signature = await ws.signature_subscribe(signature=signed.signatures[0], commitment=Confirmed)
        await conn.client.send_raw_transaction(bytes(signed))
        changed = await inbox.next(AccountNotification, account)
        assert changed.result.value.lamports == SOL
        landed = await inbox.next(SignatureNotification, signature)
        assert landed.result.value.err is None
        await ws.unsubscribe(account)

        # The registry's logs and its Node accounts, as an indexer follows them.
        logs = await ws.logs_subscribe(
            filter_=RpcTransactionLogsFilterMentions(REGISTRY_ID), commitment=Confirmed
        )
        discriminator = base58.b58encode(Node.DISCRIMINATOR).decode()
        nodes = await ws.program_subscribe(
            program_id=REGISTRY_ID,
            commitment=Confirmed,
            encoding="base64",
            filters=[MemcmpOpts(offset=0, bytes=discriminator)],
        )
        node = await register_node(m, node_id=3, label="websocket")
        logged = await inbox.next(LogsNotification, logs)
        assert any("NodeRegister" in line for line in logged.result.value.logs)
        account_changed = await inbox.next(ProgramNotification, nodes)
        assert account_changed.result.value.pubkey == node.address

        slots = await ws.slot_subscribe()
        first = (await inbox.next(SlotNotification, slots)).result.slot
        second = (await inbox.next(SlotNotification, slots)).result.slot
        assert second > first
