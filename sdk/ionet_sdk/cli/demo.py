"""`ionet demo`: the marketplace end to end on a local validator process."""

from __future__ import annotations

import asyncio
import signal
import tempfile
import time
from collections.abc import Awaitable, Callable
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ionet_sdk import demo
from ionet_sdk.cli.common import console, dumps, fail, progress
from ionet_sdk.errors import IonetError
from ionet_sdk.services import network
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
    network: Annotated[
        bool,
        typer.Option(
            "--network",
            help="the network as processes: oracle, verifier, matcher, keeper and 12 agents (minutes)",
        ),
    ] = False,
) -> None:
    """Start a local validator, deploy, and play the marketplace end to end (about 15 s);
    end with the explorer's address (`--explore` serves it over the demo's chain).
    `--network`: every service its own process instead, one job from `ionet job create`
    to its settlement and the rewards it earns, with no manual step (docs/services.md)."""
    if network:
        _network(ctx)
        return
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


def _network(ctx: typer.Context) -> None:
    """`ionet demo --network`: `services.network.run_network` with progress lines, then
    the summary tables. Ctrl-C or SIGTERM stops every process it started."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
    # Ctrl-C even where SIGINT was inherited ignored (a background job): asyncio.run then
    # cancels the play, whose cleanup stops every process.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    started = time.monotonic()

    def say(text: str) -> None:
        if not ctx.obj.json:
            console.print(f"[dim]{time.monotonic() - started:6.1f} s[/] {text}")

    try:
        summary = asyncio.run(network.run_network(say=say))
    except KeyboardInterrupt:
        raise fail("interrupted: every service and the validator were stopped") from None
    except (IonetError, ValueError, OSError) as err:
        raise fail(str(err).splitlines()[0], type(err).__name__) from None
    if ctx.obj.json:
        typer.echo(dumps(summary))
        return
    render_network(summary, console)


def render_network(summary: network.Summary, out: Console) -> None:
    """The network demo's tables: nodes, the job, its runs, the settlement, the rewards."""
    for title, rows in (
        ("nodes", summary.nodes),
        ("job", [summary.job]),
        ("runs", summary.runs),
        ("settlement (IO base units)", [summary.settlement]),
        ("rewards (IO base units)", summary.rewards),
    ):
        if not rows:
            continue
        table = Table(title=title)
        for column in rows[0]:
            table.add_column(column.replace("_", " "))
        for row in rows:
            table.add_row(*(str(v) for v in row.values()))
        out.print(table)
    restarts = ", ".join(f"{k} x{v}" for k, v in summary.restarts.items()) or "none"
    out.print(f"restarts: {restarts}; the chain is at IO epoch {summary.epoch}")
    out.print(
        f"provisioning: job create to every run started in [bold]{summary.provisioning_secs:.1f} s[/]"
        f" (target < 90 s); the whole network ran {summary.seconds:.0f} s"
    )
