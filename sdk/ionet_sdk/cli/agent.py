"""`ionet agent run|probe|register|heartbeat`: the worker agent (GPU discovery through
NVML, proof-of-compute challenges, signed off-chain heartbeats)."""

from __future__ import annotations

import asyncio
import logging
import shlex
import signal
from pathlib import Path
from typing import Annotated, Any

import typer

from ionet_sdk.cli.common import (
    Options,
    example,
    fail,
    load_or_fail,
    model_name,
    one_row,
    output,
    parse_gpu,
    parse_pubkey,
    run,
    run_daemon,
    table,
)
from ionet_sdk.cli.nodes import hardware as spec_of
from ionet_sdk.client import IonetClient
from ionet_sdk.errors import IonetError
from ionet_sdk.registry import GPU_TIERS
from ionet_sdk.services.agent import heartbeat
from ionet_sdk.services.agent import service as agent_service
from ionet_sdk.services.agent.gpus import HardwareReport, NoGpuError, discover, simulated

app = typer.Typer(
    help="The worker agent: GPU discovery, proof-of-compute challenges, heartbeats.", no_args_is_help=True
)
SIMULATE = Annotated[
    bool, typer.Option("--simulate", help="report made-up GPUs, marked simulated (tests, demos)")
]
SIM_MODEL = Annotated[str, typer.Option(help="simulated GPU model (registry name, e.g. H100, Other)")]


@app.command(
    "run",
    epilog=example(
        "ionet --url localnet --keypair agent.json agent run --node NODE --oracles http://127.0.0.1:8787",
        "ionet --keypair agent.json agent run --config agent.toml --log-json",
    ),
)
def run_command(  # noqa: PLR0917 (typer: one parameter per option)
    ctx: typer.Context,
    config: Annotated[Path | None, typer.Option("--config", "-c", help="TOML settings file")] = None,
    node: Annotated[str | None, typer.Option(help="the node account this agent serves")] = None,
    host: Annotated[str | None, typer.Option(help="listen address")] = None,
    port: Annotated[int | None, typer.Option(help="listen port (default 8788)")] = None,
    oracles: Annotated[str | None, typer.Option(help="oracle URLs, comma-separated")] = None,
    heartbeat_secs: Annotated[float | None, typer.Option(help="seconds between heartbeats")] = None,
    backend: Annotated[str | None, typer.Option(help="auto, cuda or cpu")] = None,
    watch_runs: Annotated[
        bool | None, typer.Option("--watch-runs", help="start assigned runs, send usage receipts")
    ] = None,
    simulate: Annotated[
        bool | None, typer.Option("--simulate", help="report made-up GPUs, marked simulated")
    ] = None,
    sim_model: Annotated[str | None, typer.Option(help="simulated GPU model")] = None,
    sim_count: Annotated[int | None, typer.Option(help="simulated GPUs")] = None,
    chain_clock: Annotated[
        bool | None, typer.Option("--chain-clock", help="heartbeats timed by the chain's clock")
    ] = None,
    log_json: Annotated[bool | None, typer.Option("--log-json/--log-text", help="log format")] = None,
) -> None:
    """Run the agent until SIGTERM/SIGINT (the --keypair is the node's agent hot key): serve
    proof-of-compute challenges and send heartbeats. Without NVML or a GPU it exits 1 with
    one line, unless --simulate."""
    options: Options = ctx.obj
    try:
        cfg = agent_service.load(
            config,
            defaults={"keypair": options.keypair, "rpc_url": options.url},
            node=node, host=host, port=port, oracles=oracles, heartbeat_secs=heartbeat_secs,
            backend=backend, watch_runs=watch_runs, simulate=simulate, sim_model=sim_model,
            sim_count=sim_count, chain_clock=chain_clock, log_json=log_json,
        )  # fmt: skip
        report = agent_service.hardware(cfg)
    except IonetError as err:
        raise fail(str(err).splitlines()[0], kind=type(err).__name__) from None
    run_daemon(cfg.log_json, lambda stop: agent_service.run(cfg, stop, report))


def _report(simulate: bool, sim_model: str, count: int) -> HardwareReport:
    if simulate:
        return simulated(parse_gpu(sim_model), count)
    try:
        return discover()
    except NoGpuError as err:
        raise fail(str(err), kind="NoGpuError") from None


