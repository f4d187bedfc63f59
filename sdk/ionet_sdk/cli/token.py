"""`ionet token stats`, `ionet params ...`, `ionet rewards ...`: the IO token."""

from __future__ import annotations

import dataclasses
import math
from typing import Annotated, Any

import typer
from solders.instruction import Instruction

from ionet_sdk import registry, spl, token
from ionet_sdk._generated.ionet_token import errors as token_errors
from ionet_sdk._generated.ionet_token.types import TokenParams
from ionet_sdk.cli.common import (
    ASCII_INT,
    NEGATIVE_NUMBERS,
    example,
    fail,
    fields_table,
    output,
    parse_amount,
    parse_pubkey,
    plain,
    progress,
    run,
    sent,
    table,
)
from ionet_sdk.cli.view import ZERO_TIME, docs_of, int_widths, io, show, when
from ionet_sdk.client import IonetClient
from ionet_sdk.economics import period
from ionet_sdk.errors import AccountNotFoundError
from ionet_sdk.liveness import LivenessLeaf
from ionet_sdk.services.oracle.client import NoSyncError, find_sync

token_app = typer.Typer(help="The IO token.", no_args_is_help=True)
params_app = typer.Typer(help="Economic parameters (time-locked).", no_args_is_help=True)
rewards_app = typer.Typer(help="Emissions and operator rewards.", no_args_is_help=True)


@token_app.command("stats", epilog=example("ionet token stats --epochs 168", "ionet token stats --json"))
def token_stats(
    ctx: typer.Context, epochs: Annotated[int, typer.Option(min=1, max=64, help="epochs in the period")] = 24
) -> None:
    """Supply, minted, burned, the Demand-to-Emission ratio and net deflation."""

    async def work(client: IonetClient) -> Any:
        info = await client.conn.get_account(token.MINT)
        if info is None:
            raise AccountNotFoundError(
                "the IO mint does not exist on this cluster (is it deployed? `ionet deploy`)"
            )
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
    shown = table("figure", "value", title="IO token")
    for name, value in rows.items():
        shown.add_row(name, io(value))
    # D/E is undefined (infinite) while nothing was emitted: JSON says null and why.
    ratio = p.demand_to_emission if math.isfinite(p.demand_to_emission) else None
    reason = None if ratio is not None else f"no IO emitted in epochs {p.first_epoch}-{p.last_epoch}"
    label = f"D/E ratio, epochs {p.first_epoch}-{p.last_epoch}"
    shown.add_row(label, f"{ratio:.2f}" if ratio is not None else f"undefined ({reason})")
    shown.add_row("net deflation in that period", "yes" if p.net_deflation else "no")
    data: dict[str, Any] = dict(rows) | {"de_ratio": ratio, "net_deflation": p.net_deflation}
    if reason:
        data["de_ratio_reason"] = reason
    data["epochs"] = [p.first_epoch, p.last_epoch]
    output(ctx, data, shown)


@token_app.command(
    "transfer",
    epilog=example("ionet token transfer 800 $RECIPIENT_WALLET"),
    context_settings=NEGATIVE_NUMBERS,
)
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
    lost, the transaction's fate is looked up before anything is sent again."""
    base, owner = parse_amount(amount), parse_pubkey(recipient)

    async def work(client: IonetClient) -> Any:
        return await client.transfer(
            client.payer, owner, base, allow_non_system_account=allow_non_system_account
        )

    sent(ctx, f"sent {amount} IO to {owner}", run(ctx, work, signer=True))


# --- parameters


