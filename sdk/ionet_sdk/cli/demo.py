"""`ionet demo`: the marketplace end to end on a local validator process."""

from __future__ import annotations

import asyncio
import time
from typing import Annotated

import typer

from ionet_sdk import demo
from ionet_sdk.cli.common import console, dumps, fail, progress
from ionet_sdk.errors import IonetError
from ionet_sdk.localnet import Kind


def demo_command(
    ctx: typer.Context,
    validator: Annotated[
        str | None, typer.Option(help="ionet, solana-test-validator or surfpool (default: found on PATH)")
    ] = None,
) -> None:
    """Start a local validator, deploy, and play the marketplace end to end (about 15 s)."""
    kinds: dict[str | None, Kind | None] = {None: None, "ionet": "ionet", "surfpool": "surfpool"}
    kinds["solana-test-validator"] = "solana-test-validator"
    if validator not in kinds:
        raise fail(f"unknown validator {validator!r}: ionet, solana-test-validator or surfpool")
    with progress(ctx, "marketplace demo") as bar:
        task = bar.add_task("demo", total=demo.PHASES)

        def step(text: str) -> None:
            bar.console.print(f"[dim]{time.strftime('%H:%M:%S')}[/] {text}")
            bar.advance(task)

        try:
            report = asyncio.run(demo.run(progress=step, validator_kind=kinds[validator]))
        except (IonetError, ValueError) as err:
            raise fail(str(err).splitlines()[0], type(err).__name__) from None
    if ctx.obj.json:
        typer.echo(dumps(report))
    else:
        demo.render(report, console)
    if not report.books_balance:
        raise typer.Exit(1)
