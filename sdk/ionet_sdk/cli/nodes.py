"""`ionet node ...` (the registry's nodes) and `ionet stake ...` (their bonds)."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from solders.pubkey import Pubkey

from ionet_sdk import pda, registry
from ionet_sdk._generated.ionet_registry.types import GpuModel, HardwareSpec, NodeAttestArgs, NodeStatus
from ionet_sdk.cli.common import (
    NEGATIVE_NUMBERS,
    U16,
    U32,
    U64,
    example,
    fail,
    fields_table,
    gpu_models_help,
    gpu_names,
    load_or_fail,
    model_name,
    note,
    one_row,
    output,
    parse_amount,
    parse_cuda,
    parse_enum,
    parse_gpu,
    parse_pubkey,
    plain,
    run,
    sent,
    table,
)
from ionet_sdk.cli.view import ZERO_TIME, array_lengths, io, mismatch_names, percent, when
from ionet_sdk.client import IonetClient
from ionet_sdk.services.oracle.client import NoSyncError, find_sync

node_app = typer.Typer(help="GPU nodes in the registry.", no_args_is_help=True)
stake_app = typer.Typer(help="Stake bonds.", no_args_is_help=True)

GPU_HELP = f"GPU model: {', '.join(gpu_names())} (any case and spacing: 'RTX 4090', rtx4090)"
NODE_ID = Annotated[int, typer.Option(min=0, max=U64, help="the operator's id for this node (u64)")]
NODE_EXAMPLE = "$NODE is a node's address (ionet node address --node-id 1)"


def fingerprint(gpu_uuids: str, fallback: str) -> list[int]:
    """The SDK's hardware fingerprint of the comma-separated GPU UUIDs (what a verifier
    reads through NVML), or of `fallback` when none are given."""
    uuids = [u for u in gpu_uuids.split(",") if u.strip()]
    return registry.hardware_fingerprint(uuids or [fallback])


def hardware(  # noqa: PLR0917 (one parameter per option)
    gpu: str,
    count: int,
    vram: int | None,
    cuda: str,
    region: str | None,
    bandwidth: int,
    gpu_uuids: str,
    fallback: str,
) -> HardwareSpec:
    """The declared hardware; VRAM defaults to the model's (`registry.DEFAULT_VRAM_GB`)."""
    model = parse_gpu(gpu)
    if vram is None:
        if model not in registry.DEFAULT_VRAM_GB:
            raise fail(f"--vram is required for GPU model {model_name(model)} (no default)")
        vram = registry.DEFAULT_VRAM_GB[model]
    major, minor = parse_cuda(cuda)
    code = parse_region(region)
    return HardwareSpec(
        gpu_model=model,
        gpu_count=count,
        vram_gb_per_gpu=vram,
        cuda_major=major,
        cuda_minor=minor,
        region=list(code.ljust(REGION_WIDTH, b"\0")),
        bandwidth_mbps=bandwidth,
        fingerprint=fingerprint(gpu_uuids, fallback),
    )


REGION_WIDTH = array_lengths(HardwareSpec)["region"]


def parse_region(region: str | None) -> bytes:
    """A region code: printable ASCII without surrounding spaces, 1 to the on-chain width
    (`HardwareSpec.region`, 8 bytes); none given, no region (all zero)."""
    if region is None:
        return b""
    if not re.fullmatch(r"[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?", region) or len(region) > REGION_WIDTH:
        raise fail(
            f"--region {region!a}: a region code is 1 to {REGION_WIDTH} printable ASCII "
            "characters (e.g. us-east)"
        )
    return region.encode()


