"""Closing an epoch: the heartbeats it received become every node's cumulative leaf, the
leaves (sorted by node address) a Merkle tree, the tree a signed root statement.

Rules (docs/liveness.md, "What an oracle aggregates"): a node's uptime in epoch `e` is the
union of `[r, r + coverage)` over its heartbeats' receive times `r` (including the tail of
epoch `e-1`'s last heartbeats), clipped to the epoch; nodes in the previous epoch's tree
and absent now are carried with zero uptime and a full epoch of observed time.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk.heartbeat import RootStatement
from ionet_sdk.liveness import Epochs, LivenessLeaf, uptime_in_epoch
from ionet_sdk.merkle import MerkleTree
from ionet_sdk.services.oracle.directory import NodeEntry
from ionet_sdk.services.oracle.store import EpochRow, Store


@dataclass(frozen=True, slots=True)
class BuiltEpoch:
    """An epoch's tree (leaves in tree order), its row as stored and the leaves' nodes."""

    row: EpochRow
    tree: MerkleTree
    index: dict[bytes, int]
    leaves: list[bytes]


def epoch_leaves(
    epoch: int,
    *,
    epochs: Epochs,
    coverage: float,
    previous: Iterable[bytes],
    heard: Iterable[tuple[bytes, float, int]],
    nodes: Mapping[bytes, NodeEntry],
) -> list[LivenessLeaf]:
    """The leaves of `epoch`, sorted by node address. `previous`: the leaves of `epoch - 1`;
    `heard`: (node, received_at, sequence) ordered by node, sequence -1 for heartbeats of
    the epoch before (which add coverage, not a count); `nodes`: the registry entries."""
    start, end = epochs.start(epoch), epochs.end(epoch)
    carried = {leaf.node: leaf for leaf in map(LivenessLeaf.from_bytes, previous)}
    out: dict[bytes, LivenessLeaf] = {}
    for node_bytes, rows in itertools.groupby(heard, key=lambda row: row[0]):
        times: list[float] = []
        own: list[float] = []
        for _, received_at, sequence in rows:
            times.append(received_at)
            if sequence >= 0:
                own.append(received_at)
        node = Pubkey.from_bytes(node_bytes)
        before = carried.pop(node, None)
        if not own and before is None:
            continue  # only a tail from the epoch before, and no history: nothing to credit
        entry = nodes.get(node_bytes)
        base = before or LivenessLeaf.empty(node, Pubkey.default())
        observed = epochs.epoch_secs if before is not None else int(end - min(own))
        out[node_bytes] = base.next(
            epoch,
            epoch_uptime=uptime_in_epoch(times, start, end, coverage),
            observed=observed,
            heartbeats=len(own),
            last_seen=int(max(own)) if own else base.last_seen,
            agent=entry.agent if entry is not None and entry.agent is not None else base.agent,
            tier=entry.tier if entry is not None else base.tier,
            gpu_count=entry.gpu_count if entry is not None else base.gpu_count,
        )
    for node, before in carried.items():
        entry = nodes.get(bytes(node))
        out[bytes(node)] = before.next(
            epoch,
            epoch_uptime=0,
            observed=epochs.epoch_secs,
            heartbeats=0,
            last_seen=before.last_seen,
            agent=entry.agent if entry is not None and entry.agent is not None else before.agent,
            tier=entry.tier if entry is not None else before.tier,
            gpu_count=entry.gpu_count if entry is not None else before.gpu_count,
        )
    return [out[k] for k in sorted(out)]


def nodes_to_close(store: Store, epoch: int, epochs: Epochs, coverage: float) -> set[bytes]:
    """Every node the leaves of `epoch` will hold (for reading their registry entries)."""
    nodes = {bytes(LivenessLeaf.from_bytes(leaf).node) for leaf in store.leaves(epoch - 1)}
    nodes.update(n for n, _, _ in store.receive_times(epoch, epochs.start(epoch) - coverage))
    return nodes


def close_epoch(
    store: Store,
    epoch: int,
    *,
    epochs: Epochs,
    coverage: float,
    oracle: Keypair,
    config: Pubkey,
    nodes: Mapping[bytes, NodeEntry],
    retain_epochs: int,
) -> BuiltEpoch | None:
    """Aggregate `epoch`, build its tree, sign and store the root (one transaction).
    None when there is nothing to put in a tree (no node ever heard)."""
    leaves = epoch_leaves(
        epoch,
        epochs=epochs,
        coverage=coverage,
        previous=store.leaves(epoch - 1),
        heard=store.receive_times(epoch, epochs.start(epoch) - coverage),
        nodes=nodes,
    )
    if not leaves:
        return None
    raw = [leaf.to_bytes() for leaf in leaves]
    tree = MerkleTree(raw)
    statement = RootStatement(config, oracle.pubkey(), epoch, tree.root, tree.leaf_count).sign(oracle)
    row = EpochRow(epoch, tree.root, tree.leaf_count, statement, time.time())
    keys = [bytes(leaf.node) for leaf in leaves]
    store.save_epoch(row, zip(keys, raw, strict=True), prune_before=epoch - retain_epochs + 1)
    return BuiltEpoch(row, tree, {k: i for i, k in enumerate(keys)}, raw)