@app.command("probe", epilog=example("ionet agent probe", "ionet --json agent probe --simulate"))
def probe_command(
    ctx: typer.Context,
    simulate: SIMULATE = False,
    sim_model: SIM_MODEL = "Other",
    sim_count: Annotated[int, typer.Option(min=1, max=64, help="simulated GPUs")] = 1,
) -> None:
    """What NVML sees: each GPU's name, UUID and memory, the registry model it maps to, the
    driver and CUDA versions, the hardware fingerprint. Exits 1 without NVML or a GPU."""
    report = _report(simulate, sim_model, sim_count)
    view = table(
        "#", "name", "uuid", "memory GiB", title="GPUs" + (" (SIMULATED)" if report.simulated else "")
    )
    for g in report.gpus:
        view.add_row(str(g.index), g.name, g.uuid, f"{g.memory_bytes / (1 << 30):.1f}")
    view.caption = (
        f"model {model_name(report.model)} (tier {GPU_TIERS[report.model].name}), {report.count} GPUs, "
        f"{report.vram_gb_per_gpu} GB each; driver {report.driver_version}, "
        f"CUDA {report.cuda_version[0]}.{report.cuda_version[1]}; fingerprint {report.fingerprint.hex()}"
    )
    output(ctx, report.to_json(), view)


@app.command(
    "register",
    epilog=example(
        "ionet --keypair agent.json agent register --node-id 1 --region us-east",
        "ionet --keypair agent.json agent register --node-id 1 --operator operator.json",
    ),
)
def register_command(  # noqa: PLR0917 (typer: one parameter per option)
    ctx: typer.Context,
    node_id: Annotated[int, typer.Option(min=0, help="the operator's node number")],
    operator: Annotated[
        Path | None, typer.Option(help="the operator's key file: sign and send (default: print the command)")
    ] = None,
    region: Annotated[str | None, typer.Option(help="region code")] = None,
    bandwidth: Annotated[int, typer.Option(min=0, help="Mbit/s")] = 10_000,
    simulate: SIMULATE = False,
    sim_model: SIM_MODEL = "Other",
    sim_count: Annotated[int, typer.Option(min=1, max=64, help="simulated GPUs")] = 1,
) -> None:
    """Register this machine's GPUs as a node whose agent is the --keypair: prints the
    `ionet node register` command for the operator's (cold) key, or with --operator signs
    and sends it (the operator pays the bond and rent)."""
    options: Options = ctx.obj
    agent = load_or_fail(options.keypair)
    report = _report(simulate, sim_model, sim_count)
    if report.model.name == "Other" and not simulate:
        raise fail(f"no registry model for {report.gpus[0].name!r}: the registry lists the models it prices")
    args = [
        "--node-id", str(node_id), "--agent-pubkey", str(agent.pubkey()), "--yes",
        "--gpu", model_name(report.model), "--count", str(report.count),
        "--vram", str(report.vram_gb_per_gpu),
        "--cuda", f"{report.cuda_version[0]}.{report.cuda_version[1]}", "--bandwidth", str(bandwidth),
        "--gpu-uuids", ",".join(report.uuids),
    ]  # fmt: skip
    if region:
        args += ["--region", region]
    if operator is None:
        command = shlex.join(
            ["ionet", "--url", options.url, "--keypair", "OPERATOR.json", "node", "register", *args]
        )
        output(
            ctx,
            {"command": command, "simulated": report.simulated, "fingerprint": report.fingerprint.hex()},
            one_row("run with the operator key", command),
        )
        return
    spec = spec_of(
        model_name(report.model), report.count, report.vram_gb_per_gpu,
        f"{report.cuda_version[0]}.{report.cuda_version[1]}", region, bandwidth, ",".join(report.uuids), "",
    )  # fmt: skip
    operator_key = load_or_fail(operator)

    async def work(client: IonetClient) -> Any:
        # the operator pays: a client whose payer is the operator key
        operator_client = IonetClient(client.conn, operator_key)
        return await operator_client.register_node(operator_key, node_id, agent.pubkey(), spec)

    address = run(ctx, work)
    output(
        ctx,
        {"node": str(address), "agent": str(agent.pubkey()), "simulated": report.simulated},
        one_row("registered node", f"{address} ({report.count}x {model_name(report.model)})"),
    )


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
