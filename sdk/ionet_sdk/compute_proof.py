"""Proof of compute: a matrix-product challenge the verifier checks at a small fraction
of the prover's cost, in arithmetic that is exact on every device.

The protocol (docs/compute-proof.md; the agent serves it, the verifier drives it):

1. **prepare** (untimed): the verifier sends a fresh random 32-byte `seed` and the size:
   `n` (matrix order), `rounds` (T) and `gpus` (g, the GPUs the node claims). The agent
   derives, for each GPU `d < g`, an nxn int8 matrix `A_d`, and one nxn int8 matrix `B`
   shared by all GPUs, and loads them onto the GPUs.
2. **start** (timed): the verifier sends a fresh 32-byte `nonce`; each GPU computes

       X_0   = A_d XOR u_d                          (u_d: n bytes from the nonce, per column)
       X_t+1 = byte1(X_t · B)        for t < T-1    (int8 x int8 → int32, exact)
       P     = X_T-1 · B[:, :32]                    (int32, exact)

   where `byte1(v) = (v >> 8) & 0xFF` read as a signed byte (arithmetic shift). The
   agent then *commits*: a Merkle root (`ionet_sdk.merkle`) over the g·n leaves
   `leaf(d, i) = LEAF_TAG || d u16 || i u32 || P_d[i] (32 x int32, little-endian)`, in
   order `d·n + i`, and answers with the root. The verifier stops its clock on the answer.
3. **reveal**: only now does the verifier pick `k` distinct random leaves; the agent
   answers each leaf with its Merkle proof. The verifier checks every proof against the
   committed root and recomputes each revealed row itself: row i of the chain depends
   only on row i of `A_d`, `u_d` and `B`, so one row costs T vector-matrix products
   (T·n² multiply-adds) against the prover's T·n³ per GPU. The k rows are recomputed as
   one (kxn)·(nxn) product per round.

**Why this shape.** int8 x int8 summed in int32 is exact on every GPU (tensor cores) and
on a CPU (float32 BLAS over blocks of 1,024 along the inner dimension, where every
partial sum is an integer below 2^24, the blocks summed in int64), so an honest node
never fails on rounding. The rounds make the timed
work T·n³ while the data the agent must derive stays 2n² bytes (so a GPU's time goes into
the product, not into the PRG); the nonlinear `byte1` between rounds forbids shortcuts
(with a linear map mod 256 the chain would collapse to `A · B^T`, computable by repeated
squaring); the nonce arriving only at *start* forbids computing anything ahead. The final
round keeps 32 columns so a leaf is 150 bytes and the commitment costs nothing next to
the product. A Freivalds check does not help here: `byte1` is not linear, so the only
linear step is the final one, whose direct recomputation (k·n·32 multiply-adds) is
already cheaper than Freivalds' n² for `B·r`.

**PRG.** SHAKE-256 (FIPS 202), one call per row: `shake_256(tag || seed || d u16 || i
u32)` read for n bytes. A standard XOF any implementation (Rust, Go, CUDA) reproduces
bit for bit, with no library's seeding convention to match (numpy's PCG64 stream is
pinned only by numpy's `SeedSequence` rules), and seekable per row, so the verifier
derives only the k rows of `A` it checks (and `B`, n² bytes, once).

**Soundness.** The root binds every leaf before the verifier chooses which to open
(the tree's second-preimage resistance, SHA-256), so a node that computed only `good`
of the L = g·n rows correctly, and committed anything else for the rest, passes k checks
(distinct leaves, uniformly at random) with probability

    C(good, k) / C(L, k)  <=  f^k,      f = good / L

(`pass_probability`). With k = 64: f = 0.9 passes with at most 0.9^64 = 0.12 %
(detection >= 99.88 %), f = 0.5 with 5.4e-20. Answering rows computed after the
challenge, reusing another challenge's answer, committing to garbage, or answering with
a proof for another leaf all give a leaf that hashes to a different root or a row that
differs from the recomputation: each opened row fails with probability 1. A slower
device computes the right rows but late: the verifier's measured TOPS (the work over the
time to commit, less the round trip) falls below the model's figure.

**Cost.** Prover: 2·g·n²·(n·(T-1) + 32) integer operations (`operations`). Verifier:
2·k·n²·T for the rows plus deriving `B` (n² bytes of SHAKE-256): a share ≈ k·T / (g·n·(T-1))
of the prover's work, → k / (g·n) for many rounds (0.4 % at n = 16,384, k = 64, one GPU).

Errors: `ChallengeError` (a ValueError and an `IonetError`) for parameters outside the
limits, a malformed revealed row or proof.
"""

