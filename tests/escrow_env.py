"""The marketplace sandbox (registry + escrow) plus the tests' helpers for jobs."""

from __future__ import annotations

from dataclasses import dataclass

from solders.account import Account
from solders.pubkey import Pubkey

from ionet_sdk import pda
from ionet_sdk.testing.escrow import ClientHandle, EscrowSandbox, JobHandle
from ionet_sdk.testing.registry import NodeHandle

from .registry_env import RegistryEnv

__all__ = ["ClientHandle", "EscrowEnv", "JobHandle", "NodeHandle", "Running"]

HOUR = 3_600

# The registry `Node`'s cumulative proven availability points (written by `node_sync`
# from the oracles' epoch roots): offset after the 8-byte discriminator.
PROVEN_AVAILABILITY_POINTS = 8 + 456


@dataclass
class Running:
    """A job whose nodes all started."""

    job: JobHandle
    nodes: list[NodeHandle]


class EscrowEnv(EscrowSandbox, RegistryEnv):
    """`EscrowSandbox` with `rejects` (expected error code, unchanged state)."""

    async def running(self, node_count: int = 2, gpus_per_node: int = 8, /, **spec: object) -> Running:
        """`node_count` active H100 nodes assigned to one job and started."""
        nodes = [await self.active_node() for _ in range(node_count)]
        spec.setdefault("gpu_count", node_count * gpus_per_node)
        job = await self.create_job(**spec)
        await self.assign(job, *nodes, gpus=gpus_per_node)
        for node in nodes:
            await self.start(job, node)
        return Running(job, nodes)

    async def live(self, seconds: int, job: JobHandle, nodes: list[NodeHandle], step: int = 60) -> None:
        """Let `seconds` pass with the nodes' agents sending a usage receipt every `step`
        seconds (`job_report_usage`: all the run's GPUs busy since its start, capped at the
        reservation): a running run's liveness is its own receipts (`report_timeout_secs`)."""
        left = seconds
        while left > 0:
            self.conn.warp(min(step, left))
            left -= min(step, left)
            for node in nodes:
                await self.report_elapsed(job, node)

    async def report_elapsed(self, job: JobHandle, node: NodeHandle) -> int:
        """Report the node's run as busy on all its GPUs since its start (capped at its
        reservation); returns the GPU-seconds reported."""
        run, data = await self.run(job, node), await self.job(job)
        now = (await self.conn.get_clock()).unix_timestamp
        usage = run.gpus * min(now - run.started_at, data.duration_hours * HOUR)
        await self.report(job, node, usage)
        return usage

    async def ran(self, hours: int = 1, node_count: int = 2, /, **spec: object) -> Running:
        """A running job whose nodes delivered `hours` fully and reported it."""
        r = await self.running(node_count, **spec)
        self.conn.warp(hours * HOUR)
        for node in r.nodes:
            run = await self.run(r.job, node)
            await self.report(r.job, node, run.gpus * hours * HOUR)
        return r

    async def prove_availability(self, node: NodeHandle, points: int) -> None:
        """Add `points` to the node's proven availability, as a sync to a later oracle root
        would (written into the account: these tests are about what the rewards do with it)."""
        info = await self.conn.get_account(node.address)
        assert info is not None
        data = bytearray(info.data)
        if len(data) < PROVEN_AVAILABILITY_POINTS + 8:
            return  # a registry without proven presence (before issue 16)
        at = slice(PROVEN_AVAILABILITY_POINTS, PROVEN_AVAILABILITY_POINTS + 8)
        data[at] = (int.from_bytes(data[at], "little") + points).to_bytes(8, "little")
        self.conn.svm.set_account(node.address, Account(info.lamports, bytes(data), info.owner, False))

    async def settled_window(self, r: Running) -> None:
        """Complete the job and let the challenge window pass."""
        await self.complete(r.job)
        self.conn.warp(self.escrow_config.params.challenge_window_secs)

    def run_address(self, job: JobHandle, node: NodeHandle) -> Pubkey:
        return pda.run(job.address, node.address)

    async def accounting(self, job: JobHandle) -> tuple[int, int]:
        """(deposited, vault + paid + fees + refunded): equal at every moment."""
        data = await self.job(job)
        vault = await self.vault_balance(job) if await self.conn.get_account(job.vault) else 0
        return data.deposited, vault + data.paid + data.fees + data.refunded
