"""`ionet`: the command line for operators, clients and authorities.

    ionet [--url localnet|devnet|mainnet-beta|URL] [--keypair FILE] [--json] COMMAND

Human output is rich tables; `--json` prints machine-readable JSON. Bad input
(unknown GPU model, negative amounts, malformed keys, a missing keypair file,
an unreachable RPC, a program error) is one line on stderr and exit status 1,
never a traceback.
"""

from __future__ import annotations

import asyncio
import dataclasses
import enum
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk import demo, spl, token
from ionet_sdk._generated.ionet_escrow.types import JobSpec, JobState
from ionet_sdk._generated.ionet_registry.types import GpuModel, HardwareSpec, NodeStatus
from ionet_sdk.client import IonetClient
from ionet_sdk.cluster import DEFAULT_KEYPAIR, cluster_url, load_keypair, save_keypair
from ionet_sdk.defaults import IO
from ionet_sdk.deploy import Plan
from ionet_sdk.deploy import deploy as deploy_migration
from ionet_sdk.economics import period
from ionet_sdk.errors import ConfigError, IonetError
from ionet_sdk.localnet import LocalValidator
from ionet_sdk.rpc import RpcConnection

T = TypeVar("T")
app = typer.Typer(help=__doc__, no_args_is_help=True, pretty_exceptions_enable=False)
localnet_app = typer.Typer(help="A local validator process (ionet localnet).", no_args_is_help=True)
node_app = typer.Typer(help="GPU nodes in the registry.", no_args_is_help=True)
job_app = typer.Typer(help="Jobs in the escrow.", no_args_is_help=True)
token_app = typer.Typer(help="The IO token.", no_args_is_help=True)
params_app = typer.Typer(help="Economic parameters (time-locked).", no_args_is_help=True)
stake_app = typer.Typer(help="Stake bonds.", no_args_is_help=True)
rewards_app = typer.Typer(help="Emissions and operator rewards.", no_args_is_help=True)
for sub, name in ((localnet_app, "localnet"), (node_app, "node"), (job_app, "job"), (token_app, "token"),
                  (params_app, "params"), (stake_app, "stake"), (rewards_app, "rewards")):  # fmt: skip
    app.add_typer(sub, name=name)

LOCALNET_DIR = Path(".localnet")
# Tables stay readable in logs and pipes, where rich would assume 80 columns.
console = Console(width=None if sys.stdout.isatty() else 120)


@dataclasses.dataclass
class Options:
    url: str
    keypair: Path
    json: bool


@app.callback()
def main(
    ctx: typer.Context,
    url: Annotated[
        str, typer.Option("--url", "-u", help="localnet, devnet, mainnet-beta or a URL")
    ] = "localnet",
    keypair: Annotated[
        Path, typer.Option("--keypair", "-k", help="Solana CLI keypair file")
    ] = DEFAULT_KEYPAIR,
    as_json: Annotated[bool, typer.Option("--json", help="machine-readable output")] = False,
) -> None:
    ctx.obj = Options(url=url, keypair=keypair, json=as_json)


def fail(message: str) -> typer.Exit:
    typer.echo(f"ionet: error: {message}", err=True)
    return typer.Exit(1)


def run(ctx: typer.Context, work: Callable[[IonetClient], Awaitable[T]], *, signer: bool = False) -> T:
    """Run `work` with a client on the chosen cluster; typed errors become one line."""
    options: Options = ctx.obj

    async def go() -> T:
        payer = load_keypair(options.keypair) if signer else Keypair()
        conn = RpcConnection(cluster_url(options.url), retries=1)
        try:
            return await work(IonetClient(conn, payer))
        finally:
            await conn.close()

    try:
        return asyncio.run(go())
    except (IonetError, ValueError) as err:
        raise fail(str(err).splitlines()[0]) from None


