"""Sending and reading through a faulty network, against a validator process.

A fault-injecting JSON-RPC proxy (tests/rpc_proxy.py, aiohttp on loopback) sits
between the SDK (or the `ionet` command) and the `local_validator` process: it
loses the reply to a `sendTransaction`, swallows a send, rate-limits with HTTP 429
and `Retry-After`, hangs, answers JSON-RPC errors. Each test checks the chain
itself (directly, not through the proxy): a payment lands once or not at all, and
the caller is told which, with a typed error."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import pytest_asyncio
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk import spl, token, tx
from ionet_sdk.client import IonetClient
from ionet_sdk.cluster import save_keypair
from ionet_sdk.defaults import IO
from ionet_sdk.deploy import Plan, deploy
from ionet_sdk.errors import (
    BlockhashExpiredError,
    IonetError,
    RateLimitedError,
    RequestTimeoutError,
    RpcResponseError,
    TransactionUnconfirmedError,
)
from ionet_sdk.localnet import LocalValidator
from ionet_sdk.rpc import RpcConnection
from tests.rpc_proxy import FaultProxy

SOL = 1_000_000_000
REPO = Path(__file__).resolve().parent.parent
IONET = str(REPO / ".venv" / "bin" / "ionet")


@dataclass
class Chain:
    url: str
    admin: Keypair  # holds the genesis IO

    async def io_balance(self, owner: Pubkey) -> int:
        conn = RpcConnection(self.url)
        try:
            return spl.token_balance(await conn.get_account(spl.ata(owner, token.MINT)))
        finally:
            await conn.close()


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def chain(local_validator: LocalValidator) -> AsyncIterator[Chain]:
    conn = RpcConnection(local_validator.url)
    admin = Keypair()
    for kp in (local_validator.upgrade_authority, admin):
        await conn.request_airdrop(kp.pubkey(), 100 * SOL)
    await deploy(conn, Plan(deployer=local_validator.upgrade_authority, admin=admin))
    await conn.close()
    yield Chain(local_validator.url, admin)


@pytest_asyncio.fixture(loop_scope="session")
async def proxy(chain: Chain) -> AsyncIterator[FaultProxy]:
    p = await FaultProxy(chain.url).start()
    yield p
    await p.stop()


async def test_a_lost_reply_to_a_send_does_not_pay_twice(chain: Chain, proxy: FaultProxy) -> None:
    proxy.fault("sendTransaction", "drop_reply")
    conn = RpcConnection(proxy.url)
    recipient = Keypair().pubkey()
    result = await IonetClient(conn, chain.admin).transfer(chain.admin, recipient, 5 * IO)
    await conn.close()
    assert result.compute_units > 0 and result.logs  # read back at the commitment
    assert await chain.io_balance(recipient) == 5 * IO
    assert proxy.count("sendTransaction") == 1  # the landed signature was found, not resent


async def test_the_cli_transfer_with_a_lost_reply_pays_once_and_says_so(
    chain: Chain, proxy: FaultProxy, tmp_path: Path
) -> None:
    proxy.fault("sendTransaction", "drop_reply")
    keypair = save_keypair(chain.admin, tmp_path / "admin.json")
    recipient = Keypair().pubkey()
    process = await asyncio.create_subprocess_exec(
        IONET, "--url", proxy.url, "--keypair", str(keypair), "token", "transfer", "5", str(recipient),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode == 0, err.decode()
    assert "sent 5 IO" in out.decode()
    assert await chain.io_balance(recipient) == 5 * IO


async def test_a_swallowed_send_is_reported_expired_then_safe_to_re_sign(
    chain: Chain, proxy: FaultProxy
) -> None:
    proxy.fault("sendTransaction", "swallow", times=None)
    conn = RpcConnection(proxy.url, rebroadcast_seconds=0.5)
    client = IonetClient(conn, chain.admin)
    recipient = Keypair().pubkey()

    async def blocks_pass() -> None:  # the cluster moves on: 300 slots
        while proxy.count("sendTransaction") < 2:
            await asyncio.sleep(0.1)
        direct = RpcConnection(chain.url)
        await direct.warp(120)
        await direct.close()

    mover = asyncio.create_task(blocks_pass())
    with pytest.raises(BlockhashExpiredError, match="safe to sign it again"):
        await client.transfer(chain.admin, recipient, 3 * IO)
    await mover
    assert await chain.io_balance(recipient) == 0
    proxy.faults.clear()
    await client.transfer(chain.admin, recipient, 3 * IO)  # signed afresh: lands once
    await conn.close()
    assert await chain.io_balance(recipient) == 3 * IO


async def test_a_send_swallowed_once_is_rebroadcast_and_lands_once(chain: Chain, proxy: FaultProxy) -> None:
    proxy.fault("sendTransaction", "swallow", times=1)
    conn = RpcConnection(proxy.url, rebroadcast_seconds=0.5)
    recipient = Keypair().pubkey()
    await IonetClient(conn, chain.admin).transfer(chain.admin, recipient, 2 * IO)
    await conn.close()
    assert await chain.io_balance(recipient) == 2 * IO


async def test_http_429_honours_retry_after(chain: Chain, proxy: FaultProxy) -> None:
    proxy.fault("getBalance", "rate_limit", times=2, retry_after="1")
    conn = RpcConnection(proxy.url)
    assert await conn.get_balance(chain.admin.pubkey()) > 0
    await conn.close()
    times = [t for t, m in proxy.seen if m == "getBalance"]
    assert len(times) == 3
    assert times[1] - times[0] >= 1.0 and times[2] - times[1] >= 1.0  # waited as told


async def test_http_429_without_end_names_the_429_and_caps_the_wait(chain: Chain, proxy: FaultProxy) -> None:
    proxy.fault("getBalance", "rate_limit", times=None, retry_after="1")
    conn = RpcConnection(proxy.url, retries=10, max_wait_seconds=2.5)
    with pytest.raises(RateLimitedError, match="HTTP 429") as raised:
        await conn.get_balance(chain.admin.pubkey())
    await conn.close()
    assert raised.value.retry_after == 1.0
    assert raised.value.waited <= 2.5
    assert proxy.count("getBalance") <= 4


async def test_a_hung_node_fails_after_the_request_timeout(chain: Chain, proxy: FaultProxy) -> None:
    proxy.fault("getAccountInfo", "hang", times=None)
    conn = RpcConnection(proxy.url, timeout_seconds=0.5, retries=1)
    started = time.monotonic()
    with pytest.raises(RequestTimeoutError, match=r"no reply within 0\.5 s"):
        await conn.get_account(chain.admin.pubkey())
    await conn.close()
    assert time.monotonic() - started < 10  # two 0.5 s attempts and a backoff, not minutes
    assert proxy.count("getAccountInfo") == 2


async def test_a_json_rpc_error_is_a_typed_error(chain: Chain, proxy: FaultProxy) -> None:
    proxy.fault("getProgramAccounts", "rpc_error", code=-32010, message="excluded from secondary indexes")
    conn = RpcConnection(proxy.url)
    with pytest.raises(RpcResponseError, match="excluded") as raised:
        await IonetClient(conn, chain.admin).nodes()
    await conn.close()
    assert isinstance(raised.value, IonetError) and raised.value.code == -32010


async def test_a_landed_transaction_that_cannot_be_read_back_is_not_a_success(
    chain: Chain, proxy: FaultProxy
) -> None:
    proxy.fault("getTransaction", "null_result", times=None)
    conn = RpcConnection(proxy.url, confirm_timeout_seconds=2)
    recipient = Keypair().pubkey()
    with pytest.raises(TransactionUnconfirmedError, match="cannot be read back"):
        await tx.send(conn, await IonetClient(conn, chain.admin).build_transfer_ixs(
            chain.admin.pubkey(), recipient, IO), chain.admin)  # fmt: skip
    await conn.close()
    assert await chain.io_balance(recipient) == IO  # it did land: the error says "unknown"


async def test_the_cli_waits_out_http_429_as_told(chain: Chain, proxy: FaultProxy) -> None:
    proxy.fault("getProgramAccounts", "rate_limit", times=2, retry_after="1")
    process = await asyncio.create_subprocess_exec(
        IONET, "--url", proxy.url, "--json", "node", "list",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    _, err = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode == 0, err.decode()
    times = [t for t, m in proxy.seen if m == "getProgramAccounts"]
    assert len(times) == 3 and times[2] - times[0] >= 2.0


async def test_the_cli_names_a_persistent_429(chain: Chain, proxy: FaultProxy) -> None:
    proxy.fault("getProgramAccounts", "rate_limit", times=None, retry_after="0")
    process = await asyncio.create_subprocess_exec(
        IONET, "--url", proxy.url, "node", "list",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    _, err = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode == 1
    assert "HTTP 429 Too Many Requests" in err.decode() and "Traceback" not in err.decode()


async def test_the_cli_refuses_to_send_io_to_the_mint(chain: Chain, tmp_path: Path) -> None:
    keypair = save_keypair(chain.admin, tmp_path / "admin.json")
    before = await chain.io_balance(chain.admin.pubkey())

    async def transfer(*extra: str) -> tuple[int | None, str]:
        process = await asyncio.create_subprocess_exec(
            IONET, "--url", chain.url, "--keypair", str(keypair), "token", "transfer", "1", str(token.MINT),
            *extra, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        _, err = await asyncio.wait_for(process.communicate(), 120)
        return process.returncode, err.decode()

    code, err = await transfer()
    assert code == 1 and "not a wallet" in err and "--allow-non-system-account" in err
    assert "Traceback" not in err
    assert await chain.io_balance(chain.admin.pubkey()) == before
    assert await chain.io_balance(token.MINT) == 0
    code, err = await transfer("--allow-non-system-account")  # the user insists
    assert code == 0, err
    assert await chain.io_balance(token.MINT) == IO
