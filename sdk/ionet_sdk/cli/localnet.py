"""`ionet localnet start|stop|status|warp`, `ionet deploy`, `ionet airdrop`.

`start` records what it started in `.localnet/state.json`: the pid, its command
line and start time, the port. `status` and `stop` act only on that process and
only after checking it is still the one started (same pid, same command line,
same start time, the RPC port bound by that pid); they never signal anything
else, and say so when the record no longer matches.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

import typer
from solders.keypair import Keypair

from ionet_sdk._generated.ionet_escrow.errors import NotUpgradeAuthority as EscrowNotUpgradeAuthority
from ionet_sdk._generated.ionet_registry.errors import NotUpgradeAuthority
from ionet_sdk._generated.ionet_token.errors import NotUpgradeAuthority as TokenNotUpgradeAuthority
from ionet_sdk.cli.common import example, fail, load_or_fail, one_row, output, parse_pubkey, parse_sol, run
from ionet_sdk.client import IonetClient
from ionet_sdk.cluster import DEFAULT_KEYPAIR, cluster_url, save_keypair
from ionet_sdk.deploy import DeployError, Plan, Report
from ionet_sdk.deploy import deploy as deploy_migration
from ionet_sdk.errors import ConfigError, IonetError
from ionet_sdk.localnet import KINDS, LocalValidator, kind_from_env, rpc
from ionet_sdk.rpc import RpcConnection

app = typer.Typer(help="A local validator process (ionet localnet).", no_args_is_help=True)
LOCALNET_DIR = Path(".localnet")
START_TIMEOUT = {"ionet": 20.0, "solana-test-validator": 120.0}
MAX_WARP_SECONDS = 100 * 365 * 86_400
UNITS = {"s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800}


def _state_file() -> Path:
    return LOCALNET_DIR / "state.json"


# --- which process is ours


def _cmdline(pid: int) -> list[str] | None:
    """The command line of a running process; None once it has exited (a zombie has none)."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part] or None


def _start_ticks(pid: int) -> int | None:
    """The process's start time (clock ticks since boot): a reused pid has another."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[19])


def _listeners(port: int) -> set[int]:
    """The pids with a TCP socket listening on `port` (Linux /proc)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(f"socket:[{fields[9]}]")
    pids: set[int] = set()
    if not inodes:
        return pids
    for fd_dir in Path("/proc").glob("[0-9]*/fd"):
        try:
            for fd in fd_dir.iterdir():
                if os.readlink(fd) in inodes:
                    pids.add(int(fd_dir.parent.name))
                    break
        except OSError:
            continue
    return pids


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _check(state: dict[str, Any]) -> str | None:
    """None when the recorded process is running and is the validator we started; else why not."""
    pid = int(state["pid"])
    if _cmdline(pid) is None:
        return f"pid {pid} is not running"
    if _cmdline(pid) != state["command"] or _start_ticks(pid) != state["started"]:
        return f"pid {pid} is now another process ({' '.join(_cmdline(pid) or [])[:80]})"
    if pid not in _listeners(int(state["port"])):
        return f"pid {pid} does not listen on port {state['port']}"
    return None


def _load_state() -> dict[str, Any]:
    if not _state_file().exists():
        raise fail("no localnet was started here (no .localnet/state.json): ionet localnet start")
    try:
        state: dict[str, Any] = json.loads(_state_file().read_text())
        int(state["pid"]), int(state["port"]), state["command"]  # shape check
    except (ValueError, KeyError, TypeError):
        raise fail(f"{_state_file()} is not a record this command wrote; remove it") from None
    return state


# --- commands


