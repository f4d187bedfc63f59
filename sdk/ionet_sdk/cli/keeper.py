"""`ionet keeper run`: the keeper that cranks every permissionless step (docs/services.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ionet_sdk.cli.common import Options, example, fail, run_daemon
from ionet_sdk.errors import IonetError
from ionet_sdk.services.keeper import config as keeper_config
from ionet_sdk.services.keeper import service
from ionet_sdk.services.keeper.steps import STEPS

app = typer.Typer(help="The keeper: cranks every permissionless step of the network.", no_args_is_help=True)


@app.command(
    "run",
    epilog=example(
        "ionet --url localnet --keypair keeper.json keeper run",
        "ionet keeper run --config keeper.toml --log-json",
        "ionet keeper run --oracles http://127.0.0.1:8787,http://127.0.0.1:8797",
        "ionet keeper run --steps mint_epochs,settle_jobs,finalize_jobs --interval-secs 10",
    ),
)
def run_command(  # noqa: PLR0917 (typer: one parameter per option)
    ctx: typer.Context,
    config: Annotated[Path | None, typer.Option("--config", "-c", help="TOML settings file")] = None,
    interval_secs: Annotated[float | None, typer.Option(help="pause between passes, s (default 5)")] = None,
    steps: Annotated[
        str | None,
        typer.Option(help="comma-separated steps (default all): " + ", ".join(s.name for s in STEPS)),
    ] = None,
    host: Annotated[str | None, typer.Option(help="/health and /metrics address")] = None,
    port: Annotated[
        int | None, typer.Option(help="/health and /metrics port (default 8790; 0: none)")
    ] = None,
    max_priority_fee: Annotated[int | None, typer.Option(help="cap, micro-lamports per CU")] = None,
    oracles: Annotated[
        str | None, typer.Option(help="oracle base URLs, comma-separated (node_sync's leaves and proofs)")
    ] = None,
    log_json: Annotated[bool | None, typer.Option("--log-json/--log-text", help="log format")] = None,
) -> None:
    """Crank until SIGTERM/SIGINT: mint ended epochs, time out silent runs, complete expired
    jobs, settle and finalize after the challenge window, execute slashes after their appeal
    windows, forfeit rewards after slashes, open reward accounts, sync nodes to the newest
    liveness root (leaves from --oracles) and accrue rewards (--keypair signs and pays the fees)."""
    options: Options = ctx.obj
    try:
        cfg = keeper_config.load(
            config,
            defaults={"rpc_url": options.url, "keypair": options.keypair},
            interval_secs=interval_secs, steps=steps, host=host, port=port,
            max_priority_fee=max_priority_fee, oracles=oracles, log_json=log_json,
        )  # fmt: skip
    except IonetError as err:
        raise fail(str(err)) from None
    run_daemon(cfg.log_json, lambda stop: service.run(cfg, stop))
