"""The query API (aiohttp), JSON under `/api/v1`, described by `GET /openapi.json`.

Lists are pages: `?limit=` (1..500, default 50) and `?offset=`, answered as
`{"items": [...], "total": n, "limit": l, "offset": o}`. Amounts are IO base units
(1e8 per IO) as integers, times unix seconds, `*_bps` basis points, enums by name. Every
row built from the chain says how final it is: `commitment` (`confirmed` or `finalized`)
of the transaction that last changed it, and `final` (true only when finalized).
Bad parameters answer 400 `{"error": "bad_request", "detail": ...}`, unknown addresses
404 `{"error": "not_found", ...}`.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from typing import Any

from aiohttp import web
from sqlalchemy import Column, ColumnElement, Select, Table, and_, func, or_, select

from ionet_sdk.services.indexer import schema as s
from ionet_sdk.services.indexer.store import Database

DE_TARGET = 0.60  # the seeds' Demand-to-Emission line of a self-sustaining network
MAX_LIMIT = 500
MAX_INT = 2**63 - 1  # the databases' BIGINT: a larger bound is a 400, not an overflow in the driver
tx = s.transactions


class BadRequestError(Exception):
    """A parameter out of range or of the wrong type (400)."""


def _int(q: dict[str, str], name: str, default: int | None, lo: int = 0, hi: int | None = None) -> int | None:
    raw = q.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadRequestError(f"{name} must be an integer, not {raw!r}") from None
    top = MAX_INT if hi is None else hi
    if value < lo or value > top:
        raise BadRequestError(f"{name} must be in {lo}..{top}, not {value}")
    return value


def _choice(q: dict[str, str], name: str, default: str, choices: tuple[str, ...]) -> str:
    value = q.get(name) or default
    if value not in choices:
        raise BadRequestError(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


def _with_commitment(table: Table) -> Select[Any]:
    """The table's rows with the commitment of the transaction that last changed them
    (`last_signature`) or that emitted them (`signature`)."""
    key = table.c["last_signature"] if "last_signature" in table.c else table.c["signature"]
    return select(table, tx.c.commitment).select_from(table.outerjoin(tx, tx.c.signature == key))


def _row(m: Any) -> dict[str, Any]:
    d = dict(m)
    d["commitment"] = d.get("commitment") or "confirmed"
    d["final"] = d["commitment"] == "finalized"
    return d


class Queries:
    """The API's reads, synchronous (run in a thread by the handlers)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def _page(
        self, table: Table, where: list[ColumnElement[bool]], order: list[Any], q: dict[str, str]
    ) -> dict[str, Any]:
        """One page of `table` and the total: the page first, from the table alone (so an
        index serves the order), then the commitments of its rows' transactions."""
        limit = _int(q, "limit", 50, 1, MAX_LIMIT) or 50
        offset = _int(q, "offset", 0, 0) or 0
        cond = and_(*where) if where else None
        rows_q = select(table).order_by(*order).limit(limit).offset(offset)
        count_q = select(func.count()).select_from(table)
        if cond is not None:
            rows_q, count_q = rows_q.where(cond), count_q.where(cond)
        key = "last_signature" if "last_signature" in table.c else "signature"
        with self.db.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(rows_q).mappings()]
            total = int(conn.execute(count_q).scalar_one())
            sigs = list({r[key] for r in rows})
            found = conn.execute(select(tx.c.signature, tx.c.commitment).where(tx.c.signature.in_(sigs)))
            levels = {sig: level for sig, level in found}  # noqa: C416 (dict(result) reads its keys())
        for r in rows:
            r["commitment"] = levels.get(r[key])
        return {"items": [_row(r) for r in rows], "total": total, "limit": limit, "offset": offset}

    def nodes(self, q: dict[str, str]) -> dict[str, Any]:
        n = s.nodes
        where = [
            n.c[name] == q[name] for name in ("status", "gpu_model", "region", "operator") if q.get(name)
        ]
        sort = _choice(q, "sort", "reputation", ("reputation", "uptime", "bonded", "registered", "gpus"))
        direction = _choice(q, "order", "desc", ("asc", "desc"))
        col: Column[Any] = {
            "reputation": n.c.reputation_bps,
            "uptime": n.c.uptime_bps,
            "bonded": n.c.bonded,
            "registered": n.c.registered_slot,
            "gpus": n.c.gpu_count,
        }[sort]
        order = [col.desc() if direction == "desc" else col.asc(), n.c.address]
        return self._page(n, where, order, q)

    def node(self, address: str) -> dict[str, Any] | None:
        with self.db.engine.connect() as conn:
            row = (
                conn.execute(_with_commitment(s.nodes).where(s.nodes.c.address == address)).mappings().first()
            )
            if row is None:
                return None
            out = _row(row)
            for name, table in (
                ("attestations", s.attestations),
                ("stake_movements", s.stake_movements),
                ("reward_claims", s.reward_claims),
            ):
                stmt = _with_commitment(table).where(table.c.node == address).order_by(table.c.slot.desc())
                out[name] = [_row(r) for r in conn.execute(stmt.limit(100)).mappings()]
            stmt = (
                _with_commitment(s.slashes)
                .where(s.slashes.c.node == address)
                .order_by(s.slashes.c.proposed_slot)
            )
            out["slashes"] = [_row(r) for r in conn.execute(stmt).mappings()]
            stmt = (
                _with_commitment(s.runs).where(s.runs.c.node == address).order_by(s.runs.c.last_slot.desc())
            )
            out["runs"] = [_row(r) for r in conn.execute(stmt.limit(100)).mappings()]
        return out

    def node_history(self, address: str, q: dict[str, str]) -> dict[str, Any]:
        h = s.node_history
        return self._page(h, [h.c.node == address], [h.c.slot, h.c.signature, h.c.idx], q)

    def jobs(self, q: dict[str, str]) -> dict[str, Any]:
        j = s.jobs
        where = [j.c[name] == q[name] for name in ("state", "client") if q.get(name)]
        return self._page(j, where, [j.c.created_slot.desc(), j.c.address], q)

    def job(self, address: str) -> dict[str, Any] | None:
        with self.db.engine.connect() as conn:
            row = conn.execute(_with_commitment(s.jobs).where(s.jobs.c.address == address)).mappings().first()
            if row is None:
                return None
            out = _row(row)
            r, n = s.runs, s.nodes
            stmt = (
                select(
                    r,
                    tx.c.commitment,
                    n.c.gpu_model.label("node_gpu_model"),
                    n.c.region.label("node_region"),
                    n.c.operator.label("node_operator"),
                )
                .select_from(
                    r.outerjoin(tx, tx.c.signature == r.c.last_signature).outerjoin(
                        n, n.c.address == r.c.node
                    )
                )
                .where(r.c.job == address)
                .order_by(r.c.address)
            )
            out["runs"] = [_row(x) for x in conn.execute(stmt).mappings()]
            for name, table in (("usage", s.usage), ("settlements", s.settlements)):
                stmt = (
                    _with_commitment(table).where(table.c.job == address).order_by(table.c.slot, table.c.idx)
                )
                out[name] = [_row(x) for x in conn.execute(stmt).mappings()]
        return out

    def runs(self, q: dict[str, str]) -> dict[str, Any]:
        r = s.runs
        where = [r.c[name] == q[name] for name in ("job", "node", "status") if q.get(name)]
        return self._page(r, where, [r.c.last_slot.desc(), r.c.address], q)

    def epochs(self, q: dict[str, str]) -> dict[str, Any]:
        e = s.epochs
        where = []
        if (lo := _int(q, "from", None)) is not None:
            where.append(e.c.epoch >= lo)
        if (hi := _int(q, "to", None)) is not None:
            where.append(e.c.epoch <= hi)
        direction = _choice(q, "order", "desc", ("asc", "desc"))
        page = self._page(e, where, [e.c.epoch.desc() if direction == "desc" else e.c.epoch], q)
        for item in page["items"]:
            item["burned"] = item["burned_fees"] + item["burned_slashes"]
            item["de_ratio"] = item["compute_spend"] / item["minted"] if item["minted"] else None
        return page

    def economics(self, q: dict[str, str]) -> dict[str, Any]:
        e = s.epochs
        lo, hi = _int(q, "from", None), _int(q, "to", None)
        where = []
        if lo is not None:
            where.append(e.c.epoch >= lo)
        if hi is not None:
            where.append(e.c.epoch <= hi)
        stmt = select(
            func.count(),
            func.min(e.c.epoch),
            func.max(e.c.epoch),
            func.coalesce(func.sum(e.c.minted), 0),
            func.coalesce(func.sum(e.c.burned_fees), 0),
            func.coalesce(func.sum(e.c.burned_slashes), 0),
            func.coalesce(func.sum(e.c.compute_spend), 0),
            func.coalesce(func.sum(e.c.fees), 0),
        )
        if where:
            stmt = stmt.where(and_(*where))
        with self.db.engine.connect() as conn:
            count, first, last, minted, b_fees, b_slash, spend, fees = conn.execute(stmt).one()
        minted, burned, spend = int(minted), int(b_fees) + int(b_slash), int(spend)
        return {
            "epochs": int(count),
            "first_epoch": first,
            "last_epoch": last,
            "minted": minted,
            "burned": burned,
            "burned_fees": int(b_fees),
            "burned_slashes": int(b_slash),
            "compute_spend": spend,
            "fees": int(fees),
            "de_ratio": spend / minted if minted else None,
            "de_target": DE_TARGET,
            "net_deflation": burned - minted,
            "deflationary": burned > minted,
        }

    def supply(self) -> dict[str, Any]:
        """genesis + epoch emissions - every burn (fees, slashes, forfeited rewards), and
        the `supply` figure the newest mint or burn event reported (`reported`)."""
        with self.db.engine.connect() as conn:
            latest = None
            for table in (s.emissions, s.burns):
                row = conn.execute(
                    select(table.c.slot, table.c.idx, table.c.supply, tx.c.commitment)
                    .select_from(table.outerjoin(tx, tx.c.signature == table.c.signature))
                    .where(table.c.supply.is_not(None))
                    .order_by(table.c.slot.desc(), table.c.idx.desc())
                    .limit(1)
                ).first()
                if row is not None and (latest is None or (row.slot, row.idx) > (latest.slot, latest.idx)):
                    latest = row
            genesis = conn.execute(
                select(func.coalesce(func.sum(s.emissions.c.amount), 0)).where(
                    s.emissions.c.kind == "genesis"
                )
            ).scalar_one()
            minted = conn.execute(
                select(func.coalesce(func.sum(s.emissions.c.amount), 0)).where(s.emissions.c.kind == "epoch")
            ).scalar_one()
            burned = conn.execute(select(func.coalesce(func.sum(s.burns.c.amount), 0))).scalar_one()
            newest = conn.execute(
                select(tx.c.commitment)
                .where(tx.c.signature.in_(select(s.burns.c.signature).union(select(s.emissions.c.signature))))
                .order_by(tx.c.slot.desc())
                .limit(1)
            ).scalar()
        commitment = newest or "confirmed"
        return {
            "supply": int(genesis) + int(minted) - int(burned),
            "reported": int(latest.supply) if latest is not None else None,
            "as_of_slot": int(latest.slot) if latest is not None else None,
            "genesis": int(genesis),
            "minted": int(minted),
            "burned": int(burned),
            "commitment": commitment,
            "final": commitment == "finalized",
        }

    def overview(self, q: dict[str, str]) -> dict[str, Any]:
        n, j = s.nodes, s.jobs
        live = n.c.status != "Deregistered"
        with self.db.engine.connect() as conn:
            by_status = {
                r[0]: int(r[1]) for r in conn.execute(select(n.c.status, func.count()).group_by(n.c.status))
            }
            by_model = {
                r[0] or "unknown": int(r[1] or 0)
                for r in conn.execute(
                    select(n.c.gpu_model, func.sum(n.c.gpu_count)).where(live).group_by(n.c.gpu_model)
                )
            }
            by_region = {
                r[0] or "unknown": int(r[1] or 0)
                for r in conn.execute(
                    select(n.c.region, func.sum(n.c.gpu_count)).where(live).group_by(n.c.region)
                )
            }
            jobs_by_state = {
                r[0]: int(r[1]) for r in conn.execute(select(j.c.state, func.count()).group_by(j.c.state))
            }
            last = conn.execute(select(func.max(tx.c.slot))).scalar_one()
            unfinal = conn.execute(select(func.count()).where(tx.c.commitment != "finalized")).scalar_one()
        recent = _int(q, "epochs", 48, 1, MAX_LIMIT)
        epochs = self.epochs({"limit": str(recent), "order": "desc"})["items"][::-1]
        span = {"from": str(epochs[0]["epoch"]), "to": str(epochs[-1]["epoch"])} if epochs else {}
        return {
            "nodes_by_status": by_status,
            "active_nodes": by_status.get("Active", 0),
            "nodes": sum(v for k, v in by_status.items() if k != "Deregistered"),
            "gpus_by_model": by_model,
            "gpus_by_region": by_region,
            "gpus": sum(by_model.values()),
            "jobs_by_state": jobs_by_state,
            "jobs_running": jobs_by_state.get("Running", 0),
            "supply": self.supply(),
            "economics": self.economics(span) if epochs else self.economics({}),
            "economics_all": self.economics({}),
            "epochs": epochs,
            "last_slot": last,
            "unfinalized_transactions": int(unfinal),
        }

    def search(self, q: dict[str, str]) -> dict[str, Any]:
        term = (q.get("q") or "").strip()
        if not 32 <= len(term) <= 88:
            raise BadRequestError("q must be an address or a transaction signature (32..88 characters)")
        hits: list[dict[str, str]] = []
        with self.db.engine.connect() as conn:
            probes: list[tuple[str, Table, ColumnElement[bool]]] = [
                ("node", s.nodes, s.nodes.c.address == term),
                ("job", s.jobs, s.jobs.c.address == term),
                ("run", s.runs, s.runs.c.address == term),
                ("slash", s.slashes, s.slashes.c.proposal == term),
                ("transaction", tx, tx.c.signature == term),
            ]
            for kind, table, cond in probes:
                if conn.execute(select(func.count()).select_from(table).where(cond)).scalar_one():
                    hits.append({"kind": kind, "id": term})
            owned = select(s.nodes.c.address).where(or_(s.nodes.c.operator == term, s.nodes.c.agent == term))
            hits.extend(
                {"kind": "node", "id": r.address, "as": "operator or agent"}
                for r in conn.execute(owned.limit(50))
            )
            paid = select(s.jobs.c.address).where(s.jobs.c.client == term)
            hits.extend(
                {"kind": "job", "id": r.address, "as": "client"} for r in conn.execute(paid.limit(50))
            )
        return {"query": term, "results": hits}

    def transaction(self, signature: str) -> dict[str, Any] | None:
        with self.db.engine.connect() as conn:
            row = conn.execute(select(tx).where(tx.c.signature == signature)).mappings().first()
            if row is None:
                return None
            out = _row(row)
            e = s.events
            evs = conn.execute(select(e).where(e.c.signature == signature).order_by(e.c.idx)).mappings()
            out["event_list"] = [dict(x) for x in evs]
        return out

    def status(self) -> dict[str, Any]:
        with self.db.engine.connect() as conn:
            cursors = {
                r.program: {"signature": r.signature, "slot": r.slot} for r in conn.execute(select(s.cursors))
            }
            last = conn.execute(select(func.max(tx.c.slot))).scalar_one()
        return {"cursors": cursors, "last_slot": last, "database": self.db.dialect}