def agent_key(agent: Path | None, agent_pubkey: str | None, yes: bool, *, required: bool) -> Pubkey | None:
    """The agent's public key, from its keypair file (which proves someone holds it) or,
    explicitly confirmed, from a bare public key. A typo'd key would register the node to
    a key nobody holds: its heartbeats could never be signed."""
    if agent is not None and agent_pubkey is not None:
        raise fail("give the agent as --agent FILE or --agent-pubkey KEY, not both")
    if agent is not None:
        if not agent.expanduser().exists():
            try:
                Pubkey.from_string(str(agent))
            except ValueError:
                pass
            else:
                raise fail(
                    f"--agent takes the agent's keypair file, which proves the key is held; "
                    f"for a public key alone: --agent-pubkey {agent} --yes"
                )
        return load_or_fail(agent).pubkey()
    if agent_pubkey is None:
        if required:
            raise fail("give the agent: --agent FILE (its keypair file) or --agent-pubkey KEY --yes")
        return None
    key = parse_pubkey(agent_pubkey)
    if not key.is_on_curve():
        raise fail(f"{key} is not an ed25519 public key (off the curve): no one can sign for it")
    if yes:
        return key
    if sys.stdin.isatty() and typer.confirm(
        f"The agent {key} must sign every heartbeat; ionet cannot check that anyone holds it. Use it?"
    ):
        return key
    raise fail(
        f"--agent-pubkey {key}: ionet cannot check that anyone holds this key; pass the agent's "
        "keypair file as --agent FILE, or confirm the key with --yes"
    )


AGENT = Annotated[
    Path | None, typer.Option(help="the worker agent's keypair file (it signs heartbeats; proves it is held)")
]
AGENT_PUBKEY = Annotated[
    str | None, typer.Option(help="the agent's public key alone, when its keypair is elsewhere (needs --yes)")
]
YES = Annotated[bool, typer.Option("--yes", "-y", help="confirm an --agent-pubkey that cannot be checked")]


def status_name(value: Any) -> str:
    return NodeStatus(value).name


LIST_EXAMPLE = example("ionet node list --status active --gpu H100", "ionet node list --json")


@node_app.command("list", epilog=LIST_EXAMPLE)
def node_list(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option(help="Registered, Verified, Active, Inactive, Jailed")] = None,
    gpu: Annotated[str | None, typer.Option(help=GPU_HELP)] = None,
    operator: Annotated[str | None, typer.Option(help="operator public key")] = None,
) -> None:
    """Nodes, filtered on the RPC node."""
    wanted_status = parse_enum(NodeStatus, status) if status else None
    wanted_gpu = parse_gpu(gpu) if gpu else None
    wanted_operator = parse_pubkey(operator) if operator else None

    async def work(client: IonetClient) -> Any:
        return await client.nodes(status=wanted_status, gpu_model=wanted_gpu, operator=wanted_operator)

    nodes = run(ctx, work)
    shown = table("node", "operator", "GPUs", "status", "bonded", "reputation", title="nodes")
    for n in nodes:
        d = n.data
        shown.add_row(
            str(n.address), str(d.operator),
            f"{d.declared.gpu_count}x {model_name(GpuModel(d.declared.gpu_model))}",
            status_name(d.status), io(d.bonded), percent(d.reputation_bps),
        )  # fmt: skip
    output(ctx, [{"address": str(n.address), **plain(n.data)} for n in nodes], shown)


@node_app.command("show", epilog=example("ionet node show $NODE", NODE_EXAMPLE))
def node_show(ctx: typer.Context, address: str) -> None:
    """One node's account: status, hardware, stake, attestation, times (against the
    cluster's clock)."""
    key = parse_pubkey(address)

    async def work(client: IonetClient) -> Any:
        return await client.node(key), (await client.conn.get_clock()).unix_timestamp

    node, now = run(ctx, work)
    lead = ("status", "operator", "agent", "declared.", "bonded", "unbonding", "reputation_bps", "uptime_bps")
    output(ctx, {"address": str(key), **plain(node)}, fields_table(f"node {key}", node, now, lead))


@node_app.command("address", epilog=example("NODE=$(ionet node address --node-id 1)"))
def node_address(
    ctx: typer.Context,
    node_id: NODE_ID,
    operator: Annotated[str | None, typer.Option(help="the operator (default: the --keypair's key)")] = None,
) -> None:
    """A node's address (the PDA of its operator and id), printed alone: for scripts."""
    owner = parse_pubkey(operator) if operator else load_or_fail(ctx.obj.keypair).pubkey()
    address = pda.node(owner, node_id)
    if ctx.obj.json:
        output(ctx, {"node": str(address)}, one_row("", ""))
    else:
        typer.echo(str(address))


