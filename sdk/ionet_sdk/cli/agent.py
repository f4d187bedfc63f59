"""`ionet agent heartbeat`: the worker agent's signed off-chain heartbeats."""

from __future__ import annotations

import asyncio
import logging
import signal
from typing import Annotated

import typer

from ionet_sdk.cli.common import Options, example, fail, load_or_fail, one_row, output, parse_pubkey
from ionet_sdk.errors import IonetError
from ionet_sdk.services.agent import heartbeat

app = typer.Typer(help="The worker agent (only its heartbeats so far).", no_args_is_help=True)


@app.command(
    "heartbeat",
    epilog=example(
        "ionet --keypair agent.json agent heartbeat NODE --oracle http://127.0.0.1:8787",
        "ionet --keypair agent.json agent heartbeat NODE --oracle URL1 --oracle URL2 --count 1",
    ),
)
def heartbeat_command(
    ctx: typer.Context,
    node: str,
    oracle: Annotated[list[str], typer.Option(help="an oracle's base URL (repeat for several)")],
    interval: Annotated[float, typer.Option(help="seconds between heartbeats")] = 60.0,
    count: Annotated[int | None, typer.Option(help="stop after this many (default: until SIGTERM)")] = None,
) -> None:
    """Sign heartbeats for NODE with the --keypair (the node's agent key) and send them to
    the oracles; prints how many receipts came back."""
    options: Options = ctx.obj
    agent = load_or_fail(options.keypair)
    address = parse_pubkey(node)
    if interval <= 0:
        raise fail("--interval must be positive")
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    async def main() -> heartbeat.HeartbeatStats:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        return await heartbeat.run(agent, address, oracle, stop, interval=interval, count=count)

    try:
        stats = asyncio.run(main())
    except IonetError as err:
        raise fail(str(err).splitlines()[0]) from None
    summary = f"{stats.receipts} receipts for {stats.sent} sent"
    if stats.refused:
        summary += "; refused: " + ", ".join(f"{k} {v}" for k, v in sorted(stats.refused.items()))
    if stats.unavailable:
        summary += f"; unavailable: {stats.unavailable}"
    output(
        ctx,
        {
            "sent": stats.sent,
            "receipts": stats.receipts,
            "refused": stats.refused,
            "unavailable": stats.unavailable,
        },
        one_row("heartbeats", summary),
    )
    if stats.receipts == 0:
        raise typer.Exit(1)
