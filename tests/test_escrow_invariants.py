"""Property test: random sequences of job operations across several jobs, through the
real programs on LiteSVM, with the escrow's invariants checked after every step.

After every operation (job_unassign by the matcher or the agent among them), for every job:
- deposited = vault balance + paid + fees + refunded;
- nodes were paid (with fees) no more than price x the GPU-seconds they reported,
  and never more than the deposit;
- a settled job's vault is empty;
and globally: no run is settled twice, the mint's supply fell by exactly the fees
burned, and every node's committed GPUs are the GPUs of its open runs.
Operations that the programs refuse (most random ones) must change nothing; the
checks catch any that did.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass, field

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from solders.pubkey import Pubkey

from ionet_sdk import escrow, pda
from ionet_sdk._generated.ionet_escrow import events
from ionet_sdk._generated.ionet_escrow.accounts import Run
from ionet_sdk._generated.ionet_escrow.types import JobState, RunStatus
from ionet_sdk.defaults import IO
from ionet_sdk.errors import IonetError

from .escrow_env import EscrowEnv, JobHandle, NodeHandle

NODES = 4
JOBS = 3
EXAMPLES = int(os.environ.get("IONET_PROPERTY_EXAMPLES", "100"))

job_slot = st.integers(0, JOBS - 1)
node_slot = st.integers(0, NODES - 1)
Op = tuple[str, tuple[int, ...]]
operation = st.one_of(
    st.tuples(
        st.just("create"), st.tuples(job_slot, st.sampled_from([8, 16]), st.integers(1, 3), st.integers(1, 5))
    ),
    st.tuples(st.just("assign"), st.tuples(job_slot, node_slot)),
    st.tuples(st.just("start"), st.tuples(job_slot, node_slot)),
    st.tuples(st.just("report"), st.tuples(job_slot, node_slot, st.integers(0, 110))),
    st.tuples(
        st.just("live"), st.tuples(st.sampled_from([30, 200, 700, 3_700]), st.integers(0, 2**NODES - 1))
    ),
    st.tuples(st.just("timeout"), st.tuples(job_slot, node_slot)),
    # job_unassign, by the matcher (0) or by the run's agent declining (1)
    st.tuples(st.just("unassign"), st.tuples(job_slot, node_slot, st.integers(0, 1))),
    st.tuples(
        st.just("complete"),
        st.tuples(
            job_slot,
        ),
    ),
    st.tuples(
        st.just("dispute"),
        st.tuples(
            job_slot,
        ),
    ),
    st.tuples(
        st.just("resolve"), st.tuples(job_slot, st.integers(0, 1), st.sampled_from([0, 5_000, 10_000]))
    ),
    st.tuples(
        st.just("settle"),
        st.tuples(
            job_slot,
        ),
    ),
    st.tuples(
        st.just("cancel"),
        st.tuples(
            job_slot,
        ),
    ),
)


@dataclass
class Model:
    """What the test knows independently of the programs."""

    jobs: dict[int, JobHandle] = field(default_factory=dict)
    assigned: dict[int, list[int]] = field(default_factory=dict)
    reported: dict[tuple[Pubkey, Pubkey], int] = field(default_factory=dict)
    settled_runs: set[Pubkey] = field(default_factory=set)
    burned: int = 0
    bonds_lost: dict[Pubkey, int] = field(default_factory=dict)
    minted: int = 0
    succeeded: set[str] = field(default_factory=set)


async def apply(env: EscrowEnv, nodes: list[NodeHandle], model: Model, op: Op) -> None:
    name, args = op
    job = model.jobs.get(args[0]) if name not in ("live", "create") else None
    if name == "create":
        slot, gpus, hours, price = args
        if slot in model.jobs and JobState((await env.job(model.jobs[slot])).state) != JobState.Settled:
            return
        before = await env.supply()  # a new client is funded: minted outside the escrow
        try:
            model.jobs[slot] = await env.create_job(
                gpu_count=gpus, duration_hours=hours, price_per_gpu_hour=price * IO
            )
            model.assigned[slot] = []
        finally:
            model.minted += await env.supply() - before
    elif name == "live":
        seconds, mask = args
        env.conn.warp(seconds)
        # The masked nodes are proven live by an oracle root (one challenge window later).
        if heard := [node for i, node in enumerate(nodes) if mask >> i & 1]:
            await env.prove_live(*heard)
    elif job is None:
        return
    elif name == "assign":
        await env.assign(job, nodes[args[1]])
        model.assigned[args[0]].append(args[1])
    elif name == "start":
        await env.start(job, nodes[args[1]])
    elif name == "report":
        node = nodes[args[1]]
        run = await Run.fetch(env.conn, pda.run(job.address, node.address))
        if run is None:
            return
        now = await env.now()
        data = await env.job(job)
        until = min(now, data.completed_at) if data.completed_at else now
        cap = run.gpus * max(0, min(until - run.started_at, data.duration_hours * 3_600))
        gpu_seconds = cap * args[2] // 100
        await env.report(job, node, gpu_seconds)
        model.reported[(job.address, node.address)] = gpu_seconds
    elif name == "timeout":
        await env.timeout(job, nodes[args[1]])
    elif name == "unassign":
        node = nodes[args[1]]
        signer = node.agent if args[2] else env.matcher
        ix = escrow.build_job_unassign_ix(
            job.address, node.address, rent_payer=env.payer.pubkey(), signer=signer.pubkey()
        )
        await env.send([ix], signer)
    elif name == "complete":
        await env.complete(job)
    elif name == "dispute":
        await env.dispute(job)
    elif name == "resolve":
        bond = (await env.job(job)).dispute_bond
        await env.resolve(job, founded=bool(args[1]), payout_bps=args[2])
        if not args[1]:
            model.bonds_lost[job.address] = model.bonds_lost.get(job.address, 0) + bond
    elif name == "settle":
        open_nodes = [
            nodes[i]
            for i in model.assigned[args[0]]
            if await env.conn.get_account(pda.run(job.address, nodes[i].address)) is not None
        ]
        if not open_nodes:
            return
        result = await env.settle(job, *open_nodes)
        for event in events.parse_logs(result.logs):
            if isinstance(event, events.RunSettled):
                assert event.run not in model.settled_runs, "a run was settled twice"
                model.settled_runs.add(event.run)
            if isinstance(event, events.JobSettled):
                model.burned += event.fees_burned
    elif name == "cancel":
        await env.cancel(job)


async def check(env: EscrowEnv, nodes: list[NodeHandle], model: Model, supply: int) -> None:
    committed = {n.address: 0 for n in nodes}
    active = {n.address: 0 for n in nodes}
    for slot, job in model.jobs.items():
        data = await env.job(job)
        vault = await env.vault_balance(job)
        assert data.deposited == vault + data.paid + data.fees + data.refunded, f"job {slot} does not balance"
        earned = sum(
            gs * data.price_per_gpu_hour // 3_600 for (j, _), gs in model.reported.items() if j == job.address
        )
        charged = data.paid + data.fees + data.fees_pending - model.bonds_lost.get(job.address, 0)
        # Rounding: each run's pay is rounded down separately, so the sum may be below; never above.
        assert charged <= earned, f"job {slot} paid {charged} for {earned} earned"
        assert data.paid + data.fees <= data.deposited
        if JobState(data.state) == JobState.Settled:
            assert vault == 0
        for i in set(model.assigned.get(slot, [])):
            info = await env.conn.get_account(pda.run(job.address, nodes[i].address))
            if info is None:
                continue
            run = await env.run(job, nodes[i])
            if RunStatus(run.status) != RunStatus.Removed:
                committed[nodes[i].address] += run.gpus
                active[nodes[i].address] += 1
    for node in nodes:
        registry_node = await env.node(node)
        assert (registry_node.committed_gpus, registry_node.active_jobs) == (
            committed[node.address],
            active[node.address],
        ), "the registry's commitments disagree with the open runs"
    assert await env.supply() == supply + model.minted - model.burned
    stats = await env.io.stats()  # the IO token's own books agree
    assert (
        stats.minted_genesis + stats.minted_emission - stats.burned_fees - stats.burned_slashes
        == await env.supply()
    )
    assert stats.burned_fees == model.burned


async def scenario(ops: list[Op]) -> Model:
    env = await EscrowEnv().setup()
    nodes = [await env.active_node(extra_stake=10_000 * IO) for _ in range(NODES)]
    supply = await env.supply()
    model = Model()
    succeeded: set[str] = set()
    for op in ops:
        try:
            await apply(env, nodes, model, op)
            succeeded.add(op[0])
        except IonetError:
            pass  # refused: the checks below prove it changed nothing
        await check(env, nodes, model, supply)
    model.succeeded = succeeded
    return model


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(operation, min_size=5, max_size=60))
def test_random_job_sequences_keep_the_books_balanced(ops: list[Op]) -> None:
    model = asyncio.run(scenario(ops))
    for name in sorted(model.succeeded):
        event(f"{name} succeeded")  # --hypothesis-show-statistics: how far sequences get


def test_a_scripted_sequence_reaches_every_state() -> None:
    """The property's operations can drive a job all the way through (no vacuous pass)."""
    ops: list[Op] = [
        ("create", (0, 16, 1, 2)),
        ("assign", (0, 0)),
        ("assign", (0, 1)),
        ("start", (0, 0)),
        ("start", (0, 1)),
        ("live", (200, 0b0001)),
        ("report", (0, 0, 100)),
        ("report", (0, 1, 50)),
        ("live", (700, 0b0001)),  # node 1's receipts stop: silent for more than
        ("live", (700, 0b0001)),  # report_timeout_secs (900 s) after these two
        ("timeout", (0, 1)),
        ("complete", (0,)),
        ("dispute", (0,)),
        ("resolve", (0, 0, 0)),
        ("settle", (0,)),
        ("create", (1, 8, 1, 1)),
        ("assign", (1, 2)),
        ("unassign", (1, 2, 1)),  # the agent declines; the same node is assigned again
        ("assign", (1, 2)),
        ("unassign", (1, 2, 0)),  # the matcher withdraws it; another node takes the GPUs
        ("assign", (1, 3)),
        ("cancel", (1,)),
        ("settle", (1,)),
    ]

    model = asyncio.run(scenario(ops))
    assert model.settled_runs and model.burned > 0 and model.bonds_lost
    assert model.succeeded == {name for name, _ in ops}
    assert len(model.jobs) == 2
