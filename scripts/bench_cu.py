#!/usr/bin/env python3
"""Compute units per instruction, measured on the embedded SVM (the SBF programs in LiteSVM).

    python scripts/bench_cu.py [--markdown]

Runs every registry, escrow and IO token instruction in the state a real node or job
would be in, and prints instruction, compute units, the budget from the issue
tracker and whether it fits. Batch instructions (job_assign, job_settle) are
shown per node: job_assign over several batches (its canonical-bump search
varies with the addresses: 1,500 CU per try), job_settle for the largest
batch the SDK builds in one transaction (`escrow.MAX_SETTLE_RUNS` runs, bounded
by the runtime's 10,000-byte log limit: scripts/bench_logs.py). A measurement, not a test: it exits 0 whatever
the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics

from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk import escrow, lookup_tables, pda, registry, token, tx
from ionet_sdk._generated.ionet_escrow.constants import DISPUTE_RESOLUTION_SECS
from ionet_sdk._generated.ionet_escrow.types import ConfigUpdateArgs as EscrowConfigUpdateArgs
from ionet_sdk._generated.ionet_registry.constants import APPEAL_RESOLUTION_SECS, NODE_SEED
from ionet_sdk._generated.ionet_registry.types import ConfigUpdateArgs, JobOutcome, Offense
from ionet_sdk.connection import SendResult
from ionet_sdk.defaults import ESCROW_PARAMS, IO, REGISTRY_PARAMS, TOKEN_PARAMS
from ionet_sdk.liveness import LivenessLeaf
from ionet_sdk.merkle import MerkleTree
from ionet_sdk.programs import REGISTRY_ID
from ionet_sdk.testing.escrow import EscrowSandbox, JobHandle
from ionet_sdk.testing.registry import NodeHandle, RegistrySandbox
from ionet_sdk.testing.token import TokenSandbox

SYNC_TREE_LEAVES = 4_096
"""Leaves of the tree `node_sync` is measured with here (bench_scale.py: 200,000)."""
BUDGETS = {
    "config_init": 15_000,
    "node_register": 15_000,
    "node_attest": 10_000,
    "stake_deposit": 15_000,
    "stake_withdraw": 15_000,
    "slash_execute": 20_000,
    "job_create": 25_000,
    "job_assign (per node, mean of 6 batches of 8)": 12_000,
    "job_assign (per node, worst batch of 8)": 12_000,
    "job_report_usage": 8_000,
    f"job_settle (per node, {escrow.MAX_SETTLE_RUNS} runs in one tx)": 10_000,
    "emission_mint_epoch": 20_000,
    "rewards_claim": 20_000,
    "fees_burn": 15_000,
}
HOUR = 3_600
OPERATORS = 200
"""How many random operators `node_register`'s spread is measured over."""


def program_units(result: SendResult, program: str) -> int:
    """The compute units the top-level instruction of `program` consumed, from the
    runtime's `Program <id> consumed N of M compute units` log line (a transaction's
    total also counts the other instructions in it, such as creating the vault)."""
    depth = 0
    for line in result.logs:
        if re.fullmatch(rf"Program {program} invoke \[\d+\]", line):
            depth += 1
        m = re.fullmatch(rf"Program {program} consumed (\d+) of \d+ compute units", line)
        if m and depth == 1:
            return int(m.group(1))
        if m:
            depth -= 1
    raise ValueError(f"no top-level consumption of {program} in the logs")


async def measure_register_spread(operators: int = OPERATORS) -> list[tuple[int, int]]:
    """(bump tries, CU of node_register alone) for `operators` random operators: creating
    the node PDA searches for its canonical bump from 255 down, 1,500 CU per try, and how
    many tries it takes depends on the operator's key (P(more than k) = 2^-k)."""
    env = await RegistrySandbox().setup()
    out = []
    for _ in range(operators):
        node = await env.register()
        seeds = [NODE_SEED, bytes(node.operator.pubkey()), node.node_id.to_bytes(8, "little")]
        _, bump = Pubkey.find_program_address(seeds, REGISTRY_ID)
        out.append((256 - bump, program_units(env.last_result, str(REGISTRY_ID))))
    return out