from __future__ import annotations

import hashlib
import importlib
import math
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import numpy.typing as npt

from ionet_sdk import merkle
from ionet_sdk._generated.ionet_registry.types import GpuModel
from ionet_sdk.errors import IonetError
from ionet_sdk.registry import EXPECTED_TFLOPS

if TYPE_CHECKING:
    from collections.abc import Iterable

TAG_A = b"ionet/poc/v1/A"
TAG_B = b"ionet/poc/v1/B"
TAG_MASK = b"ionet/poc/v1/u"
LEAF_TAG = b"ionet-poc-row-v1"
"""16 bytes opening every leaf: a proof-of-compute leaf never passes for a liveness leaf."""
COMMIT_TAG = b"ionet-poc-commit-v1"
LEAF_COLUMNS = 32
LEAF_BYTES = len(LEAF_TAG) + 2 + 4 + 4 * LEAF_COLUMNS
MIN_N = 64
MAX_N = 32_768
"""int32 holds every sum: n · 128 · 128 < 2^31 up to n = 131,071; 32,768 bounds memory."""
MAX_ROUNDS = 100_000
MAX_GPUS = 64
DEFAULT_CHECKS = 64
EXACT_FLOAT32_N = 1024
"""Over this many terms every partial sum (|s| <= 1024 · 2^14) is an integer below 2^24: float32 is exact."""

Int8 = npt.NDArray[np.int8]
Int64 = npt.NDArray[np.int64]

# Dense INT8 tensor throughput per GPU (TOPS, without sparsity; NVIDIA datasheets: H100/H200
# SXM, A100, L40S, RTX A6000, RTX A5000, GeForce RTX 4090 and 3090). The registry states its
# figure in dense FP16 TFLOPS (EXPECTED_TFLOPS); a measured INT8 rate is converted at the
# model's own INT8:FP16 ratio (`registry_tflops`).
INT8_DENSE_TOPS = {
    GpuModel.H200: 1979,
    GpuModel.H100: 1979,
    GpuModel.A100: 624,
    GpuModel.L40S: 733,
    GpuModel.A6000: 310,
    GpuModel.A5000: 222,
    GpuModel.Rtx4090: 661,
    GpuModel.Rtx3090: 284,
    GpuModel.Other: 0,
}


class ChallengeError(IonetError, ValueError):
    """Challenge parameters outside the limits, or a malformed revealed row or proof."""


@dataclass(frozen=True, slots=True)
class Challenge:
    """What the verifier sends at *prepare*: `seed` (32 random bytes), `n` (matrix order,
    a multiple of 64 in [64, 32768]), `rounds` (T >= 2), `gpus` (g in [1, 64])."""

    seed: bytes
    n: int
    rounds: int
    gpus: int = 1

    def __post_init__(self) -> None:
        if len(self.seed) != 32:
            raise ChallengeError(f"a challenge seed is 32 bytes, got {len(self.seed)}")
        if not MIN_N <= self.n <= MAX_N or self.n % 64:
            raise ChallengeError(f"n = {self.n}: a multiple of 64 in [{MIN_N}, {MAX_N}]")
        if not 2 <= self.rounds <= MAX_ROUNDS:
            raise ChallengeError(f"rounds = {self.rounds} outside [2, {MAX_ROUNDS}]")
        if not 1 <= self.gpus <= MAX_GPUS:
            raise ChallengeError(f"gpus = {self.gpus} outside [1, {MAX_GPUS}]")

    @property
    def leaf_count(self) -> int:
        return self.gpus * self.n

    @property
    def operations(self) -> int:
        """Integer operations (a multiply-add counts 2) the prover performs, all GPUs."""
        return operations(self.n, self.rounds, self.gpus)

    def commit_message(self, nonce: bytes, root: bytes) -> bytes:
        """What the agent signs with its key when it commits (binds root to seed and nonce)."""
        head = struct.pack("<III", self.n, self.rounds, self.gpus)
        return COMMIT_TAG + self.seed + head + nonce + root


