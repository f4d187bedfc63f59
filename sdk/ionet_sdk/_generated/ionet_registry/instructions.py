"""Instruction builders of ionet_registry: typed args and accounts in, a solders Instruction out.

Generated from target/idl/ionet_registry.json by scripts/generate_sdk.py. Do not edit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from solders.instruction import AccountMeta, Instruction
from solders.pubkey import Pubkey

from ionet_sdk.codec import Writer

from .constants import PROGRAM_ID
from .types import (
    ConfigInitArgs,
    ConfigUpdateArgs,
    GpuTier,
    JobOutcome,
    NodeAttestArgs,
    NodeRegisterArgs,
    NodeSyncArgs,
    NodeUpdateArgs,
    SlashProposeArgs,
)


@dataclass(frozen=True, slots=True)
class ConfigInitAccounts:
    """Accounts of `config_init`, in the program's order."""

    config: Pubkey
    upgrade_authority: Pubkey
    """
    Only the program's upgrade authority may create the config, so nobody can
    front-run the deployment with their own admin.
    """
    program_data: Pubkey
    stake_mint: Pubkey
    """The IO mint (8 decimals; the IO token program's mint in a deployment)."""
    treasury: Pubkey
    program: Pubkey = Pubkey.from_string("GMJp7x7EvHRbWJEsEn2NAooBGekLr1Zg4ooqibRRET4G")
    system_program: Pubkey = Pubkey.from_string("11111111111111111111111111111111")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=True),
            AccountMeta(self.upgrade_authority, is_signer=True, is_writable=True),
            AccountMeta(self.program, is_signer=False, is_writable=False),
            AccountMeta(self.program_data, is_signer=False, is_writable=False),
            AccountMeta(self.stake_mint, is_signer=False, is_writable=False),
            AccountMeta(self.treasury, is_signer=False, is_writable=False),
            AccountMeta(self.system_program, is_signer=False, is_writable=False),
        ]


DISCRIMINATOR_CONFIG_INIT = bytes([13, 236, 164, 173, 106, 253, 164, 185])


def config_init(
    accounts: ConfigInitAccounts,
    *,
    args: ConfigInitArgs,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Creates the registry config PDA. Signed by the program's upgrade authority;
    sets the admin, slashing authority, verifier set, IO mint, treasury and
    parameters (each checked against its on-chain bounds).
    """
    w = Writer()
    w.raw(DISCRIMINATOR_CONFIG_INIT)
    args.write(w)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class ConfigUpdateAccounts:
    """Accounts of `config_update`, in the program's order."""

    admin: Pubkey
    new_treasury: Pubkey | None
    """A new treasury (IO token account), if it changes."""
    config: Pubkey = Pubkey.from_string("GXtK9sJVWArMf3r1vzsWhzcMV5KGzpP2XkEhbNd3aUvT")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=True),
            AccountMeta(self.admin, is_signer=True, is_writable=False),
            AccountMeta(
                program_id if self.new_treasury is None else self.new_treasury,
                is_signer=False,
                is_writable=False,
            ),
        ]


DISCRIMINATOR_CONFIG_UPDATE = bytes([80, 37, 109, 136, 82, 135, 89, 241])


def config_update(
    accounts: ConfigUpdateAccounts,
    *,
    args: ConfigUpdateArgs,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Admin: changes authorities, the verifier set, the treasury or parameters
    (within their bounds). Emits `ConfigUpdated`.
    """
    w = Writer()
    w.raw(DISCRIMINATOR_CONFIG_UPDATE)
    args.write(w)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class LivenessEquivocationAccounts:
    """Accounts of `liveness_equivocation`, in the program's order."""

    reporter: Pubkey
    config: Pubkey = Pubkey.from_string("GXtK9sJVWArMf3r1vzsWhzcMV5KGzpP2XkEhbNd3aUvT")
    instructions: Pubkey = Pubkey.from_string("Sysvar1nstructions1111111111111111111111111")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=True),
            AccountMeta(self.instructions, is_signer=False, is_writable=False),
            AccountMeta(self.reporter, is_signer=True, is_writable=False),
        ]


DISCRIMINATOR_LIVENESS_EQUIVOCATION = bytes([223, 9, 106, 123, 108, 68, 99, 208])


