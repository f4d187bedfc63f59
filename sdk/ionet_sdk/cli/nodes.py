"""`ionet node ...` (the registry's nodes) and `ionet stake ...` (their bonds)."""

from __future__ import annotations

import hashlib
from typing import Annotated, Any

import typer
from rich.table import Table
from solders.pubkey import Pubkey

from ionet_sdk import registry
from ionet_sdk._generated.ionet_registry.types import GpuModel, HardwareSpec, NodeAttestArgs, NodeStatus
from ionet_sdk.cli.common import (
    fail,
    fields_table,
    one_row,
    output,
    parse_amount,
    parse_cuda,
    parse_enum,
    parse_pubkey,
    plain,
    run,
    sent,
)
from ionet_sdk.client import IonetClient
from ionet_sdk.defaults import IO

node_app = typer.Typer(help="GPU nodes in the registry.", no_args_is_help=True)
stake_app = typer.Typer(help="Stake bonds.", no_args_is_help=True)

GPU_HELP = "H200, H100, A100, L40S, A6000, A5000, Rtx4090, Rtx3090"


def fingerprint(gpu_uuids: str, fallback: str) -> list[int]:
    """sha256 of the sorted GPU UUIDs (what a verifier reads through NVML)."""
    uuids = sorted(u.strip() for u in gpu_uuids.split(",") if u.strip())
    return list(hashlib.sha256("".join(uuids or [fallback]).encode()).digest())


def hardware(  # noqa: PLR0917 (one parameter per option)
    gpu: str, count: int, vram: int, cuda: str, region: str, bandwidth: int, gpu_uuids: str, fallback: str
) -> HardwareSpec:
    major, minor = parse_cuda(cuda)
    code = region.encode()
    if len(code) > 8 or not code.isascii():
        raise fail("region must be at most 8 ASCII characters")
    return HardwareSpec(
        gpu_model=parse_enum(GpuModel, gpu),
        gpu_count=count,
        vram_gb_per_gpu=vram,
        cuda_major=major,
        cuda_minor=minor,
        region=list(code.ljust(8, b"\0")),
        bandwidth_mbps=bandwidth,
        fingerprint=fingerprint(gpu_uuids, fallback),
    )


@node_app.command("list")
def node_list(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option(help="Registered, Verified, Active, Inactive, Jailed")] = None,
    gpu: Annotated[str | None, typer.Option(help=GPU_HELP)] = None,
    operator: Annotated[str | None, typer.Option(help="operator public key")] = None,
) -> None:
    """Nodes, filtered on the RPC node."""
    wanted_status = parse_enum(NodeStatus, status) if status else None
    wanted_gpu = parse_enum(GpuModel, gpu) if gpu else None
    wanted_operator = parse_pubkey(operator) if operator else None

    async def work(client: IonetClient) -> Any:
        return await client.nodes(status=wanted_status, gpu_model=wanted_gpu, operator=wanted_operator)

    nodes = run(ctx, work)
    table = Table("node", "operator", "GPUs", "status", "bonded (IO)", "reputation", title="nodes")
    for n in nodes:
        d = n.data
        table.add_row(
            str(n.address), str(d.operator), f"{d.declared.gpu_count}x {GpuModel(d.declared.gpu_model).name}",
            NodeStatus(d.status).name, f"{d.bonded / IO:,.2f}", f"{d.reputation_bps / 100:.1f}%",
        )  # fmt: skip
    output(ctx, [{"address": str(n.address), **plain(n.data)} for n in nodes], table)


@node_app.command("show")
def node_show(ctx: typer.Context, address: str) -> None:
    """One node's account."""
    key = parse_pubkey(address)

    async def work(client: IonetClient) -> Any:
        return await client.node(key)

    node = run(ctx, work)
    output(ctx, node, fields_table(f"node {key}", node))