SYNC_EXAMPLE = example(
    "ionet node sync $NODE --oracle http://127.0.0.1:8787",
    "ionet node sync $NODE --oracle http://127.0.0.1:8787 --epoch 493000",
)


@node_app.command("sync", epilog=SYNC_EXAMPLE)
def node_sync(
    ctx: typer.Context,
    node: str,
    oracle: Annotated[str, typer.Option(help="an oracle's base URL: serves the leaf and its proof")],
    epoch: Annotated[
        int | None, typer.Option(help="the epoch to sync to (default: the latest whose root is in effect)")
    ] = None,
    lookback: Annotated[int, typer.Option(help="epochs to look back for a root in effect")] = 8,
) -> None:
    """Bring a node's on-chain uptime, last sighting and reputation up to its liveness leaf in
    a committed epoch root (anyone may; the --keypair pays the fee)."""
    key = parse_pubkey(node)

    async def work(client: IonetClient) -> Any:
        try:
            plan = await find_sync(client, (oracle,), key, epoch=epoch, lookback=lookback)
        except NoSyncError as err:
            raise fail(str(err)) from None
        return await client.sync_node(key, plan.epoch, plan.leaf, plan.proof)

    sent(ctx, "node synced", run(ctx, work, signer=True))


@node_app.command(
    "register",
    help="Register a node (the --keypair is the operator) and create its stake vault.\n\n"
    + gpu_models_help(),
    epilog=example(
        'ionet node register --node-id 1 --agent agent.json --gpu "RTX 4090" --count 4 --region us-east',
        "ionet node register --node-id 2 --agent-pubkey AGENT_PUBKEY --yes --gpu a100 --vram 80",
    ),
)
def node_register(  # noqa: PLR0917 (typer: one parameter per option)
    ctx: typer.Context,
    node_id: NODE_ID,
    gpu: Annotated[str, typer.Option(help=GPU_HELP)],
    agent: AGENT = None,
    agent_pubkey: AGENT_PUBKEY = None,
    yes: YES = False,
    count: Annotated[int, typer.Option(min=1, max=64, help="GPUs")] = 8,
    vram: Annotated[
        int | None, typer.Option(min=1, max=1024, help="GB per GPU (default: the model's, listed above)")
    ] = None,
    cuda: Annotated[str, typer.Option(help="CUDA version")] = "12.4",
    region: Annotated[
        str | None, typer.Option(help="region code, 1 to 8 printable ASCII characters (default: none)")
    ] = None,
    bandwidth: Annotated[int, typer.Option(min=0, max=U32, help="Mbit/s")] = 10_000,
    gpu_uuids: Annotated[str, typer.Option(help="the GPUs' UUIDs, comma-separated (hashed)")] = "",
) -> None:
    key = agent_key(agent, agent_pubkey, yes, required=True)
    assert key is not None
    spec = hardware(gpu, count, vram, cuda, region, bandwidth, gpu_uuids, f"{key}-{node_id}")

    async def work(client: IonetClient) -> Pubkey:
        return await client.register_node(client.payer, node_id, key, spec)

    address = run(ctx, work, signer=True)
    model = model_name(GpuModel(spec.gpu_model))
    output(
        ctx,
        {"node": str(address), "agent": str(key), "declared": plain(spec)},
        one_row("registered node", f"{address}\n{spec.gpu_count}x {model}, {spec.vram_gb_per_gpu} GB each"),
    )


