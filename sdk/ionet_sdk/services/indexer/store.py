"""The indexer's database: opening it (`Database`), migrating it (Alembic), and writing
transactions into it (`Database.apply`), each batch in one database transaction.

A batch is idempotent: transactions already stored are skipped whole (only their
commitment may rise), so re-processing a range, a restart in the middle of a batch or a
websocket notification for a transaction the backfill already took changes nothing.
State rows (nodes, jobs, runs, slashes, epochs) are read once per batch into memory,
changed by each event in order, and written back with one statement per table; event
rows are inserted with one `executemany` per table.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, Table, bindparam, create_engine, event, func, insert, select, update
from sqlalchemy.engine import Connection

from ionet_sdk.services.indexer import schema as s
from ionet_sdk.services.indexer.decode import DecodedEvent, DecodedLogs, decode_logs

MIGRATIONS = Path(__file__).parent / "migrations"
COMMITMENT_RANK = {"processed": 0, "confirmed": 1, "finalized": 2}
NODE_FIELDS = ("reputation_bps", "uptime_bps", "bonded", "unbonding", "active_jobs", "committed_gpus")
REFRESHED = (
    "status",
    "reputation_bps",
    "uptime_bps",
    "bonded",
    "unbonding",
    "active_jobs",
    "committed_gpus",
    "last_seen",
    "synced_epoch",
    "last_epoch_uptime_secs",
    "proven_uptime_secs",
    "proven_observed_secs",
    "effective_tier",
)
_KEY = {
    "nodes": "address",
    "jobs": "address",
    "runs": "address",
    "slashes": "proposal",
    "epochs": "epoch",
    "token_config": "id",
}


@dataclass(frozen=True, slots=True)
class FetchedTx:
    """A transaction as the RPC gave it: `logs` None for a failed one (`err` set)."""

    signature: str
    slot: int
    block_time: int | None
    err: str | None
    commitment: str
    logs: list[str] | None
    programs: tuple[str, ...] = ()
    """The followed programs whose signature lists named it (their cursors advance)."""


@dataclass(slots=True)
class ApplyResult:
    transactions: int = 0
    events: int = 0
    unknown: int = 0
    truncated: int = 0
    skipped: int = 0
    promoted: int = 0
    names: dict[str, int] = field(default_factory=dict)
    nodes: set[str] = field(default_factory=set)
    """Nodes the new transactions touched (their accounts are read back: `refresh_nodes`)."""


def engine_for(url: str) -> Engine:
    """An engine for a SQLAlchemy URL; SQLite in WAL mode with foreign keys on and a busy
    timeout, so the API's readers never block the writer."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return create_engine(url, pool_pre_ping=True)


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision` with the package's Alembic migrations."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


class Batch:
    """The state rows one batch touches, and the event rows it adds."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.state: dict[tuple[str, Any], dict[str, Any] | None] = {}
        self.new: set[tuple[str, Any]] = set()
        self.dirty: set[tuple[str, Any]] = set()
        self.rows: dict[str, list[dict[str, Any]]] = {}

    def get(self, table: Table, key: Any) -> dict[str, Any] | None:
        k = (table.name, key)
        if k not in self.state:
            col = table.c[_KEY[table.name]]
            row = self.conn.execute(select(table).where(col == key)).mappings().first()
            self.state[k] = None if row is None else dict(row)
        return self.state[k]

    def preload(self, table: Table, keys: set[Any]) -> None:
        """Read the rows of `keys` with one query per 500 (absent ones remembered as absent)."""
        wanted = [key for key in keys if (table.name, key) not in self.state]
        col = table.c[_KEY[table.name]]
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            for key in chunk:
                self.state[(table.name, key)] = None
            for row in self.conn.execute(select(table).where(col.in_(chunk))).mappings():
                self.state[(table.name, row[col.name])] = dict(row)

    def put(self, table: Table, key: Any, row: dict[str, Any]) -> dict[str, Any]:
        k = (table.name, key)
        if self.state.get(k) is not None and k not in self.new:
            self.dirty.add(k)  # the address is in use again (a job id reused after its close)
        else:
            self.new.add(k)
        self.state[k] = row
        return row

    def touch(self, table: Table, key: Any) -> None:
        self.dirty.add((table.name, key))

    def add(self, table: Table, row: dict[str, Any]) -> None:
        self.rows.setdefault(table.name, []).append(row)

    def flush(self) -> None:
        tables = {t.name: t for t in s.metadata.sorted_tables}
        for name, rows in self.rows.items():
            self.conn.execute(insert(tables[name]), rows)
        inserts: dict[str, list[dict[str, Any]]] = {}
        updates: dict[str, list[dict[str, Any]]] = {}
        for k, row in self.state.items():
            if row is None:
                continue
            if k in self.new:
                inserts.setdefault(k[0], []).append(row)
            elif k in self.dirty:
                updates.setdefault(k[0], []).append(row)
        for name, rows in inserts.items():
            self.conn.execute(insert(tables[name]), _uniform(rows))
        for name, rows in updates.items():
            table = tables[name]
            key = _KEY[name]
            cols = [c.name for c in table.columns if c.name != key]
            stmt = (
                update(table).where(table.c[key] == bindparam("_key")).values({c: bindparam(c) for c in cols})
            )
            self.conn.execute(stmt, [{"_key": r[key], **{c: r[c] for c in cols}} for r in rows])


def _uniform(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """executemany needs every row to name the same columns."""
    names = {k for r in rows for k in r}
    return [{n: r.get(n) for n in names} for r in rows]


Handler = Callable[[Batch, FetchedTx, DecodedEvent, dict[str, Any]], None]


class Database:
    """The indexer's database at `url` (see `engine_for`); `migrate()` before use."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = engine_for(url)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def migrate(self) -> None:
        migrate(self.engine)

    def dispose(self) -> None:
        self.engine.dispose()

    def cursors(self) -> dict[str, str]:
        """program -> the newest signature processed."""
        with self.engine.connect() as conn:
            return {r.program: r.signature for r in conn.execute(select(s.cursors))}

    def known(self, signatures: Sequence[str]) -> set[str]:
        """Which of `signatures` are stored."""
        with self.engine.connect() as conn:
            return set(
                conn.execute(
                    select(s.transactions.c.signature).where(s.transactions.c.signature.in_(list(signatures)))
                ).scalars()
            )

    def apply(self, txs: Iterable[FetchedTx]) -> ApplyResult:
        """Store `txs` (oldest first) and apply their events, in one database transaction;
        advance each followed program's cursor to the newest of them that named it."""
        txs = list(txs)
        result = ApplyResult()
        with self.engine.begin() as conn:
            sigs = [t.signature for t in txs]
            stored = {
                r.signature: r.commitment
                for r in conn.execute(
                    select(s.transactions.c.signature, s.transactions.c.commitment).where(
                        s.transactions.c.signature.in_(sigs)
                    )
                )
            }
            batch = Batch(conn)
            fresh = [t for t in txs if t.signature not in stored]
            decoded = {t.signature: _decode(t) for t in fresh}
            _preload(batch, [e for d in decoded.values() if d is not None for e in d.events])
            cursor: dict[str, tuple[str, int]] = {}
            for tx in txs:
                for program in tx.programs:
                    cursor[program] = (tx.signature, tx.slot)
                if tx.signature in stored:
                    result.skipped += 1
                    old = stored[tx.signature]
                    if COMMITMENT_RANK[tx.commitment] > COMMITMENT_RANK.get(old, 0):
                        conn.execute(
                            update(s.transactions)
                            .where(s.transactions.c.signature == tx.signature)
                            .values(commitment=tx.commitment)
                        )
                        stored[tx.signature] = tx.commitment
                        result.promoted += 1
                    continue
                stored[tx.signature] = tx.commitment
                self._apply_tx(batch, tx, decoded.get(tx.signature) or _decode(tx), result)
            batch.flush()
            for program, (sig, slot) in cursor.items():
                done = conn.execute(
                    update(s.cursors).where(s.cursors.c.program == program).values(signature=sig, slot=slot)
                )
                if done.rowcount == 0:
                    conn.execute(insert(s.cursors).values(program=program, signature=sig, slot=slot))
        return result

    def _apply_tx(
        self, batch: Batch, tx: FetchedTx, decoded: DecodedLogs | None, result: ApplyResult
    ) -> None:
        evs = decoded.events if decoded is not None else []
        batch.add(
            s.transactions,
            {
                "signature": tx.signature,
                "slot": tx.slot,
                "block_time": tx.block_time,
                "err": tx.err,
                "commitment": tx.commitment,
                "truncated": bool(decoded and decoded.truncated),
                "events": len(evs),
                "unknown_events": decoded.unknown if decoded else 0,
            },
        )
        result.transactions += 1
        result.truncated += int(bool(decoded and decoded.truncated))
        for ev in evs:
            f = ev.fields or {}
            batch.add(
                s.events,
                {
                    "signature": tx.signature,
                    "idx": ev.idx,
                    "slot": tx.slot,
                    "block_time": tx.block_time,
                    "program": ev.program,
                    "name": ev.name,
                    "data": ev.data_json(),
                    "raw": ev.raw_b64(),
                    "node": f.get("node") if isinstance(f.get("node"), str) else None,
                    "job": f.get("job") if isinstance(f.get("job"), str) else None,
                },
            )
            result.events += 1
            if ev.name is None:
                result.unknown += 1
                continue
            result.names[ev.name] = result.names.get(ev.name, 0) + 1
            if isinstance(f.get("node"), str):
                result.nodes.add(f["node"])
            handler = HANDLERS.get(ev.name)
            if handler is not None:
                handler(batch, tx, ev, f)
            _node_generic(batch, tx, ev, f)

    def refresh_nodes(self, accounts: dict[str, dict[str, Any]]) -> int:
        """Set the current state of nodes from their accounts (address -> the account's
        fields, JSON-ready): the events do not carry every change (a status follows the
        clock, e.g. proven liveness going stale), the account does. History rows stay as the
        events told them. Returns how many rows changed."""
        changed = 0
        with self.engine.begin() as conn:
            for address, acct in accounts.items():
                values = {k: acct[k] for k in REFRESHED if k in acct}
                values["slashed"] = acct.get("slashed_total", 0)
                res = conn.execute(update(s.nodes).where(s.nodes.c.address == address).values(values))
                changed += res.rowcount
        return changed

    def promote(self, statuses: dict[str, str | None]) -> int:
        """Raise stored transactions to the commitment `statuses` gives (signature ->
        `confirmed`/`finalized`/None); returns how many changed."""
        changed = 0
        with self.engine.begin() as conn:
            for sig, level in statuses.items():
                if level is None:
                    continue
                res = conn.execute(
                    update(s.transactions)
                    .where(s.transactions.c.signature == sig, s.transactions.c.commitment != level)
                    .where(s.transactions.c.commitment != "finalized")
                    .values(commitment=level)
                )
                changed += res.rowcount
        return changed

    def unfinalized(self, limit: int = 256) -> list[str]:
        """Stored signatures not yet final, oldest first."""
        with self.engine.connect() as conn:
            return list(
                conn.execute(
                    select(s.transactions.c.signature)
                    .where(s.transactions.c.commitment != "finalized")
                    .order_by(s.transactions.c.slot)
                    .limit(limit)
                ).scalars()
            )

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        with self.engine.connect() as conn:
            return {
                t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
                for t in s.metadata.sorted_tables
            }


def _decode(tx: FetchedTx) -> DecodedLogs | None:
    """The events of a successful transaction (a failed one's effects were rolled back)."""
    return decode_logs(tx.logs) if tx.logs is not None and tx.err is None else None


_PRELOAD = ((s.nodes, "node"), (s.jobs, "job"), (s.runs, "run"), (s.slashes, "proposal"), (s.epochs, "epoch"))


def _preload(batch: Batch, evs: list[DecodedEvent]) -> None:
    """Read every state row the batch's events name, a few queries in all."""
    for table, name in _PRELOAD:
        keys = {f[name] for e in evs if (f := e.fields) and isinstance(f.get(name), str | int)}
        if keys:
            batch.preload(table, keys)
    batch.preload(s.token_config, {1})


# --- projections: one handler per event name (the generic node rule runs after each)


def _at(tx: FetchedTx, ev: DecodedEvent) -> dict[str, Any]:
    return {"signature": tx.signature, "idx": ev.idx, "slot": tx.slot, "block_time": tx.block_time}


def _stamp(row: dict[str, Any], tx: FetchedTx) -> None:
    row["last_slot"] = tx.slot
    row["last_signature"] = tx.signature


def _node(b: Batch, f: dict[str, Any]) -> dict[str, Any] | None:
    node = f.get("node")
    return b.get(s.nodes, node) if isinstance(node, str) else None


def _hardware(hw: dict[str, Any]) -> dict[str, Any]:
    return {
        "gpu_model": hw.get("gpu_model"),
        "gpu_count": hw.get("gpu_count", 0),
        "vram_gb_per_gpu": hw.get("vram_gb_per_gpu", 0),
        "cuda": f"{hw.get('cuda_major', 0)}.{hw.get('cuda_minor', 0)}",
        "region": hw.get("region"),
        "bandwidth_mbps": hw.get("bandwidth_mbps", 0),
    }


def on_node_registered(b: Batch, tx: FetchedTx, ev: DecodedEvent, f: dict[str, Any]) -> None:
    row: dict[str, Any] = {c.name: None for c in s.nodes.columns}
    row.update(
        address=f["node"],
        operator=f["operator"],
        agent=f["agent"],
        node_id=f["node_id"],
        status="Registered",
        reputation_bps=0,
        uptime_bps=0,
        bonded=0,
        unbonding=0,
        slashed=0,
        active_jobs=0,
        committed_gpus=0,
        registered_slot=tx.slot,
        registered_at=tx.block_time,
        **_hardware(f["hardware"]),
    )
    old = b.get(s.nodes, f["node"])
    if old is not None:  # re-registered after a deregistration: the same address again
        old.update({k: v for k, v in row.items() if k not in ("bonded", "unbonding", "slashed")})
        b.touch(s.nodes, f["node"])
        row = old
    else:
        b.put(s.nodes, f["node"], row)
    _stamp(row, tx)


def on_node_updated(b: Batch, tx: FetchedTx, ev: DecodedEvent, f: dict[str, Any]) -> None:
    if (row := _node(b, f)) is not None:
        row.update(agent=f["agent"], **_hardware(f["hardware"]))
        b.touch(s.nodes, f["node"])


def on_node_attested(b: Batch, tx: FetchedTx, ev: DecodedEvent, f: dict[str, Any]) -> None:
    b.add(
        s.attestations,
        {
            **_at(tx, ev),
            "node": f["node"],
            "verifier": f["verifier"],
            "passed": f["passed"],
            "mismatch": f["mismatch"],
            "effective_tier": f.get("effective_tier"),
            "measured_tflops": f.get("measured_tflops"),
            "expires_at": f.get("expires_at"),
        },
    )
    if (row := _node(b, f)) is not None:
        row.update(
            effective_tier=f.get("effective_tier"),
            measured_tflops=f.get("measured_tflops"),
            attested_until=f.get("expires_at"),
        )
        b.touch(s.nodes, f["node"])


def _status(to: str) -> Handler:
    def handler(b: Batch, tx: FetchedTx, ev: DecodedEvent, f: dict[str, Any]) -> None:
        if (row := _node(b, f)) is not None:
            row["status"] = f.get("to", to)
            if ev.name == "NodeMarkedInactive":
                row["last_seen"] = f.get("last_seen")
            b.touch(s.nodes, f["node"])

    return handler


def on_node_synced(b: Batch, tx: FetchedTx, ev: DecodedEvent, f: dict[str, Any]) -> None:
    """`node_sync`: the node's proven liveness as of an oracle-committed epoch root."""
    if (row := _node(b, f)) is not None:
        row.update(
            last_seen=f.get("last_seen"),
            synced_epoch=f.get("epoch"),
            last_epoch_uptime_secs=f.get("epoch_uptime_secs"),
            proven_uptime_secs=f.get("uptime_secs"),
            proven_observed_secs=f.get("observed_secs"),
        )
        b.touch(s.nodes, f["node"])


def _stake(kind: str) -> Handler:
    def handler(b: Batch, tx: FetchedTx, ev: DecodedEvent, f: dict[str, Any]) -> None:
        b.add(
            s.stake_movements,
            {
                **_at(tx, ev),
                "node": f["node"],
                "kind": kind,
                "amount": f["amount"],
                "bonded": f.get("bonded"),
                "unbonding": f.get("unbonding"),
            },
        )
        if kind == "withdraw" and (row := _node(b, f)) is not None:
            row["unbonding"] = max(0, int(row["unbonding"] or 0) - int(f["amount"]))
            b.touch(s.nodes, f["node"])
        if kind == "rebond" and (row := _node(b, f)) is not None:
            row["unbonding"] = max(0, int(row["unbonding"] or 0) - int(f["amount"]))
            b.touch(s.nodes, f["node"])

    return handler


def on_slash_proposed(b: Batch, tx: FetchedTx, ev: DecodedEvent, f: dict[str, Any]) -> None:
    row = {
        "proposal": f["proposal"],
        "node": f["node"],
        "offense": f.get("offense"),
        "amount": f["amount"],
        "proposer": f.get("proposer"),
        "appeal_deadline": f.get("appeal_deadline"),
        "status": "Proposed",
        "executed": 0,
        "burned": 0,
        "to_treasury": 0,
        "proposed_slot": tx.slot,
        "proposed_at": tx.block_time,
    }
    _stamp(b.put(s.slashes, f["proposal"], row), tx)


def _slash(status: str | None) -> Handler:
    def handler(b: Batch, tx: FetchedTx, ev: DecodedEvent, f: dict[str, Any]) -> None:
        row = b.get(s.slashes, f["proposal"])
        if row is None:
            return
        if ev.name == "SlashResolved":
            row["status"] = "Upheld" if f.get("upheld") else "Dismissed"
        else:
            row["status"] = f.get("status", status)
        if ev.name == "SlashExecuted":
            row["executed"] = int(row["executed"] or 0) + int(f["amount"])
            row["burned"] = int(row["burned"] or 0) + int(f["burned"])
            row["to_treasury"] = int(row["to_treasury"] or 0) + int(f["to_treasury"])
            if (node := _node(b, f)) is not None:
                node["slashed"] = int(node["slashed"] or 0) + int(f["amount"])
                node["bonded"] = max(0, int(node["bonded"] or 0) - int(f["amount"]))
                b.touch(s.nodes, f["node"])
        _stamp(row, tx)
        b.touch(s.slashes, f["proposal"])

    return handler


def on_job_created(b: Batch, tx: FetchedTx, ev: DecodedEvent, f: dict[str, Any]) -> None:
    row = {
        "address": f["job"],
        "client": f["client"],
        "job_id": f["job_id"],
        "gpu_model": f.get("gpu_model"),
        "gpu_count": f["gpu_count"],
        "duration_hours": f["duration_hours"],
        "price_per_gpu_hour": f["price_per_gpu_hour"],
        "deposited": f["deposited"],
        "state": "Open",
        "gpus_assigned": 0,
        "paid": 0,
        "fees": 0,
        "fees_burned": 0,
        "refunded": 0,
        "closed": False,
        "created_slot": tx.slot,
        "created_at": tx.block_time,
        "completed_at": None,
    }
    _stamp(b.put(s.jobs, f["job"], row), tx)


def _job(b: Batch, tx: FetchedTx, f: dict[str, Any]) -> dict[str, Any] | None:
    row = b.get(s.jobs, f["job"])
    if row is not None:
        _stamp(row, tx)
        b.touch(s.jobs, f["job"])
    return row


def on_job_event(b: Batch, tx: FetchedTx, ev: DecodedEvent, f: dict[str, Any]) -> None:
    row = _job(b, tx, f)
    if row is None:
        return
    if ev.name == "JobCompleted":
        row.update(state="Completed", completed_at=f["completed_at"])
    elif ev.name == "JobDisputed":
        row["state"] = "Disputed"
    elif ev.name == "JobCancelled":
        row.update(state="Cancelled", refunded=int(row["refunded"] or 0) + int(f["refunded"]))
    elif ev.name == "JobClosed":
        row.update(state=f.get("state", row["state"]), closed=True)
    elif ev.name == "JobSettled":
        for k in ("paid", "fees", "fees_burned", "refunded"):
            row[k] = int(row[k] or 0) + int(f[k])
        row["state"] = "Settled"
        b.add(
            s.settlements,
            {
                **_at(tx, ev),
                "job": f["job"],
                "paid": f["paid"],
                "fees": f["fees"],
                "fees_burned": f["fees_burned"],
                "fees_to_treasury": f["fees_to_treasury"],
                "refunded": f["refunded"],
            },
        )


def on_node_assigned(b: Batch, tx: FetchedTx, ev: DecodedEvent, f: dict[str, Any]) -> None:
    row = {
        "address": f["run"],
        "job": f["job"],
        "node": f["node"],
        "gpus": f["gpus"],
        "status": "Assigned",
        "started_at": None,
        "gpu_seconds": 0,
        "earned": 0,
        "paid": 0,
        "fee": 0,
        "refunded": 0,
    }
    _stamp(b.put(s.runs, f["run"], row), tx)
    if (job := _job(b, tx, f)) is not None:
        job["gpus_assigned"] = f["gpus_assigned"]


def on_run_event(b: Batch, tx: FetchedTx, ev: DecodedEvent, f: dict[str, Any]) -> None:
    row = b.get(s.runs, f["run"])
    if row is not None:
        _stamp(row, tx)
        b.touch(s.runs, f["run"])
    if ev.name == "UsageReported":
        b.add(
            s.usage,
            {
                **_at(tx, ev),
                "job": f["job"],
                "run": f["run"],
                "gpu_seconds": f["gpu_seconds"],
                "earned": f["earned"],
            },
        )
        if row is not None:
            row.update(gpu_seconds=f["gpu_seconds"], earned=f["earned"])
        return
    # Withdrawn before it started (job_unassign): the run account is closed.
    if ev.name == "RunUnassigned" and (job := _job(b, tx, f)) is not None:
        job["gpus_assigned"] = f["gpus_assigned"]
    if row is None:
        return
    if ev.name == "RunUnassigned":
        row.update(status="Unassigned")
    elif ev.name == "RunStarted":
        row.update(status="Running", started_at=f["started_at"])
        if (job := _job(b, tx, f)) is not None and job["state"] == "Open":
            job["state"] = "Running"
    elif ev.name == "RunSettled":
        settled = "Removed" if f.get("status") == "Removed" else "Settled"  # paid and closed
        row.update(status=settled, gpu_seconds=f["gpu_seconds"], paid=f["paid"], fee=f["fee"])
    elif ev.name == "RunTimedOut":
        row.update(status="Removed", refunded=int(row["refunded"] or 0) + int(f["refunded"]))


def _epoch(b: Batch, tx: FetchedTx, epoch: int) -> dict[str, Any]:
    row = b.get(s.epochs, epoch)
    if row is None:
        row = b.put(
            s.epochs,
            epoch,
            {c.name: 0 for c in s.epochs.columns} | {"epoch": epoch, "supply": None, "emitted_at": None},
        )
    else:
        b.touch(s.epochs, epoch)
    _stamp(row, tx)
    return row


def on_epoch_emitted(b: Batch, tx: FetchedTx, ev: DecodedEvent, f: dict[str, Any]) -> None:
    row = _epoch(b, tx, f["epoch"])
    row.update(
        minted=int(row["minted"]) + int(f["amount"]),
        scheduled=f["scheduled"],
        supply=f["supply"],
        emitted_at=tx.block_time,
    )
    b.add(
        s.emissions,
        {
            **_at(tx, ev),
            "kind": "epoch",
            "epoch": f["epoch"],
            "amount": f["amount"],
            "scheduled": f["scheduled"],
            "supply": f["supply"],
            "destination": None,
        },
    )


def on_genesis(b: Batch, tx: FetchedTx, ev: DecodedEvent, f: dict[str, Any]) -> None:
    b.add(
        s.emissions,
        {
            **_at(tx, ev),
            "kind": "genesis",
            "epoch": None,
            "amount": f["amount"],
            "scheduled": 0,
            "supply": f["supply"],
            "destination": f["destination"],
        },
    )


def on_burned(b: Batch, tx: FetchedTx, ev: DecodedEvent, f: dict[str, Any]) -> None:
    kind = str(f["kind"]).lower()
    b.add(
        s.burns,
        {
            **_at(tx, ev),
            "kind": kind,
            "epoch": f["epoch"],
            "amount": f["amount"],
            "compute_spend": f["compute_spend"],
            "fees": f["fees"],
            "supply": f["supply"],
        },
    )
    row = _epoch(b, tx, f["epoch"])
    col = "burned_slashes" if kind == "slash" else "burned_fees"
    row[col] = int(row[col]) + int(f["amount"])
    row["compute_spend"] = int(row["compute_spend"]) + int(f["compute_spend"])
    row["fees"] = int(row["fees"]) + int(f["fees"])


def on_epoch_rewards(b: Batch, tx: FetchedTx, ev: DecodedEvent, f: dict[str, Any]) -> None:
    row = _epoch(b, tx, f["epoch"])
    row.update(work_pool=f["work_pool"], availability_pool=f["availability_pool"])


def on_token_initialized(b: Batch, tx: FetchedTx, ev: DecodedEvent, f: dict[str, Any]) -> None:
    row = {"id": 1, "mint": None, "genesis_time": f["genesis_time"], "epoch_secs": f["epoch_secs"]}
    old = b.get(s.token_config, 1)
    if old is None:
        old = b.put(s.token_config, 1, row)
    else:
        old.update(row)
        b.touch(s.token_config, 1)
    _stamp(old, tx)


def _forfeit_burn(b: Batch, tx: FetchedTx, ev: DecodedEvent, amount: int) -> None:
    """Forfeited rewards are burned (the token program counts them as slash burns in the
    epoch of the block's clock); the event carries no epoch, the token config's clock does."""
    if amount <= 0:
        return
    clock = b.get(s.token_config, 1)
    epoch = None
    if clock is not None and tx.block_time is not None and clock["epoch_secs"] > 0:
        epoch = max(0, (tx.block_time - clock["genesis_time"]) // clock["epoch_secs"])
    b.add(
        s.burns,
        {
            **_at(tx, ev),
            "kind": "forfeit",
            "epoch": epoch,
            "amount": amount,
            "compute_spend": 0,
            "fees": 0,
            "supply": None,
        },
    )
    if epoch is not None:
        row = _epoch(b, tx, epoch)
        row["burned_slashes"] = int(row["burned_slashes"]) + amount


def on_forfeited(b: Batch, tx: FetchedTx, ev: DecodedEvent, f: dict[str, Any]) -> None:
    _forfeit_burn(b, tx, ev, int(f["forfeited"]))


def on_claimed(b: Batch, tx: FetchedTx, ev: DecodedEvent, f: dict[str, Any]) -> None:
    _forfeit_burn(b, tx, ev, int(f["forfeited"]))
    b.add(
        s.reward_claims,
        {
            **_at(tx, ev),
            "node": f["node"],
            "resolved": f["resolved"],
            "paid": f["paid"],
            "forfeited": f["forfeited"],
            "locked": f["locked"],
            "unlock_at": f.get("unlock_at"),
        },
    )


HANDLERS: dict[str, Handler] = {
    "NodeRegistered": on_node_registered,
    "NodeUpdated": on_node_updated,
    "NodeAttested": on_node_attested,
    "NodeStatusChanged": _status("Registered"),
    "NodeMarkedInactive": _status("Inactive"),
    "NodeDeregistered": _status("Deregistered"),
    "NodeSynced": on_node_synced,
    "StakeDeposited": _stake("deposit"),
    "UnstakeRequested": _stake("unstake_request"),
    "StakeWithdrawn": _stake("withdraw"),
    "StakeRebonded": _stake("rebond"),
    "SlashProposed": on_slash_proposed,
    "SlashAppealed": _slash("Appealed"),
    "SlashResolved": _slash(None),
    "SlashExecuted": _slash("Executed"),
    "SlashAppealLapsed": _slash("Lapsed"),
    "SlashClosed": _slash("Closed"),
    "JobCreated": on_job_created,
    "JobCompleted": on_job_event,
    "JobDisputed": on_job_event,
    "JobCancelled": on_job_event,
    "JobClosed": on_job_event,
    "JobSettled": on_job_event,
    "NodeAssigned": on_node_assigned,
    "RunStarted": on_run_event,
    "RunSettled": on_run_event,
    "RunTimedOut": on_run_event,
    "RunUnassigned": on_run_event,
    "UsageReported": on_run_event,
    "EpochEmitted": on_epoch_emitted,
    "GenesisMinted": on_genesis,
    "TokensBurned": on_burned,
    "EpochRewardsRecorded": on_epoch_rewards,
    "RewardsClaimed": on_claimed,
    "RewardsForfeited": on_forfeited,
    "TokenInitialized": on_token_initialized,
}


def _node_generic(b: Batch, tx: FetchedTx, ev: DecodedEvent, f: dict[str, Any]) -> None:
    """Any event naming a known `node`: the node fields it carries (reputation, uptime,
    bond, jobs; events added later included) update the node, and its history gets a
    row with the state after the event."""
    row = _node(b, f)
    if row is None:
        return
    for name in NODE_FIELDS:
        value = f.get(name)
        if isinstance(value, int) and not isinstance(value, bool):
            row[name] = value
    _stamp(row, tx)
    b.touch(s.nodes, f["node"])
    status = f.get("to") if ev.name == "NodeStatusChanged" else None
    status = status or {
        "NodeRegistered": "Registered",
        "NodeDeregistered": "Deregistered",
        "NodeMarkedInactive": "Inactive",
    }.get(ev.name or "")
    b.add(
        s.node_history,
        {
            **_at(tx, ev),
            "node": f["node"],
            "event": ev.name,
            "status": status,
            "reputation_bps": f.get("reputation_bps"),
            "uptime_bps": f.get("uptime_bps"),
            "bonded": f.get("bonded"),
        },
    )


def dump(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, sorted (the tests compare two databases or two runs)."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        for t in s.metadata.sorted_tables:
            rows = [tuple(r) for r in conn.execute(select(t))]
            out[t.name] = sorted(rows, key=lambda r: json.dumps(r, default=str))
    return out
