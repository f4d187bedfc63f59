"""Every PDA of the ionet programs, derived from the seeds the programs export in their IDL."""

from __future__ import annotations

from solders.pubkey import Pubkey

from ionet_sdk._generated.ionet_escrow import constants as escrow
from ionet_sdk._generated.ionet_registry import constants as registry
from ionet_sdk._generated.ionet_token import constants as token
from ionet_sdk.svm import programdata_address

__all__ = [
    "epoch_root",
    "escrow_authority",
    "escrow_config",
    "fingerprint",
    "job",
    "job_vault",
    "node",
    "programdata_address",
    "registry_config",
    "run",
    "slash",
    "token_singleton",
]


def registry_config(program_id: Pubkey = registry.PROGRAM_ID) -> Pubkey:
    """The registry's global config: `[CONFIG_SEED]`."""
    return Pubkey.find_program_address([registry.CONFIG_SEED], program_id)[0]


def node(operator: Pubkey, node_id: int, program_id: Pubkey = registry.PROGRAM_ID) -> Pubkey:
    """A node: `[NODE_SEED, operator, node_id (u64 LE)]`."""
    return Pubkey.find_program_address(
        [registry.NODE_SEED, bytes(operator), node_id.to_bytes(8, "little")], program_id
    )[0]


def epoch_root(epoch: int, program_id: Pubkey = registry.PROGRAM_ID) -> Pubkey:
    """An epoch's liveness root votes: `[EPOCH_ROOT_SEED, epoch (u64 LE)]`."""
    return Pubkey.find_program_address([registry.EPOCH_ROOT_SEED, epoch.to_bytes(8, "little")], program_id)[0]


def fingerprint(value: bytes, program_id: Pubkey = registry.PROGRAM_ID) -> Pubkey:
    """A hardware fingerprint's index: `[FINGERPRINT_SEED, fingerprint (32 bytes)]`."""
    return Pubkey.find_program_address([registry.FINGERPRINT_SEED, bytes(value)], program_id)[0]


def slash(node_address: Pubkey, index: int, program_id: Pubkey = registry.PROGRAM_ID) -> Pubkey:
    """A slash proposal: `[SLASH_SEED, node, index (u32 LE)]`."""
    return Pubkey.find_program_address(
        [registry.SLASH_SEED, bytes(node_address), index.to_bytes(4, "little")], program_id
    )[0]


def escrow_config(program_id: Pubkey = escrow.PROGRAM_ID) -> Pubkey:
    """The escrow's global config: `[CONFIG_SEED]`."""
    return Pubkey.find_program_address([escrow.CONFIG_SEED], program_id)[0]


def escrow_authority(program_id: Pubkey = escrow.PROGRAM_ID) -> Pubkey:
    """The escrow's authority `[AUTHORITY_SEED]`: the registry's job authority."""
    return Pubkey.find_program_address([escrow.AUTHORITY_SEED], program_id)[0]


def job(client: Pubkey, job_id: int, program_id: Pubkey = escrow.PROGRAM_ID) -> Pubkey:
    """A job: `[JOB_SEED, client, job_id (u64 LE)]`."""
    return Pubkey.find_program_address(
        [escrow.JOB_SEED, bytes(client), job_id.to_bytes(8, "little")], program_id
    )[0]


def job_vault(job_address: Pubkey, program_id: Pubkey = escrow.PROGRAM_ID) -> Pubkey:
    """A job's payment vault: `[VAULT_SEED, job]`."""
    return Pubkey.find_program_address([escrow.VAULT_SEED, bytes(job_address)], program_id)[0]


def run(job_address: Pubkey, node_address: Pubkey, program_id: Pubkey = escrow.PROGRAM_ID) -> Pubkey:
    """One assigned node's run in a job: `[RUN_SEED, job, node]`."""
    return Pubkey.find_program_address(
        [escrow.RUN_SEED, bytes(job_address), bytes(node_address)], program_id
    )[0]


def reward(node_address: Pubkey, program_id: Pubkey = token.PROGRAM_ID) -> Pubkey:
    """A node's reward account in the IO token program: `[REWARD_SEED, node]`."""
    return Pubkey.find_program_address([token.REWARD_SEED, bytes(node_address)], program_id)[0]


def token_singleton(seed: bytes, program_id: Pubkey = token.PROGRAM_ID) -> Pubkey:
    """One of the token program's singletons: `token.CONFIG_SEED`, `MINT_SEED`,
    `AUTHORITY_SEED`, `REWARDS_SEED`, `SCHEDULE_SEED`, `PROPOSAL_SEED`, `STATS_SEED`."""
    return Pubkey.find_program_address([seed], program_id)[0]
