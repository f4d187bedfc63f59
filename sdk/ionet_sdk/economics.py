"""The network's economics off-chain: emission schedules to propose, and the figures
computed from the token program's statistics."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ionet_sdk._generated.ionet_token.accounts import NetworkStats
from ionet_sdk._generated.ionet_token.types import EmissionEntry
from ionet_sdk.defaults import DAY, EPOCH_SECS
from ionet_sdk.errors import InvalidArgumentError

YEAR = 365 * DAY
MONTH = YEAR // 12


def halving_schedule(
    start: int, *, first_year: int, years: int, epoch_secs: int = EPOCH_SECS
) -> list[EmissionEntry]:
    """The seeds' model: `first_year` IO (base units) emitted in year one, halving every
    year: one entry a year."""
    epochs_per_year = YEAR // epoch_secs
    return [
        EmissionEntry(start_time=start + y * YEAR, per_epoch=(first_year >> y) // epochs_per_year)
        for y in range(years)
    ]


def decay_schedule(
    start: int,
    *,
    supply: int,
    annual_rate_bps: int,
    months: int,
    monthly_decay_bps: int = 100,
    epoch_secs: int = EPOCH_SECS,
) -> list[EmissionEntry]:
    """io.net's published model: emit `annual_rate_bps` of the supply a year, the rate
    decaying by `monthly_decay_bps` (relative) every month: one entry a month (at most
    64 entries on-chain; later months are appended by parameter proposals)."""
    epochs_per_month = MONTH // epoch_secs
    entries = []
    rate = annual_rate_bps
    for m in range(months):
        per_month = supply * rate // 10_000 // 12
        entries.append(EmissionEntry(start_time=start + m * MONTH, per_epoch=per_month // epochs_per_month))
        supply += per_month
        rate = rate * (10_000 - monthly_decay_bps) // 10_000
    return entries


@dataclass(frozen=True, slots=True)
class Period:
    """The network's economics over a run of epochs, from the stats account's ring."""

    first_epoch: int
    last_epoch: int
    minted: int
    burned: int
    compute_spend: int
    fees: int

    @property
    def demand_to_emission(self) -> float:
        """Compute spend / emissions over the period (the seeds' D/E, both in IO): 0.60
        and above marks a self-sustaining network; infinite when nothing was emitted."""
        return self.compute_spend / self.minted if self.minted else math.inf

    @property
    def net_deflation(self) -> bool:
        """Burned more than minted in the period."""
        return self.burned > self.minted


def period(stats: NetworkStats, last_epoch: int, epochs: int) -> Period:
    """The `epochs` epochs ending with `last_epoch` (at most the 64 the ring keeps);
    epochs the ring no longer holds count as empty."""
    if not 1 <= epochs <= len(stats.epochs):
        raise InvalidArgumentError(f"a period spans 1..{len(stats.epochs)} epochs, not {epochs}")
    first = max(0, last_epoch - epochs + 1)
    held = [
        e for e in stats.epochs if first <= e.epoch <= last_epoch and (e.epoch or e.minted or e.burned_fees)
    ]
    return Period(
        first_epoch=first,
        last_epoch=last_epoch,
        minted=sum(e.minted for e in held),
        burned=sum(e.burned_fees + e.burned_slashes for e in held),
        compute_spend=sum(e.compute_spend for e in held),
        fees=sum(e.fees for e in held),
    )
