"""Fixtures of the indexer and explorer tests: one embedded validator with the demo's
marketplace played on it (once per session: about two minutes on a loaded machine), a
throwaway PostgreSQL (Debian's binaries, `ionet_sdk.testing.postgres`), and a fresh
database of each kind per test (`db_url` runs a test against SQLite and PostgreSQL)."""

from __future__ import annotations

import itertools
import os
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass

import pytest
import pytest_asyncio
from solders.keypair import Keypair

from ionet_sdk.demo import Demo, Report
from ionet_sdk.localnet import LocalValidator
from ionet_sdk.rpc import RpcConnection
from ionet_sdk.testing.postgres import TempPostgres, unavailable_reason

KINDS = ("sqlite", "postgresql")
_names = itertools.count()


@dataclass
class DemoChain:
    validator: LocalValidator
    conn: RpcConnection
    demo: Demo
    report: Report


@pytest.fixture(scope="session")
def postgres() -> Iterator[TempPostgres]:
    """A PostgreSQL server for the session; skipped (failed in CI) where none can run."""
    reason = unavailable_reason()
    if reason is not None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}; CI must run the indexer tests against PostgreSQL")
        pytest.skip(reason)
    pg = TempPostgres.start()
    yield pg
    pg.stop()


MakeDb = Callable[[], str]


@pytest.fixture(params=KINDS)
def make_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> MakeDb:
    """Makes fresh empty databases of the parameter's kind; returns their URLs."""

    def sqlite() -> str:
        return f"sqlite:///{tmp_path_factory.mktemp('indexer')}/indexer.sqlite3"

    if request.param == "sqlite":
        return sqlite
    pg: TempPostgres = request.getfixturevalue("postgres")
    return lambda: pg.create_database(f"indexer_{next(_names)}")


@pytest.fixture
def db_url(make_db: MakeDb) -> str:
    return make_db()


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def demo_chain() -> AsyncIterator[DemoChain]:
    """The demo's marketplace played on an embedded validator (kept for the session)."""
    deployer = Keypair()
    async with LocalValidator(kind="ionet", upgrade_authority=deployer, frozen_clock=True) as validator:
        conn = RpcConnection(validator.url, retries=2)
        try:
            demo = Demo(conn, deployer)
            report = await demo.play()
            yield DemoChain(validator, conn, demo, report)
        finally:
            await conn.close()
