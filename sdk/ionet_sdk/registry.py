"""Registry instructions with every PDA resolved: `build_*_ix` for callers who sign elsewhere.

Each builder takes the signers' public keys and the business arguments and
derives the config, node and proposal addresses (see `ionet_sdk.pda`). The
stake mint and treasury come from the config and a node's vault from the node,
so callers pass what they read (`RegistryConfig.fetch`, `Node.fetch`).
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterable, Sequence

from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk import pda, spl
from ionet_sdk._generated.ionet_registry import instructions as ix
from ionet_sdk._generated.ionet_registry.accounts import RegistryConfig
from ionet_sdk._generated.ionet_registry.constants import PROGRAM_ID
from ionet_sdk._generated.ionet_registry.types import (
    ConfigInitArgs,
    ConfigUpdateArgs,
    GpuModel,
    GpuTier,
    HardwareSpec,
    JobOutcome,
    NodeAttestArgs,
    NodeHardware,
    NodeRegisterArgs,
    NodeSyncArgs,
    NodeUpdateArgs,
    Offense,
    RegistryParams,
    SlashProposeArgs,
)
from ionet_sdk.connection import Connection
from ionet_sdk.errors import InvalidArgumentError
from ionet_sdk.merkle import Proof
from ionet_sdk.svm import programdata_address

INSTRUCTIONS_SYSVAR = Pubkey.from_string("Sysvar1nstructions1111111111111111111111111")

# The programs' hardware rules, mirrored once for clients (GpuModel::tier and
# GpuModel::expected_tflops in programs/ionet-registry/src/state/hardware.rs).
GPU_TIERS = {
    GpuModel.H200: GpuTier.H100Class,
    GpuModel.H100: GpuTier.H100Class,
    GpuModel.A100: GpuTier.A100,
    GpuModel.L40S: GpuTier.L40S,
    GpuModel.A6000: GpuTier.A6000Class,
    GpuModel.A5000: GpuTier.A6000Class,
    GpuModel.Rtx4090: GpuTier.Rtx4090,
    GpuModel.Rtx3090: GpuTier.Rtx3090,
    GpuModel.Other: GpuTier.Other,
}
# Expected dense FP16 TFLOPS per GPU.
EXPECTED_TFLOPS = {
    GpuModel.H200: 989,
    GpuModel.H100: 989,
    GpuModel.A100: 312,
    GpuModel.L40S: 362,
    GpuModel.A6000: 155,
    GpuModel.A5000: 111,
    GpuModel.Rtx4090: 165,
    GpuModel.Rtx3090: 71,
    GpuModel.Other: 0,
}
# Memory per GPU a model has (GB), the `ionet node register` default. A verifier jails
# a node that declares more than it measures, so a model sold in several sizes
# defaults to its smallest (A100: 40 GB; declare 80 for the 80 GB part). `Other`
# has no default.
DEFAULT_VRAM_GB = {
    GpuModel.H200: 141,
    GpuModel.H100: 80,
    GpuModel.A100: 40,
    GpuModel.L40S: 48,
    GpuModel.A6000: 48,
    GpuModel.A5000: 24,
    GpuModel.Rtx4090: 24,
    GpuModel.Rtx3090: 24,
}


def hardware_fingerprint(gpu_uuids: Iterable[str]) -> list[int]:
    """A node's hardware fingerprint (`HardwareSpec.fingerprint`, 32 bytes): the SHA-256 of
    its GPUs' UUIDs as NVML reports them (`nvidia-smi --query-gpu=uuid`), sorted and
    concatenated, so that the order GPUs are listed in does not matter. Raises
    `InvalidArgumentError` when no UUID is given."""
    uuids = sorted(u.strip() for u in gpu_uuids if u.strip())
    if not uuids:
        raise InvalidArgumentError("a hardware fingerprint needs at least one GPU UUID")
    return list(hashlib.sha256("".join(uuids).encode()).digest())


def min_stake(params: RegistryParams, tier: int, gpus: int) -> int:
    """A node's minimum bond as the program computes it: the tier's per-GPU amount,
    rounded up, times the GPUs."""
    return -(-params.base_stake_per_gpu * params.tier_multiplier_bps[tier] // 10_000) * gpus


def build_config_init_ix(
    upgrade_authority: Pubkey, stake_mint: Pubkey, treasury: Pubkey, args: ConfigInitArgs
) -> Instruction:
    """Initialize the registry (once; the program's upgrade authority signs): `stake_mint` is the IO
    mint, `treasury` an IO account receiving slashed stake. Fails `NotUpgradeAuthority`,
    `AccountAlreadyExistsError` when already initialized."""
    return ix.config_init(
        ix.ConfigInitAccounts(
            config=pda.registry_config(),
            upgrade_authority=upgrade_authority,
            program_data=programdata_address(PROGRAM_ID),
            stake_mint=stake_mint,
            treasury=treasury,
        ),
        args=args,
    )


def build_config_update_ix(
    admin: Pubkey, args: ConfigUpdateArgs, new_treasury: Pubkey | None = None
) -> Instruction:
    """Change the registry's parameters/authorities (the admin signs); `new_treasury` moves the
    treasury. The program checks every bound (`InvalidParams`)."""
    return ix.config_update(
        ix.ConfigUpdateAccounts(config=pda.registry_config(), admin=admin, new_treasury=new_treasury),
        args=args,
    )


def build_node_register_ix(
    config: RegistryConfig, operator: Pubkey, args: NodeRegisterArgs, vault: Pubkey
) -> Instruction:
    """`node_register` alone; `vault` must be a new, empty token account owned by the node PDA."""
    return ix.node_register(
        ix.NodeRegisterAccounts(
            config=pda.registry_config(),
            node=pda.node(operator, args.node_id),
            stake_mint=config.stake_mint,
            vault=vault,
            operator=operator,
        ),
        args=args,
    )


async def build_node_register_ixs(
    conn: Connection, config: RegistryConfig, operator: Pubkey, args: NodeRegisterArgs, vault: Keypair
) -> list[Instruction]:
    """Create the node's vault (signed by `vault`), then register: one transaction."""
    node = pda.node(operator, args.node_id)
    create_vault = await spl.create_token_account_ixs(conn, operator, vault, config.stake_mint, node)
    return [*create_vault, build_node_register_ix(config, operator, args, vault.pubkey())]


def build_node_update_ix(
    node: Pubkey,
    operator: Pubkey,
    agent: Pubkey | None = None,
    hardware: HardwareSpec | None = None,
    min_price_per_gpu_hour: int | None = None,
) -> Instruction:
    """`node_update`: any of a new agent key, new declared hardware (clears the
    attestation) or the lowest price per GPU-hour the node accepts (IO base units;
    the escrow refuses to assign it to a cheaper job). Raises `NothingToUpdate` if
    nothing changes."""
    return ix.node_update(
        ix.NodeUpdateAccounts(config=pda.registry_config(), node=node, operator=operator),
        args=NodeUpdateArgs(agent=agent, hardware=hardware, min_price_per_gpu_hour=min_price_per_gpu_hour),
    )


def build_node_deregister_ix(
    config: RegistryConfig, node: Pubkey, vault: Pubkey, operator: Pubkey
) -> Instruction:
    """`node_deregister`: closes the node and its vault (rent to the operator). IO the
    vault holds beyond the books goes to the treasury. Fails with `SlashProposalsOpen`
    until every proposal is closed (`build_slash_close_ix`) and `RewardsAccountOpen`
    until the node's reward account is closed (`token.build_rewards_close_ix`)."""
    return ix.node_deregister(
        ix.NodeDeregisterAccounts(
            config=pda.registry_config(),
            node=node,
            vault=vault,
            operator=operator,
            stake_mint=config.stake_mint,
            treasury=config.treasury,
            reward=pda.reward(node),
        )
    )


def build_slash_appeal_lapse_ix(node: Pubkey, slash_index: int) -> Instruction:
    """`slash_appeal_lapse` (anyone): once an appeal went undecided past its resolution
    deadline (`appeal_deadline + APPEAL_RESOLUTION_SECS`), the slash is overturned. Raises
    `AppealDeadlineNotReached` before it, `SlashNotResolvable` unless the slash is appealed."""
    return ix.slash_appeal_lapse(
        ix.SlashAppealLapseAccounts(node=node, proposal=pda.slash(node, slash_index))
    )


def build_slash_close_ix(node: Pubkey, slash_index: int, rent_payer: Pubkey) -> Instruction:
    """`slash_close` (anyone): closes an overturned or executed proposal; its rent goes
    back to `rent_payer` (the proposal's `rent_payer`). Raises `SlashNotFinal` otherwise."""
    return ix.slash_close(
        ix.SlashCloseAccounts(node=node, proposal=pda.slash(node, slash_index), rent_payer=rent_payer)
    )


ED25519_PROGRAM_ID = Pubkey.from_string("Ed25519SigVerify111111111111111111111111111")
"""Solana's ed25519 signature-verification precompile."""


def ed25519_verify_ix(signed: Sequence[tuple[Pubkey, bytes, bytes]]) -> Instruction:
    """An ed25519 precompile instruction verifying each `(public key, signature (64), message)`,
    all data inside the instruction (instruction index `u16::MAX`): the transaction fails
    unless every signature is valid."""
    count = len(signed)
    offsets = bytearray([count, 0])
    body = bytearray()
    base = 2 + 14 * count
    here = 0xFFFF
    for key, signature, message in signed:
        if len(signature) != 64:
            raise InvalidArgumentError(f"an ed25519 signature is 64 bytes, got {len(signature)}")
        key_at = base + len(body)
        sig_at = key_at + 32
        msg_at = sig_at + 64
        body += bytes(key) + signature + message
        offsets += struct.pack("<HHHHHHH", sig_at, here, key_at, here, msg_at, len(message), here)
    return Instruction(ED25519_PROGRAM_ID, bytes(offsets + body), [])


def build_liveness_root_commit_ix(oracle: Pubkey, epoch: int, root: bytes, leaf_count: int) -> Instruction:
    """An oracle's vote for `(root, leaf_count)` as epoch `epoch`'s liveness tree (the oracle
    signs and pays the epoch record's rent on the first vote). Fails `NotOracle`,
    `OracleAlreadyVoted`, `EmptyRoot`, `RootFinal`, `TooManyRootProposals`."""
    return ix.liveness_root_commit(
        ix.LivenessRootCommitAccounts(
            config=pda.registry_config(), epoch_root=pda.epoch_root(epoch), oracle=oracle
        ),
        epoch=epoch,
        root=list(root),
        leaf_count=leaf_count,
    )


def build_liveness_root_close_ix(epoch: int, newer_epoch: int, creator: Pubkey) -> Instruction:
    """Anyone: close epoch `epoch`'s root record, superseded by `newer_epoch`'s root in
    effect; `creator` is the record's first voter (`EpochRoot.voters[0]`), paid back its
    rent (lamports). Fails `RootNotSuperseded`, `WrongRootCreator`."""
    return ix.liveness_root_close(
        ix.LivenessRootCloseAccounts(
            epoch_root=pda.epoch_root(epoch), newer=pda.epoch_root(newer_epoch), creator=creator
        ),
        epoch=epoch,
    )


def build_liveness_equivocation_ixs(reporter: Pubkey, first: bytes, second: bytes) -> list[Instruction]:
    """The evidence that an oracle signed two different roots for one epoch: two signed root
    statements (188 bytes each: message (124) || signature (64)), verified by the ed25519
    precompile in the instruction right before `liveness_equivocation` (`reporter` signs).
    Fails `InvalidEquivocation`, `NotOracle` (already removed)."""
    signed = []
    for statement in (first, second):
        if len(statement) != 188:
            raise InvalidArgumentError(f"a signed root statement is 188 bytes, got {len(statement)}")
        oracle = Pubkey.from_bytes(statement[48:80])
        signed.append((oracle, statement[124:], statement[:124]))
    return [
        ed25519_verify_ix(signed),
        ix.liveness_equivocation(
            ix.LivenessEquivocationAccounts(
                config=pda.registry_config(), instructions=INSTRUCTIONS_SYSVAR, reporter=reporter
            )
        ),
    ]


def build_node_sync_ix(node: Pubkey, epoch: int, leaf: bytes, proof: Proof) -> Instruction:
    """`node_sync` (anyone; no signer but the fee payer): brings `node`'s liveness figures up
    to its 128-byte `leaf` in epoch `epoch`'s root, with its Merkle `proof`. Fails
    `RootNotInEffect`, `InvalidProof`, `LeafMismatch`, `StaleLeaf`, `LeafRegressed`."""
    return ix.node_sync(
        ix.NodeSyncAccounts(config=pda.registry_config(), epoch_root=pda.epoch_root(epoch), node=node),
        args=NodeSyncArgs(
            epoch=epoch,
            leaf=list(leaf),
            index=proof.index,
            siblings=[list(s) for s in proof.siblings],
        ),
    )


def build_node_mark_inactive_ix(node: Pubkey, cranker: Pubkey) -> Instruction:
    """Mark an Active node whose oracle-proven liveness went stale Inactive (anyone;
    `cranker` signs): its last synced `last_seen` is older than `liveness_max_age_secs`
    or its last synced epoch's uptime is below `min_epoch_uptime_secs`. Raises
    `NodeNotStale` while it is fresh, `NodeNotActive` unless Active."""
    return ix.node_mark_inactive(
        ix.NodeMarkInactiveAccounts(config=pda.registry_config(), node=node, cranker=cranker)
    )


def build_node_attest_ix(
    node: Pubkey, verifier: Pubkey, args: NodeAttestArgs, fingerprint_holder: Pubkey | None = None
) -> Instruction:
    """A verifier's measurement of the node (TFLOPS, RTT in µs, loss in bps, bandwidth in Mbit/s,
    fingerprint: `hardware_fingerprint`). The verifier pays the fingerprint index's rent the
    first time those GPUs are attested. `fingerprint_holder`: the node the index names when
    it is another one that deregistered or changed its hardware (`FingerprintIndex.node`),
    so this node can take the fingerprint over. Fails `NotVerifier`, `FingerprintInUse`
    (another node holds those GPUs), `FingerprintChanged`."""
    return ix.node_attest(
        ix.NodeAttestAccounts(
            config=pda.registry_config(),
            node=node,
            verifier=verifier,
            fingerprint_index=pda.fingerprint(bytes(args.fingerprint)),
            fingerprint_holder=fingerprint_holder,
        ),
        args=args,
    )


def build_stake_deposit_ix(
    config: RegistryConfig, node: Pubkey, vault: Pubkey, operator: Pubkey, source: Pubkey, *, amount: int
) -> Instruction:
    """Bond `amount` IO base units from `source` (an IO account of the operator) into the node's
    `vault`."""
    return ix.stake_deposit(
        ix.StakeDepositAccounts(
            config=pda.registry_config(),
            node=node,
            vault=vault,
            stake_mint=config.stake_mint,
            source=source,
            operator=operator,
        ),
        amount=amount,
    )


def build_stake_request_unstake_ix(node: Pubkey, operator: Pubkey, amount: int) -> Instruction:
    """Start unbonding `amount` IO base units (still slashable until withdrawn)."""
    return ix.stake_request_unstake(
        ix.StakeRequestUnstakeAccounts(config=pda.registry_config(), node=node, operator=operator),
        amount=amount,
    )


def build_stake_rebond_ix(node: Pubkey, operator: Pubkey) -> Instruction:
    """Cancel the node's unbonding: the amount counts as bonded again."""
    return ix.stake_rebond(ix.StakeRebondAccounts(config=pda.registry_config(), node=node, operator=operator))


def build_stake_withdraw_ix(
    config: RegistryConfig, node: Pubkey, vault: Pubkey, operator: Pubkey, destination: Pubkey
) -> Instruction:
    """After the unbonding period, pay the unbonded IO from the `vault` to `destination` (an IO
    account of the operator). Fails `UnbondingNotReady` early."""
    return ix.stake_withdraw(
        ix.StakeWithdrawAccounts(
            config=pda.registry_config(),
            node=node,
            vault=vault,
            stake_mint=config.stake_mint,
            destination=destination,
            operator=operator,
        )
    )


def build_slash_propose_ix(
    node: Pubkey,
    slash_index: int,
    *,
    proposer: Pubkey,
    payer: Pubkey,
    offense: Offense,
    evidence_hash: bytes,
    amount: int = 0,
) -> Instruction:
    """`slash_index` is the node's `slash_count` (the next proposal's index)."""
    return ix.slash_propose(
        ix.SlashProposeAccounts(
            config=pda.registry_config(),
            node=node,
            proposal=pda.slash(node, slash_index),
            proposer=proposer,
            payer=payer,
        ),
        args=SlashProposeArgs(offense=offense, amount=amount, evidence_hash=list(evidence_hash)),
    )


def build_slash_appeal_ix(
    node: Pubkey, slash_index: int, operator: Pubkey, appeal_hash: bytes
) -> Instruction:
    """The operator appeals proposal `slash_index` within the appeal window; `appeal_hash`: 32 bytes
    naming the appeal."""
    return ix.slash_appeal(
        ix.SlashAppealAccounts(node=node, proposal=pda.slash(node, slash_index), operator=operator),
        appeal_hash=list(appeal_hash),
    )


def build_slash_resolve_ix(node: Pubkey, slash_index: int, admin: Pubkey, uphold: bool) -> Instruction:
    """The admin decides an appealed slash: `uphold` keeps it, else it lapses."""
    return ix.slash_resolve(
        ix.SlashResolveAccounts(
            config=pda.registry_config(), node=node, proposal=pda.slash(node, slash_index), admin=admin
        ),
        uphold=uphold,
    )


def build_slash_execute_ix(
    config: RegistryConfig, node: Pubkey, vault: Pubkey, slash_index: int, cranker: Pubkey
) -> Instruction:
    """Carry out slash `slash_index` after its appeal window (anyone; `cranker` signs): burns its
    share and pays the rest to the treasury."""
    return ix.slash_execute(
        ix.SlashExecuteAccounts(
            config=pda.registry_config(),
            node=node,
            proposal=pda.slash(node, slash_index),
            vault=vault,
            stake_mint=config.stake_mint,
            treasury=config.treasury,
            cranker=cranker,
        )
    )


def hardware_spec(stored: NodeHardware) -> HardwareSpec:
    """A node's stored hardware (zero-copy, model as a byte) as the typed `HardwareSpec`."""
    return HardwareSpec(
        gpu_model=GpuModel(stored.gpu_model),
        gpu_count=stored.gpu_count,
        vram_gb_per_gpu=stored.vram_gb_per_gpu,
        cuda_major=stored.cuda_major,
        cuda_minor=stored.cuda_minor,
        region=stored.region,
        bandwidth_mbps=stored.bandwidth_mbps,
        fingerprint=stored.fingerprint,
    )


def build_node_job_commit_ix(nodes: Sequence[tuple[Pubkey, int]], job_authority: Pubkey) -> Instruction:
    """Commit `(node, gpus)` pairs to a job in one call (the escrow does this by CPI)."""
    return ix.node_job_commit(
        ix.NodeJobCommitAccounts(config=pda.registry_config(), job_authority=job_authority),
        gpus=[gpus for _, gpus in nodes],
        remaining_accounts=[AccountMeta(node, False, True) for node, _ in nodes],
    )


def build_node_job_release_ix(
    node: Pubkey,
    job_authority: Pubkey,
    gpus: int,
    outcome: JobOutcome,
    gpu_seconds: int = 0,
    *,
    fee: int = 0,
    tier: GpuTier = GpuTier.Other,
) -> Instruction:
    """Release `gpus` of a node from a job with its `outcome`, delivered `gpu_seconds` and the
    protocol `fee` (IO base units) charged on the run's pay under the job's `tier` (the node's
    work rewards accrue from its burned share). The job authority signs; the escrow does this
    by CPI."""
    return ix.node_job_release(
        ix.NodeJobReleaseAccounts(config=pda.registry_config(), node=node, job_authority=job_authority),
        gpus=gpus,
        outcome=outcome,
        gpu_seconds=gpu_seconds,
        fee=fee,
        tier=tier,
    )
