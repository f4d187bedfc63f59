"""Every PDA of the ionet programs, derived from the seeds the programs export in their IDL."""

from __future__ import annotations

from solders.pubkey import Pubkey

from ionet_sdk._generated.ionet_registry import constants as registry
from ionet_sdk.svm import programdata_address

__all__ = ["node", "programdata_address", "registry_config", "slash"]


def registry_config(program_id: Pubkey = registry.PROGRAM_ID) -> Pubkey:
    """The registry's global config: `[CONFIG_SEED]`."""
    return Pubkey.find_program_address([registry.CONFIG_SEED], program_id)[0]


def node(operator: Pubkey, node_id: int, program_id: Pubkey = registry.PROGRAM_ID) -> Pubkey:
    """A node: `[NODE_SEED, operator, node_id (u64 LE)]`."""
    return Pubkey.find_program_address(
        [registry.NODE_SEED, bytes(operator), node_id.to_bytes(8, "little")], program_id
    )[0]


def slash(node_address: Pubkey, index: int, program_id: Pubkey = registry.PROGRAM_ID) -> Pubkey:
    """A slash proposal: `[SLASH_SEED, node, index (u32 LE)]`."""
    return Pubkey.find_program_address(
        [registry.SLASH_SEED, bytes(node_address), index.to_bytes(4, "little")], program_id
    )[0]
