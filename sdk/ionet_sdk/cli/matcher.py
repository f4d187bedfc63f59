"""`ionet matcher run`: the matching service (docs/services.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ionet_sdk.cli.common import Options, example, fail, run_daemon
from ionet_sdk.errors import IonetError
from ionet_sdk.services.matcher import config as matcher_config
from ionet_sdk.services.matcher import service

app = typer.Typer(help="The matcher: assigns open jobs to clusters of eligible nodes.", no_args_is_help=True)


@app.command(
    "run",
    epilog=example(
        "ionet --url localnet --keypair matcher.json matcher run",
        "ionet matcher run --config matcher.toml --log-json",
        "ionet matcher run --ws-url none --poll-secs 5",
    ),
)
def run_command(  # noqa: PLR0917 (typer: one parameter per option)
    ctx: typer.Context,
    config: Annotated[Path | None, typer.Option("--config", "-c", help="TOML settings file")] = None,
    ws_url: Annotated[str | None, typer.Option(help='websocket ("": RPC port + 1; none: poll)')] = None,
    host: Annotated[str | None, typer.Option(help="HTTP address (/health, /metrics, coordinates)")] = None,
    port: Annotated[int | None, typer.Option(help="HTTP port (default 8791; 0: none)")] = None,
    interval_secs: Annotated[float | None, typer.Option(help="sweep of open jobs, s (default 2)")] = None,
    poll_secs: Annotated[float | None, typer.Option(help="polling without a websocket, s")] = None,
    coordinates_file: Annotated[Path | None, typer.Option(help="JSON file keeping coordinates")] = None,
    log_json: Annotated[bool | None, typer.Option("--log-json/--log-text", help="log format")] = None,
) -> None:
    """Match until SIGTERM/SIGINT: keep an index of the registry's nodes from subscriptions,
    assign each open job's GPUs to the cluster with the lowest worst pairwise RTT (Vivaldi
    coordinates), in one transaction per job (--keypair: the escrow's matcher)."""
    options: Options = ctx.obj
    try:
        cfg = matcher_config.load(
            config,
            defaults={"rpc_url": options.url, "keypair": options.keypair},
            ws_url=ws_url, host=host, port=port, interval_secs=interval_secs, poll_secs=poll_secs,
            coordinates_file=coordinates_file, log_json=log_json,
        )  # fmt: skip
    except IonetError as err:
        raise fail(str(err)) from None
    run_daemon(cfg.log_json, lambda stop: service.run(cfg, stop))
