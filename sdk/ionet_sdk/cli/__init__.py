"""`ionet`: the command line for operators, clients and authorities.

    ionet [--url localnet|devnet|mainnet-beta|URL] [--keypair FILE] [--json] COMMAND

Human output is rich tables; `--json` prints machine-readable JSON. Bad input
(unknown GPU model, negative amounts, malformed keys, a missing keypair file,
an unreachable RPC, a program error) is one line on stderr and exit status 1,
never a traceback. The --keypair signs as the role each command names
(operator, agent, client, verifier, matcher, admin) and pays the fees.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ionet_sdk.cli import agent, demo, jobs, localnet, nodes, oracle, slashes, token
from ionet_sdk.cli.common import Options
from ionet_sdk.cluster import DEFAULT_KEYPAIR

app = typer.Typer(help=__doc__, no_args_is_help=True, pretty_exceptions_enable=False)
app.add_typer(localnet.app, name="localnet")
app.add_typer(nodes.node_app, name="node")
app.add_typer(nodes.stake_app, name="stake")
app.add_typer(slashes.app, name="slash")
app.add_typer(jobs.app, name="job")
app.add_typer(token.rewards_app, name="rewards")
app.add_typer(token.token_app, name="token")
app.add_typer(token.params_app, name="params")
app.add_typer(oracle.app, name="oracle")
app.add_typer(agent.app, name="agent")
app.command("deploy")(localnet.deploy)
app.command("airdrop")(localnet.airdrop)
app.command("demo")(demo.demo_command)


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


def entry() -> None:
    app()
