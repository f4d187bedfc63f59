"""The API's OpenAPI 3.1 document (`GET /openapi.json`), its row schemas built from the
tables themselves (`schema.py`), so a column added there is documented here."""

from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import BigInteger, Boolean, Integer, Table

from ionet_sdk.services.indexer import schema as s

COMMITMENT = {
    "commitment": {
        "type": "string",
        "enum": ["confirmed", "finalized"],
        "description": "of the transaction that last changed (or emitted) this row",
    },
    "final": {"type": "boolean", "description": "true only when that transaction is finalized"},
}
INT = {"type": "integer"}
NINT = {"type": ["integer", "null"]}
NUM = {"type": ["number", "null"]}
STR = {"type": "string"}


def _column(col: Any) -> dict[str, Any]:
    kind = (
        "integer"
        if isinstance(col.type, BigInteger | Integer | s.U64)
        else "boolean"
        if isinstance(col.type, Boolean)
        else "string"
    )
    out: dict[str, Any] = {"type": [kind, "null"] if col.nullable else kind}
    return out


def table_schema(table: Table, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    props = {c.name: _column(c) for c in table.columns} | COMMITMENT | (extra or {})
    return {"type": "object", "properties": props, "required": sorted(props)}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _list(name: str) -> dict[str, Any]:
    return {"type": "array", "items": _ref(name)}


def _page(item: str) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {"items": _list(item), "total": INT, "limit": INT, "offset": INT},
        "required": ["items", "total", "limit", "offset"],
    }


def _obj(props: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": props, "required": sorted(props)}


def schemas() -> dict[str, Any]:
    economics = _obj(
        {
            "epochs": INT,
            "first_epoch": NINT,
            "last_epoch": NINT,
            "minted": INT,
            "burned": INT,
            "burned_fees": INT,
            "burned_slashes": INT,
            "compute_spend": INT,
            "fees": INT,
            "de_ratio": NUM | {"description": "compute spend / minted (null when nothing was minted)"},
            "de_target": {"type": "number"},
            "net_deflation": INT | {"description": "burned - minted, base units (positive: deflationary)"},
            "deflationary": {"type": "boolean"},
        }
    )
    supply = _obj(
        {
            "supply": INT | {"description": "genesis + minted - burned"},
            "reported": NINT,
            "as_of_slot": NINT,
            "genesis": INT,
            "minted": INT,
            "burned": INT,
            **COMMITMENT,
        }
    )
    counts = {"type": "object", "additionalProperties": INT}
    out: dict[str, Any] = {
        "Node": table_schema(s.nodes),
        "NodeHistoryEntry": table_schema(s.node_history),
        "Attestation": table_schema(s.attestations),
        "StakeMovement": table_schema(s.stake_movements),
        "RewardClaim": table_schema(s.reward_claims),
        "Slash": table_schema(s.slashes),
        "Job": table_schema(s.jobs),
        "Run": table_schema(s.runs),
        "JobRun": table_schema(
            s.runs,
            {
                "node_gpu_model": {"type": ["string", "null"]},
                "node_region": {"type": ["string", "null"]},
                "node_operator": {"type": ["string", "null"]},
            },
        ),
        "Usage": table_schema(s.usage),
        "Settlement": table_schema(s.settlements),
        "Epoch": table_schema(s.epochs, {"burned": INT, "de_ratio": NUM}),
        "Economics": economics,
        "Supply": supply,
        "Error": _obj({"error": STR, "detail": STR}),
        "SearchResult": _obj(
            {
                "query": STR,
                "results": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "kind": {"enum": ["node", "job", "run", "slash", "transaction"]},
                            "id": STR,
                            "as": STR,
                        },
                        "required": ["kind", "id"],
                    },
                },
            }
        ),
        "Event": {"type": "object", "properties": {c.name: _column(c) for c in s.events.columns}},
    }
    out["NodeDetail"] = {
        "allOf": [
            _ref("Node"),
            _obj(
                {
                    "attestations": _list("Attestation"),
                    "stake_movements": _list("StakeMovement"),
                    "reward_claims": _list("RewardClaim"),
                    "slashes": _list("Slash"),
                    "runs": _list("Run"),
                }
            ),
        ]
    }
    out["JobDetail"] = {
        "allOf": [
            _ref("Job"),
            _obj({"runs": _list("JobRun"), "usage": _list("Usage"), "settlements": _list("Settlement")}),
        ]
    }
    out["Transaction"] = {"allOf": [table_schema(s.transactions), _obj({"event_list": _list("Event")})]}
    out["Overview"] = _obj(
        {
            "nodes_by_status": counts,
            "active_nodes": INT,
            "nodes": INT,
            "gpus_by_model": counts,
            "gpus_by_region": counts,
            "gpus": INT,
            "jobs_by_state": counts,
            "jobs_running": INT,
            "supply": _ref("Supply"),
            "economics": _ref("Economics"),
            "economics_all": _ref("Economics"),
            "epochs": _list("Epoch"),
            "last_slot": NINT,
            "unfinalized_transactions": INT,
        }
    )
    out["Status"] = {
        "type": "object",
        "properties": {
            "cursors": {"type": "object"},
            "last_slot": NINT,
            "database": STR,
            "websocket_connected": {"type": "boolean"},
            "last_error": {"type": ["string", "null"]},
        },
    }
    for name in ("Node", "NodeHistoryEntry", "Job", "Run", "Epoch"):
        out[f"{name}Page"] = _page(name)
    return out