@app.command(
    "start",
    epilog=example(
        "ionet localnet start",
        "ionet localnet start --port 8999",
        "ionet localnet start --validator solana-test-validator --reset",
    ),
)
def start(
    ctx: typer.Context,
    port: Annotated[
        int | None,
        typer.Option(
            min=1, max=65_534, help="RPC port, the websocket is port + 1 (default: the --url's, 8899)"
        ),
    ] = None,
    authority: Annotated[
        Path | None, typer.Option(help="upgrade authority keypair (default: the --keypair)")
    ] = None,
    validator: Annotated[
        str | None,
        typer.Option(help="ionet or solana-test-validator (default: $IONET_VALIDATOR, else ionet)"),
    ] = None,
    reset: Annotated[
        bool, typer.Option(help="start from a clean ledger (default: resume the last state)")
    ] = False,
) -> None:
    """Start a validator in the background (ledger, log and keys in ./.localnet).

    The programs' upgrade authority is your --keypair (default
    ~/.config/solana/id.json, created as `solana-keygen new` would if missing), as
    `anchor localnet` makes your wallet the authority: `ionet deploy` then works
    with no options, and the key starts funded. The embedded validator keeps its state
    in ./.localnet/ledger across restarts unless --reset."""
    try:
        kind = validator or kind_from_env()
    except ConfigError as err:
        raise fail(str(err)) from None
    if kind not in KINDS:
        raise fail(f"unknown validator {kind!r}: one of {', '.join(KINDS)}")
    if _state_file().exists():
        state = _load_state()
        why = _check(state)
        if why is None:
            raise fail(f"a localnet is already running here (pid {state['pid']}, {state['url']})")
        _state_file().unlink()  # the record of a validator that is gone
    port = port or urlsplit(cluster_url(ctx.obj.url)).port or 8899
    for wanted in (port, port + 1):
        if not _port_free(wanted):
            users = ", ".join(str(p) for p in sorted(_listeners(wanted))) or "unknown"
            raise fail(f"port {wanted} is in use (pid {users}): choose another with --port")
    LOCALNET_DIR.mkdir(exist_ok=True)
    keypair = load_or_fail(authority) if authority else default_keypair(ctx.obj.keypair)
    authority_file = save_keypair(keypair, LOCALNET_DIR / "upgrade-authority.json")
    local = LocalValidator(
        kind=kind,
        ledger=LOCALNET_DIR.resolve(),
        port=port,
        upgrade_authority=keypair,
        reset=reset,
    )
    try:
        command = local.command()
    except ConfigError as err:
        raise fail(str(err)) from None
    log_path = LOCALNET_DIR / "validator.log"
    with log_path.open("ab") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + START_TIMEOUT[kind]
    while True:
        if process.poll() is not None:
            tail = log_path.read_text(errors="replace").splitlines()[-3:]
            raise fail(f"the validator exited ({process.returncode}): {' / '.join(tail)}")
        if local.ready() and process.pid in _listeners(port):
            break
        if time.monotonic() > deadline:
            process.terminate()
            process.wait(10)
            raise fail(
                f"the validator did not become ready within {START_TIMEOUT[kind]:.0f} s: see {log_path}"
            )
        time.sleep(0.2)
    state = {
        "pid": process.pid,
        "command": _cmdline(process.pid),
        "started": _start_ticks(process.pid),
        "port": port,
        "url": local.url,
        "kind": kind,
        "authority": str(authority_file),
    }
    _state_file().write_text(json.dumps(state))
    typer.echo(
        f"localnet ({kind}) running at {local.url} (pid {process.pid}); upgrade authority {authority_file}"
    )


@app.command("stop", epilog=example("ionet localnet stop"))
def stop() -> None:
    """Stop the validator `start` started here (terminate, then kill); nothing else."""
    state = _load_state()
    pid = int(state["pid"])
    why = _check(state)
    if why is not None and _cmdline(pid) is not None and "not listen" not in why:
        _state_file().unlink()
        raise fail(f"not stopping: {why}; the record in {_state_file()} was stale and is removed")
    if _cmdline(pid) is None:
        _state_file().unlink()
        typer.echo(f"localnet was not running (pid {pid} had exited); record removed")
        return
    os.kill(pid, signal.SIGTERM)
    for _ in range(100):
        if _cmdline(pid) is None or _start_ticks(pid) != state["started"]:
            break
        time.sleep(0.1)
    else:
        os.kill(pid, signal.SIGKILL)
    _state_file().unlink()
    typer.echo(f"localnet stopped (pid {pid})")


@app.command("status", epilog=example("ionet localnet status"))
def status() -> None:
    """Whether the validator `start` started here is running, is that process, and answers."""
    state = _load_state()
    why = _check(state)
    if why is not None:
        raise fail(f"localnet not running: {why} (recorded in {_state_file()})")
    try:
        slot = int(rpc(state["url"], "getSlot", timeout=5))
    except (OSError, ValueError, IonetError) as err:
        raise fail(f"localnet pid {state['pid']} does not answer at {state['url']}: {err}") from None
    typer.echo(f"{state['url']}: healthy, slot {slot} ({state.get('kind', 'ionet')}, pid {state['pid']})")


def parse_duration(text: str) -> int:
    """'90', '90s', '15m', '3h', '2d', '1w', '1d12h' -> seconds (a whole number, > 0)."""
    cleaned = text.strip().lower().replace(" ", "")
    if re.fullmatch(r"\d+", cleaned):
        seconds = int(cleaned)
    else:
        parts = re.findall(r"(\d+)([smhdw])", cleaned)
        if not parts or "".join(n + u for n, u in parts) != cleaned:
            raise ValueError(f"invalid duration {text!r}: such as 90s, 15m, 3h, 2d, 1w or 1d12h")
        seconds = sum(int(n) * UNITS[u] for n, u in parts)
    if not 0 < seconds <= MAX_WARP_SECONDS:
        raise ValueError(f"invalid duration {text!r}: between 1 second and 100 years")
    return seconds


