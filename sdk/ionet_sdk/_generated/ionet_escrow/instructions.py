"""Instruction builders of ionet_escrow: typed args and accounts in, a solders Instruction out.

Generated from target/idl/ionet_escrow.json by scripts/generate_sdk.py. Do not edit."""

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
    JobCreateArgs,
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
    payment_mint: Pubkey
    treasury: Pubkey
    program: Pubkey = Pubkey.from_string("FzKkUxLKMRfJVpuVJQi57CiPMcYKBsXdQnFSzyFkEvWR")
    system_program: Pubkey = Pubkey.from_string("11111111111111111111111111111111")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=True),
            AccountMeta(self.upgrade_authority, is_signer=True, is_writable=True),
            AccountMeta(self.program, is_signer=False, is_writable=False),
            AccountMeta(self.program_data, is_signer=False, is_writable=False),
            AccountMeta(self.payment_mint, is_signer=False, is_writable=False),
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
    Creates the escrow config PDA. Signed by the program's upgrade authority;
    sets the admin, matcher, arbiter, IO mint, treasury and parameters.
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
    config: Pubkey = Pubkey.from_string("D5ESCtqJeKj4nTamPRvqSUyfWm1ULW8YHnbAyYSBdiWG")

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
    """Admin: changes authorities, the treasury or parameters (within their bounds)."""
    w = Writer()
    w.raw(DISCRIMINATOR_CONFIG_UPDATE)
    args.write(w)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class JobAssignAccounts:
    """Accounts of `job_assign`, in the program's order."""

    job: Pubkey
    matcher: Pubkey
    payer: Pubkey
    """Pays the runs' rent and gets it back when they are settled."""
    config: Pubkey = Pubkey.from_string("D5ESCtqJeKj4nTamPRvqSUyfWm1ULW8YHnbAyYSBdiWG")
    registry_config: Pubkey = Pubkey.from_string("GXtK9sJVWArMf3r1vzsWhzcMV5KGzpP2XkEhbNd3aUvT")
    authority: Pubkey = Pubkey.from_string("HEBwofWBfnKEjEAX9hfMGVZnVybJG13hTFVWeb68U1ZH")
    registry_program: Pubkey = Pubkey.from_string("GMJp7x7EvHRbWJEsEn2NAooBGekLr1Zg4ooqibRRET4G")
    system_program: Pubkey = Pubkey.from_string("11111111111111111111111111111111")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=False),
            AccountMeta(self.job, is_signer=False, is_writable=True),
            AccountMeta(self.registry_config, is_signer=False, is_writable=False),
            AccountMeta(self.authority, is_signer=False, is_writable=False),
            AccountMeta(self.matcher, is_signer=True, is_writable=False),
            AccountMeta(self.payer, is_signer=True, is_writable=True),
            AccountMeta(self.registry_program, is_signer=False, is_writable=False),
            AccountMeta(self.system_program, is_signer=False, is_writable=False),
        ]


DISCRIMINATOR_JOB_ASSIGN = bytes([10, 48, 56, 69, 108, 131, 171, 64])


