"""Default parameters: a copy of the programs' `DEFAULT` constants, which clients send at init.

Not derived from the programs (Rust constants of struct type are not in the IDL):
keep both in step; the program enforces the bounds either way.
"""

from __future__ import annotations

from ionet_sdk._generated.ionet_escrow.types import EscrowParams
from ionet_sdk._generated.ionet_registry.types import RegistryParams
from ionet_sdk._generated.ionet_token.types import TokenParams

IO_DECIMALS = 8
IO = 10**IO_DECIMALS
HOUR = 3_600
DAY = 24 * HOUR

# Mirrors ionet_registry::state::RegistryParams::DEFAULT.
REGISTRY_PARAMS = RegistryParams(
    base_stake_per_gpu=200 * IO,
    tier_multiplier_bps=[50_000, 30_000, 20_000, 15_000, 10_000, 7_500, 5_000],
    unbonding_period_secs=14 * DAY,
    heartbeat_interval_secs=60,
    heartbeat_grace_secs=120,
    attestation_validity_secs=7 * DAY,
    slash_bps=[5_000, 1_000, 200, 10_000],
    appeal_window_secs=2 * DAY,
    slash_epoch_secs=DAY,
    epoch_slash_cap_bps=5_000,
    slash_burn_bps=5_000,
    reputation_uptime_weight_bps=4_000,
    reputation_jobs_weight_bps=4_000,
    reputation_attestation_weight_bps=2_000,
    initial_reputation_bps=5_000,
    oracle_quorum=1,
    root_challenge_secs=2 * HOUR,
    liveness_max_age_secs=4 * HOUR,
    min_epoch_uptime_secs=HOUR // 2,
)

# Mirrors ionet_escrow::state::EscrowParams::DEFAULT.
ESCROW_PARAMS = EscrowParams(
    challenge_window_secs=HOUR,
    dispute_bond=100 * IO,
    min_reputation_bps=3_000,
    max_nodes_per_job=64,
    max_gpus_per_job=512,
    max_duration_hours=30 * 24,
    max_start_delay_secs=DAY,
    report_timeout_secs=15 * 60,
)

# Mirrors ionet_token::state::TokenParams::DEFAULT.
TOKEN_PARAMS = TokenParams(
    fee_bps=200,
    fee_burn_bps=10_000,
    breaker_window_secs=DAY,
    breaker_threshold=1_000_000 * IO,
    reward_lock_secs=7 * DAY,
    work_weight_bps=7_000,
    tier_weights_bps=[50_000, 30_000, 20_000, 15_000, 10_000, 7_500, 5_000],
    timelock_secs=2 * DAY,
)

SUPPLY_CAP = 800_000_000 * IO
EPOCH_SECS = HOUR
