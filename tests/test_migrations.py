"""The deploy migration (ionet_sdk.deploy, run by migrations/deploy.py) against a validator
process: initializes everything once, then finds nothing to change; refuses state it would
have to overwrite."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from solders.keypair import Keypair

from ionet_sdk import deploy, pda, spl, token
from ionet_sdk._generated.ionet_escrow.accounts import EscrowConfig
from ionet_sdk._generated.ionet_registry.accounts import RegistryConfig
from ionet_sdk.cluster import save_keypair
from ionet_sdk.localnet import LocalValidator
from ionet_sdk.rpc import RpcConnection

REPO = Path(__file__).resolve().parent.parent
SOL = 1_000_000_000


@pytest.fixture(scope="module")
async def validator(each_validator: LocalValidator) -> AsyncIterator[LocalValidator]:
    """Each kind in turn: the embedded validator and solana-test-validator."""
    yield each_validator  # noqa: PT022 (a module fixture over the plugin's parametrized one)


async def test_deploy_is_idempotent(validator: LocalValidator, tmp_path: Path) -> None:
    conn = RpcConnection(validator.url)
    admin, matcher = Keypair(), Keypair()
    for kp in (validator.upgrade_authority, admin):
        await conn.request_airdrop(kp.pubkey(), 100 * SOL)
    plan = deploy.Plan(deployer=validator.upgrade_authority, admin=admin, matcher=matcher.pubkey())
    first = await deploy.deploy(conn, plan)
    assert len(first.changed) == 5, str(first)
    registry_config = await RegistryConfig.fetch(conn, pda.registry_config())
    escrow_config = await EscrowConfig.fetch(conn, pda.escrow_config())
    assert registry_config is not None and escrow_config is not None
    assert (registry_config.job_authority, registry_config.stake_mint) == (pda.escrow_authority(), token.MINT)
    assert escrow_config.matcher == matcher.pubkey()
    treasury = spl.ata(admin.pubkey(), token.MINT)
    assert spl.token_balance(await conn.get_account(treasury)) == deploy.GENESIS

    second = await deploy.deploy(conn, plan)
    assert second.changed == [] and "nothing to change" in str(second)

    # The command line, as `ionet deploy` will run it: same answer, exit status 0.
    deployer_file = save_keypair(validator.upgrade_authority, tmp_path / "deployer.json")
    admin_file = save_keypair(admin, tmp_path / "admin.json")
    run = subprocess.run(
        [sys.executable, str(REPO / "migrations" / "deploy.py"), "--url", validator.url,
         "--keypair", str(deployer_file), "--admin", str(admin_file)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "nothing to change" in run.stdout
    # Bad input: a one-line error and a non-zero exit, no traceback.
    bad = subprocess.run(
        [sys.executable, str(REPO / "migrations" / "deploy.py"), "--url", validator.url,
         "--keypair", str(tmp_path / "missing.json")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert bad.returncode == 1 and "does not exist" in bad.stderr and "Traceback" not in bad.stderr
    await conn.close()
