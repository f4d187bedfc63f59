"""anchorpy3 (the Python Anchor client) against a validator process, for
tests/test_localnet_conformance.py: load an ionet IDL, fetch and decode an
account, send an instruction (the operator's `node_update` of its minimum price: an
Option<u64> in a struct argument), and decode the events in its logs.

Runs in tools/anchorpy3/.venv. Reads one JSON request on stdin:
    {"url": ..., "idl": path, "program": address, "config": address, "node": address,
     "operator": [secret key bytes], "price": base units}
writes one JSON result on stdout:
    {"node": {"agent": ..., "min_price_per_gpu_hour": n}, "signature": ..., "events": [{"name": ..., "node": ...}],
     "after": {"min_price_per_gpu_hour": n}}
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any

from anchorpy import Context, EventParser, Idl, Program, Provider, Wallet
from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Confirmed
from solana.rpc.types import TxOpts
from solders.keypair import Keypair
from solders.pubkey import Pubkey


async def main() -> dict[str, Any]:
    request = json.loads(sys.stdin.read())
    idl = Idl.from_json(Path(request["idl"]).read_text())
    operator = Keypair.from_bytes(bytes(request["operator"]))
    client = AsyncClient(request["url"], commitment=Confirmed)
    provider = Provider(client, Wallet(operator), TxOpts(preflight_commitment=Confirmed))
    program = Program(idl, Pubkey.from_string(request["program"]), provider)
    node = Pubkey.from_string(request["node"])
    try:
        before = await program.account["Node"].fetch(node)
        accounts = {"config": Pubkey.from_string(request["config"]), "node": node, "operator": operator.pubkey()}
        args = program.type["NodeUpdateArgs"](agent=None, hardware=None, min_price_per_gpu_hour=request["price"])
        signature = await program.rpc["node_update"](args, ctx=Context(accounts=accounts))
        await client.confirm_transaction(signature, Confirmed)
        tx = await client.get_transaction(signature, "json", Confirmed, max_supported_transaction_version=0)
        if tx.value is None or tx.value.transaction.meta is None:
            raise SystemExit(f"{signature}: no transaction or no meta at confirmed")
        logs = tx.value.transaction.meta.log_messages or []
        events: list[dict[str, Any]] = []
        EventParser(program.program_id, program.coder).parse_logs(
            logs, lambda e: events.append({"name": e.name, "node": str(e.data.node)})
        )
        after = await program.account["Node"].fetch(node)
        return {
            "node": {"agent": str(before.agent), "min_price_per_gpu_hour": before.min_price_per_gpu_hour},
            "signature": str(signature),
            "events": events,
            "after": {"min_price_per_gpu_hour": after.min_price_per_gpu_hour},
        }
    finally:
        await client.close()


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main())))