def plain(value: Any) -> Any:
    """A dataclass / Pubkey / enum tree as JSON-ready values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Pubkey):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def output(ctx: typer.Context, data: Any, table: Table) -> None:
    if ctx.obj.json:
        typer.echo(json.dumps(plain(data), indent=2))
    else:
        console.print(table)


def parse_pubkey(text: str) -> Pubkey:
    try:
        return Pubkey.from_string(text)
    except ValueError:
        raise fail(f"{text!r} is not a valid public key (base58, 32 bytes)") from None


def parse_enum(kind: type[enum.IntEnum], text: str) -> Any:
    for member in kind:
        if member.name.lower() == text.lower():
            return member
    raise fail(f"unknown {kind.__name__} {text!r}: one of {', '.join(m.name for m in kind)}")


# --- localnet


def _state_file() -> Path:
    return LOCALNET_DIR / "state.json"


@localnet_app.command("start")
def localnet_start(
    port: Annotated[int, typer.Option(help="RPC port")] = 8899,
    authority: Annotated[
        Path | None, typer.Option(help="upgrade authority keypair (default: created)")
    ] = None,
) -> None:
    """Start the LiteSVM-backed validator in the background (state in ./.localnet)."""
    if _state_file().exists():
        raise fail(f"a localnet is already recorded in {_state_file()}: ionet localnet stop")
    LOCALNET_DIR.mkdir(exist_ok=True)
    keypair = load_keypair(authority) if authority else Keypair()
    authority_file = save_keypair(keypair, LOCALNET_DIR / "upgrade-authority.json")
    validator = LocalValidator(
        kind="ionet", ledger=LOCALNET_DIR.resolve(), port=port, upgrade_authority=keypair
    )
    log = (LOCALNET_DIR / "validator.log").open("ab")
    process = subprocess.Popen(
        validator.command(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    for _ in range(100):
        if validator.healthy():
            break
        if process.poll() is not None:
            raise fail(f"the validator exited ({process.returncode}): see {LOCALNET_DIR / 'validator.log'}")
        time.sleep(0.1)
    else:
        process.terminate()
        raise fail("the validator did not answer getHealth within 10 s")
    _state_file().write_text(
        json.dumps({"pid": process.pid, "url": validator.url, "authority": str(authority_file)})
    )
    typer.echo(f"localnet running at {validator.url} (pid {process.pid}); upgrade authority {authority_file}")


@localnet_app.command("stop")
def localnet_stop() -> None:
    """Stop the background validator (terminate, then kill)."""
    if not _state_file().exists():
        raise fail("no localnet is running here (no .localnet/state.json)")
    pid = int(json.loads(_state_file().read_text())["pid"])
    try:
        os.kill(pid, signal.SIGTERM)
        for _ in range(50):
            os.kill(pid, 0)
            time.sleep(0.1)
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    _state_file().unlink()
    typer.echo(f"localnet stopped (pid {pid})")


@localnet_app.command("status")
def localnet_status(ctx: typer.Context) -> None:
    """Whether the validator at --url answers."""

    async def work(client: IonetClient) -> int:
        return (await client.conn.get_clock()).slot

    slot = run(ctx, work)
    typer.echo(f"{cluster_url(ctx.obj.url)}: healthy, slot {slot}")


# --- deploy


@app.command()
def deploy(
    ctx: typer.Context,
    admin: Annotated[Path | None, typer.Option(help="admin keypair (default: --keypair)")] = None,
    matcher: Annotated[str | None, typer.Option(help="the matching authority (default: admin)")] = None,
    arbiter: Annotated[str | None, typer.Option(help="the dispute arbiter (default: admin)")] = None,
    verifier: Annotated[list[str] | None, typer.Option(help="a hardware verifier (repeatable)")] = None,
) -> None:
    """Initialize or verify the IO token, registry and escrow (the deploy migration)."""
    plan = Plan(
        deployer=load_or_fail(ctx.obj.keypair),
        admin=load_or_fail(admin or ctx.obj.keypair),
        matcher=parse_pubkey(matcher) if matcher else None,
        arbiter=parse_pubkey(arbiter) if arbiter else None,
        verifiers=[parse_pubkey(v) for v in verifier or []],
    )

    async def work(client: IonetClient) -> str:
        return str(await deploy_migration(client.conn, plan))

    typer.echo(run(ctx, work))


def load_or_fail(path: Path) -> Keypair:
    try:
        return load_keypair(path)
    except ConfigError as err:
        raise fail(str(err)) from None


# --- nodes


@node_app.command("list")
def node_list(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option(help="Registered, Verified, Active, Inactive, Jailed")] = None,
    gpu: Annotated[str | None, typer.Option(help="H200, H100, A100, L40S, ...")] = None,
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
    table = Table("field", "value", title=f"node {key}")
    for name, value in plain(node).items():
        table.add_row(name, json.dumps(value) if isinstance(value, dict | list) else str(value))
    output(ctx, node, table)


def parse_amount(text: str) -> int:
    """IO with up to 8 decimals, positive, as base units."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise fail(f"{text!r} is not an amount of IO") from None
    if not value.is_finite() or value <= 0:
        raise fail(f"amount must be positive, not {text}")
    base = value * IO
    if base != base.to_integral_value():
        raise fail(f"{text} has more than 8 decimals")
    return int(base)


