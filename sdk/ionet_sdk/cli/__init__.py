"""`ionet`: the command line for operators, clients and authorities.

    ionet [--url localnet|devnet|mainnet-beta|URL] [--keypair FILE] [--json] COMMAND

The global options may also follow the command (`ionet node list --json`).
Human output is rich tables; `--json` prints RFC 8259 JSON, errors included
(`{"error": {...}}` on stdout, non-zero exit). A bad value (an unknown GPU
model, a negative, non-finite or too precise amount, a malformed key, a missing
keypair file, an unreachable RPC, a program error) is one line on stderr and
exit status 1, never a traceback; a malformed command line, exit status 2. The
--keypair signs as the role each command names (operator, agent, client,
verifier, matcher, admin) and pays the fees.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from typer._click.exceptions import BadParameter, ClickException, MissingParameter, NoArgsIsHelpError
from typer.core import TyperGroup, _TyperParameter

from ionet_sdk.cli import (
    agent,
    demo,
    indexer,
    jobs,
    keeper,
    keys,
    localnet,
    matcher,
    nodes,
    oracle,
    slashes,
    token,
    verifier,
)
from ionet_sdk.cli.common import NEGATIVE_NUMBERS, Options, example, report_error, set_json_mode
from ionet_sdk.cluster import DEFAULT_KEYPAIR

# The global options: (names, whether each takes a value).
GLOBAL_OPTIONS = {"--url": True, "-u": True, "--keypair": True, "-k": True, "--json": False}


def hoist_global_options(args: Sequence[str]) -> list[str]:
    """Move the global options to the front wherever they appear (before a `--`), so that
    `ionet node list --json` means `ionet --json node list`, as the Solana CLI allows."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest += args[i:]
            break
        name = arg.split("=", 1)[0] if arg.startswith("--") else arg
        takes_value = GLOBAL_OPTIONS.get(name)
        if takes_value is None:
            rest.append(arg)
        elif takes_value and "=" not in arg and i + 1 < len(args):
            front += [arg, args[i + 1]]
            i += 1
        else:
            front.append(arg)
        i += 1
    return front + rest


class AsciiInt:
    """An integer parameter's coercion, refusing what pydantic's lax int would take but no
    user means: `1_000`, ` 5`, `+5`, `5.0`, fullwidth or Arabic-Indic digits. ASCII digits
    (with a leading minus, which the range check then refuses) go on to typer's own check."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        for item in value if isinstance(value, list | tuple) else [value]:
            if isinstance(item, str) and not re.fullmatch(r"-?[0-9]+", item):
                raise BadParameter(f"{item!a} is not a whole number in ASCII digits", ctx=ctx, param=param)
        return self.inner.coerce(value, param, ctx)


def strict_integers(command: Any) -> None:
    """Give every integer parameter of `command` and its subcommands `AsciiInt` coercion."""
    for sub in getattr(command, "commands", {}).values():
        strict_integers(sub)
    for param in getattr(command, "params", []):
        if isinstance(param, _TyperParameter) and param.type_descriptor.annotation is int:
            runtime = param.get_runtime_param()
            if not isinstance(runtime, AsciiInt):
                param._runtime_param = AsciiInt(runtime)  # type: ignore[assignment]


class IonetGroup(TyperGroup):
    """The root command: global options anywhere, every error one line (or JSON)."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        strict_integers(self)
        argv = hoist_global_options(sys.argv[1:] if args is None else args)
        set_json_mode("--json" in argv[: argv.index("--") if "--" in argv else len(argv)])
        code = self._run(argv, prog_name or "ionet", complete_var, **extra)
        if standalone_mode:
            sys.exit(code)
        return code

    def _run(self, argv: list[str], prog_name: str, complete_var: str | None, **extra: Any) -> int:
        try:
            result = super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
        except NoArgsIsHelpError as err:
            if err.format_message().strip():  # rich prints the help as the error is made
                typer.echo(err.format_message())
            return 2
        except ClickException as err:
            where_ctx = getattr(err, "ctx", None)
            where = f" (see: {where_ctx.command_path} --help)" if where_ctx is not None else ""
            message = " ".join(err.format_message().split())
            # A bad value is the user's input, like every other bad input: status 1. A
            # malformed command line (unknown option, missing argument): status 2.
            bad_value = isinstance(err, BadParameter) and not isinstance(err, MissingParameter)
            report_error("InvalidInput" if bad_value else "UsageError", message + where)
            return 1 if bad_value else err.exit_code
        except typer.Abort:
            report_error("Aborted", "aborted")
            return 1
        except Exception as err:  # a bug: still one line, the traceback on request
            if os.environ.get("IONET_TRACEBACK"):
                raise
            report_error("InternalError", f"{type(err).__name__}: {err} (IONET_TRACEBACK=1 shows where)")
            return 1
        return result if isinstance(result, int) else 0


app = typer.Typer(help=__doc__, no_args_is_help=True, pretty_exceptions_enable=False, cls=IonetGroup)
app.add_typer(localnet.app, name="localnet")
app.add_typer(nodes.node_app, name="node")
app.add_typer(nodes.stake_app, name="stake")
app.add_typer(slashes.app, name="slash")
app.add_typer(jobs.app, name="job")
app.add_typer(token.rewards_app, name="rewards")
app.add_typer(token.token_app, name="token")
app.add_typer(token.params_app, name="params")
app.add_typer(oracle.app, name="oracle")
app.add_typer(keeper.app, name="keeper")
app.add_typer(matcher.app, name="matcher")
app.add_typer(agent.app, name="agent")
app.add_typer(verifier.app, name="verifier")
app.add_typer(indexer.app, name="indexer")
DEPLOY_EXAMPLE = example(
    "ionet deploy", "ionet deploy --url devnet --keypair deployer.json --admin admin.json"
)
app.command("deploy", epilog=DEPLOY_EXAMPLE)(localnet.deploy)
app.command(
    "airdrop",
    epilog=example("ionet airdrop 10", "ionet airdrop 0.5 --keypair agent.json"),
    context_settings=NEGATIVE_NUMBERS,
)(localnet.airdrop)
app.command("keygen", epilog=example("ionet keygen agent.json"))(keys.keygen)
app.command("demo", epilog=example("ionet demo", "ionet demo --json > report.json"))(demo.demo_command)


@app.callback()
def main(
    ctx: typer.Context,
    url: Annotated[
        str, typer.Option("--url", "-u", envvar="IONET_URL", help="localnet, devnet, mainnet-beta or a URL")
    ] = "localnet",
    keypair: Annotated[
        Path, typer.Option("--keypair", "-k", help="Solana CLI keypair file")
    ] = DEFAULT_KEYPAIR,
    as_json: Annotated[bool, typer.Option("--json", help="machine-readable output (RFC 8259 JSON)")] = False,
) -> None:
    set_json_mode(as_json)
    ctx.obj = Options(url=url, keypair=keypair, json=as_json)


def entry() -> None:
    app()
