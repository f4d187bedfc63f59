"""Proof of compute (ionet_sdk.compute_proof): exact arithmetic, honest provers pass, each
simulated cheater is caught, and the pass rate of a partial prover matches C(good,k)/C(L,k)
<= f^k."""

from __future__ import annotations

import random
import struct

import numpy as np
import pytest

from ionet_sdk import compute_proof as cp
from ionet_sdk import merkle
from ionet_sdk._generated.ionet_registry.types import GpuModel

SEED = bytes(range(32))
NONCE = bytes(range(32, 64))


def reference_chain(x0: np.ndarray, b: np.ndarray, rounds: int) -> np.ndarray:
    """The rounds in plain int64 numpy (no floats anywhere)."""
    x = x0.astype(np.int64)
    bi = b.astype(np.int64)
    for _ in range(rounds - 1):
        p = x @ bi
        x = ((p >> 8) & 0xFF).astype(np.int64)
        x = np.where(x >= 128, x - 256, x)
    return x @ bi[:, : cp.LEAF_COLUMNS]


@pytest.mark.parametrize("n", [64, 1152])
def test_the_fast_cpu_path_is_exact(n: int) -> None:
    challenge = cp.Challenge(SEED, n, 3)
    b = cp.derive_b(challenge)
    rows = [0, 7, n - 1]
    x0 = cp.masked(cp.derive_a(challenge, 0, rows), cp.derive_mask(NONCE, 0, n))
    assert np.array_equal(cp.chain(x0, b, 3), reference_chain(x0, b, 3))


def test_worst_case_sums_stay_exact_past_float32() -> None:
    # All -128: each sum is n * 16384, above 2^24 for n > 1024: the int64 sum of blocks keeps it.
    n = 1152
    x = np.full((2, n), -128, dtype=np.int8)
    assert cp.exact_matmul(x, np.full((n, 4), -128, dtype=np.int8))[0, 0] == n * 16384


def test_derivation_is_shake256_per_row() -> None:
    import hashlib

    challenge = cp.Challenge(SEED, 64, 2)
    want = hashlib.shake_256(cp.TAG_A + SEED + struct.pack("<HI", 0, 5)).digest(64)
    assert cp.derive_a(challenge, 0, [5]).tobytes() == want
    assert np.array_equal(cp.derive_a(challenge, 1)[5], cp.derive_a(challenge, 1, [5])[0])
    assert not np.array_equal(cp.derive_a(challenge, 0), cp.derive_a(challenge, 1))


def test_byte1_reads_bits_8_to_15_as_signed() -> None:
    values = np.array([0, 0x7F00, 0x8000, -1, -256, 0x12345, -(2**31)], dtype=np.int64)
    assert cp.byte1(values).tolist() == [0, 127, -128, -1, -1, 0x23, 0]


def prove(challenge: cp.Challenge, nonce: bytes = NONCE) -> cp.Commitment:
    prover = cp.Prover(cp.CpuBackend())
    prover.prepare(challenge)
    return prover.start(nonce)


def test_honest_provers_always_pass() -> None:
    rng = random.Random(1)
    for trial in range(5):
        challenge = cp.Challenge(bytes([trial]) * 32, 128, 3, gpus=2)
        nonce = bytes([trial + 100]) * 32
        commitment = prove(challenge, nonce)
        asked = cp.pick_checks(challenge.leaf_count, 64, rng)
        checks = cp.verify_rows(challenge, nonce, commitment.root, commitment.reveal(asked), asked)
        assert len(checks) == 64
        assert all(c.ok for c in checks), [c.why for c in checks if not c.ok]


def partial_prover(challenge: cp.Challenge, good: set[int], nonce: bytes = NONCE) -> cp.Commitment:
    """Computes only the leaves in `good`; commits random values for the rest."""
    rng = np.random.default_rng(7)
    products = cp.honest_products(challenge, nonce)
    for d, p in enumerate(products):
        for i in range(challenge.n):
            if d * challenge.n + i not in good:
                p[i] = rng.integers(-(2**31), 2**31, cp.LEAF_COLUMNS)
    return cp.commit(products)