def job_assign(
    accounts: JobAssignAccounts,
    *,
    gpus: list[int],
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Matcher: assigns `gpus[i]` GPUs of the i-th node (remaining accounts: node,
    run per node); each must match the spec and the registry commits them.
    """
    w = Writer()
    w.raw(DISCRIMINATOR_JOB_ASSIGN)
    w.vec(gpus, Writer.u16)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class JobCancelAccounts:
    """Accounts of `job_cancel`, in the program's order."""

    job: Pubkey
    vault: Pubkey
    payment_mint: Pubkey
    client_token: Pubkey
    signer: Pubkey
    """
    The client any time before a node starts; anyone once the start deadline
    passed with no node started (so funds never stay stuck).
    """
    config: Pubkey = Pubkey.from_string("D5ESCtqJeKj4nTamPRvqSUyfWm1ULW8YHnbAyYSBdiWG")
    token_program: Pubkey = Pubkey.from_string("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=False),
            AccountMeta(self.job, is_signer=False, is_writable=True),
            AccountMeta(self.vault, is_signer=False, is_writable=True),
            AccountMeta(self.payment_mint, is_signer=False, is_writable=False),
            AccountMeta(self.client_token, is_signer=False, is_writable=True),
            AccountMeta(self.signer, is_signer=True, is_writable=False),
            AccountMeta(self.token_program, is_signer=False, is_writable=False),
        ]


DISCRIMINATOR_JOB_CANCEL = bytes([66, 242, 146, 157, 196, 105, 42, 39])


def job_cancel(
    accounts: JobCancelAccounts,
    *,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """Client before any start (anyone after the start deadline): full refund."""
    w = Writer()
    w.raw(DISCRIMINATOR_JOB_CANCEL)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class JobCloseAccounts:
    """Accounts of `job_close`, in the program's order."""

    job: Pubkey
    vault: Pubkey
    client: Pubkey
    payment_mint: Pubkey
    """The payment mint (for the dust sweep's checked transfer)."""
    treasury: Pubkey
    """The treasury: gets IO the vault holds beyond the job's books."""
    token_program: Pubkey = Pubkey.from_string("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA")
    config: Pubkey = Pubkey.from_string("D5ESCtqJeKj4nTamPRvqSUyfWm1ULW8YHnbAyYSBdiWG")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.job, is_signer=False, is_writable=True),
            AccountMeta(self.vault, is_signer=False, is_writable=True),
            AccountMeta(self.client, is_signer=True, is_writable=True),
            AccountMeta(self.token_program, is_signer=False, is_writable=False),
            AccountMeta(self.config, is_signer=False, is_writable=False),
            AccountMeta(self.payment_mint, is_signer=False, is_writable=False),
            AccountMeta(self.treasury, is_signer=False, is_writable=True),
        ]


DISCRIMINATOR_JOB_CLOSE = bytes([135, 94, 228, 49, 115, 248, 186, 242])


def job_close(
    accounts: JobCloseAccounts,
    *,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Client: closes a settled job and its vault, recovering the rent; IO sent
    to the vault outside the job's books goes to the treasury.
    """
    w = Writer()
    w.raw(DISCRIMINATOR_JOB_CLOSE)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class JobCompleteAccounts:
    """Accounts of `job_complete`, in the program's order."""

    job: Pubkey
    signer: Pubkey
    """
    The client (any time once running), or anyone once every run's full
    duration has passed (start deadline + duration).
    """
    config: Pubkey = Pubkey.from_string("D5ESCtqJeKj4nTamPRvqSUyfWm1ULW8YHnbAyYSBdiWG")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=False),
            AccountMeta(self.job, is_signer=False, is_writable=True),
            AccountMeta(self.signer, is_signer=True, is_writable=False),
        ]


DISCRIMINATOR_JOB_COMPLETE = bytes([232, 116, 234, 130, 59, 164, 192, 41])


def job_complete(
    accounts: JobCompleteAccounts,
    *,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Client (or anyone after the latest end): ends the work and opens the
    challenge window.
    """
    w = Writer()
    w.raw(DISCRIMINATOR_JOB_COMPLETE)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class JobCreateAccounts:
    """Accounts of `job_create`, in the program's order."""

    job: Pubkey
    vault: Pubkey
    payment_mint: Pubkey
    client_token: Pubkey
    """The client's IO account the deposit comes from."""
    client: Pubkey
    config: Pubkey = Pubkey.from_string("D5ESCtqJeKj4nTamPRvqSUyfWm1ULW8YHnbAyYSBdiWG")
    token_config: Pubkey = Pubkey.from_string("2WMny8zHr4z88VahXtMWQYGDybYPwPJnAmAi7byZuvu5")
    token_program: Pubkey = Pubkey.from_string("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA")
    system_program: Pubkey = Pubkey.from_string("11111111111111111111111111111111")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=False),
            AccountMeta(self.job, is_signer=False, is_writable=True),
            AccountMeta(self.vault, is_signer=False, is_writable=True),
            AccountMeta(self.payment_mint, is_signer=False, is_writable=False),
            AccountMeta(self.client_token, is_signer=False, is_writable=True),
            AccountMeta(self.token_config, is_signer=False, is_writable=False),
            AccountMeta(self.client, is_signer=True, is_writable=True),
            AccountMeta(self.token_program, is_signer=False, is_writable=False),
            AccountMeta(self.system_program, is_signer=False, is_writable=False),
        ]


