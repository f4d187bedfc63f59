"""The indexer's tables (SQLAlchemy Core; created by the Alembic migrations in
`migrations/`, never by `create_all`).

Keys make re-processing a transaction change nothing: every row written from an event
is keyed by (`signature`, `idx`: the event's position in the transaction's logs) or by
the on-chain address it describes, and a transaction already in `transactions` is
skipped whole (its events were applied in the same database transaction that stored it).

Amounts are IO base units (1e8 per IO) unless named otherwise; times unix seconds;
`*_bps` basis points; enums by name. Addresses base58 text.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)

metadata = MetaData()
ADDR = String(44)
SIG = String(88)


class U64(TypeDecorator[int]):
    """An on-chain u64 the account's owner chooses freely (a node's or job's id), stored
    in a BIGINT (i64) by its bit pattern: values from 2^63 are kept as value - 2^64 and read
    back exactly. A plain BIGINT refused them (SQLite OverflowError, PostgreSQL out of
    range), which stopped the indexer at that transaction for good."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: int | None, dialect: object) -> int | None:
        return value - 2**64 if value is not None and value >= 2**63 else value

    def process_result_value(self, value: int | None, dialect: object) -> int | None:
        return value + 2**64 if value is not None and value < 0 else value


def _amount(name: str, **kw: object) -> Column[int]:
    return Column(name, BigInteger, nullable=False, server_default="0", **kw)  # type: ignore[arg-type]


def _at() -> list[Column[object]]:
    """Where an event row came from: transaction, event index, slot, block time."""
    return [
        Column("signature", SIG, primary_key=True),
        Column("idx", Integer, primary_key=True),
        Column("slot", BigInteger, nullable=False),
        Column("block_time", BigInteger),
    ]


cursors = Table(
    "cursors",
    metadata,
    Column("program", ADDR, primary_key=True),
    Column("signature", SIG, nullable=False),
    Column("slot", BigInteger, nullable=False),
)
"""Per program, the newest signature processed: the next backfill asks `until` it."""

transactions = Table(
    "transactions",
    metadata,
    Column("signature", SIG, primary_key=True),
    Column("slot", BigInteger, nullable=False, index=True),
    Column("block_time", BigInteger),
    Column("err", Text),
    Column("commitment", String(16), nullable=False, index=True),
    Column("truncated", Boolean, nullable=False, server_default="0"),
    Column("events", Integer, nullable=False, server_default="0"),
    Column("unknown_events", Integer, nullable=False, server_default="0"),
)
"""Every transaction of the three programs, failed ones included (`err`, no events)."""

events = Table(
    "events",
    metadata,
    *_at(),
    Column("program", ADDR, nullable=False),
    Column("name", String(64), index=True),
    Column("data", Text),
    Column("raw", Text, nullable=False),
    Column("node", ADDR, index=True),
    Column("job", ADDR, index=True),
)
"""Every event as emitted: `name` and `data` (JSON) when a generated decoder knows it,
NULL otherwise (`raw`, base64, is always kept, so an event added later is re-decodable)."""

