"""Every PDA of the ionet programs, derived from the seeds the programs export in their IDL."""

from __future__ import annotations

from solders.pubkey import Pubkey

from ionet_sdk._generated.ionet_registry import constants as registry
from ionet_sdk.svm import programdata_address

__all__ = ["programdata_address", "registry_config"]


def registry_config(program_id: Pubkey = registry.PROGRAM_ID) -> Pubkey:
    """The registry's global config: `[CONFIG_SEED]`."""
    return Pubkey.find_program_address([registry.CONFIG_SEED], program_id)[0]