def liveness_equivocation(
    accounts: LivenessEquivocationAccounts,
    *,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Anyone: evidence (an ed25519 precompile instruction right before this one)
    that an oracle signed two different roots for one epoch removes it from the
    oracle list; its votes stop counting in roots not yet final.
    """
    w = Writer()
    w.raw(DISCRIMINATOR_LIVENESS_EQUIVOCATION)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class LivenessRootCloseAccounts:
    """Accounts of `liveness_root_close`, in the program's order."""

    epoch_root: Pubkey
    """The superseded epoch's record; closed, its rent to the oracle that created it."""
    newer: Pubkey
    """
    A later epoch's record whose root is in effect: every node's cumulative leaf
    in it supersedes the closed epoch's (a sync needs a leaf newer than the node's).
    """
    creator: Pubkey
    config: Pubkey = Pubkey.from_string("GXtK9sJVWArMf3r1vzsWhzcMV5KGzpP2XkEhbNd3aUvT")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=False),
            AccountMeta(self.epoch_root, is_signer=False, is_writable=True),
            AccountMeta(self.newer, is_signer=False, is_writable=False),
            AccountMeta(self.creator, is_signer=False, is_writable=True),
        ]


DISCRIMINATOR_LIVENESS_ROOT_CLOSE = bytes([167, 215, 36, 200, 186, 233, 126, 177])


def liveness_root_close(
    accounts: LivenessRootCloseAccounts,
    *,
    epoch: int,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Anyone: closes epoch `epoch`'s root record once a later epoch's root is in
    effect (leaves are cumulative), its rent back to the oracle that created it.
    """
    w = Writer()
    w.raw(DISCRIMINATOR_LIVENESS_ROOT_CLOSE)
    w.u64(epoch)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class LivenessRootCommitAccounts:
    """Accounts of `liveness_root_commit`, in the program's order."""

    epoch_root: Pubkey
    """The epoch's votes; the first vote creates it (rent paid by that oracle)."""
    oracle: Pubkey
    config: Pubkey = Pubkey.from_string("GXtK9sJVWArMf3r1vzsWhzcMV5KGzpP2XkEhbNd3aUvT")
    system_program: Pubkey = Pubkey.from_string("11111111111111111111111111111111")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=False),
            AccountMeta(self.epoch_root, is_signer=False, is_writable=True),
            AccountMeta(self.oracle, is_signer=True, is_writable=True),
            AccountMeta(self.system_program, is_signer=False, is_writable=False),
        ]


DISCRIMINATOR_LIVENESS_ROOT_COMMIT = bytes([23, 202, 5, 110, 237, 99, 33, 26])


def liveness_root_commit(
    accounts: LivenessRootCommitAccounts,
    *,
    epoch: int,
    root: list[int],
    leaf_count: int,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Liveness oracle: votes for `(root, leaf_count)` as epoch `epoch`'s tree of
    node liveness leaves. A root takes effect once `oracle_quorum` oracles voted
    for it and its challenge window passed (docs/liveness.md §6).
    """
    w = Writer()
    w.raw(DISCRIMINATOR_LIVENESS_ROOT_COMMIT)
    w.u64(epoch)
    w.array(root, Writer.u8, 32)
    w.u32(leaf_count)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class NodeAttestAccounts:
    """Accounts of `node_attest`, in the program's order."""

    node: Pubkey
    verifier: Pubkey
    fingerprint_index: Pubkey
    """
    The measured fingerprint's index: a passing attestation claims it for the node
    (created here if new, rent paid by the verifier).
    """
    fingerprint_holder: Pubkey | None
    """
    The node the index names, when it is another node: a closed account, or a node
    that gave the fingerprint up, lets this node take the index over.
    """
    config: Pubkey = Pubkey.from_string("GXtK9sJVWArMf3r1vzsWhzcMV5KGzpP2XkEhbNd3aUvT")
    system_program: Pubkey = Pubkey.from_string("11111111111111111111111111111111")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=False),
            AccountMeta(self.node, is_signer=False, is_writable=True),
            AccountMeta(self.verifier, is_signer=True, is_writable=True),
            AccountMeta(self.fingerprint_index, is_signer=False, is_writable=True),
            AccountMeta(
                program_id if self.fingerprint_holder is None else self.fingerprint_holder,
                is_signer=False,
                is_writable=False,
            ),
            AccountMeta(self.system_program, is_signer=False, is_writable=False),
        ]


