"""`ionet job ...`: the escrow's jobs, from creation to settlement."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table
from solders.pubkey import Pubkey

from ionet_sdk._generated.ionet_escrow.types import JobSpec, JobState, RunStatus
from ionet_sdk._generated.ionet_registry.types import GpuModel
from ionet_sdk.cli.common import (
    U16,
    U32,
    U64,
    example,
    fail,
    fields_table,
    model_name,
    one_row,
    output,
    parse_amount,
    parse_cuda,
    parse_enum,
    parse_gpu,
    parse_hash,
    parse_pubkey,
    plain,
    progress,
    run,
    sent,
    table,
)
from ionet_sdk.cli.view import io
from ionet_sdk.client import IonetClient
from ionet_sdk.matcher import pick_cluster

app = typer.Typer(help="Jobs in the escrow.", no_args_is_help=True)


JOB_NOTE = "$JOB is a job's address (ionet job create prints it)"


@app.command("list", epilog=example("ionet job list --state running", "ionet job list --client $KEY --json"))
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
    shown = table("job", "client", "GPUs", "state", "escrowed", "paid", title="jobs")
    for j in jobs:
        d = j.data
        shown.add_row(
            str(j.address), str(d.client), f"{d.gpu_count}x {model_name(GpuModel(d.gpu_model))}",
            JobState(d.state).name, io(d.deposited), io(d.paid),
        )  # fmt: skip
    output(ctx, [{"address": str(j.address), **plain(j.data)} for j in jobs], shown)


@app.command("show", epilog=example("ionet job show $JOB", JOB_NOTE))
def job_show(ctx: typer.Context, job: str) -> None:
    """A job and its runs (times against the cluster's clock)."""
    key = parse_pubkey(job)

    async def work(client: IonetClient) -> Any:
        return await client.job(key), await client.runs(key), (await client.conn.get_clock()).unix_timestamp

    data, runs, now = run(ctx, work)
    if ctx.obj.json:
        output(ctx, {"address": str(key), **plain(data), "runs": plain(runs)}, Table())
        return
    output(ctx, data, fields_table(f"job {key}", data, now))
    shown = table("node", "GPUs", "status", "GPU-seconds", title="open runs")
    for r in runs:
        shown.add_row(str(r.node), str(r.gpus), RunStatus(r.status).name, f"{r.gpu_seconds:,}")
    output(ctx, [], shown)


@app.command(
    "create",
    epilog=example("ionet job create --job-id 1 --gpu H100 --count 8 --hours 4 --price 2.5 -k client.json"),
)
def job_create(  # noqa: PLR0917 (typer: one parameter per option)
    ctx: typer.Context,
    job_id: Annotated[int, typer.Option(min=0, max=U64, help="unique among your jobs (u64)")],
    gpu: Annotated[str, typer.Option(help="GPU model (any case and spacing: 'RTX 4090', h100)")],
    count: Annotated[int, typer.Option(min=1, max=U16, help="GPUs")],
    hours: Annotated[int, typer.Option(min=1, max=U32, help="duration")],
    price: Annotated[str, typer.Option(help="IO per GPU-hour (up to 8 decimals)")],
    start_within: Annotated[
        int, typer.Option(min=1, max=U32 // 60, help="minutes until the start deadline")
    ] = 30,
    vram: Annotated[int, typer.Option(min=0, max=U16, help="minimum GB per GPU")] = 0,
    cuda: Annotated[str, typer.Option(help="minimum CUDA version")] = "0.0",
    same_tier: Annotated[bool, typer.Option(help="accept any model of the same tier")] = False,
) -> None:
    """Escrow count x hours x price IO for a cluster (the --keypair is the client)."""
    model = parse_gpu(gpu)
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
        return (await client.create_job(client.payer, job_id, spec)).address

    address = run(ctx, work, signer=True)
    output(ctx, {"job": str(address)}, one_row("job", str(address)))


def parse_assignment(text: str) -> tuple[Pubkey, int]:
    node, _, gpus = text.partition(":")
    if not gpus.isdigit() or not 0 < int(gpus) <= U16:
        raise fail(f"--node {text!r} must look like NODE:GPUS (a positive GPU count)")
    return parse_pubkey(node), int(gpus)


@app.command("assign", epilog=example("ionet job assign $JOB --auto", "ionet job assign $JOB --node $NODE:8"))
def job_assign(
    ctx: typer.Context,
    job: str,
    node: Annotated[list[str] | None, typer.Option(help="NODE:GPUS (repeatable)")] = None,
    auto: Annotated[bool, typer.Option(help="let the matcher pick (lowest RTT, highest bandwidth)")] = False,
) -> None:
    """Assign nodes to an open job (the --keypair is the matching authority)."""
    key = parse_pubkey(job)
    pairs = [parse_assignment(n) for n in node or []]
    if bool(pairs) == auto:
        raise fail("give either --node NODE:GPUS ... or --auto")

    async def work(client: IonetClient) -> list[tuple[Pubkey, int]]:
        chosen = pairs
        if auto:
            data, params = await client.job(key), (await client.registry_config()).params
            floor = (await client.escrow_config()).params.min_reputation_bps
            now = (await client.conn.get_clock()).unix_timestamp
            located = [(n.address, n.data) for n in await client.nodes()]
            picks = pick_cluster(located, data, params, min_reputation_bps=floor, now=now)
            chosen = [(p.node, p.gpus) for p in picks]
        await client.assign(client.payer, key, chosen)
        return chosen

    chosen = run(ctx, work, signer=True)
    shown = table("node", "GPUs", title=f"assigned to job {key}")
    for address, gpus in chosen:
        shown.add_row(str(address), str(gpus))
    output(ctx, [{"node": str(a), "gpus": g} for a, g in chosen], shown)


@app.command("start", epilog=example("ionet job start $JOB $NODE --keypair agent.json", JOB_NOTE))
def job_start(ctx: typer.Context, job: str, node: str) -> None:
    """Start the node's run (the --keypair is the node's agent)."""
    job_key, node_key = parse_pubkey(job), parse_pubkey(node)

    async def work(client: IonetClient) -> Any:
        return await client.start(client.payer, job_key, node_key)

    sent(ctx, "run started", run(ctx, work, signer=True))


@app.command("report", epilog=example("ionet job report $JOB $NODE 28800 --keypair agent.json", JOB_NOTE))
def job_report(
    ctx: typer.Context, job: str, node: str, gpu_seconds: Annotated[int, typer.Argument(min=0, max=U64)]
) -> None:
    """A usage receipt: cumulative GPU-seconds delivered (the --keypair is the node's agent)."""
    job_key, node_key = parse_pubkey(job), parse_pubkey(node)

    async def work(client: IonetClient) -> Any:
        return await client.report_usage(client.payer, job_key, node_key, gpu_seconds)

    sent(ctx, f"{gpu_seconds:,} GPU-seconds reported", run(ctx, work, signer=True))


@app.command("complete", epilog=example("ionet job complete $JOB --keypair client.json", JOB_NOTE))
def job_complete(ctx: typer.Context, job: str) -> None:
    """Complete the job: the client any time, anyone after its deadline + duration."""
    key = parse_pubkey(job)

    async def work(client: IonetClient) -> Any:
        return await client.complete(client.payer, key)

    sent(ctx, "job completed; the challenge window is open", run(ctx, work, signer=True))


@app.command(
    "dispute", epilog=example('ionet job dispute $JOB --evidence "node 3 ran 2 of 8 GPUs"', JOB_NOTE)
)
def job_dispute(
    ctx: typer.Context, job: str, evidence: Annotated[str, typer.Option(help="text or hash")]
) -> None:
    """Dispute within the challenge window, posting the bond (the --keypair is the client)."""
    key = parse_pubkey(job)

    async def work(client: IonetClient) -> Any:
        return await client.dispute(client.payer, key, parse_hash(evidence))

    sent(ctx, "job disputed", run(ctx, work, signer=True))


@app.command("settle", epilog=example("ionet job settle $JOB", JOB_NOTE))
def job_settle(ctx: typer.Context, job: str) -> None:
    """Pay every node pro rata, burn the fee, refund the rest (anyone, after the window)."""
    key = parse_pubkey(job)
    with progress(ctx, "settling") as bar:
        task = bar.add_task("settle", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        async def work(client: IonetClient) -> Any:
            await client.settle(key, advance)
            return await client.job(key)

        data = run(ctx, work, signer=True)
    summary = {
        "paid": data.paid,
        "fees": data.fees,
        "refunded": data.refunded,
        "state": JobState(data.state).name,
    }
    shown = table("figure", "amount", title=f"job {key} settled")
    for name in ("paid", "fees", "refunded"):
        shown.add_row(name, io(int(summary[name])))
    output(ctx, summary, shown)


@app.command("cancel", epilog=example("ionet job cancel $JOB --keypair client.json", JOB_NOTE))
def job_cancel(ctx: typer.Context, job: str) -> None:
    """Cancel before start: a full refund (the client; anyone after the start deadline)."""
    key = parse_pubkey(job)

    async def work(client: IonetClient) -> Any:
        return await client.cancel(client.payer, key)

    sent(ctx, "job cancelled and refunded", run(ctx, work, signer=True))


@app.command("timeout", epilog=example("ionet job timeout $JOB $NODE", JOB_NOTE))
def job_timeout(ctx: typer.Context, job: str, node: str) -> None:
    """Remove a node that missed the start or went silent (anyone): refund, slash proposal."""
    job_key, node_key = parse_pubkey(job), parse_pubkey(node)

    async def work(client: IonetClient) -> Any:
        return await client.timeout(job_key, node_key)

    sent(ctx, "node removed from the job", run(ctx, work, signer=True))