nodes = Table(
    "nodes",
    metadata,
    Column("address", ADDR, primary_key=True),
    Column("operator", ADDR, index=True),
    Column("agent", ADDR),
    Column("node_id", U64),
    Column("gpu_model", String(16), index=True),
    Column("gpu_count", Integer, nullable=False, server_default="0"),
    Column("vram_gb_per_gpu", Integer, nullable=False, server_default="0"),
    Column("cuda", String(8)),
    Column("region", String(16), index=True),
    Column("bandwidth_mbps", BigInteger, nullable=False, server_default="0"),
    Column("status", String(16), nullable=False, index=True),
    Column("reputation_bps", Integer, nullable=False, server_default="0"),
    Column("uptime_bps", Integer, nullable=False, server_default="0"),
    _amount("bonded"),
    _amount("unbonding"),
    _amount("slashed"),
    Column("effective_tier", String(16)),
    Column("measured_tflops", BigInteger),
    Column("attested_until", BigInteger),
    Column("active_jobs", Integer, nullable=False, server_default="0"),
    Column("committed_gpus", Integer, nullable=False, server_default="0"),
    # proven liveness (`node_sync` from an oracle-committed epoch root; no on-chain heartbeat)
    Column("last_seen", BigInteger),
    Column("synced_epoch", BigInteger),
    Column("last_epoch_uptime_secs", BigInteger),
    Column("proven_uptime_secs", BigInteger),
    Column("proven_observed_secs", BigInteger),
    Column("registered_slot", BigInteger),
    Column("registered_at", BigInteger),
    Column("last_slot", BigInteger, nullable=False),
    Column("last_signature", SIG, nullable=False),
    # the list's sort orders, each with the address as tie-breaker (one index scan a page)
    Index("ix_nodes_reputation", "reputation_bps", "address"),
    Index("ix_nodes_uptime", "uptime_bps", "address"),
    Index("ix_nodes_bonded", "bonded", "address"),
    Index("ix_nodes_registered", "registered_slot", "address"),
)

node_history = Table(
    "node_history",
    metadata,
    *_at(),
    Column("node", ADDR, nullable=False),
    Column("event", String(64), nullable=False),
    Column("status", String(16)),
    Column("reputation_bps", Integer),
    Column("uptime_bps", Integer),
    Column("bonded", BigInteger),
    Index("ix_node_history_node_slot", "node", "slot"),
)
"""Each event that named the node, with the state it reported (NULL: the event did not
say; the account may change in ways no event of this node spells out, so the
`nodes` row, read back from the account, is the current truth)."""

attestations = Table(
    "attestations",
    metadata,
    *_at(),
    Column("node", ADDR, nullable=False, index=True),
    Column("verifier", ADDR, nullable=False),
    Column("passed", Boolean, nullable=False),
    Column("mismatch", Integer, nullable=False),
    Column("effective_tier", String(16)),
    Column("measured_tflops", BigInteger),
    Column("expires_at", BigInteger),
)

stake_movements = Table(
    "stake_movements",
    metadata,
    *_at(),
    Column("node", ADDR, nullable=False, index=True),
    Column("kind", String(24), nullable=False),
    _amount("amount"),
    Column("bonded", BigInteger),
    Column("unbonding", BigInteger),
)
"""deposit, unstake_request, withdraw, rebond (amount in base units)."""

slashes = Table(
    "slashes",
    metadata,
    Column("proposal", ADDR, primary_key=True),
    Column("node", ADDR, nullable=False, index=True),
    Column("offense", String(32)),
    _amount("amount"),
    Column("proposer", ADDR),
    Column("appeal_deadline", BigInteger),
    Column("status", String(16), nullable=False),
    _amount("executed"),
    _amount("burned"),
    _amount("to_treasury"),
    Column("proposed_slot", BigInteger),
    Column("proposed_at", BigInteger),
    Column("last_slot", BigInteger, nullable=False),
    Column("last_signature", SIG, nullable=False),
)

jobs = Table(
    "jobs",
    metadata,
    Column("address", ADDR, primary_key=True),
    Column("client", ADDR, index=True),
    Column("job_id", U64),
    Column("gpu_model", String(16)),
    Column("gpu_count", Integer, nullable=False, server_default="0"),
    Column("duration_hours", Integer, nullable=False, server_default="0"),
    _amount("price_per_gpu_hour"),
    _amount("deposited"),
    Column("state", String(16), nullable=False, index=True),
    Column("gpus_assigned", Integer, nullable=False, server_default="0"),
    _amount("paid"),
    _amount("fees"),
    _amount("fees_burned"),
    _amount("refunded"),
    Column("closed", Boolean, nullable=False, server_default="0"),
    Column("created_slot", BigInteger, index=True),
    Column("created_at", BigInteger),
    Column("completed_at", BigInteger),
    Column("last_slot", BigInteger, nullable=False),
    Column("last_signature", SIG, nullable=False),
)

