"""`ionet demo`: the marketplace end to end on a local validator process."""

from __future__ import annotations

import asyncio
import time
from typing import Annotated

import typer

from ionet_sdk import demo
from ionet_sdk.cli.common import console, dumps, fail, progress
from ionet_sdk.errors import IonetError


def demo_command(
    ctx: typer.Context,
    validator: Annotated[
        str, typer.Option(help="ionet (the demo warps the clock, which only the embedded validator does)")
    ] = "ionet",
) -> None:
    """Start a local validator, deploy, and play the marketplace end to end (about 15 s)."""
    if validator == "solana-test-validator":
        raise fail(
            "--validator solana-test-validator: the demo plays days of protocol time with "
            "ionetWarp, which only the embedded validator (ionet) serves"
        )
    if validator != "ionet":
        raise fail(f"unknown validator {validator!r}: the demo runs on ionet")
    with progress(ctx, "marketplace demo") as bar:
        task = bar.add_task("demo", total=demo.PHASES)

        def step(text: str) -> None:
            bar.console.print(f"[dim]{time.strftime('%H:%M:%S')}[/] {text}")
            bar.advance(task)

        try:
            report = asyncio.run(demo.run(progress=step, validator_kind="ionet"))
        except (IonetError, ValueError) as err:
            raise fail(str(err).splitlines()[0], type(err).__name__) from None
    if ctx.obj.json:
        typer.echo(dumps(report))
    else:
        demo.render(report, console)
    if not report.books_balance:
        raise typer.Exit(1)