def _q(request: web.Request) -> dict[str, str]:
    return dict(request.query)


Work = Callable[[], Any]


async def _json(work: Work, missing: str | None = None) -> web.Response:
    try:
        body = await asyncio.to_thread(work)
    except BadRequestError as err:
        return web.json_response({"error": "bad_request", "detail": str(err)}, status=400)
    if body is None:
        return web.json_response({"error": "not_found", "detail": missing or "not found"}, status=404)
    return web.json_response(body)


def add_api_routes(
    app: web.Application, db: Database, status: Callable[[], dict[str, Any]] | None = None
) -> Queries:
    """Add `/api/v1/*` and `/openapi.json` to `app`; `status()` adds the follower's state
    to `/api/v1/status`."""
    qs = Queries(db)
    p = functools.partial

    async def nodes(r: web.Request) -> web.Response:
        return await _json(p(qs.nodes, _q(r)))

    async def node(r: web.Request) -> web.Response:
        return await _json(p(qs.node, r.match_info["address"]), f"no node {r.match_info['address']}")

    async def history(r: web.Request) -> web.Response:
        return await _json(p(qs.node_history, r.match_info["address"], _q(r)))

    async def jobs(r: web.Request) -> web.Response:
        return await _json(p(qs.jobs, _q(r)))

    async def job(r: web.Request) -> web.Response:
        return await _json(p(qs.job, r.match_info["address"]), f"no job {r.match_info['address']}")

    async def runs(r: web.Request) -> web.Response:
        return await _json(p(qs.runs, _q(r)))

    async def epochs(r: web.Request) -> web.Response:
        return await _json(p(qs.epochs, _q(r)))

    async def economics(r: web.Request) -> web.Response:
        return await _json(p(qs.economics, _q(r)))

    async def supply(_: web.Request) -> web.Response:
        return await _json(qs.supply)

    async def overview(r: web.Request) -> web.Response:
        return await _json(p(qs.overview, _q(r)))

    async def search(r: web.Request) -> web.Response:
        return await _json(p(qs.search, _q(r)))

    async def transaction(r: web.Request) -> web.Response:
        return await _json(p(qs.transaction, r.match_info["signature"]), "no such transaction")

    async def status_h(_: web.Request) -> web.Response:
        def work() -> dict[str, Any]:
            out = qs.status()
            if status is not None:
                out.update(status())
            return out

        return await _json(work)

    async def openapi(_: web.Request) -> web.Response:
        from ionet_sdk.services.indexer.openapi import document  # noqa: PLC0415 (built on first request)

        return web.json_response(document())

    app.router.add_get("/api/v1/nodes", nodes)
    app.router.add_get("/api/v1/nodes/{address}", node)
    app.router.add_get("/api/v1/nodes/{address}/history", history)
    app.router.add_get("/api/v1/jobs", jobs)
    app.router.add_get("/api/v1/jobs/{address}", job)
    app.router.add_get("/api/v1/runs", runs)
    app.router.add_get("/api/v1/epochs", epochs)
    app.router.add_get("/api/v1/economics", economics)
    app.router.add_get("/api/v1/supply", supply)
    app.router.add_get("/api/v1/overview", overview)
    app.router.add_get("/api/v1/search", search)
    app.router.add_get("/api/v1/transactions/{signature}", transaction)
    app.router.add_get("/api/v1/status", status_h)
    app.router.add_get("/openapi.json", openapi)
    return qs