@node_app.command(
    "update",
    epilog=example(
        "ionet node update $NODE --agent new-agent.json", 'ionet node update $NODE --gpu "RTX 4090" --count 8'
    ),
)
def node_update(  # noqa: PLR0917 (typer: one parameter per option)
    ctx: typer.Context,
    node: str,
    agent: AGENT = None,
    agent_pubkey: AGENT_PUBKEY = None,
    yes: YES = False,
    gpu: Annotated[str | None, typer.Option(help=f"new hardware: {GPU_HELP}")] = None,
    count: Annotated[int, typer.Option(min=1, max=64, help="GPUs (with --gpu)")] = 8,
    vram: Annotated[
        int | None, typer.Option(min=1, max=1024, help="GB per GPU (with --gpu; default: the model's)")
    ] = None,
    cuda: Annotated[str, typer.Option(help="CUDA version (with --gpu)")] = "12.4",
    region: Annotated[str | None, typer.Option(help="region code (with --gpu; default: none)")] = None,
    bandwidth: Annotated[int, typer.Option(min=0, max=U32, help="Mbit/s (with --gpu)")] = 10_000,
    gpu_uuids: Annotated[str, typer.Option(help="the GPUs' UUIDs (with --gpu)")] = "",
) -> None:
    """Rotate the agent key and/or declare new hardware (clears the attestation); the
    --keypair is the operator."""
    key = parse_pubkey(node)
    new_agent = agent_key(agent, agent_pubkey, yes, required=False)
    spec = hardware(gpu, count, vram, cuda, region, bandwidth, gpu_uuids, f"{node}-update") if gpu else None
    if new_agent is None and spec is None:
        raise fail("nothing to update: give --agent and/or --gpu")

    async def work(client: IonetClient) -> Any:
        return await client.update_node(client.payer, key, agent=new_agent, hardware=spec)

    sent(ctx, "node updated", run(ctx, work, signer=True))


@node_app.command(
    "attest",
    epilog=example('ionet node attest $NODE --gpu "RTX 4090" --count 4 --vram 24 --tflops 165', NODE_EXAMPLE),
)
def node_attest(  # noqa: PLR0917 (typer: one parameter per option)
    ctx: typer.Context,
    node: str,
    gpu: Annotated[str, typer.Option(help=f"measured {GPU_HELP}")],
    count: Annotated[int, typer.Option(min=1, max=64, help="measured GPUs")],
    vram: Annotated[int, typer.Option(min=1, max=U16, help="measured GB per GPU")],
    tflops: Annotated[int, typer.Option(min=0, max=U32, help="measured dense FP16 TFLOPS per GPU")],
    rtt_us: Annotated[int, typer.Option(min=0, max=U32, help="round trip to the verifier, µs")] = 1_000,
    packet_loss_bps: Annotated[int, typer.Option(min=0, max=10_000, help="packet loss, bps")] = 0,
    bandwidth: Annotated[int, typer.Option(min=0, max=U32, help="measured Mbit/s")] = 10_000,
    gpu_uuids: Annotated[str, typer.Option(help="the GPUs' UUIDs read through NVML")] = "",
) -> None:
    """Record a verifier's measurement (the --keypair is a verifier): a model, count,
    VRAM or GPU-set mismatch jails the node and records spoofing evidence."""
    key = parse_pubkey(node)
    model = parse_gpu(gpu)

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
        "passed"
        if after.attestation.passed
        else f"FAILED ({', '.join(mismatch_names(after.attestation.mismatch))} mismatched)"
    )
    data: dict[str, Any] = {"passed": bool(after.attestation.passed), "status": status_name(after.status)}
    if not after.attestation.passed:
        data["mismatch"] = mismatch_names(after.attestation.mismatch)
    output(ctx, data, one_row("attestation", f"{verdict}; node {status_name(after.status)}"))


# --- stake


@stake_app.command(
    "deposit",
    epilog=example("ionet stake deposit $NODE 800", NODE_EXAMPLE),
    context_settings=NEGATIVE_NUMBERS,
)
def stake_deposit(ctx: typer.Context, node: str, amount: Annotated[str, typer.Argument(help="IO")]) -> None:
    """Bond AMOUNT IO into the node's vault (the --keypair is the operator). Notes on stderr
    when the bond is still below the node's minimum (it stays Registered/Verified/Inactive)."""
    key, base = parse_pubkey(node), parse_amount(amount)

    async def work(client: IonetClient) -> tuple[Any, int, int]:
        result = await client.stake(client.payer, key, base)
        data, config = await client.node(key), await client.registry_config()
        minimum = registry.min_stake(config.params, data.effective_tier, data.declared.gpu_count)
        return result, data.bonded, minimum

    result, bonded, minimum = run(ctx, work, signer=True)
    if bonded < minimum:
        note(
            f"the node's bond, {io(bonded)}, is below its minimum of {io(minimum)}: it cannot become "
            f"Active until {io(minimum - bonded)} more is bonded"
        )
    sent(ctx, f"bonded {io(base)}", result)


