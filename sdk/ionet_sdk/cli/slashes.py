"""`ionet slash propose|appeal|resolve|execute|show`."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from ionet_sdk._generated.ionet_registry.types import Offense, SlashStatus
from ionet_sdk.cli.common import (
    U32,
    example,
    one_row,
    output,
    parse_amount,
    parse_enum,
    parse_hash,
    parse_pubkey,
    plain,
    run,
    sent,
    table,
)
from ionet_sdk.cli.view import io, when
from ionet_sdk.client import IonetClient

app = typer.Typer(help="Slashing: proposals, appeals, execution.", no_args_is_help=True)
NOTE = "$NODE is a node's address; INDEX the proposal's (ionet slash show $NODE)"
INDEX = Annotated[int, typer.Argument(min=0, max=U32, help="the proposal's index")]


@app.command(
    "propose", epilog=example('ionet slash propose $NODE --offense Downtime --evidence "40 missed beats"')
)
def propose(
    ctx: typer.Context,
    node: str,
    offense: Annotated[str, typer.Option(help="HardwareSpoofing, JobFailure, Downtime, Misconduct")],
    evidence: Annotated[
        str | None,
        typer.Option(help="64 hex digits, or text to hash (default: the recorded spoofing evidence)"),
    ] = None,
    amount: Annotated[str | None, typer.Option(help="IO to slash (default: the offense's share)")] = None,
) -> None:
    """Propose a slash (the --keypair is the slashing authority)."""
    key = parse_pubkey(node)
    kind = parse_enum(Offense, offense)
    evidence_hash = parse_hash(evidence) if evidence else None
    base = parse_amount(amount) if amount else 0

    async def work(client: IonetClient) -> Any:
        return await client.propose_slash(client.payer, key, kind, evidence_hash=evidence_hash, amount=base)

    proposal = run(ctx, work, signer=True)
    output(ctx, {"proposal": str(proposal)}, one_row("slash proposed", str(proposal)))


@app.command("appeal", epilog=example('ionet slash appeal $NODE 0 --reason "wrong host"', NOTE))
def appeal(
    ctx: typer.Context, node: str, index: INDEX, reason: Annotated[str, typer.Option(help="text or hash")]
) -> None:
    """Appeal a proposed slash within its window (the --keypair is the operator)."""
    key = parse_pubkey(node)

    async def work(client: IonetClient) -> Any:
        return await client.appeal_slash(client.payer, key, index, parse_hash(reason))

    sent(ctx, f"slash {index} appealed", run(ctx, work, signer=True))


@app.command("resolve", epilog=example("ionet slash resolve $NODE 0 --overturn", NOTE))
def resolve(
    ctx: typer.Context,
    node: str,
    index: INDEX,
    uphold: Annotated[bool, typer.Option("--uphold/--overturn", help="the appeal's verdict")],
) -> None:
    """Decide an appealed slash (the --keypair is the registry admin)."""
    key = parse_pubkey(node)

    async def work(client: IonetClient) -> Any:
        return await client.resolve_slash(client.payer, key, index, uphold=uphold)

    sent(ctx, f"slash {index} {'upheld' if uphold else 'overturned'}", run(ctx, work, signer=True))


@app.command("execute", epilog=example("ionet slash execute $NODE 0", NOTE))
def execute(ctx: typer.Context, node: str, index: INDEX) -> None:
    """Execute a slash after its appeal window (anyone; the --keypair pays)."""
    key = parse_pubkey(node)

    async def work(client: IonetClient) -> Any:
        return await client.execute_slash(key, index)

    sent(ctx, f"slash {index} executed", run(ctx, work, signer=True))


@app.command("show", epilog=example("ionet slash show $NODE"))
def show(ctx: typer.Context, node: str) -> None:
    """Every slash proposal against a node (the deadline against the cluster's clock)."""
    key = parse_pubkey(node)

    async def work(client: IonetClient) -> Any:
        return await client.slash_proposals(key), (await client.conn.get_clock()).unix_timestamp

    proposals, now = run(ctx, work)
    shown = table("index", "offense", "status", "amount", "executed", "appeal deadline",
                  title=f"slashes of node {key}")  # fmt: skip
    for p in proposals:
        d = p.data
        shown.add_row(str(d.index), Offense(d.offense).name, SlashStatus(d.status).name,
                      io(d.amount), io(d.executed), when(d.appeal_deadline, now))  # fmt: skip
    output(ctx, [{"address": str(p.address), **plain(p.data)} for p in proposals], shown)
