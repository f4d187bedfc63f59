"""Proof of compute: the prover's cost against the verifier's, and the challenge's soundness.

    .venv/bin/python scripts/bench_poc.py            # CPU here; CUDA when torch sees a GPU
    .venv/bin/python scripts/bench_poc.py --sizes 256 512 --runs 200

Prints, in one run:
1. per size n: the prover's time to derive (prepare, untimed by the verifier) and to
   compute and commit (start, timed), its achieved INT8 TOPS, the verifier's time to
   recompute k opened rows (with deriving B), and their ratio;
2. the detection rate over `--runs` fresh challenges against cheaters that computed a
   fraction f = 0.5 and f = 0.9 of the rows (the rest made up), beside the bound
   1 - f^k, and the false-failure rate over `--runs` honest challenges;
3. `goal:` lines.

The device: CUDA through torch (`TorchBackend`) when torch is installed and sees a GPU,
otherwise numpy on the CPU (`CpuBackend`); the verifier always runs on the CPU.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import random
import time

# One BLAS thread for prover and verifier alike: a fair ratio, and stable timings on a
# shared machine (OpenBLAS threads spin-wait badly on busy cores). Override from the shell.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np

from ionet_sdk import compute_proof as cp


def device() -> tuple[str, cp.Backend, bool]:
    try:
        torch = importlib.import_module("torch")
        if torch.cuda.is_available():
            name = torch.cuda.get_device_name(0)
            return f"cuda: {name} (torch {torch.__version__})", cp.TorchBackend([0]), True
    except ImportError:
        pass
    cpu = platform.processor() or platform.machine()
    threads = os.environ["OPENBLAS_NUM_THREADS"]
    return (
        f"cpu: {cpu}, {os.cpu_count()} cores, {threads} BLAS thread(s) (numpy {np.__version__})",
        cp.CpuBackend(),
        False,
    )


def prover_vs_verifier(
    backend: cp.Backend, sizes: list[int], rounds: int, checks: int, repeat: int
) -> list[float]:
    print(
        f"\n## prover vs verifier (rounds T = {rounds}, k = {checks} rows opened, 1 GPU, best of {repeat})\n"
    )
    print(
        "| n | prover derive s | prover compute+commit s | prover TOPS | verifier s "
        "| verifier/prover time % | verifier/prover operations % |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    shares = []
    rng = random.Random(1)
    for n in sizes:
        challenge = cp.Challenge(os.urandom(32), n, rounds, 1)
        nonce = os.urandom(32)
        prover = cp.Prover(backend)
        t0 = time.perf_counter()
        prover.prepare(challenge)
        derive = time.perf_counter() - t0
        prove = verify = float("inf")
        for _ in range(
            repeat if n < 8192 else 1
        ):  # best of `repeat` (the machine may be shared); once from 8192
            t1 = time.perf_counter()
            commitment = prover.start(nonce)
            prove = min(prove, time.perf_counter() - t1)
            asked = cp.pick_checks(challenge.leaf_count, checks, rng)
            opened = commitment.reveal(asked)
            t3 = time.perf_counter()
            results = cp.verify_rows(challenge, nonce, commitment.root, opened, asked)
            verify = min(verify, time.perf_counter() - t3)
            assert all(r.ok for r in results), "an honest prover failed"
        tops = challenge.operations / prove / 1e12
        share = 100 * verify / prove
        ops_share = 100 * cp.verifier_operations(n, rounds, checks) / challenge.operations
        shares.append(share)
        print(
            f"| {n} | {derive:.3f} | {prove:.3f} | {tops:.4f} | {verify:.4f} | {share:.2f} "
            f"| {ops_share:.2f} |"
        )
    return shares


def detection(runs: int, fraction: float, checks: int, *, n: int, gpus: int, seed: int) -> tuple[int, float]:
    """Runs fresh challenges against a cheater that computed `fraction` of the rows; returns
    (runs caught, the exact pass probability)."""
    rng = random.Random(seed)
    leaves = n * gpus
    good_count = round(fraction * leaves)
    caught = 0
    for _ in range(runs):
        challenge = cp.Challenge(rng.randbytes(32), n, 2, gpus)
        nonce = rng.randbytes(32)
        products = cp.honest_products(challenge, nonce)
        good = set(rng.sample(range(leaves), good_count))
        for d, p in enumerate(products):
            for i in range(n):
                if d * n + i not in good:
                    p[i] += 1 + rng.randrange(1000)  # made-up values for the rows it skipped
        commitment = cp.commit(products)
        asked = cp.pick_checks(leaves, checks, rng)
        results = cp.verify_rows(challenge, nonce, commitment.root, commitment.reveal(asked), asked)
        caught += not all(r.ok for r in results)
    return caught, cp.pass_probability(leaves, good_count, checks)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", type=int, nargs="*", help="matrix orders (default: CPU 1024..8192, GPU 4096..16384)"
    )
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--checks", type=int, default=cp.DEFAULT_CHECKS)
    parser.add_argument("--runs", type=int, default=1000, help="challenges per cheater kind")
    parser.add_argument("--repeat", type=int, default=3, help="timings per size (the best is kept)")
    args = parser.parse_args()
    name, backend, gpu = device()
    sizes = args.sizes or ([4096, 8192, 16384] if gpu else [1024, 2048, 4096, 8192])
    print(f"# proof of compute benchmark\n\ndevice: {name}; verifier: numpy on the CPU")
    shares = prover_vs_verifier(backend, sizes, args.rounds, args.checks, args.repeat)

    n, gpus = 128, 8  # 1,024 leaves per challenge: small enough for thousands of fresh runs
    print(f"\n## soundness ({args.runs} fresh challenges each, n = {n}, {gpus} GPUs = {n * gpus} rows, "
          f"k = {args.checks})\n")  # fmt: skip
    print("| prover | caught | detection % | bound 1 - f^k % | exact 1 - C(good,k)/C(L,k) % |")
    print("|---|---:|---:|---:|---:|")
    rates = {}
    for fraction, seed in ((0.5, 5), (0.9, 9)):
        caught, p_pass = detection(args.runs, fraction, args.checks, n=n, gpus=gpus, seed=seed)
        rates[fraction] = 100 * caught / args.runs
        print(f"| computed f = {fraction} | {caught}/{args.runs} | {rates[fraction]:.2f} "
              f"| {100 * (1 - fraction**args.checks):.4f} | {100 * (1 - p_pass):.4f} |")  # fmt: skip
    false_failures, _ = detection(args.runs, 1.0, args.checks, n=n, gpus=gpus, seed=11)
    print(f"| honest (f = 1) | {false_failures}/{args.runs} failed | | | |")
    false_pct = 100 * false_failures / args.runs
    print(f"\nverifier share of the prover's operations = k/(g n): {100 * args.checks / 16384:.2f} % at "
          f"n = 16384 on one GPU (the size `ionet verifier` uses by default)")  # fmt: skip
    print(f"\ngoal: verifier_cost_share_pct = {shares[-1]:.2f} % (target < 1) [measured at n = {sizes[-1]}]")
    print(f"goal: detection_rate_f90_pct = {rates[0.9]:.2f} % (target >= 99)")
    print(f"goal: detection_rate_f50_pct = {rates[0.5]:.2f} % (target >= 99)")
    print(f"goal: false_failure_rate_pct = {false_pct:.2f} % (target == 0)")


if __name__ == "__main__":
    main()