DISCRIMINATOR_NODE_ATTEST = bytes([69, 22, 53, 232, 104, 117, 58, 82])


def node_attest(
    accounts: NodeAttestAccounts,
    *,
    args: NodeAttestArgs,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Verifier: records a proof-of-compute attestation. Passing sets the node's
    effective tier from the attested hardware; declared hardware that differs
    from what was measured is recorded as spoofing evidence and jails the node.
    """
    w = Writer()
    w.raw(DISCRIMINATOR_NODE_ATTEST)
    args.write(w)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class NodeDeregisterAccounts:
    """Accounts of `node_deregister`, in the program's order."""

    node: Pubkey
    vault: Pubkey
    operator: Pubkey
    stake_mint: Pubkey
    """The IO mint (for the dust sweep's checked transfer)."""
    treasury: Pubkey
    """The treasury: gets IO the vault holds beyond the books."""
    reward: Pubkey
    """
    The node's reward account in the IO token program (`["reward", node]`):
    it must not exist (closed by `rewards_close`), or a re-registered node
    would meet its stale snapshots.
    """
    config: Pubkey = Pubkey.from_string("GXtK9sJVWArMf3r1vzsWhzcMV5KGzpP2XkEhbNd3aUvT")
    token_program: Pubkey = Pubkey.from_string("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=True),
            AccountMeta(self.node, is_signer=False, is_writable=True),
            AccountMeta(self.vault, is_signer=False, is_writable=True),
            AccountMeta(self.operator, is_signer=True, is_writable=True),
            AccountMeta(self.token_program, is_signer=False, is_writable=False),
            AccountMeta(self.stake_mint, is_signer=False, is_writable=False),
            AccountMeta(self.treasury, is_signer=False, is_writable=True),
            AccountMeta(self.reward, is_signer=False, is_writable=False),
        ]


DISCRIMINATOR_NODE_DEREGISTER = bytes([74, 18, 194, 187, 223, 229, 132, 150])


def node_deregister(
    accounts: NodeDeregisterAccounts,
    *,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Operator: closes the node and its vault, returning the rent. Only with no
    jobs, no stake, no open slash proposal and no open reward account; IO in
    the vault beyond the books (dust sent to it) goes to the treasury.
    """
    w = Writer()
    w.raw(DISCRIMINATOR_NODE_DEREGISTER)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class NodeJobCommitAccounts:
    """Accounts of `node_job_commit`, in the program's order."""

    job_authority: Pubkey
    """The escrow program's authority PDA (signs by CPI)."""
    config: Pubkey = Pubkey.from_string("GXtK9sJVWArMf3r1vzsWhzcMV5KGzpP2XkEhbNd3aUvT")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=False),
            AccountMeta(self.job_authority, is_signer=True, is_writable=False),
        ]


DISCRIMINATOR_NODE_JOB_COMMIT = bytes([55, 132, 237, 186, 238, 84, 215, 9])


def node_job_commit(
    accounts: NodeJobCommitAccounts,
    *,
    gpus: list[int],
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Job authority (the escrow program, by CPI): commits GPUs of eligible nodes
    (remaining accounts) to a job; their stake and hardware are locked until
    released.
    """
    w = Writer()
    w.raw(DISCRIMINATOR_NODE_JOB_COMMIT)
    w.vec(gpus, Writer.u16)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class NodeJobReleaseAccounts:
    """Accounts of `node_job_release`, in the program's order."""

    node: Pubkey
    job_authority: Pubkey
    """The escrow program's authority PDA (signs by CPI)."""
    config: Pubkey = Pubkey.from_string("GXtK9sJVWArMf3r1vzsWhzcMV5KGzpP2XkEhbNd3aUvT")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=False),
            AccountMeta(self.node, is_signer=False, is_writable=True),
            AccountMeta(self.job_authority, is_signer=True, is_writable=False),
        ]


