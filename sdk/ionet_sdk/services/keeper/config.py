"""The keeper's settings (`ionet keeper run`): TOML file, then `IONET_KEEPER_*`, then flags.
A settings file:

# keeper.toml
rpc_url = "localnet"
keypair = "~/.config/ionet/keeper.json"   # pays fees and the rent of slash proposals
interval_secs = 5
port = 8790                                # /health and /metrics
oracles = "http://127.0.0.1:8787"          # leaves and proofs for node_sync
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ionet_sdk.errors import ConfigError
from ionet_sdk.services.common.settings import load_settings

ENV_PREFIX = "IONET_KEEPER_"


@dataclass(frozen=True, slots=True)
class KeeperConfig:
    """Everything `ionet keeper run` needs. Times in seconds."""

    keypair: Path
    """Signs and pays every crank (fees in lamports; the rent of slash proposals `job_timeout` creates)."""
    rpc_url: str = "localnet"
    host: str = "127.0.0.1"
    port: int = 8790
    """`GET /health` and `GET /metrics` (0: no endpoint)."""
    interval_secs: float = 5.0
    """Pause between two passes over the chain."""
    steps: str = ""
    """Comma-separated step names to run (default: every step of `steps.STEPS`)."""
    fee_percentile: int = 75
    """Priority fee: this percentile of getRecentPrioritizationFees for the accounts locked."""
    max_priority_fee: int = 100_000
    """unit: micro-lamports per CU; the priority fee never exceeds it."""
    oracles: str = ""
    """Oracle base URLs, comma-separated: where `sync_nodes` fetches each node's leaf and
    proof (checked against the on-chain root); empty: nodes are not synced."""
    log_json: bool = False

    def validate(self) -> None:
        """Raise `ConfigError` for a value out of range."""
        if not 0 <= self.port < 65536:
            raise ConfigError(f"keeper port {self.port} outside 0..65535")
        if self.interval_secs <= 0:
            raise ConfigError("interval_secs must be positive")
        if not 0 <= self.fee_percentile <= 100:
            raise ConfigError(f"fee_percentile {self.fee_percentile} outside 0..100")
        if self.max_priority_fee < 0:
            raise ConfigError("max_priority_fee must not be negative")
        from ionet_sdk.services.keeper.steps import STEPS  # noqa: PLC0415 (steps imports the SDK)

        unknown = set(self.step_names()) - {s.name for s in STEPS}
        if unknown:
            known = ", ".join(s.name for s in STEPS)
            raise ConfigError(f"unknown keeper step(s) {', '.join(sorted(unknown))}: use {known}")

    def oracle_urls(self) -> list[str]:
        return [u.strip() for u in self.oracles.split(",") if u.strip()]

    def step_names(self) -> list[str]:
        return [s.strip() for s in self.steps.split(",") if s.strip()]


def load(
    file: Path | None = None,
    env: dict[str, str] | None = None,
    defaults: dict[str, Any] | None = None,
    **flags: Any,
) -> KeeperConfig:
    """Settings from `defaults` (the CLI's --url/--keypair), `file`, `env`, `flags`.
    Raises `ConfigError`."""
    return load_settings(KeeperConfig, ENV_PREFIX, file, env, defaults, **flags)
