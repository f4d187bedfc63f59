"""The network's economics off-chain: emission schedules to propose, and the figures
computed from the token program's statistics."""

from __future__ import annotations

from ionet_sdk._generated.ionet_token.types import EmissionEntry
from ionet_sdk.defaults import DAY, EPOCH_SECS

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
