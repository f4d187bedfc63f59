"""`ionet indexer run`: the indexer, query API and explorer (docs/indexer.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ionet_sdk.cli.common import Options, example, fail, run_daemon
from ionet_sdk.errors import IonetError
from ionet_sdk.services.indexer import config as indexer_config
from ionet_sdk.services.indexer import service

app = typer.Typer(
    help="The indexer: every event into a database, a query API and the explorer.", no_args_is_help=True
)


@app.command(
    "run",
    epilog=example(
        "ionet --url localnet indexer run",
        "ionet --url http://127.0.0.1:8899 indexer run --db postgresql+psycopg://ionet@127.0.0.1/ionet",
        "ionet indexer run --config indexer.toml --log-json",
    ),
)
def run_command(  # noqa: PLR0917 (typer: one parameter per option)
    ctx: typer.Context,
    config: Annotated[Path | None, typer.Option("--config", "-c", help="TOML settings file")] = None,
    db: Annotated[str | None, typer.Option(help="database URL (default sqlite:///indexer.sqlite3)")] = None,
    ws_url: Annotated[str | None, typer.Option(help="websocket URL (default: RPC port + 1)")] = None,
    host: Annotated[str | None, typer.Option(help="listen address")] = None,
    port: Annotated[int | None, typer.Option(help="listen port (default 8792)")] = None,
    commitment: Annotated[str | None, typer.Option(help="confirmed (default) or finalized")] = None,
    poll_secs: Annotated[float | None, typer.Option(help="polling fallback interval, s")] = None,
    serve: Annotated[
        bool | None, typer.Option("--serve/--no-serve", help="serve the API and explorer")
    ] = None,
    log_json: Annotated[bool | None, typer.Option("--log-json/--log-text", help="log format")] = None,
) -> None:
    """Follow the three programs from their first transaction into the database and serve
    the API (/api/v1, /openapi.json) and the explorer (/) until SIGTERM/SIGINT."""
    options: Options = ctx.obj
    try:
        cfg = indexer_config.load(
            config,
            defaults={"rpc_url": options.url},
            db_url=db,
            ws_url=ws_url,
            host=host,
            port=port,
            commitment=commitment,
            poll_secs=poll_secs,
            serve=serve,
            log_json=log_json,
        )
    except IonetError as err:
        raise fail(str(err)) from None
    run_daemon(cfg.log_json, lambda stop: service.run(cfg, stop))