def _ago(seconds: int) -> str:
    for unit, size in (("d", 86_400), ("h", 3_600), ("m", 60)):
        if seconds >= size:
            return f"{seconds / size:.4g} {unit}"
    return f"{seconds} s"


@app.command("warp", epilog=example("ionet localnet warp 2d", "ionet localnet warp 1d12h"))
def warp(
    ctx: typer.Context,
    duration: Annotated[str, typer.Argument(help="how far: 90s, 15m, 3h, 2d, 1w, 1d12h")],
) -> None:
    """Move the embedded validator's clock forward (ionetWarp), for tests and demos."""
    try:
        seconds = parse_duration(duration)
    except ValueError as err:
        raise fail(str(err)) from None

    async def work(client: IonetClient) -> tuple[int, int]:
        conn = client.conn
        assert isinstance(conn, RpcConnection)
        try:
            clock = await conn.warp(seconds)
        except IonetError as err:
            raise ConfigError(
                f"{conn.url} cannot warp ({str(err).splitlines()[0]}): only the embedded validator "
                "(ionet localnet start --validator ionet) serves ionetWarp"
            ) from None
        return clock.slot, clock.unix_timestamp

    slot, unix = run(ctx, work)
    now = datetime.fromtimestamp(unix, UTC).isoformat().replace("+00:00", "Z")
    output(
        ctx,
        {"seconds": seconds, "slot": slot, "unix_timestamp": unix},
        one_row(f"clock moved {_ago(seconds)}", f"slot {slot}, {now}"),
    )


def default_keypair(path: Path) -> Keypair:
    """The keypair at `path`; the Solana CLI's default file is created if missing
    (`solana-keygen new --no-bip39-passphrase`), and the user told so."""
    if path == DEFAULT_KEYPAIR and not path.expanduser().exists():
        keypair = Keypair()
        file = save_keypair(keypair, path)
        typer.echo(
            f"ionet: created your default keypair {file} (pubkey {keypair.pubkey()}), as solana-keygen "
            "new would; it signs and pays for every ionet and solana command: keep it safe",
            err=True,
        )
        return keypair
    return load_or_fail(path)


def deploy(  # noqa: PLR0917 (typer: one parameter per option)
    ctx: typer.Context,
    admin: Annotated[Path | None, typer.Option(help="admin keypair (default: --keypair)")] = None,
    matcher: Annotated[str | None, typer.Option(help="the matching authority (default: admin)")] = None,
    arbiter: Annotated[str | None, typer.Option(help="the dispute arbiter (default: admin)")] = None,
    verifier: Annotated[list[str] | None, typer.Option(help="a hardware verifier (repeatable)")] = None,
    oracle: Annotated[
        list[str] | None,
        typer.Option(help="a liveness oracle (repeatable; default: admin; quorum a majority)"),
    ] = None,
) -> None:
    """Initialize or verify the IO token, registry and escrow (the deploy migration)."""
    plan = Plan(
        deployer=load_or_fail(ctx.obj.keypair),
        admin=load_or_fail(admin or ctx.obj.keypair),
        matcher=parse_pubkey(matcher) if matcher else None,
        arbiter=parse_pubkey(arbiter) if arbiter else None,
        verifiers=[parse_pubkey(v) for v in verifier or []],
        oracles=[parse_pubkey(o) for o in oracle or []],
    )

    async def work(client: IonetClient) -> Report:
        try:
            return await deploy_migration(client.conn, plan)
        except (TokenNotUpgradeAuthority, NotUpgradeAuthority, EscrowNotUpgradeAuthority):
            raise DeployError(
                f"the --keypair {ctx.obj.keypair} ({plan.deployer.pubkey()}) is not the programs' upgrade "
                "authority: deploy with the key that deployed them (on a localnet: the --keypair that "
                "`ionet localnet start` was given)"
            ) from None

    report = run(ctx, work)
    if ctx.obj.json:
        output(ctx, {"created": report.changed, "verified": report.verified}, one_row("", ""))
    else:
        typer.echo(str(report))


def airdrop(ctx: typer.Context, sol: Annotated[str, typer.Argument(help="SOL, up to 9 decimals")]) -> None:
    """Request SOL for the --keypair (localnet and devnet)."""
    lamports = parse_sol(sol)

    async def work(client: IonetClient) -> str:
        rpc = client.conn
        assert isinstance(rpc, RpcConnection)
        return str(await rpc.request_airdrop(client.payer.pubkey(), lamports))

    signature = run(ctx, work, signer=True)
    output(ctx, {"signature": signature}, one_row(f"airdropped {sol} SOL", signature))
