"""`IonetClient`: one async interface to the ionet programs over any connection.

    client = IonetClient(RpcConnection("devnet"), payer=load_keypair())
    nodes = await client.nodes(status=NodeStatus.Active, gpu_model=GpuModel.H100)

Queries decode typed accounts (filtered on the node by getProgramAccounts);
flows build, sign, send and confirm the instructions of one step and return
what they created. Every failure raises the SDK's typed errors.

Callers who sign elsewhere (a wallet, an HSM) use the same flows in two halves:
`build_*_ixs` returns a step's instructions with every account resolved from
the chain, and `build_tx` turns instructions into an unsigned v0 message with
the compute budget and a fresh blockhash; the single instructions are in
`registry`, `escrow` and `token` (`build_*_ix`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from solders.address_lookup_table_account import AddressLookupTableAccount
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.message import MessageV0
from solders.pubkey import Pubkey
from spl.token.constants import TOKEN_PROGRAM_ID

from ionet_sdk import escrow, pda, registry, spl, token, tx
from ionet_sdk._generated.ionet_escrow.accounts import EscrowConfig, Job, Run
from ionet_sdk._generated.ionet_escrow.types import JobSpec, JobState
from ionet_sdk._generated.ionet_registry import events as registry_events
from ionet_sdk._generated.ionet_registry.accounts import EpochRoot, Node, RegistryConfig, SlashProposal
from ionet_sdk._generated.ionet_registry.types import (
    GpuModel,
    GpuTier,
    HardwareSpec,
    NodeAttestArgs,
    NodeRegisterArgs,
    NodeStatus,
    Offense,
    SlashStatus,
)
from ionet_sdk._generated.ionet_token.accounts import (
    NetworkStats,
    ParamsProposal,
    Reward,
    TokenConfig,
)
from ionet_sdk._generated.ionet_token.types import EmissionEntry, TokenParams
from ionet_sdk.connection import Connection, SendResult
from ionet_sdk.defaults import IO_DECIMALS
from ionet_sdk.economics import Period, period
from ionet_sdk.errors import AccountNotFoundError, IonetError
from ionet_sdk.liveness import root_in_effect
from ionet_sdk.merkle import Proof
from ionet_sdk.programs import ESCROW_ID, REGISTRY_ID

# Field offsets (with the 8-byte discriminator) used as server-side filters;
# tests/test_client.py checks them against the generated encoders.
NODE_SIZE = 8 + 576
NODE_OPERATOR = 8 + 200
NODE_GPU_MODEL = 8 + 336  # declared.gpu_model
NODE_STATUS = 8 + 410
JOB_SIZE = 8 + 304
JOB_CLIENT = 8 + 104
JOB_STATE = 8 + 234
SETTLE_BATCH = 6  # runs per settle instruction without a lookup table
MINT_BATCH = 6  # emission epochs minted per transaction

T = TypeVar("T")
Progress = Callable[[int, int], None]
SYSTEM_PROGRAM = Pubkey.from_string("11111111111111111111111111111111")
# Bits of an attestation's `mismatch` (the registry's `mismatch::*`).
MISMATCH_REASONS = {
    1: "GPU model differs from the declared one",
    2: "GPU count differs from the declared one",
    4: "VRAM per GPU differs from the declared one",
    8: "hardware fingerprint (GPU UUIDs) differs from the declared one",
    16: "measured TFLOPS below the model's required share",
}


class InvalidRecipientError(IonetError, ValueError):
    """A transfer's recipient cannot receive IO safely: a token account of another mint,
    or an address nobody can sign for (a mint, a program, a PDA, another program's
    account) without the explicit `allow_non_system_account`."""


@dataclass(frozen=True, slots=True)
class CreatedJob:
    """`create_job`'s outcome: the job's address and the confirmed transaction (events
    in `result.logs`)."""

    address: Pubkey
    result: SendResult


@dataclass(frozen=True, slots=True)
class AttestationOutcome:
    """`attest`'s outcome. `passed`: the measurement matched the declaration; `reasons`:
    what differed (empty when passed); `jailed`: the mismatch was spoofing (model,
    count, VRAM or fingerprint) and the registry jailed the node; `effective_tier`:
    the tier the node is matched at; `expires_at`: the attestation's expiry (unix
    seconds); `result`: the confirmed transaction."""

    passed: bool
    mismatch: int
    reasons: list[str]
    jailed: bool
    effective_tier: GpuTier
    expires_at: int
    result: SendResult


@dataclass(frozen=True, slots=True)
class Located(Generic[T]):
    """A decoded account and its address."""

    address: Pubkey
    data: T


class IonetClient:
    """`payer` pays fees and rents; `unit_limit` and `priority_fee` (micro-lamports per
    compute unit) add compute-budget instructions to every transaction."""

    def __init__(
        self,
        conn: Connection,
        payer: Keypair,
        *,
        unit_limit: int | None = None,
        priority_fee: int | None = None,
    ) -> None:
        self.conn = conn
        self.payer = payer
        self.unit_limit = unit_limit
        self.priority_fee = priority_fee

    async def send(
        self,
        ixs: Sequence[Instruction],
        signers: Sequence[Keypair] = (),
        lookup_tables: Sequence[AddressLookupTableAccount] = (),
    ) -> SendResult:
        """Sign `ixs` once (the payer first, then `signers`) with a fresh blockhash and send
        at most once (`tx.send`); returns the confirmed transaction. Raises a program's
        error class, `InsufficientFundsError`, `BlockhashExpiredError` (did not land: safe
        to retry), `TransactionUnconfirmedError` (may still land), `TransportError`."""
        return await tx.send(
            self.conn,
            ixs,
            self.payer,
            signers,
            unit_limit=self.unit_limit,
            micro_lamports_per_unit=self.priority_fee,
            lookup_tables=lookup_tables,
        )

    async def build_tx(
        self,
        ixs: Sequence[Instruction],
        fee_payer: Pubkey | None = None,
        lookup_tables: Sequence[AddressLookupTableAccount] = (),
    ) -> MessageV0:
        """An unsigned v0 message (compute budget, fresh blockhash) to sign elsewhere:
        `VersionedTransaction(message, keypairs)` or a wallet's signatures."""
        return tx.build_message(
            tx.with_compute_budget(ixs, self.unit_limit, self.priority_fee),
            fee_payer or self.payer.pubkey(),
            await self.conn.latest_blockhash(),
            lookup_tables,
        )

    async def suggest_priority_fee(self, accounts: Sequence[Pubkey], percentile: int = 75) -> int:
        """A priority fee (micro-lamports per CU) from the cluster's recent fees for
        transactions locking `accounts`: the `percentile` of the non-zero ones, else 0."""
        return tx.priority_fee(await self.conn.recent_prioritization_fees(accounts), percentile)

    async def ata_ixs(self, owner: Pubkey, mint: Pubkey) -> list[Instruction]:
        """Creating `owner`'s associated token account (the payer pays), if it is missing."""
        if await self.conn.get_account(spl.ata(owner, mint)) is not None:
            return []
        return [spl.create_ata_ix(self.payer.pubkey(), owner, mint)]

    # --- queries

    async def registry_config(self) -> RegistryConfig:
        """The registry's config. Raises `AccountNotFoundError` before deployment."""
        return _required(
            await RegistryConfig.fetch(self.conn, pda.registry_config()), "registry config", deployed=True
        )

    async def escrow_config(self) -> EscrowConfig:
        """The escrow's config. Raises `AccountNotFoundError` before deployment."""
        return _required(
            await EscrowConfig.fetch(self.conn, pda.escrow_config()), "escrow config", deployed=True
        )

    async def token_config(self) -> TokenConfig:
        """The IO token's config (parameters, epochs minted). Raises `AccountNotFoundError`."""
        return _required(await TokenConfig.fetch(self.conn, token.CONFIG), "IO token config", deployed=True)

    async def stats(self) -> NetworkStats:
        """Network totals (IO base units): minted, burned, escrowed, fees, rewards.
        Raises `AccountNotFoundError` before deployment."""
        return _required(await NetworkStats.fetch(self.conn, token.STATS), "network stats", deployed=True)

    async def params_proposal(self) -> ParamsProposal | None:
        """The pending parameter change, if any."""
        proposal = await ParamsProposal.fetch(self.conn, token.PROPOSAL)
        return proposal if proposal is not None and proposal.active else None

    async def economics(self, epochs: int = 24) -> Period:
        """The last `epochs` minted epochs: D/E ratio, net deflation (`ionet_sdk.economics`)."""
        config = await self.token_config()
        last = max(0, config.epochs_minted - 1)
        return period(await self.stats(), last, min(epochs, last + 1))

    async def node(self, address: Pubkey) -> Node:
        """The node at `address`. Raises `AccountNotFoundError`, `DecodeError` (not a node)."""
        return _required(await Node.fetch(self.conn, address), f"node {address}")

    async def nodes(
        self,
        *,
        status: NodeStatus | None = None,
        gpu_model: GpuModel | None = None,
        operator: Pubkey | None = None,
    ) -> list[Located[Node]]:
        """Registry nodes, filtered on the node (getProgramAccounts)."""
        memcmp: list[tuple[int, bytes]] = []
        if status is not None:
            memcmp.append((NODE_STATUS, bytes([status])))
        if gpu_model is not None:
            memcmp.append((NODE_GPU_MODEL, bytes([gpu_model])))
        if operator is not None:
            memcmp.append((NODE_OPERATOR, bytes(operator)))
        infos = await self.conn.get_program_accounts(REGISTRY_ID, data_size=NODE_SIZE, memcmp=memcmp)
        return [Located(i.address, Node.decode(i.data)) for i in infos]

    async def slash_proposal(self, node: Pubkey, index: int) -> SlashProposal:
        """The node's `index`-th slash proposal. Raises `AccountNotFoundError`."""
        return _required(
            await SlashProposal.fetch(self.conn, pda.slash(node, index)), f"slash {index} of node {node}"
        )

    async def slash_proposals(self, node: Pubkey) -> list[Located[SlashProposal]]:
        """Every proposal ever made against `node` (indices 0..slash_count)."""
        count = (await self.node(node)).slash_count
        addresses = [pda.slash(node, i) for i in range(count)]
        infos = await self.conn.get_multiple_accounts(addresses)
        return [Located(a, SlashProposal.decode(i.data)) for a, i in zip(addresses, infos, strict=True) if i]

    async def job(self, address: Pubkey) -> Job:
        """The job at `address`. Raises `AccountNotFoundError`, `DecodeError` (not a job)."""
        return _required(await Job.fetch(self.conn, address), f"job {address}")

    async def jobs(
        self, *, client: Pubkey | None = None, state: JobState | None = None
    ) -> list[Located[Job]]:
        """Escrow jobs, filtered on the RPC node by client and/or state (getProgramAccounts)."""
        memcmp: list[tuple[int, bytes]] = []
        if client is not None:
            memcmp.append((JOB_CLIENT, bytes(client)))
        if state is not None:
            memcmp.append((JOB_STATE, bytes([state])))
        infos = await self.conn.get_program_accounts(ESCROW_ID, data_size=JOB_SIZE, memcmp=memcmp)
        return [Located(i.address, Job.decode(i.data)) for i in infos]

    async def runs(self, job: Pubkey) -> list[Run]:
        """The job's runs (one per assigned node), filtered on the node by job."""
        infos = await self.conn.get_program_accounts(ESCROW_ID, memcmp=[(8 + 32, bytes(job))])
        return [Run.decode(i.data) for i in infos if i.data[:8] == Run.DISCRIMINATOR]

    async def reward(self, node: Pubkey) -> Reward | None:
        """The node's reward account (None before `open_rewards`)."""
        return await Reward.fetch(self.conn, token.reward_account(node))

    # --- supply side

    async def build_register_node_ixs(
        self, operator: Pubkey, node_id: int, agent: Pubkey, hardware: HardwareSpec, vault: Keypair
    ) -> list[Instruction]:
        """Create the stake vault (`vault` must also sign) and register the node."""
        args = NodeRegisterArgs(node_id=node_id, agent=agent, hardware=hardware)
        config = await self.registry_config()
        return await registry.build_node_register_ixs(self.conn, config, operator, args, vault)

    async def register_node(
        self, operator: Keypair, node_id: int, agent: Pubkey, hardware: HardwareSpec
    ) -> Pubkey:
        """Register a node and create its stake vault; returns the node's address."""
        vault = Keypair()
        ixs = await self.build_register_node_ixs(operator.pubkey(), node_id, agent, hardware, vault)
        await self.send(ixs, [operator, vault])
        return pda.node(operator.pubkey(), node_id)

    async def update_node(
        self,
        operator: Keypair,
        node: Pubkey,
        *,
        agent: Pubkey | None = None,
        hardware: HardwareSpec | None = None,
        min_price_per_gpu_hour: int | None = None,
    ) -> SendResult:
        """Rotate the agent key, declare new hardware (clears the attestation) and/or set
        the lowest price per GPU-hour the node accepts (IO base units)."""
        ix = registry.build_node_update_ix(node, operator.pubkey(), agent, hardware, min_price_per_gpu_hour)
        return await self.send([ix], [operator])

    async def attest(self, verifier: Keypair, node: Pubkey, measured: NodeAttestArgs) -> AttestationOutcome:
        """Record a verifier's measurement (TFLOPS, latency in µs, loss in bps, bandwidth in
        Mbit/s). Returns whether it passed and, if not, why (`reasons`); a spoofed model,
        count, VRAM or GPU set jails the node (`jailed`). Raises `NotVerifier` and the
        registry's other errors."""
        result = await self.send(
            [registry.build_node_attest_ix(node, verifier.pubkey(), measured)], [verifier]
        )
        event = next(
            e for e in registry_events.parse_logs(result.logs) if isinstance(e, registry_events.NodeAttested)
        )
        reasons = [text for bit, text in MISMATCH_REASONS.items() if event.mismatch & bit]
        return AttestationOutcome(
            passed=event.passed,
            mismatch=event.mismatch,
            reasons=reasons,
            jailed=bool(event.mismatch & 0b1111),
            effective_tier=GpuTier(event.effective_tier),
            expires_at=event.expires_at,
            result=result,
        )

    async def build_stake_ixs(self, operator: Pubkey, node: Pubkey, amount: int) -> list[Instruction]:
        """The stake deposit of `amount` IO base units from the operator's associated IO
        account. Raises `AccountNotFoundError` (no such node / registry)."""
        config = await self.registry_config()
        source = spl.ata(operator, config.stake_mint)
        vault = (await self.node(node)).vault
        return [registry.build_stake_deposit_ix(config, node, vault, operator, source, amount=amount)]

    async def stake(self, operator: Keypair, node: Pubkey, amount: int) -> SendResult:
        """Bond `amount` IO from the operator's associated IO account."""
        return await self.send(await self.build_stake_ixs(operator.pubkey(), node, amount), [operator])

    async def request_unstake(self, operator: Keypair, node: Pubkey, amount: int) -> SendResult:
        """Start unbonding `amount` (still slashable until withdrawn)."""
        ix = registry.build_stake_request_unstake_ix(node, operator.pubkey(), amount)
        return await self.send([ix], [operator])

    async def rebond(self, operator: Keypair, node: Pubkey) -> SendResult:
        """Cancel unbonding: the amount counts as bonded stake again."""
        return await self.send([registry.build_stake_rebond_ix(node, operator.pubkey())], [operator])

    async def build_withdraw_ixs(self, operator: Pubkey, node: Pubkey) -> list[Instruction]:
        """The unbonded stake's withdrawal to the operator's associated IO account (created
        if missing). Raises `AccountNotFoundError`."""
        config = await self.registry_config()
        destination = spl.ata(operator, config.stake_mint)
        vault = (await self.node(node)).vault
        return [
            *await self.ata_ixs(operator, config.stake_mint),
            registry.build_stake_withdraw_ix(config, node, vault, operator, destination),
        ]

    async def withdraw(self, operator: Keypair, node: Pubkey) -> SendResult:
        """Withdraw unbonded stake after the unbonding period to the operator's IO account."""
        return await self.send(await self.build_withdraw_ixs(operator.pubkey(), node), [operator])

    async def sync_node(self, node: Pubkey, epoch: int, leaf: bytes, proof: Proof) -> SendResult:
        """`node_sync` (anyone; the client's payer pays the fee): brings the node's uptime,
        last sighting and reputation up to its 128-byte liveness `leaf` in epoch `epoch`'s
        committed root, with its Merkle `proof` (from an oracle: `OracleClient.node_proof`).
        Raises `RootNotInEffect`, `InvalidProof`, `LeafMismatch`, `StaleLeaf`, `LeafRegressed`."""
        return await self.send([registry.build_node_sync_ix(node, epoch, leaf, proof)], [])

    async def effective_epoch_root(self, epoch: int) -> tuple[int, bytes] | None:
        """`(leaf_count, root)` of epoch `epoch`'s on-chain root if it is in effect now (a
        quorum of today's oracles and its challenge window passed, or final); else None."""
        record = await EpochRoot.fetch(self.conn, pda.epoch_root(epoch))
        if record is None:
            return None
        now = (await self.conn.get_clock()).unix_timestamp
        return root_in_effect(record, await self.registry_config(), now)

    # --- slashing

    async def propose_slash(
        self,
        authority: Keypair,
        node: Pubkey,
        offense: Offense,
        *,
        evidence_hash: bytes | None = None,
        amount: int = 0,
    ) -> Pubkey:
        """Propose a slash (the slashing authority); for spoofing the evidence defaults to
        the failed attestation's hash the registry recorded. Returns the proposal."""
        data = await self.node(node)
        evidence = evidence_hash or bytes(data.spoofing_evidence)
        ix = registry.build_slash_propose_ix(
            node,
            data.slash_count,
            proposer=authority.pubkey(),
            payer=self.payer.pubkey(),
            offense=offense,
            evidence_hash=evidence,
            amount=amount,
        )
        await self.send([ix], [authority])
        return pda.slash(node, data.slash_count)

    async def appeal_slash(
        self, operator: Keypair, node: Pubkey, index: int, appeal_hash: bytes
    ) -> SendResult:
        """The operator appeals slash `index` within the appeal window; `appeal_hash`: 32
        bytes naming the off-chain appeal."""
        ix = registry.build_slash_appeal_ix(node, index, operator.pubkey(), appeal_hash)
        return await self.send([ix], [operator])

    async def resolve_slash(self, admin: Keypair, node: Pubkey, index: int, *, uphold: bool) -> SendResult:
        """The registry admin decides an appealed slash: `uphold` keeps it, else it lapses."""
        return await self.send(
            [registry.build_slash_resolve_ix(node, index, admin.pubkey(), uphold)], [admin]
        )

    async def lapse_appeal(self, node: Pubkey, index: int) -> SendResult:
        """After an appeal's resolution deadline passed undecided (anyone): the slash is
        overturned (the default outcome)."""
        return await self.send([registry.build_slash_appeal_lapse_ix(node, index)])

    async def build_execute_slash_ixs(self, node: Pubkey, index: int) -> list[Instruction]:
        """`slash_execute`, followed in the same transaction by `rewards_forfeit` when the
        node has a reward account, so that the slash forfeits its share of the node's
        locked rewards at once."""
        config = await self.registry_config()
        vault = (await self.node(node)).vault
        ixs = [registry.build_slash_execute_ix(config, node, vault, index, self.payer.pubkey())]
        if await self.reward(node) is not None:
            ixs.append(token.build_rewards_forfeit_ix(node, await self._resolvable(node)))
        return ixs

    async def execute_slash(self, node: Pubkey, index: int) -> SendResult:
        """After the appeal window (or an upheld appeal): burn/treasury the slash and forfeit
        its share of the node's locked rewards (anyone)."""
        return await self.send(await self.build_execute_slash_ixs(node, index))

    async def close_slash(self, node: Pubkey, index: int) -> SendResult:
        """Close an overturned or executed slash proposal (anyone); rent to its payer."""
        proposal = await self.slash_proposal(node, index)
        return await self.send([registry.build_slash_close_ix(node, index, proposal.rent_payer)])

    async def build_deregister_ixs(self, operator: Pubkey, node: Pubkey) -> list[Instruction]:
        """Everything `node_deregister` needs, in one transaction: `slash_close` for each
        final (overturned or executed) proposal still open, `rewards_close` if the node has
        a reward account, then `node_deregister`. One transaction, because `rewards_open` is
        permissionless: closed in a transaction of its own, the reward account could be
        reopened by anyone before the deregistration and block it (`RewardsAccountOpen`)."""
        config = await self.registry_config()
        vault = (await self.node(node)).vault
        ixs = [
            registry.build_slash_close_ix(node, p.data.index, p.data.rent_payer)
            for p in await self.slash_proposals(node)
            if p.data.status in (SlashStatus.Overturned, SlashStatus.Executed)
        ]
        if await self.reward(node) is not None:
            ixs.append(token.build_rewards_close_ix(node, operator))
        ixs.append(registry.build_node_deregister_ix(config, node, vault, operator))
        return ixs

    async def deregister(self, operator: Keypair, node: Pubkey) -> SendResult:
        """The operator closes the node (after withdrawing its stake): its final slash
        proposals, its reward account and the node itself, atomically (see
        `build_deregister_ixs`). Raises `RewardsNotEmpty` while rewards are locked or
        unresolved (claim them first), `PendingSlash` while a slash is pending."""
        return await self.send(await self.build_deregister_ixs(operator.pubkey(), node), [operator])

    # --- demand side

    async def create_job(self, client: Keypair, job_id: int, spec: JobSpec) -> CreatedJob:
        """Post a job and escrow its budget (gpu_count x duration_hours x
        price_per_gpu_hour IO base units) from the client's associated IO account.
        Returns its address and the confirmed transaction (the `JobCreated` event).
        Raises `AccountAlreadyExistsError` for a `job_id` the client used before."""
        config = await self.escrow_config()
        result = await self.send(
            [escrow.build_job_create_ix(config, client.pubkey(), job_id, spec)], [client]
        )
        return CreatedJob(pda.job(client.pubkey(), job_id), result)

    async def assign(self, matcher: Keypair, job: Pubkey, nodes: Sequence[tuple[Pubkey, int]]) -> SendResult:
        """The matcher assigns `nodes` as (node, GPUs) pairs; each node's GPUs are
        committed in the registry. The payer pays the runs' rent (lamports)."""
        ix = escrow.build_job_assign_ix(job, nodes, matcher.pubkey(), self.payer.pubkey())
        return await self.send([ix], [matcher])

    async def start(self, agent: Keypair, job: Pubkey, node: Pubkey) -> SendResult:
        """The node's agent starts its run (before the job's start deadline)."""
        return await self.send([escrow.build_job_start_ix(job, node, agent.pubkey())], [agent])

    async def report_usage(self, agent: Keypair, job: Pubkey, node: Pubkey, gpu_seconds: int) -> SendResult:
        """A usage receipt: cumulative GPU-seconds the node delivered (never decreasing)."""
        ix = escrow.build_job_report_usage_ix(job, node, agent.pubkey(), gpu_seconds)
        return await self.send([ix], [agent])

    async def complete(self, signer: Keypair, job: Pubkey) -> SendResult:
        """The client (any time) or anyone after deadline + duration: opens the challenge window."""
        return await self.send([escrow.build_job_complete_ix(job, signer.pubkey())], [signer])

    async def dispute(self, client: Keypair, job: Pubkey, evidence_hash: bytes) -> SendResult:
        """Freeze settlement within the challenge window, posting the dispute bond."""
        ix = escrow.build_job_dispute_ix(await self.escrow_config(), job, await self.job(job), evidence_hash)
        return await self.send([ix], [client])

    async def resolve_dispute(
        self, arbiter: Keypair, job: Pubkey, *, founded: bool, payout_bps: int = 10_000
    ) -> SendResult:
        """The arbiter resolves a dispute: `founded` refunds the client the dispute's share
        and returns the bond; `payout_bps` (basis points) of the runs' pay still goes out."""
        config, data = await self.escrow_config(), await self.job(job)
        ix = escrow.build_job_resolve_ix(config, job, data, founded, payout_bps)
        return await self.send([ix], [arbiter])

    async def cancel(self, signer: Keypair, job: Pubkey) -> SendResult:
        """Cancel a job before it runs: its escrow back to the client."""
        config, data = await self.escrow_config(), await self.job(job)
        return await self.send([escrow.build_job_cancel_ix(config, job, data, signer.pubkey())], [signer])

    async def timeout(self, job: Pubkey, node: Pubkey) -> SendResult:
        """Remove a node that missed the start deadline or went silent (anyone): refund the
        undelivered part, release it in the registry and propose its slash."""
        config, data = await self.escrow_config(), await self.job(job)
        slash_index = (await self.node(node)).slash_count
        ix = escrow.build_job_timeout_ix(
            config, job, data, node, slash_index=slash_index, payer=self.payer.pubkey()
        )
        return await self.send([ix])

    async def settle(self, job: Pubkey, on_progress: Progress | None = None) -> list[SendResult]:
        """Settle every open run in batches, then finalize the job; `on_progress(done,
        total)` after each transaction."""
        config = await self.escrow_config()
        data = await self.job(job)
        runs = await self.runs(job)  # settled runs are closed
        batches = [runs[i : i + SETTLE_BATCH] for i in range(0, len(runs), SETTLE_BATCH)]
        results = []
        for batch in batches:
            results.append(
                await self.send([escrow.build_job_settle_ix(config, job, data, batch, self.payer.pubkey())])
            )
            if on_progress:
                on_progress(len(results), len(batches) + 1)
        data = await self.job(job)
        results.append(await self.send([escrow.build_job_finalize_ix(config, job, data)]))
        if on_progress:
            on_progress(len(results), len(batches) + 1)
        return results

    async def close_job(self, client: Keypair, job: Pubkey) -> SendResult:
        """Close a settled or cancelled job: its rent back to the client."""
        config = await self.escrow_config()
        return await self.send([escrow.build_job_close_ix(config, job, await self.job(job))], [client])

    async def lapse_dispute(self, job: Pubkey) -> SendResult:
        """After a dispute's deadline passed undecided (anyone): the default outcome."""
        config = await self.escrow_config()
        return await self.send([escrow.build_job_dispute_lapse_ix(config, job, await self.job(job))])

    # --- the IO token

    async def build_transfer_ixs(
        self, sender: Pubkey, recipient: Pubkey, amount: int, *, allow_non_system_account: bool = False
    ) -> list[Instruction]:
        """Send `amount` IO base units from `sender`'s associated IO account, with
        spl-token's rule for the recipient: an IO token account is paid directly; a
        wallet (an account the System program owns, or an unfunded address on the ed25519
        curve: a key someone can hold) is paid at its associated IO account, created if
        missing; anything else — a mint, a program, a PDA, another program's account —
        could never move the IO on, and is refused unless `allow_non_system_account`.
        Raises `InvalidRecipientError`."""
        source = spl.ata(sender, token.MINT)
        info = await self.conn.get_account(recipient)
        if info is not None and info.owner == TOKEN_PROGRAM_ID and len(info.data) == spl.TOKEN_ACCOUNT_SIZE:
            if Pubkey.from_bytes(info.data[:32]) != token.MINT:
                raise InvalidRecipientError(
                    f"{recipient} is a token account of mint {Pubkey.from_bytes(info.data[:32])}, not of IO"
                )
            return [spl.transfer_ix(source, token.MINT, recipient, sender, amount, IO_DECIMALS)]
        wallet = (
            info.owner == SYSTEM_PROGRAM and not info.executable
            if info is not None
            else recipient.is_on_curve()
        )
        if not wallet and not allow_non_system_account:
            what = (
                "an address off the ed25519 curve (a PDA: no private key exists)"
                if info is None
                else f"an account owned by {info.owner}"
                + (" (an executable program)" if info.executable else "")
                + (" (an SPL mint)" if info.owner == TOKEN_PROGRAM_ID else "")
            )
            raise InvalidRecipientError(
                f"refusing to send IO to {recipient}: it is {what}, not a wallet, so nobody could "
                "sign to move the IO on. Send to the owner's wallet address, or pass "
                "allow_non_system_account (--allow-non-system-account) if this is intended"
            )
        return [
            *await self.ata_ixs(recipient, token.MINT),
            spl.transfer_ix(source, token.MINT, spl.ata(recipient, token.MINT), sender, amount, IO_DECIMALS),
        ]

    async def transfer(
        self, sender: Keypair, recipient: Pubkey, amount: int, *, allow_non_system_account: bool = False
    ) -> SendResult:
        """Send `amount` IO base units to `recipient` under `build_transfer_ixs`'s rule,
        at most once. Raises `InvalidRecipientError`, SPL Token errors (e.g. too little
        IO), `InsufficientFundsError` (SOL for the fee / the new account's rent)."""
        ixs = await self.build_transfer_ixs(
            sender.pubkey(), recipient, amount, allow_non_system_account=allow_non_system_account
        )
        return await self.send(ixs, [sender])

    async def mint_epoch(self) -> SendResult:
        """Mint the next unminted epoch's emission (anyone; fails `EpochNotEnded` early)."""
        epoch = (await self.token_config()).epochs_minted
        return await self.send([token.build_emission_mint_epoch_ix(self.payer.pubkey(), epoch)])

    async def mint_epochs(self, on_progress: Progress | None = None) -> list[SendResult]:
        """Mint every ended epoch not yet minted, in order, several per transaction;
        `on_progress(done, total)` after each transaction."""
        config = await self.token_config()
        now = (await self.conn.get_clock()).unix_timestamp
        ended = max(0, (now - config.genesis_time) // config.epoch_secs)
        epochs = list(range(config.epochs_minted, ended))
        results = []
        for start in range(0, len(epochs), MINT_BATCH):
            ixs = [
                token.build_emission_mint_epoch_ix(self.payer.pubkey(), e)
                for e in epochs[start : start + MINT_BATCH]
            ]
            results.append(await self.send(ixs))
            if on_progress:
                on_progress(len(results), -(-len(epochs) // MINT_BATCH))
        return results

    async def open_rewards(self, node: Pubkey) -> SendResult:
        """Create the node's reward account (anyone; the payer pays its rent in lamports).
        Raises `AccountAlreadyExistsError` if it is already open."""
        return await self.send([token.build_rewards_open_ix(node, self.payer.pubkey())])

    async def accrue_rewards(self, node: Pubkey) -> SendResult:
        """Credit the current epoch with the node's new work and (once an epoch) availability;
        resolve the minted epochs the reward account holds into a locked tranche."""
        return await self.send([token.build_rewards_accrue_ix(node, await self._resolvable(node))])

    async def _resolvable(self, node: Pubkey) -> list[int]:
        reward = _required(await self.reward(node), f"reward account of node {node}")
        minted = (await self.token_config()).epochs_minted
        return [b.epoch for b in reward.buckets if b.used and b.epoch < minted]

    async def build_claim_rewards_ixs(self, operator: Pubkey, node: Pubkey) -> list[Instruction]:
        """Claim: resolve every minted epoch the reward account holds, pay what has unlocked."""
        epochs = await self._resolvable(node)
        destination = spl.ata(operator, token.MINT)
        return [
            *await self.ata_ixs(operator, token.MINT),
            token.build_rewards_claim_ix(node, operator, destination, epochs),
        ]

    async def forfeit_rewards(self, node: Pubkey) -> SendResult:
        """After a slash (anyone): burn its share of the node's rewards, resolved ones included."""
        return await self.send([token.build_rewards_forfeit_ix(node, await self._resolvable(node))])

    async def claim_rewards(self, operator: Keypair, node: Pubkey) -> SendResult:
        """The operator takes the rewards that have unlocked (IO to its associated account)."""
        return await self.send(await self.build_claim_rewards_ixs(operator.pubkey(), node), [operator])

    async def propose_params(
        self, admin: Keypair, params: TokenParams, schedule: Sequence[EmissionEntry] = ()
    ) -> SendResult:
        """Propose new parameters (and optionally a schedule); executable after the timelock."""
        return await self.send([token.build_params_propose_ix(admin.pubkey(), params, schedule)], [admin])

    async def execute_params(self, admin: Keypair) -> SendResult:
        """The token admin applies the pending proposal once its timelock has passed."""
        return await self.send([token.build_params_execute_ix(admin.pubkey())], [admin])

    async def cancel_params(self, admin: Keypair) -> SendResult:
        """The token admin withdraws the pending proposal."""
        return await self.send([token.build_params_cancel_ix(admin.pubkey())], [admin])


def _required(value: T | None, what: str, *, deployed: bool = False) -> T:
    """`value`, or `AccountNotFoundError`: for a program's config (`deployed`), with the hint
    that the programs may not be deployed; for a node, job or slash, the account alone."""
    if value is None:
        if deployed:
            raise AccountNotFoundError(
                f"{what} does not exist on this cluster (is it deployed? `ionet deploy`)"
            )
        raise AccountNotFoundError(f"{what}: account not found on this cluster")
    return value
