#!/usr/bin/env python3
"""SDK benchmarks: decode rate against borsh-construct, build + sign rate, round trips.

    scripts/bench-sdk [--accounts 100000] [--builds 20000] [--round-trips 2000]

(scripts/bench-sdk runs this file with the project virtualenv.)

1. Decodes one real node account (registered, attested and bonded on the
   embedded SVM) N times with ionet_sdk's generated decoder and N times with
   borsh-construct, the library anchorpy decodes with, using a schema built from
   the same IDL; both decodes are checked to agree. borsh-construct pins an old
   construct-typing that solana-py cannot use, so it runs in its own virtualenv
   (`.venv-bench`, created on first use) and reports its timing back.
2. Builds and signs stake-deposit transactions (v0 message, one signature; the
   operator bonds 1 base unit: a small, always-valid transaction).
3. Round trips on the embedded connection: build, sign, send, read back.
4. End-to-end latency against a validator process over HTTP JSON-RPC
   (`LocalValidator`): a 1-base-unit stake deposit built, signed, sent, confirmed
   and the node account read back, per transaction (p50, p95, max).
Prints the tables. A measurement, not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path

from solders.keypair import Keypair

from ionet_sdk import registry, tx
from ionet_sdk._generated.ionet_registry.accounts import Node
from ionet_sdk.client import IonetClient
from ionet_sdk.defaults import IO
from ionet_sdk.deploy import Plan, deploy
from ionet_sdk.localnet import LocalValidator
from ionet_sdk.rpc import RpcConnection
from ionet_sdk.testing.registry import SOL, RegistrySandbox, hardware, measurement

REPO = Path(__file__).resolve().parent.parent
BENCH_VENV = REPO / ".venv-bench"
BORSH_CONSTRUCT = "borsh-construct==0.1.0"

# Runs in .venv-bench: builds a borsh-construct schema for the IDL's Node type and
# times decoding. Prints {"seconds": ..., "sample": {...}}.
BORSH_SIDE = r"""
import json, sys, time
import borsh_construct as b
import construct

idl = json.load(open(sys.argv[1]))
data = bytes.fromhex(sys.stdin.read().strip())
n = int(sys.argv[2])
types = {t["name"]: t for t in idl["types"]}
prim = {"u8": b.U8, "u16": b.U16, "u32": b.U32, "u64": b.U64, "i64": b.I64, "bool": b.Bool}

def layout(t):
    if isinstance(t, str):
        return construct.Bytes(32) if t == "pubkey" else prim[t]
    if "array" in t:
        return layout(t["array"][0])[t["array"][1]]
    return struct(t["defined"]["name"])

def struct(name):
    fields = types[name]["type"]["fields"]
    return b.CStruct(*[f["name"] / layout(f["type"]) for f in fields])

node = struct("Node")
start = time.perf_counter()
for _ in range(n):
    decoded = node.parse(data[8:])
seconds = time.perf_counter() - start
sample = {k: (v.hex() if isinstance(v, bytes) else v) for k, v in decoded.items()
          if k in ("node_id", "bonded", "operator", "uptime_bps", "reputation_bps", "status")}
