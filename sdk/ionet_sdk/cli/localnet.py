"""`ionet localnet start|stop|status`, `ionet deploy`, `ionet airdrop`."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Annotated
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
from ionet_sdk.localnet import LocalValidator
from ionet_sdk.rpc import RpcConnection

app = typer.Typer(help="A local validator process (ionet localnet).", no_args_is_help=True)
LOCALNET_DIR = Path(".localnet")


def _state_file() -> Path:
    return LOCALNET_DIR / "state.json"


@app.command("start", epilog=example("ionet localnet start", "ionet localnet start --port 8999"))
def start(
    ctx: typer.Context,
    port: Annotated[
        int | None, typer.Option(min=1, max=65_535, help="RPC port (default: the --url's, 8899)")
    ] = None,
    authority: Annotated[
        Path | None, typer.Option(help="upgrade authority keypair (default: the --keypair)")
    ] = None,
) -> None:
    """Start the LiteSVM-backed validator in the background (state in ./.localnet).

    The programs' upgrade authority is your --keypair (default
    ~/.config/solana/id.json, created as `solana-keygen new` would if missing), as
    `anchor localnet` makes your wallet the authority: `ionet deploy` then works
    with no options, and the key starts with 1,000 SOL."""
    if _state_file().exists():
        raise fail(f"a localnet is already recorded in {_state_file()}: ionet localnet stop")
    LOCALNET_DIR.mkdir(exist_ok=True)
    keypair = load_or_fail(authority) if authority else default_keypair(ctx.obj.keypair)
    port = port or urlsplit(cluster_url(ctx.obj.url)).port or 8899
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
    owner = authority or ctx.obj.keypair
    typer.echo(
        f"localnet running at {validator.url} (pid {process.pid}); "
        f"upgrade authority {keypair.pubkey()} ({owner})"
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


@app.command("stop", epilog=example("ionet localnet stop"))
def stop() -> None:
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


@app.command("status", epilog=example("ionet localnet status"))
def status(ctx: typer.Context) -> None:
    """Whether the validator at --url answers."""

    async def work(client: IonetClient) -> int:
        return (await client.conn.get_clock()).slot

    slot = run(ctx, work)
    typer.echo(f"{cluster_url(ctx.obj.url)}: healthy, slot {slot}")


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