DISCRIMINATOR_JOB_CREATE = bytes([56, 13, 177, 118, 175, 158, 29, 183])


def job_create(
    accounts: JobCreateAccounts,
    *,
    args: JobCreateArgs,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Client: creates a job (GPU spec, count, duration, price, start deadline)
    and escrows count x hours x price into its vault.
    """
    w = Writer()
    w.raw(DISCRIMINATOR_JOB_CREATE)
    args.write(w)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class JobDisputeAccounts:
    """Accounts of `job_dispute`, in the program's order."""

    job: Pubkey
    vault: Pubkey
    payment_mint: Pubkey
    client_token: Pubkey
    client: Pubkey
    config: Pubkey = Pubkey.from_string("D5ESCtqJeKj4nTamPRvqSUyfWm1ULW8YHnbAyYSBdiWG")
    token_program: Pubkey = Pubkey.from_string("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=False),
            AccountMeta(self.job, is_signer=False, is_writable=True),
            AccountMeta(self.vault, is_signer=False, is_writable=True),
            AccountMeta(self.payment_mint, is_signer=False, is_writable=False),
            AccountMeta(self.client_token, is_signer=False, is_writable=True),
            AccountMeta(self.client, is_signer=True, is_writable=False),
            AccountMeta(self.token_program, is_signer=False, is_writable=False),
        ]


DISCRIMINATOR_JOB_DISPUTE = bytes([56, 78, 115, 202, 255, 16, 122, 47])


def job_dispute(
    accounts: JobDisputeAccounts,
    *,
    evidence_hash: list[int],
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """Client: disputes a completed job within the window, posting a bond."""
    w = Writer()
    w.raw(DISCRIMINATOR_JOB_DISPUTE)
    w.array(evidence_hash, Writer.u8, 32)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class JobDisputeLapseAccounts:
    """Accounts of `job_dispute_lapse`, in the program's order."""

    job: Pubkey
    vault: Pubkey
    payment_mint: Pubkey
    client_token: Pubkey
    """The client's IO account: gets the bond back."""
    config: Pubkey = Pubkey.from_string("D5ESCtqJeKj4nTamPRvqSUyfWm1ULW8YHnbAyYSBdiWG")
    token_program: Pubkey = Pubkey.from_string("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=False),
            AccountMeta(self.job, is_signer=False, is_writable=True),
            AccountMeta(self.vault, is_signer=False, is_writable=True),
            AccountMeta(self.payment_mint, is_signer=False, is_writable=False),
            AccountMeta(self.client_token, is_signer=False, is_writable=True),
            AccountMeta(self.token_program, is_signer=False, is_writable=False),
        ]


DISCRIMINATOR_JOB_DISPUTE_LAPSE = bytes([233, 59, 109, 10, 71, 120, 7, 160])


def job_dispute_lapse(
    accounts: JobDisputeLapseAccounts,
    *,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Anyone, once a dispute's resolution deadline has passed undecided: the
    default outcome applies (nodes paid in full, the bond back to the client).
    """
    w = Writer()
    w.raw(DISCRIMINATOR_JOB_DISPUTE_LAPSE)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class JobFinalizeAccounts:
    """Accounts of `job_finalize`, in the program's order."""

    job: Pubkey
    vault: Pubkey
    """The job's vault."""
    payment_mint: Pubkey
    """The payment mint (the burn share of the fees is burned)."""
    treasury: Pubkey
    """The configured treasury."""
    client_token: Pubkey
    """The client's IO account: gets the remainder."""
    config: Pubkey = Pubkey.from_string("D5ESCtqJeKj4nTamPRvqSUyfWm1ULW8YHnbAyYSBdiWG")
    token_config: Pubkey = Pubkey.from_string("2WMny8zHr4z88VahXtMWQYGDybYPwPJnAmAi7byZuvu5")
    token_stats: Pubkey = Pubkey.from_string("kSeQWbzavGtoL1fkhrr6fwpD1GN4v9sMTTHru9XnSkV")
    authority: Pubkey = Pubkey.from_string("HEBwofWBfnKEjEAX9hfMGVZnVybJG13hTFVWeb68U1ZH")
    token_program: Pubkey = Pubkey.from_string("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA")
    io_program: Pubkey = Pubkey.from_string("7883gsa3V2o3E8XboYD8DyQyaz6MuEq4f4dH6bCb3vsn")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=False),
            AccountMeta(self.job, is_signer=False, is_writable=True),
            AccountMeta(self.vault, is_signer=False, is_writable=True),
            AccountMeta(self.payment_mint, is_signer=False, is_writable=True),
            AccountMeta(self.treasury, is_signer=False, is_writable=True),
            AccountMeta(self.client_token, is_signer=False, is_writable=True),
            AccountMeta(self.token_config, is_signer=False, is_writable=False),
            AccountMeta(self.token_stats, is_signer=False, is_writable=True),
            AccountMeta(self.authority, is_signer=False, is_writable=False),
            AccountMeta(self.token_program, is_signer=False, is_writable=False),
            AccountMeta(self.io_program, is_signer=False, is_writable=False),
        ]


DISCRIMINATOR_JOB_FINALIZE = bytes([99, 241, 20, 100, 241, 183, 161, 132])


def job_finalize(
    accounts: JobFinalizeAccounts,
    *,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Anyone, once every run is settled: burns the fees' burn share through the
    IO token program (recording the job in its statistics), pays the treasury
    the rest and refunds the client.
    """
    w = Writer()
    w.raw(DISCRIMINATOR_JOB_FINALIZE)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class JobReportUsageAccounts:
    """Accounts of `job_report_usage`, in the program's order."""

    job: Pubkey
    run: Pubkey
    agent: Pubkey
    """The node's agent key recorded at assignment."""

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.job, is_signer=False, is_writable=False),
            AccountMeta(self.run, is_signer=False, is_writable=True),
            AccountMeta(self.agent, is_signer=True, is_writable=False),
        ]