def _param(
    name: str, where: str = "query", kind: str = "string", desc: str = "", **extra: Any
) -> dict[str, Any]:
    return {
        "name": name,
        "in": where,
        "required": where == "path",
        "description": desc,
        "schema": {"type": kind, **extra},
    }


PAGE = [
    _param("limit", kind="integer", desc="1..500, default 50", minimum=1, maximum=500),
    _param("offset", kind="integer", desc="default 0", minimum=0),
]
RUN_STATUS = _param("status", desc="Assigned, Running, Removed, Settled, Unassigned (withdrawn unstarted)")
PERIOD = [
    _param("from", kind="integer", desc="first epoch (inclusive)"),
    _param("to", kind="integer", desc="last epoch (inclusive)"),
]


def _get(
    summary: str, schema: str, params: list[dict[str, Any]] | None = None, found: bool = False
) -> dict[str, Any]:
    responses: dict[str, Any] = {
        "200": {"description": "OK", "content": {"application/json": {"schema": _ref(schema)}}},
        "400": {"description": "bad parameter", "content": {"application/json": {"schema": _ref("Error")}}},
    }
    if found:
        responses["404"] = {
            "description": "unknown",
            "content": {"application/json": {"schema": _ref("Error")}},
        }
    return {"get": {"summary": summary, "parameters": params or [], "responses": responses}}


@functools.cache
def document() -> dict[str, Any]:
    address = _param("address", "path", desc="base58 account address")
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "ionet indexer API",
            "version": "1",
            "description": "Nodes, jobs, epochs and token economics of an ionet cluster, from its events. "
            "Amounts in IO base units (1e8 per IO), times unix seconds, *_bps basis points.",
        },
        "paths": {
            "/api/v1/nodes": _get(
                "Nodes, filtered and sorted",
                "NodePage",
                [
                    _param("status", desc="Registered, Verified, Active, Inactive, Jailed, Deregistered"),
                    _param("gpu_model", desc="H200, H100, A100, ..."),
                    _param("region"),
                    _param("operator"),
                    _param(
                        "sort",
                        desc="reputation (default), uptime, bonded, registered, gpus",
                        enum=["reputation", "uptime", "bonded", "registered", "gpus"],
                    ),
                    _param("order", enum=["desc", "asc"]),
                    *PAGE,
                ],
            ),
            "/api/v1/nodes/{address}": _get(
                "A node: hardware, attestations, stake, slashes, claims, runs",
                "NodeDetail",
                [address],
                found=True,
            ),
            "/api/v1/nodes/{address}/history": _get(
                "The node's state after each event, oldest first", "NodeHistoryEntryPage", [address, *PAGE]
            ),
            "/api/v1/jobs": _get("Jobs, newest first", "JobPage", [_param("state"), _param("client"), *PAGE]),
            "/api/v1/jobs/{address}": _get(
                "A job: its cluster (runs), usage reports, settlement", "JobDetail", [address], found=True
            ),
            "/api/v1/runs": _get("Runs", "RunPage", [_param("job"), _param("node"), RUN_STATUS, *PAGE]),
            "/api/v1/epochs": _get(
                "Epochs: minted, burned, compute spend, D/E",
                "EpochPage",
                [*PERIOD, _param("order", enum=["desc", "asc"]), *PAGE],
            ),
            "/api/v1/economics": _get(
                "Minted, burned, compute spend, D/E and net deflation over a period", "Economics", PERIOD
            ),
            "/api/v1/supply": _get("The IO supply as of the newest mint or burn", "Supply"),
            "/api/v1/overview": _get(
                "The network at a glance",
                "Overview",
                [_param("epochs", kind="integer", desc="recent epochs (default 48)")],
            ),
            "/api/v1/search": _get(
                "Find an address or a transaction", "SearchResult", [_param("q", desc="address or signature")]
            ),
            "/api/v1/transactions/{signature}": _get(
                "A transaction and its events", "Transaction", [_param("signature", "path")], found=True
            ),
            "/api/v1/status": _get("The indexer: cursors, newest slot, websocket", "Status"),
        },
        "components": {"schemas": schemas()},
    }
