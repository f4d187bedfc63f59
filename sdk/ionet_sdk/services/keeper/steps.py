"""What the keeper cranks: a table of steps, each finding its due work in one snapshot of
the chain and building each action again from fresh chain state just before it is sent.

A step is `Step(name, find)`: `find(snapshot, ctx)` returns the `Task`s due now, each
with the account it acts on (`target`), why it is due (`why`, for the log) and `build()`,
which re-reads the accounts the action touches and returns its instructions, or `[]`
when it is no longer due (another keeper, the client or an operator got there first).
Adding a crank (e.g. syncing nodes to the oracles' committed roots) is one entry in
`STEPS`.

The rules mirror the programs' own checks (the program stays the authority: a task
built on a stale view fails with the program's error, which the service classifies):

| step | due when |
| --- | --- |
| mint_epochs | an IO epoch ended unminted (several per transaction; the circuit breaker may hold it) |
| timeout_runs | a run not started by its start deadline, or running with no receipt for report_timeout_secs |
| complete_jobs | a running job past start deadline + duration (anyone may complete it then) |
| lapse_disputes | a disputed job past its dispute deadline (the default outcome) |
| settle_jobs | a completed job past its challenge window, or a cancelled one, with runs open |
| finalize_jobs | such a job with every run settled (fees out, remainder refunded) |
| lapse_appeals | an appealed slash past `appeal_deadline + APPEAL_RESOLUTION_SECS` |
| execute_slashes | a proposed slash past its appeal window, or an upheld one (with the reward forfeit) |
| forfeit_rewards | a node slashed since its reward account last saw it |
| open_rewards | an attested, unjailed node with no reward account (the keeper pays its rent) |
| sync_nodes | an attested, unjailed node behind the newest root in effect (leaf from an oracle) |
| close_roots | an epoch root record older than the newest root in effect (rent back to its creator) |
| accrue_rewards | a reward account behind its node's proven points or work fees, or with minted buckets |
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from solders.instruction import Instruction
from solders.pubkey import Pubkey

from ionet_sdk import escrow, pda, registry, token
from ionet_sdk._generated.ionet_escrow.accounts import EscrowConfig, Job, Run
from ionet_sdk._generated.ionet_escrow.types import JobState, RunStatus
from ionet_sdk._generated.ionet_registry.accounts import EpochRoot, Node, RegistryConfig, SlashProposal
from ionet_sdk._generated.ionet_registry.constants import APPEAL_RESOLUTION_SECS
from ionet_sdk._generated.ionet_registry.types import NodeStatus, SlashStatus
from ionet_sdk._generated.ionet_token.accounts import Reward, TokenConfig
from ionet_sdk.client import JOB_SIZE, JOB_STATE, MINT_BATCH, SETTLE_BATCH
from ionet_sdk.connection import Connection
from ionet_sdk.errors import IonetError
from ionet_sdk.liveness import LivenessLeaf, root_in_effect, synced_through
from ionet_sdk.programs import ESCROW_ID, REGISTRY_ID, TOKEN_ID
from ionet_sdk.services.oracle.client import proven_leaf

Build = Callable[[], Awaitable[list[Instruction]]]
MAX_MINT_TASKS = 50
"""Mint transactions per pass at most (6 epochs each)."""
ACTIVE_JOB_STATES = (
    JobState.Open,
    JobState.Running,
    JobState.Completed,
    JobState.Disputed,
    JobState.Cancelled,
)


@dataclass(frozen=True, slots=True)
class Task:
    """One action due now: `build()` re-checks it against the chain and returns its
    instructions ([] when no longer due). `smaller`, if given, builds a smaller version
    to try when the circuit breaker refuses the whole (epoch minting)."""

    step: str
    target: str
    why: str
    build: Build
    smaller: Build | None = None
    raced: frozenset[str] = frozenset()
    """Errors that, for this task, mean someone else did it first (besides `RACED_ERRORS`)."""


@dataclass
class Snapshot:
    """The chain as one pass of the keeper sees it (unix seconds from the Clock sysvar)."""

    now: int
    registry: RegistryConfig
    escrow: EscrowConfig
    token: TokenConfig | None
    jobs: dict[Pubkey, Job]
    runs: dict[Pubkey, list[tuple[Pubkey, Run]]]
    """The open runs of each job, by job address."""
    nodes: dict[Pubkey, Node]
    """The nodes of open runs and of slash proposals."""
    proposals: list[tuple[Pubkey, SlashProposal]]
    rewards: dict[Pubkey, Reward] = field(default_factory=dict)
    """Reward accounts of slashed nodes, by node."""
    roots: dict[int, tuple[int, bytes]] = field(default_factory=dict)
    """The epoch roots in effect now: epoch -> (leaf_count, root) (`read_liveness`)."""
    market: dict[Pubkey, Node] = field(default_factory=dict)
    """Every attested, unjailed node (Verified, Active or Inactive): those the market may need."""
    node_rewards: dict[Pubkey, Reward] = field(default_factory=dict)
    """Every reward account, by node."""
    root_creators: dict[int, Pubkey] = field(default_factory=dict)
    """Every epoch root record: epoch -> its first voter (paid its rent back when closed)."""


@dataclass(frozen=True, slots=True)
class Context:
    """What steps need besides the snapshot: the connection and the keeper's key (which
    signs `job_complete` and pays fees and rents)."""

    conn: Connection
    keeper: Pubkey
    oracles: tuple[str, ...] = ()
    """Oracle base URLs the sync step fetches leaves and proofs from (none: no syncs)."""


@dataclass(frozen=True, slots=True)
class Step:
    name: str
    find: Callable[[Snapshot, Context], list[Task]]
    doc: str
    serial: bool = False
    """Its tasks depend on each other (successive epochs): after one is deferred the rest wait."""


async def read_snapshot(conn: Connection) -> Snapshot:
    """One consistent-enough read of what the steps need: the configs, every job not yet
    settled, every open run, every slash proposal, the nodes those name and the reward
    accounts of slashed nodes (`getProgramAccounts` by state and discriminator, then
    `getMultipleAccounts`; never every node of the registry). Raises
    `AccountNotFoundError`-like `IonetError` before deployment, `TransportError`."""
    clock = await conn.get_clock()
    registry_config = await RegistryConfig.fetch(conn, pda.registry_config())
    escrow_config = await EscrowConfig.fetch(conn, pda.escrow_config())
    if registry_config is None or escrow_config is None:
        raise IonetError("the registry or escrow is not deployed on this cluster (`ionet deploy`)")
    token_config = await TokenConfig.fetch(conn, token.CONFIG)
    jobs: dict[Pubkey, Job] = {}
    for state in ACTIVE_JOB_STATES:
        infos = await conn.get_program_accounts(
            ESCROW_ID, data_size=JOB_SIZE, memcmp=[(JOB_STATE, bytes([state]))]
        )
        jobs.update((i.address, Job.decode(i.data)) for i in infos)
    runs: dict[Pubkey, list[tuple[Pubkey, Run]]] = {}
    for info in await conn.get_program_accounts(ESCROW_ID, memcmp=[(0, Run.DISCRIMINATOR)]):
        run = Run.decode(info.data)
        runs.setdefault(run.job, []).append((info.address, run))
    proposals = [
        (i.address, SlashProposal.decode(i.data))
        for i in await conn.get_program_accounts(REGISTRY_ID, memcmp=[(0, SlashProposal.DISCRIMINATOR)])
    ]
    wanted = list(
        dict.fromkeys([r.node for rs in runs.values() for _, r in rs] + [p.node for _, p in proposals])
    )
    nodes = {
        a: Node.decode(i.data)
        for a, i in zip(wanted, await conn.get_multiple_accounts(wanted), strict=True)
        if i is not None
    }
    slashed = [n for n, node in nodes.items() if node.slashed_total > 0]
    reward_infos = await conn.get_multiple_accounts([token.reward_account(n) for n in slashed])
    rewards = {n: Reward.decode(i.data) for n, i in zip(slashed, reward_infos, strict=True) if i is not None}
    snap = Snapshot(
        clock.unix_timestamp,
        registry_config,
        escrow_config,
        token_config,
        jobs,
        runs,
        nodes,
        proposals,
        rewards,
    )
    await read_liveness(conn, snap)
    return snap


async def _now(conn: Connection) -> int:
    return (await conn.get_clock()).unix_timestamp


def _ended_epochs(config: TokenConfig, now: int) -> int:
    return max(0, (now - config.genesis_time) // config.epoch_secs)


# --- mint_epochs


def find_mints(snap: Snapshot, ctx: Context) -> list[Task]:
    if snap.token is None or _ended_epochs(snap.token, snap.now) <= snap.token.epochs_minted:
        return []

    def build(limit: int) -> Build:
        async def go() -> list[Instruction]:
            config = await TokenConfig.fetch(ctx.conn, token.CONFIG)
            if config is None:
                return []
            ended = _ended_epochs(config, await _now(ctx.conn))
            epochs = range(config.epochs_minted, min(ended, config.epochs_minted + limit))
            return [token.build_emission_mint_epoch_ix(ctx.keeper, e) for e in epochs]

        return go

    behind = _ended_epochs(snap.token, snap.now) - snap.token.epochs_minted
    # One task per batch: each reads epochs_minted again, so they mint successive epochs.
    return [
        Task(
            "mint_epochs", f"epochs from {snap.token.epochs_minted + n * MINT_BATCH}",
            f"{behind} ended epoch(s) not minted", build(MINT_BATCH), build(1),
            # An epoch record other than the next one's: another keeper minted it meanwhile.
            frozenset({"ConstraintSeeds"}),
        )
        for n in range(min(-(-behind // MINT_BATCH), MAX_MINT_TASKS))
    ]  # fmt: skip


# --- timeout_runs


def _timeout_reason(job: Job, run: Run, config: EscrowConfig, now: int) -> str | None:
    """The escrow's `job_timeout` rule: not started by the start deadline, or running with
    its reservation undelivered and no usage receipt for `report_timeout_secs` (the job's,
    fixed at its creation; the config's for a job created before jobs kept one)."""
    timeout = job.report_timeout_secs or config.params.report_timeout_secs
    if run.status == RunStatus.Assigned and now > job.start_deadline:
        return f"not started by the start deadline {job.start_deadline}"
    heard = max(run.started_at, run.last_report_at)
    if (
        run.status == RunStatus.Running
        and run.gpu_seconds < run.gpus * job.duration_hours * 3_600
        and now - heard > timeout
    ):
        return f"no usage receipt since {heard}"
    return None


def find_timeouts(snap: Snapshot, ctx: Context) -> list[Task]:
    tasks = []
    for job_address, job in snap.jobs.items():
        if job.state not in (JobState.Open, JobState.Running):
            continue
        for run_address, run in snap.runs.get(job_address, []):
            why = _timeout_reason(job, run, snap.escrow, snap.now)
            if why is None:
                continue

            async def build(
                job_address: Pubkey = job_address, run_address: Pubkey = run_address
            ) -> list[Instruction]:
                job = await Job.fetch(ctx.conn, job_address)
                run = await Run.fetch(ctx.conn, run_address)
                if job is None or run is None or job.state not in (JobState.Open, JobState.Running):
                    return []
                node = await Node.fetch(ctx.conn, run.node)
                config = await EscrowConfig.fetch(ctx.conn, pda.escrow_config())
                if node is None or config is None:
                    return []
                if _timeout_reason(job, run, config, await _now(ctx.conn)) is None:
                    return []
                return [
                    escrow.build_job_timeout_ix(
                        snap.escrow,
                        job_address,
                        job,
                        run.node,
                        slash_index=node.slash_count,
                        payer=ctx.keeper,
                    )
                ]

            tasks.append(Task("timeout_runs", f"run {run_address} of job {job_address}", why, build))
    return tasks


# --- complete_jobs


def _latest_end(job: Job) -> int:
    return job.start_deadline + job.duration_hours * 3_600


def find_completions(snap: Snapshot, ctx: Context) -> list[Task]:
    tasks = []
    for job_address, job in snap.jobs.items():
        if job.state != JobState.Running or snap.now < _latest_end(job):
            continue

        async def build(job_address: Pubkey = job_address) -> list[Instruction]:
            job = await Job.fetch(ctx.conn, job_address)
            if job is None or job.state != JobState.Running or await _now(ctx.conn) < _latest_end(job):
                return []
            return [escrow.build_job_complete_ix(job_address, ctx.keeper)]

        why = f"start deadline + {job.duration_hours} h passed at {_latest_end(job)}"
        tasks.append(Task("complete_jobs", f"job {job_address}", why, build))
    return tasks


# --- lapse_disputes


def find_dispute_lapses(snap: Snapshot, ctx: Context) -> list[Task]:
    tasks = []
    for job_address, job in snap.jobs.items():
        if job.state != JobState.Disputed or snap.now < job.dispute_deadline:
            continue

        async def build(job_address: Pubkey = job_address) -> list[Instruction]:
            job = await Job.fetch(ctx.conn, job_address)
            if job is None or job.state != JobState.Disputed or await _now(ctx.conn) < job.dispute_deadline:
                return []
            return [escrow.build_job_dispute_lapse_ix(snap.escrow, job_address, job)]

        why = f"dispute undecided past its deadline {job.dispute_deadline}"
        tasks.append(Task("lapse_disputes", f"job {job_address}", why, build))
    return tasks


# --- settle_jobs and finalize_jobs


def _settleable(job: Job, now: int) -> bool:
    return (
        job.state == JobState.Completed and now >= job.challenge_ends_at
    ) or job.state == JobState.Cancelled


def find_settlements(snap: Snapshot, ctx: Context) -> list[Task]:
    tasks = []
    for job_address, job in snap.jobs.items():
        if not _settleable(job, snap.now):
            continue
        by_payer: dict[Pubkey, list[Pubkey]] = {}
        for run_address, run in snap.runs.get(job_address, []):
            by_payer.setdefault(run.rent_payer, []).append(run_address)
        for addresses in by_payer.values():
            for start in range(0, len(addresses), SETTLE_BATCH):
                batch = addresses[start : start + SETTLE_BATCH]

                async def build(
                    job_address: Pubkey = job_address, batch: list[Pubkey] = batch
                ) -> list[Instruction]:
                    job = await Job.fetch(ctx.conn, job_address)
                    if job is None or not _settleable(job, await _now(ctx.conn)):
                        return []
                    infos = await ctx.conn.get_multiple_accounts(batch)
                    runs = [Run.decode(i.data) for i in infos if i is not None]  # settled runs are closed
                    if not runs:
                        return []
                    return [escrow.build_job_settle_ix(snap.escrow, job_address, job, runs, ctx.keeper)]

                why = "challenge window over" if job.state == JobState.Completed else "cancelled"
                tasks.append(Task("settle_jobs", f"{len(batch)} run(s) of job {job_address}", why, build))
    return tasks


def find_finalizations(snap: Snapshot, ctx: Context) -> list[Task]:
    """Jobs settled in this pass are finalized in it too: `build` runs after the
    settle step's actions and reads `runs_open` again."""
    tasks = []
    for job_address, job in snap.jobs.items():
        if not _settleable(job, snap.now):
            continue

        async def build(job_address: Pubkey = job_address) -> list[Instruction]:
            job = await Job.fetch(ctx.conn, job_address)
            if job is None or not _settleable(job, await _now(ctx.conn)) or job.runs_open:
                return []
            return [escrow.build_job_finalize_ix(snap.escrow, job_address, job)]

        tasks.append(Task("finalize_jobs", f"job {job_address}", "every run settled", build))
    return tasks


# --- slashes


def find_appeal_lapses(snap: Snapshot, ctx: Context) -> list[Task]:
    tasks = []
    for address, proposal in snap.proposals:
        deadline = proposal.appeal_deadline + APPEAL_RESOLUTION_SECS
        if proposal.status != SlashStatus.Appealed or snap.now < deadline:
            continue

        async def build(
            address: Pubkey = address, node: Pubkey = proposal.node, index: int = proposal.index
        ) -> list[Instruction]:
            fresh = await SlashProposal.fetch(ctx.conn, address)
            if fresh is None or fresh.status != SlashStatus.Appealed:
                return []
            if await _now(ctx.conn) < fresh.appeal_deadline + APPEAL_RESOLUTION_SECS:
                return []
            return [registry.build_slash_appeal_lapse_ix(node, index)]

        why = f"appeal undecided past {deadline}: overturned by default"
        tasks.append(Task("lapse_appeals", f"slash {proposal.index} of node {proposal.node}", why, build))
    return tasks


def _executable(proposal: SlashProposal, now: int) -> bool:
    return (proposal.status == SlashStatus.Proposed and now > proposal.appeal_deadline) or (
        proposal.status == SlashStatus.Upheld
    )


def _resolvable(reward: Reward, config: TokenConfig | None) -> list[int]:
    minted = config.epochs_minted if config is not None else 0
    return [b.epoch for b in reward.buckets if b.used and b.epoch < minted]


def find_slash_executions(snap: Snapshot, ctx: Context) -> list[Task]:
    tasks = []
    for address, proposal in snap.proposals:
        if not _executable(proposal, snap.now):
            continue

        async def build(address: Pubkey = address, node_address: Pubkey = proposal.node) -> list[Instruction]:
            fresh = await SlashProposal.fetch(ctx.conn, address)
            node = await Node.fetch(ctx.conn, node_address)
            if fresh is None or node is None or not _executable(fresh, await _now(ctx.conn)):
                return []
            ixs = [
                registry.build_slash_execute_ix(
                    snap.registry, node_address, node.vault, fresh.index, ctx.keeper
                )
            ]
            reward = await Reward.fetch(ctx.conn, token.reward_account(node_address))
            if reward is not None:  # forfeit its share of the locked rewards at once
                config = await TokenConfig.fetch(ctx.conn, token.CONFIG)
                ixs.append(token.build_rewards_forfeit_ix(node_address, _resolvable(reward, config)))
            return ixs

        why = (
            "appeal upheld"
            if proposal.status == SlashStatus.Upheld
            else f"appeal window closed at {proposal.appeal_deadline}"
        )
        tasks.append(Task("execute_slashes", f"slash {proposal.index} of node {proposal.node}", why, build))
    return tasks


def find_forfeits(snap: Snapshot, ctx: Context) -> list[Task]:
    tasks = []
    for node_address, reward in snap.rewards.items():
        node = snap.nodes.get(node_address)
        if node is None or node.slashed_total <= reward.last_slashed_total:
            continue

        async def build(node_address: Pubkey = node_address) -> list[Instruction]:
            node = await Node.fetch(ctx.conn, node_address)
            reward = await Reward.fetch(ctx.conn, token.reward_account(node_address))
            if node is None or reward is None or node.slashed_total <= reward.last_slashed_total:
                return []
            config = await TokenConfig.fetch(ctx.conn, token.CONFIG)
            return [token.build_rewards_forfeit_ix(node_address, _resolvable(reward, config))]

        why = f"slashed {node.slashed_total} since the rewards saw {reward.last_slashed_total}"
        tasks.append(Task("forfeit_rewards", f"node {node_address}", why, build))
    return tasks


# --- liveness and rewards: open_rewards, sync_nodes, accrue_rewards

MARKET_STATUSES = (NodeStatus.Verified, NodeStatus.Active, NodeStatus.Inactive)


async def read_liveness(conn: Connection, snap: Snapshot) -> None:
    """Fill `snap.roots`, `snap.market` and `snap.node_rewards` (getProgramAccounts by
    discriminator: every epoch root, every node, every reward account). Raises `TransportError`."""
    for info in await conn.get_program_accounts(REGISTRY_ID, memcmp=[(0, EpochRoot.DISCRIMINATOR)]):
        record = EpochRoot.decode(info.data)
        if record.voters:
            snap.root_creators[record.epoch] = record.voters[0]
        effective = root_in_effect(record, snap.registry, snap.now)
        if effective is not None:
            snap.roots[record.epoch] = effective
    for info in await conn.get_program_accounts(REGISTRY_ID, memcmp=[(0, Node.DISCRIMINATOR)]):
        node = Node.decode(info.data)
        if node.status in MARKET_STATUSES:
            snap.market[info.address] = node
    for info in await conn.get_program_accounts(TOKEN_ID, memcmp=[(0, Reward.DISCRIMINATOR)]):
        reward = Reward.decode(info.data)
        snap.node_rewards[reward.node] = reward


def find_reward_opens(snap: Snapshot, ctx: Context) -> list[Task]:
    """Reward accounts start counting when opened (`rewards_open` records the node's
    proven points then), so the keeper opens one for each node of the market that has none,
    before the sync step credits it."""
    if snap.token is None:
        return []
    tasks = []
    for address in snap.market:
        if address in snap.node_rewards:
            continue

        async def build(address: Pubkey = address) -> list[Instruction]:
            if await ctx.conn.get_account(token.reward_account(address)) is not None:
                return []
            node = await Node.fetch(ctx.conn, address)
            if node is None or node.status not in MARKET_STATUSES:
                return []
            return [token.build_rewards_open_ix(address, ctx.keeper)]

        tasks.append(Task("open_rewards", f"node {address}", "attested node with no reward account", build))
    return tasks


def find_syncs(snap: Snapshot, ctx: Context) -> list[Task]:
    """One `node_sync` per node of the market behind the newest root in effect."""
    if not ctx.oracles or not snap.roots:
        return []
    epoch = max(snap.roots)
    tasks = []
    for address, node in snap.market.items():
        if synced_through(node) >= epoch:
            continue

        async def build(address: Pubkey = address) -> list[Instruction]:
            config = await RegistryConfig.fetch(ctx.conn, pda.registry_config())
            record = await EpochRoot.fetch(ctx.conn, pda.epoch_root(epoch))
            node = await Node.fetch(ctx.conn, address)
            if config is None or record is None or node is None:
                return []
            effective = root_in_effect(record, config, await _now(ctx.conn))
            if effective is None or synced_through(node) >= epoch or node.status not in MARKET_STATUSES:
                return []
            found = await proven_leaf(ctx.oracles, epoch, address, effective[1])
            if found is None:
                return []
            leaf, proof = found
            if LivenessLeaf.from_bytes(leaf).agent != node.agent:
                return []  # heard under an earlier agent key: the program would refuse it
            return [registry.build_node_sync_ix(address, epoch, leaf, proof)]

        why = f"synced to epoch {node.synced_epoch}, root of epoch {epoch} in effect"
        tasks.append(Task("sync_nodes", f"node {address}", why, build, raced=frozenset({"StaleLeaf"})))
    return tasks


CLOSE_BATCH = 8
"""`liveness_root_close` instructions per transaction."""


def find_root_closes(snap: Snapshot, ctx: Context) -> list[Task]:
    """Leaves are cumulative, so once a root is in effect no one needs an older one: its
    record is closed (`liveness_root_close`), the rent back to the oracle that created it."""
    if not snap.roots:
        return []
    newest = max(snap.roots)
    old = sorted(e for e in snap.root_creators if e < newest)
    tasks = []
    for start in range(0, len(old), CLOSE_BATCH):
        batch = old[start : start + CLOSE_BATCH]

        async def build(batch: list[int] = batch) -> list[Instruction]:
            config = await RegistryConfig.fetch(ctx.conn, pda.registry_config())
            newer = await EpochRoot.fetch(ctx.conn, pda.epoch_root(newest))
            if config is None or newer is None or root_in_effect(newer, config, await _now(ctx.conn)) is None:
                return []
            infos = await ctx.conn.get_multiple_accounts([pda.epoch_root(e) for e in batch])
            records = [EpochRoot.decode(i.data) for i in infos if i is not None]
            return [
                registry.build_liveness_root_close_ix(r.epoch, newest, r.voters[0])
                for r in records
                if r.voters
            ]

        epochs = f"{batch[0]}..{batch[-1]}" if len(batch) > 1 else str(batch[0])
        tasks.append(
            Task(
                "close_roots", f"epoch root(s) {epochs}", f"superseded by epoch {newest}'s root in effect",
                build, raced=frozenset({"RootNotSuperseded"}),
            )
        )  # fmt: skip
    return tasks


def _accrual_due(node: Node, reward: Reward, config: TokenConfig | None) -> str | None:
    if node.slashed_total != reward.last_slashed_total:
        return None  # forfeit_rewards first: accrual would not resolve anything meanwhile
    # A jailed node's new points are accrued too: the program passes them over (they never pay).
    new_points = node.proven_availability_points > reward.last_proven_points
    fees = zip(node.work_fees_by_tier, reward.last_work_fees_by_tier, strict=True)
    new_work = any(f > seen for f, seen in fees)
    resolvable = _resolvable(reward, config)
    if not (new_points or new_work or resolvable):
        return None
    return ", ".join(
        part
        for part, due in (
            (f"{node.proven_availability_points - reward.last_proven_points} new proven points", new_points),
            ("new burned work fees", new_work),
            (f"buckets of minted epochs {resolvable}", bool(resolvable)),
        )
        if due
    )


def find_accruals(snap: Snapshot, ctx: Context) -> list[Task]:
    """`rewards_accrue` for each reward account its node has outrun; it resolves the
    buckets of minted epochs into locked tranches the operator claims once unlocked."""
    tasks = []
    for address, reward in snap.node_rewards.items():
        node = snap.market.get(address) or snap.nodes.get(address)
        if node is None:
            continue
        why = _accrual_due(node, reward, snap.token)
        if why is None:
            continue

        async def build(address: Pubkey = address) -> list[Instruction]:
            node = await Node.fetch(ctx.conn, address)
            reward = await Reward.fetch(ctx.conn, token.reward_account(address))
            config = await TokenConfig.fetch(ctx.conn, token.CONFIG)
            if node is None or reward is None or _accrual_due(node, reward, config) is None:
                return []
            return [token.build_rewards_accrue_ix(address, _resolvable(reward, config))]

        # NothingToAccrue: the new work fees were too small to make a point, or another
        # keeper (or the agent) accrued it first.
        tasks.append(
            Task("accrue_rewards", f"node {address}", why, build, raced=frozenset({"NothingToAccrue"}))
        )
    return tasks


STEPS: tuple[Step, ...] = (
    Step(
        "mint_epochs", find_mints, "mint ended IO epochs, catching up within the circuit breaker", serial=True
    ),
    Step("open_rewards", find_reward_opens, "open reward accounts for attested nodes that have none"),
    Step("sync_nodes", find_syncs, "sync nodes to the newest liveness root in effect (leaf from an oracle)"),
    Step(
        "timeout_runs",
        find_timeouts,
        "remove runs that missed their start deadline or whose node is not live",
    ),
    Step("complete_jobs", find_completions, "complete jobs past start deadline + duration"),
    Step("lapse_disputes", find_dispute_lapses, "apply the default outcome of disputes past their deadline"),
    Step("settle_jobs", find_settlements, "settle runs after the challenge window (or a cancellation)"),
    Step("finalize_jobs", find_finalizations, "finalize jobs whose runs are all settled"),
    Step("lapse_appeals", find_appeal_lapses, "overturn slashes whose appeal went undecided"),
    Step(
        "execute_slashes",
        find_slash_executions,
        "execute slashes after their appeal window (and forfeit rewards)",
    ),
    Step(
        "forfeit_rewards", find_forfeits, "forfeit rewards of nodes slashed since their reward account saw it"
    ),
    Step("accrue_rewards", find_accruals, "accrue proven presence and burned work into reward buckets"),
    Step("close_roots", find_root_closes, "close epoch root records a newer root in effect superseded"),
)
"""Run in this order each pass (settlement before finalization, slashes before forfeits)."""

# Program errors that mean "someone else did it first" (or the state moved on between the
# re-check and the landing): the keeper logs them and moves on, never counts a failure.
RACED_ERRORS = frozenset({
    "InvalidJobState", "InvalidRunState", "InvalidRun", "RunsOpen", "EpochNotEnded",
    "SlashNotExecutable", "SlashNotResolvable", "NoNewSlashes", "NodeHealthy",
    "AccountNotInitialized", "AccountDiscriminatorMismatch", "AccountOwnedByWrongProgram",
    "ChallengeWindowOpen", "AppealWindowOpen", "CompleteTooEarly",
})  # fmt: skip
# Program errors that mean "not yet": the breaker's window, the per-epoch slash cap, or
# accrual while epochs wait to be minted.
DEFERRED_ERRORS = frozenset({"CircuitBreakerTripped", "SlashCapReached", "EmissionsBehind"})