runs = Table(
    "runs",
    metadata,
    Column("address", ADDR, primary_key=True),
    Column("job", ADDR, nullable=False, index=True),
    Column("node", ADDR, nullable=False, index=True),
    Column("gpus", Integer, nullable=False, server_default="0"),
    Column("status", String(16), nullable=False),
    Column("started_at", BigInteger),
    Column("gpu_seconds", BigInteger, nullable=False, server_default="0"),
    _amount("earned"),
    _amount("paid"),
    _amount("fee"),
    _amount("refunded"),
    Column("last_slot", BigInteger, nullable=False),
    Column("last_signature", SIG, nullable=False),
)

usage = Table(
    "usage",
    metadata,
    *_at(),
    Column("job", ADDR, nullable=False, index=True),
    Column("run", ADDR, nullable=False, index=True),
    Column("gpu_seconds", BigInteger, nullable=False),
    _amount("earned"),
)
"""Usage reports (cumulative GPU-seconds of the run at that report)."""

settlements = Table(
    "settlements",
    metadata,
    *_at(),
    Column("job", ADDR, nullable=False, index=True),
    _amount("paid"),
    _amount("fees"),
    _amount("fees_burned"),
    _amount("fees_to_treasury"),
    _amount("refunded"),
)

epochs = Table(
    "epochs",
    metadata,
    Column("epoch", BigInteger, primary_key=True),
    _amount("minted"),
    _amount("scheduled"),
    Column("supply", BigInteger),
    _amount("burned_fees"),
    _amount("burned_slashes"),
    _amount("compute_spend"),
    _amount("fees"),
    _amount("work_pool"),
    _amount("availability_pool"),
    Column("emitted_at", BigInteger),
    Column("last_slot", BigInteger, nullable=False),
    Column("last_signature", SIG, nullable=False),
)
"""Per token epoch: minted (emission), burned (fees, slashes), compute spend (what clients
paid for compute, the D of D/E) and fees, and the reward pools."""

emissions = Table(
    "emissions",
    metadata,
    *_at(),
    Column("kind", String(16), nullable=False),
    Column("epoch", BigInteger),
    _amount("amount"),
    _amount("scheduled"),
    Column("supply", BigInteger, nullable=False),
    Column("destination", ADDR),
)
"""genesis and epoch mints; `supply` after the mint."""

burns = Table(
    "burns",
    metadata,
    *_at(),
    Column("kind", String(16), nullable=False),
    Column("epoch", BigInteger, index=True),
    _amount("amount"),
    _amount("compute_spend"),
    _amount("fees"),
    Column("supply", BigInteger),
)
"""fee and slash burns (`TokensBurned`), and forfeited rewards burned by a claim or a
forfeit (kind `forfeit`: no supply figure in the event; the epoch from the block time)."""

token_config = Table(
    "token_config",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("mint", ADDR),
    Column("genesis_time", BigInteger, nullable=False),
    Column("epoch_secs", BigInteger, nullable=False),
    Column("last_slot", BigInteger, nullable=False),
    Column("last_signature", SIG, nullable=False),
)
"""The IO token's epoch clock, from `TokenInitialized` (one row, id 1)."""

reward_claims = Table(
    "reward_claims",
    metadata,
    *_at(),
    Column("node", ADDR, nullable=False, index=True),
    _amount("resolved"),
    _amount("paid"),
    _amount("forfeited"),
    _amount("locked"),
    Column("unlock_at", BigInteger),
)

# Tables that record facts (one row per event); `transactions`/`events` hold everything.
HISTORY = (node_history, attestations, stake_movements, usage, settlements, emissions, burns, reward_claims)
# Tables whose rows carry the signature that last changed them (`last_signature`).
STATE = (nodes, slashes, jobs, runs, epochs, token_config)
