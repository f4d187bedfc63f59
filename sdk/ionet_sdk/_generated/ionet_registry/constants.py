"""Constants of ionet_registry.

Generated from target/idl/ionet_registry.json by scripts/generate_sdk.py. Do not edit."""

from __future__ import annotations

from solders.pubkey import Pubkey

PROGRAM_ID = Pubkey.from_string("GMJp7x7EvHRbWJEsEn2NAooBGekLr1Zg4ooqibRRET4G")

APPEAL_RESOLUTION_SECS: int = 604800
"""
How long after a slash's appeal window the admin has to decide an appeal.
After it, anyone may apply the default outcome (`slash_appeal_lapse`): the
slash is overturned, as an undecided dispute pays the node. (Otherwise an
undecided appeal would keep the node's stake and rewards frozen for ever.)
unit: seconds
"""
BPS_DENOMINATOR: int = 10000
"""Basis-point denominator: 10_000 bps = 100%."""
CONFIG_SEED: bytes = bytes([99, 111, 110, 102, 105, 103])
"""Seed of the registry's global config PDA: `["config"]`."""
NODE_SEED: bytes = bytes([110, 111, 100, 101])
"""Seed of a node PDA: `["node", operator, node_id (u64 LE)]`."""
SLASH_SEED: bytes = bytes([115, 108, 97, 115, 104])
"""Seed of a slash proposal: `["slash", node, index (u32 LE)]`."""
