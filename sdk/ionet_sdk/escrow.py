"""Escrow instructions with every PDA resolved: `build_*_ix` for callers who sign elsewhere.

Each builder takes the signers' public keys and the business arguments and
derives the config, job, vault and run addresses (see `ionet_sdk.pda`). The
payment mint and treasury come from the escrow config, a run's node, operator
and rent payer from the run: callers pass what they read (`EscrowConfig.fetch`,
`Job.fetch`, `Run.fetch`).
"""

from __future__ import annotations

from collections.abc import Sequence

from solders.instruction import AccountMeta, Instruction
from solders.pubkey import Pubkey

from ionet_sdk import pda, spl
from ionet_sdk._generated.ionet_escrow import instructions as ix
from ionet_sdk._generated.ionet_escrow.accounts import EscrowConfig, Job, Run
from ionet_sdk._generated.ionet_escrow.constants import PROGRAM_ID
from ionet_sdk._generated.ionet_escrow.types import (
    ConfigInitArgs,
    ConfigUpdateArgs,
    JobCreateArgs,
    JobSpec,
)
from ionet_sdk.errors import InvalidArgumentError
from ionet_sdk.logs import LOG_LIMIT_BYTES
from ionet_sdk.svm import programdata_address

# Batches are bounded so that their logs (and the events indexers read from them) stay
# under the runtime's 10,000-byte log limit with a margin for compute-budget and
# other instructions in the same transaction: measured by scripts/bench_logs.py, checked
# by tests/test_log_budget.py.
LOG_BUDGET_BYTES = LOG_LIMIT_BYTES - 1_000
MAX_SETTLE_RUNS = 10  # runs per job_settle: 371 + 814 per run = 8,511 bytes at most
MAX_ASSIGN_NODES = 16  # nodes per job_assign: 501 + 335 per node = 5,861 bytes at most


def build_config_init_ix(
    upgrade_authority: Pubkey, payment_mint: Pubkey, treasury: Pubkey, args: ConfigInitArgs
) -> Instruction:
    """Initialize the escrow (once; the program's upgrade authority signs): `payment_mint` is the IO
    mint, `treasury` an IO account for fees. Fails `NotUpgradeAuthority`,
    `AccountAlreadyExistsError` when already initialized."""
    return ix.config_init(
        ix.ConfigInitAccounts(
            config=pda.escrow_config(),
            upgrade_authority=upgrade_authority,
            program_data=programdata_address(PROGRAM_ID),
            payment_mint=payment_mint,
            treasury=treasury,
        ),
        args=args,
    )


def build_config_update_ix(
    admin: Pubkey, args: ConfigUpdateArgs, new_treasury: Pubkey | None = None
) -> Instruction:
    """Change the escrow's parameters/authorities (the admin signs); `new_treasury` moves the
    treasury."""
    return ix.config_update(
        ix.ConfigUpdateAccounts(config=pda.escrow_config(), admin=admin, new_treasury=new_treasury),
        args=args,
    )


def build_job_create_ix(
    config: EscrowConfig, client: Pubkey, job_id: int, spec: JobSpec, client_token: Pubkey | None = None
) -> Instruction:
    """Pays from `client_token` (default: the client's associated IO account)."""
    job = pda.job(client, job_id)
    return ix.job_create(
        ix.JobCreateAccounts(
            job=job,
            vault=pda.job_vault(job),
            payment_mint=config.payment_mint,
            client_token=client_token or spl.ata(client, config.payment_mint),
            client=client,
        ),
        args=JobCreateArgs(job_id=job_id, spec=spec),
    )


