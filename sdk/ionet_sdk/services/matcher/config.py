"""The matcher's settings (`ionet matcher run`): TOML file, then `IONET_MATCHER_*`, then flags.
A settings file:

    rpc_url = "localnet"
    keypair = "~/.config/ionet/matcher.json"  # the escrow's matcher; pays the runs' rent
    ws_url = ""                                # "": the RPC port + 1; "none": poll only
    port = 8791                                # /health, /metrics, POST /v1/coordinates
    coordinates_file = "/var/lib/ionet/coordinates.json"
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from ionet_sdk.cluster import cluster_url
from ionet_sdk.errors import ConfigError
from ionet_sdk.services.common.settings import load_settings

ENV_PREFIX = "IONET_MATCHER_"


@dataclass(frozen=True, slots=True)
class MatcherConfig:
    """Everything `ionet matcher run` needs. Times in seconds."""

    keypair: Path
    """The escrow config's matcher key: signs `job_assign` and pays the runs' rent (lamports)."""
    rpc_url: str = "localnet"
    ws_url: str = ""
    """Websocket for programSubscribe; "" derives it (the RPC port + 1); "none" polls only."""
    host: str = "127.0.0.1"
    port: int = 8791
    """/health, /metrics and POST /v1/coordinates (0: none)."""
    interval_secs: float = 2.0
    """How often open jobs are swept even without a notification (retries)."""
    poll_secs: float = 10.0
    """Without a websocket: how often nodes and jobs are read again (getProgramAccounts)."""
    resync_secs: float = 300.0
    """With a websocket: a full read this often anyway (a missed notification heals)."""
    coordinates_file: Path | None = None
    """Where the nodes' Vivaldi coordinates are kept across restarts (JSON); None: memory only."""
    start_grace_secs: int = 120
    """A node assigned but not started this long (chain time) is withdrawn and replaced. unit: seconds"""
    fee_percentile: int = 75
    max_priority_fee: int = 100_000
    """unit: micro-lamports per CU"""
    log_json: bool = False

    def validate(self) -> None:
        """Raise `ConfigError` for a value out of range."""
        if not 0 <= self.port < 65536:
            raise ConfigError(f"matcher port {self.port} outside 0..65535")
        for name in ("interval_secs", "poll_secs", "resync_secs"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"{name} must be positive")
        if self.start_grace_secs <= 0:
            raise ConfigError(f"start_grace_secs must be positive, got {self.start_grace_secs}")
        if not 0 <= self.fee_percentile <= 100:
            raise ConfigError(f"fee_percentile {self.fee_percentile} outside 0..100")
        if self.ws_url not in ("", "none") and not self.ws_url.startswith(("ws://", "wss://")):
            raise ConfigError(f"ws_url {self.ws_url!r}: a ws:// or wss:// URL, empty or none")

    def websocket(self) -> str | None:
        """The websocket URL to subscribe at, or None to poll only."""
        if self.ws_url == "none":
            return None
        if self.ws_url:
            return self.ws_url
        url = urlparse(cluster_url(self.rpc_url))
        scheme = "wss" if url.scheme == "https" else "ws"
        if url.port is None:
            return f"{scheme}://{url.hostname}{url.path}"
        return f"{scheme}://{url.hostname}:{url.port + 1}{url.path}"


def load(
    file: Path | None = None,
    env: dict[str, str] | None = None,
    defaults: dict[str, Any] | None = None,
    **flags: Any,
) -> MatcherConfig:
    """Settings from `defaults` (the CLI's --url/--keypair), `file`, `env`, `flags`.
    Raises `ConfigError`."""
    return load_settings(MatcherConfig, ENV_PREFIX, file, env, defaults, **flags)
