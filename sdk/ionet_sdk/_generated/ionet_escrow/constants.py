"""Constants of ionet_escrow.

Generated from target/idl/ionet_escrow.json by scripts/generate_sdk.py. Do not edit."""

from __future__ import annotations

from solders.pubkey import Pubkey

PROGRAM_ID = Pubkey.from_string("FzKkUxLKMRfJVpuVJQi57CiPMcYKBsXdQnFSzyFkEvWR")

AUTHORITY_SEED: bytes = bytes([97, 117, 116, 104, 111, 114, 105, 116, 121])
"""
Seed of the escrow's authority PDA `["authority"]`: the registry's job
authority, which signs node commitments, releases and slash proposals by CPI.
"""
BPS_DENOMINATOR: int = 10000
"""Basis-point denominator: 10_000 bps = 100%."""
CONFIG_SEED: bytes = bytes([99, 111, 110, 102, 105, 103])
"""Seed of the escrow's global config PDA: `["config"]`."""
DISPUTE_RESOLUTION_SECS: int = 604800
"""
How long the arbiter has to decide a dispute. After it, anyone may apply
the default outcome (`job_dispute_lapse`): the nodes are paid in full and
the bond returns to the client. unit: seconds
"""
JOB_SEED: bytes = bytes([106, 111, 98])
"""
Seed of a job PDA: `["job", client, job_id (u64 LE)]`. The client picks the
id, so one client's concurrent jobs never contend for a shared counter.
"""
MIN_START_WINDOW_SECS: int = 300
"""
The shortest time a node has to start after it is assigned: no node is
assigned to a job whose start deadline is closer (nor is a job created with
one). unit: seconds
"""
RUN_SEED: bytes = bytes([114, 117, 110])
"""Seed of a run (one assigned node's record in a job): `["run", job, node]`."""
SECONDS_PER_HOUR: int = 3600
"""Seconds in the hour that prices are quoted per."""
VAULT_SEED: bytes = bytes([118, 97, 117, 108, 116])
"""
Seed of a job's payment vault: `["vault", job]`, an SPL token account of the
payment mint whose authority is the job PDA.
"""
