"""Every failure a caller meets is an `IonetError` subclass, the common ones with
their own class (on the embedded SVM; the JSON-RPC paths are in test_rpc_faults.py):
an id used twice, a missing account, no SOL for fees; transfers to addresses nobody
can sign for; events in truncated logs; attestation outcomes; fingerprints."""

from __future__ import annotations

import base64

import pytest
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk import pda, spl, token
from ionet_sdk._generated.ionet_escrow import events as escrow_events
from ionet_sdk._generated.ionet_registry.accounts import Node
from ionet_sdk._generated.ionet_registry.types import GpuModel, GpuTier, NodeStatus
from ionet_sdk.client import InvalidRecipientError, IonetClient
from ionet_sdk.defaults import IO
from ionet_sdk.errors import (
    AccountAlreadyExistsError,
    AccountNotFoundError,
    InsufficientFundsError,
    ProgramError,
)
from ionet_sdk.logs import LOG_TRUNCATED, LogsTruncatedError
from ionet_sdk.programs import ESCROW_ID, REGISTRY_ID
from ionet_sdk.registry import hardware_fingerprint
from ionet_sdk.testing.registry import hardware, measurement

from .escrow_env import EscrowEnv


async def test_a_reused_job_id_is_account_already_exists(market: EscrowEnv) -> None:
    client = IonetClient(market.conn, market.payer)
    buyer = await market.new_client()
    spec = await market.job_spec()
    created = await client.create_job(buyer.keypair, 42, spec)
    assert created.address == pda.job(buyer.pubkey, 42)
    with pytest.raises(ProgramError) as raised:  # `except ProgramError` catches it
        await client.create_job(buyer.keypair, 42, spec)
    assert isinstance(raised.value, AccountAlreadyExistsError)
    assert raised.value.address == str(created.address)
    assert "already exists" in str(raised.value)


async def test_a_reused_node_id_is_account_already_exists(market: EscrowEnv) -> None:
    client = IonetClient(market.conn, market.payer)
    operator = await market.new_operator()
    await client.register_node(operator, 7, Keypair().pubkey(), hardware(label="a"))
    with pytest.raises(AccountAlreadyExistsError) as raised:
        await client.register_node(operator, 7, Keypair().pubkey(), hardware(label="b"))
    assert raised.value.address == str(pda.node(operator.pubkey(), 7))


async def test_a_missing_account_is_account_not_found(market: EscrowEnv) -> None:
    client = IonetClient(market.conn, market.payer)
    with pytest.raises(AccountNotFoundError, match="account not found"):
        await client.job(Pubkey.new_unique())
    with pytest.raises(AccountNotFoundError):
        await client.node(Pubkey.new_unique())


async def test_no_sol_for_fees_says_to_airdrop(market: EscrowEnv) -> None:
    broke = Keypair()
    client = IonetClient(market.conn, broke)
    with pytest.raises(InsufficientFundsError, match="airdrop") as raised:
        await client.transfer(broke, Keypair().pubkey(), 1)
    assert raised.value.account == broke.pubkey()


async def test_a_transfer_to_the_mint_or_a_program_is_refused(market: EscrowEnv) -> None:
    client = IonetClient(market.conn, market.payer)
    before = await market.token_balance(market.faucet)
    for recipient in (token.MINT, REGISTRY_ID, pda.registry_config(), pda.job(Keypair().pubkey(), 1)):
        with pytest.raises(InvalidRecipientError, match="not a wallet"):
            await client.transfer(market.payer, recipient, IO)
        assert await market.conn.get_account(spl.ata(recipient, token.MINT)) is None
    assert await market.token_balance(market.faucet) == before
    # An explicit opt-in sends to the program-owned account's associated account.
    await client.transfer(market.payer, pda.registry_config(), IO, allow_non_system_account=True)
    assert await market.token_balance(spl.ata(pda.registry_config(), token.MINT)) == IO


async def test_a_transfer_to_an_io_token_account_pays_it_directly(market: EscrowEnv) -> None:
    client = IonetClient(market.conn, market.payer)
    holder = await market.new_client(funds=0)
    await client.transfer(market.payer, holder.token_account, 3 * IO)
    assert await market.token_balance(holder.token_account) == 3 * IO
    assert await market.conn.get_account(spl.ata(holder.token_account, token.MINT)) is None
    # A token account of another mint cannot take IO.
    _, other = await market.other_mint_account(holder)
    with pytest.raises(InvalidRecipientError, match="not of IO"):
        await client.transfer(market.payer, other, IO)


async def test_a_wallet_gets_its_associated_account(market: EscrowEnv) -> None:
    client = IonetClient(market.conn, market.payer)
    wallet = Keypair().pubkey()  # unfunded, on the curve: a key someone holds
    await client.transfer(market.payer, wallet, 2 * IO)
    assert await market.token_balance(spl.ata(wallet, token.MINT)) == 2 * IO


def test_truncated_logs_raise_with_the_events_before_the_cut() -> None:
    event = escrow_events.JobCompleted(
        job=Pubkey.new_unique(), by=Pubkey.new_unique(), completed_at=1, challenge_ends_at=5
    )
    line = "Program data: " + base64.b64encode(event.encode()).decode()
    logs = [f"Program {ESCROW_ID} invoke [1]", line, LOG_TRUNCATED]
    with pytest.raises(LogsTruncatedError, match="truncated after 1") as raised:
        escrow_events.parse_logs(logs)
    assert raised.value.events == [event]
    assert escrow_events.parse_logs([f"Program {ESCROW_ID} invoke [1]", line]) == [event]


async def test_attest_says_whether_it_passed_and_why_not(market: EscrowEnv) -> None:
    client = IonetClient(market.conn, market.payer)
    handle = await market.register()
    good = await client.attest(market.verifiers[0], handle.address, measurement(handle.spec))
    assert good.passed and good.reasons == [] and not good.jailed
    assert good.effective_tier == GpuTier.H100Class
    bad = await client.attest(
        market.verifiers[0], handle.address, measurement(handle.spec, vram_gb_per_gpu=24, measured_tflops=1)
    )
    assert not bad.passed and bad.jailed
    assert bad.reasons == [
        "VRAM per GPU differs from the declared one",
        "measured TFLOPS below the model's required share",
    ]
    node = await client.node(handle.address)
    assert node.status is NodeStatus.Jailed  # typed as the enum, not an int
    assert node.declared.gpu_model is GpuModel.H100
    assert isinstance(Node.decode((await market.conn.get_account(handle.address)).data).status, NodeStatus)  # type: ignore[union-attr]


def test_the_hardware_fingerprint_ignores_gpu_order() -> None:
    a = hardware_fingerprint(["GPU-b", "GPU-a"])
    assert a == hardware_fingerprint([" GPU-a", "GPU-b "]) and len(a) == 32
    assert a != hardware_fingerprint(["GPU-a"])
    with pytest.raises(ValueError, match="at least one"):
        hardware_fingerprint([])
