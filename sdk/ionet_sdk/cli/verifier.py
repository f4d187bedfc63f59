"""`ionet verifier run|challenge`: the proof-of-compute verifier (docs/compute-proof.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ionet_sdk.cli.common import Options, example, fail, fields_table, output, parse_pubkey, run, run_daemon
from ionet_sdk.client import IonetClient
from ionet_sdk.errors import IonetError
from ionet_sdk.services.verifier import challenge as verifier_challenge
from ionet_sdk.services.verifier import service

app = typer.Typer(
    help="The proof-of-compute verifier: challenges agents, attests nodes on-chain.", no_args_is_help=True
)


@app.command(
    "run",
    epilog=example(
        "ionet --url localnet --keypair verifier.json verifier run --targets NODE=http://10.0.0.5:8788",
        "ionet verifier run --config verifier.toml --log-json",
    ),
)
def run_command(  # noqa: PLR0917 (typer: one parameter per option)
    ctx: typer.Context,
    config: Annotated[Path | None, typer.Option("--config", "-c", help="TOML settings file")] = None,
    targets: Annotated[str | None, typer.Option(help="NODE=AGENT_URL, comma-separated")] = None,
    host: Annotated[str | None, typer.Option(help="listen address")] = None,
    port: Annotated[int | None, typer.Option(help="listen port (default 8789)")] = None,
    interval_secs: Annotated[float | None, typer.Option(help="seconds between rounds")] = None,
    n: Annotated[int | None, typer.Option(help="matrix order (multiple of 64)")] = None,
    rounds: Annotated[int | None, typer.Option(help="rounds (0: from the declared model)")] = None,
    checks: Annotated[int | None, typer.Option(help="rows opened per challenge")] = None,
    allow_simulated: Annotated[
        bool | None, typer.Option("--allow-simulated", help="accept agents reporting simulated GPUs")
    ] = None,
    log_json: Annotated[bool | None, typer.Option("--log-json/--log-text", help="log format")] = None,
) -> None:
    """Challenge every target each interval and attest what was measured (the --keypair is
    one of the registry's verifiers), until SIGTERM/SIGINT."""
    options: Options = ctx.obj
    try:
        cfg = verifier_challenge.load(
            config,
            defaults={"rpc_url": options.url, "keypair": options.keypair},
            targets=targets, host=host, port=port, interval_secs=interval_secs, n=n, rounds=rounds,
            checks=checks, allow_simulated=allow_simulated, log_json=log_json,
        )  # fmt: skip
    except IonetError as err:
        raise fail(str(err)) from None
    run_daemon(cfg.log_json, lambda stop: service.run(cfg, stop))


@app.command(
    "challenge",
    epilog=example(
        "ionet --keypair verifier.json verifier challenge NODE --agent http://10.0.0.5:8788",
        "ionet --json verifier challenge NODE --agent URL --n 1024 --no-attest",
    ),
)
def challenge_command(  # noqa: PLR0917 (typer: one parameter per option)
    ctx: typer.Context,
    node: str,
    agent: Annotated[str, typer.Option(help="the node's agent URL")],
    config: Annotated[Path | None, typer.Option("--config", "-c", help="TOML settings file")] = None,
    n: Annotated[int | None, typer.Option(help="matrix order (multiple of 64)")] = None,
    rounds: Annotated[int | None, typer.Option(help="rounds (0: from the declared model)")] = None,
    checks: Annotated[int | None, typer.Option(help="rows opened")] = None,
    attest: Annotated[bool | None, typer.Option("--attest/--no-attest", help="submit node_attest")] = None,
    allow_simulated: Annotated[
        bool | None, typer.Option("--allow-simulated", help="accept agents reporting simulated GPUs")
    ] = None,
    evidence_dir: Annotated[
        Path | None, typer.Option(help="where a failed challenge's evidence goes")
    ] = None,
) -> None:
    """One challenge of NODE through its agent, with the figures; attests unless --no-attest
    (the --keypair is a verifier). Exits 1 when the challenge failed."""
    options: Options = ctx.obj
    address = parse_pubkey(node)
    try:
        cfg = verifier_challenge.load(
            config,
            defaults={"rpc_url": options.url, "keypair": options.keypair},
            n=n, rounds=rounds, checks=checks, attest=attest, allow_simulated=allow_simulated,
            evidence_dir=evidence_dir,
        )  # fmt: skip
    except IonetError as err:
        raise fail(str(err)) from None

    async def work(client: IonetClient) -> Any:
        return await verifier_challenge.challenge_node(client, client.payer, address, agent, cfg)

    result = run(ctx, work, signer=True)
    output(ctx, result.to_json(), fields_table(f"challenge of {node}", result.to_json()))
    if not result.passed:
        raise typer.Exit(1)
