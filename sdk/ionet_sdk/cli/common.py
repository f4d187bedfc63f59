"""What every `ionet` command shares: options, the client runner, parsers, output.

Errors: a bad value is one line on stderr and exit status 1 (with `--json`, also
`{"error": {...}}` on stdout); a malformed command line (an unknown option, a
missing argument) the same with exit status 2. JSON output is RFC 8259: no NaN or
Infinity (null, with a `*_reason` field saying why).
"""

from __future__ import annotations

import asyncio
import dataclasses
import enum
import hashlib
import json
import re
import sys
from collections.abc import Awaitable, Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

import httpx2
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
from rich.text import Text
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk import registry
from ionet_sdk._generated.ionet_registry.types import GpuModel
from ionet_sdk.cli import view
from ionet_sdk.cli.view import IO_DECIMALS
from ionet_sdk.client import IonetClient
from ionet_sdk.cluster import cluster_url, load_keypair
from ionet_sdk.connection import SendResult
from ionet_sdk.errors import ConfigError, IonetError, TransportError
from ionet_sdk.rpc import RpcConnection
from ionet_sdk.services.common.runtime import configure_logging, run_service

T = TypeVar("T")
# On a terminal rich fits its width (addresses fold, never "…"); in a pipe or a file
# nothing is cut, whatever the width.
console = Console(width=None if sys.stdout.isatty() else 100_000)
err_console = Console(stderr=True)

# Upper bounds of the programs' integer types, for every numeric argument.
U8, U16, U32, U64 = 2**8 - 1, 2**16 - 1, 2**32 - 1, 2**64 - 1
SOL_DECIMALS = 9
# Numbers as people type them in ASCII: Python's int() and Decimal() also take `1_000`,
# fullwidth (U+FF11) and Arabic-Indic (U+0663) digits, which no user means as a number here.
ASCII_INT = re.compile(r"[0-9]+")
ASCII_DECIMAL = re.compile(r"-?([0-9]+(\.[0-9]*)?|\.[0-9]+)")


@dataclasses.dataclass
class Options:
    url: str
    keypair: Path
    json: bool


# Whether --json was given: errors found before a command has its context (the
# parsers, usage errors) are printed as JSON too.
_json_mode = False


def set_json_mode(on: bool) -> None:
    global _json_mode  # noqa: PLW0603 (one process, one command line)
    _json_mode = on


def report_error(kind: str, message: str, **extra: Any) -> None:
    """One line on stderr; with --json also `{"error": {"type", "message", ...}}` on stdout."""
    typer.echo(f"ionet: error: {message}", err=True)
    if _json_mode:
        typer.echo(dumps({"error": {"type": kind, "message": message, **extra}}))


def note(message: str) -> None:
    """A one-line note on stderr (not an error; --json output on stdout is unchanged)."""
    typer.echo(f"ionet: note: {message}", err=True)


def fail(message: str, kind: str = "InvalidInput") -> typer.Exit:
    """Report a bad input; `raise fail(...)` exits with status 1."""
    report_error(kind, message)
    return typer.Exit(1)


def run_daemon(log_json: bool, main: Callable[[asyncio.Event], Awaitable[None]]) -> None:
    """Run a service's `main(stop)` until SIGTERM/SIGINT with the chosen log format; an
    `IonetError` or `OSError` (a port in use, a database it cannot open) is one error line
    and exit 1, never a traceback."""
    configure_logging(log_json)
    try:
        run_service(main)
    except (IonetError, OSError) as err:
        raise fail(str(err).splitlines()[0]) from None


def error_details(err: BaseException) -> dict[str, Any]:
    """What `--json` says about an SDK error beyond its message: program and code."""
    details: dict[str, Any] = {}
    for name in ("program", "code", "error_name"):
        value = getattr(err, name, None)
        if isinstance(value, int | str) and value not in ("", -1):
            details[name] = value
    return details


