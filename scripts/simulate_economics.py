#!/usr/bin/env python3
"""Simulate the IO token's economics for N years with the real token program on LiteSVM.

    scripts/simulate_economics.py [--years 10] [--out target/economics]

For each emission model (the seeds' annual halving, io.net's smooth decay) it
initializes the token program with a 500M IO genesis and daily epochs, then
for every epoch warps the clock one day, cranks `emission_mint_epoch` and
settles a day of simulated demand: compute spend growing month by month, a
2% fee burned through `fees_burn`. The decay model's schedule holds 64 monthly
entries; as they run out the script extends it by `params_propose` and, after
the timelock, `params_execute`, as governance would. Every figure is read back
from the chain (the mint's supply, the stats account). It writes one PNG per
model (supply, cumulative minted and burned, Demand-to-Emission ratio over a
trailing year) and a CSV, and prints a yearly table.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import multiprocessing
from dataclasses import dataclass, replace
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from solders.keypair import Keypair

from ionet_sdk import token
from ionet_sdk._generated.ionet_token import events
from ionet_sdk._generated.ionet_token.types import EmissionEntry
from ionet_sdk.defaults import DAY, IO, TOKEN_PARAMS
from ionet_sdk.economics import MONTH, decay_schedule, halving_schedule
from ionet_sdk.testing.token import GENESIS, TokenSandbox

FEE_BPS = 200
DEMAND_START = 50_000 * IO  # compute spend on day one
DEMAND_GROWTH_BPS = 600  # per month, for the first three years; 100 after


@dataclass
class Day:
    day: int
    supply: int
    minted: int
    burned: int
    spend: int
    emitted_today: int


def demand(day: int) -> int:
    months = day * DAY // MONTH
    fast = min(months, 36)
    slow = max(0, months - 36)
    return int(DEMAND_START * (1 + DEMAND_GROWTH_BPS / 10_000) ** fast * 1.01**slow)


async def simulate(model: str, years: int) -> list[Day]:
    env = TokenSandbox()
    await env.setup(init=False)
    start = await env.now()
    later: list[EmissionEntry] = []
    if model == "halving":
        schedule = halving_schedule(
            start, first_year=150_000_000 * IO, years=min(years + 1, 64), epoch_secs=DAY
        )
    else:
        # The whole decay, projected once; the chain holds 64 months at a time.
        full = decay_schedule(
            start, supply=GENESIS, annual_rate_bps=800, months=12 * years + 12, epoch_secs=DAY
        )
        schedule, later = full[:64], full[64:]
    params = replace(TOKEN_PARAMS, breaker_threshold=5_000_000 * IO, timelock_secs=2 * DAY)
    args = env.init_args(schedule=schedule, params=params, epoch_secs=DAY)
    await env.send([token.build_token_init_ix(env.deployer.pubkey(), args)], env.deployer)
    client = Keypair()
    env.conn.airdrop(client.pubkey(), 10**12)
    await env.genesis(client, GENESIS)  # the demand side's IO (and everyone else's)

    days: list[Day] = []
    pending_until: int | None = None
    last_entry = schedule[-1]
    for day in range(years * 365):
        env.conn.warp(DAY)
        result = await env.crank()
        emitted = sum(e.amount for e in events.parse_logs(result.logs) if isinstance(e, events.EpochEmitted))
        spend = demand(day)
        fee = spend * FEE_BPS // 10_000
        await env.burn(client, fee, compute_spend=spend, fees=fee)
        now = await env.now()
        if model == "decay" and later and pending_until is None and last_entry.start_time - now < 6 * MONTH:
            more, later = later[:48], later[48:]
            await env.send([token.build_params_propose_ix(env.admin.pubkey(), params, more)], env.admin)
            pending_until = now + params.timelock_secs
            last_entry = more[-1]
        if pending_until is not None and now >= pending_until:
            await env.send([token.build_params_execute_ix(env.admin.pubkey())], env.admin)
            pending_until = None
        stats = await env.stats()
        days.append(
            Day(
                day=day,
                supply=await env.supply(),
                minted=stats.minted_genesis + stats.minted_emission,
                burned=stats.burned_fees + stats.burned_slashes,
                spend=spend,
                emitted_today=emitted,
            )
        )
    return days


def run_simulation(model: str, years: int) -> list[Day]:
    return asyncio.run(simulate(model, years))


def de_ratio(days: list[Day], i: int) -> float:
    """Trailing-year compute spend over trailing-year emissions (both in IO)."""
    window = days[max(0, i - 364) : i + 1]
    emitted = sum(d.emitted_today for d in window)
    return sum(d.spend for d in window) / emitted if emitted else float("inf")


def plot(model: str, days: list[Day], out: Path) -> Path:
    years = np.array([d.day for d in days], dtype=np.float64) / 365
    fig, axes = plt.subplots(2, 2, figsize=(11, 7))
    axes[0][0].plot(years, np.array([d.supply for d in days], dtype=np.float64) / IO / 1e6)
    axes[0][0].axhline(800, color="red", linestyle="--", label="cap")
    axes[0][0].set_title("Supply (M IO)")
    axes[0][0].legend()
    axes[0][1].plot(years, [d.minted / IO / 1e6 for d in days], label="minted (genesis + emissions)")
    axes[0][1].plot(years, [d.burned / IO / 1e6 for d in days], label="burned (fees)")
    axes[0][1].set_title("Cumulative (M IO)")
    axes[0][1].legend()
    axes[1][0].plot(years, [de_ratio(days, i) for i in range(len(days))])
    axes[1][0].axhline(0.6, color="green", linestyle="--", label="0.60: self-sustaining")
    axes[1][0].set_title("Demand-to-Emission ratio (trailing year)")
    axes[1][0].set_yscale("log")
    axes[1][0].legend()
    axes[1][1].plot(years, [d.emitted_today / IO / 1e3 for d in days], label="emitted")
    axes[1][1].plot(years, [d.spend * FEE_BPS / 10_000 / IO / 1e3 for d in days], label="burned")
    axes[1][1].set_title("Per day (k IO)")
    axes[1][1].legend()
    for ax in axes[1]:
        ax.set_xlabel("years")
    fig.suptitle(f"IO economics, {model} emissions (ionet_token on LiteSVM)")
    fig.subplots_adjust(hspace=0.35, wspace=0.25)
    path = out / f"{model}.png"
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--out", type=Path, default=Path("target/economics"))
    args = parser.parse_args()
    if args.years < 1:
        parser.error("--years must be at least 1")
    args.out.mkdir(parents=True, exist_ok=True)
    # Each simulation runs in a fresh process: after long LiteSVM runs, numpy's
    # floating-point arithmetic in this process misbehaved (matplotlib's tick
    # locator got NaN from finite floor divisions), so plotting stays apart.
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        results = pool.starmap(run_simulation, [("halving", args.years), ("decay", args.years)])
    for model, days in zip(("halving", "decay"), results, strict=True):
        with (args.out / f"{model}.csv").open("w", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["day", "supply", "minted", "burned", "compute_spend", "emitted"])
            writer.writerows([d.day, d.supply, d.minted, d.burned, d.spend, d.emitted_today] for d in days)
        print(f"\n{model}: {plot(model, days, args.out)}")
        print(
            f"{'year':>4} {'supply (M IO)':>14} {'minted (M)':>11} {'burned (M)':>11} {'D/E':>7} {'net':>10}"
        )
        for year in range(1, args.years + 1):
            i = year * 365 - 1
            d, prev = days[i], days[i - 364]
            net = "deflation" if (d.burned - prev.burned) > (d.minted - prev.minted) else "inflation"
            print(
                f"{year:>4} {d.supply / IO / 1e6:>14.1f} {d.minted / IO / 1e6:>11.1f} "
                f"{d.burned / IO / 1e6:>11.1f} {de_ratio(days, i):>7.2f} {net:>10}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