print(json.dumps({"seconds": seconds, "sample": sample}))
"""


def ensure_bench_venv() -> Path:
    python = BENCH_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(BENCH_VENV)], check=True)
    check = subprocess.run([str(python), "-c", "import borsh_construct"], check=False, capture_output=True)
    if check.returncode != 0:
        subprocess.run([str(python), "-m", "pip", "install", "-q", BORSH_CONSTRUCT], check=True)
    return python


async def node_account() -> tuple[RegistrySandbox, bytes]:
    env = await RegistrySandbox().setup()
    handle = await env.register()
    await env.activate(handle)
    info = await env.conn.get_account(handle.address)
    assert info is not None
    env.last_handle = handle  # type: ignore[attr-defined]
    return env, info.data


async def rpc_latencies(count: int) -> list[float]:
    """Seconds per stake-deposit round trip against a validator process (JSON-RPC over HTTP)."""
    admin, operator, agent = Keypair(), Keypair(), Keypair()
    async with LocalValidator(upgrade_authority=admin) as validator:
        conn = RpcConnection(validator.url)
        try:
            await deploy(conn, Plan(deployer=admin, admin=admin))
            client = IonetClient(conn, admin)
            for kp in (operator, agent):
                await conn.request_airdrop(kp.pubkey(), SOL)
            stake = 1_100 * IO
            await client.transfer(admin, operator.pubkey(), stake + count)
            spec = hardware(count=1, label="bench-rpc")
            node = await client.register_node(operator, 1, agent.pubkey(), spec)
            await client.stake(operator, node, stake)
            await client.attest(admin, node, measurement(spec))
            latencies = []
            for _ in range(count):
                start = time.perf_counter()
                await client.stake(operator, node, 1)
                await client.node(node)
                latencies.append(time.perf_counter() - start)
            return latencies
        finally:
            await conn.close()


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f}/s"


async def main_async(accounts: int, builds: int, round_trips: int, rpc_trips: int) -> None:
    env, data = await node_account()
    handle = env.last_handle  # type: ignore[attr-defined]

    start = time.perf_counter()
    for _ in range(accounts):
        decoded = Node.decode(data)
    ours = time.perf_counter() - start

    python = ensure_bench_venv()
    idl = REPO / "target" / "idl" / "ionet_registry.json"
    out = subprocess.run(
        [str(python), "-c", BORSH_SIDE, str(idl), str(accounts)],
        input=data.hex(),
        capture_output=True,
        text=True,
        check=True,
    )
    theirs = json.loads(out.stdout)
    sample = theirs["sample"]
    assert (sample["node_id"], sample["bonded"], sample["uptime_bps"], sample["reputation_bps"]) == (
        decoded.node_id,
        decoded.bonded,
        decoded.uptime_bps,
        decoded.reputation_bps,
    ), "the two decoders disagree"
    assert bytes.fromhex(sample["operator"]) == bytes(decoded.operator)

    blockhash = await env.conn.latest_blockhash()
    assert handle.token_account is not None
    deposit = registry.build_stake_deposit_ix(
        env.config, handle.address, handle.vault, handle.operator.pubkey(), handle.token_account, amount=1
    )
    start = time.perf_counter()
    for _ in range(builds):
        ix = registry.build_stake_deposit_ix(
            env.config, handle.address, handle.vault, handle.operator.pubkey(), handle.token_account, amount=1
        )
        tx.build_transaction([ix], handle.operator, [], blockhash)
    build_seconds = time.perf_counter() - start

    start = time.perf_counter()
    for _ in range(round_trips):
        env.conn.warp(30)  # a fresh blockhash: the same deposit again is a new transaction
        await tx.send(env.conn, [deposit], handle.operator)
        await Node.fetch(env.conn, handle.address)
    trip_seconds = time.perf_counter() - start

    borsh_seconds = float(theirs["seconds"])
    rows = [
        ("decode Node (ionet_sdk, struct)", accounts, ours),
        ("decode Node (borsh-construct)", accounts, borsh_seconds),
        ("build + sign stake-deposit tx (v0)", builds, build_seconds),
        ("round trip, embedded SVM", round_trips, trip_seconds),
    ]
    print(f"{'benchmark':<34}{'count':>10}{'time (s)':>12}{'rate':>14}")
    for name, count, seconds in rows:
        print(f"{name:<34}{count:>10,}{seconds:>12.3f}{rate(count, seconds):>14}")
    print(f"{'decode speed-up over borsh-construct':<56}{borsh_seconds / ours:>14.1f}x")

    latencies = sorted(await rpc_latencies(rpc_trips))
    p50, p95 = latencies[len(latencies) // 2], latencies[int(len(latencies) * 0.95)]
    print()
    header = ("count", "p50 ms", "p95 ms", "max ms")
    print(
        f"{'end-to-end over JSON-RPC (stake deposit)':<40}"
        + "".join(f"{h:>9}" for h in header)
        + f"{'rate':>10}"
    )
    print(
        f"{'send + confirm + read back':<40}{len(latencies):>9}{p50 * 1e3:>9.1f}{p95 * 1e3:>9.1f}"
        f"{latencies[-1] * 1e3:>9.1f}{rate(len(latencies), sum(latencies)):>10}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--builds", type=int, default=20_000)
    parser.add_argument("--round-trips", type=int, default=2_000)
    parser.add_argument("--rpc-round-trips", type=int, default=500)
    args = parser.parse_args()
    if min(args.accounts, args.builds, args.round_trips, args.rpc_round_trips) < 1:
        parser.error("counts must be positive")
    asyncio.run(main_async(args.accounts, args.builds, args.round_trips, args.rpc_round_trips))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
