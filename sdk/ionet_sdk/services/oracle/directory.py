"""Who may heartbeat for a node: the registry's `Node` accounts, read in batches and cached.

The oracle accepts a heartbeat only when the node exists on-chain, its `agent` is the key
that signed, and it is not Jailed. Entries are re-read after `ttl` seconds (an operator's
agent-key rotation or a jailing takes effect within that), and a missing node is
remembered as missing for the same time, so a flood of heartbeats for made-up nodes costs
one RPC call per `ttl` per address, batched 100 to a call.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from dataclasses import dataclass

from solders.pubkey import Pubkey

from ionet_sdk._generated.ionet_registry.accounts import Node
from ionet_sdk._generated.ionet_registry.types import NodeStatus
from ionet_sdk.accounts import AccountSource
from ionet_sdk.errors import IonetError


@dataclass(frozen=True, slots=True)
class NodeEntry:
    """What the oracle needs of a node (None-valued `agent` means: no such node)."""

    agent: Pubkey | None
    status: int
    tier: int
    gpu_count: int
    fetched_at: float


class Directory:
    """A cache of the registry's node records over `conn`."""

    def __init__(self, conn: AccountSource, ttl: float) -> None:
        self.conn = conn
        self.ttl = ttl
        self.entries: dict[bytes, NodeEntry] = {}
        self._lock = asyncio.Lock()
        self.fetches = 0

    async def get_many(self, nodes: Iterable[bytes]) -> dict[bytes, NodeEntry]:
        """The entries of `nodes` (32-byte addresses), reading the stale or unknown ones in
        batched RPC calls. Raises the connection's `IonetError` when the RPC fails."""
        now = time.monotonic()
        wanted = set(nodes)
        stale = [n for n in wanted if (e := self.entries.get(n)) is None or now - e.fetched_at > self.ttl]
        if stale:
            async with self._lock:
                # Another request may have read them while this one waited.
                now = time.monotonic()
                stale = [
                    n for n in stale if (e := self.entries.get(n)) is None or now - e.fetched_at > self.ttl
                ]
                if stale:
                    await self._fetch(stale, now)
        return {n: self.entries[n] for n in wanted}

    async def _fetch(self, nodes: list[bytes], now: float) -> None:
        infos = await self.conn.get_multiple_accounts([Pubkey.from_bytes(n) for n in nodes])
        self.fetches += 1
        for node, info in zip(nodes, infos, strict=True):
            entry = NodeEntry(None, -1, 0, 0, now)
            if info is not None:
                try:
                    decoded = Node.from_account(info)
                except (IonetError, ValueError):
                    decoded = None
                if decoded is not None:
                    entry = NodeEntry(
                        decoded.agent,
                        int(decoded.status),
                        decoded.effective_tier,
                        decoded.declared.gpu_count,
                        now,
                    )
            self.entries[node] = entry

    @staticmethod
    def refusal(entry: NodeEntry, agent: Pubkey) -> str | None:
        """Why a heartbeat signed by `agent` for this node is refused, or None."""
        if entry.agent is None:
            return "unknown_node"
        if entry.agent != agent:
            return "wrong_agent"
        if entry.status == NodeStatus.Jailed:
            return "jailed"
        return None