def operations(n: int, rounds: int, gpus: int = 1) -> int:
    """2·g·n²·(n·(T-1) + 32): integer operations of one challenge."""
    return 2 * gpus * n * n * (n * (rounds - 1) + LEAF_COLUMNS)


def verifier_operations(n: int, rounds: int, checks: int) -> int:
    """2·k·n²·T: the verifier's multiply-adds (x2) to recompute `checks` rows."""
    return 2 * checks * n * n * rounds


# --- derivation (SHAKE-256 per row)


def derive_rows(tag: bytes, seed: bytes, gpu: int, rows: Iterable[int], n: int) -> Int8:
    """Rows of a derived matrix (len(rows) x n, int8): `shake_256(tag || seed || gpu u16 || row u32)`."""
    prefix = tag + seed + struct.pack("<H", gpu)
    data = b"".join(hashlib.shake_256(prefix + struct.pack("<I", i)).digest(n) for i in rows)
    return np.frombuffer(data, dtype=np.int8).reshape(-1, n).copy()


def derive_a(challenge: Challenge, gpu: int, rows: Iterable[int] | None = None) -> Int8:
    """`A_gpu` (or the given rows of it)."""
    n = challenge.n
    return derive_rows(TAG_A, challenge.seed, gpu, range(n) if rows is None else rows, n)


def derive_b(challenge: Challenge) -> Int8:
    """`B`, shared by every GPU (n x n int8)."""
    return derive_rows(TAG_B, challenge.seed, 0, range(challenge.n), challenge.n)


def derive_mask(nonce: bytes, gpu: int, n: int) -> Int8:
    """`u_gpu` (n int8): XORed into every row of `A_gpu` at start."""
    if len(nonce) != 32:
        raise ChallengeError(f"a challenge nonce is 32 bytes, got {len(nonce)}")
    data = hashlib.shake_256(TAG_MASK + nonce + struct.pack("<H", gpu)).digest(n)
    return np.frombuffer(data, dtype=np.int8).copy()


# --- exact arithmetic on the CPU


def exact_matmul(x: Int8, b: npt.NDArray[Any]) -> Int64:
    """x · b for int8 operands, exact, as int64, through float32 BLAS: the inner dimension in
    blocks of 1,024, where every partial sum is an integer below 2^24 (exact in float32),
    the blocks summed in int64. `b` may already be float32."""
    xf = x.astype(np.float32)
    bf = b.astype(np.float32, copy=False)
    inner = x.shape[1]
    if inner <= EXACT_FLOAT32_N:
        product: npt.NDArray[Any] = xf @ bf
        return product.astype(np.int64)
    total = np.zeros((x.shape[0], b.shape[1]), dtype=np.int64)
    for s in range(0, inner, EXACT_FLOAT32_N):
        total += (xf[:, s : s + EXACT_FLOAT32_N] @ bf[s : s + EXACT_FLOAT32_N]).astype(np.int64)
    return total


def byte1(p: npt.NDArray[np.integer[Any]]) -> Int8:
    """Bits 8..15 of each value (arithmetic shift) as a signed byte."""
    return ((p >> 8) & 0xFF).astype(np.uint8).view(np.int8)


def chain(x0: Int8, b: npt.NDArray[Any], rounds: int) -> Int64:
    """The rounds on the CPU: returns P (rows x 32, int64 holding int32 values)."""
    bf = b.astype(np.float32, copy=False)
    x = x0
    for _ in range(rounds - 1):
        x = byte1(exact_matmul(x, bf))
    return exact_matmul(x, bf[:, :LEAF_COLUMNS])