DISCRIMINATOR_JOB_REPORT_USAGE = bytes([39, 207, 212, 112, 127, 235, 236, 97])


def job_report_usage(
    accounts: JobReportUsageAccounts,
    *,
    gpu_seconds: int,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Node agent: records cumulative GPU-seconds delivered (never decreasing,
    never above GPUs x elapsed).
    """
    w = Writer()
    w.raw(DISCRIMINATOR_JOB_REPORT_USAGE)
    w.u64(gpu_seconds)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class JobResolveAccounts:
    """Accounts of `job_resolve`, in the program's order."""

    job: Pubkey
    vault: Pubkey
    payment_mint: Pubkey
    client_token: Pubkey
    """The client's IO account (gets the bond back if the dispute is founded)."""
    treasury: Pubkey
    arbiter: Pubkey
    config: Pubkey = Pubkey.from_string("D5ESCtqJeKj4nTamPRvqSUyfWm1ULW8YHnbAyYSBdiWG")
    token_program: Pubkey = Pubkey.from_string("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=False),
            AccountMeta(self.job, is_signer=False, is_writable=True),
            AccountMeta(self.vault, is_signer=False, is_writable=True),
            AccountMeta(self.payment_mint, is_signer=False, is_writable=False),
            AccountMeta(self.client_token, is_signer=False, is_writable=True),
            AccountMeta(self.treasury, is_signer=False, is_writable=True),
            AccountMeta(self.arbiter, is_signer=True, is_writable=False),
            AccountMeta(self.token_program, is_signer=False, is_writable=False),
        ]


DISCRIMINATOR_JOB_RESOLVE = bytes([212, 21, 166, 87, 247, 56, 1, 131])


def job_resolve(
    accounts: JobResolveAccounts,
    *,
    founded: bool,
    payout_bps: int,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Arbiter: decides a dispute (founded: bond back, nodes paid `payout_bps`
    of their earnings; unfounded: bond to the treasury).
    """
    w = Writer()
    w.raw(DISCRIMINATOR_JOB_RESOLVE)
    w.bool(founded)
    w.u16(payout_bps)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class JobSettleAccounts:
    """Accounts of `job_settle`, in the program's order."""

    job: Pubkey
    vault: Pubkey
    """The job's vault."""
    payment_mint: Pubkey
    """The payment mint."""
    rent_payer: Pubkey
    """Gets the runs' rent back: every run of the batch must have been paid by it."""
    cranker: Pubkey
    """Anyone, once the challenge window has closed."""
    config: Pubkey = Pubkey.from_string("D5ESCtqJeKj4nTamPRvqSUyfWm1ULW8YHnbAyYSBdiWG")
    registry_config: Pubkey = Pubkey.from_string("GXtK9sJVWArMf3r1vzsWhzcMV5KGzpP2XkEhbNd3aUvT")
    authority: Pubkey = Pubkey.from_string("HEBwofWBfnKEjEAX9hfMGVZnVybJG13hTFVWeb68U1ZH")
    registry_program: Pubkey = Pubkey.from_string("GMJp7x7EvHRbWJEsEn2NAooBGekLr1Zg4ooqibRRET4G")
    token_program: Pubkey = Pubkey.from_string("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=False),
            AccountMeta(self.job, is_signer=False, is_writable=True),
            AccountMeta(self.vault, is_signer=False, is_writable=True),
            AccountMeta(self.payment_mint, is_signer=False, is_writable=False),
            AccountMeta(self.rent_payer, is_signer=False, is_writable=True),
            AccountMeta(self.registry_config, is_signer=False, is_writable=False),
            AccountMeta(self.authority, is_signer=False, is_writable=False),
            AccountMeta(self.cranker, is_signer=True, is_writable=False),
            AccountMeta(self.registry_program, is_signer=False, is_writable=False),
            AccountMeta(self.token_program, is_signer=False, is_writable=False),
        ]


DISCRIMINATOR_JOB_SETTLE = bytes([82, 169, 166, 219, 13, 31, 169, 173])


def job_settle(
    accounts: JobSettleAccounts,
    *,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Anyone, after the challenge window: settles a batch of runs (remaining
    accounts: run, node, operator IO account per run). Each is paid pro rata
    to its delivered GPU-seconds (net of the job's fee), its node released and
    the run closed.
    """
    w = Writer()
    w.raw(DISCRIMINATOR_JOB_SETTLE)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class JobStartAccounts:
    """Accounts of `job_start`, in the program's order."""

    job: Pubkey
    run: Pubkey
    agent: Pubkey
    """The node's agent key recorded at assignment."""

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.job, is_signer=False, is_writable=True),
            AccountMeta(self.run, is_signer=False, is_writable=True),
            AccountMeta(self.agent, is_signer=True, is_writable=False),
        ]


DISCRIMINATOR_JOB_START = bytes([116, 199, 195, 125, 16, 255, 80, 188])


def job_start(
    accounts: JobStartAccounts,
    *,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """Node agent: starts its run before the start deadline."""
    w = Writer()
    w.raw(DISCRIMINATOR_JOB_START)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class JobTimeoutAccounts:
    """Accounts of `job_timeout`, in the program's order."""

    job: Pubkey
    run: Pubkey
    node: Pubkey
    proposal: Pubkey
    vault: Pubkey
    payment_mint: Pubkey
    client_token: Pubkey
    payer: Pubkey
    """Anyone: pays the slash proposal's rent."""
    config: Pubkey = Pubkey.from_string("D5ESCtqJeKj4nTamPRvqSUyfWm1ULW8YHnbAyYSBdiWG")
    registry_config: Pubkey = Pubkey.from_string("GXtK9sJVWArMf3r1vzsWhzcMV5KGzpP2XkEhbNd3aUvT")
    authority: Pubkey = Pubkey.from_string("HEBwofWBfnKEjEAX9hfMGVZnVybJG13hTFVWeb68U1ZH")
    registry_program: Pubkey = Pubkey.from_string("GMJp7x7EvHRbWJEsEn2NAooBGekLr1Zg4ooqibRRET4G")
    token_program: Pubkey = Pubkey.from_string("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA")
    system_program: Pubkey = Pubkey.from_string("11111111111111111111111111111111")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=False),
            AccountMeta(self.job, is_signer=False, is_writable=True),
            AccountMeta(self.run, is_signer=False, is_writable=True),
            AccountMeta(self.node, is_signer=False, is_writable=True),
            AccountMeta(self.registry_config, is_signer=False, is_writable=False),
            AccountMeta(self.proposal, is_signer=False, is_writable=True),
            AccountMeta(self.vault, is_signer=False, is_writable=True),
            AccountMeta(self.payment_mint, is_signer=False, is_writable=False),
            AccountMeta(self.client_token, is_signer=False, is_writable=True),
            AccountMeta(self.authority, is_signer=False, is_writable=False),
            AccountMeta(self.payer, is_signer=True, is_writable=True),
            AccountMeta(self.registry_program, is_signer=False, is_writable=False),
            AccountMeta(self.token_program, is_signer=False, is_writable=False),
            AccountMeta(self.system_program, is_signer=False, is_writable=False),
        ]


DISCRIMINATOR_JOB_TIMEOUT = bytes([79, 187, 6, 68, 179, 255, 33, 98])


def job_timeout(
    accounts: JobTimeoutAccounts,
    *,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Anyone: removes a node that missed the start deadline or went silent;
    refunds its undelivered part, releases it as failed and (if it had
    started) proposes a slash.
    """
    w = Writer()
    w.raw(DISCRIMINATOR_JOB_TIMEOUT)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])


@dataclass(frozen=True, slots=True)
class JobUnassignAccounts:
    """Accounts of `job_unassign`, in the program's order."""

    job: Pubkey
    run: Pubkey
    node: Pubkey
    rent_payer: Pubkey
    signer: Pubkey
    """
    The matcher (re-matching a node that has not started) or the run's agent
    (declining an assignment it cannot serve).
    """
    config: Pubkey = Pubkey.from_string("D5ESCtqJeKj4nTamPRvqSUyfWm1ULW8YHnbAyYSBdiWG")
    registry_config: Pubkey = Pubkey.from_string("GXtK9sJVWArMf3r1vzsWhzcMV5KGzpP2XkEhbNd3aUvT")
    authority: Pubkey = Pubkey.from_string("HEBwofWBfnKEjEAX9hfMGVZnVybJG13hTFVWeb68U1ZH")
    registry_program: Pubkey = Pubkey.from_string("GMJp7x7EvHRbWJEsEn2NAooBGekLr1Zg4ooqibRRET4G")

    def metas(self, program_id: Pubkey) -> list[AccountMeta]:
        return [
            AccountMeta(self.config, is_signer=False, is_writable=False),
            AccountMeta(self.job, is_signer=False, is_writable=True),
            AccountMeta(self.run, is_signer=False, is_writable=True),
            AccountMeta(self.node, is_signer=False, is_writable=True),
            AccountMeta(self.registry_config, is_signer=False, is_writable=False),
            AccountMeta(self.authority, is_signer=False, is_writable=False),
            AccountMeta(self.rent_payer, is_signer=False, is_writable=True),
            AccountMeta(self.signer, is_signer=True, is_writable=False),
            AccountMeta(self.registry_program, is_signer=False, is_writable=False),
        ]


DISCRIMINATOR_JOB_UNASSIGN = bytes([120, 4, 191, 174, 98, 35, 242, 14])


def job_unassign(
    accounts: JobUnassignAccounts,
    *,
    program_id: Pubkey = PROGRAM_ID,
    remaining_accounts: Sequence[AccountMeta] = (),
) -> Instruction:
    """
    Matcher or the run's agent: withdraws an assignment that has not started,
    before the start deadline (released with no reputation effect, the run
    closed), so the matcher can place its GPUs on other nodes.
    """
    w = Writer()
    w.raw(DISCRIMINATOR_JOB_UNASSIGN)
    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])