def print_register_spread(spread: list[tuple[int, int]], budget: int) -> None:
    units = sorted(u for _, u in spread)
    p99 = units[min(len(units) - 1, (len(units) * 99) // 100)]
    print(f"\nnode_register over {len(units)} random operators (CU of the instruction alone)")
    print(f"{'bump tries':>10}{'operators':>11}{'CU':>9}")
    for tries in sorted({t for t, _ in spread}):
        at = [u for t, u in spread if t == tries]
        print(f"{tries:>10}{len(at):>11}{max(at):>9,}")
    print(
        f"min {units[0]:,}  median {int(statistics.median(units)):,}  p99 {p99:,}  max {units[-1]:,}"
        f"  (budget {budget:,}; over it: {sum(u > budget for u in units)} of {len(units)})"
    )


async def measure() -> dict[str, int]:
    env = await RegistrySandbox().setup()
    cu = {"config_init": env.config_init_result.compute_units}
    update = ConfigUpdateArgs(
        admin=None,
        slashing_authority=None,
        job_authority=Keypair().pubkey(),
        verifiers=None,
        params=None,
        oracles=None,
    )
    cu["config_update"] = (
        await env.send([registry.build_config_update_ix(env.admin.pubkey(), update)], env.admin)
    ).compute_units
    await env.refresh_config()

    node = await env.register()
    op = node.operator.pubkey()
    cu["node_register"] = program_units(env.last_result, str(REGISTRY_ID))
    cu["node_register + its vault (one tx)"] = env.last_result.compute_units
    cu["node_attest (first: creates the fingerprint index)"] = (await env.attest(node)).compute_units
    cu["stake_deposit"] = (await env.deposit(node, await env.min_stake(node) + 500 * IO)).compute_units
    await env.prove_live(node)  # an oracle root, its challenge window, the sync: Active
    cu["node_sync (1-leaf tree: activates the node)"] = env.last_result.compute_units
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
                    oracles=None,
                ),
            )
        ],
        env.admin,
    )
    commit = registry.build_node_job_commit_ix([(node.address, 8)], jobs.pubkey())
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
    close = registry.build_slash_close_ix(node.address, 0, slasher)
    cu["slash_close"] = (await env.send([close], env.payer)).compute_units
    # An appeal the admin leaves undecided past its deadline lapses (overturned).
    propose = registry.build_slash_propose_ix(
        node.address, 1, proposer=slasher, payer=slasher, offense=Offense.JobFailure, evidence_hash=bytes(32)
    )
    appeal = registry.build_slash_appeal_ix(node.address, 1, op, bytes(32))
    await env.send([propose, appeal], env.slasher, [node.operator])
    env.conn.warp(REGISTRY_PARAMS.appeal_window_secs + APPEAL_RESOLUTION_SECS)
    lapse = registry.build_slash_appeal_lapse_ix(node.address, 1)
    cu["slash_appeal_lapse"] = (await env.send([lapse], env.payer)).compute_units
    await env.send([registry.build_slash_close_ix(node.address, 1, slasher)], env.payer)

    # Back to Active (the unbonding wait outlived the attestation), then stale: the crank.
    cu["node_attest (again: the index exists)"] = (await env.attest(node)).compute_units
    await env.deposit(node, await env.min_stake(node) - (await env.node(node)).bonded)
    await env.prove_live(node)
    env.conn.warp(env.config.params.liveness_max_age_secs + 1)
    crank = registry.build_node_mark_inactive_ix(node.address, env.payer.pubkey())
    cu["node_mark_inactive"] = (await env.send([crank], env.payer)).compute_units

    other = await env.register()
    deregister = registry.build_node_deregister_ix(
        env.config, other.address, other.vault, other.operator.pubkey()
    )
    cu["node_deregister"] = (await env.send([deregister], other.operator)).compute_units
    cu.update(await measure_liveness(env, node))
    return cu


async def measure_liveness(env: RegistrySandbox, node: NodeHandle) -> dict[str, int]:
    """The oracle-root path: two votes of a 2-of-3 quorum, a sync with a real proof in a
    4,096-leaf tree (12 siblings; scripts/bench_scale.py measures 200,000 leaves), and an
    equivocation report (its ed25519 precompile instruction is not counted: precompiles
    use no compute units)."""
    cu: dict[str, int] = {}
    oracles = await env.set_oracles(3, quorum=2)
    agent = node.agent.pubkey()
    epoch = (await env.node(node)).synced_epoch + 1
    before = env.proven.get(node.address, LivenessLeaf.empty(node.address, agent))
    mine = before.next(
        epoch, epoch_uptime=HOUR, observed=HOUR, heartbeats=60, last_seen=0, agent=agent, tier=0, gpu_count=8
    )
    others = [
        LivenessLeaf.empty(Pubkey.new_unique(), Pubkey.new_unique()) for _ in range(SYNC_TREE_LEAVES - 1)
    ]
    ordered = sorted([mine, *others], key=lambda leaf: bytes(leaf.node))
    tree = MerkleTree([leaf.to_bytes() for leaf in ordered])
    first = await env.vote_root(oracles[0], epoch, tree)
    cu["liveness_root_commit (first vote: creates the epoch root)"] = first.compute_units
    quorum = await env.vote_root(oracles[1], epoch, tree)
    cu["liveness_root_commit (the quorum's vote)"] = quorum.compute_units
    env.conn.warp(env.config.params.root_challenge_secs)
    label = f"node_sync ({SYNC_TREE_LEAVES:,} leaves, {len(tree.proof(0).siblings)} siblings)"
    cu[label] = (await env.sync(node, epoch, tree, mine)).compute_units
    a = env.statement(oracles[2], epoch, tree.root, tree.leaf_count)
    b = env.statement(oracles[2], epoch, bytes(32), 1)
    reporter = env.payer
    result = await env.send(registry.build_liveness_equivocation_ixs(reporter.pubkey(), a, b), reporter)
    cu["liveness_equivocation"] = program_units(result, str(REGISTRY_ID))
    return cu


