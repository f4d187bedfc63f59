"""What every `ionet` command shares: options, the client runner, parsers, output."""

from __future__ import annotations

import asyncio
import dataclasses
import enum
import hashlib
import json
import sys
from collections.abc import Awaitable, Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk.client import IonetClient
from ionet_sdk.cluster import cluster_url, load_keypair
from ionet_sdk.connection import SendResult
from ionet_sdk.defaults import IO
from ionet_sdk.errors import ConfigError, IonetError
from ionet_sdk.rpc import RpcConnection

T = TypeVar("T")
# Tables stay readable in logs and pipes, where rich would assume 80 columns.
console = Console(width=None if sys.stdout.isatty() else 120)
err_console = Console(stderr=True)


@dataclasses.dataclass
class Options:
    url: str
    keypair: Path
    json: bool


def fail(message: str) -> typer.Exit:
    typer.echo(f"ionet: error: {message}", err=True)
    return typer.Exit(1)


def run(ctx: typer.Context, work: Callable[[IonetClient], Awaitable[T]], *, signer: bool = False) -> T:
    """Run `work` with a client on the chosen cluster (the --keypair pays when `signer`);
    typed errors become one line on stderr and exit status 1."""
    options: Options = ctx.obj

    async def go() -> T:
        payer = load_keypair(options.keypair) if signer else Keypair()
        conn = RpcConnection(cluster_url(options.url))  # 429s: Retry-After honoured, 30 s cap
        try:
            return await work(IonetClient(conn, payer))
        finally:
            await conn.close()

    try:
        return asyncio.run(go())
    except (IonetError, ValueError) as err:
        raise fail(str(err).splitlines()[0]) from None


def load_or_fail(path: Path) -> Keypair:
    try:
        return load_keypair(path)
    except ConfigError as err:
        raise fail(str(err)) from None


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


def fields_table(title: str, value: Any) -> Table:
    """A record as a two-column table."""
    table = Table("field", "value", title=title)
    for name, v in plain(value).items():
        table.add_row(name, json.dumps(v) if isinstance(v, dict | list) else str(v))
    return table


def one_row(label: str, value: str) -> Table:
    table = Table(show_header=False)
    table.add_row(label, value)
    return table


def sent(ctx: typer.Context, what: str, result: SendResult) -> None:
    """Report one confirmed transaction."""
    output(
        ctx,
        {"signature": str(result.signature), "compute_units": result.compute_units},
        one_row(what, f"{result.signature} ({result.compute_units:,} CU)"),
    )


def progress(ctx: typer.Context, description: str) -> Progress:
    """A progress bar for multi-transaction operations (on stderr with --json)."""
    return Progress(
        SpinnerColumn(), TextColumn(description), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err_console if ctx.obj.json else console, transient=True,
    )  # fmt: skip


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


def parse_hash(text: str) -> bytes:
    """32 bytes as 64 hex digits, or the sha256 of any other text (a document, a URL)."""
    try:
        raw = bytes.fromhex(text)
    except ValueError:
        raw = b""
    return raw if len(raw) == 32 else hashlib.sha256(text.encode()).digest()
