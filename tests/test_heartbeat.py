"""The signed liveness messages (ionet_sdk.heartbeat), the leaf layout and the presence
rule (ionet_sdk.liveness), and the oracle's epoch aggregation on a real SQLite store."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk import merkle
from ionet_sdk.heartbeat import (
    Heartbeat,
    MessageError,
    Receipt,
    RootStatement,
    SignedHeartbeat,
    is_equivocation,
    verify_receipt,
    verify_statement,
)
from ionet_sdk.liveness import Epochs, LivenessLeaf, availability_points, uptime_in_epoch
from ionet_sdk.services.oracle.aggregate import close_epoch, epoch_leaves
from ionet_sdk.services.oracle.directory import NodeEntry
from ionet_sdk.services.oracle.store import HeartbeatRow, Store

CONFIG = Pubkey.new_unique()


def beat(agent: Keypair, node: Pubkey, sequence: int = 1) -> Heartbeat:
    return Heartbeat(CONFIG, node, agent.pubkey(), epoch=7, sequence=sequence, timestamp=1_767_250_800)


def test_heartbeat_round_trip_and_signature() -> None:
    agent, node = Keypair(), Pubkey.new_unique()
    signed = beat(agent, node).sign(agent)
    assert len(signed.to_bytes()) == SignedHeartbeat.SIZE == 200
    again = SignedHeartbeat.from_bytes(signed.to_bytes())
    assert again == signed and again.verify()
    # Any flipped bit of the message or the signature breaks it.
    raw = bytearray(signed.to_bytes())
    for offset in (20, 100, 130, 150):
        tampered = bytearray(raw)
        tampered[offset] ^= 1
        try:
            assert not SignedHeartbeat.from_bytes(bytes(tampered)).verify()
        except MessageError:
            assert offset < 16  # only the tag makes it malformed
    # Layout: tag, config, node, agent, epoch, sequence, timestamp (little-endian).
    assert raw[:16] == b"ionet:heartbeat1"
    assert struct.unpack_from("<QQq", raw, 112) == (7, 1, 1_767_250_800)


def test_a_heartbeat_signed_by_another_key_is_refused() -> None:
    agent, other = Keypair(), Keypair()
    with pytest.raises(MessageError, match="signed by"):
        beat(agent, Pubkey.new_unique()).sign(other)
    # Forged: the message names `agent`, the signature is `other`'s.
    message = beat(agent, Pubkey.new_unique()).to_bytes()
    forged = SignedHeartbeat.from_bytes(message + bytes(other.sign_message(message)))
    assert not forged.verify()


def test_messages_of_one_kind_do_not_decode_as_another() -> None:
    oracle = Keypair()
    statement = RootStatement(CONFIG, oracle.pubkey(), 3, bytes(32), 10).to_bytes()
    with pytest.raises(MessageError, match="domain tag"):
        Receipt.from_bytes(statement + bytes(Receipt.SIZE - len(statement)))
    with pytest.raises(MessageError, match="bytes"):
        SignedHeartbeat.from_bytes(b"\x00" * 199)


def test_receipts_and_statements_verify_and_equivocation_is_evidence() -> None:
    oracle, node = Keypair(), Pubkey.new_unique()
    receipt = Receipt(CONFIG, oracle.pubkey(), node, 7, 1, 1_767_250_801, bytes(range(32)))
    signed = receipt.sign(oracle)
    assert verify_receipt(signed) == receipt
    with pytest.raises(MessageError, match="not signed"):
        verify_receipt(signed[:-1] + bytes([signed[-1] ^ 1]))
    one = RootStatement(CONFIG, oracle.pubkey(), 9, b"\x01" * 32, 100).sign(oracle)
    same = RootStatement(CONFIG, oracle.pubkey(), 9, b"\x01" * 32, 100).sign(oracle)
    other_root = RootStatement(CONFIG, oracle.pubkey(), 9, b"\x02" * 32, 100).sign(oracle)
    other_epoch = RootStatement(CONFIG, oracle.pubkey(), 10, b"\x02" * 32, 100).sign(oracle)
    assert verify_statement(one).leaf_count == 100
    assert is_equivocation(one, other_root)
    assert not is_equivocation(one, same)
    assert not is_equivocation(one, other_epoch)
    stranger = Keypair()
    forged = RootStatement(CONFIG, oracle.pubkey(), 9, b"\x03" * 32, 100).to_bytes()
    with pytest.raises(MessageError, match="not signed"):
        is_equivocation(one, forged + bytes(stranger.sign_message(forged)))


def test_leaf_layout_is_128_bytes_little_endian() -> None:
    node, agent = Pubkey.new_unique(), Pubkey.new_unique()
    leaf = LivenessLeaf(node, agent, 5, 3600, 7200, 99, 60, 1_767_250_800, 1800, 2, 0, 8)
    raw = leaf.to_bytes()
    assert len(raw) == 128
    assert raw[:32] == bytes(node) and raw[32:64] == bytes(agent)
    assert struct.unpack_from("<QQQQQqII", raw, 64) == (5, 3600, 7200, 99, 60, 1_767_250_800, 1800, 2)
    assert raw[120:123] == bytes([0, 8, 1]) and raw[123:] == bytes(5)
    assert LivenessLeaf.from_bytes(raw) == leaf


@settings(deadline=None)
@given(st.lists(st.integers(-400, 4000), max_size=60), st.integers(1, 300))
def test_uptime_is_the_measure_of_the_covered_time(received: list[int], coverage: int) -> None:
    """Against a second computation: the set of whole seconds the intervals cover."""
    covered = {s for r in received for s in range(r, r + coverage) if 0 <= s < 3600}
    assert uptime_in_epoch([float(r) for r in received], 0, 3600, coverage) == len(covered)


def test_presence_is_time_weighted() -> None:
    """Heard every 60 s for 5 minutes of the hour: ~6 minutes credited, not 86% of the hour
    (the moving-average fault of the on-chain heartbeat)."""
    hour = 3600
    always = [60.0 * k for k in range(60)]
    intermittent = [60.0 * k for k in range(5)]
    assert uptime_in_epoch(always, 0, hour, 90) == hour
    assert uptime_in_epoch(intermittent, 0, hour, 90) == 4 * 60 + 90
    assert uptime_in_epoch([], 0, hour, 90) == 0
    # The tail of a heartbeat of the epoch before counts only inside this epoch.
    assert uptime_in_epoch([-30.0], 0, hour, 90) == 60
    assert availability_points(3600, 0, 8) == 3600 * 8 * 5


def entry(agent: Pubkey, tier: int = 0, gpus: int = 8) -> NodeEntry:
    return NodeEntry(agent, 2, tier, gpus, 0.0)


def test_epochs_are_cumulative_and_absent_nodes_are_carried(tmp_path: Path) -> None:
    epochs = Epochs(genesis_time=1_000_000, epoch_secs=3600)
    store = Store(tmp_path / "o.sqlite3")
    oracle = Keypair()
    a, b = (Pubkey.new_unique() for _ in range(2))
    agents = {bytes(a): entry(Pubkey.new_unique()), bytes(b): entry(Pubkey.new_unique(), tier=6, gpus=1)}
    start0 = epochs.start(0)
    rows = [HeartbeatRow(bytes(a), i, 0, 0, start0 + 60.0 * i, b"") for i in range(60)]
    rows += [HeartbeatRow(bytes(b), 1, 0, 0, start0 + 100.0, b"")]
    store.insert_heartbeats(rows)
    kw = {"epochs": epochs, "coverage": 90.0, "oracle": oracle, "config": CONFIG, "nodes": agents}
    first = close_epoch(store, 0, retain_epochs=4, **kw)  # type: ignore[arg-type]
    assert first is not None and first.row.leaf_count == 2
    leaf_a = LivenessLeaf.from_bytes(first.leaves[first.index[bytes(a)]])
    assert (leaf_a.uptime_secs, leaf_a.heartbeats, leaf_a.epochs_present) == (3600, 60, 1)
    assert leaf_a.availability_points == 3600 * 8 * 5
    leaf_b = LivenessLeaf.from_bytes(first.leaves[first.index[bytes(b)]])
    assert (leaf_b.uptime_secs, leaf_b.observed_secs) == (90, 3500)
    # Epoch 1: a keeps going, b is silent.
    start1 = epochs.start(1)
    store.insert_heartbeats(
        [HeartbeatRow(bytes(a), 100 + i, 1, 0, start1 + 60.0 * i, b"") for i in range(30)]
    )
    second = close_epoch(store, 1, retain_epochs=4, **kw)  # type: ignore[arg-type]
    assert second is not None
    leaf_a = LivenessLeaf.from_bytes(second.leaves[second.index[bytes(a)]])
    # 30 heartbeats: 29 minutes + 90 s, plus the 30 s tail of epoch 0's last heartbeat.
    assert leaf_a.epoch_uptime_secs == 29 * 60 + 90
    assert leaf_a.uptime_secs == 3600 + 29 * 60 + 90 and leaf_a.heartbeats == 90
    leaf_b = LivenessLeaf.from_bytes(second.leaves[second.index[bytes(b)]])
    assert (leaf_b.epoch_uptime_secs, leaf_b.uptime_secs, leaf_b.observed_secs) == (0, 90, 3500 + 3600)
    assert (leaf_b.epochs_present, leaf_b.epoch) == (1, 1)
    # The stored epoch proves every leaf against its root.
    for i, leaf in enumerate(store.leaves(1)):
        assert merkle.verify(second.row.root, leaf, second.tree.proof(i))
    assert verify_statement(second.row.statement).root == second.row.root
    store.close()


def test_leaves_are_sorted_by_node_address() -> None:
    epochs = Epochs(0, 3600)
    nodes = sorted((bytes(Pubkey.new_unique()) for _ in range(20)), reverse=True)
    heard = [(n, 10.0, 1) for n in sorted(nodes)]
    leaves = epoch_leaves(0, epochs=epochs, coverage=90, previous=[], heard=heard, nodes={})
    assert [bytes(leaf.node) for leaf in leaves] == sorted(nodes)