async def running_job(env: EscrowSandbox, nodes: list[NodeHandle]) -> JobHandle:
    job = await env.create_job(gpu_count=8 * len(nodes))
    for start in range(0, len(nodes), 8):
        await env.assign(job, *nodes[start : start + 8])
    for node in nodes:
        await env.start(job, node)
    return job


async def measure_escrow() -> dict[str, int]:
    env = await EscrowSandbox().setup(init_escrow=False)
    cu = {"escrow config_init": (await env.send([env.escrow_config_init_ix()], env.deployer)).compute_units}
    await env.refresh_escrow_config()
    update = EscrowConfigUpdateArgs(admin=None, matcher=None, arbiter=None, params=ESCROW_PARAMS)
    cu["escrow config_update"] = (
        await env.send([escrow.build_config_update_ix(env.admin.pubkey(), update)], env.admin)
    ).compute_units
    await env.send(
        [
            registry.build_config_update_ix(
                env.admin.pubkey(),
                ConfigUpdateArgs(
                    admin=None,
                    slashing_authority=None,
                    job_authority=pda.escrow_authority(),
                    verifiers=None,
                    params=None,
                    oracles=None,
                ),
            )
        ],
        env.admin,
    )
    await env.refresh_config()

    nodes = [await env.active_node() for _ in range(16)]
    per_node = []
    for _ in range(3):  # three jobs of 16 nodes, two batches of 8 each
        big = await env.create_job(gpu_count=128)
        for start in (0, 8):
            result = await env.assign(big, *nodes[start : start + 8])
            per_node.append(result.compute_units // 8)
        await env.cancel(big)
        await env.settle(big, *nodes[:8])
        await env.settle(big, *nodes[8:])
    cu["job_assign (per node, mean of 6 batches of 8)"] = sum(per_node) // len(per_node)
    cu["job_assign (per node, worst batch of 8)"] = max(per_node)
    job = await env.create_job(gpu_count=8)
    cu["job_create"] = env.last_result.compute_units
    cu["job_assign, one node alone"] = (await env.assign(job, nodes[0])).compute_units

    cu["job_start"] = (await env.start(job, nodes[0])).compute_units
    env.conn.warp(HOUR)
    cu["job_report_usage"] = (await env.report(job, nodes[0], 8 * HOUR)).compute_units
    cu["job_complete"] = (await env.complete(job)).compute_units
    cu["job_dispute"] = (await env.dispute(job)).compute_units
    cu["job_resolve"] = (await env.resolve(job, founded=False)).compute_units
    cu["job_settle + job_finalize, one run alone"] = (await env.settle(job, nodes[0])).compute_units
    cu["job_close"] = (await env.close(job)).compute_units

    await env.prove_live(*nodes)  # one oracle root for all of them
    cluster = await running_job(env, nodes)
    env.conn.warp(HOUR)
    for node in nodes:
        await env.report(cluster, node, 8 * HOUR)
    await env.complete(cluster)
    env.conn.warp(ESCROW_PARAMS.challenge_window_secs)
    batch = escrow.MAX_SETTLE_RUNS
    settle = await env.settle_ix(cluster, nodes[:batch])
    table = await lookup_tables.create_lookup_table(
        env.conn, env.payer, [m.pubkey for m in settle.accounts] + [settle.program_id]
    )
    result = await tx.send(env.conn, [settle], env.payer, unit_limit=1_400_000, lookup_tables=[table])
    cu[f"job_settle (per node, {batch} runs in one tx)"] = result.compute_units // batch
    await env.settle(cluster, *nodes[batch:], finalize=False)
    cu["job_finalize (burn through the IO token, treasury, refund)"] = (
        await env.finalize(cluster)
    ).compute_units

    pending = await env.create_job(gpu_count=8)
    cu["job_cancel"] = (await env.cancel(pending)).compute_units
    await env.prove_live(*nodes[:2])
    late = await env.create_job(gpu_count=16)
    await env.assign(late, nodes[0], nodes[1])
    await env.start(late, nodes[0])
    env.conn.warp(ESCROW_PARAMS.report_timeout_secs + 1)  # no receipt since the start; deadline passed
    cu["job_timeout (started, silent: refund, release, slash proposal)"] = (
        await env.timeout(late, nodes[0])
    ).compute_units
    cu["job_timeout (never started: refund, release)"] = (await env.timeout(late, nodes[1])).compute_units

    await env.prove_live(nodes[2])
    disputed = await running_job(env, [nodes[2]])
    await env.complete(disputed)
    await env.dispute(disputed)
    env.conn.warp(DISPUTE_RESOLUTION_SECS)
    lapse = escrow.build_job_dispute_lapse_ix(env.escrow_config, disputed.address, await env.job(disputed))
    cu["job_dispute_lapse"] = (await env.send([lapse], env.payer)).compute_units
    return cu


async def measure_token() -> dict[str, int]:
    market = await EscrowSandbox().setup()
    io = market.io
    cu = {"token_init": 0}
    fresh = TokenSandbox()
    await fresh.setup()
    cu["token_init"] = fresh.last_result.compute_units
    holder = Keypair()
    market.conn.airdrop(holder.pubkey(), 10**9)
    cu["genesis_mint"] = (
        await fresh.send(
            [token.build_genesis_mint_ix(fresh.admin.pubkey(), await fresh.account(holder), IO)], fresh.admin
        )
    ).compute_units
    cu["fees_burn"] = (await fresh.burn(holder, IO // 2, compute_spend=IO, fees=IO // 2)).compute_units

    # Rewards, on a node that worked an hour in the marketplace.
    node = await market.active_node()
    await market.send([token.build_rewards_open_ix(node.address, market.payer.pubkey())], market.payer)
    cu["rewards_open"] = market.last_result.compute_units
    job = await running_job(market, [node])
    market.conn.warp(HOUR)
    await market.report(job, node, 8 * HOUR)
    await market.complete(job)
    market.conn.warp(ESCROW_PARAMS.challenge_window_secs)
    await market.settle(job, node)
    config = await io.config()
    epoch = (await market.now() - config.genesis_time) // config.epoch_secs
    cu["rewards_accrue"] = (
        await market.send([token.build_rewards_accrue_ix(node.address)], market.payer)
    ).compute_units
    market.conn.warp(config.genesis_time + (epoch + 1) * config.epoch_secs - await market.now())
    while (await io.config()).epochs_minted <= epoch:
        cu["emission_mint_epoch"] = (await io.crank()).compute_units
    assert node.token_account is not None
    claim = token.build_rewards_claim_ix(node.address, node.operator.pubkey(), node.token_account, [epoch])
    cu["rewards_claim"] = (await market.send([claim], node.operator)).compute_units
    admin = io.admin.pubkey()
    cu["params_propose"] = (
        await io.send([token.build_params_propose_ix(admin, TOKEN_PARAMS)], io.admin)
    ).compute_units
    market.conn.warp(TOKEN_PARAMS.timelock_secs)
    cu["params_execute"] = (await io.send([token.build_params_execute_ix(admin)], io.admin)).compute_units
    idle = await market.register()
    await market.send([token.build_rewards_open_ix(idle.address, market.payer.pubkey())], market.payer)
    close = token.build_rewards_close_ix(idle.address, idle.operator.pubkey())
    cu["rewards_close"] = (await market.send([close], idle.operator)).compute_units
    return cu


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()
    cu = asyncio.run(measure())
    cu.update(asyncio.run(measure_escrow()))
    cu.update(asyncio.run(measure_token()))
    spread = asyncio.run(measure_register_spread())
    rows = [(name, units, BUDGETS.get(name, BUDGETS.get(name.split(" ")[0]))) for name, units in cu.items()]
    if args.markdown:
        print("| instruction | compute units | budget | within |\n|---|---:|---:|---|")
    else:
        print(f"{'instruction':<52}{'CU':>9}{'budget':>9}  within")
    for name, units, budget in rows:
        limit = "" if budget is None else f"{budget:,}"
        ok = "" if budget is None else ("yes" if units <= budget else "no")
        if args.markdown:
            print(f"| {name} | {units:,} | {limit} | {ok} |")
        else:
            print(f"{name:<52}{units:>9,}{limit:>9}  {ok}")
    print_register_spread(spread, BUDGETS["node_register"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
