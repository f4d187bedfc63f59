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
EPOCH_ROOT_SEED: bytes = bytes([101, 112, 111, 99, 104, 95, 114, 111, 111, 116])
"""Seed of an epoch's liveness root: `["epoch_root", epoch (u64 LE)]`."""
FAILURE_PENALTY_BPS: int = 500
"""
Reputation taken off per failed job and per executed slash: more than an hour of
perfect uptime can add (at most 1/25 of the uptime weight, 400 bps at 100%).
precision: bps
"""
FINGERPRINT_SEED: bytes = bytes([102, 105, 110, 103, 101, 114, 112, 114, 105, 110, 116])
"""Seed of a hardware fingerprint's index: `["fingerprint", fingerprint (32)]`."""
LIVENESS_LEAF_BYTES: int = 128
"""Bytes of a liveness leaf (docs/liveness.md §5)."""
LIVENESS_LEAF_VERSION: int = 1
"""Version byte of the liveness leaves this program reads."""
MAX_PROOF_SIBLINGS: int = 32
"""Most sibling hashes a liveness proof may carry (a tree of up to 2^32 leaves)."""
NODE_SEED: bytes = bytes([110, 111, 100, 101])
"""Seed of a node PDA: `["node", operator, node_id (u64 LE)]`."""
SLASH_SEED: bytes = bytes([115, 108, 97, 115, 104])
"""Seed of a slash proposal: `["slash", node, index (u32 LE)]`."""
UPTIME_PRIOR_SECS: int = 86400
"""
The prior of an uptime ratio (`math::uptime_ratio_bps`): a day observed at the
initial reputation, added to the proven figures, so one hour moves the ratio by at
most 1/25 of the range. unit: seconds
"""
