"""ionet_sdk.merkle against a second implementation written differently (recursive, from the
definition: split at the largest power of two below n, as RFC 6962 does, which gives the
same shape as promoting an odd level's last node), on random trees of every small size,
with hypothesis, and against tampering."""

from __future__ import annotations

import hashlib
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ionet_sdk import merkle
from ionet_sdk.merkle import MerkleError, MerkleTree, Proof


def ref_root(leaves: list[bytes]) -> bytes:
    """Recursive reference: the root over `leaves`, straight from the definition."""
    if len(leaves) == 1:
        return hashlib.sha256(b"\x00" + leaves[0]).digest()
    # A level-by-level tree that promotes odd nodes splits exactly where the left
    # subtree is the largest power of two strictly below n.
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return hashlib.sha256(b"\x01" + ref_root(leaves[:k]) + ref_root(leaves[k:])).digest()


def ref_path(leaves: list[bytes], index: int) -> list[bytes]:
    """Recursive reference: the siblings of leaf `index`, leaf level first."""
    if len(leaves) == 1:
        return []
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    if index < k:
        return [*ref_path(leaves[:k], index), ref_root(leaves[k:])]
    return [*ref_path(leaves[k:], index - k), ref_root(leaves[:k])]


def leaves_of(n: int, seed: int) -> list[bytes]:
    rng = random.Random(seed)
    return [rng.randbytes(rng.choice([0, 1, 31, 32, 64, 128])) for _ in range(n)]


@pytest.mark.parametrize("n", [*range(1, 40), 63, 64, 65, 127, 128, 129, 1000, 1023, 1025])
def test_tree_matches_the_recursive_reference(n: int) -> None:
    leaves = leaves_of(n, n)
    tree = MerkleTree(leaves)
    assert tree.root == ref_root(leaves)
    for i in {0, n // 2, n - 1, random.Random(n).randrange(n)}:
        proof = tree.proof(i)
        assert list(proof.siblings) == ref_path(leaves, i)
        assert len(proof.siblings) == merkle.proof_length(n, i)
        assert merkle.verify(tree.root, leaves[i], proof)
        assert Proof.from_bytes(proof.to_bytes()) == proof


@settings(max_examples=200, deadline=None)
@given(st.lists(st.binary(max_size=80), min_size=1, max_size=70), st.data())
def test_every_proof_verifies_and_no_other_leaf_does(leaves: list[bytes], data: st.DataObject) -> None:
    tree = MerkleTree(leaves)
    assert tree.root == ref_root(leaves)
    i = data.draw(st.integers(0, len(leaves) - 1))
    proof = tree.proof(i)
    assert merkle.verify(tree.root, leaves[i], proof)
    other = data.draw(st.binary(max_size=80))
    if other != leaves[i]:
        assert not merkle.verify(tree.root, other, proof)


def test_one_leaf_is_its_own_root() -> None:
    tree = MerkleTree([b"only"])
    assert tree.root == hashlib.sha256(b"\x00only").digest()
    assert tree.proof(0).siblings == ()
    assert merkle.verify(tree.root, b"only", tree.proof(0))


def test_tampered_proofs_fail() -> None:
    leaves = leaves_of(37, 7)
    tree = MerkleTree(leaves)
    proof = tree.proof(20)
    flipped = bytes([proof.siblings[0][0] ^ 1]) + proof.siblings[0][1:]
    assert not merkle.verify(tree.root, leaves[20], Proof(20, 37, (flipped, *proof.siblings[1:])))
    assert not merkle.verify(tree.root, leaves[20], Proof(21, 37, proof.siblings))  # wrong index
    # The count is committed with the root (not trusted from the proof): where it changes
    # the path (the promoted last leaf), a wrong one fails.
    last = tree.proof(36)
    assert merkle.verify(tree.root, leaves[36], last)
    assert not merkle.verify(tree.root, leaves[36], Proof(36, 38, last.siblings))
    assert not merkle.verify(tree.root, leaves[20], Proof(20, 37, proof.siblings[:-1]))  # short
    with pytest.raises(MerkleError, match="siblings"):
        merkle.compute_root(leaves[20], Proof(20, 37, proof.siblings[:-1]))


def test_leaves_and_interior_nodes_are_domain_separated() -> None:
    """An interior node's 64-byte preimage presented as a leaf does not verify: without the
    0x00/0x01 prefixes, (left || right) would be a valid 'leaf' of the parent's tree."""
    leaves = leaves_of(4, 3)
    tree = MerkleTree(leaves)
    left, right = tree.levels[1]
    forged = left + right
    assert not merkle.verify(tree.root, forged, Proof(0, 1, ()))
    assert merkle.hash_pair(left, right) == tree.root
    assert merkle.hash_leaf(forged) != tree.root


def test_the_odd_node_is_promoted_not_duplicated() -> None:
    """[a, b, c] and [a, b, c, c] have different roots (no CVE-2012-2459 mutation)."""
    a, b, c = b"a", b"b", b"c"
    assert MerkleTree([a, b, c]).root != MerkleTree([a, b, c, c]).root
    assert MerkleTree([a, b, c]).root == merkle.hash_pair(
        merkle.hash_pair(merkle.hash_leaf(a), merkle.hash_leaf(b)), merkle.hash_leaf(c)
    )


def test_bad_inputs_raise_typed_errors() -> None:
    with pytest.raises(MerkleError, match="at least one leaf"):
        MerkleTree([])
    with pytest.raises(MerkleError, match="outside"):
        MerkleTree([b"x"]).proof(1)
    with pytest.raises(MerkleError, match="8 \\+ 32k"):
        Proof.from_bytes(b"\x00" * 9)


def test_verify_cu_counts_the_syscalls() -> None:
    proof = MerkleTree(leaves_of(2000, 1)).proof(5)
    # 128-byte leaf: 85 + ceil(129 / 2); each of the 11 pairs: 85 + ceil(65 / 2)
    assert merkle.verify_cu(proof, 128) == 85 + 65 + len(proof.siblings) * (85 + 33)
