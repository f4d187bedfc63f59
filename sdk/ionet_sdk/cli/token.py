"""`ionet token stats`, `ionet params ...`, `ionet rewards ...`: the IO token."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

import typer
from rich.table import Table

from ionet_sdk import spl, token
from ionet_sdk.cli.common import (
    fail,
    fields_table,
    output,
    parse_amount,
    parse_pubkey,
    plain,
    progress,
    run,
    sent,
)
from ionet_sdk.client import IonetClient
from ionet_sdk.defaults import IO
from ionet_sdk.economics import period
from ionet_sdk.errors import IonetError

token_app = typer.Typer(help="The IO token.", no_args_is_help=True)
params_app = typer.Typer(help="Economic parameters (time-locked).", no_args_is_help=True)
rewards_app = typer.Typer(help="Emissions and operator rewards.", no_args_is_help=True)


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
    data: dict[str, Any] = dict(rows) | {"de_ratio": p.demand_to_emission, "net_deflation": p.net_deflation}
    output(ctx, data, table)


@token_app.command("transfer")
def token_transfer(
    ctx: typer.Context,
    amount: str,
    recipient: str,
    allow_non_system_account: Annotated[
        bool,
        typer.Option(
            "--allow-non-system-account",
            help="send even if RECIPIENT is not a wallet (a mint, program, PDA or program-owned "
            "account), whose IO nobody could move on",
        ),
    ] = False,
) -> None:
    """Send AMOUNT IO from the --keypair's IO account to RECIPIENT: a wallet's associated IO
    account (created if missing) or an IO token account. Sent at most once: if the reply is
    lost, the transaction's fate is looked up before anything is sent again.

    Example: ionet token transfer 5 7xKX...wallet"""
    base, owner = parse_amount(amount), parse_pubkey(recipient)

    async def work(client: IonetClient) -> Any:
        return await client.transfer(
            client.payer, owner, base, allow_non_system_account=allow_non_system_account
        )

    sent(ctx, f"sent {amount} IO to {owner}", run(ctx, work, signer=True))


# --- parameters


@params_app.command("show")
def params_show(ctx: typer.Context) -> None:
    """The IO token's parameters and any pending proposal."""

    async def work(client: IonetClient) -> Any:
        return await client.token_config(), await client.params_proposal()

    config, pending = run(ctx, work)
    table = Table("parameter", "value", "proposed", title="IO token parameters")
    proposed = plain(pending.params) if pending else {}
    for name, value in plain(config.params).items():
        table.add_row(name, str(value), str(proposed[name]) if proposed.get(name, value) != value else "")
    if pending:
        table.caption = f"proposal executable after {pending.execute_after} (unix time)"
    output(ctx, config.params, table)


def parse_changes(changes: list[str], current: Any) -> Any:
    """`name=value` pairs over the current parameters (lists comma-separated)."""
    fields = {f.name for f in dataclasses.fields(current)}
    updates: dict[str, Any] = {}
    for change in changes:
        name, _, text = change.partition("=")
        if name not in fields or not text:
            raise fail(f"--set {change!r}: expected NAME=VALUE, NAME one of {', '.join(sorted(fields))}")
        try:
            value: Any = [int(v) for v in text.split(",")] if "," in text else int(text)
        except ValueError:
            raise fail(f"--set {change!r}: values are integers (base units, seconds, bps)") from None
        if isinstance(getattr(current, name), list) != isinstance(value, list) or (
            isinstance(value, int) and value < 0
        ):
            raise fail(f"--set {change!r}: wrong shape or a negative value for {name}")
        updates[name] = value
    return dataclasses.replace(current, **updates)


@params_app.command("propose")
def params_propose(
    ctx: typer.Context,
    set_: Annotated[list[str], typer.Option("--set", help="NAME=VALUE (repeatable), e.g. fee_bps=250")],
) -> None:
    """Propose new parameters (the --keypair is the token admin); executable after the timelock.
    The program checks every bound."""

    async def work(client: IonetClient) -> Any:
        config = await client.token_config()
        await client.propose_params(client.payer, parse_changes(set_, config.params))
        return await client.params_proposal()

    pending = run(ctx, work, signer=True)
    output(ctx, pending, fields_table("parameters proposed", pending))


@params_app.command("execute")
def params_execute(ctx: typer.Context) -> None:
    """Apply the pending proposal once its timelock has passed (the token admin)."""

    async def work(client: IonetClient) -> Any:
        return await client.execute_params(client.payer)

    sent(ctx, "parameters changed", run(ctx, work, signer=True))


@params_app.command("cancel")
def params_cancel(ctx: typer.Context) -> None:
    """Withdraw the pending proposal (the token admin)."""

    async def work(client: IonetClient) -> Any:
        return await client.cancel_params(client.payer)

    sent(ctx, "proposal cancelled", run(ctx, work, signer=True))


# --- emissions and rewards


@rewards_app.command("mint-epoch")
def rewards_mint_epoch(
    ctx: typer.Context, catch_up: Annotated[bool, typer.Option("--all", help="every ended epoch")] = False
) -> None:
    """Mint the next ended epoch's emission, or all of them (anyone; the --keypair pays)."""
    if not catch_up:

        async def one(client: IonetClient) -> Any:
            return await client.mint_epoch()

        sent(ctx, "epoch minted", run(ctx, one, signer=True))
        return
    with progress(ctx, "minting epochs") as bar:
        task = bar.add_task("mint", total=None)

        async def work(client: IonetClient) -> int:
            before = (await client.token_config()).epochs_minted
            await client.mint_epochs(lambda done, total: bar.update(task, completed=done, total=total))
            return (await client.token_config()).epochs_minted - before

        minted = run(ctx, work, signer=True)
    output(ctx, {"epochs_minted": minted}, fields_table("emissions", {"epochs minted": minted}))


@rewards_app.command("accrue")
def rewards_accrue(ctx: typer.Context, node: str) -> None:
    """Credit the node's work and availability to the current epoch (anyone, each epoch)."""
    key = parse_pubkey(node)

    async def work(client: IonetClient) -> Any:
        if await client.reward(key) is None:
            await client.open_rewards(key)
        return await client.accrue_rewards(key)

    sent(ctx, "rewards accrued", run(ctx, work, signer=True))


@rewards_app.command("claim")
def rewards_claim(ctx: typer.Context, node: str) -> None:
    """Resolve minted epochs and take what has unlocked (the --keypair is the operator)."""
    key = parse_pubkey(node)

    async def work(client: IonetClient) -> Any:
        before = await client.reward(key)
        await client.claim_rewards(client.payer, key)
        return before, await client.reward(key)

    before, after = run(ctx, work, signer=True)
    paid = after.claimed_total - (before.claimed_total if before else 0)
    summary = {"paid": paid, "locked": after.locked, "unlock_at": after.unlock_at}
    table = Table("figure", "value", title=f"rewards of node {key}")
    table.add_row("paid now (IO)", f"{paid / IO:,.2f}")
    table.add_row("still locked (IO)", f"{after.locked / IO:,.2f}")
    table.add_row("next unlock (unix time)", str(after.unlock_at))
    output(ctx, summary, table)


@rewards_app.command("show")
def rewards_show(ctx: typer.Context, node: str) -> None:
    """A node's reward account: locked tranches, claimed, forfeited."""
    key = parse_pubkey(node)

    async def work(client: IonetClient) -> Any:
        reward = await client.reward(key)
        if reward is None:
            raise IonetError(f"node {key} has no reward account (ionet rewards accrue opens it)")
        return reward

    reward = run(ctx, work)
    output(ctx, reward, fields_table(f"rewards of node {key}", reward))
