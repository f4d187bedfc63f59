"""A fault-injecting JSON-RPC proxy for tests: it sits on loopback between an
`RpcConnection` (or the `ionet` command) and a validator process and, per JSON-RPC
method, forwards requests or injects a fault, the kinds that RPC providers and
networks produce in the field:

- `drop_reply`: forward the request (it takes effect) and then close the connection
  without answering — the reply was lost;
- `swallow`: answer a `sendTransaction` with its signature without forwarding it —
  the transaction was silently dropped before reaching a leader;
- `rate_limit`: answer HTTP 429 Too Many Requests with a `Retry-After` header;
- `hang`: never answer;
- `rpc_error`: answer a JSON-RPC error object;
- `null_result`: answer `{"result": null}` (e.g. getTransaction of a transaction the
  node cannot read back at the asked commitment).

Each fault applies to the next `times` requests of its method (None: all of them).
`seen` records (monotonic time, method) of every request it received.
"""

from __future__ import annotations

import asyncio
import base64
import time
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web
from solders.transaction import VersionedTransaction


@dataclass
class Fault:
    kind: str
    times: int | None = 1
    retry_after: str | None = "1"
    code: int = -32601
    message: str = "injected failure"


@dataclass
class FaultProxy:
    upstream: str
    faults: dict[str, Fault] = field(default_factory=dict)
    seen: list[tuple[float, str]] = field(default_factory=list)
    url: str = ""
    _runner: web.AppRunner | None = None
    _session: aiohttp.ClientSession | None = None

    def fault(self, method: str, kind: str, times: int | None = 1, **kwargs: Any) -> None:
        self.faults[method] = Fault(kind, times, **kwargs)

    async def start(self) -> FaultProxy:
        app = web.Application()
        app.router.add_post("/", self.handle)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
        self.url = f"http://127.0.0.1:{port}"
        self._session = aiohttp.ClientSession()
        return self

    async def stop(self) -> None:
        if self._session is not None:
            await self._session.close()
        if self._runner is not None:
            await self._runner.cleanup()

    def count(self, method: str) -> int:
        return sum(1 for _, m in self.seen if m == method)

    def _take(self, method: str) -> Fault | None:
        fault = self.faults.get(method)
        if fault is None or fault.times == 0:
            return None
        if fault.times is not None:
            fault.times -= 1
        return fault

    async def _forward(self, body: bytes) -> bytes:
        assert self._session is not None
        async with self._session.post(
            self.upstream, data=body, headers={"Content-Type": "application/json"}
        ) as resp:
            return await resp.read()

    async def handle(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        payload = await request.json()
        method = str(payload.get("method"))
        ident = payload.get("id")
        self.seen.append((time.monotonic(), method))
        fault = self._take(method)
        if fault is None:
            return web.Response(body=await self._forward(body), content_type="application/json")
        if fault.kind == "drop_reply":
            await self._forward(body)
            assert request.transport is not None
            request.transport.abort()  # the reply never arrives
            raise ConnectionResetError("reply dropped by the fault proxy")
        if fault.kind == "swallow":
            raw = base64.b64decode(payload["params"][0])
            signature = str(VersionedTransaction.from_bytes(raw).signatures[0])
            return web.json_response({"jsonrpc": "2.0", "id": ident, "result": signature})
        if fault.kind == "rate_limit":
            headers = {"Retry-After": fault.retry_after} if fault.retry_after is not None else {}
            return web.Response(status=429, text="Too Many Requests", headers=headers)
        if fault.kind == "hang":
            await asyncio.sleep(3600)
        if fault.kind == "rpc_error":
            error = {"code": fault.code, "message": fault.message}
            return web.json_response({"jsonrpc": "2.0", "id": ident, "error": error})
        if fault.kind == "null_result":
            return web.json_response({"jsonrpc": "2.0", "id": ident, "result": None})
        raise AssertionError(f"unknown fault {fault.kind}")
