"""Websocket subscriptions of the local validator (RPC port + 1, as solana-test-validator),
served with the `websockets` library.

accountSubscribe, programSubscribe (dataSize/memcmp filters), signatureSubscribe
(with enableReceivedNotification), logsSubscribe ("all", "allWithVotes",
{"mentions": [one address]}), slotSubscribe, rootSubscribe, and the matching
*Unsubscribe. Every landed transaction is final at once, so a notification is
sent once, whatever the commitment asked. A signatureSubscribe for a signature
that has already landed is answered at once. blockSubscribe, voteSubscribe and
slotsUpdatesSubscribe are refused (-32601), as on a validator started without
their flags.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from solders.pubkey import Pubkey
from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from ionet_sdk.localnet import params as p
from ionet_sdk.localnet.chain import TxRecord
from ionet_sdk.localnet.encoding import account_encoding, account_json, data_slice
from ionet_sdk.localnet.params import Params, RpcError, error_reply, invalid

if TYPE_CHECKING:
    from ionet_sdk.localnet.server import LocalnetServer

Outbox = asyncio.Queue[str]


@dataclass
class Subscription:
    id: int
    kind: str  # account, program, signature, logs, slot, root
    outbox: Outbox
    target: str = ""  # the address, program, signature or mentioned address ("" = all)
    config: dict[str, Any] = field(default_factory=dict)
    filters: list[dict[str, Any]] = field(default_factory=list)


NOTIFICATION = {
    "account": "accountNotification",
    "program": "programNotification",
    "signature": "signatureNotification",
    "logs": "logsNotification",
    "slot": "slotNotification",
    "root": "rootNotification",
}


class Subscriptions:
    def __init__(self, server: LocalnetServer) -> None:
        self.server = server
        self.chain = server.chain
        self.subs: dict[int, Subscription] = {}
        self.next_id = 0
        self.chain.listeners.append(self.on_event)

    async def serve(self, host: str, port: int) -> Server:
        return await serve(self.connection, host, port, max_size=1 << 20)

    async def connection(self, ws: ServerConnection) -> None:
        outbox: Outbox = asyncio.Queue()
        mine: set[int] = set()

        async def sender() -> None:
            while True:
                await ws.send(await outbox.get())

        task = asyncio.create_task(sender())
        try:
            async for message in ws:
                for reply in self.handle(message, outbox, mine):
                    outbox.put_nowait(reply)
        except ConnectionClosed:
            pass
        finally:
            for ident in mine:
                self.subs.pop(ident, None)
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    # --- requests

    def handle(self, message: str | bytes, outbox: Outbox, mine: set[int]) -> list[str]:
        try:
            request = p.loads(message.encode() if isinstance(message, str) else message)
        except (ValueError, UnicodeDecodeError):
            return [json.dumps(error_reply(None, -32700, "Parse error"))]
        ident = request.get("id") if isinstance(request, dict) else None
        extra: list[str] = []
        try:
            if not isinstance(request, dict) or not isinstance(request.get("method"), str):
                raise RpcError(-32600, "Invalid request")
            method: str = request["method"]
            params = Params(method, request.get("params"))
            if method.endswith("Unsubscribe") and method.removesuffix("Unsubscribe") in NOTIFICATION:
                sub_id = p.u64(params.required(0, "subscription"), "subscription")
                sub = self.subs.get(sub_id)
                if sub is None or sub_id not in mine or sub.kind != method.removesuffix("Unsubscribe"):
                    raise RpcError(-32602, "Invalid subscription id.")
                del self.subs[sub_id]
                mine.discard(sub_id)
                result: Any = True
            elif method.endswith("Subscribe") and method.removesuffix("Subscribe") in NOTIFICATION:
                sub = self.subscribe(method.removesuffix("Subscribe"), params, outbox)
                self.subs[sub.id] = sub
                mine.add(sub.id)
                result = sub.id
                if sub.kind == "signature":
                    extra = self.signature_now(sub)
            else:
                raise RpcError(-32601, "Method not found")
            return [json.dumps({"jsonrpc": "2.0", "id": ident, "result": result}), *extra]
        except RpcError as err:
            error: dict[str, Any] = {"code": err.code, "message": err.message}
            if err.data is not None:
                error["data"] = err.data
            return [json.dumps({"jsonrpc": "2.0", "id": ident, "error": error})]
        except (ValueError, TypeError, KeyError, IndexError, OverflowError) as err:
            return [json.dumps(error_reply(ident, -32602, f"Invalid params: {err}"))]

    def subscribe(self, kind: str, params: Params, outbox: Outbox) -> Subscription:
        self.next_id += 1
        sub = Subscription(self.next_id, kind, outbox)
        if kind in ("account", "program"):
            sub.target = str(p.pubkey(params.required(0, "pubkey")))
            sub.config = params.config(1)
            p.commitment(sub.config)
            account_encoding(sub.config)
            data_slice(sub.config)
            if kind == "program":
                sub.filters = self.server.check_filters(sub.config.get("filters"))
        elif kind == "signature":
            sub.target = str(p.signature(params.required(0, "signature")))
            sub.config = params.config(1)
            p.commitment(sub.config)
            p.flag(sub.config, "enableReceivedNotification", False)
        elif kind == "logs":
            which = params.required(0, "filter")
            if which in ("all", "allWithVotes"):
                sub.target = ""
            elif isinstance(which, dict) and isinstance(which.get("mentions"), list):
                if len(which["mentions"]) != 1:
                    raise invalid("Invalid Request: Only 1 address supported")
                sub.target = str(p.pubkey(which["mentions"][0], "mentions"))
            else:
                raise invalid('filter: "all", "allWithVotes" or {"mentions": [address]}')
            sub.config = params.config(1)
            p.commitment(sub.config)
        else:
            params.at_most(0)
        return sub

    def signature_now(self, sub: Subscription) -> list[str]:
        out = []
        if sub.config.get("enableReceivedNotification"):
            out.append(self.notification(sub, self.with_context("receivedSignature")))
        record = self.chain.txs.get(sub.target)
        if record is not None:
            out.append(self.notification(sub, self.with_context({"err": record.err}, record.slot)))
            self.subs.pop(sub.id, None)
        return out

    # --- notifications

    def with_context(self, value: Any, slot: int | None = None) -> dict[str, Any]:
        return {"context": {"slot": self.chain.slot if slot is None else slot}, "value": value}

    @staticmethod
    def notification(sub: Subscription, result: Any) -> str:
        params = {"result": result, "subscription": sub.id}
        return json.dumps({"jsonrpc": "2.0", "method": NOTIFICATION[sub.kind], "params": params})

    def send(self, sub: Subscription, result: Any) -> None:
        sub.outbox.put_nowait(self.notification(sub, result))

    def on_event(self, event: str, payload: Any) -> None:
        if not self.subs:
            return
        if event == "slot":
            closed, opened = payload
            for sub in list(self.subs.values()):
                if sub.kind == "slot":
                    self.send(sub, {"parent": closed, "root": closed, "slot": opened})
                elif sub.kind == "root":
                    self.send(sub, closed)
        elif event == "transaction":
            self.on_transaction(payload)

    def on_transaction(self, record: TxRecord) -> None:
        accounts: dict[str, Any] = {}
        for sub in list(self.subs.values()):
            if sub.kind == "signature" and sub.target == record.signature:
                self.send(sub, self.with_context({"err": record.err}, record.slot))
                del self.subs[sub.id]
            elif sub.kind == "logs" and (not sub.target or sub.target in record.keys):
                value = {"signature": record.signature, "err": record.err, "logs": record.logs}
                self.send(sub, self.with_context(value, record.slot))
            elif sub.kind == "account" and sub.target in record.writable:
                account = self.chain.account(Pubkey.from_string(sub.target))
                self.send(sub, self.with_context(self.encode(account, sub), record.slot))
            elif sub.kind == "program":
                for address in record.writable:
                    if address not in accounts:
                        accounts[address] = self.chain.account(Pubkey.from_string(address))
                    account = accounts[address]
                    if account is None or str(account.owner) != sub.target:
                        continue
                    if not self.server.filters_match(bytes(account.data), sub.filters):
                        continue
                    value = {"pubkey": address, "account": self.encode(account, sub)}
                    self.send(sub, self.with_context(value, record.slot))

    def encode(self, account: Any, sub: Subscription) -> dict[str, Any]:
        config = sub.config
        encoding = account_encoding(config)
        if encoding == "base58" and account is not None and len(account.data) > 128:
            encoding = "base64"  # a node would drop the notification; say something useful
        return account_json(account, encoding, data_slice(config), self.chain.decimals_of)
