#!/usr/bin/env python3
"""Compute units per instruction, measured on the embedded SVM (the SBF programs in LiteSVM).

    python scripts/bench_cu.py [--markdown]

Runs every registry instruction once, in the state a real node would be in,
and prints instruction, compute units, the budget from the issue tracker and
whether it fits. A measurement, not a test: it exits 0 whatever the figures.
"""

from __future__ import annotations

import argparse
import asyncio

from solders.keypair import Keypair

from ionet_sdk import registry
from ionet_sdk._generated.ionet_registry.types import ConfigUpdateArgs, JobOutcome, Offense
from ionet_sdk.defaults import IO, REGISTRY_PARAMS
from ionet_sdk.sandbox import RegistrySandbox

BUDGETS = {
    "config_init": 15_000,
    "node_register": 15_000,
    "node_heartbeat": 5_000,
    "node_attest": 10_000,
    "stake_deposit": 15_000,
    "stake_withdraw": 15_000,
    "slash_execute": 20_000,
}
STALE = REGISTRY_PARAMS.heartbeat_interval_secs + REGISTRY_PARAMS.heartbeat_grace_secs + 1


async def measure() -> dict[str, int]:
    env = await RegistrySandbox().setup()
    cu = {"config_init": env.config_init_result.compute_units}
    update = ConfigUpdateArgs(
        admin=None, slashing_authority=None, job_authority=Keypair().pubkey(), verifiers=None, params=None
    )
    cu["config_update"] = (
        await env.send([registry.build_config_update_ix(env.admin.pubkey(), update)], env.admin)
    ).compute_units
    await env.refresh_config()

    node = await env.register()
    op = node.operator.pubkey()
    cu["node_register"] = env.last_result.compute_units  # includes creating the vault in the same tx
    cu["node_attest"] = (await env.attest(node)).compute_units
    cu["stake_deposit"] = (await env.deposit(node, await env.min_stake(node) + 500 * IO)).compute_units
    cu["node_heartbeat"] = (await env.heartbeat(node)).compute_units
    env.conn.warp(REGISTRY_PARAMS.heartbeat_interval_secs)
    cu["node_heartbeat (steady)"] = (await env.heartbeat(node)).compute_units
    new_agent = Keypair()
    env.conn.airdrop(new_agent.pubkey(), 10**9)
    update_agent = registry.build_node_update_ix(node.address, op, agent=new_agent.pubkey())
    cu["node_update"] = (await env.send([update_agent], node.operator)).compute_units
    node.agent = new_agent
    jobs = env.admin  # stands in for the escrow program's PDA
    await env.send(
        [
            registry.build_config_update_ix(
                env.admin.pubkey(),
                ConfigUpdateArgs(
                    admin=None,
                    slashing_authority=None,
                    job_authority=jobs.pubkey(),
                    verifiers=None,
                    params=None,
                ),
            )
        ],
        env.admin,
    )
    commit = registry.build_node_job_commit_ix(node.address, jobs.pubkey(), 8)
    cu["node_job_commit"] = (await env.send([commit], jobs)).compute_units
    release = registry.build_node_job_release_ix(node.address, jobs.pubkey(), 8, JobOutcome.Completed)
    cu["node_job_release"] = (await env.send([release], jobs)).compute_units
    unstake = registry.build_stake_request_unstake_ix(node.address, op, 500 * IO)
    cu["stake_request_unstake"] = (await env.send([unstake], node.operator)).compute_units
    cu["stake_rebond"] = (
        await env.send([registry.build_stake_rebond_ix(node.address, op)], node.operator)
    ).compute_units
    await env.send([registry.build_stake_request_unstake_ix(node.address, op, 500 * IO)], node.operator)
    env.conn.warp(REGISTRY_PARAMS.unbonding_period_secs)
    assert node.token_account is not None
    withdraw = registry.build_stake_withdraw_ix(env.config, node.address, node.vault, op, node.token_account)
    cu["stake_withdraw"] = (await env.send([withdraw], node.operator)).compute_units

    slasher = env.slasher.pubkey()
    propose = registry.build_slash_propose_ix(
        node.address, 0, proposer=slasher, payer=slasher, offense=Offense.JobFailure, evidence_hash=bytes(32)
    )
    cu["slash_propose"] = (await env.send([propose], env.slasher)).compute_units
    appeal = registry.build_slash_appeal_ix(node.address, 0, op, bytes(32))
    cu["slash_appeal"] = (await env.send([appeal], node.operator)).compute_units
    resolve = registry.build_slash_resolve_ix(node.address, 0, env.admin.pubkey(), uphold=True)
    cu["slash_resolve"] = (await env.send([resolve], env.admin)).compute_units
    execute = registry.build_slash_execute_ix(env.config, node.address, node.vault, 0, env.payer.pubkey())
    cu["slash_execute"] = (await env.send([execute], env.payer)).compute_units

    # Back to Active (the unbonding wait outlived the attestation), then stale: the crank.
    await env.attest(node)
    await env.deposit(node, await env.min_stake(node) - (await env.node(node)).bonded)
    env.conn.warp(REGISTRY_PARAMS.heartbeat_interval_secs)
    await env.heartbeat(node)
    env.conn.warp(STALE)
    crank = registry.build_node_mark_inactive_ix(node.address, env.payer.pubkey())
    cu["node_mark_inactive"] = (await env.send([crank], env.payer)).compute_units

    other = await env.register()
    deregister = registry.build_node_deregister_ix(other.address, other.vault, other.operator.pubkey())
    cu["node_deregister"] = (await env.send([deregister], other.operator)).compute_units
    return cu


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()
    cu = asyncio.run(measure())
    rows = [(name, units, BUDGETS.get(name.split(" ")[0])) for name, units in cu.items()]
    if args.markdown:
        print("| instruction | compute units | budget | within |\n|---|---:|---:|---|")
    else:
        print(f"{'instruction':<28}{'CU':>9}{'budget':>9}  within")
    for name, units, budget in rows:
        limit = "" if budget is None else f"{budget:,}"
        ok = "" if budget is None else ("yes" if units <= budget else "no")
        if args.markdown:
            print(f"| {name} | {units:,} | {limit} | {ok} |")
        else:
            print(f"{name:<28}{units:>9,}{limit:>9}  {ok}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