@params_app.command("show", epilog=example("ionet params show", "ionet params show --json"))
def params_show(ctx: typer.Context) -> None:
    """The IO token's parameters and any pending proposal (JSON: base units, seconds, bps)."""

    async def work(client: IonetClient) -> Any:
        config, pending = await client.token_config(), await client.params_proposal()
        return config, pending, (await client.conn.get_clock()).unix_timestamp

    config, pending, now = run(ctx, work)
    shown = table("parameter", "value", "proposed", title="IO token parameters")
    docs = docs_of(config.params)
    for f in dataclasses.fields(config.params):
        value = getattr(config.params, f.name)
        new = getattr(pending.params, f.name) if pending else value
        doc = docs.get(f.name, "")
        proposed = show(f.name, new, doc, now) if new != value else ""
        shown.add_row(f.name, show(f.name, value, doc, now), proposed)
    if pending:
        shown.caption = f"proposal executable after {when(pending.execute_after, now)}"
    data = plain(config.params)
    if ctx.obj.json and pending:
        data = {**data, "proposed": plain(pending.params), "execute_after": pending.execute_after}
    output(ctx, data, shown)


def parse_changes(changes: list[str]) -> dict[str, Any]:
    """`name=value` pairs (lists comma-separated), checked before anything is sent: known
    names, ASCII-digit integers within each field's on-chain width (`view.int_widths`, read
    from the generated `TokenParams`: fee_bps is a u16); the program checks the bounds."""
    is_list = {f.name: "list" in str(f.type) for f in dataclasses.fields(TokenParams)}
    widths = int_widths(TokenParams)
    updates: dict[str, Any] = {}
    for change in changes:
        name, _, text = change.partition("=")
        if name not in is_list or not text:
            raise fail(f"--set {change!r}: expected NAME=VALUE, NAME one of {', '.join(sorted(is_list))}")
        parts = text.split(",")
        if not all(ASCII_INT.fullmatch(v) for v in parts):
            raise fail(f"--set {change!r}: values are integers (base units, seconds, bps) in ASCII digits")
        values = [int(v) for v in parts]
        largest = widths[name]
        if any(v > largest for v in values) or (len(values) > 1 and not is_list[name]):
            raise fail(
                f"--set {change!r}: {name} takes {'a list of' if is_list[name] else 'one'} 0..{largest}"
            )
        updates[name] = values if is_list[name] else values[0]
    return updates


@params_app.command(
    "propose", epilog=example("ionet params propose --set fee_bps=250 --set reward_lock_secs=1209600")
)
def params_propose(
    ctx: typer.Context,
    set_: Annotated[list[str], typer.Option("--set", help="NAME=VALUE (repeatable), e.g. fee_bps=250")],
) -> None:
    """Propose new parameters (the --keypair is the token admin); executable after the timelock.
    The program checks every bound."""
    updates = parse_changes(set_)

    async def work(client: IonetClient) -> Any:
        config = await client.token_config()
        await client.propose_params(client.payer, dataclasses.replace(config.params, **updates))
        return await client.params_proposal()

    pending = run(ctx, work, signer=True)
    output(ctx, pending, fields_table("parameters proposed", pending))


@params_app.command("execute", epilog=example("ionet params execute"))
def params_execute(ctx: typer.Context) -> None:
    """Apply the pending proposal once its timelock has passed (the token admin)."""

    async def work(client: IonetClient) -> Any:
        return await client.execute_params(client.payer)

    sent(ctx, "parameters changed", run(ctx, work, signer=True))


@params_app.command("cancel", epilog=example("ionet params cancel"))
def params_cancel(ctx: typer.Context) -> None:
    """Withdraw the pending proposal (the token admin)."""

    async def work(client: IonetClient) -> Any:
        return await client.cancel_params(client.payer)

    sent(ctx, "proposal cancelled", run(ctx, work, signer=True))


# --- emissions and rewards


@rewards_app.command("mint-epoch", epilog=example("ionet rewards mint-epoch --all"))
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


@rewards_app.command("accrue", epilog=example("ionet rewards accrue $NODE --keypair agent.json"))
def rewards_accrue(ctx: typer.Context, node: str) -> None:
    """Credit the node's work and availability to the current epoch (anyone, each epoch).
    The first call opens the node's reward account: work and availability accrue from then
    on (fees burned and presence proven before it are not credited)."""
    key = parse_pubkey(node)
    opened = False

    async def work(client: IonetClient) -> Any:
        nonlocal opened
        if await client.reward(key) is None:
            opened = True
            return await client.open_rewards(key)
        return await client.accrue_rewards(key)

    result = run(ctx, work, signer=True)
    sent(ctx, "reward account opened; rewards accrue from now on" if opened else "rewards accrued", result)