DISCRIMINATOR_NODE_JOB_RELEASE = bytes([136, 220, 122, 198, 247, 46, 207, 20])


def node_job_release(
    accounts: NodeJobReleaseAccounts,
    *,
    gpus: int,
    outcome: JobOutcome,
    gpu_seconds: int,
    fee: int,
    tier: GpuTier,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Job authority: releases a job's GPUs, records its outcome (completed jobs
    raise reputation, failed ones lower it), the GPU-seconds delivered and
    the protocol fee charged on the run's pay under the job's GPU tier (the
    IO token's work rewards accrue from the burned share of that fee).
    """
    w = Writer()
    w.raw(DISCRIMINATOR_NODE_JOB_RELEASE)
    w.u16(gpus)
    outcome.write(w)
    w.u64(gpu_seconds)
    w.u64(fee)
    tier.write(w)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class NodeMarkInactiveAccounts:
    """Accounts of `node_mark_inactive`, in the program's order."""

    node: Pubkey
    cranker: Pubkey
    config: Pubkey = Pubkey.from_string("GXtK9sJVWArMf3r1vzsWhzcMV5KGzpP2XkEhbNd3aUvT")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=False),
            AccountMeta(self.node, is_signer=False, is_writable=True),
            AccountMeta(self.cranker, is_signer=True, is_writable=False),
        ]


DISCRIMINATOR_NODE_MARK_INACTIVE = bytes([222, 199, 148, 107, 226, 89, 22, 220])


def node_mark_inactive(
    accounts: NodeMarkInactiveAccounts,
    *,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Anyone: marks an active node as inactive once its oracle-proven liveness
    (`node_sync`) went stale: last seen more than `liveness_max_age_secs` ago.
    """
    w = Writer()
    w.raw(DISCRIMINATOR_NODE_MARK_INACTIVE)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class NodeRegisterAccounts:
    """Accounts of `node_register`, in the program's order."""

    node: Pubkey
    vault: Pubkey
    """
    The node's stake vault, created by the client in the same transaction: an SPL
    token account of the stake mint owned by the node PDA. It must be empty and
    unfrozen with no delegate and no close authority (an account handed over to
    the node could otherwise still be spent by a delegate or closed by someone else).
    """
    stake_mint: Pubkey
    operator: Pubkey
    config: Pubkey = Pubkey.from_string("GXtK9sJVWArMf3r1vzsWhzcMV5KGzpP2XkEhbNd3aUvT")
    system_program: Pubkey = Pubkey.from_string("11111111111111111111111111111111")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=True),
            AccountMeta(self.node, is_signer=False, is_writable=True),
            AccountMeta(self.vault, is_signer=False, is_writable=False),
            AccountMeta(self.stake_mint, is_signer=False, is_writable=False),
            AccountMeta(self.operator, is_signer=True, is_writable=True),
            AccountMeta(self.system_program, is_signer=False, is_writable=False),
        ]


DISCRIMINATOR_NODE_REGISTER = bytes([71, 182, 143, 27, 170, 155, 10, 50])


def node_register(
    accounts: NodeRegisterAccounts,
    *,
    args: NodeRegisterArgs,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Operator: registers a node (PDA from operator + node id) with its declared
    hardware and agent key, and creates its stake vault.
    """
    w = Writer()
    w.raw(DISCRIMINATOR_NODE_REGISTER)
    args.write(w)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class NodeSyncAccounts:
    """Accounts of `node_sync`, in the program's order."""

    epoch_root: Pubkey
    node: Pubkey
    config: Pubkey = Pubkey.from_string("GXtK9sJVWArMf3r1vzsWhzcMV5KGzpP2XkEhbNd3aUvT")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=False),
            AccountMeta(self.epoch_root, is_signer=False, is_writable=True),
            AccountMeta(self.node, is_signer=False, is_writable=True),
        ]


DISCRIMINATOR_NODE_SYNC = bytes([138, 168, 52, 13, 163, 216, 77, 90])


