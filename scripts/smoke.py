#!/usr/bin/env python3
"""Smoke scenario on the embedded SVM: deploy the programs, initialize them, run a job.

Runs the SBF programs from target/deploy in solders' LiteSVM (a real SVM,
in-process). Prints what it did and the compute units each step consumed.
Exit status 1 if anything does not behave as specified.
"""

from __future__ import annotations

import asyncio
import sys

from ionet_sdk import pda
from ionet_sdk._generated.ionet_registry import errors, events
from ionet_sdk._generated.ionet_registry.accounts import RegistryConfig
from ionet_sdk.defaults import IO
from ionet_sdk.errors import IonetError
from ionet_sdk.programs import REGISTRY_ID
from ionet_sdk.testing.escrow import EscrowSandbox
from ionet_sdk.testing.registry import SANDBOX_REGISTRY_PARAMS


def row(label: str, value: object) -> None:
    print(f"  {label:<28} {value}")


async def run() -> None:
    world = await EscrowSandbox().setup(init_config=False)
    print(f"deployed ionet_registry at {REGISTRY_ID} (upgrade authority {world.deployer.pubkey()})")
    print(f"created IO mint {world.mint} and treasury {world.treasury.pubkey()}")

    stranger = await world.new_operator()
    try:
        await world.send([world.config_init_ix(stranger.pubkey())], stranger)
    except errors.NotUpgradeAuthority as err:
        print(f"config_init by a stranger rejected: {err}")
    else:
        raise SystemExit("smoke: config_init by a stranger was accepted")

    result = await world.send([world.config_init_ix()], world.deployer)
    config = await RegistryConfig.fetch(world.conn, pda.registry_config())
    if config is None or config.admin != world.admin.pubkey() or config.params != SANDBOX_REGISTRY_PARAMS:
        raise SystemExit("smoke: the config read back does not match what was sent")
    (event,) = events.parse_logs(result.logs)

    print(f"\nconfig_init: {result.compute_units} compute units; event {type(event).__name__}")
    print(f"registry config {pda.registry_config()}:")
    row("admin", config.admin)
    row("slashing authority", config.slashing_authority)
    row("stake mint", config.stake_mint)
    row("verifiers", len(config.verifiers))
    row("base stake per GPU", f"{config.params.base_stake_per_gpu / IO:,.0f} IO")
    row("unbonding period", f"{config.params.unbonding_period_secs // 86_400} days")
    row("tier multipliers (x)", [m / 10_000 for m in config.params.tier_multiplier_bps])
    row("slash per offense (%)", [b / 100 for b in config.params.slash_bps])

    world.config = config
    await world.set_oracles(1, quorum=1)  # the liveness oracle that proves nodes live
    node = await world.register()
    active = await world.activate(node)
    print(
        f"\nnode {node.address}: 8x H100 attested, {active.bonded / IO:,.0f} IO bonded, "
        f"proven live by an oracle root (node_sync {world.last_result.compute_units} CU), "
        f"reputation {active.reputation_bps / 100:.1f}%"
    )

    await world.init_escrow()
    job = await world.create_job(gpu_count=8, duration_hours=2, price_per_gpu_hour=2 * IO)
    escrowed = world.last_result.compute_units
    await world.assign(job, node)
    await world.start(job, node)
    for minute in range(1, 61):  # an hour of work, a usage receipt every minute
        world.conn.warp(60)
        await world.report(job, node, 8 * 60 * minute)
    await world.complete(job)
    world.conn.warp(world.escrow_config.params.challenge_window_secs)
    supply = await world.supply()
    settled = await world.settle(job, node)
    data = await world.job(job)
    burned = supply - await world.supply()
    if data.deposited != data.paid + data.fees + data.refunded or burned != data.fees:
        raise SystemExit("smoke: the job's books do not balance")
    print(f"\njob {job.address}: 8x H100 for 2 h at 2 IO per GPU-hour (job_create {escrowed} CU)")
    row("escrowed", f"{data.deposited / IO:,.2f} IO")
    row("paid to the node", f"{data.paid / IO:,.2f} IO (1 h delivered)")
    row("fee burned", f"{data.fees / IO:,.2f} IO")
    row("refunded to the client", f"{data.refunded / IO:,.2f} IO")
    row("job_settle", f"{settled.compute_units} CU")
    row("node reputation", f"{(await world.node(node)).reputation_bps / 100:.1f}%")
    print("\nsmoke: ok")


def main() -> int:
    try:
        asyncio.run(run())
    except (IonetError, FileNotFoundError) as err:
        print(f"smoke: error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