def run(ctx: typer.Context, work: Callable[[IonetClient], Awaitable[T]], *, signer: bool = False) -> T:
    """Run `work` with a client on the chosen cluster (the --keypair pays when `signer`);
    typed errors become one line on stderr and exit status 1."""
    options: Options = ctx.obj
    url = rpc_url(options.url)

    async def go() -> T:
        payer = load_keypair(options.keypair) if signer else Keypair()
        conn = RpcConnection(url)  # 429s: Retry-After honoured, 30 s cap
        try:
            return await work(IonetClient(conn, payer))
        finally:
            await conn.close()

    try:
        return asyncio.run(go())
    except TransportError as err:
        report_error(type(err).__name__, transport_message(err, url), url=url, **error_details(err))
        raise typer.Exit(1) from None
    except (IonetError, ValueError) as err:
        report_error(type(err).__name__, str(err).splitlines()[0], **error_details(err))
        raise typer.Exit(1) from None


def rpc_url(url: str) -> str:
    """The --url as an RPC endpoint (a moniker or an http(s) URL the transport can use)."""
    try:
        endpoint = cluster_url(url)
        parsed = httpx2.URL(endpoint)
    except ConfigError as err:
        raise fail(f"invalid --url {url!a}: {err}", "ConfigError") from None
    except (httpx2.InvalidURL, ValueError, TypeError) as err:
        raise fail(f"invalid --url {url!a}: {err}", "ConfigError") from None
    if not parsed.host:
        raise fail(f"invalid --url {url!a}: no host", "ConfigError")
    return endpoint


def transport_message(err: TransportError, url: str) -> str:
    """A transport failure in one line: `cannot reach the RPC at URL: connection refused`
    for a connection that failed; the SDK's own message (HTTP status, 429, timeout) else."""
    cause = err.__cause__ or err.__context__
    text = str(err).splitlines()[0]
    if isinstance(cause, httpx2.ConnectError) or "ConnectError" in text:
        refused = "All connection attempts failed" in text or "refused" in text.lower()
        reason = "connection refused" if refused else text.split("ConnectError: ", 1)[-1]
        return f"cannot reach the RPC at {url}: {reason}"
    return text


def load_or_fail(path: Path) -> Keypair:
    try:
        return load_keypair(path)
    except ConfigError as err:
        raise fail(str(err)) from None


def plain(value: Any) -> Any:
    """Any result as JSON-ready values: accounts through `view.to_json` (enum names, no
    padding or bumps), Pubkeys as base58, non-finite floats as null."""
    return view.to_json(value)


def dumps(data: Any) -> str:
    """RFC 8259 JSON (`allow_nan=False`: a NaN that slipped through is a bug, not output)."""
    return json.dumps(plain(data), indent=2, allow_nan=False)


def output(ctx: typer.Context, data: Any, table: Table) -> None:
    if ctx.obj.json:
        typer.echo(dumps(data))
    else:
        console.print(table)


def fields_table(title: str, value: Any, now: int | None = None, first: tuple[str, ...] = ()) -> Table:
    """A record as a two-column table of readable values (`view.rows`); the fields named in
    `first` (or starting with one ending in ".") lead, in that order."""

    def rank(name: str) -> int:
        for i, lead in enumerate(first):
            if name == lead or (lead.endswith(".") and name.startswith(lead)):
                return i
        return len(first)

    table = Table("field", "value", title=title, min_width=len(title))
    table.columns[1].overflow = "fold"
    for name, shown in sorted(view.rows(value, now), key=lambda row: rank(row[0])):
        table.add_row(name, Text(shown))  # Text: chain data is never read as rich markup
    return table


def one_row(label: str, value: str) -> Table:
    table = Table(show_header=False)
    table.add_column(overflow="fold")
    table.add_column(overflow="fold")
    table.add_row(label, value)
    return table


def table(*headers: str, title: str) -> Table:
    """A table whose columns fold long values (addresses) instead of cutting them."""
    out = Table(title=title, min_width=len(title))  # a title with an address is never folded
    for header in headers:
        out.add_column(header, overflow="fold")
    return out


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


# For commands with a numeric argument: `-1` reaches the argument (and its "must be
# positive" check) instead of being read as an unknown option `-1`.
NEGATIVE_NUMBERS = {"ignore_unknown_options": True}


