"""Which clock a service reads: the machine's (`time.time`, the default) or the cluster's.

On a real cluster the two agree within seconds. On a local validator whose clock is
warped forward (`ionetWarp`: tests and demos that cover hours in minutes) they do not,
and a service that checks times against the chain's (the oracle's epochs and its
heartbeat skew check, the agents' heartbeat timestamps) must follow the chain instead:
`ChainClock` reads the Clock sysvar every `interval` seconds and answers wall time plus
the last offset seen (`chain_clock = true` in the oracle's and the agent's settings).
"""

from __future__ import annotations

import asyncio
import contextlib
import time

from ionet_sdk.connection import Connection
from ionet_sdk.errors import IonetError


class ChainClock:
    """unix seconds as the cluster's Clock sysvar counts them, between two reads advanced
    by the wall clock. `now()` is what services call; `follow(stop)` keeps it fresh."""

    def __init__(self, conn: Connection, interval: float = 1.0) -> None:
        self.conn = conn
        self.interval = interval
        self.offset = 0.0
        """unit: seconds, chain time minus wall time at the last read"""

    def now(self) -> float:
        return time.time() + self.offset

    async def refresh(self) -> None:
        """Read the Clock sysvar once. Raises `TransportError` / `IonetError`."""
        before = time.time()
        clock = await self.conn.get_clock()
        # The sysvar counts whole seconds of the open slot: compare it to the time of the request.
        self.offset = clock.unix_timestamp - before

    async def follow(self, stop: asyncio.Event) -> None:
        """Refresh every `interval` seconds until `stop`; a failed read keeps the last offset."""
        while not stop.is_set():
            with contextlib.suppress(IonetError, OSError):
                await self.refresh()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self.interval)
