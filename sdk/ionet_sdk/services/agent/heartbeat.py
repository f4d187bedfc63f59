"""The agent's heartbeat loop: every `interval` seconds, sign a heartbeat with the agent's
hot key and send it to each oracle; keep the receipts' count (the agent's proof that it
was heard).

Sequence numbers are the agent clock in microseconds (forced to increase): they increase
across restarts without any saved state, which is what the oracles' replay guard needs.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk.errors import IonetError
from ionet_sdk.heartbeat import Heartbeat
from ionet_sdk.services.oracle.client import OracleClient, OracleInfo

log = logging.getLogger("ionet.agent")


@dataclass
class HeartbeatStats:
    """The loop's tally, updated as it runs (the agent's /health reads it)."""

    sent: int = 0
    receipts: int = 0
    refused: dict[str, int] = field(default_factory=dict)
    unavailable: int = 0
    started_at: float = field(default_factory=time.time)
    """unit: unix seconds"""
    last_receipt_at: float | None = None
    """unit: unix seconds; None before the first receipt"""


class Sequencer:
    """Strictly increasing sequence numbers from the clock (microseconds)."""

    def __init__(self) -> None:
        self.last = 0

    def next(self) -> int:
        self.last = max(self.last + 1, time.time_ns() // 1000)
        return self.last


async def run(
    agent: Keypair,
    node: Pubkey,
    oracles: Sequence[str],
    stop: asyncio.Event,
    *,
    interval: float = 60.0,
    count: int | None = None,
    stats: HeartbeatStats | None = None,
    clock: Callable[[], float] = time.time,
) -> HeartbeatStats:
    """Send heartbeats until `stop` is set (or `count` rounds are done); returns the tally.

    An oracle that does not answer `/v1/info` (down, or answering garbage) is asked again
    each round and gets heartbeats once it answers; one that names another registry config
    or epoch clock than the first to answer is left out (logged). No oracle ever stops the
    heartbeats to the others. A round in which no oracle has answered yet sends nothing.
    `clock`: unix seconds for the heartbeat's epoch and timestamp (the oracles' clock:
    `ChainClock.now` where they follow the chain's)."""
    stats = HeartbeatStats() if stats is None else stats
    sequencer = Sequencer()
    clients = [OracleClient(url) for url in oracles]
    infos: dict[int, OracleInfo] = {}
    disagree: set[int] = set()

    async def learn() -> None:
        for i, client in enumerate(clients):
            if i in infos or i in disagree:
                continue
            try:
                info = await client.info()
            except IonetError as err:
                log.info(json.dumps({"event": "oracle_unavailable", "oracle": client.url, "error": str(err)}))
                continue
            first = next(iter(infos.values()), None)
            if first is not None and (info.config, info.epochs) != (first.config, first.epochs):
                disagree.add(i)
                log.warning(
                    json.dumps({"event": "oracle_disagrees", "oracle": client.url,
                                "detail": "another registry config or epoch clock"})
                )  # fmt: skip
                continue
            infos[i] = info

    try:
        rounds = 0
        while not stop.is_set() and (count is None or rounds < count):
            if len(infos) + len(disagree) < len(clients):
                await learn()
            now = clock()
            if infos:
                first = next(iter(infos.values()))
                signed = Heartbeat(
                    first.config, node, agent.pubkey(), first.epochs.epoch_at(now), sequencer.next(), int(now)
                ).sign(agent)
            for i, client in enumerate(clients):
                if i not in infos:
                    stats.sent += 1
                    stats.unavailable += 1
                    continue
                stats.sent += 1
                try:
                    receipt = await client.send(signed)
                except IonetError as err:
                    code = getattr(err, "code", None)
                    if code is None:
                        stats.unavailable += 1
                    else:
                        stats.refused[code] = stats.refused.get(code, 0) + 1
                    log.info(
                        json.dumps({"event": "heartbeat_failed", "oracle": client.url, "error": str(err)})
                    )
                else:
                    stats.receipts += 1
                    stats.last_receipt_at = time.time()
                    log.info(
                        json.dumps(
                            {"event": "heartbeat", "oracle": str(receipt.oracle), "epoch": receipt.epoch,
                             "sequence": receipt.sequence, "received_at": receipt.received_at}
                        )
                    )  # fmt: skip
            rounds += 1
            if count is not None and rounds >= count:
                break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=interval)
        return stats
    finally:
        for client in clients:
            await client.close()
