"""The liveness Merkle tree: one 32-byte root per epoch over every node's leaf.

Shared by the oracle (which builds the tree), clients (which fetch and check proofs) and
the on-chain sync/claim that the programs will verify (docs/liveness.md, "The tree").

- Hash: SHA-256, as Solana's `hashv` syscall computes it over the concatenated slices.
- Domain separation: a leaf hashes as `sha256(0x00 || leaf bytes)`, an interior node as
  `sha256(0x01 || left || right)`, so a 64-byte leaf can never pass for an interior node
  (the second-preimage attack on untagged trees).
- Positional: the leaves keep their order (the oracle sorts them by node address); a
  proof carries the leaf's index, whose bits say at each level whether the sibling is on
  the left (bit 1) or the right (bit 0).
- Odd levels: the last node of a level with an odd count is promoted unchanged (no
  sibling, no hash); it is never paired with a copy of itself, which would let two
  different leaf lists share a root (CVE-2012-2459). The verifier knows where that
  happens from the leaf count committed with the root, so a proof holds exactly
  the siblings that exist: at most ceil(log2(n)) hashes of 32 bytes.

Errors: `MerkleError` (a ValueError) for an empty tree, an index outside the tree, or a
proof of the wrong length.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

LEAF_PREFIX = b"\x00"
NODE_PREFIX = b"\x01"
HASH_BYTES = 32


class MerkleError(ValueError):
    """An empty tree, an index outside the tree, or a proof of the wrong length."""


def hash_leaf(leaf: bytes) -> bytes:
    """`sha256(0x00 || leaf)`: 32 bytes."""
    return hashlib.sha256(LEAF_PREFIX + leaf).digest()


def hash_pair(left: bytes, right: bytes) -> bytes:
    """`sha256(0x01 || left || right)`: 32 bytes."""
    return hashlib.sha256(NODE_PREFIX + left + right).digest()


def proof_length(leaf_count: int, index: int) -> int:
    """How many sibling hashes the proof of leaf `index` holds in a tree of `leaf_count`."""
    if not 0 <= index < leaf_count:
        raise MerkleError(f"leaf index {index} outside a tree of {leaf_count} leaves")
    length, width = 0, leaf_count
    while width > 1:
        if not (index == width - 1 and width % 2 == 1):
            length += 1
        index //= 2
        width = (width + 1) // 2
    return length


@dataclass(frozen=True, slots=True)
class Proof:
    """A leaf's position and its siblings from the leaf level up (32 bytes each)."""

    index: int
    leaf_count: int
    siblings: tuple[bytes, ...]

    def to_bytes(self) -> bytes:
        """`index u32 LE || leaf_count u32 LE || siblings (32 bytes each)`."""
        return (
            self.index.to_bytes(4, "little") + self.leaf_count.to_bytes(4, "little") + b"".join(self.siblings)
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> Proof:
        if len(data) < 8 or (len(data) - 8) % HASH_BYTES:
            raise MerkleError(f"a proof is 8 + 32k bytes, got {len(data)}")
        index = int.from_bytes(data[0:4], "little")
        count = int.from_bytes(data[4:8], "little")
        siblings = tuple(data[i : i + HASH_BYTES] for i in range(8, len(data), HASH_BYTES))
        return cls(index, count, siblings)


class MerkleTree:
    """All levels of the tree over `leaves` (raw leaf bytes, in order): `root`, `proof(i)`.

    Memory: about 64 bytes per leaf for the hashes (200,000 leaves: ~13 MB).
    Raises `MerkleError` when `leaves` is empty.
    """

    levels: list[list[bytes]]

    def __init__(self, leaves: Sequence[bytes]) -> None:
        if not leaves:
            raise MerkleError("a tree needs at least one leaf")
        sha256 = hashlib.sha256
        level = [sha256(LEAF_PREFIX + leaf).digest() for leaf in leaves]
        self.levels = [level]
        while len(level) > 1:
            pairs = len(level) // 2
            parent = [sha256(NODE_PREFIX + level[2 * i] + level[2 * i + 1]).digest() for i in range(pairs)]
            if len(level) % 2:
                parent.append(level[-1])
            self.levels.append(parent)
            level = parent

    @property
    def root(self) -> bytes:
        return self.levels[-1][0]

    @property
    def leaf_count(self) -> int:
        return len(self.levels[0])

    def proof(self, index: int) -> Proof:
        """The proof of leaf `index`; raises `MerkleError` outside the tree."""
        if not 0 <= index < self.leaf_count:
            raise MerkleError(f"leaf index {index} outside a tree of {self.leaf_count} leaves")
        siblings: list[bytes] = []
        i = index
        for level in self.levels[:-1]:
            sibling = i ^ 1
            if sibling < len(level):
                siblings.append(level[sibling])
            i //= 2
        return Proof(index, self.leaf_count, tuple(siblings))


def compute_root(leaf: bytes, proof: Proof) -> bytes:
    """The root that `leaf` at `proof.index` hashes up to; raises `MerkleError` when the
    proof's length does not fit its index and leaf count."""
    if len(proof.siblings) != proof_length(proof.leaf_count, proof.index):
        raise MerkleError(
            f"a proof of leaf {proof.index} of {proof.leaf_count} has "
            f"{proof_length(proof.leaf_count, proof.index)} siblings, got {len(proof.siblings)}"
        )
    node = hash_leaf(leaf)
    index, width, k = proof.index, proof.leaf_count, 0
    while width > 1:
        if not (index == width - 1 and width % 2 == 1):
            sibling = proof.siblings[k]
            k += 1
            node = hash_pair(sibling, node) if index & 1 else hash_pair(node, sibling)
        index //= 2
        width = (width + 1) // 2
    return node


def verify(root: bytes, leaf: bytes, proof: Proof) -> bool:
    """True when `leaf` is at `proof.index` of the tree with `root` and `proof.leaf_count`
    leaves; False for any wrong leaf, sibling or index (never raises). The count is not
    bound by the hashes where it does not change the path: take it from the commitment
    (the root statement, or the on-chain epoch root), never from whoever sent the proof."""
    try:
        return compute_root(leaf, proof) == root
    except MerkleError:
        return False


def verify_cu(proof: Proof, leaf_bytes: int) -> int:
    """Estimated compute units to verify `proof` on-chain with the `sol_sha256` syscall
    (85 CU + 0.5 CU per byte hashed, per call): one leaf hash of 1 + `leaf_bytes` bytes and
    one 65-byte interior hash per sibling, rounded up. The loop around the syscalls is
    extra (~30 CU per level in SBF)."""
    leaf_cu = 85 + (1 + leaf_bytes + 1) // 2
    pair_cu = 85 + (65 + 1) // 2
    return leaf_cu + pair_cu * len(proof.siblings)