@rewards_app.command(
    "claim",
    epilog=example("ionet rewards claim $NODE", "ionet rewards claim $NODE --oracle http://127.0.0.1:8787"),
)
def rewards_claim(
    ctx: typer.Context,
    node: str,
    oracle: Annotated[
        list[str] | None,
        typer.Option(
            help="an oracle's base URL (repeatable): first sync the node to its newest leaf, proven "
            "against the on-chain root in effect, and accrue, in the same transaction"
        ),
    ] = None,
) -> None:
    """Resolve minted epochs and take what has unlocked (the --keypair is the operator). With
    --oracle, the weekly claim by proof: node_sync + rewards_accrue + rewards_claim in one
    transaction (without anything unlocked yet: the sync and accrual alone)."""
    key = parse_pubkey(node)

    async def work(client: IonetClient) -> Any:
        before = await client.reward(key)
        if before is None:
            raise fail(f"node {key} has no reward account (`ionet rewards open {key}`)")
        first: list[Instruction] = []
        synced: int | None = None
        skipped = ""
        if oracle:
            try:
                plan = await find_sync(client, tuple(oracle), key)
            except NoSyncError as err:
                skipped = str(err)
            else:
                synced = plan.epoch
                first.append(registry.build_node_sync_ix(key, plan.epoch, plan.leaf, plan.proof))
                data = await client.node(key)
                points = LivenessLeaf.from_bytes(plan.leaf).availability_points
                new_work = any(
                    fees > seen
                    for fees, seen in zip(data.work_fees_by_tier, before.last_work_fees_by_tier, strict=False)
                )
                if points > before.last_proven_points or new_work:
                    first.append(token.build_rewards_accrue_ix(key))
        claim = await client.build_claim_rewards_ixs(client.payer.pubkey(), key)
        try:
            await client.send([*first, *claim])
        except (token_errors.NothingToClaim, token_errors.NothingToAccrue):
            if not first:
                raise
            await client.send(first)  # nothing unlocked yet: keep the sync and the accrual
        after = await client.reward(key)
        assert after is not None
        return before, after, (await client.conn.get_clock()).unix_timestamp, synced, skipped

    before, after, now, synced, skipped = run(ctx, work, signer=True)
    paid = after.claimed_total - before.claimed_total
    summary: dict[str, Any] = {"paid": paid, "locked": after.locked, "unlock_at": after.unlock_at or None}
    if not after.unlock_at:  # 0: nothing is locked
        summary["unlock_at_reason"] = ZERO_TIME
    if oracle:
        summary["synced_epoch"] = synced
        if skipped:
            summary["sync_skipped"] = skipped
    shown = table("figure", "value", title=f"rewards of node {key}")
    if oracle:
        shown.add_row("synced to epoch", str(synced) if synced is not None else f"no sync: {skipped}")
    shown.add_row("paid now", io(paid))
    shown.add_row("still locked", io(after.locked))
    shown.add_row("next unlock", when(after.unlock_at, now))
    output(ctx, summary, shown)


@rewards_app.command("show", epilog=example("ionet rewards show $NODE"))
def rewards_show(ctx: typer.Context, node: str) -> None:
    """A node's reward account: locked tranches, claimed, forfeited."""
    key = parse_pubkey(node)

    async def work(client: IonetClient) -> Any:
        reward = await client.reward(key)
        if reward is None:
            raise AccountNotFoundError(f"node {key} has no reward account (ionet rewards accrue opens it)")
        return reward, (await client.conn.get_clock()).unix_timestamp

    reward, now = run(ctx, work)
    output(ctx, reward, fields_table(f"rewards of node {key}", reward, now))