def parse_cuda(text: str) -> tuple[int, int]:
    major, _, minor = text.partition(".")
    if not (major.isdigit() and (minor or "0").isdigit()):
        raise fail(f"CUDA version {text!r} must look like 12.4")
    return int(major), int(minor or "0")


@node_app.command("register")
def node_register(  # noqa: PLR0917 (typer: one parameter per option)
    ctx: typer.Context,
    node_id: Annotated[int, typer.Option(min=0, help="the operator's id for this node")],
    agent: Annotated[str, typer.Option(help="the worker agent's public key (signs heartbeats)")],
    gpu: Annotated[str, typer.Option(help="H200, H100, A100, L40S, A6000, A5000, Rtx4090, Rtx3090")],
    count: Annotated[int, typer.Option(min=1, max=64, help="GPUs")] = 8,
    vram: Annotated[int, typer.Option(min=1, max=1024, help="GB per GPU")] = 80,
    cuda: Annotated[str, typer.Option(help="CUDA version")] = "12.4",
    region: Annotated[str, typer.Option(help="region code, up to 8 ASCII characters")] = "",
    bandwidth: Annotated[int, typer.Option(min=0, help="Mbit/s")] = 10_000,
    gpu_uuids: Annotated[str, typer.Option(help="the GPUs' UUIDs, comma-separated (hashed)")] = "",
) -> None:
    """Register a node (the --keypair is the operator) and create its stake vault."""
    model = parse_enum(GpuModel, gpu)
    agent_key = parse_pubkey(agent)
    major, minor = parse_cuda(cuda)
    code = region.encode()
    if len(code) > 8 or not code.isascii():
        raise fail("region must be at most 8 ASCII characters")
    uuids = sorted(u.strip() for u in gpu_uuids.split(",") if u.strip())
    fingerprint = hashlib.sha256("".join(uuids or [f"{agent}-{node_id}"]).encode()).digest()
    spec = HardwareSpec(
        gpu_model=model,
        gpu_count=count,
        vram_gb_per_gpu=vram,
        cuda_major=major,
        cuda_minor=minor,
        region=list(code.ljust(8, b"\0")),
        bandwidth_mbps=bandwidth,
        fingerprint=list(fingerprint),
    )

    async def work(client: IonetClient) -> Pubkey:
        return await client.register_node(client.payer, node_id, agent_key, spec)

    address = run(ctx, work, signer=True)
    output(ctx, {"node": str(address)}, _one_row("registered node", str(address)))


@node_app.command("heartbeat")
def node_heartbeat(ctx: typer.Context, node: str) -> None:
    """Send a heartbeat (the --keypair is the node's agent)."""
    key = parse_pubkey(node)

    async def work(client: IonetClient) -> str:
        return str((await client.heartbeat(client.payer, key)).signature)

    signature = run(ctx, work, signer=True)
    output(ctx, {"signature": signature}, _one_row("heartbeat", signature))