def leaf(gpu: int, row: int, values: npt.NDArray[np.integer[Any]]) -> bytes:
    """`LEAF_TAG || gpu u16 || row u32 || 32 x int32 LE` (150 bytes)."""
    return LEAF_TAG + struct.pack("<HI", gpu, row) + np.asarray(values, dtype="<i4").tobytes()


def masked(a: Int8, mask: Int8) -> Int8:
    """`A XOR u` (u broadcast over the rows)."""
    return np.bitwise_xor(a.view(np.uint8), mask.view(np.uint8)).view(np.int8)


# --- the prover


class Backend(Protocol):
    """Where the prover computes: `load` the matrices (prepare), `run` the rounds (start)."""

    name: str

    def load(self, a: Sequence[Int8], b: Int8) -> None: ...

    def run(self, masks: Sequence[Int8], rounds: int) -> list[Int64]:
        """P for each GPU (n x 32, int64 holding int32 values)."""
        ...


class CpuBackend:
    """numpy through float32 BLAS (exact, see `exact_matmul`); every 'GPU' runs in turn."""

    name = "cpu-numpy"

    def __init__(self) -> None:
        self.a: list[Int8] = []
        self.b: npt.NDArray[Any] = np.zeros((0, 0))

    def load(self, a: Sequence[Int8], b: Int8) -> None:
        self.a = list(a)
        self.b = b.astype(np.float32)

    def run(self, masks: Sequence[Int8], rounds: int) -> list[Int64]:
        return [chain(masked(a, u), self.b, rounds) for a, u in zip(self.a, masks, strict=True)]


class TorchBackend:
    """One CUDA device per claimed GPU, `torch._int_mm` (int8 x int8 → int32 on the tensor
    cores through cuBLASLt: exact). PyTorch rather than CuPy because CuPy has no int8 GEMM
    that accumulates in int32 (its int8 `matmul` returns int8). Imported lazily: the SDK
    does not depend on torch (`pip install ionet-sdk[gpu]`)."""

    name = "cuda-torch"

    def __init__(self, devices: Sequence[int]) -> None:
        self.torch: Any = importlib.import_module("torch")  # optional dependency
        self.devices = list(devices)
        self.a: list[Any] = []
        self.b: list[Any] = []
        self.b_last: list[Any] = []

    def load(self, a: Sequence[Int8], b: Int8) -> None:
        torch = self.torch
        if not self.devices:
            raise ChallengeError("no CUDA device")
        self.a, self.b, self.b_last = [], [], []
        on_device: dict[int, tuple[Any, Any]] = {}
        for d, matrix in enumerate(a):
            # More instances than GPUs (a node that declared more than it has) share the
            # devices round-robin: it answers, slower per GPU, and its rate shows it.
            device = self.devices[d % len(self.devices)]
            dev = torch.device("cuda", device)
            if device not in on_device:
                bt = torch.from_numpy(b).to(dev)
                on_device[device] = (bt, bt[:, :LEAF_COLUMNS].contiguous())
            self.a.append(torch.from_numpy(matrix).to(dev))
            self.b.append(on_device[device][0])
            self.b_last.append(on_device[device][1])
        for device in on_device:
            torch.cuda.synchronize(device)

    def run(self, masks: Sequence[Int8], rounds: int) -> list[Int64]:
        torch = self.torch
        xs = [
            torch.bitwise_xor(a, torch.from_numpy(u).to(a.device)) for a, u in zip(self.a, masks, strict=True)
        ]
        for _ in range(rounds - 1):  # one round on every device, then the next: they overlap
            for d, x in enumerate(xs):
                p = torch._int_mm(x, self.b[d])
                xs[d] = torch.bitwise_and(p >> 8, 0xFF).to(torch.uint8).view(torch.int8)
        out = [torch._int_mm(x, self.b_last[d]) for d, x in enumerate(xs)]
        return [p.cpu().numpy().astype(np.int64) for p in out]  # .cpu() waits for the device


