"""The oracle's durable state in SQLite (WAL mode, `synchronous=FULL`): every accepted
heartbeat, and per epoch the root, its signed statement and each node's leaf.

A heartbeat is acknowledged (its receipt sent) only after the transaction that holds it
committed, so a crash or restart loses nothing that was acknowledged. Writes come from one
writer at a time (the service's batch writer); readers use their own connections.

Proofs are not stored: they follow from the epoch's leaves (stored, in tree order), and
200,000 stored proofs would take ~120 MB per epoch. The service keeps the trees of recent
epochs in memory and rebuilds an older one from its leaves on demand.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS heartbeats (
    node BLOB NOT NULL,           -- 32-byte node address
    sequence INTEGER NOT NULL,
    epoch INTEGER NOT NULL,
    timestamp INTEGER NOT NULL,   -- agent clock, unix seconds
    received_at REAL NOT NULL,    -- oracle clock, unix seconds
    signed BLOB NOT NULL,         -- the 200-byte signed heartbeat (evidence)
    PRIMARY KEY (node, sequence)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS heartbeats_by_epoch ON heartbeats (epoch, node, received_at);
CREATE TABLE IF NOT EXISTS epochs (
    epoch INTEGER PRIMARY KEY,
    root BLOB NOT NULL,
    leaf_count INTEGER NOT NULL,
    statement BLOB NOT NULL,      -- signed RootStatement (188 bytes)
    built_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS leaves (
    epoch INTEGER NOT NULL,
    idx INTEGER NOT NULL,         -- position in the tree (leaves sorted by node address)
    node BLOB NOT NULL,
    leaf BLOB NOT NULL,           -- 128-byte LivenessLeaf
    PRIMARY KEY (epoch, idx)
) WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS leaves_by_node ON leaves (epoch, node);
"""


@dataclass(frozen=True, slots=True)
class HeartbeatRow:
    node: bytes
    sequence: int
    epoch: int
    timestamp: int
    received_at: float
    signed: bytes


@dataclass(frozen=True, slots=True)
class EpochRow:
    epoch: int
    root: bytes
    leaf_count: int
    statement: bytes
    built_at: float


def connect(path: Path) -> sqlite3.Connection:
    """A connection in WAL mode with FULL sync (a commit survives power loss), usable from
    the thread pool (the caller serializes its use)."""
    conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=30.0)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.executescript(SCHEMA)
    return conn


class Store:
    """Blocking SQLite calls; the service runs them with `asyncio.to_thread`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = connect(path)

    def close(self) -> None:
        self.conn.close()

    def insert_heartbeats(self, rows: Sequence[HeartbeatRow]) -> None:
        """Insert in one transaction (committed when this returns; raises sqlite3.Error
        and rolls back otherwise)."""
        with self._transaction():
            self.conn.executemany(
                "INSERT INTO heartbeats VALUES (?, ?, ?, ?, ?, ?)",
                [(r.node, r.sequence, r.epoch, r.timestamp, r.received_at, r.signed) for r in rows],
            )

    def last_sequences(self) -> dict[bytes, int]:
        """Each node's highest accepted sequence (the replay guard after a restart)."""
        return {
            bytes(node): seq
            for node, seq in self.conn.execute("SELECT node, MAX(sequence) FROM heartbeats GROUP BY node")
        }

    def receive_times(self, epoch: int, since: float) -> Iterator[tuple[bytes, float, int]]:
        """(node, received_at, sequence) of heartbeats of `epoch` and of the epoch before
        received at or after `since`, ordered by node."""
        return (
            (bytes(n), r, s)
            for n, r, s in self.conn.execute(
                "SELECT node, received_at, sequence FROM heartbeats WHERE epoch = ? "
                "UNION ALL SELECT node, received_at, -1 FROM heartbeats "
                "WHERE epoch = ? AND received_at >= ? ORDER BY 1",
                (epoch, epoch - 1, since),
            )
        )

    def first_heartbeat_epoch(self) -> int | None:
        row = self.conn.execute("SELECT MIN(epoch) FROM heartbeats").fetchone()
        return None if row is None or row[0] is None else int(row[0])

    def count_heartbeats(self, node: bytes | None = None) -> int:
        if node is None:
            return int(self.conn.execute("SELECT COUNT(*) FROM heartbeats").fetchone()[0])
        return int(self.conn.execute("SELECT COUNT(*) FROM heartbeats WHERE node = ?", (node,)).fetchone()[0])

    def save_epoch(self, row: EpochRow, leaves: Iterable[tuple[bytes, bytes]], prune_before: int) -> None:
        """Store an epoch's root and leaves ((node, leaf) in tree order) in one transaction,
        and delete heartbeats of epochs before `prune_before`."""
        with self._transaction():
            self.conn.execute(
                "INSERT INTO epochs VALUES (?, ?, ?, ?, ?)",
                (row.epoch, row.root, row.leaf_count, row.statement, row.built_at),
            )
            self.conn.executemany(
                "INSERT INTO leaves VALUES (?, ?, ?, ?)",
                ((row.epoch, i, node, leaf) for i, (node, leaf) in enumerate(leaves)),
            )
            self.conn.execute("DELETE FROM heartbeats WHERE epoch < ?", (prune_before,))

    def last_epoch(self) -> EpochRow | None:
        found = self.conn.execute("SELECT * FROM epochs ORDER BY epoch DESC LIMIT 1").fetchone()
        return None if found is None else EpochRow(*found)

    def epoch(self, epoch: int) -> EpochRow | None:
        found = self.conn.execute("SELECT * FROM epochs WHERE epoch = ?", (epoch,)).fetchone()
        return None if found is None else EpochRow(*found)

    def leaves(self, epoch: int) -> list[bytes]:
        """The epoch's leaves in tree order."""
        return [
            bytes(b)
            for (b,) in self.conn.execute("SELECT leaf FROM leaves WHERE epoch = ? ORDER BY idx", (epoch,))
        ]

    def leaf(self, epoch: int, node: bytes) -> tuple[int, bytes] | None:
        found = self.conn.execute(
            "SELECT idx, leaf FROM leaves WHERE epoch = ? AND node = ?", (epoch, node)
        ).fetchone()
        return None if found is None else (int(found[0]), bytes(found[1]))

    def _transaction(self) -> _Transaction:
        return _Transaction(self.conn)


class _Transaction:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, value: object, tb: object) -> None:
        self.conn.execute("COMMIT" if kind is None else "ROLLBACK")
