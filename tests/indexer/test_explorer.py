"""The explorer in a real browser: Debian's Chromium, headless, driven by Playwright
(pointed at the system binary), against the indexer's own HTTP server fed by the demo's
marketplace on the embedded validator. Each page's figures are checked against the
chain's accounts; screenshots go to test-artifacts/explorer/."""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from aiohttp import web
from playwright.async_api import Browser, Page, async_playwright

from ionet_sdk import spl, token
from ionet_sdk.services.indexer.follower import Follower
from ionet_sdk.services.indexer.service import build_app
from ionet_sdk.services.indexer.store import Database

from .conftest import DemoChain

pytestmark = pytest.mark.asyncio(loop_scope="session")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "explorer"
CHROMIUM = ("chromium", "chromium-browser", "google-chrome")


def chromium() -> str:
    for name in CHROMIUM:
        if path := shutil.which(name):
            return path
    message = "Chromium is not installed (scripts/setup installs Debian's chromium)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def io(units: int) -> str:
    """The page's IO format: two decimals, thousands separators."""
    return f"{units / 1e8:,.2f} IO"


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def explorer(demo_chain: DemoChain, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[str]:
    """The indexer's HTTP server over the indexed demo chain; its base URL."""
    db = Database(f"sqlite:///{tmp_path_factory.mktemp('explorer')}/indexer.sqlite3")
    db.migrate()
    await Follower(demo_chain.conn, db).catch_up()
    runner = web.AppRunner(build_app(db), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    yield f"http://127.0.0.1:{port}"
    await runner.cleanup()
    db.dispose()


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def browser() -> AsyncIterator[Browser]:
    path = chromium()
    async with async_playwright() as p:
        b = await p.chromium.launch(executable_path=path, headless=True, args=["--no-sandbox"])
        yield b
        await b.close()


async def open_page(browser: Browser, url: str, expect_404: bool = False) -> Page:
    page = await browser.new_page(viewport={"width": 1360, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    await page.goto(url)
    await page.wait_for_function("document.body.dataset.ready && document.body.dataset.ready !== ''")
    if expect_404:  # the browser logs the API's 404 answer itself
        errors = [e for e in errors if "404" not in e]
    assert not errors, errors
    return page


async def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


async def text(page: Page, testid: str) -> str:
    return (await page.get_by_test_id(testid).inner_text()).strip()


async def test_overview_shows_the_chain(demo_chain: DemoChain, explorer: str, browser: Browser) -> None:
    page = await open_page(browser, explorer + "/#/")
    nodes = await demo_chain.demo.client.nodes()
    active = sum(1 for n in nodes if n.data.status.name == "Active")
    assert (await text(page, "active-nodes")).split("/")[0].strip() == str(active)
    assert await text(page, "gpus") == f"{sum(n.data.declared.gpu_count for n in nodes):,}"
    mint = await demo_chain.conn.get_account(token.MINT)
    assert mint is not None
    assert (await text(page, "supply")).startswith(io(spl.mint_supply(mint)))
    # every model's GPU count, as the chain declares them
    models: dict[str, int] = {}
    for n in nodes:
        name = n.data.declared.gpu_model.name
        models[name] = models.get(name, 0) + n.data.declared.gpu_count
    chart = page.get_by_test_id("chart-gpus-model")
    for model, count in models.items():
        assert (await chart.locator(f'text[data-key="{model}"]').text_content()) == f"{count:,}"
    assert await page.get_by_test_id("chart-minted-burned").locator("rect").count() > 0
    assert await page.get_by_test_id("chart-de-target").count() == 1
    assert await page.get_by_test_id("nodes-table").locator("tbody tr").count() == len(nodes)
    await shot(page, "overview")
    await page.close()


async def test_node_page_and_search(demo_chain: DemoChain, explorer: str, browser: Browser) -> None:
    nodes = await demo_chain.demo.client.nodes()
    jailed = next(n for n in nodes if n.data.status.name == "Jailed")  # the spoofer the demo catches
    page = await open_page(browser, explorer + "/#/")
    await page.fill("#q", str(jailed.address))
    await page.press("#q", "Enter")
    await page.wait_for_function(f"document.body.dataset.ready === '#/node/{jailed.address}'")
    assert await text(page, "node-address") == str(jailed.address)
    assert await text(page, "node-status") == "Jailed"
    assert await text(page, "node-reputation") == f"{jailed.data.reputation_bps / 100:.2f} %"
    assert await text(page, "node-bonded") == io(jailed.data.bonded)
    assert await text(page, "node-slashed") == io(jailed.data.slashed_total)
    attestations = page.get_by_test_id("attestations-table").locator("tbody tr")
    assert await attestations.count() == jailed.data.attestations_passed + jailed.data.attestations_failed
    assert "failed" in await attestations.first.inner_text()
    assert await page.get_by_test_id("slashes-table").locator("tbody tr").count() == jailed.data.slash_count
    assert await page.get_by_test_id("chart-reputation").locator("path").count() == 1
    await shot(page, "node")
    # searching by operator lands on the operator's node too
    await page.fill("#q", str(jailed.data.operator))
    await page.press("#q", "Enter")
    await page.wait_for_function(f"document.body.dataset.ready === '#/node/{jailed.address}'")
    await page.close()


async def test_job_page(demo_chain: DemoChain, explorer: str, browser: Browser) -> None:
    page = await open_page(browser, explorer + "/#/")
    main = str(demo_chain.demo.job)  # the demo's 8-GPU job (its wash trades are jobs too)
    link = page.get_by_test_id("jobs-table").locator(f'tbody tr a[href="#/job/{main}"]')
    await link.click()
    await page.wait_for_function(f"document.body.dataset.ready === '#/job/{main}'")
    address = await text(page, "job-address")
    assert address == main
    report = demo_chain.report
    runs = page.get_by_test_id("runs-table").locator("tbody tr")
    assert await runs.count() == 3
    assert await text(page, "job-state") in ("Settled", "Closed")
    from solders.pubkey import Pubkey

    job = await demo_chain.demo.client.conn.get_account(Pubkey.from_string(address))
    if job is not None:  # still open on chain: its paid and refunded figures
        from ionet_sdk._generated.ionet_escrow.accounts import Job

        data = Job.decode(job.data)
        assert await text(page, "job-paid") == io(data.paid)
        assert await text(page, "job-refunded") == io(data.refunded)
    assert await page.get_by_test_id("settlement").count() == 1
    assert await page.get_by_test_id("usage-table").locator("tbody tr").count() > 0
    assert report.books_balance
    await shot(page, "job")
    await page.close()


async def test_unknown_address_says_so(explorer: str, browser: Browser) -> None:
    page = await open_page(browser, explorer + "/#/node/" + "1" * 32, expect_404=True)
    assert "no node" in await text(page, "error")
    await page.close()