@stake_app.command("deposit")
def stake_deposit(ctx: typer.Context, node: str, amount: str) -> None:
    """Bond AMOUNT IO into the node's vault (the --keypair is the operator)."""
    key, base = parse_pubkey(node), parse_amount(amount)

    async def work(client: IonetClient) -> str:
        return str((await client.stake(client.payer, key, base)).signature)

    signature = run(ctx, work, signer=True)
    output(ctx, {"signature": signature, "amount": base}, _one_row(f"bonded {amount} IO", signature))


@app.command()
def airdrop(ctx: typer.Context, sol: Annotated[float, typer.Argument(min=0.000000001)]) -> None:
    """Request SOL for the --keypair (localnet and devnet)."""

    async def work(client: IonetClient) -> str:
        rpc = client.conn
        assert isinstance(rpc, RpcConnection)
        return str(await rpc.request_airdrop(client.payer.pubkey(), int(sol * 1_000_000_000)))

    signature = run(ctx, work, signer=True)
    output(ctx, {"signature": signature}, _one_row(f"airdropped {sol} SOL", signature))


def _one_row(label: str, value: str) -> Table:
    table = Table(show_header=False)
    table.add_row(label, value)
    return table


# --- jobs


@job_app.command("list")
def job_list(
    ctx: typer.Context,
    client: Annotated[str | None, typer.Option(help="client public key")] = None,
    state: Annotated[
        str | None, typer.Option(help="Open, Running, Completed, Disputed, Cancelled, Settled")
    ] = None,
) -> None:
    """Jobs, filtered on the RPC node."""
    wanted_client = parse_pubkey(client) if client else None
    wanted_state = parse_enum(JobState, state) if state else None

    async def work(c: IonetClient) -> Any:
        return await c.jobs(client=wanted_client, state=wanted_state)

    jobs = run(ctx, work)
    table = Table("job", "client", "GPUs", "state", "escrowed (IO)", "paid (IO)", title="jobs")
    for j in jobs:
        d = j.data
        table.add_row(
            str(j.address), str(d.client), f"{d.gpu_count}x {GpuModel(d.gpu_model).name}",
            JobState(d.state).name, f"{d.deposited / IO:,.2f}", f"{d.paid / IO:,.2f}",
        )  # fmt: skip
    output(ctx, [{"address": str(j.address), **plain(j.data)} for j in jobs], table)


# --- token and parameters


@job_app.command("create")
def job_create(  # noqa: PLR0917 (typer: one parameter per option)
    ctx: typer.Context,
    job_id: Annotated[int, typer.Option(min=0, help="unique among your jobs")],
    gpu: Annotated[str, typer.Option(help="GPU model")],
    count: Annotated[int, typer.Option(min=1, help="GPUs")],
    hours: Annotated[int, typer.Option(min=1, help="duration")],
    price: Annotated[str, typer.Option(help="IO per GPU-hour")],
    start_within: Annotated[int, typer.Option(min=1, help="minutes until the start deadline")] = 30,
    vram: Annotated[int, typer.Option(min=0, help="minimum GB per GPU")] = 0,
    cuda: Annotated[str, typer.Option(help="minimum CUDA version")] = "0.0",
    same_tier: Annotated[bool, typer.Option(help="accept any model of the same tier")] = False,
) -> None:
    """Escrow count x hours x price IO for a cluster (the --keypair is the client)."""
    model = parse_enum(GpuModel, gpu)
    base = parse_amount(price)
    major, minor = parse_cuda(cuda)

    async def work(client: IonetClient) -> Pubkey:
        now = (await client.conn.get_clock()).unix_timestamp
        spec = JobSpec(
            gpu_model=model,
            match_tier=same_tier,
            gpu_count=count,
            min_vram_gb=vram,
            min_cuda_major=major,
            min_cuda_minor=minor,
            region=[0] * 8,
            duration_hours=hours,
            price_per_gpu_hour=base,
            start_deadline=now + 60 * start_within,
        )
        return await client.create_job(client.payer, job_id, spec)

    address = run(ctx, work, signer=True)
    output(ctx, {"job": str(address)}, _one_row("job", str(address)))


