"""Constants of ionet_token.

Generated from target/idl/ionet_token.json by scripts/generate_sdk.py. Do not edit."""

from __future__ import annotations

from solders.pubkey import Pubkey

PROGRAM_ID = Pubkey.from_string("7883gsa3V2o3E8XboYD8DyQyaz6MuEq4f4dH6bCb3vsn")

AUTHORITY_SEED: bytes = bytes([97, 117, 116, 104, 111, 114, 105, 116, 121])
"""
Seed of the program's authority `["authority"]`: the mint's only mint authority
and the owner of the reward pool.
"""
BPS_DENOMINATOR: int = 10000
"""Basis-point denominator: 10_000 bps = 100%."""
CONFIG_SEED: bytes = bytes([99, 111, 110, 102, 105, 103])
"""Seed of the token config: `["config"]`."""
EPOCH_SEED: bytes = bytes([101, 112, 111, 99, 104])
"""Seed of an epoch's reward record: `["epoch", epoch (u64 LE)]`."""
IO_DECIMALS: int = 8
"""IO has 8 decimals."""
MINT_SEED: bytes = bytes([109, 105, 110, 116])
"""Seed of the IO mint: `["mint"]`."""
PROPOSAL_SEED: bytes = bytes([112, 114, 111, 112, 111, 115, 97, 108])
"""Seed of the pending parameter change: `["proposal"]`."""
REWARDS_SEED: bytes = bytes([114, 101, 119, 97, 114, 100, 115])
"""Seed of the reward pool, an IO token account held by the authority: `["rewards"]`."""
REWARD_SEED: bytes = bytes([114, 101, 119, 97, 114, 100])
"""Seed of a node's reward account: `["reward", node]`."""
SCHEDULE_SEED: bytes = bytes([115, 99, 104, 101, 100, 117, 108, 101])
"""Seed of the emission schedule: `["schedule"]`."""
STATS_SEED: bytes = bytes([115, 116, 97, 116, 115])
"""Seed of the network statistics: `["stats"]`."""
SUPPLY_CAP: int = 80000000000000000
"""
The hard cap: 800,000,000 IO ever minted (genesis and emissions; burns do not
make room again), enforced on every mint.
"""
