"""A pytest plugin (entry point `ionet`, active wherever ionet_sdk is installed):

    async def test_something(local_validator: LocalValidator) -> None:
        conn = RpcConnection(local_validator.url)

Fixtures, each one validator process per test module (the programs preloaded,
a fresh ledger), stopped after the module whatever happened:

- `local_validator`: the kind `IONET_VALIDATOR` names (ionet by default);
- `embedded_validator`: always `ionet`, for flows that warp the clock;
- `each_validator`: parametrized over both kinds, for flows that need no warp.
  Where solana-test-validator is not installed its tests are skipped, saying
  so — except in CI (`CI=true`), where its absence is a failure.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import AsyncIterator

import pytest

from ionet_sdk.localnet import KINDS, Kind, LocalValidator, kind_from_env, solana_test_validator


def require(kind: Kind) -> None:
    """Skip (or, in CI, fail) when `kind` cannot run here."""
    if kind == "solana-test-validator" and solana_test_validator() is None:
        message = "solana-test-validator is not installed (scripts/install-validator builds it)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{message}; CI must run the validator suites against it")
        pytest.skip(message)


async def _validator(kind: Kind) -> AsyncIterator[LocalValidator]:
    require(kind)
    async with LocalValidator(kind=kind) as validator:
        yield validator


async def _local_validator() -> AsyncIterator[LocalValidator]:
    """A validator process of the `IONET_VALIDATOR` kind for the module's tests."""
    async for v in _validator(kind_from_env()):
        yield v


async def _embedded_validator() -> AsyncIterator[LocalValidator]:
    """The LiteSVM-backed server, whose clock `ionetWarp` moves."""
    async for v in _validator("ionet"):
        yield v


async def _each_validator(request: pytest.FixtureRequest) -> AsyncIterator[LocalValidator]:
    """Each kind in turn."""
    async for v in _validator(request.param):
        yield v


# The fixtures are async: offered only where pytest-asyncio is installed, so that the
# plugin never breaks a plain pytest run in an environment that has ionet_sdk.
if importlib.util.find_spec("pytest_asyncio") is not None:
    import pytest_asyncio

    local_validator = pytest_asyncio.fixture(scope="module", loop_scope="session", name="local_validator")(
        _local_validator
    )
    embedded_validator = pytest_asyncio.fixture(
        scope="module", loop_scope="session", name="embedded_validator"
    )(_embedded_validator)
    each_validator = pytest_asyncio.fixture(
        scope="module", loop_scope="session", name="each_validator", params=KINDS
    )(_each_validator)
