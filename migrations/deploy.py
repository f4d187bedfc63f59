#!/usr/bin/env python3
"""Initialize (or verify) the ionet programs on a cluster, idempotently.

    migrations/deploy.py --url localnet --keypair upgrade-authority.json \\
        --admin admin.json [--matcher PUBKEY] [--arbiter PUBKEY] [--verifier PUBKEY ...]

The steps are `ionet_sdk.deploy.deploy` (also run by `ionet deploy`): the IO
token and its genesis, the treasury, the registry and escrow configs, each only
if missing and verified otherwise; a second run changes nothing and says so.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from solders.pubkey import Pubkey

from ionet_sdk.cluster import load_keypair
from ionet_sdk.deploy import Plan, deploy
from ionet_sdk.errors import ConfigError, IonetError
from ionet_sdk.rpc import RpcConnection


async def main_async(args: argparse.Namespace) -> int:
    plan = Plan(
        deployer=load_keypair(args.keypair),
        admin=load_keypair(args.admin) if args.admin else load_keypair(args.keypair),
        matcher=Pubkey.from_string(args.matcher) if args.matcher else None,
        arbiter=Pubkey.from_string(args.arbiter) if args.arbiter else None,
        verifiers=[Pubkey.from_string(v) for v in args.verifier],
        oracles=[Pubkey.from_string(o) for o in args.oracle],
    )
    conn = RpcConnection(args.url)
    try:
        print(await deploy(conn, plan))
    finally:
        await conn.close()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default="localnet", help="localnet, devnet, mainnet-beta or a URL")
    parser.add_argument(
        "--keypair", type=Path, default=Path("~/.config/solana/id.json"), help="the upgrade authority"
    )
    parser.add_argument(
        "--admin", type=Path, default=None, help="the admin's keypair file (default: --keypair)"
    )
    parser.add_argument("--matcher", default=None)
    parser.add_argument("--arbiter", default=None)
    parser.add_argument("--verifier", action="append", default=[])
    parser.add_argument(
        "--oracle", action="append", default=[], help="a liveness oracle (default: the admin)"
    )
    args = parser.parse_args()
    try:
        return asyncio.run(main_async(args))
    except ValueError as err:  # a malformed pubkey
        print(f"deploy: {err}", file=sys.stderr)
    except (ConfigError, IonetError) as err:
        print(f"deploy: {err}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