def build_job_assign_ix(
    job: Pubkey, nodes: Sequence[tuple[Pubkey, int]], matcher: Pubkey, payer: Pubkey
) -> Instruction:
    """Assign `(node, gpus)` pairs in one instruction (at most `MAX_ASSIGN_NODES`, whose
    logs fit the runtime's limit); `payer` pays the runs' rent (lamports). Raises
    `InvalidArgumentError` for a larger batch."""
    if len(nodes) > MAX_ASSIGN_NODES:
        raise InvalidArgumentError(
            f"assign at most {MAX_ASSIGN_NODES} nodes per instruction ({len(nodes)} given): more would "
            "exceed the runtime's 10,000-byte log limit and cut off the NodeAssigned events"
        )
    remaining = []
    for node, _ in nodes:
        remaining += [AccountMeta(node, False, True), AccountMeta(pda.run(job, node), False, True)]
    return ix.job_assign(
        ix.JobAssignAccounts(job=job, matcher=matcher, payer=payer),
        gpus=[gpus for _, gpus in nodes],
        remaining_accounts=remaining,
    )


def build_job_start_ix(job: Pubkey, node: Pubkey, agent: Pubkey) -> Instruction:
    """The node's agent starts its run on `job` (before the start deadline)."""
    return ix.job_start(ix.JobStartAccounts(job=job, run=pda.run(job, node), agent=agent))


def build_job_report_usage_ix(job: Pubkey, node: Pubkey, agent: Pubkey, gpu_seconds: int) -> Instruction:
    """A usage receipt from the node's agent: cumulative GPU-seconds delivered (never decreasing)."""
    return ix.job_report_usage(
        ix.JobReportUsageAccounts(job=job, run=pda.run(job, node), agent=agent), gpu_seconds=gpu_seconds
    )


def build_job_complete_ix(job: Pubkey, signer: Pubkey) -> Instruction:
    """Complete the job (the client any time, anyone after deadline + duration): opens the challenge
    window."""
    return ix.job_complete(ix.JobCompleteAccounts(job=job, signer=signer))


def build_job_dispute_ix(
    config: EscrowConfig, job: Pubkey, data: Job, evidence_hash: bytes, client_token: Pubkey | None = None
) -> Instruction:
    """The client disputes within the challenge window, posting the dispute bond (IO base units)
    from `client_token` (default: its associated IO account); `evidence_hash`: 32 bytes."""
    return ix.job_dispute(
        ix.JobDisputeAccounts(
            job=job,
            vault=data.vault,
            payment_mint=config.payment_mint,
            client_token=client_token or spl.ata(data.client, config.payment_mint),
            client=data.client,
        ),
        evidence_hash=list(evidence_hash),
    )


def build_job_resolve_ix(
    config: EscrowConfig, job: Pubkey, data: Job, founded: bool, payout_bps: int = 10_000
) -> Instruction:
    """The arbiter resolves a dispute: `founded` refunds the client and returns its bond;
    `payout_bps` (basis points, 0..10000) of the runs' pay still goes to the nodes."""
    return ix.job_resolve(
        ix.JobResolveAccounts(
            job=job,
            vault=data.vault,
            payment_mint=config.payment_mint,
            client_token=spl.ata(data.client, config.payment_mint),
            treasury=config.treasury,
            arbiter=config.arbiter,
        ),
        founded=founded,
        payout_bps=payout_bps,
    )


def build_job_settle_ix(
    config: EscrowConfig, job: Pubkey, data: Job, runs: Sequence[Run], cranker: Pubkey
) -> Instruction:
    """Settle a batch of runs (at most `MAX_SETTLE_RUNS`, whose logs and `RunSettled`
    events fit the runtime's limit; all paid for by the same rent payer); each operator
    is paid to its associated IO account. Raises `InvalidArgumentError` for an empty, mixed or
    larger batch."""
    if not runs:
        raise InvalidArgumentError("settle needs at least one run")
    if len(runs) > MAX_SETTLE_RUNS:
        raise InvalidArgumentError(
            f"settle at most {MAX_SETTLE_RUNS} runs per instruction ({len(runs)} given): more would "
            "exceed the runtime's 10,000-byte log limit and cut off the RunSettled events"
        )
    rent_payers = {run.rent_payer for run in runs}
    if len(rent_payers) != 1:
        raise InvalidArgumentError("runs settled together must share their rent payer")
    remaining = []
    for run in runs:
        remaining += [
            AccountMeta(pda.run(job, run.node), False, True),
            AccountMeta(run.node, False, True),
            AccountMeta(spl.ata(run.operator, config.payment_mint), False, True),
        ]
    return ix.job_settle(
        ix.JobSettleAccounts(
            job=job,
            vault=data.vault,
            payment_mint=config.payment_mint,
            rent_payer=runs[0].rent_payer,
            cranker=cranker,
        ),
        remaining_accounts=remaining,
    )