@rewards_app.command("mint-epoch")
def rewards_mint_epoch(ctx: typer.Context) -> None:
    """Mint the next ended epoch's emission (anyone; the --keypair pays)."""

    async def work(client: IonetClient) -> str:
        return str((await client.mint_epoch()).signature)

    signature = run(ctx, work, signer=True)
    output(ctx, {"signature": signature}, _one_row("epoch minted", signature))


@token_app.command("stats")
def token_stats(
    ctx: typer.Context, epochs: Annotated[int, typer.Option(min=1, max=64, help="epochs in the period")] = 24
) -> None:
    """Supply, minted, burned, the Demand-to-Emission ratio and net deflation."""

    async def work(client: IonetClient) -> Any:
        info = await client.conn.get_account(token.MINT)
        if info is None:
            raise IonetError("the IO mint does not exist on this cluster (ionet deploy)")
        config, stats = await client.token_config(), await client.stats()
        last = max(0, config.epochs_minted - 1)
        return spl.mint_supply(info), stats, period(stats, last, min(epochs, last + 1))

    supply, stats, p = run(ctx, work)
    rows = {
        "supply": supply,
        "minted (genesis)": stats.minted_genesis,
        "minted (emissions)": stats.minted_emission,
        "burned (fees)": stats.burned_fees,
        "burned (slashes)": stats.burned_slashes,
        "escrowed volume": stats.escrowed_volume,
        "fees": stats.fees,
        "rewards paid": stats.rewards_paid,
    }
    table = Table("figure", "IO", title="IO token")
    for name, value in rows.items():
        table.add_row(name, f"{value / IO:,.2f}")
    table.add_row(f"D/E ratio, epochs {p.first_epoch}-{p.last_epoch}", f"{p.demand_to_emission:.2f}")
    table.add_row("net deflation in that period", "yes" if p.net_deflation else "no")
    data: dict[str, Any] = dict(rows) | {
        "de_ratio": p.demand_to_emission,
        "net_deflation": p.net_deflation,
    }
    output(ctx, data, table)


@params_app.command("show")
def params_show(ctx: typer.Context) -> None:
    """The IO token's parameters and any pending proposal."""

    async def work(client: IonetClient) -> Any:
        return await client.token_config()

    config = run(ctx, work)
    table = Table("parameter", "value", title="IO token parameters")
    for name, value in plain(config.params).items():
        table.add_row(name, str(value))
    output(ctx, config.params, table)


# --- the demo


@app.command("demo")
def demo_command(
    ctx: typer.Context,
    validator: Annotated[
        str | None, typer.Option(help="ionet, solana-test-validator or surfpool (default: found on PATH)")
    ] = None,
) -> None:
    """Start a local validator, deploy, and play the marketplace end to end (about 10 s)."""
    if validator not in (None, "ionet", "solana-test-validator", "surfpool"):
        raise fail(f"unknown validator {validator!r}: ionet, solana-test-validator or surfpool")
    err_console = Console(stderr=True)
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
        console=err_console if ctx.obj.json else console, transient=True,
    ) as progress:  # fmt: skip
        task = progress.add_task("marketplace demo", total=demo.PHASES)

        def step(text: str) -> None:
            progress.console.print(f"[dim]{time.strftime('%H:%M:%S')}[/] {text}")
            progress.advance(task)

        try:
            report = asyncio.run(demo.run(progress=step, validator_kind=validator))
        except (IonetError, ValueError) as err:
            raise fail(str(err).splitlines()[0]) from None
    if ctx.obj.json:
        typer.echo(json.dumps(dataclasses.asdict(report), indent=2))
    else:
        demo.render(report, console)
    if not report.books_balance:
        raise typer.Exit(1)


def entry() -> None:
    app()