def node_sync(
    accounts: NodeSyncAccounts,
    *,
    args: NodeSyncArgs,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Anyone: brings a node's uptime, last sighting and reputation up to its leaf
    in an epoch root in effect, with the leaf's Merkle proof.
    """
    w = Writer()
    w.raw(DISCRIMINATOR_NODE_SYNC)
    args.write(w)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class NodeUpdateAccounts:
    """Accounts of `node_update`, in the program's order."""

    node: Pubkey
    operator: Pubkey
    config: Pubkey = Pubkey.from_string("GXtK9sJVWArMf3r1vzsWhzcMV5KGzpP2XkEhbNd3aUvT")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=False),
            AccountMeta(self.node, is_signer=False, is_writable=True),
            AccountMeta(self.operator, is_signer=True, is_writable=False),
        ]


DISCRIMINATOR_NODE_UPDATE = bytes([223, 255, 78, 121, 58, 123, 112, 116])


def node_update(
    accounts: NodeUpdateAccounts,
    *,
    args: NodeUpdateArgs,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Operator: changes the agent key or the declared hardware. A hardware change
    clears the attestation (and is refused while the node has jobs).
    """
    w = Writer()
    w.raw(DISCRIMINATOR_NODE_UPDATE)
    args.write(w)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class SlashAppealAccounts:
    """Accounts of `slash_appeal`, in the program's order."""

    node: Pubkey
    proposal: Pubkey
    operator: Pubkey

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.node, is_signer=False, is_writable=False),
            AccountMeta(self.proposal, is_signer=False, is_writable=True),
            AccountMeta(self.operator, is_signer=True, is_writable=False),
        ]


DISCRIMINATOR_SLASH_APPEAL = bytes([4, 201, 209, 55, 80, 95, 122, 42])


def slash_appeal(
    accounts: SlashAppealAccounts,
    *,
    appeal_hash: list[int],
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """Operator: appeals a proposed slash within the appeal window."""
    w = Writer()
    w.raw(DISCRIMINATOR_SLASH_APPEAL)
    w.array(appeal_hash, Writer.u8, 32)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class SlashAppealLapseAccounts:
    """Accounts of `slash_appeal_lapse`, in the program's order."""

    node: Pubkey
    proposal: Pubkey

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.node, is_signer=False, is_writable=True),
            AccountMeta(self.proposal, is_signer=False, is_writable=True),
        ]


DISCRIMINATOR_SLASH_APPEAL_LAPSE = bytes([126, 183, 157, 93, 105, 222, 92, 62])


def slash_appeal_lapse(
    accounts: SlashAppealLapseAccounts,
    *,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Anyone, once the admin let an appeal's resolution deadline pass: the
    slash is overturned (the default outcome).
    """
    w = Writer()
    w.raw(DISCRIMINATOR_SLASH_APPEAL_LAPSE)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class SlashCloseAccounts:
    """Accounts of `slash_close`, in the program's order."""

    node: Pubkey
    proposal: Pubkey
    rent_payer: Pubkey
    """Paid the proposal's rent; gets it back."""

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.node, is_signer=False, is_writable=True),
            AccountMeta(self.proposal, is_signer=False, is_writable=True),
            AccountMeta(self.rent_payer, is_signer=False, is_writable=True),
        ]


DISCRIMINATOR_SLASH_CLOSE = bytes([173, 230, 176, 89, 123, 92, 151, 133])