def example(*lines: str) -> str:
    """A command's --help epilog: its examples."""
    return "Example:\n\n" + "\n\n".join(f"    {line}" for line in lines)


# --- parsers: each bad value is one line and exit status 1


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


def gpu_key(text: str) -> str:
    """How GPU names compare: case, spaces, dashes and a vendor prefix do not matter."""
    key = re.sub(r"[\s_\-]+", "", text.lower())
    return re.sub(r"^(nvidia)?(geforce)?", "", key)


def parse_gpu(text: str) -> GpuModel:
    """A GPU model by any common spelling: `RTX 4090`, `RTX4090`, `rtx-4090`, `NVIDIA H100`."""
    for model in GpuModel:
        if gpu_key(model.name) == gpu_key(text):
            return model
    raise fail(f"unknown GpuModel {text!r}: one of {', '.join(gpu_names())}")


def gpu_names() -> list[str]:
    return [model_name(m) for m in GpuModel]


def model_name(model: GpuModel) -> str:
    """The marketing spelling: `RTX 4090`, `H100`."""
    return re.sub(r"^Rtx(\d+)$", r"RTX \1", model.name)


def gpu_models_help() -> str:
    """The registry's hardware rules as a --help table: model, tier, expected TFLOPS,
    default VRAM (read from `ionet_sdk.registry`, the SDK's one copy)."""
    rows = []
    for model in GpuModel:
        vram = registry.DEFAULT_VRAM_GB.get(model)
        rows.append(
            f"    {model_name(model):<9} {registry.EXPECTED_TFLOPS[model]:>4} TFLOPS   "
            + (f"{vram} GB" if vram else "no default: give --vram")
        )
    return "GPU models (expected dense FP16 TFLOPS per GPU; default VRAM per GPU):\n\n" + "\n".join(rows)


def parse_units(text: str, *, decimals: int, unit: str, zero_ok: bool = False) -> int:
    """A decimal amount of a token with `decimals` decimals, as base units: finite, positive
    (or zero when `zero_ok`), no more decimals than the token has, at most u64 base units."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise fail(f"{text!a} is not an amount of {unit}") from None
    if not value.is_finite():
        raise fail(f"amount must be a finite number of {unit}, not {text}")
    if not ASCII_DECIMAL.fullmatch(text):
        raise fail(
            f"{text!a} is not an amount of {unit}: ASCII digits, at most one decimal point (e.g. 12.5)"
        )
    if value < 0 or (value == 0 and not zero_ok):
        raise fail(f"amount must be {'zero or ' if zero_ok else ''}positive, not {text}")
    largest = Decimal(U64).scaleb(-decimals)
    if value.adjusted() > 30 or value > largest:
        raise fail(f"{text} {unit} is more than the largest amount, {largest:f} {unit} (u64 base units)")
    base = value.scaleb(decimals)
    if base != base.to_integral_value():
        raise fail(f"{text} has more than {decimals} decimals ({unit} has {decimals})")
    return int(base)


def parse_amount(text: str, *, zero_ok: bool = False) -> int:
    """IO with up to 8 decimals, positive, as base units (1e8 per IO)."""
    return parse_units(text, decimals=IO_DECIMALS, unit="IO", zero_ok=zero_ok)


def parse_sol(text: str) -> int:
    """SOL with up to 9 decimals, positive, as lamports."""
    return parse_units(text, decimals=SOL_DECIMALS, unit="SOL")


def parse_cuda(text: str) -> tuple[int, int]:
    major, _, minor = text.partition(".")
    if (
        not (ASCII_INT.fullmatch(major) and ASCII_INT.fullmatch(minor or "0"))
        or int(major) > U8
        or int(minor or "0") > U8
    ):
        raise fail(f"CUDA version {text!a} must look like 12.4 (each part at most {U8})")
    return int(major), int(minor or "0")


def parse_hash(text: str) -> bytes:
    """32 bytes as 64 hex digits, or the sha256 of any other text (a document, a URL)."""
    try:
        raw = bytes.fromhex(text)
    except ValueError:
        raw = b""
    return raw if len(raw) == 32 else hashlib.sha256(text.encode()).digest()
