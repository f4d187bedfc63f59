"""`ionet demo`: the marketplace end to end on a local validator process."""

from __future__ import annotations

import asyncio
import signal
import tempfile
import time
from collections.abc import Awaitable, Callable
from typing import Annotated

import typer

from ionet_sdk import demo
from ionet_sdk.cli.common import console, dumps, fail, progress
from ionet_sdk.errors import IonetError
from ionet_sdk.services.indexer import service as indexer_service
from ionet_sdk.services.indexer.config import IndexerConfig

EXPLORER_PORT = 8792


def demo_command(
    ctx: typer.Context,
    validator: Annotated[
        str, typer.Option(help="ionet (the demo warps the clock, which only the embedded validator does)")
    ] = "ionet",
    explore: Annotated[
        bool,
        typer.Option("--explore", help="then index the marketplace and serve the explorer until Ctrl-C"),
    ] = False,
    port: Annotated[int, typer.Option(help="the explorer's port (with --explore)")] = EXPLORER_PORT,
) -> None:
    """Start a local validator, deploy, and play the marketplace end to end (about 15 s);
    end with the explorer's address (`--explore` serves it over the demo's chain)."""
    if validator == "solana-test-validator":
        raise fail(
            "--validator solana-test-validator: the demo plays days of protocol time with "
            "ionetWarp, which only the embedded validator (ionet) serves"
        )
    if validator != "ionet":
        raise fail(f"unknown validator {validator!r}: the demo runs on ionet")
    url = f"http://127.0.0.1:{port}/"
    with progress(ctx, "marketplace demo") as bar:
        task = bar.add_task("demo", total=demo.PHASES)

        def step(text: str) -> None:
            bar.console.print(f"[dim]{time.strftime('%H:%M:%S')}[/] {text}")
            bar.advance(task)

        try:
            report = asyncio.run(
                demo.run(
                    progress=step, validator_kind="ionet", after=_explorer(ctx, port) if explore else None
                )
            )
        except (IonetError, ValueError, OSError) as err:
            raise fail(str(err).splitlines()[0], type(err).__name__) from None
    if not explore:
        _show(ctx, report)
        if not ctx.obj.json:
            console.print(f"explorer: [bold]ionet demo --explore[/] serves this marketplace at {url}")
    if not report.books_balance:
        raise typer.Exit(1)


def _show(ctx: typer.Context, report: demo.Report) -> None:
    if ctx.obj.json:
        typer.echo(dumps(report))
    else:
        demo.render(report, console)


def _explorer(ctx: typer.Context, port: int) -> Callable[[demo.Report, str], Awaitable[None]]:
    """What `--explore` runs once the demo is played, while its validator still serves:
    the report, then the indexer over that chain (a temporary SQLite database) with its
    query API and explorer on `port`, until SIGINT/SIGTERM."""

    async def after(report: demo.Report, rpc_url: str) -> None:
        _show(ctx, report)
        with tempfile.TemporaryDirectory(prefix="ionet-explore-") as tmp:
            cfg = IndexerConfig(
                rpc_url=rpc_url, db_url=f"sqlite:///{tmp}/indexer.sqlite3", port=port
            ).validate()
            stop, ready = asyncio.Event(), asyncio.Event()
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(sig, stop.set)
            serving = asyncio.create_task(indexer_service.run(cfg, stop, ready))
            waiting = asyncio.create_task(ready.wait())
            await asyncio.wait([serving, waiting], return_when=asyncio.FIRST_COMPLETED)
            waiting.cancel()
            if not serving.done():
                where = f"indexing the demo's chain at {rpc_url}; Ctrl-C to stop"
                console.print(f"explorer: http://127.0.0.1:{port}/ ({where})")
            await serving

    return after