def slash_close(
    accounts: SlashCloseAccounts,
    *,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Anyone: closes an overturned or executed slash proposal (rent back to its
    payer). A node deregisters only once every proposal of it is closed.
    """
    w = Writer()
    w.raw(DISCRIMINATOR_SLASH_CLOSE)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class SlashExecuteAccounts:
    """Accounts of `slash_execute`, in the program's order."""

    node: Pubkey
    proposal: Pubkey
    vault: Pubkey
    stake_mint: Pubkey
    """
    The IO mint (the burn reduces its supply).
    the transfer (which also checks its decimals against `IO_DECIMALS`).
    """
    treasury: Pubkey
    """The treasury (its mint is checked by the token program's transfer)."""
    cranker: Pubkey
    config: Pubkey = Pubkey.from_string("GXtK9sJVWArMf3r1vzsWhzcMV5KGzpP2XkEhbNd3aUvT")
    token_config: Pubkey = Pubkey.from_string("2WMny8zHr4z88VahXtMWQYGDybYPwPJnAmAi7byZuvu5")
    token_stats: Pubkey = Pubkey.from_string("kSeQWbzavGtoL1fkhrr6fwpD1GN4v9sMTTHru9XnSkV")
    token_program: Pubkey = Pubkey.from_string("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA")
    io_program: Pubkey = Pubkey.from_string("7883gsa3V2o3E8XboYD8DyQyaz6MuEq4f4dH6bCb3vsn")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=False),
            AccountMeta(self.node, is_signer=False, is_writable=True),
            AccountMeta(self.proposal, is_signer=False, is_writable=True),
            AccountMeta(self.vault, is_signer=False, is_writable=True),
            AccountMeta(self.stake_mint, is_signer=False, is_writable=True),
            AccountMeta(self.treasury, is_signer=False, is_writable=True),
            AccountMeta(self.token_config, is_signer=False, is_writable=False),
            AccountMeta(self.token_stats, is_signer=False, is_writable=True),
            AccountMeta(self.cranker, is_signer=True, is_writable=False),
            AccountMeta(self.token_program, is_signer=False, is_writable=False),
            AccountMeta(self.io_program, is_signer=False, is_writable=False),
        ]


DISCRIMINATOR_SLASH_EXECUTE = bytes([198, 216, 14, 39, 60, 249, 119, 192])


def slash_execute(
    accounts: SlashExecuteAccounts,
    *,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Anyone, after the appeal window (or an upheld appeal): executes the slash
    within the per-epoch cap, burning part and sending the rest to the treasury.
    """
    w = Writer()
    w.raw(DISCRIMINATOR_SLASH_EXECUTE)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class SlashProposeAccounts:
    """Accounts of `slash_propose`, in the program's order."""

    node: Pubkey
    proposal: Pubkey
    proposer: Pubkey
    """The slashing authority, or the escrow program's job authority."""
    payer: Pubkey
    config: Pubkey = Pubkey.from_string("GXtK9sJVWArMf3r1vzsWhzcMV5KGzpP2XkEhbNd3aUvT")
    system_program: Pubkey = Pubkey.from_string("11111111111111111111111111111111")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=False),
            AccountMeta(self.node, is_signer=False, is_writable=True),
            AccountMeta(self.proposal, is_signer=False, is_writable=True),
            AccountMeta(self.proposer, is_signer=True, is_writable=False),
            AccountMeta(self.payer, is_signer=True, is_writable=True),
            AccountMeta(self.system_program, is_signer=False, is_writable=False),
        ]


DISCRIMINATOR_SLASH_PROPOSE = bytes([124, 56, 9, 207, 247, 42, 219, 23])


def slash_propose(
    accounts: SlashProposeAccounts,
    *,
    args: SlashProposeArgs,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Slashing authority (or the escrow program's job authority): proposes a slash
    with evidence; the amount is frozen and the appeal window starts.
    """
    w = Writer()
    w.raw(DISCRIMINATOR_SLASH_PROPOSE)
    args.write(w)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class SlashResolveAccounts:
    """Accounts of `slash_resolve`, in the program's order."""

    node: Pubkey
    proposal: Pubkey
    admin: Pubkey
    config: Pubkey = Pubkey.from_string("GXtK9sJVWArMf3r1vzsWhzcMV5KGzpP2XkEhbNd3aUvT")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=False),
            AccountMeta(self.node, is_signer=False, is_writable=True),
            AccountMeta(self.proposal, is_signer=False, is_writable=True),
            AccountMeta(self.admin, is_signer=True, is_writable=False),
        ]


DISCRIMINATOR_SLASH_RESOLVE = bytes([28, 202, 240, 243, 90, 82, 87, 50])


