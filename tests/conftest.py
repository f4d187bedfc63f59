"""Shared fixtures: programs built once per session, a fresh in-process SVM per test."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from hypothesis import settings

from .escrow_env import EscrowEnv
from .registry_env import RegistryEnv
from .token_env import TokenEnv

# CI runs the property tests on a fixed sequence of examples (Hypothesis' own advice for
# CI): a submission is judged on what it changed, never on the luck of the draw. A run on
# a developer's machine still explores new examples each time.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def built_programs() -> None:
    """Build (or re-check, in under a second when nothing changed) every program and IDL."""
    subprocess.run(
        [str(REPO / "scripts" / "build-programs")], check=True, env={**os.environ, "IONET_QUIET": "1"}
    )


@pytest.fixture
async def fresh() -> RegistryEnv:
    """A deployed registry, IO mint and treasury, before config_init."""
    return await RegistryEnv().setup(init_config=False)


@pytest.fixture
async def env() -> RegistryEnv:
    """A registry with an initialized config (see tests/registry_env.py)."""
    return await RegistryEnv().setup()


@pytest.fixture
async def market() -> EscrowEnv:
    """Registry and escrow deployed and configured (see tests/escrow_env.py)."""
    return await EscrowEnv().setup()


@pytest.fixture
async def io() -> TokenEnv:
    """The IO token program initialized (see tests/token_env.py)."""
    return await TokenEnv().setup()