@stake_app.command(
    "unstake",
    epilog=example("ionet stake unstake $NODE 100", NODE_EXAMPLE),
    context_settings=NEGATIVE_NUMBERS,
)
def stake_unstake(ctx: typer.Context, node: str, amount: Annotated[str, typer.Argument(help="IO")]) -> None:
    """Start unbonding AMOUNT IO (slashable until withdrawn after the unbonding period)."""
    key, base = parse_pubkey(node), parse_amount(amount)

    async def work(client: IonetClient) -> Any:
        data, config = await client.node(key), await client.registry_config()
        minimum = registry.min_stake(config.params, data.effective_tier, data.declared.gpu_count)
        if data.bonded >= minimum > data.bonded - base:
            typer.echo(
                f"warning: {io(data.bonded - base)} stays bonded, below the node's minimum "
                f"of {io(minimum)}: it stops being eligible for jobs (Inactive)",
                err=True,
            )
        return await client.request_unstake(client.payer, key, base)

    sent(ctx, f"unbonding {io(base)}", run(ctx, work, signer=True))


@stake_app.command("rebond", epilog=example("ionet stake rebond $NODE", NODE_EXAMPLE))
def stake_rebond(ctx: typer.Context, node: str) -> None:
    """Cancel unbonding: the amount is bonded again."""
    key = parse_pubkey(node)

    async def work(client: IonetClient) -> Any:
        return await client.rebond(client.payer, key)

    sent(ctx, "rebonded", run(ctx, work, signer=True))


@stake_app.command("withdraw", epilog=example("ionet stake withdraw $NODE", NODE_EXAMPLE))
def stake_withdraw(ctx: typer.Context, node: str) -> None:
    """Withdraw unbonded stake to the operator's IO account, once the period has passed."""
    key = parse_pubkey(node)

    async def work(client: IonetClient) -> Any:
        return await client.withdraw(client.payer, key)

    sent(ctx, "withdrawn", run(ctx, work, signer=True))


@stake_app.command("show", epilog=example("ionet stake show $NODE", NODE_EXAMPLE))
def stake_show(ctx: typer.Context, node: str) -> None:
    """A node's bond: bonded, unbonding (and when it can be withdrawn), slashed, its minimum."""
    key = parse_pubkey(node)

    async def work(client: IonetClient) -> tuple[dict[str, int], int]:
        data, config = await client.node(key), await client.registry_config()
        now = (await client.conn.get_clock()).unix_timestamp
        figures = {
            "bonded": data.bonded,
            "unbonding": data.unbonding,
            "unbonding_ready_at": data.unbonding_ready_at,
            "slashed_total": data.slashed_total,
            "minimum": registry.min_stake(config.params, data.effective_tier, data.declared.gpu_count),
            "pending_slashes": data.pending_slashes,
        }
        return figures, now

    figures, now = run(ctx, work)
    shown = table("figure", "value", title=f"stake of node {key}")
    for name, value in figures.items():
        if name == "unbonding_ready_at":
            shown.add_row("unbonding ready", when(value, now) if figures["unbonding"] else "-")
        elif name == "pending_slashes":
            shown.add_row("pending slashes", str(value))
        else:
            shown.add_row(name.replace("_", " "), io(value))
    data: dict[str, Any] = dict(figures)
    if not figures["unbonding_ready_at"]:  # 0: nothing is unbonding
        data |= {"unbonding_ready_at": None, "unbonding_ready_at_reason": ZERO_TIME}
    output(ctx, data, shown)
