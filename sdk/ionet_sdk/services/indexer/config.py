"""The indexer's settings: defaults, then a TOML file, then `IONET_INDEXER_*` variables,
then flags (`ionet_sdk.services.common.settings`).

    # indexer.toml
    rpc_url = "localnet"
    db_url = "postgresql+psycopg://ionet@127.0.0.1/ionet"   # default: sqlite:///indexer.sqlite3
    port = 8792
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ionet_sdk.cluster import cluster_url
from ionet_sdk.errors import ConfigError
from ionet_sdk.services.common.settings import load_settings

ENV_PREFIX = "IONET_INDEXER_"
COMMITMENTS = ("confirmed", "finalized")


@dataclass(frozen=True, slots=True)
class IndexerConfig:
    """Everything `ionet indexer run` needs. Times in seconds."""

    rpc_url: str = "localnet"
    """The cluster to follow (HTTP JSON-RPC)."""
    ws_url: str = ""
    """Its websocket endpoint; empty: the RPC URL's scheme as ws(s), port + 1 when it has one
    (the validator convention)."""
    db_url: str = "sqlite:///indexer.sqlite3"
    """A SQLAlchemy URL: `sqlite:///file` or `postgresql+psycopg://user:pass@host/db`."""
    host: str = "127.0.0.1"
    port: int = 8792
    commitment: str = "confirmed"
    """The least commitment a transaction needs to be indexed (`confirmed` or `finalized`);
    rows say which level they reached and are promoted once final."""
    poll_secs: float = 5.0
    """The polling fallback: how often the indexer asks for new signatures when no
    websocket notification woke it sooner."""
    page_size: int = 1000
    """Signatures per `getSignaturesForAddress` page (1..1000)."""
    fetch_concurrency: int = 8
    """`getTransaction` requests in flight at once during a backfill."""
    serve: bool = True
    """Serve the query API and the explorer (off: only index)."""
    log_json: bool = False

    def validate(self) -> IndexerConfig:
        """Raise `ConfigError` for a value outside its range; returns self."""
        if not 0 < self.port < 65536:
            raise ConfigError(f"indexer port {self.port} outside 1..65535")
        if self.commitment not in COMMITMENTS:
            raise ConfigError(f"indexer commitment must be one of {', '.join(COMMITMENTS)}")
        if self.poll_secs <= 0:
            raise ConfigError("poll_secs must be positive")
        if not 1 <= self.page_size <= 1000:
            raise ConfigError(f"page_size {self.page_size} outside 1..1000")
        if not 1 <= self.fetch_concurrency <= 64:
            raise ConfigError(f"fetch_concurrency {self.fetch_concurrency} outside 1..64")
        if not self.db_url.startswith(("sqlite", "postgresql")):
            raise ConfigError(f"db_url must be a sqlite:// or postgresql+psycopg:// URL, not {self.db_url!r}")
        return self

    def websocket_url(self) -> str:
        """The websocket endpoint (`ws_url`, or derived from `rpc_url`)."""
        if self.ws_url:
            return self.ws_url
        parts = urlsplit(cluster_url(self.rpc_url))
        scheme = "wss" if parts.scheme == "https" else "ws"
        netloc = parts.netloc
        if parts.port is not None:
            netloc = f"{parts.hostname}:{parts.port + 1}"
        return urlunsplit((scheme, netloc, parts.path, parts.query, ""))


def load(
    file: Path | None = None,
    env: dict[str, str] | None = None,
    defaults: dict[str, Any] | None = None,
    **flags: Any,
) -> IndexerConfig:
    """Settings from `defaults`, `file` (TOML), `env` (`IONET_INDEXER_<NAME>`), `flags`.
    Raises `ConfigError` for an unknown key or a bad value."""
    return load_settings(IndexerConfig, ENV_PREFIX, file, env, defaults, **flags)
