"""Signed off-chain liveness messages (docs/liveness.md, "Who signs what").

- `Heartbeat`: the node's agent (hot key) says "node N is alive at time t, message number
  s of epoch e". 136 bytes signed, 200 with the signature.
- `Receipt`: an oracle answers "I heard heartbeat h of node N at time r". 168 bytes
  signed, 232 with the signature: the agent's proof that it was heard.
- `RootStatement`: an oracle says "the liveness root of epoch e is R over n leaves".
  Two statements by one oracle for one epoch with different roots are evidence.

Every message starts with a 16-byte domain tag (so no signature on one kind verifies as
another kind, nor as a Solana transaction, which starts with a signature count) and
names the registry config address (so a signature for one deployment is useless on
another). Integers are little-endian; layouts are fixed-size.

Replay protection: an oracle accepts a node's heartbeat only when its `sequence` is
greater than the last it accepted from that node and its `epoch` is the epoch of the
oracle's clock when it arrives; `timestamp` must be within the oracle's allowed skew.

Errors: `MessageError` (a ValueError) for a malformed encoding or a wrong tag.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass
from typing import ClassVar, Self

from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.signature import Signature

HEARTBEAT_TAG = b"ionet:heartbeat1"
RECEIPT_TAG = b"ionet:receipt:v1"
ROOT_TAG = b"ionet:liveroot:1"
SIGNATURE_BYTES = 64


class MessageError(ValueError):
    """A malformed message: wrong length or wrong domain tag."""


def _check(data: bytes, size: int, tag: bytes, what: str) -> None:
    if len(data) != size:
        raise MessageError(f"a {what} is {size} bytes, got {len(data)}")
    if data[:16] != tag:
        raise MessageError(f"not a {what}: domain tag {data[:16]!r}, expected {tag!r}")


@dataclass(frozen=True, slots=True)
class Heartbeat:
    """What an agent signs. `timestamp`: unix seconds on the agent's clock; `epoch`: the IO
    token's epoch index at `timestamp`; `sequence`: strictly increasing per node."""

    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<16s32s32s32sQQq")
    SIZE: ClassVar[int] = LAYOUT.size  # 136

    config: Pubkey
    node: Pubkey
    agent: Pubkey
    epoch: int
    sequence: int
    timestamp: int

    def to_bytes(self) -> bytes:
        return self.LAYOUT.pack(
            HEARTBEAT_TAG, bytes(self.config), bytes(self.node), bytes(self.agent),
            self.epoch, self.sequence, self.timestamp,
        )  # fmt: skip

    @classmethod
    def from_bytes(cls, data: bytes) -> Self:
        _check(data, cls.SIZE, HEARTBEAT_TAG, "heartbeat")
        _, config, node, agent, epoch, sequence, timestamp = cls.LAYOUT.unpack(data)
        return cls(Pubkey(config), Pubkey(node), Pubkey(agent), epoch, sequence, timestamp)

    def sign(self, agent: Keypair) -> SignedHeartbeat:
        if agent.pubkey() != self.agent:
            raise MessageError(f"heartbeat names agent {self.agent}, signed by {agent.pubkey()}")
        message = self.to_bytes()
        return SignedHeartbeat(self, bytes(agent.sign_message(message)), message)


@dataclass(frozen=True, slots=True)
class SignedHeartbeat:
    """A heartbeat and the agent's ed25519 signature over its 136 bytes."""

    SIZE: ClassVar[int] = Heartbeat.SIZE + SIGNATURE_BYTES  # 200

    heartbeat: Heartbeat
    signature: bytes
    message: bytes

    def to_bytes(self) -> bytes:
        """`message (136) || signature (64)`."""
        return self.message + self.signature

    @classmethod
    def from_bytes(cls, data: bytes) -> SignedHeartbeat:
        if len(data) != cls.SIZE:
            raise MessageError(f"a signed heartbeat is {cls.SIZE} bytes, got {len(data)}")
        message = bytes(data[: Heartbeat.SIZE])
        return cls(Heartbeat.from_bytes(message), bytes(data[Heartbeat.SIZE :]), message)

    def verify(self) -> bool:
        """True when the signature is the named agent's over the message."""
        return Signature(self.signature).verify(self.heartbeat.agent, self.message)

    @property
    def digest(self) -> bytes:
        """sha256 of the signed message (what a receipt names): 32 bytes."""
        return hashlib.sha256(self.message).digest()