def test_a_partial_prover_passes_at_the_predicted_rate() -> None:
    challenge = cp.Challenge(SEED, 128, 2, gpus=2)  # L = 256 leaves
    rng = random.Random(3)
    good = set(rng.sample(range(256), 230))  # f ≈ 0.9
    commitment = partial_prover(challenge, good)
    b = cp.derive_b(challenge)
    k, trials, passed = 8, 1000, 0
    for _ in range(trials):
        asked = cp.pick_checks(256, k, rng)
        checks = cp.verify_rows(challenge, NONCE, commitment.root, commitment.reveal(asked), asked, b=b)
        ok = all(c.ok for c in checks)
        assert ok == all(i in good for i in asked)  # every garbage row opened is caught
        passed += ok
    predicted = cp.pass_probability(256, 230, k)
    assert predicted <= (230 / 256) ** k
    # 1000 Bernoulli trials: 4.5 standard deviations either side.
    sigma = (predicted * (1 - predicted) / trials) ** 0.5
    assert abs(passed / trials - predicted) < 4.5 * sigma


def test_a_half_prover_never_passes_64_checks() -> None:
    challenge = cp.Challenge(SEED, 128, 2)
    good = set(range(0, 128, 2))
    commitment = partial_prover(challenge, good)
    asked = cp.pick_checks(128, 64, random.Random(5))
    checks = cp.verify_rows(challenge, NONCE, commitment.root, commitment.reveal(asked), asked)
    assert not all(c.ok for c in checks)
    assert cp.pass_probability(128, 64, 64) < 1e-30


def test_an_old_answer_fails_every_row() -> None:
    challenge = cp.Challenge(SEED, 64, 2)
    old = prove(challenge, bytes(32))  # the answer to an earlier nonce
    asked = list(range(0, 64, 8))
    checks = cp.verify_rows(challenge, NONCE, old.root, old.reveal(asked), asked)
    assert [c.why for c in checks] == ["row differs from the recomputation"] * len(asked)


def test_rows_computed_after_the_challenge_do_not_match_the_commitment() -> None:
    challenge = cp.Challenge(SEED, 64, 2)
    garbage = cp.commit([np.zeros((64, cp.LEAF_COLUMNS), dtype=np.int64)])  # committed first
    honest = prove(challenge)  # computed after learning which rows
    asked = [3, 9]
    checks = cp.verify_rows(challenge, NONCE, garbage.root, honest.reveal(asked), asked)
    assert [c.why for c in checks] == ["proof does not reach the committed root"] * 2


def test_a_proof_for_another_leaf_or_a_missing_row_fails() -> None:
    challenge = cp.Challenge(SEED, 64, 2)
    honest = prove(challenge)
    [(_, data, proof)] = honest.reveal([4])
    checks = cp.verify_rows(challenge, NONCE, honest.root, [(5, data, proof)], [5, 6])
    assert [c.why for c in checks] == ["proof for another leaf or tree", "not revealed"]
    forged = merkle.Proof(5, challenge.leaf_count, proof.siblings)
    [check] = cp.verify_rows(challenge, NONCE, honest.root, [(5, data, forged)], [5])
    assert not check.ok


def test_challenge_limits() -> None:
    for bad in (
        {"seed": b"short", "n": 64, "rounds": 2},
        {"seed": SEED, "n": 100, "rounds": 2},
        {"seed": SEED, "n": 64, "rounds": 1},
        {"seed": SEED, "n": 64, "rounds": 2, "gpus": 0},
        {"seed": SEED, "n": cp.MAX_N + 64, "rounds": 2},
    ):
        with pytest.raises(cp.ChallengeError):
            cp.Challenge(**bad)  # type: ignore[arg-type]
    with pytest.raises(cp.ChallengeError):
        cp.derive_mask(b"x", 0, 64)


def test_soundness_figures() -> None:
    assert cp.checks_for(0.9, 0.99) == 44
    assert 0.9**cp.DEFAULT_CHECKS < 0.0013
    assert cp.pass_probability(100, 100, 10) == 1.0
    assert cp.pass_probability(100, 0, 10) == 0.0


def test_measured_tops_and_the_registry_unit() -> None:
    ops = cp.operations(16384, 26, 1)
    assert cp.measured_tops(ops, 0.25 + 0.001, 0.001, 1) == pytest.approx(ops / 0.25 / 1e12)
    with pytest.raises(cp.ChallengeError):
        cp.measured_tops(ops, 0.001, 0.002, 1)
    # An H100 at its INT8 peak is at its FP16 figure; Other keeps the INT8 rate.
    assert cp.registry_tflops(GpuModel.H100, 1979) == pytest.approx(989)
    assert cp.registry_tflops(GpuModel.Other, 0.5) == 0.5
    assert set(cp.INT8_DENSE_TOPS) == set(GpuModel)
    assert cp.default_rounds(GpuModel.H100, 16384, 1, 0.25) > 2
    assert cp.default_rounds(GpuModel.Other, 256, 1, 1.0) == 2