@dataclass
class Commitment:
    """The prover's answer to *start*: the root, and the tree it keeps for *reveal*."""

    root: bytes
    leaf_count: int
    tree: merkle.MerkleTree
    leaves: list[bytes]

    def reveal(self, indices: Sequence[int]) -> list[tuple[int, bytes, merkle.Proof]]:
        """Each requested leaf with its proof; raises `ChallengeError` outside the tree."""
        out = []
        for index in indices:
            if not 0 <= index < self.leaf_count:
                raise ChallengeError(f"leaf {index} outside {self.leaf_count}")
            out.append((index, self.leaves[index], self.tree.proof(index)))
        return out


class Prover:
    """The agent's side: `prepare(challenge)` (derive and load), then `start(nonce)`."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.challenge: Challenge | None = None

    def prepare(self, challenge: Challenge) -> None:
        b = derive_b(challenge)
        self.backend.load([derive_a(challenge, d) for d in range(challenge.gpus)], b)
        self.challenge = challenge

    def start(self, nonce: bytes) -> Commitment:
        """Run the rounds and commit; raises `ChallengeError` before `prepare`."""
        c = self.challenge
        if c is None:
            raise ChallengeError("start before prepare")
        masks = [derive_mask(nonce, d, c.n) for d in range(c.gpus)]
        products = self.backend.run(masks, c.rounds)
        return commit(products)


def commit(products: Sequence[npt.NDArray[np.integer[Any]]]) -> Commitment:
    """The Merkle commitment over every GPU's final rows."""
    leaves = [leaf(d, i, row) for d, p in enumerate(products) for i, row in enumerate(p)]
    tree = merkle.MerkleTree(leaves)
    return Commitment(tree.root, len(leaves), tree, leaves)


def honest_products(challenge: Challenge, nonce: bytes) -> list[Int64]:
    """What an honest CPU prover computes (tests, benchmarks)."""
    backend = CpuBackend()
    prover = Prover(backend)
    prover.prepare(challenge)
    masks = [derive_mask(nonce, d, challenge.n) for d in range(challenge.gpus)]
    return backend.run(masks, challenge.rounds)


# --- the verifier


@dataclass(frozen=True, slots=True)
class RowCheck:
    """One opened leaf: `ok`, and `why` it failed (empty when ok)."""

    index: int
    ok: bool
    why: str = ""


def pick_checks(leaf_count: int, k: int, rng: Any = None) -> list[int]:
    """k distinct leaf indices, uniformly at random (`secrets`-backed unless `rng`, a
    `random.Random`, is given for reproducible simulations)."""
    import random  # noqa: PLC0415
    import secrets  # noqa: PLC0415

    source = rng if rng is not None else random.Random(secrets.randbits(128))
    return sorted(source.sample(range(leaf_count), min(k, leaf_count)))