def slash_resolve(
    accounts: SlashResolveAccounts,
    *,
    uphold: bool,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """Admin: upholds or overturns an appealed slash."""
    w = Writer()
    w.raw(DISCRIMINATOR_SLASH_RESOLVE)
    w.bool(uphold)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class StakeDepositAccounts:
    """Accounts of `stake_deposit`, in the program's order."""

    node: Pubkey
    vault: Pubkey
    stake_mint: Pubkey
    source: Pubkey
    operator: Pubkey
    config: Pubkey = Pubkey.from_string("GXtK9sJVWArMf3r1vzsWhzcMV5KGzpP2XkEhbNd3aUvT")
    token_program: Pubkey = Pubkey.from_string("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=False),
            AccountMeta(self.node, is_signer=False, is_writable=True),
            AccountMeta(self.vault, is_signer=False, is_writable=True),
            AccountMeta(self.stake_mint, is_signer=False, is_writable=False),
            AccountMeta(self.source, is_signer=False, is_writable=True),
            AccountMeta(self.operator, is_signer=True, is_writable=False),
            AccountMeta(self.token_program, is_signer=False, is_writable=False),
        ]


DISCRIMINATOR_STAKE_DEPOSIT = bytes([75, 168, 115, 239, 194, 115, 22, 98])


def stake_deposit(
    accounts: StakeDepositAccounts,
    *,
    amount: int,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """Operator: bonds IO into the node's vault."""
    w = Writer()
    w.raw(DISCRIMINATOR_STAKE_DEPOSIT)
    w.u64(amount)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class StakeRebondAccounts:
    """Accounts of `stake_rebond`, in the program's order."""

    node: Pubkey
    operator: Pubkey
    config: Pubkey = Pubkey.from_string("GXtK9sJVWArMf3r1vzsWhzcMV5KGzpP2XkEhbNd3aUvT")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=False),
            AccountMeta(self.node, is_signer=False, is_writable=True),
            AccountMeta(self.operator, is_signer=True, is_writable=False),
        ]


DISCRIMINATOR_STAKE_REBOND = bytes([220, 78, 44, 0, 44, 139, 236, 162])


def stake_rebond(
    accounts: StakeRebondAccounts,
    *,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """Operator: cancels the unbonding."""
    w = Writer()
    w.raw(DISCRIMINATOR_STAKE_REBOND)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class StakeRequestUnstakeAccounts:
    """Accounts of `stake_request_unstake`, in the program's order."""

    node: Pubkey
    operator: Pubkey
    config: Pubkey = Pubkey.from_string("GXtK9sJVWArMf3r1vzsWhzcMV5KGzpP2XkEhbNd3aUvT")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=False),
            AccountMeta(self.node, is_signer=False, is_writable=True),
            AccountMeta(self.operator, is_signer=True, is_writable=False),
        ]


DISCRIMINATOR_STAKE_REQUEST_UNSTAKE = bytes([154, 188, 177, 201, 168, 139, 195, 145])


def stake_request_unstake(
    accounts: StakeRequestUnstakeAccounts,
    *,
    amount: int,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Operator: starts unbonding `amount` (still slashable until withdrawn).
    Refused while an earlier unbonding has matured (withdraw it first).
    """
    w = Writer()
    w.raw(DISCRIMINATOR_STAKE_REQUEST_UNSTAKE)
    w.u64(amount)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class StakeWithdrawAccounts:
    """Accounts of `stake_withdraw`, in the program's order."""

    node: Pubkey
    vault: Pubkey
    stake_mint: Pubkey
    destination: Pubkey
    """Anchor rejects the vault itself here (duplicate mutable account)."""
    operator: Pubkey
    config: Pubkey = Pubkey.from_string("GXtK9sJVWArMf3r1vzsWhzcMV5KGzpP2XkEhbNd3aUvT")
    token_program: Pubkey = Pubkey.from_string("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=False),
            AccountMeta(self.node, is_signer=False, is_writable=True),
            AccountMeta(self.vault, is_signer=False, is_writable=True),
            AccountMeta(self.stake_mint, is_signer=False, is_writable=False),
            AccountMeta(self.destination, is_signer=False, is_writable=True),
            AccountMeta(self.operator, is_signer=True, is_writable=False),
            AccountMeta(self.token_program, is_signer=False, is_writable=False),
        ]


DISCRIMINATOR_STAKE_WITHDRAW = bytes([199, 13, 168, 20, 92, 151, 29, 56])


def stake_withdraw(
    accounts: StakeWithdrawAccounts,
    *,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Operator: withdraws the unbonded stake after the unbonding period, unless
    the node has an active job or a pending slash.
    """
    w = Writer()
    w.raw(DISCRIMINATOR_STAKE_WITHDRAW)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])
