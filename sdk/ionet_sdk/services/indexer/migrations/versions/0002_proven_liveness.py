"""nodes: proven liveness replaces the on-chain heartbeat

The registry no longer takes heartbeats on-chain (`node_heartbeat` and its event are
gone): a node's liveness is what `node_sync` proved from an oracle-committed epoch root.
`nodes.last_heartbeat` is dropped; the synced figures are added (NULL until the node's
first `NodeSynced` event or account refresh).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 22:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

COLUMNS = (
    "last_seen",
    "synced_epoch",
    "last_epoch_uptime_secs",
    "proven_uptime_secs",
    "proven_observed_secs",
)


def upgrade() -> None:
    with op.batch_alter_table("nodes") as batch:
        batch.drop_column("last_heartbeat")
        for name in COLUMNS:
            batch.add_column(sa.Column(name, sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("nodes") as batch:
        for name in reversed(COLUMNS):
            batch.drop_column(name)
        batch.add_column(sa.Column("last_heartbeat", sa.BigInteger(), nullable=True))
