"""The oracle's settings: one typed object, read from a TOML file, then `IONET_ORACLE_*`
environment variables, then command-line flags (each overriding the one before), and
validated before the service starts.

    # oracle.toml
    host = "127.0.0.1"
    port = 8787
    rpc_url = "localnet"
    keypair = "~/.config/ionet/oracle.json"
    db = "oracle.sqlite3"
    epoch_secs = 3600          # the IO token's epoch; genesis_time from the token config
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from ionet_sdk.errors import ConfigError
from ionet_sdk.services.common.settings import load_settings

ENV_PREFIX = "IONET_ORACLE_"


@dataclass(frozen=True, slots=True)
class OracleConfig:
    """Everything `ionet oracle run` needs. Times in seconds unless named otherwise."""

    keypair: Path
    """The oracle's signing key (Solana CLI JSON file): signs receipts and root statements."""
    host: str = "127.0.0.1"
    port: int = 8787
    rpc_url: str = "localnet"
    """The cluster whose registry names each node's agent key."""
    db: Path = Path("oracle.sqlite3")
    """SQLite database (WAL mode): heartbeats, leaves and roots."""
    registry_config: str = ""
    """The registry config address heartbeats must name; empty: the registry's config PDA."""
    genesis_time: int | None = None
    """unit: unix seconds; None: read from the IO token config on `rpc_url`."""
    epoch_secs: int | None = None
    """unit: seconds; None: read from the IO token config (3,600 by default)."""
    coverage_secs: float = 90.0
    """A heartbeat received at r credits presence over [r, r + coverage) (cadence 60 s + 30 s jitter)."""
    max_skew_secs: float = 30.0
    """A heartbeat whose timestamp is further than this from the oracle's clock is refused (late)."""
    settle_secs: float = 1.0
    """How long after an epoch ends the oracle waits before aggregating it."""
    registry_ttl_secs: float = 60.0
    """How long a node's agent key and status are cached before they are read again."""
    max_batch: int = 1000
    """Most heartbeats one batched request may carry."""
    verify_threads: int = field(default_factory=lambda: os.cpu_count() or 1)
    """Threads that verify a batch's signatures (libsodium runs without the GIL)."""
    retain_epochs: int = 48
    """Heartbeats older than this many epochs are deleted after aggregation (leaves and roots stay)."""
    chain_clock: bool = False
    """Read time from the cluster's Clock sysvar (every `chain_clock_secs`) instead of the
    machine's: for a local validator whose clock is warped (`ionet demo --network`); the
    agents then set it too, or their heartbeats are refused as late."""
    chain_clock_secs: float = 1.0
    log_json: bool = False

    def validate(self) -> OracleConfig:
        """Raise `ConfigError` for any value outside its range; returns self."""
        if not 0 < self.port < 65536:
            raise ConfigError(f"oracle port {self.port} outside 1..65535")
        if self.epoch_secs is not None and self.epoch_secs <= 0:
            raise ConfigError(f"epoch_secs must be positive, got {self.epoch_secs}")
        names = ("coverage_secs", "max_skew_secs", "settle_secs", "registry_ttl_secs", "chain_clock_secs")
        for name in names:
            if getattr(self, name) < 0:
                raise ConfigError(f"{name} must not be negative")
        if self.chain_clock_secs == 0:
            raise ConfigError("chain_clock_secs must be positive")
        if self.coverage_secs == 0:
            raise ConfigError("coverage_secs must be positive")
        if not 1 <= self.verify_threads <= 64:
            raise ConfigError(f"verify_threads {self.verify_threads} outside 1..64")
        if not 1 <= self.max_batch <= 10_000:
            raise ConfigError(f"max_batch {self.max_batch} outside 1..10000")
        if self.retain_epochs < 2:
            raise ConfigError("retain_epochs must be at least 2")
        return self

    def redacted(self) -> dict[str, Any]:
        """The settings to print at start (the keypair's path, never its bytes)."""
        return {f.name: str(v) if isinstance(v, Path) else v for f, v in self._items()}

    def _items(self) -> list[tuple[dataclasses.Field[Any], Any]]:
        return [(f, getattr(self, f.name)) for f in fields(self)]


def load(
    file: Path | None = None,
    env: dict[str, str] | None = None,
    defaults: dict[str, Any] | None = None,
    **flags: Any,
) -> OracleConfig:
    """Settings from `defaults` (e.g. the CLI's global --url/--keypair), then `file` (TOML),
    then `env` (`IONET_ORACLE_<NAME>`, default os.environ), then `flags` (None means not
    given). Raises `ConfigError` for an unknown key, a bad value or no keypair."""
    return load_settings(OracleConfig, ENV_PREFIX, file, env, defaults, **flags)