def build_job_finalize_ix(config: EscrowConfig, job: Pubkey, data: Job) -> Instruction:
    """Once every run is settled: fees out (burned through the IO token program, the
    rest to the treasury), the remainder back to the client."""
    return ix.job_finalize(
        ix.JobFinalizeAccounts(
            job=job,
            vault=data.vault,
            payment_mint=config.payment_mint,
            treasury=config.treasury,
            client_token=spl.ata(data.client, config.payment_mint),
        )
    )


def build_job_cancel_ix(config: EscrowConfig, job: Pubkey, data: Job, signer: Pubkey) -> Instruction:
    """Cancel a job before it runs (the client, or anyone after the start deadline): the escrow back
    to the client's associated IO account."""
    return ix.job_cancel(
        ix.JobCancelAccounts(
            job=job,
            vault=data.vault,
            payment_mint=config.payment_mint,
            client_token=spl.ata(data.client, config.payment_mint),
            signer=signer,
        )
    )


def build_job_timeout_ix(
    config: EscrowConfig, job: Pubkey, data: Job, node: Pubkey, *, slash_index: int, payer: Pubkey
) -> Instruction:
    """`slash_index` is the node's `slash_count` (the proposal the registry will create)."""
    return ix.job_timeout(
        ix.JobTimeoutAccounts(
            job=job,
            run=pda.run(job, node),
            node=node,
            proposal=pda.slash(node, slash_index),
            vault=data.vault,
            payment_mint=config.payment_mint,
            client_token=spl.ata(data.client, config.payment_mint),
            payer=payer,
        )
    )


def build_job_unassign_ix(job: Pubkey, node: Pubkey, *, rent_payer: Pubkey, signer: Pubkey) -> Instruction:
    """`job_unassign` (the matcher, or the run's agent declining): withdraws `node`'s
    not-yet-started run of `job` before the start deadline; `rent_payer` is the run's
    (`Run.rent_payer`, paid back the run account's rent). Errors: `NotMatcher`,
    `InvalidRunState` (started or removed), `StartDeadlinePassed`."""
    return ix.job_unassign(
        ix.JobUnassignAccounts(
            job=job, run=pda.run(job, node), node=node, rent_payer=rent_payer, signer=signer
        )
    )


def build_job_close_ix(config: EscrowConfig, job: Pubkey, data: Job) -> Instruction:
    """`job_close` (the client): closes a settled job and its vault; IO sent to the
    vault outside the job's books goes to the treasury."""
    return ix.job_close(
        ix.JobCloseAccounts(
            job=job,
            vault=data.vault,
            client=data.client,
            payment_mint=config.payment_mint,
            treasury=config.treasury,
        )
    )


def build_job_dispute_lapse_ix(config: EscrowConfig, job: Pubkey, data: Job) -> Instruction:
    """`job_dispute_lapse` (anyone, once the dispute's `dispute_deadline` passed
    undecided): the default outcome, nodes paid in full and the bond back to the
    client. Raises `DisputeDeadlineNotReached` before the deadline."""
    return ix.job_dispute_lapse(
        ix.JobDisputeLapseAccounts(
            job=job,
            vault=data.vault,
            payment_mint=config.payment_mint,
            client_token=spl.ata(data.client, config.payment_mint),
        )
    )