@dataclass(frozen=True, slots=True)
class Receipt:
    """What an oracle signs when it accepted and stored a heartbeat. `received_at`: unix
    seconds on the oracle's clock; `heartbeat_hash`: sha256 of the heartbeat message."""

    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<16s32s32s32sQQq32s")
    SIZE: ClassVar[int] = LAYOUT.size  # 168

    config: Pubkey
    oracle: Pubkey
    node: Pubkey
    epoch: int
    sequence: int
    received_at: int
    heartbeat_hash: bytes

    def to_bytes(self) -> bytes:
        return self.LAYOUT.pack(
            RECEIPT_TAG, bytes(self.config), bytes(self.oracle), bytes(self.node),
            self.epoch, self.sequence, self.received_at, self.heartbeat_hash,
        )  # fmt: skip

    @classmethod
    def from_bytes(cls, data: bytes) -> Self:
        _check(data, cls.SIZE, RECEIPT_TAG, "receipt")
        _, config, oracle, node, epoch, sequence, received_at, digest = cls.LAYOUT.unpack(data)
        return cls(Pubkey(config), Pubkey(oracle), Pubkey(node), epoch, sequence, received_at, digest)

    def sign(self, oracle: Keypair) -> bytes:
        """`message (168) || signature (64)`."""
        if oracle.pubkey() != self.oracle:
            raise MessageError(f"receipt names oracle {self.oracle}, signed by {oracle.pubkey()}")
        message = self.to_bytes()
        return message + bytes(oracle.sign_message(message))


def verify_receipt(data: bytes) -> Receipt:
    """Decode a signed receipt (232 bytes) and check the oracle's signature; raises
    `MessageError` when malformed or not signed by the oracle it names."""
    if len(data) != Receipt.SIZE + SIGNATURE_BYTES:
        raise MessageError(f"a signed receipt is {Receipt.SIZE + SIGNATURE_BYTES} bytes, got {len(data)}")
    receipt = Receipt.from_bytes(data[: Receipt.SIZE])
    if not Signature(data[Receipt.SIZE :]).verify(receipt.oracle, data[: Receipt.SIZE]):
        raise MessageError(f"receipt not signed by oracle {receipt.oracle}")
    return receipt


@dataclass(frozen=True, slots=True)
class RootStatement:
    """What an oracle signs (and, on-chain, commits) for an epoch: the liveness root over
    `leaf_count` leaves. Two statements by one oracle for one epoch and config with
    different `root` or `leaf_count` are evidence against that oracle."""

    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<16s32s32sQ32sI")
    SIZE: ClassVar[int] = LAYOUT.size  # 124

    config: Pubkey
    oracle: Pubkey
    epoch: int
    root: bytes
    leaf_count: int

    def to_bytes(self) -> bytes:
        return self.LAYOUT.pack(
            ROOT_TAG, bytes(self.config), bytes(self.oracle), self.epoch, self.root, self.leaf_count
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> Self:
        _check(data, cls.SIZE, ROOT_TAG, "root statement")
        _, config, oracle, epoch, root, count = cls.LAYOUT.unpack(data)
        return cls(Pubkey(config), Pubkey(oracle), epoch, root, count)

    def sign(self, oracle: Keypair) -> bytes:
        """`message (124) || signature (64)`."""
        if oracle.pubkey() != self.oracle:
            raise MessageError(f"statement names oracle {self.oracle}, signed by {oracle.pubkey()}")
        message = self.to_bytes()
        return message + bytes(oracle.sign_message(message))


def verify_statement(data: bytes) -> RootStatement:
    """Decode a signed root statement (188 bytes), checking the oracle's signature."""
    if len(data) != RootStatement.SIZE + SIGNATURE_BYTES:
        raise MessageError(
            f"a signed statement is {RootStatement.SIZE + SIGNATURE_BYTES} bytes, got {len(data)}"
        )
    statement = RootStatement.from_bytes(data[: RootStatement.SIZE])
    if not Signature(data[RootStatement.SIZE :]).verify(statement.oracle, data[: RootStatement.SIZE]):
        raise MessageError(f"statement not signed by oracle {statement.oracle}")
    return statement


def is_equivocation(a: bytes, b: bytes) -> bool:
    """True when two signed root statements (188 bytes each, both validly signed) are by
    the same oracle for the same config and epoch but name different trees: the evidence
    that the on-chain half will accept to remove the oracle. Raises `MessageError` when
    either is malformed or badly signed."""
    first, second = verify_statement(a), verify_statement(b)
    return (
        first.oracle == second.oracle
        and first.config == second.config
        and first.epoch == second.epoch
        and (first.root, first.leaf_count) != (second.root, second.leaf_count)
    )
