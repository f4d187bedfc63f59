"""Shared fixtures: programs built once per session, a fresh in-process SVM per test."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk import spl, tx
from ionet_sdk.defaults import IO_DECIMALS
from ionet_sdk.programs import REGISTRY_ID, program_path
from ionet_sdk.svm import EmbeddedConnection

from .registry_env import RegistryEnv

REPO = Path(__file__).resolve().parent.parent
SOL = 1_000_000_000


@pytest.fixture(scope="session", autouse=True)
def built_programs() -> None:
    """Build (or re-check, in under a second when nothing changed) every program and IDL."""
    subprocess.run(
        [str(REPO / "scripts" / "build-programs")], check=True, env={**os.environ, "IONET_QUIET": "1"}
    )


@dataclass
class RegistryWorld:
    conn: EmbeddedConnection
    upgrade_authority: Keypair
    payer: Keypair
    mint: Pubkey
    mint_authority: Keypair
    treasury: Pubkey


async def new_world() -> RegistryWorld:
    conn = EmbeddedConnection()
    upgrade_authority, payer, mint, mint_authority, treasury = (Keypair() for _ in range(5))
    for kp in (upgrade_authority, payer):
        conn.airdrop(kp.pubkey(), 100 * SOL)
    conn.deploy(REGISTRY_ID, program_path("ionet_registry"), upgrade_authority.pubkey())
    ixs = await spl.create_mint_ixs(conn, payer.pubkey(), mint.pubkey(), IO_DECIMALS, mint_authority.pubkey())
    ixs += await spl.create_token_account_ixs(conn, payer.pubkey(), treasury, mint.pubkey(), payer.pubkey())
    await tx.send(conn, ixs, payer, [mint, treasury])
    return RegistryWorld(conn, upgrade_authority, payer, mint.pubkey(), mint_authority, treasury.pubkey())


@pytest.fixture
async def world() -> RegistryWorld:
    return await new_world()


@pytest.fixture
async def env() -> RegistryEnv:
    """A registry with an initialized config (see tests/registry_env.py)."""
    return await RegistryEnv().setup()
