"""A pytest plugin (entry point `ionet`, active wherever ionet_sdk is installed):

    async def test_something(local_validator: LocalValidator) -> None:
        conn = RpcConnection(local_validator.url)

`local_validator` is one validator process per test module (the programs
preloaded, a fresh ledger), stopped after the module whatever happened;
`IONET_VALIDATOR` picks the kind (ionet, solana-test-validator, surfpool),
otherwise whichever is found on PATH.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import AsyncIterator
from typing import cast

from ionet_sdk.localnet import Kind, LocalValidator

KINDS = ("ionet", "solana-test-validator", "surfpool")


async def _local_validator() -> AsyncIterator[LocalValidator]:
    """A validator process for the module's tests."""
    wanted = os.environ.get("IONET_VALIDATOR") or None
    if wanted is not None and wanted not in KINDS:
        raise ValueError(f"IONET_VALIDATOR={wanted!r}: one of {', '.join(KINDS)}")
    async with LocalValidator(kind=cast("Kind | None", wanted)) as validator:
        yield validator


# The fixture is async: offered only where pytest-asyncio is installed, so that the
# plugin never breaks a plain pytest run in an environment that has ionet_sdk.
if importlib.util.find_spec("pytest_asyncio") is not None:
    import pytest_asyncio

    local_validator = pytest_asyncio.fixture(scope="module", loop_scope="session", name="local_validator")(
        _local_validator
    )
