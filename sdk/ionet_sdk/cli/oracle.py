"""`ionet oracle run|root|proof`: the liveness oracle (docs/liveness.md)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from ionet_sdk import pda
from ionet_sdk.cli.common import Options, example, fail, fields_table, output, parse_pubkey, run_daemon
from ionet_sdk.errors import IonetError
from ionet_sdk.services.oracle import config as oracle_config
from ionet_sdk.services.oracle import service
from ionet_sdk.services.oracle.client import OracleClient

app = typer.Typer(
    help="The liveness oracle: signed heartbeats in, epoch roots and proofs out.", no_args_is_help=True
)
DEFAULT_ORACLE = "http://127.0.0.1:8787"


@app.command(
    "run",
    epilog=example(
        "ionet --url localnet --keypair oracle.json oracle run --db oracle.sqlite3",
        "ionet oracle run --config oracle.toml --log-json",
    ),
)
def run_command(  # noqa: PLR0917 (typer: one parameter per option)
    ctx: typer.Context,
    config: Annotated[Path | None, typer.Option("--config", "-c", help="TOML settings file")] = None,
    host: Annotated[str | None, typer.Option(help="listen address")] = None,
    port: Annotated[int | None, typer.Option(help="listen port (default 8787)")] = None,
    db: Annotated[Path | None, typer.Option(help="SQLite database file")] = None,
    genesis_time: Annotated[
        int | None, typer.Option(help="epoch 0's start, unix seconds (default: the IO token config)")
    ] = None,
    epoch_secs: Annotated[
        int | None, typer.Option(help="epoch length, seconds (default: the IO token config)")
    ] = None,
    coverage_secs: Annotated[float | None, typer.Option(help="presence credited per heartbeat, s")] = None,
    max_skew_secs: Annotated[float | None, typer.Option(help="allowed agent clock skew, s")] = None,
    chain_clock: Annotated[
        bool | None, typer.Option("--chain-clock", help="follow the chain's clock (warped localnet)")
    ] = None,
    log_json: Annotated[bool | None, typer.Option("--log-json/--log-text", help="log format")] = None,
) -> None:
    """Run the oracle until SIGTERM/SIGINT (the --keypair signs receipts and roots; --url
    is the cluster whose registry names each node's agent key)."""
    options: Options = ctx.obj
    try:
        cfg = oracle_config.load(
            config,
            defaults={"rpc_url": options.url, "keypair": options.keypair},
            host=host, port=port, db=db, genesis_time=genesis_time, epoch_secs=epoch_secs,
            coverage_secs=coverage_secs, max_skew_secs=max_skew_secs, chain_clock=chain_clock,
            log_json=log_json,
        )  # fmt: skip
    except IonetError as err:
        raise fail(str(err)) from None
    run_daemon(cfg.log_json, lambda stop: service.run(cfg, stop))


def _client_call(work: Any) -> Any:
    async def go() -> Any:
        return await work()

    try:
        return asyncio.run(go())
    except IonetError as err:
        raise fail(str(err).splitlines()[0]) from None


@app.command(
    "root",
    epilog=example(
        "ionet oracle root", "ionet --json oracle root --epoch 493000 --oracle http://127.0.0.1:8787"
    ),
)
def root_command(
    ctx: typer.Context,
    oracle: Annotated[str, typer.Option(help="the oracle's base URL")] = DEFAULT_ORACLE,
    epoch: Annotated[int | None, typer.Option(help="epoch (default: the latest closed)")] = None,
) -> None:
    """Print an epoch's root and the oracle's signed root statement: what the oracle votes
    on-chain (`liveness_root_commit`, sent by the service itself when its key is one of the
    registry's oracles) and what `liveness_equivocation` takes as evidence."""

    async def work() -> tuple[int, bytes, int, bytes] | None:
        async with OracleClient(oracle) as client:
            return await client.root(epoch)

    found = _client_call(work)
    if found is None:
        raise fail(f"epoch {'(latest)' if epoch is None else epoch} is not closed on {oracle}")
    number, root, count, statement = found
    data = {
        "epoch": number,
        "root": root.hex(),
        "leaf_count": count,
        "statement": statement.hex(),
        "pda": str(pda.epoch_root(number)),
    }
    table = Table(title=f"epoch {number}")
    table.add_column("field")
    table.add_column("value", overflow="fold")
    for key, value in data.items():
        table.add_row(key, str(value))
    output(ctx, data, table)


@app.command("proof", epilog=example("ionet oracle proof NODE --epoch 493000"))
def proof_command(
    ctx: typer.Context,
    node: str,
    epoch: Annotated[int, typer.Option(help="epoch")],
    oracle: Annotated[str, typer.Option(help="the oracle's base URL")] = DEFAULT_ORACLE,
) -> None:
    """Print a node's leaf and Merkle proof for an epoch, verified against the signed root."""
    address = parse_pubkey(node)

    async def work() -> Any:
        async with OracleClient(oracle) as client:
            return await client.node_proof(epoch, address)

    found = _client_call(work)
    if found is None:
        raise fail(f"no leaf for {address} in epoch {epoch} on {oracle}")
    leaf = found.leaf
    data = {
        "epoch": found.epoch,
        "root": found.root.hex(),
        "index": found.proof.index,
        "leaf_count": found.proof.leaf_count,
        "proof": found.proof.to_bytes().hex(),
        "leaf": found.leaf_bytes.hex(),
        **{k: str(getattr(leaf, k)) if k in ("node", "agent") else getattr(leaf, k) for k in leaf.__slots__},
    }
    if ctx.obj.json:
        typer.echo(json.dumps(data))
    else:
        output(ctx, data, fields_table(f"{address} in epoch {epoch}", leaf))