def verify_rows(
    challenge: Challenge,
    nonce: bytes,
    root: bytes,
    opened: Sequence[tuple[int, bytes, merkle.Proof]],
    asked: Sequence[int],
    *,
    b: Int8 | None = None,
) -> list[RowCheck]:
    """Check each opened leaf: it is the one asked for, its proof reaches `root` in a tree
    of `challenge.leaf_count` leaves, its header names its GPU and row, and its 32 values
    equal the verifier's own recomputation of that row (T vector-matrix products). `b`:
    `derive_b(challenge)` if already derived. Returns one `RowCheck` per asked index."""
    n = challenge.n
    by_index = {index: (data, proof) for index, data, proof in opened}
    results: dict[int, RowCheck] = {}
    to_compute: list[tuple[int, int, int, bytes]] = []
    for index in asked:
        if index not in by_index:
            results[index] = RowCheck(index, False, "not revealed")
            continue
        data, proof = by_index[index]
        gpu, row = divmod(index, n)
        if proof.index != index or proof.leaf_count != challenge.leaf_count:
            results[index] = RowCheck(index, False, "proof for another leaf or tree")
        elif not merkle.verify(root, data, proof):
            results[index] = RowCheck(index, False, "proof does not reach the committed root")
        elif len(data) != LEAF_BYTES or data[: len(LEAF_TAG)] != LEAF_TAG:
            results[index] = RowCheck(index, False, "malformed leaf")
        elif struct.unpack_from("<HI", data, len(LEAF_TAG)) != (gpu, row):
            results[index] = RowCheck(index, False, "leaf names another GPU or row")
        else:
            to_compute.append((index, gpu, row, data))
    if to_compute:
        bm = derive_b(challenge) if b is None else b
        masks = {gpu: derive_mask(nonce, gpu, n) for gpu in {gpu for _, gpu, _, _ in to_compute}}
        x0 = np.vstack([masked(derive_a(challenge, gpu, [row]), masks[gpu]) for _, gpu, row, _ in to_compute])
        expected = chain(x0, bm, challenge.rounds)
        for (index, _, _, data), want in zip(to_compute, expected, strict=True):
            got = np.frombuffer(data, dtype="<i4", offset=len(LEAF_TAG) + 6)
            same = bool(np.array_equal(got.astype(np.int64), want))
            results[index] = RowCheck(index, same, "" if same else "row differs from the recomputation")
    return [results[i] for i in asked]


def pass_probability(leaf_count: int, good: int, checks: int) -> float:
    """Probability that a prover with `good` correct leaves of `leaf_count` passes
    `checks` distinct uniform checks: C(good, k) / C(L, k) (<= (good/L)^k)."""
    if checks > leaf_count:
        return 1.0 if good >= leaf_count else 0.0
    return math.comb(good, checks) / math.comb(leaf_count, checks)


def checks_for(fraction: float, detection: float) -> int:
    """The smallest k with fraction^k <= 1 - detection (e.g. 0.9, 0.99 → 44)."""
    if not 0 < fraction < 1 or not 0 < detection < 1:
        raise ChallengeError("fraction and detection are in (0, 1)")
    return math.ceil(math.log(1 - detection) / math.log(fraction))


def measured_tops(ops: int, elapsed_secs: float, rtt_secs: float, gpus: int) -> float:
    """Per-GPU TOPS: `ops` / (elapsed - rtt) / g / 1e12 (elapsed: start sent → commit
    received, seconds). Raises `ChallengeError` when the corrected time is not positive."""
    compute = elapsed_secs - rtt_secs
    if compute <= 0:
        raise ChallengeError(f"time to commit {elapsed_secs:.6f} s is not above the round trip")
    return ops / compute / gpus / 1e12


def registry_tflops(model: GpuModel, int8_tops: float) -> float:
    """A measured per-GPU INT8 rate in the registry's unit (dense FP16 TFLOPS), at the
    model's INT8:FP16 ratio; for `Other` (no reference figure) the INT8 rate itself."""
    peak = INT8_DENSE_TOPS.get(model, 0)
    if peak == 0:
        return int8_tops
    return int8_tops * EXPECTED_TFLOPS[model] / peak


def default_rounds(model: GpuModel, n: int, gpus: int, target_secs: float) -> int:
    """Rounds so that a GPU at the model's INT8 peak computes for about `target_secs`
    (at least 2; `Other` and the CPU: 2)."""
    peak = INT8_DENSE_TOPS.get(model, 0)
    if peak == 0:
        return 2
    per_round = 2 * n**3 / (peak * 1e12)
    return max(2, min(MAX_ROUNDS, round(target_secs / per_round)))


__all__ = [
    "DEFAULT_CHECKS",
    "INT8_DENSE_TOPS",
    "LEAF_BYTES",
    "Challenge",
    "ChallengeError",
    "Commitment",
    "CpuBackend",
    "Prover",
    "RowCheck",
    "TorchBackend",
    "checks_for",
    "commit",
    "default_rounds",
    "derive_a",
    "derive_b",
    "derive_mask",
    "honest_products",
    "measured_tops",
    "operations",
    "pass_probability",
    "pick_checks",
    "registry_tflops",
    "verifier_operations",
    "verify_rows",
]