@node_app.command("register")
def node_register(  # noqa: PLR0917 (typer: one parameter per option)
    ctx: typer.Context,
    node_id: Annotated[int, typer.Option(min=0, help="the operator's id for this node")],
    agent: Annotated[str, typer.Option(help="the worker agent's public key (signs heartbeats)")],
    gpu: Annotated[str, typer.Option(help=GPU_HELP)],
    count: Annotated[int, typer.Option(min=1, max=64, help="GPUs")] = 8,
    vram: Annotated[int, typer.Option(min=1, max=1024, help="GB per GPU")] = 80,
    cuda: Annotated[str, typer.Option(help="CUDA version")] = "12.4",
    region: Annotated[str, typer.Option(help="region code, up to 8 ASCII characters")] = "",
    bandwidth: Annotated[int, typer.Option(min=0, help="Mbit/s")] = 10_000,
    gpu_uuids: Annotated[str, typer.Option(help="the GPUs' UUIDs, comma-separated (hashed)")] = "",
) -> None:
    """Register a node (the --keypair is the operator) and create its stake vault."""
    agent_key = parse_pubkey(agent)
    spec = hardware(gpu, count, vram, cuda, region, bandwidth, gpu_uuids, f"{agent}-{node_id}")

    async def work(client: IonetClient) -> Pubkey:
        return await client.register_node(client.payer, node_id, agent_key, spec)

    address = run(ctx, work, signer=True)
    output(ctx, {"node": str(address)}, one_row("registered node", str(address)))


@node_app.command("update")
def node_update(  # noqa: PLR0917 (typer: one parameter per option)
    ctx: typer.Context,
    node: str,
    agent: Annotated[str | None, typer.Option(help="a new agent key")] = None,
    gpu: Annotated[str | None, typer.Option(help=f"new hardware: {GPU_HELP}")] = None,
    count: Annotated[int, typer.Option(min=1, max=64, help="GPUs (with --gpu)")] = 8,
    vram: Annotated[int, typer.Option(min=1, max=1024, help="GB per GPU (with --gpu)")] = 80,
    cuda: Annotated[str, typer.Option(help="CUDA version (with --gpu)")] = "12.4",
    region: Annotated[str, typer.Option(help="region code (with --gpu)")] = "",
    bandwidth: Annotated[int, typer.Option(min=0, help="Mbit/s (with --gpu)")] = 10_000,
    gpu_uuids: Annotated[str, typer.Option(help="the GPUs' UUIDs (with --gpu)")] = "",
) -> None:
    """Rotate the agent key and/or declare new hardware (clears the attestation); the
    --keypair is the operator."""
    key = parse_pubkey(node)
    agent_key = parse_pubkey(agent) if agent else None
    spec = hardware(gpu, count, vram, cuda, region, bandwidth, gpu_uuids, f"{node}-update") if gpu else None
    if agent_key is None and spec is None:
        raise fail("nothing to update: give --agent and/or --gpu")

    async def work(client: IonetClient) -> Any:
        return await client.update_node(client.payer, key, agent=agent_key, hardware=spec)

    sent(ctx, "node updated", run(ctx, work, signer=True))


@node_app.command("heartbeat")
def node_heartbeat(ctx: typer.Context, node: str) -> None:
    """Send a heartbeat (the --keypair is the node's agent)."""
    key = parse_pubkey(node)

    async def work(client: IonetClient) -> Any:
        return await client.heartbeat(client.payer, key)

    sent(ctx, "heartbeat", run(ctx, work, signer=True))


@node_app.command("attest")
def node_attest(  # noqa: PLR0917 (typer: one parameter per option)
    ctx: typer.Context,
    node: str,
    gpu: Annotated[str, typer.Option(help=f"measured model: {GPU_HELP}")],
    count: Annotated[int, typer.Option(min=1, max=64, help="measured GPUs")],
    vram: Annotated[int, typer.Option(min=1, max=1024, help="measured GB per GPU")],
    tflops: Annotated[int, typer.Option(min=0, help="measured dense FP16 TFLOPS per GPU")],
    rtt_us: Annotated[int, typer.Option(min=0, help="round trip to the verifier, microseconds")] = 1_000,
    packet_loss_bps: Annotated[int, typer.Option(min=0, max=10_000, help="packet loss, bps")] = 0,
    bandwidth: Annotated[int, typer.Option(min=0, help="measured Mbit/s")] = 10_000,
    gpu_uuids: Annotated[str, typer.Option(help="the GPUs' UUIDs read through NVML")] = "",
) -> None:
    """Record a verifier's measurement (the --keypair is a verifier): a model, count,
    VRAM or GPU-set mismatch jails the node and records spoofing evidence."""
    key = parse_pubkey(node)
    model = parse_enum(GpuModel, gpu)

    async def work(client: IonetClient) -> Any:
        declared = (await client.node(key)).declared
        measured = NodeAttestArgs(
            gpu_model=model,
            gpu_count=count,
            vram_gb_per_gpu=vram,
            measured_tflops=tflops,
            rtt_us=rtt_us,
            packet_loss_bps=packet_loss_bps,
            bandwidth_mbps=bandwidth,
            fingerprint=fingerprint(gpu_uuids, "") if gpu_uuids else declared.fingerprint,
        )
        await client.attest(client.payer, key, measured)
        return await client.node(key)

    after = run(ctx, work, signer=True)
    verdict = (
        "passed" if after.attestation.passed else f"FAILED (mismatch bits {after.attestation.mismatch:#04x})"
    )
    data = {"passed": bool(after.attestation.passed), "status": NodeStatus(after.status).name}
    output(ctx, data, one_row("attestation", f"{verdict}; node {NodeStatus(after.status).name}"))


# --- stake


@stake_app.command("deposit")
def stake_deposit(ctx: typer.Context, node: str, amount: str) -> None:
    """Bond AMOUNT IO into the node's vault (the --keypair is the operator)."""
    key, base = parse_pubkey(node), parse_amount(amount)

    async def work(client: IonetClient) -> Any:
        return await client.stake(client.payer, key, base)

    sent(ctx, f"bonded {amount} IO", run(ctx, work, signer=True))


@stake_app.command("unstake")
def stake_unstake(ctx: typer.Context, node: str, amount: str) -> None:
    """Start unbonding AMOUNT IO (slashable until withdrawn after the unbonding period)."""
    key, base = parse_pubkey(node), parse_amount(amount)

    async def work(client: IonetClient) -> Any:
        data, config = await client.node(key), await client.registry_config()
        minimum = registry.min_stake(config.params, data.effective_tier, data.declared.gpu_count)
        if data.bonded >= minimum > data.bonded - base:
            typer.echo(
                f"warning: {(data.bonded - base) / IO:g} IO stays bonded, below the node's minimum "
                f"of {minimum / IO:g} IO: it stops being eligible for jobs (Inactive)",
                err=True,
            )
        return await client.request_unstake(client.payer, key, base)

    sent(ctx, f"unbonding {amount} IO", run(ctx, work, signer=True))


@stake_app.command("rebond")
def stake_rebond(ctx: typer.Context, node: str) -> None:
    """Cancel unbonding: the amount is bonded again."""
    key = parse_pubkey(node)

    async def work(client: IonetClient) -> Any:
        return await client.rebond(client.payer, key)

    sent(ctx, "rebonded", run(ctx, work, signer=True))


@stake_app.command("withdraw")
def stake_withdraw(ctx: typer.Context, node: str) -> None:
    """Withdraw unbonded stake to the operator's IO account, once the period has passed."""
    key = parse_pubkey(node)

    async def work(client: IonetClient) -> Any:
        return await client.withdraw(client.payer, key)

    sent(ctx, "withdrawn", run(ctx, work, signer=True))


@stake_app.command("show")
def stake_show(ctx: typer.Context, node: str) -> None:
    """A node's bond: bonded, unbonding, slashed, its minimum."""
    key = parse_pubkey(node)

    async def work(client: IonetClient) -> dict[str, Any]:
        data, config = await client.node(key), await client.registry_config()
        return {
            "bonded": data.bonded,
            "unbonding": data.unbonding,
            "unbonding_ready_at": data.unbonding_ready_at,
            "slashed_total": data.slashed_total,
            "minimum": registry.min_stake(config.params, data.effective_tier, data.declared.gpu_count),
            "pending_slashes": data.pending_slashes,
        }

    figures = run(ctx, work)
    table = Table("figure", "value", title=f"stake of node {key}")
    for name, value in figures.items():
        shown = str(value) if name in {"unbonding_ready_at", "pending_slashes"} else f"{value / IO:,.2f} IO"
        table.add_row(name, shown)
    output(ctx, figures, table)
